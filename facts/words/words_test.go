package words

import (
	"sort"
	"strings"
	"testing"
)

func TestCommon(t *testing.T) {
	for w, want := range map[string]bool{
		"along": true, "kinds": true, "referendum": true, "haggle": true, "organise": true, "organize": true,
		"atack": false, "presdent": false, "barkhane": false, "goita": false, "": false, "the": false, "Along": false,
		"aaaaa": false, "zzzzzzzz": false,
	} {
		if got := Common(w); got != want {
			t.Errorf("Common(%q) = %v, want %v", w, got, want)
		}
	}
}

// The list must stay sorted, lower case, one word a line, for the binary
// search to be right.
func TestListIsSorted(t *testing.T) {
	lines := strings.Split(strings.TrimSuffix(english, "\n"), "\n")
	if !sort.StringsAreSorted(lines) {
		t.Fatal("english.txt is not sorted")
	}
	for _, w := range lines {
		if len(w) < 5 || strings.ToLower(w) != w || strings.ContainsAny(w, " \t'") {
			t.Fatalf("bad entry %q", w)
		}
	}
}

func TestShort(t *testing.T) {
	for w, want := range map[string]bool{
		"tore": true, "chat": true, "abet": true, "the": true, "kufa": false, "jnim": false, "mnla": false,
		"along": false, "ab": false, "": false, "ore\nt": false,
	} {
		if got := Short(w); got != want {
			t.Errorf("Short(%q) = %v, want %v", w, got, want)
		}
	}
	lines := strings.Split(strings.TrimSuffix(short, "\n"), "\n")
	for _, w := range lines {
		if len(w) < 3 || len(w) > 4 || strings.ToLower(w) != w || strings.ContainsAny(w, " \t'") {
			t.Fatalf("bad short entry %q", w)
		}
	}
	if !IsWord("along") || !IsWord("tore") || IsWord("goita") {
		t.Error("IsWord does not join the two lists")
	}
}

func BenchmarkCommon(b *testing.B) {
	Common("along")
	for b.Loop() {
		Common("referendum")
	}
}

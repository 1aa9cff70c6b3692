package facts

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// truncateRunes is Truncate as it was first written, on a copy of s as
// characters: the reference the faster cut must match.
func truncateRunes(s string, limit int) string {
	r := []rune(s)
	if len(r) <= limit {
		return s
	}
	cut := string(r[:limit-1])
	if i := strings.LastIndexByte(cut, ' '); i > limit/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:") + "…"
}

func TestTruncate(t *testing.T) {
	for _, c := range []struct {
		s     string
		limit int
		want  string
	}{
		{"short", 10, "short"},
		{"exactly ten", 11, "exactly ten"},
		{"Assimi Goïta led the coup of August 2020", 20, "Assimi Goïta led…"},
		{"Goïta Goïta Goïta", 8, "Goïta…"},
		{"éééééééééé", 10, "éééééééééé"}, // ten characters, twenty bytes
		{"ééééééééééé", 10, "ééééééééé…"},
		{"words, words; words", 14, "words, words…"},
	} {
		if got := Truncate(c.s, c.limit); got != c.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", c.s, c.limit, got, c.want)
		}
		if got := Truncate(c.s, c.limit); utf8.RuneCountInString(got) > c.limit {
			t.Errorf("Truncate(%q, %d) = %q: longer than the limit", c.s, c.limit, got)
		}
	}
	// The cut by bytes is the cut by characters, for valid and invalid
	// text alike.
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", "b", " ", ",", "é", "ï", "–", "🙂", "\xff", "\xe2\x82", "word", "  "}
	for range 20000 {
		var sb strings.Builder
		for range rng.IntN(40) {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s, limit := sb.String(), 1+rng.IntN(30)
		if got, want := Truncate(s, limit), truncateRunes(s, limit); got != want {
			t.Fatalf("Truncate(%q, %d) = %q, the cut by characters gives %q", s, limit, got, want)
		}
	}
}

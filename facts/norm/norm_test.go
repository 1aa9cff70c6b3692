package norm

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Goïta", "goita"},
		{"Sérval", "serval"},
		{"Jama'at Nusrat", "jamaat nusrat"},
		{"Jama’at", "jamaat"},
		{"al-Qaeda", "al qaeda"},
		{"WHO leads JNIM??", "who leads jnim"},
		{"whooo leads jnimmmm", "whoo leads jnimm"},
		{"1,000 fighters", "1000 fighters"},
		{"39.9 percent.", "39.9 percent"},
		{"zero\u200bwidth", "zerowidth"},
		{"ctrl\x00\x07chars", "ctrl chars"},
		{"Côte d’Ivoire", "cote divoire"},
		{"Mali's capital", "mali capital"},
		{"JNIM’s leader", "jnim leader"},
		{"the Afrika Korps' name", "the afrika korps name"},
		{"", ""},
		{"🙂🙂", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFoldBoundsLongInput(t *testing.T) {
	long := strings.Repeat("jnim ", 2000)
	if got := Fold(long); len(got) > MaxInput {
		t.Fatalf("Fold kept %d bytes of a %d-byte input", len(got), len(long))
	}
}

func TestStem(t *testing.T) {
	tests := []struct{ in, want string }{
		{"leads", "lead"}, {"leader", "lead"}, {"led", "lead"}, {"founded", "found"},
		{"killed", "kill"}, {"withdrew", "withdraw"}, {"2015", "2015"}, {"jnim", "jnim"},
	}
	for _, tt := range tests {
		if got := Stem(tt.in); got != tt.want {
			t.Errorf("Stem(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b      string
		max, want int
	}{
		{"barkhane", "barkane", 2, 1},
		{"goita", "goiat", 2, 1}, // a swap of neighbours is one mistake
		{"radisson", "radison", 2, 1},
		{"kouffa", "kufa", 2, 2},
		{"jnim", "aqim", 1, 2}, // gives up at max+1
		{"same", "same", 0, 0},
		{"", "abc", 3, 3},
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b, tt.max); got != tt.want {
			t.Errorf("Distance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.max, got, tt.want)
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Goïta", "who leads jnim??", "1,000.5", "\xff\xfe", "a\u200bb", "<@&123> @everyone"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Fold(s)
		if !utf8.ValidString(got) {
			t.Fatalf("Fold(%q) = %q is not valid UTF-8", s, got)
		}
		if got != strings.TrimSpace(got) || strings.Contains(got, "  ") {
			t.Fatalf("Fold(%q) = %q has stray spaces", s, got)
		}
		if Fold(got) != got {
			t.Fatalf("Fold is not idempotent on %q: %q then %q", s, got, Fold(got))
		}
	})
}

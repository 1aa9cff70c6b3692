// Package norm folds user text and fact text into comparable tokens: case,
// accents, apostrophes, hyphens, zero-width and control characters, repeated
// letters and thousands separators are all erased, and words are stemmed.
//
// It imports the standard library, golang.org/x/text and a stemmer only.
package norm

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"golang.org/x/text/unicode/norm"
)

// MaxInput is how many bytes of a question are looked at; the rest is
// dropped so that a 10,000-character line costs no more than a short one.
const MaxInput = 600

// Fold lower-cases s, strips accents and marks, turns apostrophes into
// nothing and every other non-alphanumeric run into one space. Digits
// separated by a comma or a dot stay together ("1,000" → "1000", "39.9").
// Only the first MaxInput bytes of user text are read.
func Fold(s string) string {
	if len(s) > MaxInput {
		s = s[:MaxInput]
	}
	return FoldAll(s)
}

// FoldAll is Fold without the length limit, for the base's own texts.
func FoldAll(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, " ")
	}
	var b strings.Builder
	b.Grow(len(s))
	space := true
	var prev, prev2 rune
	src := strings.ToLower(s)
	if !isASCII(src) {
		src = norm.NFKD.String(src) // ASCII decomposes to itself
	}
	skipS := false
	for i, r := range src {
		if skipS {
			skipS = false
			if r == 's' {
				continue
			}
		}
		switch {
		case isApostrophe(r):
			// a possessive "'s" goes: "Mali's" → "mali", "Jama'at" → "jamaat"
			j := i + utf8.RuneLen(r)
			if j < len(src) && src[j] == 's' && (j+1 == len(src) || !isLetterByte(src[j+1])) {
				skipS = true
			}
			continue
		case r >= 0x80 && (unicode.Is(unicode.Mn, r) || isZeroWidth(r)):
			continue
		case r == ',' || r == '.':
			// keep 1,000 and 39.9 whole: a separator between two digits
			if unicode.IsDigit(prev) && i+1 < len(src) && isDigitByte(src[i+1]) {
				if r == '.' {
					b.WriteByte('.')
				}
				continue
			}
			r = ' '
		case r == 'ß':
			r = 's'
		case r == 'æ':
			r = 'e'
		case r == 'ø':
			r = 'o'
		}
		if u := unicode.ToLower(r); u != r {
			r = u
		}
		if !isAlnum(r) {
			if !space {
				b.WriteByte(' ')
				space = true
			}
			prev, prev2 = ' ', prev
			continue
		}
		if r == prev && r == prev2 && unicode.IsLetter(r) {
			continue // "whooo" → "whoo": at most two of one letter in a row
		}
		b.WriteRune(r)
		space = false
		prev, prev2 = r, prev
	}
	return strings.TrimSpace(b.String())
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// isAlnum is unicode.IsLetter || unicode.IsDigit with an ASCII fast path.
func isAlnum(r rune) bool {
	if r < 0x80 {
		return r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r >= 'A' && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isLetterByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= 0x80 }

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', '‘', '`', '´', 'ʼ', 'ʻ', '′':
		return true
	}
	return false
}

func isZeroWidth(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad':
		return true
	}
	return unicode.Is(unicode.Cf, r)
}

// Decompose returns s in Unicode canonical decomposition (NFD), so that
// accents stand apart from their letters.
func Decompose(s string) string { return norm.NFD.String(s) }

// Words splits folded text into words.
func Words(s string) []string { return strings.Fields(Fold(s)) }

// Stem reduces a folded word to its English stem ("leads" → "lead",
// "founded" → "found"). Numbers and short words are kept as they are.
func Stem(w string) string {
	if s, ok := irregular[w]; ok {
		return s
	}
	if len(w) <= 3 || !isLetters(w) {
		return w
	}
	return english.Stem(w, false)
}

// irregular maps word forms the stemmer leaves apart onto one stem.
var irregular = map[string]string{
	"led": "lead", "leader": "lead", "leaders": "lead", "leadership": "lead", "leading": "lead",
	"began": "begin", "begun": "begin", "beginning": "begin",
	"founder": "found", "founders": "found", "founding": "found", "foundation": "found",
	"killings": "kill", "killed": "kill", "killing": "kill",
	"died": "die", "dead": "die", "death": "die", "deaths": "die",
	"fought": "fight", "fighters": "fighter",
	"took": "take", "taken": "take",
	"withdrawal": "withdraw", "withdrew": "withdraw", "withdrawn": "withdraw",
	"arrested": "arrest", "arrests": "arrest",
	"children": "child", "men": "man", "women": "woman", "people": "people",
	"ended": "end", "ending": "end",
}

func isLetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

// Distance is the optimal-string-alignment edit distance between a and b
// (insertions, deletions, substitutions and swaps of neighbours each cost
// one), giving up with max+1 as soon as the distance must exceed max.
func Distance(a, b string, max int) int {
	if a == b {
		return 0
	}
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > max || -d > max {
		return max + 1
	}
	n := len(rb)
	prev2 := make([]int, n+1)
	prev := make([]int, n+1)
	cur := make([]int, n+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= n; j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			best = min(best, v)
		}
		if best > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[n]
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

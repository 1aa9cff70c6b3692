// Package eval scores the engine on a question set: each question lists
// groups of acceptable answer pieces, and an answer passes when every group
// has one piece in it (case and accents ignored). Questions without groups
// must be declined.
//
// It imports facts, yaml.v3 (to leave a file's filed questions out of the
// base, DataWithout) and the standard library only.
package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/malibot/malibot/facts"
	"github.com/malibot/malibot/facts/norm"
)

// Question is one line of a question file.
type Question struct {
	Q      string     `json:"q"`
	Type   string     `json:"type"`
	Doc    string     `json:"doc"`
	Line   int        `json:"line"`
	Expect [][]string `json:"expect"`
}

// Answerable reports whether the question expects an answer rather than a decline.
func (q Question) Answerable() bool { return len(q.Expect) > 0 }

// Read parses a JSON Lines question file; blank lines and lines starting
// with # are skipped.
func Read(r io.Reader) ([]Question, error) {
	var out []Question
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var q Question
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&q); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		out = append(out, q)
	}
	return out, sc.Err()
}

// ReadFile reads the question files named, in order; an error names the
// file.
func ReadFile(names ...string) ([]Question, error) {
	var qs []Question
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		more, err := Read(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		qs = append(qs, more...)
	}
	return qs, nil
}

// Passes reports whether answer text holds a piece of every group (case
// and accents ignored). A piece must start at a word ("war" is not in
// "toward") and may run into more letters ("bible" is in "Bibles"), but a
// piece that ends in a digit may not run into more digits ("november 20"
// is not in "november 2015", "476" is in "476,000").
func Passes(answer string, expect [][]string) bool {
	text := fold(answer)
	for _, group := range expect {
		ok := false
		for _, alt := range group {
			if found(text, fold(alt)) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

func found(text, piece string) bool {
	piece = strings.TrimSpace(piece)
	if piece == "" {
		return false
	}
	for from := 0; ; {
		i := strings.Index(text[from:], piece)
		if i < 0 {
			return false
		}
		i += from
		end := i + len(piece)
		prev, _ := utf8.DecodeLastRuneInString(text[:i])
		startOK := i == 0 || !isWordRune(prev)
		endOK := end == len(text) || !isDigit(piece[len(piece)-1]) || !isDigit(text[end])
		if startOK && endOK {
			return true
		}
		from = i + 1
	}
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// isWordRune reports whether r continues a word: a letter or a digit, not
// a no-break space or a currency sign ("£27" holds "27").
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// fold lower-cases text and strips accents, keeping punctuation so that
// "476,000" still reads as one number.
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.Decompose(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == '’' || r == '‘' || r == '\'' || r == '"' || r == '“' || r == '”':
			// quotation marks say nothing: "50 'flagrant" is "50 flagrant"
		case r == '–' || r == '—':
			b.WriteByte('-')
		case unicode.IsSpace(r):
			b.WriteByte(' ') // a no-break space is a space
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Result is the outcome of one question.
type Result struct {
	Question
	Answer facts.Answer
	Pass   bool
}

// Report sums results up by question type.
type Report struct {
	Results              []Result
	Answerable, Answered int // answerable questions, and those answered right
	Decline, Declined    int // questions to decline, and those declined
	ByType               map[string][2]int
}

// Run asks every question and scores the answers.
func Run(b *facts.Base, qs []Question) Report {
	rep := Report{ByType: map[string][2]int{}}
	for _, q := range qs {
		a := b.Ask(q.Q)
		r := Result{Question: q, Answer: a}
		if q.Answerable() {
			rep.Answerable++
			r.Pass = !a.Abstained && Passes(a.Text+" "+a.Differ, q.Expect)
			if r.Pass {
				rep.Answered++
			}
		} else {
			rep.Decline++
			r.Pass = a.Abstained
			if r.Pass {
				rep.Declined++
			}
		}
		t := rep.ByType[q.Type]
		t[1]++
		if r.Pass {
			t[0]++
		}
		rep.ByType[q.Type] = t
		rep.Results = append(rep.Results, r)
	}
	return rep
}

// AnswerRate is the share of answerable questions answered correctly.
func (r Report) AnswerRate() float64 { return ratio(r.Answered, r.Answerable) }

// DeclineRate is the share of out-of-scope questions declined.
func (r Report) DeclineRate() float64 { return ratio(r.Declined, r.Decline) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// Write prints the report: accuracy per question type, then totals.
func (r Report) Write(w io.Writer, failures bool) {
	types := make([]string, 0, len(r.ByType))
	for t := range r.ByType {
		types = append(types, t)
	}
	sort.Strings(types)
	if failures {
		for _, res := range r.Results {
			if res.Pass {
				continue
			}
			got := res.Answer.Text
			if res.Answer.Abstained {
				got = "(declined) " + got
			}
			fmt.Fprintf(w, "FAIL [%s] %s\n     want %v\n     got  %s\n", res.Type, res.Q, res.Expect, facts.Truncate(got, 200))
		}
	}
	fmt.Fprintf(w, "%-10s %8s %8s %8s\n", "type", "right", "asked", "accuracy")
	for _, t := range types {
		v := r.ByType[t]
		fmt.Fprintf(w, "%-10s %8d %8d %7.1f%%\n", t, v[0], v[1], 100*ratio(v[0], v[1]))
	}
	fmt.Fprintf(w, "answerable: %d/%d right (%.1f%%); out of scope: %d/%d declined (%.1f%%)\n",
		r.Answered, r.Answerable, 100*r.AnswerRate(), r.Declined, r.Decline, 100*r.DeclineRate())
}

package facts

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/malibot/malibot/facts/norm"
)

// seedsDir is where the source documents sit beside the repository.
const seedsDir = "../../shared/seeds"

// TestFactsAgreeWithTheirSources checks every fact against the lines it
// cites: each number and month in its statement, its date and its value
// must appear there. It catches a wrong year, a wrong count or a citation
// of the wrong line. Numbers that are derived rather than quoted (a sum, a
// duration) are listed with a reason in testdata/derived-numbers*.txt
// (one line each: "fact-id number  # reason").
func TestFactsAgreeWithTheirSources(t *testing.T) {
	b, err := Load(Data())
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string][]string{}
	for _, d := range b.Docs {
		lines, err := readLines(filepath.Join(seedsDir, d.File))
		if err != nil {
			t.Skipf("source documents not found beside the repository (%v)", err)
		}
		docs[d.ID] = lines
	}
	allowed := derivedNumbers(t)
	var problems []string
	for _, f := range b.Facts {
		var cited strings.Builder
		for _, s := range f.Sources {
			lines := docs[s.Doc]
			if s.Line >= 1 && s.Line <= len(lines) {
				cited.WriteString(lines[s.Line-1])
				cited.WriteString(" ")
			}
		}
		text := " " + norm.FoldAll(strings.ReplaceAll(cited.String(), "-", " ")) + " "
		words := numberWords(text)
		missing := func(what string) {
			if !allowed[f.ID+" "+what] {
				problems = append(problems, fmt.Sprintf("%s: %s: %q is not in the cited lines %v", f.File, f.ID, what, f.Sources))
			}
		}
		for _, n := range numbersIn(f.Statement) {
			if !words[n] {
				missing(n)
			}
		}
		for _, d := range []Date{f.When, f.Till} {
			if d.IsZero() {
				continue
			}
			if !words[strconv.Itoa(d.Year)] {
				missing(strconv.Itoa(d.Year))
			}
			if d.Precision >= Month && !strings.Contains(text, " "+strings.ToLower(d.Month.String())+" ") {
				missing(d.Month.String())
			}
			if d.Precision == Day && !words[strconv.Itoa(d.Day)] {
				missing(strconv.Itoa(d.Day))
			}
		}
		if f.Value != nil && !valueIn(*f.Value, words) {
			missing(strconv.FormatFloat(*f.Value, 'f', -1, 64))
		}
		for _, m := range monthsIn(f.Statement) {
			if !strings.Contains(text, " "+m+" ") {
				missing(m)
			}
		}
	}
	if len(problems) > 0 {
		t.Errorf("%d statement(s) disagree with their sources:\n%s", len(problems), strings.Join(problems, "\n"))
	}
}

func readLines(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	return lines, sc.Err()
}

func derivedNumbers(t *testing.T) map[string]bool {
	names, _ := filepath.Glob("testdata/derived-numbers*.txt")
	var lines []string
	for _, name := range names {
		more, err := readLines(name)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, more...)
	}
	out := map[string]bool{}
	for _, l := range lines {
		l, _, _ = strings.Cut(l, "#")
		if f := strings.Fields(l); len(f) == 2 {
			out[f[0]+" "+f[1]] = true
		}
	}
	return out
}

var numberPattern = regexp.MustCompile(`\b\d[\d,]*(?:\.\d+)?\b`)

// numbersIn lists the numbers of a statement in folded form ("1,000" →
// "1000", "39.9" stays).
func numbersIn(s string) []string {
	var out []string
	for _, m := range numberPattern.FindAllString(s, -1) {
		m = strings.TrimRight(strings.ReplaceAll(m, ",", ""), ".")
		out = append(out, m)
	}
	return out
}

var monthNames = []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}

// monthsIn lists the month names a statement uses, "May" only before or
// after a number so the verb is not taken for the month.
func monthsIn(s string) []string {
	words := strings.Fields(norm.Fold(s))
	var out []string
	for i, w := range words {
		for _, m := range monthNames {
			if w != m {
				continue
			}
			if m == "may" && !(i > 0 && isNumber(words[i-1]) || i+1 < len(words) && isNumber(words[i+1])) {
				continue
			}
			out = append(out, m)
		}
	}
	return out
}

var small = map[string]int{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
	"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
	"forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
	"half": 50, "dozen": 12, "dozens": 12, "first": 1, "second": 2, "third": 3, "eighth": 8,
	"once": 1, "twice": 2, "single": 1, "decade": 10,
}

// numberWords is every number the folded text holds, written in digits or
// in words ("twenty one" gives 21 and 20 and 1).
func numberWords(text string) map[string]bool {
	out := map[string]bool{}
	words := strings.Fields(text)
	for i, w := range words {
		if isNumber(w) {
			out[w] = true
			if strings.Contains(w, ".") { // "52.60" is 52.6
				out[strings.TrimSuffix(strings.TrimRight(w, "0"), ".")] = true
			}
			continue
		}
		n, ok := small[w]
		if !ok {
			continue
		}
		out[strconv.Itoa(n)] = true
		if i+1 < len(words) {
			if m, ok := small[words[i+1]]; ok && n >= 20 && n%10 == 0 && m < 10 {
				out[strconv.Itoa(n+m)] = true
			}
		}
	}
	return out
}

// valueIn reports whether a figure's value appears in the numbers of the
// text, allowing "10.8 million" for 10800000.
func valueIn(v float64, words map[string]bool) bool {
	for _, scale := range []float64{1, 1e3, 1e6, 1e9} {
		s := strconv.FormatFloat(v/scale, 'f', -1, 64)
		if words[s] {
			return true
		}
	}
	return false
}

// copyRun is how many consecutive words a statement may share with its
// document before it counts as copied rather than written in our own
// words, when at least copyWords of them are neither names nor numbers (a
// list of countries or an organisation's title is not a copied sentence).
const (
	copyRun   = 10
	copyWords = 6
)

var quoted = regexp.MustCompile(`"[^"]*"|“[^”]*”|'[^']{12,}'|‘[^’]*’`)

// TestStatementsAreOwnWords fails when a statement or an ask repeats a
// run of copyRun or more words of any document, outside a quotation.
func TestStatementsAreOwnWords(t *testing.T) {
	b, err := Load(Data())
	if err != nil {
		t.Fatal(err)
	}
	grams := map[string]string{} // copyRun words → document id
	for _, d := range b.Docs {
		lines, err := readLines(filepath.Join(seedsDir, d.File))
		if err != nil {
			t.Skipf("source documents not found beside the repository (%v)", err)
		}
		for _, l := range lines {
			w := strings.Fields(norm.FoldAll(l))
			for i := 0; i+copyRun <= len(w); i++ {
				grams[strings.Join(w[i:i+copyRun], " ")] = d.ID
			}
		}
	}
	names := map[string]bool{}
	for _, f := range b.Facts {
		if f.Kind.IsEntity() {
			for _, a := range append([]string{f.Name}, f.Aliases...) {
				for _, w := range strings.Fields(norm.FoldAll(a)) {
					if !stopwords[w] && len(w) > 2 {
						names[w] = true
					}
				}
			}
		}
	}
	prose := func(run []string) bool {
		n := 0
		for _, w := range run {
			if !names[w] && !isNumber(w) {
				n++
			}
		}
		return n >= copyWords
	}
	for _, f := range b.Facts {
		texts := append([]string{f.Statement}, f.Asks...)
		for k, text := range texts {
			what := "statement"
			if k > 0 {
				what = "ask"
			}
			for _, part := range quoted.Split(text, -1) {
				w := strings.Fields(norm.FoldAll(part))
				for i := 0; i+copyRun <= len(w); i++ {
					g := strings.Join(w[i:i+copyRun], " ")
					if doc, ok := grams[g]; ok && prose(w[i:i+copyRun]) {
						t.Errorf("%s: %s: %s copies %q from %s; write it in your own words", f.File, f.ID, what, g, doc)
						break
					}
				}
			}
		}
	}
}

var dayMention = regexp.MustCompile(`\b(January|February|March|April|May|June|July|August|September|October|November|December) (\d{1,2})\b|\b(\d{1,2}) (January|February|March|April|May|June|July|August|September|October|November|December),? \d{4}\b`)

// TestEveryDayMentionedIsAFact checks that each month-and-day the
// documents mention is the date of some fact: the daily posts are built
// from day-precision facts, so none may be missed.
func TestEveryDayMentionedIsAFact(t *testing.T) {
	b, err := Load(Data())
	if err != nil {
		t.Fatal(err)
	}
	have := map[[2]int]bool{}
	for _, f := range b.Facts {
		for _, d := range []Date{f.When, f.Till, f.Asof} {
			if d.Precision == Day {
				have[[2]int{int(d.Month), d.Day}] = true
			}
		}
	}
	mentions := 0
	for _, d := range b.Docs {
		lines, err := readLines(filepath.Join(seedsDir, d.File))
		if err != nil {
			t.Skipf("source documents not found beside the repository (%v)", err)
		}
		for n, l := range lines {
			for _, m := range dayMention.FindAllStringSubmatch(l, -1) {
				month, day := m[1], m[2]
				if month == "" {
					month, day = m[4], m[3]
				}
				mi := 0
				for i, name := range monthNames {
					if strings.EqualFold(name, month) {
						mi = i + 1
					}
				}
				dn, _ := strconv.Atoi(day)
				mentions++
				if !have[[2]int{mi, dn}] {
					t.Errorf("%s line %d mentions %s %s, but no fact is dated that day", d.ID, n+1, month, day)
				}
			}
		}
	}
	t.Logf("%d day mentions in the documents, each the date of a fact", mentions)
}

package eval

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"gopkg.in/yaml.v3"

	"github.com/malibot/malibot/facts"
	"github.com/malibot/malibot/facts/norm"
)

// tuned are the question files tuned on, whose questions facts.QuestionsFile
// files under their facts. The others are never read, so never filed.
var tuned = []string{"tune.jsonl", "train.jsonl", "train2.jsonl", "train3.jsonl", "train4.jsonl", "train5.jsonl", "train6.jsonl", "train7.jsonl", "train8.jsonl", "train9.jsonl", "train10.jsonl", "train11.jsonl", "train12.jsonl", "train13.jsonl", "nearmiss.jsonl"}

// fileUnder is how many of the engine's first candidates the filing tool
// looks among for the fact that answers a question.
const fileUnder = 3

// otherPerson reports whether f is the profile of a person whom neither
// the question (text) nor its key (expect) names: such a profile may name
// the answer to a who-question in passing ("Bah Ndaw … ousted by Assimi
// Goïta") but is not about it, and a who-question filed under it would
// teach the engine to answer "who leads Mali" with Bah Ndaw.
func otherPerson(f *facts.Fact, text string, expect [][]string) bool {
	if f.Kind != facts.KindPerson {
		return false
	}
	names := append([]string{f.Name}, f.Aliases...)
	if Passes(strings.Join(names, " | "), expect) {
		return false
	}
	q := " " + norm.Fold(text) + " "
	return !slices.ContainsFunc(names, func(n string) bool { return strings.Contains(q, " "+norm.Fold(n)+" ") })
}

// dataWithout is DataWithout, failing t on an error.
func dataWithout(t testing.TB, from string) fstest.MapFS {
	t.Helper()
	m, err := DataWithout(from)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// baseWithout is BaseWithout, failing t on an error.
func baseWithout(t testing.TB, from string) *facts.Base {
	t.Helper()
	b, err := BaseWithout(from)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestFileQuestions writes facts.QuestionsFile anew to the path in
// MALIBOT_FILE_QUESTIONS, from the tuned files and a base without it: an
// answerable question goes, as an ask, under the first of the engine's
// first fileUnder candidates whose answer passes its key (none: it is left
// out); a question to decline goes, as a not, under the first candidate,
// unless it clashes there with an ask (facts.Base.Clashes).
// Noise lines, questions longer than an ask may be, questions a fact
// already lists and questions that copy a run of a document's words (the
// facts' own-words rule, TestStatementsAreOwnWords in package facts) are
// left out. A tool, skipped otherwise; it needs the source documents.
func TestFileQuestions(t *testing.T) {
	out := os.Getenv("MALIBOT_FILE_QUESTIONS")
	if out == "" {
		t.Skip("set MALIBOT_FILE_QUESTIONS to the file to write")
	}
	base := baseWithout(t, "")
	copies := seedCopies(t)
	type key struct{ fact, from string }
	var order []key
	sets := map[key]*facts.QuestionSet{}
	listed := map[string]map[string]bool{} // fact → folded asks and nots
	for _, f := range base.Facts {
		listed[f.ID] = map[string]bool{}
		for _, a := range append(slices.Clone(f.Asks), f.Nots...) {
			listed[f.ID][strings.ToLower(strings.TrimSpace(a))] = true
		}
	}
	skipped := 0
	type decline struct{ text, file string }
	var declines []decline // the questions to decline, for the second pass below
	for _, file := range tuned {
		qs, err := ReadFile(filepath.Join("../../testdata/eval", file))
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range qs {
			text := strings.Join(strings.Fields(q.Q), " ")
			if q.Type == "noise" || len(text) > facts.MaxAsk || text == "" {
				continue
			}
			if !q.Answerable() && !copies(text) {
				declines = append(declines, decline{text, file})
			}
			var f *facts.Fact
			cands := base.Ranked(text, fileUnder)
			if q.Answerable() {
				for _, c := range cands {
					if q.Type == "who" && otherPerson(c, text, q.Expect) {
						continue
					}
					a, _ := base.Explain(c.ID)
					if Passes(a.Text+" "+a.Differ, q.Expect) {
						f = c
						break
					}
				}
			} else if len(cands) > 0 {
				f = cands[0]
			}
			k := strings.ToLower(text)
			if f == nil || listed[f.ID][k] || copies(text) {
				skipped++
				continue
			}
			listed[f.ID][k] = true
			at := key{f.ID, file}
			s := sets[at]
			if s == nil {
				s = &facts.QuestionSet{Fact: f.ID, From: file}
				sets[at] = s
				order = append(order, at)
			}
			if q.Answerable() {
				s.Asks = append(s.Asks, text)
			} else {
				s.Nots = append(s.Nots, text)
			}
		}
	}
	slices.SortStableFunc(order, func(a, b key) int {
		if c := slices.Index(tuned, a.from) - slices.Index(tuned, b.from); c != 0 {
			return c
		}
		return strings.Compare(a.fact, b.fact)
	})
	var list []facts.QuestionSet
	for _, k := range order {
		list = append(list, *sets[k])
	}
	// A not as near one of its fact's asks as a paraphrase is a question
	// the fact answers, loosely worded or keyed: it is left out (see
	// facts.Base.Clashes).
	// Leaving one out changes the words' weights, so the check is run
	// again until no clash is left.
	clashes := 0
	load := func() *facts.Base {
		fsys := dataWithout(t, "")
		fsys[facts.QuestionsFile] = &fstest.MapFile{Data: encodeQuestions(t, list)}
		b, err := facts.Load(fsys)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	settle := func() *facts.Base {
		for {
			b := load()
			clash := map[[2]string]bool{}
			for _, c := range b.Clashes() {
				clash[[2]string{c.Fact, c.Not}] = true
			}
			if len(clash) == 0 {
				return b
			}
			clashes += len(clash)
			for i, s := range list {
				list[i].Nots = slices.DeleteFunc(s.Nots, func(n string) bool { return clash[[2]string{s.Fact, n}] })
			}
			list = slices.DeleteFunc(list, func(s facts.QuestionSet) bool { return len(s.Asks)+len(s.Nots) == 0 })
		}
	}
	// The asks filed may lift another fact over a question to decline
	// ("what is the capital of Burkina Faso" meets Mali's "what's the
	// capital city of Mali"): the question then also goes, as a not, under
	// the fact that would answer it, and the file is settled again, until
	// the whole file declines every one it can.
	again := 0
	for b := settle(); again < 3; again++ {
		added := 0
		for _, d := range declines {
			a := b.Ask(d.text)
			k := strings.ToLower(d.text)
			if a.Abstained || len(a.Facts) == 0 || listed[a.Facts[0].ID][k] {
				continue
			}
			f := a.Facts[0]
			listed[f.ID][k] = true
			list = append(list, facts.QuestionSet{Fact: f.ID, From: d.file, Nots: []string{d.text}})
			added++
		}
		if added == 0 {
			break
		}
		t.Logf("round %d: %d questions to decline filed under the fact that answered them", again+1, added)
		b = settle()
	}
	if err := os.WriteFile(out, encodeQuestions(t, list), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d sets written, %d questions left out, %d nots as near an ask as a paraphrase", len(list), skipped, clashes)
}

// encodeQuestions returns list as the questions file, under its header.
func encodeQuestions(t testing.TB, list []facts.QuestionSet) []byte {
	t.Helper()
	var buf bytes.Buffer
	buf.WriteString(questionsHeader)
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(list); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const questionsHeader = `# The questions of the tuning files in testdata/eval (tune, train,
# train2-7, nearmiss), filed under the facts that answer them (asks) or,
# for those no document answers, under the fact they come nearest (nots).
# Written by TestFileQuestions in facts/eval: an answerable question goes
# under the first of the engine's first three candidates whose answer
# passes the question's key; one to decline under the engine's first
# candidate, unless it comes as near one of that fact's asks as a paraphrase
# would. The engine is measured on each of these files with its own questions
# left out (TestEval), so they teach it without flattering it. The held-out
# files (holdout, unseen, fresh, fresh2-6) are never filed here.
`

// copyRun is how many consecutive words of a source document make a
// question a copy (as in TestStatementsAreOwnWords).
const copyRun = 10

// seedCopies returns a test of whether a question repeats copyRun words of
// a source document: a question lifted from a heading is not filed, so no
// fact holds a document's sentence.
func seedCopies(t testing.TB) func(string) bool {
	t.Helper()
	names, err := filepath.Glob("../../../shared/seeds/*.txt")
	if err != nil || len(names) == 0 {
		t.Fatalf("source documents not found beside the repository (%v)", err)
	}
	runs := map[string]bool{}
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		w := strings.Fields(norm.FoldAll(string(data)))
		for i := 0; i+copyRun <= len(w); i++ {
			runs[strings.Join(w[i:i+copyRun], " ")] = true
		}
	}
	return func(q string) bool {
		w := strings.Fields(norm.FoldAll(q))
		for i := 0; i+copyRun <= len(w); i++ {
			if runs[strings.Join(w[i:i+copyRun], " ")] {
				return true
			}
		}
		return false
	}
}

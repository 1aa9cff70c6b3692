package eval

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"gopkg.in/yaml.v3"

	"github.com/malibot/malibot/facts"
)

// tuned are the question files tuned on, whose questions facts.QuestionsFile
// files under their facts. The others are never read, so never filed.
var tuned = []string{"tune.jsonl", "train.jsonl", "train2.jsonl", "train3.jsonl", "nearmiss.jsonl"}

// fileUnder is how many of the engine's first candidates the filing tool
// looks among for the fact that answers a question.
const fileUnder = 3

// dataWithout returns the embedded data files with QuestionsFile keeping
// only the questions not from the file named from ("" keeps none of them):
// the base a question file is measured on is one that has never seen it.
func dataWithout(t testing.TB, from string) fs.FS {
	t.Helper()
	src := facts.Data()
	m := fstest.MapFS{}
	names, err := fs.Glob(src, "*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		data, err := fs.ReadFile(src, name)
		if err != nil {
			t.Fatal(err)
		}
		if name == facts.QuestionsFile {
			if from == "" {
				continue
			}
			var sets []facts.QuestionSet
			if err := yaml.Unmarshal(data, &sets); err != nil {
				t.Fatal(err)
			}
			sets = slices.DeleteFunc(sets, func(s facts.QuestionSet) bool { return s.From == from })
			if data, err = yaml.Marshal(sets); err != nil {
				t.Fatal(err)
			}
		}
		m[name] = &fstest.MapFile{Data: data}
	}
	return m
}

// baseWithout loads the base from dataWithout(from); without a
// QuestionsFile that is the embedded base itself.
func baseWithout(t testing.TB, from string) *facts.Base {
	t.Helper()
	if _, err := fs.Stat(facts.Data(), facts.QuestionsFile); err != nil {
		b, err := facts.Default()
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	b, err := facts.Load(dataWithout(t, from))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestFileQuestions writes facts.QuestionsFile anew to the path in
// MALIBOT_FILE_QUESTIONS, from the tuned files and a base without it: an
// answerable question goes, as an ask, under the first of the engine's
// first fileUnder candidates whose answer passes its key (none: it is left
// out); a question to decline goes, as a not, under the first candidate.
// Noise lines, questions longer than an ask may be and questions a fact
// already lists are left out. A tool, skipped otherwise.
func TestFileQuestions(t *testing.T) {
	out := os.Getenv("MALIBOT_FILE_QUESTIONS")
	if out == "" {
		t.Skip("set MALIBOT_FILE_QUESTIONS to the file to write")
	}
	base := baseWithout(t, "")
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
			var f *facts.Fact
			cands := base.Ranked(text, fileUnder)
			if q.Answerable() {
				for _, c := range cands {
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
			if f == nil || listed[f.ID][k] {
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
	var buf bytes.Buffer
	buf.WriteString(questionsHeader)
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(list); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d sets written, %d questions left out", len(list), skipped)
}

const questionsHeader = `# The questions of the tuning files in testdata/eval (tune, train, train2,
# train3, nearmiss), filed under the facts that answer them (asks) or, for
# those no document answers, under the fact they come nearest (nots).
# Written by TestFileQuestions in facts/eval: an answerable question goes under
# the first of the engine's first three candidates whose answer passes the
# question's key; one to decline under the engine's first candidate. The
# engine is measured on each of these files with its own questions left out
# (TestEval), so they teach it without flattering it. The held-out files
# (holdout, unseen, fresh, fresh2, fresh3) are never filed here.
`

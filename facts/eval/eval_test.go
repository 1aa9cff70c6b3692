package eval

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/malibot/malibot/facts"
)

func TestPasses(t *testing.T) {
	date := [][]string{{"november 20", "20 november", "2015-11-20"}, {"2015"}}
	tests := []struct {
		answer string
		expect [][]string
		want   bool
	}{
		{"On 20 November 2015 gunmen stormed the Radisson Blu.", date, true},
		{"On November 20, 2015 gunmen stormed the hotel.", date, true},
		{"On 20 November 2016 gunmen stormed the hotel.", date, false}, // a year off
		{"In November 2015 gunmen stormed the hotel.", date, false},    // no day
		{"Colonel Assimi Goïta", [][]string{{"goita"}}, true},          // accents ignored
		{"IYAD AG GHALY", [][]string{{"iyad ag ghaly", "ghali"}}, true},
		{"", [][]string{{"x"}}, false},
		{"about 476,000 Christians", [][]string{{"476"}}, true},
		{"4,760 people", [][]string{{"476"}}, false},
		{"Bibles and training", [][]string{{"bible"}}, true},
		{"moved toward Russia", [][]string{{"war"}}, false},
		{"$15 million", [][]string{{"5 million"}}, false},
		{"Every £27 a month", [][]string{{"27"}}, true},                    // a currency sign starts a word
		{"loss of\u00a0inheritance", [][]string{{"of inheritance"}}, true}, // a no-break space is a space
		{"the ghalyist view", [][]string{{"ghaly"}}, true},                 // a piece may run on
		{"Koufa", [][]string{{"ouf"}}, false},                              // but not start inside a word
		{"Goïtaa", [][]string{{"ïtaa"}}, false},                            // nor after an accented letter
	}
	for _, tt := range tests {
		if got := Passes(tt.answer, tt.expect); got != tt.want {
			t.Errorf("Passes(%q, %v) = %v, want %v", tt.answer, tt.expect, got, tt.want)
		}
	}
}

// target is issue 4's goal: at least 95% of answerable questions right
// and 95% of out-of-scope questions declined. It is not met yet (see the
// issue); TestEval reports the gap and guards what has been reached.
const target = 0.95

// floors are the accuracies measured when each file was last improved
// (rounded down): a change that answers fewer questions right, or declines
// fewer out-of-scope ones, fails. Raise them as the engine improves; never
// lower them to make a change pass.
var floors = map[string]struct{ answer, decline float64 }{
	// Tuned files, each measured on a base without its own questions
	// (TestEval); the history is in testdata/eval/README.md.
	"tune.jsonl":     {0.971, 1},     // 94.8% and 100% (session 4); 95.7% with the questions file (session 14); 96.1% with train6 and train7 filed (session 15); 97.1% and 100.0% (session 20)
	"train.jsonl":    {0.944, 0.983}, // 90.6% and 95.0% (session 7); 93.1% with the questions file (session 14); 93.5% and 98.3% (session 15); 94.1% and 98.3% (session 20); 94.5% and 98.3% (session 21)
	"train2.jsonl":   {0.952, 0.925}, // 83.5% and 67.5% when written (session 7), 88.8% and 75.0% by session 10; 92.6% and 85.0% with the questions file (session 14); 94.6% (session 15); 94.7% and 90.0% (session 20); 95.2% and 92.5% (session 21)
	"train3.jsonl":   {0.935, 0.914}, // 86.6% and 74.3% when written (session 9), 89.3% after "beef" as a feud; 92.5% and 85.7% with the questions file (session 14); 93.0% (session 15); 93.6% and 91.4% (session 20)
	"train4.jsonl":   {0.935, 0.955}, // 84.5% and 86.7% when written, 85.9% and 88.9% after four phrases (session 13); 90.6% and 95.6% with the questions file (session 14); 92.3% (session 15); 92.9% and 95.6% (session 20); 93.5% and 95.6% (session 21)
	"train5.jsonl":   {0.933, 0.937}, // 86.1% and 89.6% when written, 87.5% after four concepts and two phrases; 90.3% and 93.8% with the questions file (session 14); 91.6% (session 15); 92.8% and 93.8% (session 20); 93.3% and 93.8% (session 21)
	"train6.jsonl":   {0.957, 0.98},  // 92.9% and 98.1% when written; 93.6% with the other files' questions filed (session 15); 95.0% and 98.1% (session 20); 95.8% and 98.1% (session 21)
	"train7.jsonl":   {0.942, 0.98},  // 91.7% and 98.1% when written; 92.0% with the other files' questions filed (session 15); 93.9% and 98.1% (session 20); 94.2% and 98.1% (session 21)
	"train8.jsonl":   {0.954, 0.969}, // 92.6% and 90.9% when written (session 16); 95.2% and 97.0% (session 20); 95.5% and 97.0% (session 21)
	"train9.jsonl":   {0.938, 0.939}, // 91.2% and 92.4% when written (session 17); 93.9% and 93.9% (session 20)
	"train10.jsonl":  {0.917, 0.984}, // 89.1% and 89.4% when written (session 18); 91.5% and 98.5% (session 20); 91.8% and 98.5% (session 21)
	"train11.jsonl":  {0.902, 0.957}, // 87.3% and 95.7% when written (session 19); 89.1% and 95.7% (session 20); 90.2% and 95.7% (session 21)
	"train12.jsonl":  {0.865, 0.847}, // 84.6% and 81.9% when written (session 20); 85.6% and 83.3% (session 20); 86.6% and 84.7% (session 21)
	"train13.jsonl":  {0.92, 0.707},  // 90.0% and 69.2% when written (session 21), 70.0% after bare verbs became small talk; 92.1% and 70.8% (session 21)
	"nearmiss.jsonl": {0, 0.765},     // only questions to decline; 72.0% (session 7), 73.5% with the questions file (session 14); 74.0% (session 15); 76.5% (session 21)
	// Held-out files, never read while tuning: only their summary lines
	// are looked at.
	"holdout.jsonl": {0.946, 1},     // 92.0% and 96.6% (session 4); 92.6% with the questions file (session 14); 93.1% (session 15); 94.1% and 100.0% (session 20); 94.7% and 100.0% (session 21)
	"unseen.jsonl":  {0.942, 0.97},  // 87.3% and 91.2% (session 7); 90.2% with the questions file (session 14); 91.7% and 94.1% (session 15); 93.8% and 97.1% (session 20); 94.2% and 97.1% (session 21)
	"fresh.jsonl":   {0.945, 0.875}, // 88.8% and 80.0% (session 7); 91.7% and 85.0% with the questions file (session 14); 92.9% (session 15); 94.2% and 87.5% (session 20); 94.6% and 87.5% (session 21)
	"fresh2.jsonl":  {0.951, 0.743}, // 85.6% and 71.8% when written (session 7), 86.1% (session 13); 93.0% with the questions file (session 14); 93.6% (session 15); 95.2% and 74.4% (session 20)
	"fresh3.jsonl":  {0.945, 0.911}, // 89.1% and 76.5% when written (session 9), 89.7% (session 13); 92.4% and 85.3% with the questions file (session 14); 94.0% (session 15); 94.0% and 91.2% (session 20); 94.6% and 91.2% (session 21)
	"fresh4.jsonl":  {0.9, 0.971},   // 84.4% and 94.3% when written (session 13); 86.1% and 97.1% with the questions file (session 14); 88.9% (session 15); 90.0% and 97.1% (session 20)
	"fresh5.jsonl":  {0.955, 0.942}, // 87.8% and 88.6% when written; 92.2% and 91.4% with the questions file (session 14); 93.9% (session 15); 95.0% and 94.3% (session 20); 95.6% and 94.3% (session 21)
	"fresh6.jsonl":  {0.961, 0.942}, // 95.0% and 94.3% when written; 95.6% with train6 and train7 filed (session 15); 96.1% and 94.3% (session 20)
	"fresh7.jsonl":  {0.944, 1},     // 91.2% and 97.1% when written (session 16); 94.5% and 100.0% (session 20)
	"fresh8.jsonl":  {0.955, 0.942}, // 93.3% and 91.4% when written (session 17); 94.4% and 91.4% (session 20); 95.6% and 94.3% (session 21)
	"fresh9.jsonl":  {0.911, 0.971}, // 89.4% and 94.3% on arrival (session 18); 90.6% and 97.1% (session 20); 91.1% and 97.1% (session 21)
	"fresh10.jsonl": {0.898, 0.894}, // 88.0% and 84.2% on arrival (session 19); 89.2% and 89.5% (session 20); 89.9% and 89.5% (session 21)
	"fresh11.jsonl": {0.93, 0.937},  // 91.6% and 93.8% when written (session 20); 93.0% and 93.8% (session 21)
}

// TestEval runs each question file in testdata/eval: it fails when accuracy
// falls below the file's floor, and logs the distance to the target.
// tune.jsonl is the part tuned on; holdout.jsonl and unseen.jsonl were
// written independently from the documents alone and are not tuned on, so
// only tune.jsonl's failures are ever printed. A tuned file, whose questions
// facts.QuestionsFile files under the facts, is run on a base without them:
// its measure is of questions the engine has not seen.
func TestEval(t *testing.T) {
	base, err := facts.Default()
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("../../testdata/eval/*.jsonl")
	if len(files) == 0 {
		t.Fatal("no question files in testdata/eval")
	}
	for _, name := range files {
		file := filepath.Base(name)
		t.Run(file, func(t *testing.T) {
			floor, ok := floors[file]
			if !ok {
				t.Fatalf("no floor for %s: measure it and add one", file)
			}
			qs, err := ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			b := base
			if slices.Contains(tuned, file) {
				b = baseWithout(t, file)
			}
			rep := Run(b, qs)
			t.Logf("answerable %d/%d (%.1f%%), declined %d/%d (%.1f%%); target %.0f%%",
				rep.Answered, rep.Answerable, 100*rep.AnswerRate(), rep.Declined, rep.Decline, 100*rep.DeclineRate(), 100*target)
			if rep.AnswerRate() < floor.answer || rep.DeclineRate() < floor.decline {
				rep.Write(testWriter{t}, file == "tune.jsonl")
				t.Errorf("below the floor (%.0f%% answered, %.0f%% declined)", 100*floor.answer, 100*floor.decline)
			}
		})
	}
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) { w.t.Log(string(p)); return len(p), nil }

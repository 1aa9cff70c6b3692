package eval

import (
	"os"
	"path/filepath"
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
	}
	for _, tt := range tests {
		if got := Passes(tt.answer, tt.expect); got != tt.want {
			t.Errorf("Passes(%q, %v) = %v, want %v", tt.answer, tt.expect, got, tt.want)
		}
	}
}

// The targets of issue 4: at least 95% of answerable questions right and
// 95% of out-of-scope questions declined.
const target = 0.95

// TestEval runs the question set in testdata/eval and fails when accuracy
// falls below the targets. tune.jsonl is the part tuned on; holdout.jsonl
// was written separately and never tuned on.
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
		t.Run(filepath.Base(name), func(t *testing.T) {
			f, err := os.Open(name)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			qs, err := Read(f)
			if err != nil {
				t.Fatal(err)
			}
			rep := Run(base, qs)
			t.Logf("answerable %d/%d (%.1f%%), declined %d/%d (%.1f%%)", rep.Answered, rep.Answerable,
				100*rep.AnswerRate(), rep.Declined, rep.Decline, 100*rep.DeclineRate())
			if rep.AnswerRate() < target || rep.DeclineRate() < target {
				// Failures are listed for the tuning part only: the
				// held-out part stays unseen.
				rep.Write(testWriter{t}, filepath.Base(name) == "tune.jsonl")
				t.Errorf("below the %.0f%% targets", 100*target)
			}
		})
	}
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) { w.t.Log(string(p)); return len(p), nil }

package eval

import (
	"fmt"
	"os"
	"sort"
	"testing"

	"github.com/malibot/malibot/facts"
)

// TestCalibrate prints, for the question file in MALIBOT_CALIB, each
// question's confidence and whether its best candidate would have been
// right, and the accuracy each threshold would give, with the engine as it
// is (TestFitConfidence in package facts refits the models and chooses
// the threshold; this checks the result end to end). Skipped otherwise.
func TestCalibrate(t *testing.T) {
	name := os.Getenv("MALIBOT_CALIB")
	if name == "" {
		t.Skip("set MALIBOT_CALIB to a question file")
	}
	base, err := facts.Default()
	if err != nil {
		t.Fatal(err)
	}
	qs, err := ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		conf        float64
		answerable  bool
		right       bool
		q, got, typ string
	}
	var rows []row
	for _, q := range qs {
		a := base.Ask(q.Q)
		text := a.Text + " " + a.Differ
		if a.Abstained && len(a.Suggestions) > 0 {
			if b, ok := base.Explain(a.Suggestions[0].ID); ok {
				text = b.Text + " " + b.Differ
			}
		}
		rows = append(rows, row{a.Confidence, q.Answerable(), q.Answerable() && Passes(text, q.Expect), q.Q, text, q.Type})
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].conf < rows[j].conf })
	for _, r := range rows {
		mark := "OOS  "
		if r.answerable {
			mark = "wrong"
			if r.right {
				mark = "right"
			}
		}
		if os.Getenv("MALIBOT_CALIB_ALL") != "" || mark == "wrong" || r.conf >= 0.4 && mark == "OOS  " {
			fmt.Printf("%.2f %s [%s] %s\n", r.conf, mark, r.typ, facts.Truncate(r.q, 90))
		}
	}
	for th := 0.30; th <= 0.75; th += 0.05 {
		right, oos, declined, answerable := 0, 0, 0, 0
		for _, r := range rows {
			if r.answerable {
				answerable++
				if r.right && r.conf >= th {
					right++
				}
			} else {
				oos++
				if r.conf < th {
					declined++
				}
			}
		}
		fmt.Printf("threshold %.2f: answerable %.1f%%  declined %.1f%%\n", th, 100*float64(right)/float64(answerable), 100*float64(declined)/float64(oos))
	}
}

package facts_test

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/malibot/malibot/facts"
	"github.com/malibot/malibot/facts/eval"
)

// TestFitConfidence fits, by logistic regression on the question files in
// MALIBOT_FIT (separated by commas), each with a base that has not filed
// its questions (eval.BaseWithout), the two models of confidence.go: the
// ranking model, on every candidate of the answerable questions labelled
// right or wrong against the key, and then the confidence model, on the
// best candidate of every question (an out-of-scope one is always
// wrong). It prints the weights to paste into confidence.go and the
// accuracy each threshold would give. A tool, skipped unless MALIBOT_FIT
// is set.
func TestFitConfidence(t *testing.T) {
	files := os.Getenv("MALIBOT_FIT")
	if files == "" {
		t.Skip("set MALIBOT_FIT to question files separated by commas")
	}
	// Each question's best candidate by the model is what is answered, so
	// every candidate is a sample: right when its text passes the key.
	var data []sample
	type question struct {
		first, n int
		oos      bool
	}
	var questions []question
	for _, name := range strings.Split(files, ",") {
		qs, err := eval.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		// A file's questions are filed as asks: its candidates come from
		// a base without them, as TestEval measures it.
		base, err := eval.BaseWithout(filepath.Base(name))
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range qs {
			cands := base.Candidates(q.Q)
			qu := question{first: len(data), n: len(cands), oos: !q.Answerable()}
			for _, c := range cands {
				data = append(data, sample{c.Signals, q.Answerable() && eval.Passes(c.Text, q.Expect), 1})
			}
			questions = append(questions, qu)
		}
	}
	// Out-of-scope questions are few but count as much as all answerable
	// ones in the targets, so their candidates weigh more.
	oos, ans := 0, 0
	for _, q := range questions {
		if q.oos {
			oos++
		} else {
			ans++
		}
	}
	for _, q := range questions {
		if q.oos {
			for k := q.first; k < q.first+q.n; k++ {
				data[k].weight = 0.5 * float64(ans) / float64(max(oos, 1))
			}
		}
	}
	// Stage 1, the ranking model: which candidate answers, learnt from
	// the answerable questions alone.
	var rankData []sample
	for _, q := range questions {
		if !q.oos {
			rankData = append(rankData, data[q.first:q.first+q.n]...)
		}
	}
	w, bias := fitLogistic(rankData)
	printModel("rank", facts.SignalNames(), w, bias)
	prob := func(x []float64) float64 {
		z := bias
		for i := range w {
			z += w[i] * x[i]
		}
		return 1 / (1 + math.Exp(-z))
	}
	// Stage 2, the confidence model: whether the best candidate by the
	// ranking model answers; out-of-scope questions never do.
	// top is a question's best candidate by the ranking model (-1 when it
	// has none), its probability and the runner-up's.
	top := func(q question) (best int, bestP, second float64) {
		best, bestP = -1, -1.0
		for k := q.first; k < q.first+q.n; k++ {
			if p := prob(data[k].x); p > bestP {
				best, second, bestP = k, max(bestP, 0), p
			} else if p > second {
				second = p
			}
		}
		return best, bestP, second
	}
	var confData []sample
	for _, q := range questions {
		best, bestP, second := top(q)
		if best < 0 {
			continue
		}
		x := append(append([]float64(nil), data[best].x...), bestP, bestP-second)
		confData = append(confData, sample{x, data[best].right, data[best].weight})
	}
	cw, cbias := fitLogistic(confData)
	printModel("conf", append(facts.SignalNames(), "rankProb", "lead"), cw, cbias)
	confProb := func(x []float64) float64 {
		z := cbias
		for i := range cw {
			z += cw[i] * x[i]
		}
		return 1 / (1 + math.Exp(-z))
	}
	for th := 0.2; th < 0.71; th += 0.05 {
		right, declined := 0, 0
		for _, q := range questions {
			best, bestP, second := top(q)
			if best >= 0 {
				bestP = confProb(append(append([]float64(nil), data[best].x...), bestP, bestP-second))
			}
			switch {
			case q.oos && (best < 0 || bestP < th):
				declined++
			case !q.oos && best >= 0 && data[best].right && bestP >= th:
				right++
			}
		}
		fmt.Printf("threshold %.2f: answerable %.1f%%  declined %.1f%%\n", th, 100*float64(right)/float64(ans), 100*float64(declined)/float64(max(oos, 1)))
	}
}

type sample struct {
	x      []float64
	right  bool
	weight float64
}

// fitLogistic fits weights and a bias by batch gradient descent with a
// little L2 regularisation.
func fitLogistic(data []sample) ([]float64, float64) {
	if len(data) == 0 {
		return nil, 0
	}
	n := len(data[0].x)
	w := make([]float64, n)
	bias := 0.0
	const (
		rate   = 0.5
		lambda = 1e-3
		rounds = 8000
	)
	for range rounds {
		gw := make([]float64, n)
		gb, total := 0.0, 0.0
		for _, s := range data {
			z := bias
			for i := range w {
				z += w[i] * s.x[i]
			}
			p := 1 / (1 + math.Exp(-z))
			y := 0.0
			if s.right {
				y = 1
			}
			for i := range w {
				gw[i] += s.weight * (p - y) * s.x[i]
			}
			gb += s.weight * (p - y)
			total += s.weight
		}
		for i := range w {
			w[i] -= rate * (gw[i]/total + lambda*w[i])
		}
		bias -= rate * gb / total
	}
	return w, bias
}

func printModel(name string, names []string, w []float64, bias float64) {
	for i, n := range names {
		fmt.Printf("  %s %-14s %+.3f\n", name, n, w[i])
	}
	size := "nSignals"
	if len(w) > len(facts.SignalNames()) {
		size = "nSignals + 2"
	}
	fmt.Printf("\t%sBias    = %.3f\n\t%sWeights = [%s]float64{", name, bias, name, size)
	for i := range w {
		if i > 0 {
			fmt.Print(", ")
		}
		fmt.Printf("%.3f", w[i])
	}
	fmt.Println("}")
}

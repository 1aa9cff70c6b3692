package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"golang.org/x/text/unicode/norm"
)

// evalItem is one line of testdata/eval/*.jsonl (see its README): an
// answer passes when every group of expect has at least one alternative as a
// case- and accent-insensitive substring; oos and noise lines (expect null)
// pass when the answer is a decline.
type evalItem struct {
	Q      string     `json:"q"`
	Type   string     `json:"type"`
	Expect [][]string `json:"expect"`
}

// evaluate answers every question of the given files and prints the
// baseline's accuracy, at the given threshold or, with sweep, over a range of
// thresholds (to choose the default on tune.jsonl, never on holdout.jsonl).
func evaluate(idx bleve.Index, sents []sentence, files []string, threshold float64, sweep bool, w io.Writer) error {
	type scored struct {
		item  evalItem
		score float64
		text  string // top sentence, folded; "" if no hit
	}
	var all []scored
	for _, f := range files {
		items, err := readEval(f)
		if err != nil {
			return err
		}
		for _, it := range items {
			// threshold 0 yields the top hit and its score; the cut is applied below.
			l := answer(idx, sents, it.Q, 0)
			s := scored{item: it, score: l.Score}
			if !l.Abstained {
				s.text = fold(l.Answer)
			}
			all = append(all, s)
		}
	}
	report := func(th float64, detail bool) (float64, float64, float64) {
		var ans, ansOK, oos, oosOK int
		byType := map[string][2]int{}
		for _, s := range all {
			declined := s.text == "" || s.score < th
			ok := false
			if s.item.Expect == nil {
				oos++
				ok = declined
				if ok {
					oosOK++
				}
			} else {
				ans++
				ok = !declined && matches(s.text, s.item.Expect)
				if ok {
					ansOK++
				}
			}
			c := byType[s.item.Type]
			c[1]++
			if ok {
				c[0]++
			}
			byType[s.item.Type] = c
		}
		pa, po := pct(ansOK, ans), pct(oosOK, oos)
		all := pct(ansOK+oosOK, ans+oos)
		if detail {
			fmt.Fprintf(w, "threshold %.2f: answerable %d/%d correct (%.1f%%), out-of-scope %d/%d declined (%.1f%%), overall %.1f%%\n",
				th, ansOK, ans, pa, oosOK, oos, po, all)
			types := make([]string, 0, len(byType))
			for t := range byType {
				types = append(types, t)
			}
			sort.Strings(types)
			for _, t := range types {
				c := byType[t]
				fmt.Fprintf(w, "  %-8s %3d/%3d  %5.1f%%\n", t, c[0], c[1], pct(c[0], c[1]))
			}
		}
		return pa, po, all
	}
	if !sweep {
		report(threshold, true)
		return nil
	}
	fmt.Fprintln(w, "threshold  answerable%  declined-oos%  overall%")
	for th := 0.0; th <= 3.0001; th += 0.1 {
		pa, po, all := report(th, false)
		fmt.Fprintf(w, "%9.1f  %11.1f  %12.1f  %8.1f\n", th, pa, po, all)
	}
	return nil
}

func readEval(path string) ([]evalItem, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []evalItem
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 4<<20)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var it evalItem
		if err := json.Unmarshal(sc.Bytes(), &it); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, n, err)
		}
		out = append(out, it)
	}
	return out, sc.Err()
}

func matches(answer string, expect [][]string) bool {
	for _, group := range expect {
		hit := false
		for _, alt := range group {
			if strings.Contains(answer, fold(alt)) {
				hit = true
				break
			}
		}
		if !hit {
			return false
		}
	}
	return true
}

// fold lower-cases s and strips combining accents.
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

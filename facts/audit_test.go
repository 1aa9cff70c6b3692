package facts

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestAuditAsks weighs new asks before they land. MALIBOT_AUDIT names a
// file of asks, one per line, already added to the data files. Every ask of
// the base is a probe: it is asked with itself left out, and it is right
// when the engine answers it, sure, with its own fact. For each listed ask
// the probes that share a word or a name with it are asked again with it
// left out too, and the test prints
//
//	delta<TAB>fact-id<TAB>ask<TAB>probes it makes wrong || probes it makes right
//
// where delta is how many more probes are right without it. An ask of
// delta > 0 leads more questions to its fact than belong there: drop it
// (MALIBOT_AUDIT_OUT gets the fact-id<TAB>ask lines to drop). A tool for
// curating the data, skipped otherwise.
func TestAuditAsks(t *testing.T) {
	name := os.Getenv("MALIBOT_AUDIT")
	if name == "" {
		t.Skip("set MALIBOT_AUDIT to a file of the asks to weigh")
	}
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, l := range strings.Split(string(data), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			listed[l] = true
		}
	}
	b, err := Load(Data()) // not the shared Default: skip changes its index
	if err != nil {
		t.Fatal(err)
	}
	ix, ax := b.index, b.index.asks
	var asks []string
	keys := map[string][]int{} // a content concept or entity → the asks holding it
	var keysOf [][]string
	for i, f := range b.Facts {
		for j, a := range f.Asks {
			k := len(asks)
			asks = append(asks, a)
			pa := ix.parsedAsks[i][j]
			ks := slices.Clone(pa.Content)
			for _, e := range pa.Ents {
				ks = append(ks, fmt.Sprint("#", e))
			}
			for _, key := range ks {
				keys[key] = append(keys[key], k)
			}
			keysOf = append(keysOf, ks)
		}
	}
	right := func(p int) bool {
		ax.asks[p].skip = true
		defer func() { ax.asks[p].skip = false }()
		a := b.Ask(asks[p])
		return !a.Abstained && len(a.Facts) > 0 && a.Facts[0] == b.Facts[ax.asks[p].fact]
	}
	was := make([]bool, len(asks))
	for p := range asks {
		was[p] = right(p)
	}
	var out *os.File
	if o := os.Getenv("MALIBOT_AUDIT_OUT"); o != "" {
		if out, err = os.Create(o); err != nil {
			t.Fatal(err)
		}
		defer out.Close()
	}
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	found, harmful := 0, 0
	for k, a := range asks {
		if !listed[a] {
			continue
		}
		found++
		probes := map[int]bool{} // the asks sharing a word or a name with it
		for _, key := range keysOf[k] {
			for _, p := range keys[key] {
				probes[p] = true
			}
		}
		delete(probes, k)
		ax.asks[k].skip = true
		var lost, won []string
		for p := range probes {
			switch now := right(p); {
			case now && !was[p]:
				won = append(won, asks[p])
			case !now && was[p]:
				lost = append(lost, asks[p])
			}
		}
		ax.asks[k].skip = false
		slices.Sort(won)
		slices.Sort(lost)
		id := b.Facts[ax.asks[k].fact].ID
		if delta := len(won) - len(lost); delta != 0 {
			fmt.Fprintf(w, "%d\t%s\t%s\t%s || %s\n", delta, id, a, strings.Join(won, " | "), strings.Join(lost, " | "))
			if delta > 0 {
				harmful++
				if out != nil {
					fmt.Fprintf(out, "%s\t%s\n", id, a)
				}
			}
		}
	}
	fmt.Fprintf(w, "%d asks match the %d listed lines (an ask may stand under two facts); %d lead more probes wrong than right\n", found, len(listed), harmful)
}

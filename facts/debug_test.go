package facts

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestDebugRank prints how the engine reads and ranks the questions in
// MALIBOT_DEBUG (separated by |); it is a tool for tuning, skipped otherwise.
func TestDebugRank(t *testing.T) {
	qs := os.Getenv("MALIBOT_DEBUG")
	if qs == "" {
		t.Skip("set MALIBOT_DEBUG to questions separated by |")
	}
	b, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range strings.Split(qs, "|") {
		q, want, _ := strings.Cut(q, "=>") // "question=>fact-id" also shows where that fact ranks
		p, _, _ := b.index.parseClauses(b.index.questionLines(q))
		var ents []string
		for _, e := range p.ents {
			ents = append(ents, b.index.docs[e].ID)
		}
		fmt.Printf("\nQ %q type=%s ents=%v content=%v date=%v\n", q, p.qt, ents, p.content, p.date)
		if want != "" {
			b.whereIs(p, want)
		}
		ranked, conf := b.index.rank(p)
		fmt.Printf("  confidence %.2f\n", conf)
		if len(ranked) > 0 {
			for i, miss := range nearMisses {
				if miss(b.index, p, ranked[0]) {
					fmt.Printf("  near miss #%d declines the best\n", i)
				}
			}
			if b.index.refuted(p, ranked) {
				fmt.Printf("  refuted\n")
			}
		}
		for i, s := range ranked {
			if i == 5 {
				break
			}
			fmt.Printf("  p=%.2f hand=%.2f cov=%.2f ent=%.2f fit=%.1f ask=%.2f/%.2f not=%.2f %s\n", s.prob, s.score, s.cover, s.ents, s.fit, s.ask, s.askCover, b.index.notScore(p, s.doc), b.index.docs[s.doc].ID)
		}
	}
}

// whereIs prints how fact id scores for the parsed question, beside the
// winner.
func (b *Base) whereIs(p query, id string) {
	for i, f := range b.index.docs {
		if f.ID != id {
			continue
		}
		var terms []string
		for _, c := range p.content {
			if b.index.has(i, c) {
				terms = append(terms, c)
			}
		}
		linked := 0
		for _, e := range p.ents {
			if slices.Contains(b.index.linked[i], e) || slices.Contains(b.index.mentioned[i], e) {
				linked++
			}
		}
		fmt.Printf("  WANT %s: covers %v, concerns %d of %d entities, fit %.1f\n", id, terms, linked, len(p.ents), typeFit(b.index, p, i, f))
		return
	}
	fmt.Printf("  WANT %s: no such fact\n", id)
}

// TestDiagnose reads MALIBOT_DIAG, a file of "question<TAB>fact-id,fact-id"
// lines (the facts that answer it), and prints where the first of them
// ranks and what beat it. A tool for tuning, skipped otherwise.
func TestDiagnose(t *testing.T) {
	name := os.Getenv("MALIBOT_DIAG")
	if name == "" {
		t.Skip("set MALIBOT_DIAG to a file of question<TAB>fact ids")
	}
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	hist := map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		q, ids, _ := strings.Cut(line, "\t")
		want := strings.Split(ids, ",")
		p := b.index.parse(q)
		ranked, conf := b.index.rank(p)
		pos := -1
		for i, s := range ranked {
			if slices.Contains(want, b.index.docs[s.doc].ID) {
				pos = i
				break
			}
		}
		verdict := "unranked"
		switch {
		case pos == 0 && conf >= Threshold:
			verdict = "top-ok"
		case pos == 0:
			verdict = "top-unsure"
		case pos > 0:
			verdict = fmt.Sprintf("rank%d", min(pos+1, 4))
		}
		hist[verdict]++
		top := ""
		if len(ranked) > 0 {
			top = b.index.docs[ranked[0].doc].ID
		}
		fmt.Printf("%-10s conf=%.2f top=%s want=%s | %s\n", verdict, conf, top, ids, Truncate(q, 100))
	}
	fmt.Println(hist)
}

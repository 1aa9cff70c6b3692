package facts

import (
	"fmt"
	"os"
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
		p := b.index.parse(q)
		var ents []string
		for _, e := range p.ents {
			ents = append(ents, b.index.docs[e].ID)
		}
		fmt.Printf("\nQ %q type=%s ents=%v content=%v date=%v\n", q, p.qt, ents, p.content, p.date)
		for i, s := range b.index.rank(p) {
			if i == 5 {
				break
			}
			fmt.Printf("  %.2f cov=%.2f ent=%.2f fit=%.1f conf=%.2f %s\n", s.score, s.cover, s.ents, s.fit, confidence(p, s), b.index.docs[s.doc].ID)
		}
	}
}

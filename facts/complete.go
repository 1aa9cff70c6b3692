package facts

import (
	"sort"
	"strings"

	"github.com/malibot/malibot/facts/norm"
	"github.com/sahilm/fuzzy"
)

// names is the list autocomplete matches against: every entity name and
// alias, folded, with the fact it names.
type names struct {
	text []string
	fact []*Fact
}

func (n *names) Len() int            { return len(n.text) }
func (n *names) String(i int) string { return n.text[i] }

func buildNames(facts []*Fact) *names {
	n := &names{}
	for _, f := range facts {
		if !f.Kind.IsEntity() {
			continue
		}
		for _, a := range append([]string{f.Name}, f.Aliases...) {
			n.text = append(n.text, norm.Fold(a))
			n.fact = append(n.fact, f)
		}
	}
	return n
}

// Complete returns up to limit entities of the given kinds (all entity
// kinds when none) whose names or aliases match what the user has typed so
// far, best first. Matching is github.com/sahilm/fuzzy's subsequence
// matching over folded names, so "goit", "jnm" and "barkh" all find their
// entity. With nothing typed it lists entities by name.
func (b *Base) Complete(typed string, limit int, kinds ...Kind) []*Fact {
	want := func(f *Fact) bool {
		if len(kinds) == 0 {
			return f.Kind.IsEntity()
		}
		for _, k := range kinds {
			if f.Kind == k {
				return true
			}
		}
		return false
	}
	var out []*Fact
	seen := map[*Fact]bool{}
	add := func(f *Fact) bool {
		if !seen[f] && want(f) {
			seen[f] = true
			out = append(out, f)
		}
		return len(out) >= limit
	}
	pattern := norm.Fold(typed)
	if limit <= 0 {
		return nil
	}
	if pattern == "" {
		all := make([]*Fact, 0, len(b.Facts))
		for _, f := range b.Facts {
			if want(f) {
				all = append(all, f)
			}
		}
		sort.Slice(all, func(i, j int) bool { return strings.ToLower(all[i].Name) < strings.ToLower(all[j].Name) })
		if len(all) > limit {
			all = all[:limit]
		}
		return all
	}
	// Exact prefixes first, then sahilm/fuzzy's ranking.
	for i, t := range b.names.text {
		if strings.HasPrefix(t, pattern) && add(b.names.fact[i]) {
			return out
		}
	}
	for _, m := range fuzzy.FindFrom(pattern, b.names) {
		if add(b.names.fact[m.Index]) {
			break
		}
	}
	return out
}

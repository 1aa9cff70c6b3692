package facts

import (
	"sort"
	"strings"

	"github.com/malibot/malibot/facts/norm"
	"github.com/sahilm/fuzzy"
)

// names is what autocomplete matches against: every entity name and alias,
// folded, with the fact it names; and in claims, every event, figure and
// claim under its caption and under the names of the entities it is about.
type names struct {
	text   []string
	fact   []*Fact
	claims *names
}

func (n *names) Len() int            { return len(n.text) }
func (n *names) String(i int) string { return n.text[i] }

func (n *names) add(s string, f *Fact) {
	if s = norm.Fold(s); s != "" {
		n.text = append(n.text, s)
		n.fact = append(n.fact, f)
	}
}

func buildNames(facts []*Fact) *names {
	n := &names{claims: &names{}}
	byID := make(map[string]*Fact, len(facts))
	for _, f := range facts {
		byID[f.ID] = f
	}
	for _, f := range facts {
		if f.Kind.IsEntity() {
			for _, a := range append([]string{f.Name}, f.Aliases...) {
				n.add(a, f)
			}
			continue
		}
		n.claims.add(Caption(f, captionMatch), f)
		for _, id := range f.About {
			if e := byID[id]; e != nil {
				for _, a := range append([]string{e.Name}, e.Aliases...) {
					n.claims.add(a, f)
				}
			}
		}
	}
	return n
}

// captionMatch is how much of a caption autocomplete matches against: the
// start of a statement says what it is about, its tail only adds noise.
const captionMatch = 70

// Caption is a one-line label of f for autocomplete and buttons, at most
// limit characters: an entity's name; a dated fact's date and the start of
// its statement ("2015-11-20 On 20 November 2015 gunmen stormed…"); a
// figure's measure and "as of" date ("JNIM fighters (as of 2018-09)").
func Caption(f *Fact, limit int) string {
	switch {
	case f.Kind.IsEntity():
		return Truncate(f.Name, limit)
	case f.Kind == KindFigure && f.Measures != "":
		s := f.Measures
		if f.AsOf != "" {
			s += " (as of " + f.AsOf + ")"
		}
		return Truncate(s, limit)
	case f.Date != "":
		return Truncate(f.Date+" "+f.Statement, limit)
	}
	return Truncate(f.Statement, limit)
}

// Complete returns up to limit facts of the given kinds (all entity kinds
// when none) that match what the user has typed so far, best first.
// Entities match by name or alias; events, figures and claims by their
// Caption and by the names and aliases of the entities they are about.
// Matching is github.com/sahilm/fuzzy's subsequence matching over folded
// text, after exact prefixes, so "goit", "jnm" and "barkh" all find their
// entity and "radisson" its attack. With nothing typed it lists entities by
// name, then dated facts newest first.
func (b *Base) Complete(typed string, limit int, kinds ...Kind) []*Fact {
	if limit <= 0 {
		return nil
	}
	want := func(f *Fact) bool { return ofKinds(f, kinds) }
	claims := false
	for _, k := range kinds {
		claims = claims || !k.IsEntity()
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
	if pattern == "" {
		var ents, dated, rest []*Fact
		for _, f := range b.Facts {
			switch {
			case !want(f):
			case f.Kind.IsEntity():
				ents = append(ents, f)
			case !f.When.IsZero():
				dated = append(dated, f)
			default:
				rest = append(rest, f)
			}
		}
		sort.SliceStable(ents, func(i, j int) bool { return strings.ToLower(ents[i].Name) < strings.ToLower(ents[j].Name) })
		sort.SliceStable(dated, func(i, j int) bool { return dated[j].When.Before(dated[i].When) })
		for _, list := range [][]*Fact{ents, dated, rest} {
			for _, f := range list {
				if add(f) {
					return out
				}
			}
		}
		return out
	}
	lists := []*names{b.nameList()}
	if claims {
		lists = append(lists, b.nameList().claims)
	}
	// Exact prefixes first, then sahilm/fuzzy's ranking.
	for _, n := range lists {
		for i, t := range n.text {
			if strings.HasPrefix(t, pattern) && add(n.fact[i]) {
				return out
			}
		}
	}
	for _, n := range lists {
		for _, m := range fuzzy.FindFrom(pattern, n) {
			if add(n.fact[m.Index]) {
				return out
			}
		}
	}
	return out
}

// Named returns the fact of one of the kinds (any entity kind when none)
// whose id, name or alias is s, ignoring case, accents, spaces and
// punctuation; or nil.
func (b *Base) Named(s string, kinds ...Kind) *Fact {
	want := func(f *Fact) bool { return ofKinds(f, kinds) }
	if f := b.byID[strings.TrimSpace(s)]; f != nil && want(f) {
		return f
	}
	key := foldKey(s)
	if key == "" {
		return nil
	}
	nl := b.nameList()
	for i, t := range nl.text {
		if f := nl.fact[i]; want(f) && strings.ReplaceAll(t, " ", "") == key {
			return f
		}
	}
	return nil
}

// ofKinds reports whether f is of one of kinds, or an entity when none.
func ofKinds(f *Fact, kinds []Kind) bool {
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

// nameList builds autocomplete's list of names on first use: answering
// questions never needs it, so start-up does not pay for it.
func (b *Base) nameList() *names {
	b.once.Do(func() { b.names = buildNames(b.Facts) })
	return b.names
}

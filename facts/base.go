package facts

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/malibot/malibot/facts/norm"
)

// Base is the loaded, validated fact base with its search index. It is
// read-only after Load and safe for concurrent use.
type Base struct {
	Docs   []*Document
	Facts  []*Fact // in file order
	docs   map[string]*Document
	byID   map[string]*Fact
	events []*Fact // dated facts, oldest first
	index  *index
	names  *names // autocomplete's list, built on first use
	once   sync.Once
}

func newBase(docs []*Document, all []*Fact, pre *prebuilt) (*Base, error) {
	b := &Base{Docs: docs, Facts: all, docs: map[string]*Document{}, byID: map[string]*Fact{}}
	for _, d := range docs {
		if d == nil || d.ID == "" || d.Short == "" {
			return nil, fmt.Errorf("%s: every document needs an id and a short name", SourcesFile)
		}
		if _, dup := b.docs[d.ID]; dup {
			return nil, fmt.Errorf("%s: %s: duplicate document id", SourcesFile, d.ID)
		}
		b.docs[d.ID] = d
	}
	// A snapshot holds facts that passed validate when it was written
	// (their dates parsed), and is read only for the very files it was
	// written from: validating them again would repeat that, at a seventh
	// of start-up.
	if pre == nil || !pre.Validated {
		if err := validate(b.docs, all); err != nil {
			return nil, err
		}
	}
	for _, f := range all {
		b.byID[f.ID] = f
		if !f.When.IsZero() {
			b.events = append(b.events, f)
		}
	}
	sort.SliceStable(b.events, func(i, j int) bool { return b.events[i].When.Before(b.events[j].When) })
	b.index = buildIndex(b, pre)
	return b, nil
}

// ByID returns the fact with the id, or nil.
func (b *Base) ByID(id string) *Fact { return b.byID[id] }

// Doc returns the document with the id, or nil.
func (b *Base) Doc(id string) *Document { return b.docs[id] }

// OfKind returns the facts of one kind in file order.
func (b *Base) OfKind(k Kind) []*Fact {
	var out []*Fact
	for _, f := range b.Facts {
		if f.Kind == k {
			out = append(out, f)
		}
	}
	return out
}

// Dated returns every fact with a date, oldest first.
func (b *Base) Dated() []*Fact { return b.events }

// OnDay returns the events with a full date on this month and day, oldest first.
func (b *Base) OnDay(m time.Month, day int) []*Fact {
	var out []*Fact
	for _, f := range b.events {
		if f.When.Precision == Day && f.When.Month == m && f.When.Day == day {
			out = append(out, f)
		}
	}
	return out
}

// AboutOf returns the claims (events, figures, claims) about entity id.
func (b *Base) AboutOf(id string) []*Fact {
	var out []*Fact
	for _, f := range b.Facts {
		if slices.Contains(f.About, id) {
			out = append(out, f)
		}
	}
	return out
}

// Cite renders the sources of f, one document at a time: "Counter
// Extremism Project, "Military Endeavors", line 74; US State Department,
// lines 4, 8" (a section is named when a document is cited once).
func (b *Base) Cite(f *Fact) string { return strings.Join(b.CiteAll(f), "; ") }

// CiteAll cites facts together, one part per document in the order the
// documents first come, each line once and in order: an answer made of
// a profile and an event that share a line cites that line once.
func (b *Base) CiteAll(fs ...*Fact) []string {
	var order []string
	lines := map[string][]int{}
	for _, f := range fs {
		for _, s := range f.Sources {
			if _, ok := b.docs[s.Doc]; !ok {
				continue
			}
			if _, seen := lines[s.Doc]; !seen {
				order = append(order, s.Doc)
			}
			if !slices.Contains(lines[s.Doc], s.Line) {
				lines[s.Doc] = append(lines[s.Doc], s.Line)
			}
		}
	}
	parts := make([]string, 0, len(order))
	for _, id := range order {
		d, ls := b.docs[id], lines[id]
		if len(ls) == 1 {
			parts = append(parts, d.Cite(ls[0]))
			continue
		}
		slices.Sort(ls)
		nums := make([]string, len(ls))
		for i, l := range ls {
			nums[i] = fmt.Sprint(l)
		}
		parts = append(parts, d.Short+", lines "+strings.Join(nums, ", "))
	}
	return parts
}

// foldKey is the comparison key of a name or alias: folded, without spaces,
// so that "al-Qaeda", "Al Qaeda" and "alqaeda" are one key.
func foldKey(s string) string { return strings.ReplaceAll(norm.Fold(s), " ", "") }

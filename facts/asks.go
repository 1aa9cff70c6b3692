package facts

import (
	"math"
	"runtime"
	"slices"
	"sync"
)

// Asks are the questions, in students' words, that the data files list
// under each fact. A question is compared with every ask that shares a
// word, a name or its type with it, and a fact's ask score is its best
// ask's: the IDF-weighted cosine of the two. It bridges the words people
// use ("how did he get away") and the words of the statements ("fled on a
// motorbike"), which BM25 over the statements cannot.
type askIndex struct {
	asks   []askMeta          // per ask, side by side: a question touches thousands
	post   map[string][]int32 // content concept → asks holding it
	byEnt  map[int][]int32    // entity → asks naming it
	idf    map[string]float64 // content concept → IDF over the asks
	unseen float64            // the weight of a word no ask holds
}

// askMeta is what the ask scores read of one ask.
type askMeta struct {
	norm float64 // the root of its summed weights
	qt   qtype   // its question type
	fact int32   // the fact it belongs to
	// skip leaves the ask out of the ask scores; set only in
	// TestAuditAsks, which weighs what each ask does to the others.
	skip bool
}

// The weights of a shared name and of a shared question type, beside a
// shared word's IDF over the asks (about 1 for "happen", 6 for "motorbik").
const (
	askEntWeight  = 3.0
	askTypeWeight = 1.0
)

// askTF is the weight in BM25 of a term of an ask, beside a statement's 1.
const askTF = 0.3

// askMin is the ask score below which an ask is no evidence at all.
const askMin = 0.3

// buildAsks indexes every ask, parsed as a question now or, from the
// snapshot, at the time it was made (pre), and adds its
// terms, lightly, to its fact's term weights tfs for BM25. It runs after
// the facts are analysed (the asks' words are then in the vocabulary, so
// none is "corrected") and before the postings are built from tfs. It
// returns, per fact, the terms that only its asks hold.
func (ix *index) buildAsks(b *Base, tfs []map[string]float64, pre [][]ParsedAsk) (askOnly []map[string]bool) {
	askOnly = make([]map[string]bool, len(b.Facts))
	ax := &askIndex{post: map[string][]int32{}, byEnt: map[int][]int32{}, idf: map[string]float64{}}
	per := pre
	if !parsesFit(pre, b.Facts) {
		per = ix.parseAsks(b, tfs)
	}
	ix.parsedAsks = per
	ix.nots = make([][]ParsedAsk, len(per))
	for i, ps := range per {
		for _, p := range ps {
			if p.Not {
				ix.nots[i] = append(ix.nots[i], p)
				continue
			}
			for _, t := range p.Terms {
				if tfs[i][t] == 0 {
					if askOnly[i] == nil {
						askOnly[i] = map[string]bool{}
					}
					askOnly[i][t] = true
				}
				tfs[i][t] += askTF
				ix.dl[i] += askTF
			}
			k := int32(len(ax.asks))
			ax.asks = append(ax.asks, askMeta{fact: int32(i), qt: p.Qt}) // norm weighed once every IDF is known
			for _, t := range p.Content {
				ax.post[t] = append(ax.post[t], k)
			}
			for _, e := range p.Ents {
				ax.byEnt[int(e)] = append(ax.byEnt[int(e)], k)
			}
		}
	}
	n := float64(len(ax.asks))
	for t, ps := range ax.post {
		df := float64(len(ps))
		ax.idf[t] = math.Log(1 + (n-df+0.5)/(df+0.5))
	}
	ax.unseen = math.Log(1 + (n-0.5)/1.5)
	// Each ask's weight is summed in its own word order, so that it never
	// varies from one start to the next.
	k := 0
	for _, ps := range per {
		for _, p := range ps {
			if p.Not {
				continue
			}
			w := 0.0
			for _, t := range p.Content {
				w += ax.idf[t]
			}
			w += askEntWeight * float64(len(p.Ents))
			if p.Qt != qAny {
				w += askTypeWeight
			}
			ax.asks[k].norm = math.Sqrt(max(w, 1))
			k++
		}
	}
	ix.asks = ax
	return askOnly
}

// ParsedAsk is an ask as the engine reads it. Parsing the asks is most of
// building the engine, so the snapshot keeps them parsed; it is exported
// for encoding/gob only.
type ParsedAsk struct {
	Qt             qtype
	Content, Terms []string
	Ents           []int32
	Not            bool // one of the fact's nots, which no ask score counts
}

// parsesFit reports whether pre holds a parse for every ask of facts.
func parsesFit(pre [][]ParsedAsk, facts []*Fact) bool {
	if len(pre) != len(facts) {
		return false
	}
	for i, f := range facts {
		if len(pre[i]) != len(f.Asks)+len(f.Nots) {
			return false
		}
	}
	return true
}

// parseAsks parses every fact's asks as questions. Parsing reads the index
// only, so the asks are parsed on every core, and kept in fact order.
func (ix *index) parseAsks(b *Base, tfs []map[string]float64) [][]ParsedAsk {
	per := make([][]ParsedAsk, len(b.Facts))
	workers := min(runtime.GOMAXPROCS(0), 4, max(len(b.Facts), 1))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(b.Facts); i += workers {
				for _, a := range b.Facts[i].Asks {
					p := ix.parse(afterAnyway(a)) // the chatter before "anyway" is not what it asks
					// An ask that checks a claim may name a wrong year or
					// the wrong group ("was it 2015?", "is he in JNIM?"):
					// numbers the statement lacks and things the fact does
					// not concern do not lead to it.
					keep := func(t string) bool { return !isNumber(t) || tfs[i][t] > 0 }
					var ents []int32
					for _, e := range p.ents {
						if ix.concerns(i, e) {
							ents = append(ents, int32(e))
						}
					}
					per[i] = append(per[i], ParsedAsk{p.qt, slices.DeleteFunc(dedupe(p.content), func(t string) bool { return !keep(t) }),
						slices.DeleteFunc(slices.Clone(p.terms), func(t string) bool { return !keep(t) }), ents, false})
				}
				// A not is kept whole: its wrong year or other name is
				// what it asks.
				for _, a := range b.Facts[i].Nots {
					p := ix.parse(afterAnyway(a))
					ents := make([]int32, len(p.ents))
					for k, e := range p.ents {
						ents[k] = int32(e)
					}
					per[i] = append(per[i], ParsedAsk{p.qt, dedupe(p.content), p.terms, ents, true})
				}
			}
		}()
	}
	wg.Wait()
	return per
}

// notScore is how near the question comes to the nearest of fact d's
// nots, on the scale of its ask score: the cosine of the same weights,
// where a word no ask holds weighs as much as the rarest. A not counts
// only if it asks for the same kind of answer and the question shares
// most of what the not asks beyond the fact (notBeyond of the weight of
// its words the fact does not state: "where is Bazoum being HELD now").
func (ix *index) notScore(p query, d int) float64 {
	s, _ := ix.nearestNot(p, d)
	return s
}

// nearestNot returns notScore and which of fact d's nots gives it.
func (ix *index) nearestNot(p query, d int) (float64, int) {
	ax := ix.asks
	if ax == nil || len(ix.nots[d]) == 0 {
		return 0, -1
	}
	weight := func(t string) float64 {
		if w, ok := ax.idf[t]; ok {
			return w
		}
		return ax.unseen
	}
	content := dedupe(p.content)
	qw := askEntWeight * float64(len(p.ents))
	for _, t := range content {
		qw += weight(t)
	}
	if p.qt != qAny {
		qw += askTypeWeight
	}
	if qw == 0 {
		return 0, -1
	}
	best, which := 0.0, -1
	for k, n := range ix.nots[d] {
		if n.Qt != p.qt && n.Qt != qAny && p.qt != qAny {
			continue // "why…" does not ask what "how many…" asks
		}
		shared, nw := 0.0, 0.0
		// What the not asks beyond the fact is in the words the fact
		// does not state: the question must share most of them.
		beyond, asked := 0.0, 0.0
		for _, t := range n.Content {
			w := weight(t)
			nw += w
			in := slices.Contains(content, t)
			if in {
				shared += w
			}
			if !ix.states(d, t) {
				beyond += w
				if in {
					asked += w
				}
			}
		}
		if beyond == 0 || asked < notBeyond*beyond {
			continue
		}
		for _, e := range n.Ents {
			nw += askEntWeight
			if slices.Contains(p.ents, int(e)) {
				shared += askEntWeight
			}
		}
		if n.Qt != qAny {
			nw += askTypeWeight
			if n.Qt == p.qt {
				shared += askTypeWeight
			}
		}
		if s := shared / (math.Sqrt(qw) * math.Sqrt(max(nw, 1))); s > best {
			best, which = s, k
		}
	}
	return best, which
}

// known reports whether some ask holds concept t.
func (ax *askIndex) known(t string) bool { return ax != nil && len(ax.post[t]) > 0 }

// scores sets sc.ask[f] to fact f's ask score for query p, and
// sc.askCover[f] to the most of the question's weight one of its asks
// holds, and returns the facts it set. It leaves sc.shared zero, as it found it.
func (ax *askIndex) scores(p query, sc *scratch) []int {
	if ax == nil || len(ax.asks) == 0 {
		return nil
	}
	if cap(sc.shared) < len(ax.asks) {
		sc.shared = make([]float64, len(ax.asks))
	}
	shared, out := sc.shared[:len(ax.asks)], sc.ask
	qw := 0.0
	touched := sc.touched[:0]
	defer func() { sc.touched = touched[:0] }()
	hit := func(k int32, w float64) {
		if shared[k] == 0 {
			touched = append(touched, k)
		}
		shared[k] += w
	}
	for _, t := range dedupe(p.content) {
		w, ok := ax.idf[t]
		if !ok {
			qw += ax.unseen
			continue
		}
		qw += w
		for _, k := range ax.post[t] {
			hit(k, w)
		}
	}
	for _, e := range p.ents {
		qw += askEntWeight
		for _, k := range ax.byEnt[e] {
			hit(k, askEntWeight)
		}
	}
	if p.qt != qAny {
		qw += askTypeWeight
	}
	if qw == 0 {
		for _, k := range touched {
			shared[k] = 0
		}
		return nil
	}
	qn := math.Sqrt(qw)
	facts := sc.askFacts[:0]
	defer func() { sc.askFacts = facts[:0] }()
	for _, k := range touched {
		s := shared[k]
		shared[k] = 0
		a := &ax.asks[k]
		if a.skip {
			continue
		}
		if p.qt != qAny && a.qt == p.qt {
			s += askTypeWeight
		}
		sim := s / (qn * a.norm)
		f := int(a.fact)
		if out[f] == 0 {
			facts = append(facts, f)
		}
		out[f] = max(out[f], sim)
		sc.askCover[f] = max(sc.askCover[f], s/qw)
	}
	return facts
}

// dedupe returns the distinct strings of s, in order.
func dedupe(s []string) []string {
	out := s[:0:0]
	for _, t := range s {
		seen := false
		for _, u := range out {
			seen = seen || u == t
		}
		if !seen {
			out = append(out, t)
		}
	}
	return out
}

// Clash is a not that comes as near one of its own fact's asks as a
// paraphrase would (Score ≥ notClash): a question the fact answers, not a
// near miss, which would decline the fact's own questions.
type Clash struct {
	Fact, Not, Ask string
	Score          float64
}

// Clashes returns every not of the base that clashes with one of its own
// fact's asks, in fact order, each not once, against the ask it comes
// nearest. The data's test reports them; the tool that files the tuning
// questions leaves them out.
func (b *Base) Clashes() []Clash {
	ix := b.index
	var out []Clash
	for d, ps := range ix.parsedAsks {
		seen := map[int]int{} // not → its clash in out
		for k, a := range ps {
			if a.Not {
				continue
			}
			ents := make([]int, len(a.Ents))
			for i, e := range a.Ents {
				ents[i] = int(e)
			}
			n, w := ix.nearestNot(query{qt: a.Qt, content: a.Content, ents: ents}, d)
			if n < notClash {
				continue
			}
			c := Clash{ix.docs[d].ID, ix.docs[d].Nots[w], ix.docs[d].Asks[k], n}
			if at, ok := seen[w]; !ok {
				seen[w] = len(out)
				out = append(out, c)
			} else if n > out[at].Score {
				out[at] = c
			}
		}
	}
	return out
}

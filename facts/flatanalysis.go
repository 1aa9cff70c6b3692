package facts

import (
	"maps"
	"slices"
)

// flatAnalysis is the facts' analysis (see analysed) in the form the
// snapshot stores it, as flatAsks stores the asks: each distinct string
// once, everything else as numbers.
type flatAnalysis struct {
	Strings []string // every word and concept, once
	// Stated are the words of the facts' own texts (the vocabulary's
	// "true"), and Stems pairs of a word and its concept; both sorted.
	Stated, Stems []int32
	// Codes, per fact: its terms, its statement's concepts, the entities
	// it concerns and those it mentions, each as its length and its items
	// (indexes into Strings for terms and concepts, fact positions for
	// entities); then 1 if its statement gives a reason, else 0.
	Codes []int32
	// Weights, per fact: the weight of each of its terms, in Codes'
	// order, then its length.
	Weights []float64
}

// flattenAnalysis packs an into flatAnalysis, in an order that depends
// on nothing but an, so that the snapshot is the same at every writing.
func flattenAnalysis(an *analysed) flatAnalysis {
	var out flatAnalysis
	id := map[string]int32{}
	code := func(s string) int32 {
		k, ok := id[s]
		if !ok {
			k = int32(len(out.Strings))
			id[s] = k
			out.Strings = append(out.Strings, s)
		}
		return k
	}
	for _, w := range slices.Sorted(maps.Keys(an.vocab)) {
		if an.vocab[w] {
			out.Stated = append(out.Stated, code(w))
		}
	}
	for _, w := range slices.Sorted(maps.Keys(an.stems)) {
		out.Stems = append(out.Stems, code(w), code(an.stems[w]))
	}
	positions := func(ps []int) {
		out.Codes = append(out.Codes, int32(len(ps)))
		for _, p := range ps {
			out.Codes = append(out.Codes, int32(p))
		}
	}
	for i, tf := range an.tfs {
		terms := slices.Sorted(maps.Keys(tf))
		out.Codes = append(out.Codes, int32(len(terms)))
		for _, t := range terms {
			out.Codes = append(out.Codes, code(t))
			out.Weights = append(out.Weights, tf[t])
		}
		out.Weights = append(out.Weights, an.dl[i])
		out.Codes = append(out.Codes, int32(len(an.said[i])))
		for _, c := range an.said[i] {
			out.Codes = append(out.Codes, code(c))
		}
		positions(an.linked[i])
		positions(an.mentioned[i])
		causal := int32(0)
		if an.causal[i] {
			causal = 1
		}
		out.Codes = append(out.Codes, causal)
	}
	return out
}

// unflatten unpacks the analysis of facts facts; ok is false when the
// codes do not hold exactly that many facts or point outside Strings or
// the facts. Empty lists are nil, as analyse leaves them.
func (fa flatAnalysis) unflatten(facts int) (an *analysed, ok bool) {
	codes, weights := fa.Codes, fa.Weights
	str := func(k int32) (string, bool) {
		if k < 0 || int(k) >= len(fa.Strings) {
			return "", false
		}
		return fa.Strings[k], true
	}
	// list returns the next length-prefixed run of codes.
	list := func() ([]int32, bool) {
		if len(codes) == 0 {
			return nil, false
		}
		n := codes[0]
		if n < 0 || int(n) >= len(codes) {
			return nil, false
		}
		l := codes[1 : 1+n]
		codes = codes[1+n:]
		return l, true
	}
	an = &analysed{tfs: make([]map[string]float64, facts), dl: make([]float64, facts), said: make([][]string, facts),
		linked: make([][]int, facts), mentioned: make([][]int, facts), causal: make([]bool, facts),
		stems: make(map[string]string, len(fa.Stems)/2), vocab: make(map[string]bool, len(fa.Stated))}
	for _, k := range fa.Stated {
		w, ok := str(k)
		if !ok {
			return nil, false
		}
		an.vocab[w] = true
	}
	if len(fa.Stems)%2 != 0 {
		return nil, false
	}
	for j := 0; j < len(fa.Stems); j += 2 {
		w, ok1 := str(fa.Stems[j])
		c, ok2 := str(fa.Stems[j+1])
		if !ok1 || !ok2 {
			return nil, false
		}
		an.stems[w] = c
	}
	// The facts' concept lists share one backing array, and so do their
	// entity lists.
	strs := make([]string, 0, len(codes)/2)
	ents := make([]int, 0, len(codes)/8)
	concepts := func(l []int32) ([]string, bool) {
		if len(l) == 0 {
			return nil, true
		}
		start := len(strs)
		for _, k := range l {
			s, ok := str(k)
			if !ok {
				return nil, false
			}
			strs = append(strs, s)
		}
		return strs[start:len(strs):len(strs)], true
	}
	positions := func(l []int32) ([]int, bool) {
		if len(l) == 0 {
			return nil, true
		}
		start := len(ents)
		for _, p := range l {
			if p < 0 || int(p) >= facts {
				return nil, false
			}
			ents = append(ents, int(p))
		}
		return ents[start:len(ents):len(ents)], true
	}
	for i := 0; i < facts; i++ {
		terms, ok := list()
		if !ok || len(weights) < len(terms)+1 {
			return nil, false
		}
		tf := make(map[string]float64, len(terms))
		for j, k := range terms {
			t, ok := str(k)
			if !ok {
				return nil, false
			}
			tf[t] = weights[j]
		}
		an.tfs[i], an.dl[i] = tf, weights[len(terms)]
		weights = weights[len(terms)+1:]
		said, ok1 := list()
		linked, ok2 := list()
		mentioned, ok3 := list()
		if !ok1 || !ok2 || !ok3 || len(codes) == 0 || codes[0] < 0 || codes[0] > 1 {
			return nil, false
		}
		an.causal[i] = codes[0] == 1
		codes = codes[1:]
		var ok4, ok5, ok6 bool
		an.said[i], ok4 = concepts(said)
		an.linked[i], ok5 = positions(linked)
		an.mentioned[i], ok6 = positions(mentioned)
		if !ok4 || !ok5 || !ok6 {
			return nil, false
		}
	}
	return an, len(codes) == 0 && len(weights) == 0
}

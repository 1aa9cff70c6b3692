package facts

// flatAsks is the parsed asks of every fact in the form the snapshot
// stores them: each distinct string once, and every ask as numbers. Gob
// decodes a list of small numbers far faster than thousands of short
// string lists, and the strings it gives back are shared, not copied once
// per ask, so start-up allocates (and the process touches) less memory.
type flatAsks struct {
	Strings []string // every word the asks use, once
	// Codes, per fact: its number of asks; per ask: Qt<<1 | Not, then
	// Content, Terms and Ents, each as its length and its items (indexes
	// into Strings for words, entity positions for Ents).
	Codes []int32
}

// flatten packs per (per fact, its parsed asks) into flatAsks.
func flatten(per [][]ParsedAsk) flatAsks {
	var out flatAsks
	id := map[string]int32{}
	words := func(ws []string) {
		out.Codes = append(out.Codes, int32(len(ws)))
		for _, w := range ws {
			k, ok := id[w]
			if !ok {
				k = int32(len(out.Strings))
				id[w] = k
				out.Strings = append(out.Strings, w)
			}
			out.Codes = append(out.Codes, k)
		}
	}
	for _, ps := range per {
		out.Codes = append(out.Codes, int32(len(ps)))
		for _, p := range ps {
			head := int32(p.Qt) << 1
			if p.Not {
				head |= 1
			}
			out.Codes = append(out.Codes, head)
			words(p.Content)
			words(p.Terms)
			out.Codes = append(out.Codes, int32(len(p.Ents)))
			out.Codes = append(out.Codes, p.Ents...)
		}
	}
	return out
}

// unflatten unpacks the asks of facts facts; ok is false when the codes
// do not hold exactly that many facts' asks or point outside Strings.
// Nil lists stay nil, as the parser leaves them.
func (fa flatAsks) unflatten(facts int) (per [][]ParsedAsk, ok bool) {
	codes := fa.Codes
	next := func() (int32, bool) {
		if len(codes) == 0 {
			return 0, false
		}
		c := codes[0]
		codes = codes[1:]
		return c, true
	}
	// All the asks' word lists share one backing array, and so do their
	// entity lists: two allocations instead of thousands.
	strs := make([]string, 0, len(fa.Codes))
	ents := make([]int32, 0, len(fa.Codes)/8)
	words := func() ([]string, bool) {
		n, ok := next()
		if !ok || n < 0 || int(n) > len(codes) {
			return nil, false
		}
		if n == 0 {
			return nil, true
		}
		start := len(strs)
		for _, k := range codes[:n] {
			if k < 0 || int(k) >= len(fa.Strings) {
				return nil, false
			}
			strs = append(strs, fa.Strings[k])
		}
		codes = codes[n:]
		return strs[start:len(strs):len(strs)], true
	}
	per = make([][]ParsedAsk, facts)
	for i := range per {
		n, ok := next()
		if !ok || n < 0 || int(n) > len(codes) {
			return nil, false
		}
		if n > 0 {
			per[i] = make([]ParsedAsk, n)
		}
		for j := range per[i] {
			p := &per[i][j]
			head, ok1 := next()
			content, ok2 := words()
			terms, ok3 := words()
			m, ok4 := next()
			if !ok1 || !ok2 || !ok3 || !ok4 || m < 0 || int(m) > len(codes) {
				return nil, false
			}
			p.Qt, p.Not = qtype(head>>1), head&1 == 1
			p.Content, p.Terms = content, terms
			if m > 0 {
				start := len(ents)
				ents = append(ents, codes[:m]...)
				p.Ents = ents[start:len(ents):len(ents)]
				codes = codes[m:]
			}
		}
	}
	return per, len(codes) == 0
}

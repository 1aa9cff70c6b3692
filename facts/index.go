package facts

import (
	"maps"
	"math"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/malibot/malibot/facts/norm"
	en "github.com/malibot/malibot/facts/words"
)

// index is the search structure built once from a Base: BM25 postings over
// each fact's words, the alias table of entity names with a deletion index
// for typo-tolerant lookup, and for each fact the entities it is linked to.
type index struct {
	docs  []*Fact
	post  map[string][]posting // concept stem → facts containing it
	dl    []float64            // per fact: length in terms
	avgdl float64

	ent         map[string]int // entity id → fact position
	linked      [][]int        // per fact: positions of the entities it concerns
	mentioned   [][]int        // per fact: entities its statement only mentions
	parsedAsks  [][]ParsedAsk  // per fact: its asks and nots as parsed, which the snapshot keeps
	nots        [][]ParsedAsk  // per fact: its nots as parsed
	linkedBy    map[int][]int  // entity → facts linked to it
	mentionedBy map[int][]int  // entity → facts that mention it in passing
	rels        [][]string     // per fact: concepts its rel answers
	said        [][]string     // per fact: the concepts of its statement's content words, in order
	causal      []bool         // per fact: its statement gives a reason
	relTypes    [][]qtype      // per fact: the question types its rel answers best

	keys       []aliasKey         // every alias, folded without spaces
	byKey      map[string]int     // alias key → position in keys
	deletes    map[string][]int   // alias key with one or two letters deleted → keys
	maxN       int                // most words in one alias
	starts     map[string]bool    // first words of aliases, and aliases typed as one word
	prefixes   map[string]bool    // aliases cut after any of their words but the last
	vocab      map[string]bool    // every folded word of the base: true for the facts' own, false for their asks' only
	spell      map[uint64]int32   // hash of a known word, whole or less one letter → the word (built on first use)
	spellMore  map[uint64][]int32 // further words under one hash
	spellWords []string
	spellOnce  sync.Once
	stems      map[string]string
	asks       *askIndex
	latest     Date // the latest date of any fact: the documents know nothing after it
}

type posting struct {
	doc    int
	tf     float64
	stated bool // the fact's own text holds the term, not only its asks
}

type aliasKey struct {
	key   string
	words int   // how many words the alias has
	ents  []int // entity positions sharing the alias (more than one if ambiguous)
}

// conceptOf folds a word to its concept stem ("leads" → "lead", "emir" →
// "lead"), using the stems the index remembered from its own texts. It
// never writes to the index, which is shared between goroutines.
func (ix *index) conceptOf(w string) string {
	if s, ok := ix.stems[w]; ok {
		return s
	}
	if c, ok := ownConcepts[w]; ok {
		return c
	}
	s := norm.Stem(w)
	if c, ok := concepts[s]; ok {
		return c
	}
	if c, ok := concepts[w]; ok {
		return c
	}
	return s
}

// ownConcepts are words whose stem is another word's: a department
// ("depart") does not leave, and respondents ("respond") were polled.
var ownConcepts = map[string]string{"department": "department", "departments": "department", "respondent": "poll", "respondents": "poll"}

// buildIndex builds the search index of b's facts; pre, if not nil, holds
// what a snapshot already worked out from them.
func buildIndex(b *Base, pre *prebuilt) *index {
	ix := &index{
		docs:     b.Facts,
		post:     map[string][]posting{},
		ent:      map[string]int{},
		byKey:    map[string]int{},
		deletes:  map[string][]int{},
		starts:   map[string]bool{},
		prefixes: map[string]bool{},
	}
	n := len(b.Facts)
	ix.rels = make([][]string, n)
	ix.relTypes = make([][]qtype, n)
	for i, f := range b.Facts {
		if f.Kind.IsEntity() {
			ix.ent[f.ID] = i
		}
		for _, d := range []Date{f.When, f.Asof} {
			if ix.latest.Before(d) {
				ix.latest = d
			}
		}
	}
	ix.buildAliases(b)
	var an *analysed
	if pre != nil && pre.Analysed != nil {
		an = pre.Analysed() // unpacked meanwhile (readSnapshot)
	}
	if an == nil {
		an = ix.analyseAll(b.Facts, pre == nil)
	}
	tfs := an.tfs
	ix.dl, ix.said, ix.linked, ix.mentioned, ix.causal = an.dl, an.said, an.linked, an.mentioned, an.causal
	ix.stems, ix.vocab = an.stems, an.vocab
	for i, f := range b.Facts {
		ix.rels[i], ix.relTypes[i] = relConcepts[f.Rel], relTypes[f.Rel]
	}
	var asks [][]ParsedAsk
	if pre != nil {
		for _, w := range pre.AskWords {
			if _, ok := ix.vocab[w]; !ok {
				ix.vocab[w] = false
			}
		}
		asks = pre.Asks() // unpacked meanwhile (readSnapshot)
	}
	askOnly := ix.buildAsks(b, tfs, asks)
	total := 0.0
	for i, tf := range tfs {
		for t, v := range tf {
			ix.post[t] = append(ix.post[t], posting{doc: i, tf: v, stated: !askOnly[i][t]})
		}
		total += ix.dl[i]
	}
	if n > 0 {
		ix.avgdl = total / float64(n)
	}
	ix.linkedBy, ix.mentionedBy = map[int][]int{}, map[int][]int{}
	for i := range b.Facts {
		for _, e := range ix.linked[i] {
			ix.linkedBy[e] = append(ix.linkedBy[e], i)
		}
		for _, e := range ix.mentioned[i] {
			ix.mentionedBy[e] = append(ix.mentionedBy[e], i)
		}
	}
	return ix
}

// analysed is what analyse reads from the facts: per fact, its term
// weights, length, statement concepts, links and reason flag; and the
// stems and vocabulary of their texts. The snapshot keeps it (see
// flatAnalysis): folding and stemming every text is a third of start-up.
type analysed struct {
	tfs               []map[string]float64
	dl                []float64 // summed in text order, so that it never varies
	said              [][]string
	linked, mentioned [][]int
	causal            []bool
	stems             map[string]string
	vocab             map[string]bool
}

// analyseAll analyses every fact. Each is read on its own (words, stems,
// links), so the work is shared among the cores. With askWords, the words
// of the facts' asks join the vocabulary as known but never stated.
func (ix *index) analyseAll(facts []*Fact, askWords bool) *analysed {
	n := len(facts)
	an := &analysed{tfs: make([]map[string]float64, n), dl: make([]float64, n), said: make([][]string, n),
		linked: make([][]int, n), mentioned: make([][]int, n), causal: make([]bool, n),
		stems: map[string]string{}, vocab: map[string]bool{}}
	workers := min(runtime.GOMAXPROCS(0), 4, max(n, 1))
	stems := make([]map[string]string, workers)
	vocabs := make([]map[string]bool, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		stems[w], vocabs[w] = map[string]string{}, map[string]bool{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				ix.analyse(an, i, facts[i], stems[w], vocabs[w], askWords)
			}
		}()
	}
	wg.Wait()
	for w := range stems {
		maps.Copy(an.stems, stems[w])
		for word, own := range vocabs[w] {
			an.vocab[word] = an.vocab[word] || own
		}
	}
	return an
}

// analyse reads fact f (at position i) into an: its term weights, length,
// concepts, links and reason flag. It writes only to position i of an's
// slices and to the memo maps it is given. With askWords, the words of its
// asks join vocab as known but never stated.
func (ix *index) analyse(an *analysed, i int, f *Fact, stems map[string]string, vocab map[string]bool, askWords bool) {
	tf := map[string]float64{}
	// addFolded weighs the words of folded text; said, if not nil, gets
	// their concepts in order.
	addFolded := func(folded string, weight float64, said *[]string) {
		for _, w := range strings.Fields(rephrase(folded)) {
			vocab[w] = true
			if stopwords[w] {
				continue
			}
			st, ok := stems[w]
			if !ok {
				st = ix.conceptOf(w)
				stems[w] = st
			}
			tf[st] += weight
			an.dl[i] += weight // summed in text order, so that it never varies
			if said != nil {
				*said = append(*said, st)
			}
		}
	}
	add := func(text string, weight float64) { addFolded(norm.FoldAll(text), weight, nil) }
	folded := norm.FoldAll(expandUpper(f.Statement))
	addFolded(folded, 1, &an.said[i])
	add(f.Name, 2)
	for _, a := range f.Aliases {
		add(a, 0.3)
	}
	add(strings.Join(f.Tags, " "), 1)
	if askWords { // else a snapshot's AskWords hold them, folded already
		for _, a := range f.Asks {
			for _, w := range strings.Fields(norm.FoldAll(a)) {
				if _, ok := vocab[w]; !ok {
					vocab[w] = false // known, never "corrected", but no name's spelling (asks may say "kufa")
				}
			}
		}
	}
	add(f.Measures, 1)
	add(f.Role, 1)
	add(f.Category, 0.5)
	add(f.Unit, 0.5)
	for _, c := range relConcepts[f.Rel] {
		tf[c] += 0.5
		an.dl[i] += 0.5
	}
	an.linked[i], an.mentioned[i] = ix.linksOf(f, i, folded)
	an.causal[i] = isCausal(strings.Fields(folded))
	an.tfs[i] = tf
}

// linksOf lists the entities a fact concerns (itself and its about list)
// and, apart, those its statement only mentions.
func (ix *index) linksOf(f *Fact, self int, folded string) (linked, mentioned []int) {
	seen := map[int]bool{}
	add := func(p int) {
		if !seen[p] {
			seen[p] = true
			linked = append(linked, p)
		}
	}
	if f.Kind.IsEntity() {
		add(self)
	}
	for _, id := range f.About {
		if p, ok := ix.ent[id]; ok {
			add(p)
		}
	}
	for _, m := range ix.matchAliases(strings.Fields(folded), false) {
		if len(m.ents) == 1 && !seen[m.ents[0]] {
			seen[m.ents[0]] = true
			mentioned = append(mentioned, m.ents[0])
		}
	}
	return linked, mentioned
}

// upperAliases are capitalised abbreviations that fold onto common words
// ("US" → "us", "IS" → "is"); they are spelled out before folding.
var upperAliases = regexp.MustCompile(`\b(U\.S\.?A?|US|USA|IS)\b`)

func expandUpper(s string) string {
	if !strings.Contains(s, "US") && !strings.Contains(s, "U.S") && !strings.Contains(s, "IS") {
		return s
	}
	return upperAliases.ReplaceAllStringFunc(s, func(m string) string {
		if m == "IS" {
			return "Islamic State"
		}
		return "United States"
	})
}

func (ix *index) buildAliases(b *Base) {
	surnames := map[string][]int{}
	for _, f := range b.Facts {
		if !f.Kind.IsEntity() {
			continue
		}
		p := ix.ent[f.ID]
		names := append([]string{f.Name}, f.Aliases...)
		var forms []string
		for _, a := range names {
			forms = append(forms, a)
			if e := expandUpper(a); e != a {
				forms = append(forms, strings.ToLower(a)) // "IS Sahel" is also typed "is sahel"
				forms[len(forms)-2] = e
			}
		}
		for _, a := range forms {
			words := norm.Words(a)
			if len(words) == 0 {
				continue
			}
			key := strings.Join(words, "")
			if len(words) == 1 && (stopwords[key] || len(key) < 2) {
				continue // an alias such as "us" would match every sentence
			}
			ix.addKey(key, len(words), p)
			ix.maxN = max(ix.maxN, len(words))
			ix.starts[words[0]] = true
			ix.starts[key] = true
			for k := 1; k < len(words); k++ {
				ix.prefixes[strings.Join(words[:k], "")] = true
			}
		}
		if f.Kind == KindPerson {
			for _, w := range norm.Words(f.Name) {
				if len(w) >= 4 && !stopwords[w] && !nameParticles[w] {
					surnames[w] = append(surnames[w], p)
				}
			}
		}
	}
	// A person's single name words ("Goita", "Droukdel", "Iyad") reach them
	// when no other entity claims the word.
	// In word order: a misspelt name is read as the first of its nearest
	// keys, so the keys' order must not vary from one start to the next.
	for _, w := range slices.Sorted(maps.Keys(surnames)) {
		ps := surnames[w]
		if _, taken := ix.byKey[w]; taken || len(ps) != 1 {
			continue
		}
		ix.addKey(w, 1, ps[0])
		ix.starts[w] = true
	}
	// The deletion index finds names within typing distance: one deletion
	// of every name short enough to be typed in a fuzzy span, two for
	// single words of 8 to 12 letters, where two slips are common.
	for k, ak := range ix.keys {
		if len(ak.key) < 4 || ak.words > fuzzySpan {
			continue
		}
		d := 1
		if ak.words == 1 && len(ak.key) >= 8 && len(ak.key) <= 12 {
			d = 2
		}
		for _, v := range deletions(ak.key, d) {
			ix.deletes[v] = append(ix.deletes[v], k)
		}
	}
}

var nameParticles = setOf(`abu bin ibn ould ag bah al el ben abd abdul`)

// fuzzySpan is the most words a misspelt name may span, and maxFuzzyKey
// the most letters.
const (
	fuzzySpan   = 2
	maxFuzzyKey = 16
)

func (ix *index) addKey(key string, words, ent int) {
	if k, ok := ix.byKey[key]; ok {
		for _, e := range ix.keys[k].ents {
			if e == ent {
				return
			}
		}
		ix.keys[k].ents = append(ix.keys[k].ents, ent)
		return
	}
	ix.byKey[key] = len(ix.keys)
	ix.keys = append(ix.keys, aliasKey{key: key, words: words, ents: []int{ent}})
}

// maxEdits is how many typing mistakes a name of n letters may carry.
func maxEdits(n int) int {
	switch {
	case n < 4:
		return 0
	case n < 8:
		return 1
	}
	return 2
}

// deletions returns s with every choice of up to d letters removed.
// Folded names are ASCII, so it cuts bytes.
func deletions(s string, d int) []string {
	var out []string
	frontier := []string{s}
	for step := 0; step < d; step++ {
		var next []string
		for _, w := range frontier {
			for i := 0; i < len(w); i++ {
				if i > 0 && w[i] == w[i-1] {
					continue // deleting either of two equal letters gives one string
				}
				v := w[:i] + w[i+1:]
				next = append(next, v)
			}
		}
		out = append(out, next...)
		frontier = next
	}
	return out
}

// mention is a span of question words that names one or more entities.
type mention struct {
	from, to int   // word span [from, to)
	ents     []int // entity positions
	edits    int   // typing mistakes forgiven
}

// matchAliases finds entity names in words, longest spans first; with fuzzy
// set it forgives typing mistakes in words the base does not know.
func (ix *index) matchAliases(words []string, fuzzy bool) []mention {
	used := make([]bool, len(words))
	var out []mention
	free := func(i, j int) bool {
		for k := i; k < j; k++ {
			if used[k] {
				return false
			}
		}
		return true
	}
	take := func(i, j int, ents []int, edits int) {
		for k := i; k < j; k++ {
			used[k] = true
		}
		out = append(out, mention{from: i, to: j, ents: ents, edits: edits})
	}
	maxN := min(ix.maxN, 6)
	// The longest name starting at each word, found by extending a key
	// word by word while some alias still begins with it; then the longest
	// spans are taken first.
	type span struct{ from, to, key int }
	var spans []span
	var key []byte // map lookups by string(key) do not copy it
	for i := range words {
		if !ix.starts[words[i]] {
			continue
		}
		key = key[:0]
		best := span{key: -1}
		for j := i; j < len(words) && j-i < maxN; j++ {
			key = append(key, words[j]...)
			if k, ok := ix.byKey[string(key)]; ok && !(j == i && stopwords[words[i]]) {
				best = span{i, j + 1, k}
			}
			if !ix.prefixes[string(key)] {
				break
			}
		}
		if best.key >= 0 {
			spans = append(spans, best)
		}
	}
	sort.SliceStable(spans, func(a, b int) bool { return spans[a].to-spans[a].from > spans[b].to-spans[b].from })
	for _, sp := range spans {
		if free(sp.from, sp.to) {
			take(sp.from, sp.to, ix.keys[sp.key].ents, 0)
		}
	}
	if !fuzzy {
		return out
	}
	// Only a span with a word the base does not know may be a slip, and
	// none that starts or ends with a stopword.
	unknown, stop := make([]bool, len(words)), make([]bool, len(words))
	for i, w := range words {
		stop[i] = stopwords[w]
		unknown[i] = !stop[i] && !ix.vocab[w] && !isNumber(w)
	}
	for n := min(maxN, fuzzySpan); n >= 1; n-- {
		for i := 0; i+n <= len(words); i++ {
			if !free(i, i+n) || !slices.Contains(unknown[i:i+n], true) || stop[i] || stop[i+n-1] {
				continue
			}
			if n == 1 && en.IsWord(words[i]) {
				continue // "tore" is a word, not a slip for Touré
			}
			key := strings.Join(words[i:i+n], "")
			if k, d := ix.nearest(key, n); k >= 0 {
				take(i, i+n, ix.keys[k].ents, d)
			}
		}
	}
	return out
}

// nearest finds the alias key closest to s within the typing mistakes its
// length allows, or -1.
func (ix *index) nearest(s string, words int) (int, int) {
	limit := maxEdits(len(s))
	if limit == 0 || len(s) > maxFuzzyKey {
		return -1, 0
	}
	best, bestD := -1, limit+1
	try := func(k int) {
		d := norm.Distance(s, ix.keys[k].key, min(limit, maxEdits(len(ix.keys[k].key))))
		if d < bestD || (d == bestD && best >= 0 && len(ix.keys[k].key) < len(ix.keys[best].key)) {
			best, bestD = k, d
		}
	}
	if k, ok := ix.byKey[s]; ok {
		return k, 0
	}
	for _, k := range ix.deletes[s] {
		try(k)
	}
	// Two deletions on both sides meet any two slips, but cost dozens of
	// strings: spend them only on one word of 8 to 12 letters, the case the
	// index also keeps two deletions for.
	qd := 1
	if words == 1 && len(s) >= 8 && len(s) <= 12 {
		qd = limit
	}
	for _, v := range deletions(s, qd) {
		if k, ok := ix.byKey[v]; ok {
			try(k)
		}
		for _, k := range ix.deletes[v] {
			try(k)
		}
	}
	if bestD > limit {
		return -1, 0
	}
	return best, bestD
}

func isNumber(w string) bool {
	for i := 0; i < len(w); i++ {
		if (w[i] < '0' || w[i] > '9') && w[i] != '.' {
			return false
		}
	}
	return len(w) > 0
}

// bm25 scores every fact for the query terms into scores (len(docs)) and
// returns the highest score.
func (ix *index) bm25(terms []string, scores []float64) (top float64) {
	const k1, b = 1.2, 0.75
	n := float64(len(ix.docs))
	for _, t := range terms {
		ps := ix.post[t]
		if len(ps) == 0 {
			continue
		}
		idf := math.Log(1 + (n-float64(len(ps))+0.5)/(float64(len(ps))+0.5))
		for _, p := range ps {
			norm := p.tf * (k1 + 1) / (p.tf + k1*(1-b+b*ix.dl[p.doc]/ix.avgdl))
			scores[p.doc] += idf * norm
			top = max(top, scores[p.doc])
		}
	}
	return top
}

// idf is the inverse document frequency of a concept stem.
func (ix *index) idf(t string) float64 {
	n := float64(len(ix.docs))
	df := float64(len(ix.post[t]))
	return math.Log(1 + (n-df+0.5)/(df+0.5))
}

// buildSpelling indexes every known word of five letters or more (the
// base's words and the question words) by a hash of each one-letter
// deletion, so that a misspelt word in a question ("atack", "presdent")
// can be read as the word meant. Hashes rather than strings keep the build
// to a few milliseconds; candidates are checked by edit distance anyway. It
// is built on the first unknown word, not at start-up.
func (ix *index) buildSpelling() {
	ix.spellWords = ix.spellWords[:0]
	ix.spell = make(map[uint64]int32, 4*len(ix.vocab))
	ix.spellMore = map[uint64][]int32{}
	put := func(h uint64, k int32) {
		if prev, ok := ix.spell[h]; !ok {
			ix.spell[h] = k
		} else if prev != k {
			ix.spellMore[h] = append(ix.spellMore[h], k)
		}
	}
	add := func(w string) {
		if len(w) < 5 || !isLetters(w) {
			return
		}
		k := int32(len(ix.spellWords))
		ix.spellWords = append(ix.spellWords, w)
		put(deletionHash(w, -1), k)
		for i := 0; i < len(w); i++ {
			put(deletionHash(w, i), k)
		}
	}
	for w := range ix.vocab {
		add(w)
	}
	for w := range stopwords {
		if _, ok := ix.vocab[w]; !ok {
			add(w)
		}
	}
}

// deletionHash is the FNV-1a hash of w without its letter at skip (none
// when skip is -1).
func deletionHash(w string, skip int) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(w); i++ {
		if i != skip {
			h = (h ^ uint64(w[i])) * 1099511628211
		}
	}
	return h
}

// knows reports whether a word means something to the engine though no
// fact uses it: a synonym the lexicon maps ("closer", "payback"), or a form
// whose stem the facts use ("withdrawing"). Such words are never
// "corrected" into a neighbour.
func (ix *index) knows(w string) bool {
	if _, ok := concepts[w]; ok {
		return true
	}
	st := norm.Stem(w)
	if _, ok := concepts[st]; ok {
		return true
	}
	return len(ix.post[st]) > 0
}

// correct returns the known word one slip away from an unknown one (the
// more common on a tie; a question word first), or "" when none is.
func (ix *index) correct(w string) string {
	if len(w) < 5 || len(w) > 20 || !isLetters(w) {
		return ""
	}
	ix.spellOnce.Do(ix.buildSpelling)
	best, bestDF := "", -1
	try := func(h uint64) {
		k, ok := ix.spell[h]
		if !ok {
			return
		}
		for _, k := range append([]int32{k}, ix.spellMore[h]...) {
			c := ix.spellWords[k]
			if c == w || norm.Distance(w, c, 1) > 1 {
				continue
			}
			df := len(ix.post[ix.conceptOf(c)])
			if stopwords[c] {
				df = 1 << 20 // "acording" is "according"
			}
			if df > bestDF || df == bestDF && c < best {
				best, bestDF = c, df
			}
		}
	}
	try(deletionHash(w, -1))
	for i := 0; i < len(w); i++ {
		try(deletionHash(w, i))
	}
	return best
}

func isLetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

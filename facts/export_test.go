package facts

// Candidate is one fact the engine weighs for a question, as the fitting
// tool sees it.
type Candidate struct {
	Text    string    // how the fact reads as an answer
	Signals []float64 // the confidence model's inputs
}

// Candidates lists the facts the model judges for q, with their signals.
func (b *Base) Candidates(q string) []Candidate {
	ix := b.index
	p, _, _ := ix.parseClauses(ix.questionLines(q))
	cands := ix.handRank(p)
	if len(cands) == 0 || len(p.ents) == 0 && len(p.content) == 0 {
		return nil
	}
	fc := ix.facets(p)
	bestAsk := 0.0
	for _, s := range cands {
		bestAsk = max(bestAsk, s.ask)
	}
	var out []Candidate
	for _, s := range cands {
		x := ix.signals(p, fc, s, cands[0].score, bestAsk)
		f := ix.docs[s.doc]
		out = append(out, Candidate{answerText(f) + " " + f.ConflictNote, x[:]})
	}
	return out
}

// SignalNames names the signals of the confidence model.
func SignalNames() []string { return signalNames[:] }

package facts

import "time"

func timeMonth(m int) time.Month { return time.Month(m) }

// Answer is the engine's reply to one question.
type Answer struct {
	Question    string
	Text        string       // the direct reply, without the source footer
	Differ      string       // "Sources differ: …" when the facts used disagree, else ""
	Abstained   bool         // declined, or only offering suggestions
	Confidence  float64      // 0..1
	Facts       []*Fact      // the facts the reply rests on, best first
	Sources     []string     // human citations of those facts, one per document (see Base.CiteAll)
	Suggestions []Suggestion // "did you mean" choices, at most three
}

// Suggestion is a "did you mean" choice: a fact and a question that reaches it.
type Suggestion struct {
	ID    string // fact id
	Label string // short text for a button (at most 80 characters)
}

// Explain answers with one fact directly, as when a "did you mean" button
// naming it is pressed.
func (b *Base) Explain(id string) (Answer, bool) {
	f := b.byID[id]
	if f == nil {
		return Answer{}, false
	}
	return Answer{Text: f.Statement, Facts: []*Fact{f}, Sources: b.CiteAll(f), Confidence: 1}, true
}

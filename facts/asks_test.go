package facts

import (
	"slices"
	"testing"
	"testing/fstest"
)

func askBase(t *testing.T) *Base {
	t.Helper()
	fsys := fstest.MapFS{
		SourcesFile: {Data: []byte("- id: cep\n  title: t\n  publisher: p\n  short: CEP\n  file: f\n  lines: 10\n  covers: c\n")},
		"f.yaml": {Data: []byte(`
- {id: cafe, kind: place, name: Cafe Rouge, statement: A restaurant in a capital city., sources: [{doc: cep, line: 1}]}
- {id: green-army, kind: group, name: Green Army, statement: An armed group., sources: [{doc: cep, line: 4}]}
- id: cafe-shooting
  kind: event
  rel: attack
  about: [cafe]
  date: "2015-03-07"
  statement: A masked gunman fled on a motorbike after shooting at Cafe Rouge.
  asks: ["how did the shooter get away", "who attacked the cafe rouge", "my teacher said the cafe rouge shooting was in 2019 by the green army, is that right?"]
  sources: [{doc: cep, line: 2}]
- id: cafe-toll
  kind: figure
  rel: casualties
  about: [cafe]
  value: 5
  unit: people
  measures: deaths at Cafe Rouge
  as_of: "2015-03"
  statement: The Cafe Rouge shooting killed five people.
  asks: ["how many died in the cafe rouge shooting"]
  sources: [{doc: cep, line: 3}]
`)},
	}
	b, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestAskScores(t *testing.T) {
	b := askBase(t)
	ix := b.index
	score := func(q string) map[string]float64 {
		sc := new(scratch)
		sc.reset(len(ix.docs))
		out := map[string]float64{}
		for _, d := range ix.asks.scores(ix.parse(q), sc) {
			out[ix.docs[d].ID] = sc.ask[d]
		}
		for k, v := range sc.shared {
			if v != 0 {
				t.Fatalf("scores left shared[%d] = %v", k, v)
			}
		}
		return out
	}
	// The statement says "fled on a motorbike"; only the ask says "get away".
	s := score("how did the gunman at cafe rouge get away")
	if s["cafe-shooting"] < askMin || s["cafe-shooting"] <= s["cafe-toll"] {
		t.Fatalf("get away: scores %v, want cafe-shooting first and at least %v", s, askMin)
	}
	if s := score("how many people died"); s["cafe-toll"] <= s["cafe-shooting"] {
		t.Fatalf("how many died: scores %v, want cafe-toll first", s)
	}
	if s := score("what is the weather in paris"); len(s) != 0 {
		t.Fatalf("weather: scores %v, want none", s)
	}
	if s := score(""); len(s) != 0 {
		t.Fatalf("empty: scores %v, want none", s)
	}
	// An ask that checks a wrong claim does not lead to the fact by the
	// wrong year or the wrong group it names.
	if s := score("what happened in 2019"); s["cafe-shooting"] != 0 {
		t.Fatalf("2019: scores %v; the statement has no 2019", s)
	}
	if s := score("green army"); s["cafe-shooting"] != 0 {
		t.Fatalf("green army: scores %v; the fact does not concern it", s)
	}
	// The ranking reaches the fact through its ask alone.
	cands := ix.handRank(ix.parse("how did the shooter get away"))
	if len(cands) == 0 || ix.docs[cands[0].doc].ID != "cafe-shooting" {
		t.Fatalf("handRank: %v, want cafe-shooting first", cands)
	}
}

func TestAskWordsAreNeverCorrected(t *testing.T) {
	ix := askBase(t).index
	// "shooter" is in no statement; were it unknown it could be read as
	// a neighbouring word.
	if own, known := ix.vocab["shooter"]; !known || own {
		t.Fatalf("an ask's word: known %v, a fact's own word %v; want known, not own", known, own)
	}
	if p := ix.parse("the shooter"); !slices.Contains(p.content, ix.conceptOf("shooter")) {
		t.Fatalf("'shooter' was read as %v", p.content)
	}
}

func TestLoadRejectsBadAsks(t *testing.T) {
	good := "- id: cep\n  title: t\n  publisher: p\n  short: CEP\n  file: f\n  lines: 10\n  covers: c\n"
	for name, asks := range map[string]string{
		"empty":    `[""]`,
		"twice":    `["who is x", "Who is X "]`,
		"too long": `["` + longAsk() + `"]`,
	} {
		t.Run(name, func(t *testing.T) {
			fsys := fstest.MapFS{
				SourcesFile: {Data: []byte(good)},
				"bad.yaml":  {Data: []byte("- id: x\n  kind: group\n  name: X\n  statement: s\n  asks: " + asks + "\n  sources: [{doc: cep, line: 1}]\n")},
			}
			if _, err := Load(fsys); err == nil {
				t.Fatalf("Load accepted asks %s", asks)
			}
		})
	}
}

func longAsk() string {
	s := ""
	for len(s) <= MaxAsk {
		s += "why "
	}
	return s
}

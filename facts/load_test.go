package facts

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestEmbeddedBaseIsValid(t *testing.T) {
	b, err := Load(Data())
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Facts) == 0 {
		t.Fatal("the embedded base has no facts")
	}
}

func TestLoadReportsFileEntryAndProblem(t *testing.T) {
	good := "- id: cep\n  title: t\n  publisher: p\n  short: CEP\n  file: f\n  lines: 10\n  covers: c\n"
	tests := []struct {
		name, data, want string
	}{
		{"unknown field", "- id: x\n  kind: group\n  nmae: X\n", "bad.yaml"},
		{"no source", "- id: x\n  kind: group\n  name: X\n  statement: s\n", "bad.yaml: x: no source"},
		{"bad date", "- id: e\n  kind: event\n  rel: attack\n  about: [x]\n  date: 2015-13-01\n  statement: s\n  sources: [{doc: cep, line: 1}]\n- id: x\n  kind: group\n  name: X\n  statement: s\n  sources: [{doc: cep, line: 1}]\n", "bad.yaml: e: date"},
		{"dangling link", "- id: x\n  kind: group\n  name: X\n  statement: s\n  related: [nope]\n  sources: [{doc: cep, line: 1}]\n", `bad.yaml: x: link "nope" does not resolve`},
		{"line past end", "- id: x\n  kind: group\n  name: X\n  statement: s\n  sources: [{doc: cep, line: 11}]\n", "past the document"},
		{"unknown doc", "- id: x\n  kind: group\n  name: X\n  statement: s\n  sources: [{doc: bbc, line: 1}]\n", `source document "bbc"`},
		{"duplicate id", "- id: x\n  kind: group\n  name: X\n  statement: s\n  sources: [{doc: cep, line: 1}]\n- id: x\n  kind: group\n  name: Y\n  statement: s\n  sources: [{doc: cep, line: 1}]\n", "duplicate id"},
		{"shared alias", "- id: x\n  kind: group\n  name: X\n  aliases: [Al-Qaeda]\n  statement: s\n  sources: [{doc: cep, line: 1}]\n- id: y\n  kind: group\n  name: Y\n  aliases: [al qaeda]\n  statement: s\n  sources: [{doc: cep, line: 1}]\n", "mark it ambiguous"},
		{"figure without as_of", "- id: x\n  kind: group\n  name: X\n  statement: s\n  sources: [{doc: cep, line: 1}]\n- id: f\n  kind: figure\n  rel: strength\n  about: [x]\n  value: 3\n  unit: troops\n  measures: m\n  statement: s\n  sources: [{doc: cep, line: 1}]\n", "f: a figure needs an as_of date"},
		{"question filed under no fact", "- id: x\n  kind: group\n  name: X\n  statement: s\n  sources: [{doc: cep, line: 1}]\n", `questions.yaml: entry 1: no fact "nope"`},
		{"question filed twice", "- id: x\n  kind: group\n  name: X\n  statement: s\n  asks: [who is x]\n  sources: [{doc: cep, line: 1}]\n", `bad.yaml: x: ask "Who is X" is listed twice`},
		{"one-sided conflict", "- id: x\n  kind: group\n  name: X\n  statement: s\n  sources: [{doc: cep, line: 1}]\n- id: a\n  kind: claim\n  rel: leader\n  about: [x]\n  statement: s\n  conflicts_with: [b]\n  conflict_note: n\n  sources: [{doc: cep, line: 1}]\n- id: b\n  kind: claim\n  rel: leader\n  about: [x]\n  statement: s\n  sources: [{doc: cep, line: 1}]\n", "not marked on"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				SourcesFile: {Data: []byte(good)},
				"bad.yaml":  {Data: []byte(tt.data)},
			}
			switch tt.name {
			case "question filed under no fact":
				fsys[QuestionsFile] = &fstest.MapFile{Data: []byte("- fact: nope\n  from: train.jsonl\n  asks: [who is x]\n")}
			case "question filed twice":
				fsys[QuestionsFile] = &fstest.MapFile{Data: []byte("- fact: x\n  from: train.jsonl\n  asks: [Who is X]\n")}
			}
			_, err := Load(fsys)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Load() error = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

// TestQuestionsFileFilesAsksAndNots: the tuning questions of QuestionsFile
// join the asks and nots of the facts they are filed under.
func TestQuestionsFileFilesAsksAndNots(t *testing.T) {
	good := "- id: cep\n  title: t\n  publisher: p\n  short: CEP\n  file: f\n  lines: 10\n  covers: c\n"
	fsys := fstest.MapFS{
		SourcesFile:   {Data: []byte(good)},
		"groups.yaml": {Data: []byte("- id: x\n  kind: group\n  name: X\n  statement: s\n  asks: [what is x]\n  sources: [{doc: cep, line: 1}]\n")},
		QuestionsFile: {Data: []byte("- fact: x\n  from: train.jsonl\n  asks: [who r x]\n  nots: [who funds x]\n- fact: x\n  from: tune.jsonl\n  asks: [is x real]\n")},
	}
	b, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	f := b.ByID("x")
	if got, want := strings.Join(f.Asks, "|"), "what is x|who r x|is x real"; got != want {
		t.Errorf("asks = %q, want %q", got, want)
	}
	if got, want := strings.Join(f.Nots, "|"), "who funds x"; got != want {
		t.Errorf("nots = %q, want %q", got, want)
	}
}

package facts

import (
	"bytes"
	"encoding/gob"
	"encoding/json"
	"flag"
	"io/fs"
	"maps"
	"os"
	"reflect"
	"slices"
	"testing"
	"testing/fstest"
)

var update = flag.Bool("update", false, "rewrite snapshot.gob from the data files")

// TestSnapshotIsFresh fails when snapshot.gob was not remade after the
// data files changed (the engine then falls back to decoding the YAML,
// which is slower but right).
func TestSnapshotIsFresh(t *testing.T) {
	var buf bytes.Buffer
	if err := writeSnapshot(Data(), &buf); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("snapshot.gob", buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(buf.Bytes(), snapshotData) {
		t.Fatal("snapshot.gob is stale: run go test ./facts -run TestSnapshotIsFresh -update")
	}
	if !SnapshotIsFresh() {
		t.Fatal("the embedded snapshot is not taken for the embedded data")
	}
}

// A snapshot must read back as exactly the facts the files hold, and be
// refused for any other files.
func TestSnapshotHoldsTheFiles(t *testing.T) {
	var buf bytes.Buffer
	if err := writeSnapshot(Data(), &buf); err != nil {
		t.Fatal(err)
	}
	snap, ok := readSnapshot(Data(), buf.Bytes())
	docs, all := snap.Docs, snap.Facts
	if !ok {
		t.Fatal("a snapshot of the data files is refused for them")
	}
	wantDocs, wantFacts, err := decodeAll(Data())
	if err != nil {
		t.Fatal(err)
	}
	same := func(a, b any) bool {
		x, _ := json.Marshal(a)
		y, _ := json.Marshal(b)
		return bytes.Equal(x, y)
	}
	if !same(docs, wantDocs) || !same(all, wantFacts) {
		t.Fatal("the snapshot does not read back as the files' documents and facts")
	}
	// The same files but one byte changed: the snapshot is not theirs.
	other := fstest.MapFS{}
	names, _ := dataFiles(Data())
	for _, n := range names {
		data, _ := fs.ReadFile(Data(), n)
		other[n] = &fstest.MapFile{Data: data}
	}
	other[names[0]].Data = append(bytes.Clone(other[names[0]].Data), '\n')
	if _, ok := readSnapshot(other, buf.Bytes()); ok {
		t.Fatal("a snapshot was taken for files it was not made from")
	}
	for _, bad := range [][]byte{nil, []byte("not gob"), buf.Bytes()[:buf.Len()/2]} {
		if _, ok := readSnapshot(Data(), bad); ok {
			t.Fatalf("a damaged snapshot (%d bytes) was taken", len(bad))
		}
	}
	// Asks that cannot be unpacked are parsed again, and the base is the same.
	damaged := damage(t, buf.Bytes(), func(s *snapshot) { s.Asks.Codes = s.Asks.Codes[:len(s.Asks.Codes)-1] })
	snap, ok = readSnapshot(Data(), damaged)
	if !ok || snap.pre.Asks() != nil {
		t.Fatalf("a snapshot whose asks are cut short: ok %v, asks given %v", ok, snap.pre.Asks() != nil)
	}
	b, err := newBase(snap.Docs, snap.Facts, &snap.pre)
	if err != nil {
		t.Fatal(err)
	}
	if a := b.Ask("who leads jnim"); a.Abstained || len(b.index.parsedAsks) != len(b.Facts) {
		t.Fatalf("the base built after unreadable asks: %+v, %d facts' asks parsed", a, len(b.index.parsedAsks))
	}
}

// The base built from the snapshot answers as the one built from YAML.
func TestSnapshotBaseAnswersAlike(t *testing.T) {
	var buf bytes.Buffer
	if err := writeSnapshot(Data(), &buf); err != nil {
		t.Fatal(err)
	}
	snap, _ := readSnapshot(Data(), buf.Bytes())
	a, err := newBase(snap.Docs, snap.Facts, &snap.pre)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Load(Data())
	if err != nil {
		t.Fatal(err)
	}
	// The snapshot's facts are not validated again: they must come with
	// the dates validate parsed.
	for i, f := range b.Facts {
		if g := a.Facts[i]; g.When != f.When || g.Till != f.Till || g.Asof != f.Asof {
			t.Fatalf("%s: the snapshot's dates %v–%v (as of %v) are not the YAML base's %v–%v (as of %v)", f.ID, g.When, g.Till, g.Asof, f.When, f.Till, f.Asof)
		}
	}
	// A misspelt name is read as the first of its nearest alias keys: their
	// order must be the same in every build.
	if !reflect.DeepEqual(a.index.keys, b.index.keys) || !reflect.DeepEqual(a.index.deletes, b.index.deletes) {
		t.Fatal("two builds order the alias keys differently")
	}
	// The analysis the snapshot keeps, and all that is built from it.
	for _, part := range []struct {
		name string
		x, y any
	}{
		{"postings", a.index.post, b.index.post}, {"lengths", a.index.dl, b.index.dl}, {"mean length", a.index.avgdl, b.index.avgdl},
		{"statement concepts", a.index.said, b.index.said}, {"stems", a.index.stems, b.index.stems},
		{"links", a.index.linked, b.index.linked}, {"mentions", a.index.mentioned, b.index.mentioned},
		{"linked by", a.index.linkedBy, b.index.linkedBy}, {"mentioned by", a.index.mentionedBy, b.index.mentionedBy},
		{"reasons", a.index.causal, b.index.causal}, {"rels", a.index.rels, b.index.rels}, {"rel types", a.index.relTypes, b.index.relTypes},
		{"ask index", a.index.asks, b.index.asks},
	} {
		if !reflect.DeepEqual(part.x, part.y) {
			t.Errorf("the snapshot base's %s are not the YAML base's", part.name)
		}
	}
	x, y := a.index.parsedAsks, b.index.parsedAsks
	if len(x) != len(y) {
		t.Fatalf("the snapshot parses the asks of %d facts, the YAML base of %d", len(x), len(y))
	}
	for i := range x {
		if !slices.EqualFunc(x[i], y[i], func(p, q ParsedAsk) bool {
			return p.Qt == q.Qt && p.Not == q.Not && slices.Equal(p.Content, q.Content) && slices.Equal(p.Terms, q.Terms) && slices.Equal(p.Ents, q.Ents)
		}) {
			t.Fatalf("%s: the snapshot's parsed asks are not the ones the YAML base parses", b.Facts[i].ID)
		}
	}
	if !maps.Equal(a.index.vocab, b.index.vocab) {
		for w, stated := range b.index.vocab {
			if got, ok := a.index.vocab[w]; !ok || got != stated {
				t.Errorf("vocabulary: %q is %v in the YAML base, %v (known %v) in the snapshot's", w, stated, got, ok)
			}
		}
		t.Fatalf("the snapshot base knows %d words, the YAML base %d", len(a.index.vocab), len(b.index.vocab))
	}
	if len(snap.pre.AskWords) == 0 {
		t.Fatal("the snapshot holds no words that only asks use")
	}
	for _, q := range []string{"who leads jnim", "when did barkhane end", "how many christians in mali", "what is the AES", "who is goita"} {
		if x, y := a.Ask(q), b.Ask(q); x.Text != y.Text || x.Confidence != y.Confidence {
			t.Errorf("Ask(%q): snapshot base %q (%v), YAML base %q (%v)", q, x.Text, x.Confidence, y.Text, y.Confidence)
		}
	}
}

// The flat form of the asks reads back as the asks, and damaged codes
// are refused, never read past or into a panic.
func TestFlatAsksRoundTrip(t *testing.T) {
	per := [][]ParsedAsk{
		{{Qt: qWho, Content: []string{"lead", "jnim"}, Terms: []string{"lead", "jnim", "who"}, Ents: []int32{3}}},
		nil,
		{{Qt: qAny, Not: true, Content: []string{"weather"}}, {Qt: qWhen, Terms: []string{"lead"}, Ents: []int32{3, 7}}},
	}
	fa := flatten(per)
	if len(fa.Strings) != 4 {
		t.Errorf("flatten kept %d strings, want each of the 4 once: %q", len(fa.Strings), fa.Strings)
	}
	got, ok := fa.unflatten(len(per))
	if !ok || !reflect.DeepEqual(got, per) {
		t.Fatalf("unflatten = %+v, %v; want %+v", got, ok, per)
	}
	if _, ok := fa.unflatten(len(per) + 1); ok {
		t.Error("codes for 3 facts were read as 4 facts' asks")
	}
	if _, ok := fa.unflatten(len(per) - 1); ok {
		t.Error("codes for 3 facts were read as 2 facts' asks, the rest ignored")
	}
	for i := range fa.Codes {
		short := flatAsks{Strings: fa.Strings, Codes: fa.Codes[:i]}
		if _, ok := short.unflatten(len(per)); ok {
			t.Errorf("codes cut to %d of %d were taken", i, len(fa.Codes))
		}
		for _, bad := range []int32{-1, 1 << 30} {
			broken := flatAsks{Strings: fa.Strings, Codes: slices.Clone(fa.Codes)}
			broken.Codes[i] = bad
			broken.unflatten(len(per)) // must not panic
		}
	}
	if _, ok := (flatAsks{Strings: fa.Strings[:2], Codes: fa.Codes}).unflatten(len(per)); ok {
		t.Error("codes pointing past the strings were taken")
	}
}

// The flat form of the facts' analysis reads back as the analysis, and
// damaged codes are refused, never read past or into a panic; a base
// whose snapshot analysis cannot be read analyses the facts itself.
func TestFlatAnalysisRoundTrip(t *testing.T) {
	an := &analysed{
		tfs:       []map[string]float64{{"lead": 1.5, "jnim": 2}, {}, {"coup": 0.3}},
		dl:        []float64{3.5, 0, 0.3},
		said:      [][]string{{"jnim", "lead"}, nil, {"coup"}},
		linked:    [][]int{{0}, nil, {0, 1}},
		mentioned: [][]int{nil, {2}, nil},
		causal:    []bool{false, true, false},
		stems:     map[string]string{"leads": "lead", "coups": "coup"},
		vocab:     map[string]bool{"leads": true, "jnim": true, "coups": true},
	}
	fa := flattenAnalysis(an)
	got, ok := fa.unflatten(3)
	if !ok || !reflect.DeepEqual(got, an) {
		t.Fatalf("unflatten = %+v, %v; want %+v", got, ok, an)
	}
	for _, facts := range []int{2, 4} {
		if _, ok := fa.unflatten(facts); ok {
			t.Errorf("the analysis of 3 facts was read as %d facts'", facts)
		}
	}
	for i := range fa.Codes {
		short := fa
		short.Codes = fa.Codes[:i]
		if _, ok := short.unflatten(3); ok {
			t.Errorf("codes cut to %d of %d were taken", i, len(fa.Codes))
		}
		for _, bad := range []int32{-1, 2, 1 << 30} {
			broken := fa
			broken.Codes = slices.Clone(fa.Codes)
			broken.Codes[i] = bad
			broken.unflatten(3) // must not panic
		}
	}
	for _, broken := range []flatAnalysis{
		{Strings: fa.Strings[:2], Stated: fa.Stated, Stems: fa.Stems, Codes: fa.Codes, Weights: fa.Weights},
		{Strings: fa.Strings, Stated: fa.Stated, Stems: fa.Stems[:3], Codes: fa.Codes, Weights: fa.Weights},
		{Strings: fa.Strings, Stated: fa.Stated, Stems: fa.Stems, Codes: fa.Codes, Weights: fa.Weights[1:]},
		{Strings: fa.Strings, Stated: fa.Stated, Stems: fa.Stems, Codes: fa.Codes, Weights: append(slices.Clone(fa.Weights), 1)},
	} {
		if _, ok := broken.unflatten(3); ok {
			t.Errorf("a damaged analysis was taken: %+v", broken)
		}
	}

	// In a snapshot: an analysis cut short is refused, and the base built
	// without it is the same.
	var buf bytes.Buffer
	if err := writeSnapshot(Data(), &buf); err != nil {
		t.Fatal(err)
	}
	damaged := damage(t, buf.Bytes(), func(s *snapshot) { s.Analysis.Codes = s.Analysis.Codes[:len(s.Analysis.Codes)-1] })
	snap, ok := readSnapshot(Data(), damaged)
	if !ok || snap.pre.Analysed() != nil {
		t.Fatalf("a snapshot whose analysis is cut short: ok %v, analysis given %v", ok, snap.pre.Analysed() != nil)
	}
	b, err := newBase(snap.Docs, snap.Facts, &snap.pre)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := Load(Data())
	if !reflect.DeepEqual(b.index.post, want.index.post) || !reflect.DeepEqual(b.index.said, want.index.said) {
		t.Fatal("the base built after an unreadable analysis is not the YAML base")
	}
}

// damage decodes snapshot data, lets cut change it, and encodes it again.
func damage(t *testing.T, data []byte, cut func(*snapshot)) []byte {
	t.Helper()
	var s snapshot
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&s); err != nil {
		t.Fatal(err)
	}
	cut(&s)
	var out bytes.Buffer
	if err := gob.NewEncoder(&out).Encode(s); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

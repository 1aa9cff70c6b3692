package facts

import (
	"bytes"
	"encoding/json"
	"flag"
	"io/fs"
	"maps"
	"os"
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
	if _, ok := readSnapshot(Data(), snapshotData); !ok {
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
}

// The base built from the snapshot answers as the one built from YAML.
func TestSnapshotBaseAnswersAlike(t *testing.T) {
	var buf bytes.Buffer
	if err := writeSnapshot(Data(), &buf); err != nil {
		t.Fatal(err)
	}
	snap, _ := readSnapshot(Data(), buf.Bytes())
	a, err := newBase(snap.Docs, snap.Facts, &snap.Pre)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Load(Data())
	if err != nil {
		t.Fatal(err)
	}
	x, y := a.index.parsedAsks, b.index.parsedAsks
	if len(x) != len(y) {
		t.Fatalf("the snapshot parses the asks of %d facts, the YAML base of %d", len(x), len(y))
	}
	for i := range x {
		if !slices.EqualFunc(x[i], y[i], func(p, q ParsedAsk) bool {
			return p.Qt == q.Qt && slices.Equal(p.Content, q.Content) && slices.Equal(p.Terms, q.Terms) && slices.Equal(p.Ents, q.Ents)
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
	if len(snap.Pre.AskWords) == 0 {
		t.Fatal("the snapshot holds no words that only asks use")
	}
	for _, q := range []string{"who leads jnim", "when did barkhane end", "how many christians in mali", "what is the AES", "who is goita"} {
		if x, y := a.Ask(q), b.Ask(q); x.Text != y.Text || x.Confidence != y.Confidence {
			t.Errorf("Ask(%q): snapshot base %q (%v), YAML base %q (%v)", q, x.Text, x.Confidence, y.Text, y.Confidence)
		}
	}
}

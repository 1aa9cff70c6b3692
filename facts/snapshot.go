package facts

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/gob"
	"io"
	"io/fs"
	"slices"
	"sync"
)

// The data files are YAML, for people to edit; decoding them, parsing
// the facts' asks and reading their texts into words and stems are most
// of the start-up. snapshot.gob holds the same documents and facts
// already decoded and validated, the asks already parsed and the texts
// already analysed, with the SHA-256 of the files it was made from. The engine uses it only when
// that hash is the embedded files' own, so a snapshot left stale after an
// edit of the files costs speed, never truth. TestSnapshotIsFresh fails
// until it is remade, after an edit of the files or of the code that
// parses questions:
//
//	go test ./facts -run TestSnapshotIsFresh -update
//
//go:embed snapshot.gob
var snapshotData []byte

// snapshot is what snapshot.gob holds.
type snapshot struct {
	Hash  [sha256.Size]byte
	Docs  []*Document
	Facts []*Fact
	Asks  flatAsks // per fact, its asks as the engine parses them
	// AskWords are the folded words that only asks use, no fact's text,
	// sorted: the vocabulary's "known but never a spelling to correct to".
	// Folding every ask for them was a sixth of start-up.
	AskWords []string
	Analysis flatAnalysis // the facts' words, stems, weights and links

	pre prebuilt // Asks unpacked and AskWords, by readSnapshot
}

// prebuilt is the part of the index a snapshot saves start-up from
// redoing; a base built with it is the base built without it.
type prebuilt struct {
	Asks     func() [][]ParsedAsk // per fact, its parsed asks; nil if unreadable
	AskWords []string
	Analysed func() *analysed // the facts' analysis, which the base built with it takes over (one base per snapshot read); nil if unreadable
	// Validated says the facts passed validate, which parsed their dates.
	Validated bool
}

// dataHash is the SHA-256 of every data file's name and bytes, in name order.
func dataHash(fsys fs.FS) ([sha256.Size]byte, error) {
	var sum [sha256.Size]byte
	names, err := dataFiles(fsys)
	if err != nil {
		return sum, err
	}
	h := sha256.New()
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return sum, err
		}
		io.WriteString(h, name)
		h.Write([]byte{0})
		h.Write(data)
		h.Write([]byte{0})
	}
	copy(sum[:], h.Sum(nil))
	return sum, nil
}

// writeSnapshot decodes the data files of fsys and writes them, with
// their hash, as a snapshot.
func writeSnapshot(fsys fs.FS, w io.Writer) error {
	sum, err := dataHash(fsys)
	if err != nil {
		return err
	}
	// The facts as validated (dates parsed), and their asks as the engine
	// built from these files parses them.
	b, err := Load(fsys)
	if err != nil {
		return err
	}
	var askWords []string
	for w, stated := range b.index.vocab {
		if !stated {
			askWords = append(askWords, w)
		}
	}
	slices.Sort(askWords)
	return gob.NewEncoder(w).Encode(snapshot{Hash: sum, Docs: b.Docs, Facts: b.Facts,
		Asks: flatten(b.index.parsedAsks), AskWords: askWords,
		Analysis: flattenAnalysis(b.index.analyseAll(b.Facts, false))})
}

// readSnapshot decodes snapshot data made from exactly the data files of
// fsys; ok is false when it was made from other files or cannot be read.
// The asks and the analysis are unpacked on other cores while the caller
// starts on the facts; s.pre.Asks and s.pre.Analysed give them, or nil if
// they cannot be read (the index then parses the asks, or analyses the
// facts, itself).
func readSnapshot(fsys fs.FS, data []byte) (s snapshot, ok bool) {
	if len(data) == 0 {
		return snapshot{}, false
	}
	// Hashing the files and decoding the snapshot share the cores.
	type hashed struct {
		sum [sha256.Size]byte
		err error
	}
	hc := make(chan hashed, 1)
	go func() {
		sum, err := dataHash(fsys)
		hc <- hashed{sum, err}
	}()
	err := gob.NewDecoder(bytes.NewReader(data)).Decode(&s)
	if h := <-hc; err != nil || h.err != nil || s.Hash != h.sum {
		return snapshot{}, false
	}
	asks, analysis, n := s.Asks, s.Analysis, len(s.Facts)
	s.Asks, s.Analysis = flatAsks{}, flatAnalysis{}
	s.pre = prebuilt{AskWords: s.AskWords, Validated: true,
		Asks:     meanwhile(func() ([][]ParsedAsk, bool) { return asks.unflatten(n) }),
		Analysed: meanwhile(func() (*analysed, bool) { return analysis.unflatten(n) })}
	return s, true
}

// meanwhile runs unpack on another core and returns what gives its
// result, or the zero value if it could not unpack.
func meanwhile[T any](unpack func() (T, bool)) func() T {
	c := make(chan T, 1)
	go func() {
		v, ok := unpack()
		if !ok {
			var zero T
			v = zero
		}
		c <- v
	}()
	return sync.OnceValue(func() T { return <-c })
}

// SnapshotIsFresh reports whether the embedded snapshot was made from
// exactly the embedded data files, so that start-up can use it.
func SnapshotIsFresh() bool {
	s, ok := readSnapshot(Data(), snapshotData)
	return ok && s.pre.Asks() != nil && s.pre.Analysed() != nil
}

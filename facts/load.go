package facts

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

//go:embed data/*.yaml
var embedded embed.FS

// Data is the embedded fact base as a file system rooted at the data files.
func Data() fs.FS {
	sub, err := fs.Sub(embedded, "data")
	if err != nil {
		panic(err) // the embed pattern guarantees the folder
	}
	return sub
}

var (
	defaultOnce sync.Once
	defaultBase *Base
	defaultErr  error
)

// Default loads the embedded base once and returns it: from the decoded
// snapshot when it was made from exactly the embedded data files, else
// from the files themselves (see snapshot.go).
func Default() (*Base, error) {
	defaultOnce.Do(func() { defaultBase, defaultErr = loadEmbedded() })
	return defaultBase, defaultErr
}

// loadEmbedded builds the base from the embedded data.
func loadEmbedded() (*Base, error) {
	if s, ok := readSnapshot(Data(), snapshotData); ok {
		return newBase(s.Docs, s.Facts, &s.pre)
	}
	return Load(Data())
}

// SourcesFile is the name of the document registry among the data files.
const SourcesFile = "sources.yaml"

// QuestionsFile is the name of the data file that files the questions of
// the tuning sets (testdata/eval) under the facts that answer them, or,
// for those no document answers, under the fact they come nearest: more
// asks and nots, in the words of people who read the documents.
const QuestionsFile = "questions.yaml"

// QuestionSet is one entry of QuestionsFile: questions of one tuning file
// filed under one fact.
type QuestionSet struct {
	Fact string   `yaml:"fact"`
	From string   `yaml:"from"` // the question file, as "train.jsonl"
	Asks []string `yaml:"asks,omitempty,flow"`
	Nots []string `yaml:"nots,omitempty,flow"`
}

// Load reads sources.yaml and every other *.yaml file of fsys as lists of
// facts, validates them, and builds the search index. A malformed file gives
// an error naming the file, the entry and the problem.
func Load(fsys fs.FS) (*Base, error) {
	docs, all, err := decodeAll(fsys)
	if err != nil {
		return nil, err
	}
	return newBase(docs, all, nil)
}

// decodeAll reads the documents and the facts of every data file of fsys,
// in file-name order, without validating them.
func decodeAll(fsys fs.FS) ([]*Document, []*Fact, error) {
	var docs []*Document
	if err := decodeFile(fsys, SourcesFile, &docs); err != nil {
		return nil, nil, err
	}
	names, err := dataFiles(fsys)
	if err != nil {
		return nil, nil, err
	}
	var all []*Fact
	// The files are decoded concurrently (YAML parsing is most of the
	// start-up) and joined in name order, so ids and order stay stable.
	lists := make([][]*Fact, len(names))
	errs := make([]error, len(names))
	var wg sync.WaitGroup
	for i, name := range names {
		if name == SourcesFile || name == QuestionsFile {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = decodeFile(fsys, name, &lists[i])
		}()
	}
	wg.Wait()
	for i, name := range names {
		if errs[i] != nil {
			return nil, nil, errs[i]
		}
		for k, f := range lists[i] {
			if f == nil {
				return nil, nil, fmt.Errorf("%s: entry %d: empty entry", name, k+1)
			}
			f.File = name
		}
		all = append(all, lists[i]...)
	}
	if err := fileQuestions(fsys, all); err != nil {
		return nil, nil, err
	}
	return docs, all, nil
}

// fileQuestions adds the asks and nots of QuestionsFile, when fsys has
// one, to the facts they are filed under.
func fileQuestions(fsys fs.FS, all []*Fact) error {
	if _, err := fs.Stat(fsys, QuestionsFile); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	var sets []QuestionSet
	if err := decodeFile(fsys, QuestionsFile, &sets); err != nil {
		return err
	}
	byID := make(map[string]*Fact, len(all))
	for _, f := range all {
		byID[f.ID] = f
	}
	for k, s := range sets {
		f := byID[s.Fact]
		if f == nil {
			return fmt.Errorf("%s: entry %d: no fact %q", QuestionsFile, k+1, s.Fact)
		}
		f.Asks = append(f.Asks, s.Asks...)
		f.Nots = append(f.Nots, s.Nots...)
	}
	return nil
}

// dataFiles lists the data files of fsys in name order.
func dataFiles(fsys fs.FS) ([]string, error) {
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, fmt.Errorf("list data files: %w", err)
	}
	sort.Strings(names)
	return names, nil
}

func decodeFile(fsys fs.FS, name string, v any) error {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// ValidationError lists every problem found in the data files.
type ValidationError struct {
	Problems []string // each "file: id: problem"
}

func (e *ValidationError) Error() string {
	const show = 20
	var b strings.Builder
	fmt.Fprintf(&b, "fact base has %d problem(s):", len(e.Problems))
	for i, p := range e.Problems {
		if i == show {
			fmt.Fprintf(&b, "\n  … and %d more", len(e.Problems)-show)
			break
		}
		b.WriteString("\n  ")
		b.WriteString(p)
	}
	return b.String()
}

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// MaxStatement is the longest statement, in bytes, an answer may carry.
const MaxStatement = 420

// MaxAsk is the longest ask, in bytes: an ask is one question.
const MaxAsk = 160

// validate checks every fact and fills in the parsed dates. It returns a
// *ValidationError listing every problem, or nil.
func validate(docs map[string]*Document, all []*Fact) error {
	var probs []string
	bad := func(f *Fact, format string, args ...any) {
		id := f.ID
		if id == "" {
			id = "(no id)"
		}
		probs = append(probs, fmt.Sprintf("%s: %s: %s", f.File, id, fmt.Sprintf(format, args...)))
	}
	byID := make(map[string]*Fact, len(all))
	for _, f := range all {
		if !idPattern.MatchString(f.ID) {
			bad(f, "id must be lower-case words joined by hyphens")
		}
		if prev, dup := byID[f.ID]; dup {
			bad(f, "duplicate id (also in %s)", prev.File)
			continue
		}
		byID[f.ID] = f
	}
	for _, f := range all {
		known := false
		for _, k := range Kinds {
			known = known || f.Kind == k
		}
		if !known {
			bad(f, "unknown kind %q", f.Kind)
		}
		if strings.TrimSpace(f.Statement) == "" {
			bad(f, "no statement")
		}
		if len(f.Statement) > MaxStatement {
			bad(f, "statement is %d bytes, more than %d", len(f.Statement), MaxStatement)
		}
		seenAsk := map[string]bool{} // asks, then nots: a not is never also an ask
		for _, list := range []struct {
			what, twice string
			qs          []string
		}{{"ask", "is listed twice", f.Asks}, {"not", "is listed twice or also as an ask", f.Nots}} {
			for _, a := range list.qs {
				k := strings.ToLower(strings.TrimSpace(a))
				switch {
				case k == "":
					bad(f, "an empty %s", list.what)
				case len(a) > MaxAsk:
					bad(f, "%s %q is longer than %d bytes", list.what, a, MaxAsk)
				case seenAsk[k]:
					bad(f, "%s %q %s", list.what, a, list.twice)
				}
				seenAsk[k] = true
			}
		}
		if f.Kind.IsEntity() {
			if f.Name == "" {
				bad(f, "an entity needs a name")
			}
		} else {
			if len(f.About) == 0 {
				bad(f, "a %s needs about: the ids it concerns", f.Kind)
			}
			if _, ok := Rels[f.Rel]; !ok {
				bad(f, "rel %q is not in the vocabulary (facts.Rels)", f.Rel)
			}
		}
		var err error
		if f.When, err = ParseDate(f.Date); err != nil {
			bad(f, "date: %v", err)
		}
		if f.Till, err = ParseDate(f.DateEnd); err != nil {
			bad(f, "date_end: %v", err)
		}
		if f.Asof, err = ParseDate(f.AsOf); err != nil {
			bad(f, "as_of: %v", err)
		}
		if !f.Till.IsZero() && f.Till.Before(f.When) {
			bad(f, "date_end %s is before date %s", f.DateEnd, f.Date)
		}
		switch f.Kind {
		case KindEvent:
			if f.When.IsZero() {
				bad(f, "an event needs a date")
			}
		case KindFigure:
			if f.Value == nil {
				bad(f, "a figure needs a value")
			}
			if f.ValueMax != nil && f.Value != nil && *f.ValueMax < *f.Value {
				bad(f, "value_max is below value")
			}
			if f.Unit == "" || f.Measures == "" {
				bad(f, "a figure needs a unit and what it measures")
			}
			if f.Asof.IsZero() {
				bad(f, "a figure needs an as_of date")
			}
		}
		if len(f.Sources) == 0 {
			bad(f, "no source")
		}
		for _, s := range f.Sources {
			d, ok := docs[s.Doc]
			switch {
			case !ok:
				bad(f, "source document %q is not in %s", s.Doc, SourcesFile)
			case s.Line < 1:
				bad(f, "source %s needs a line number", s.Doc)
			case d.Lines > 0 && s.Line > d.Lines:
				bad(f, "source %s line %d is past the document's %d lines", s.Doc, s.Line, d.Lines)
			}
		}
		for _, link := range [][]string{f.About, f.Related, f.ConflictsWith} {
			for _, id := range link {
				switch g, ok := byID[id]; {
				case !ok:
					bad(f, "link %q does not resolve", id)
				case g == f:
					bad(f, "links to itself")
				}
			}
		}
		for _, id := range f.About {
			if g, ok := byID[id]; ok && !g.Kind.IsEntity() {
				bad(f, "about %q: about must name entities, use related for claims", id)
			}
		}
		if len(f.ConflictsWith) > 0 && f.ConflictNote == "" {
			bad(f, "conflicts_with needs a conflict_note saying how the sources differ")
		}
		for _, id := range f.ConflictsWith {
			if g, ok := byID[id]; ok && !slices.Contains(g.ConflictsWith, f.ID) {
				bad(f, "conflict with %q is not marked on %q too", id, id)
			}
		}
		for _, a := range f.Ambiguous {
			if !slices.Contains(f.Aliases, a) && a != f.Name {
				bad(f, "ambiguous %q is neither its name nor an alias", a)
			}
		}
	}
	// No two entities may claim one alias unless both mark it ambiguous.
	owner := map[string]*Fact{}
	for _, f := range all {
		if !f.Kind.IsEntity() {
			continue
		}
		seen := map[string]bool{}
		for _, a := range append([]string{f.Name}, f.Aliases...) {
			key := foldKey(a)
			if key == "" || seen[key] {
				continue
			}
			seen[key] = true
			g, taken := owner[key]
			if !taken {
				owner[key] = f
				continue
			}
			if !markedAmbiguous(f, key) || !markedAmbiguous(g, key) {
				bad(f, "alias %q is also claimed by %q (%s); mark it ambiguous on both", a, g.ID, g.File)
			}
		}
	}
	if len(probs) > 0 {
		return &ValidationError{Problems: probs}
	}
	return nil
}

func markedAmbiguous(f *Fact, key string) bool {
	for _, a := range f.Ambiguous {
		if foldKey(a) == key {
			return true
		}
	}
	return false
}

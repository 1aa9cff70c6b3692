// Command blevecmp is the baseline for issue 4's speed target: a BM25
// sentence index over the five seed documents, built with Bleve, answering
// questions read one per line from standard input in the same line-oriented
// JSON shape as `malibot ask --json`.
//
// It lives in its own Go module (tools/blevecmp/go.mod) so that Bleve never
// becomes a dependency of the malibot binary or of the repository's go.mod.
//
// Usage:
//
//	blevecmp [--seeds DIR] [--threshold X] [--analyzer en] < questions.txt
//	blevecmp --eval ../../testdata/eval/tune.jsonl [--sweep]
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/standard"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"
)

// declineText is what the baseline answers when the top score is below the
// threshold.
const declineText = "I'm not sure."

// line is one line of output; the field names match `malibot ask --json`
// ("confidence" there, "score" here since a BM25 score is not a probability).
type line struct {
	Question  string  `json:"question"`
	Answer    string  `json:"answer"`
	Abstained bool    `json:"abstained"`
	Score     float64 `json:"score"`
}

// sentence is one indexed document.
type sentence struct {
	Text   string `json:"text"`
	Source string `json:"source"`
}

func main() {
	if err := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(2)
		}
		fmt.Fprintln(os.Stderr, "blevecmp:", err)
		os.Exit(1)
	}
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("blevecmp", flag.ContinueOnError)
	fs.SetOutput(stderr)
	seeds := fs.String("seeds", "", "directory holding the five seed documents (*.txt); default: the nearest shared/seeds above the working directory, the executable or this module's source")
	threshold := fs.Float64("threshold", 0.7, "abstain when the top BM25 score is below this (0.7 is the lowest that declines >= 95% of the out-of-scope lines of testdata/eval/tune.jsonl; see README)")
	analyzer := fs.String("analyzer", en.AnalyzerName, "Bleve analyzer for the sentence text (en = English stemming and stop words, standard = lowercase and stop words)")
	verbose := fs.Bool("v", false, "report index size, scoring model and build time on standard error")
	evalFiles := fs.String("eval", "", "comma-separated testdata/eval-style JSONL files: print the baseline's accuracy instead of answering standard input")
	sweep := fs.Bool("sweep", false, "with --eval: print accuracy for thresholds 0 to 3 (choose on tune.jsonl only)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q; questions are read from standard input", fs.Args())
	}
	if *analyzer != en.AnalyzerName && *analyzer != standard.Name {
		return fmt.Errorf("--analyzer must be %q or %q", en.AnalyzerName, standard.Name)
	}
	dir := *seeds
	if dir == "" {
		var err error
		if dir, err = findSeeds(); err != nil {
			return err
		}
	}

	start := time.Now()
	sents, err := loadSentences(dir)
	if err != nil {
		return err
	}
	idx, model, err := buildIndex(sents, *analyzer)
	if err != nil {
		return err
	}
	defer idx.Close()
	if *verbose {
		fmt.Fprintf(stderr, "blevecmp: %d sentences from %s, scoring model %s, analyzer %s, built in %v\n",
			len(sents), dir, model, *analyzer, time.Since(start).Round(time.Millisecond))
	}

	if *evalFiles != "" {
		return evaluate(idx, sents, strings.Split(*evalFiles, ","), *threshold, *sweep, stdout)
	}

	w := bufio.NewWriterSize(stdout, 64*1024)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	sc := bufio.NewScanner(stdin)
	sc.Buffer(make([]byte, 0, 64*1024), 4<<20)
	for sc.Scan() {
		q := sc.Text()
		out := answer(idx, sents, q, *threshold)
		if err := enc.Encode(out); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	return w.Flush()
}

// answer searches for the question and returns the top sentence, or a
// decline when nothing scores at least threshold.
func answer(idx bleve.Index, sents []sentence, q string, threshold float64) line {
	out := line{Question: q, Answer: declineText, Abstained: true}
	text := strings.ToValidUTF8(q, " ")
	if strings.TrimSpace(text) == "" {
		return out
	}
	mq := bleve.NewMatchQuery(text)
	mq.SetField("text")
	req := bleve.NewSearchRequestOptions(mq, 1, 0, false)
	res, err := idx.Search(req)
	if err != nil || len(res.Hits) == 0 {
		return out
	}
	top := res.Hits[0]
	out.Score = top.Score
	if top.Score < threshold {
		return out
	}
	i, err := strconv.Atoi(top.ID)
	if err != nil || i < 0 || i >= len(sents) {
		return out
	}
	out.Answer = sents[i].Text
	out.Abstained = false
	return out
}

// buildIndex indexes every sentence in an in-memory scorch index, with BM25
// scoring when this Bleve version supports it, and reports the model used.
func buildIndex(sents []sentence, analyzer string) (bleve.Index, string, error) {
	text := bleve.NewTextFieldMapping()
	text.Analyzer = analyzer
	text.Store = false
	text.IncludeTermVectors = false
	text.IncludeInAll = false
	src := bleve.NewKeywordFieldMapping()
	src.Store = false
	src.Index = false
	src.IncludeInAll = false
	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt("text", text)
	doc.AddFieldMappingsAt("source", src)

	m := bleve.NewIndexMapping()
	m.DefaultMapping = doc
	m.DefaultAnalyzer = analyzer
	model := index.DefaultScoringModel // tf-idf
	if _, ok := index.SupportedScoringModels[index.BM25Scoring]; ok {
		model = index.BM25Scoring
	}
	m.ScoringModel = model

	// An empty path gives a memory-only scorch index (scorch is the index
	// type that implements BM25; NewMemOnly would use upsidedown).
	idx, err := bleve.NewUsing("", m, scorch.Name, bleve.Config.DefaultKVStore, nil)
	if err != nil {
		return nil, "", err
	}
	b := idx.NewBatch()
	for i, s := range sents {
		if err := b.Index(strconv.Itoa(i), s); err != nil {
			idx.Close()
			return nil, "", err
		}
	}
	if err := idx.Batch(b); err != nil {
		idx.Close()
		return nil, "", err
	}
	return idx, model, nil
}

// findSeeds looks for shared/seeds in the working directory, the
// executable's directory, this source file's directory and each of their
// parents (the repository's parent holds shared/seeds, i.e.
// ../../../shared/seeds from this module).
func findSeeds() (string, error) {
	var starts []string
	if wd, err := os.Getwd(); err == nil {
		starts = append(starts, wd)
	}
	if exe, err := os.Executable(); err == nil {
		starts = append(starts, filepath.Dir(exe))
	}
	if _, file, _, ok := runtime.Caller(0); ok && filepath.IsAbs(file) {
		// the module's source directory, when not built with -trimpath:
		// ../../../shared/seeds from tools/blevecmp
		starts = append(starts, filepath.Dir(file))
	}
	for _, d := range starts {
		for {
			c := filepath.Join(d, "shared", "seeds")
			if st, err := os.Stat(c); err == nil && st.IsDir() {
				return c, nil
			}
			p := filepath.Dir(d)
			if p == d {
				break
			}
			d = p
		}
	}
	return "", errors.New("cannot find shared/seeds above the working directory; pass --seeds DIR")
}

// loadSentences reads every *.txt file in dir and splits it into sentences.
func loadSentences(dir string) ([]sentence, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no *.txt documents in %s", dir)
	}
	sort.Strings(files)
	var out []sentence
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		for _, s := range splitSentences(string(b)) {
			out = append(out, sentence{Text: s, Source: filepath.Base(f)})
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no sentences in %s", dir)
	}
	return out, nil
}

// splitSentences splits a plain-text document into sentences: each
// non-empty line is a paragraph, split after '.', '!' or '?' followed by a
// space and an upper-case letter, digit or quote, except after common
// abbreviations and initials. Fragments shorter than four words (menu items,
// captions) and headings that are themselves questions are dropped, so that
// the index holds only statements that can serve as an answer.
func splitSentences(doc string) []string {
	var out []string
	for _, para := range strings.Split(doc, "\n") {
		para = strings.Join(strings.Fields(strings.TrimLeft(strings.TrimSpace(para), "•-*·")), " ")
		if para == "" {
			continue
		}
		start := 0
		for i := 0; i < len(para); i++ {
			c := para[i]
			if c != '.' && c != '!' && c != '?' {
				continue
			}
			// end of sentence: punctuation (plus closing quotes/brackets), space, capital/digit/quote
			j := i + 1
			for j < len(para) && strings.IndexByte(`"')]`, para[j]) >= 0 {
				j++
			}
			if j+1 >= len(para) || para[j] != ' ' {
				continue
			}
			r, _ := utf8.DecodeRuneInString(para[j+1:])
			if !(unicode.IsUpper(r) || unicode.IsDigit(r) || r == '"' || r == '\'' || r == '“' || r == '‘') {
				continue
			}
			if c == '.' && isAbbrev(para[start:i]) {
				continue
			}
			out = appendSentence(out, para[start:j])
			start = j + 1
		}
		out = appendSentence(out, para[start:])
	}
	return out
}

func appendSentence(out []string, s string) []string {
	s = strings.TrimSpace(s)
	if len(strings.Fields(s)) < 4 || strings.HasSuffix(s, "?") {
		return out
	}
	return append(out, s)
}

var abbrevs = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "no": true,
	"gen": true, "col": true, "lt": true, "sgt": true, "capt": true, "maj": true,
	"u.s": true, "u.n": true, "u.k": true, "e.g": true, "i.e": true, "vs": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "aug": true, "sept": true,
	"oct": true, "nov": true, "dec": true, "inc": true, "co": true, "jr": true,
}

// isAbbrev reports whether the text before a full stop ends in a known
// abbreviation or a single-letter initial.
func isAbbrev(before string) bool {
	k := strings.LastIndexAny(before, " (")
	w := strings.ToLower(before[k+1:])
	if utf8.RuneCountInString(w) == 1 {
		return true
	}
	return abbrevs[w]
}

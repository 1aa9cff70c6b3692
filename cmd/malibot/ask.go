package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/malibot/malibot/handlers"
)

// askLine is one line of `malibot ask --json` output.
type askLine struct {
	Question    string   `json:"question"`
	Answer      string   `json:"answer"`
	Abstained   bool     `json:"abstained"`
	Confidence  float64  `json:"confidence"`
	Facts       []string `json:"facts"`
	Sources     []string `json:"sources"`
	Suggestions []string `json:"suggestions"`
}

func askCmd(ctx context.Context, e env) error {
	fs := flag.NewFlagSet("ask", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	asJSON := fs.Bool("json", false, "read one question per line from standard input and write one JSON object per line")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, `usage: malibot ask "question"   or   malibot ask --json < questions.txt`)
		fs.PrintDefaults()
	}
	if done, err := parseFlags(fs, e.args); done {
		return err
	}
	sh, err := newShell()
	if err != nil {
		return err
	}
	if *asJSON {
		return askJSON(ctx, sh, e.stdin, e.stdout)
	}
	q := strings.Join(fs.Args(), " ")
	if strings.TrimSpace(q) == "" {
		fs.Usage()
		return errUsage
	}
	fmt.Fprint(e.stdout, handlers.Plain(sh.do(q)))
	return nil
}

func askJSON(ctx context.Context, sh *shell, in io.Reader, out io.Writer) error {
	w := bufio.NewWriterSize(out, 64*1024)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, 64*1024), 4<<20)
	// Lines are read in batches: the questions of a batch are answered on
	// every core (Ask is safe for concurrent use), slash commands in order
	// on the one shell, and the batch is written in input order.
	const batch = 512
	lines := make([]string, 0, batch)
	results := make([]askLine, batch)
	flush := func() error {
		answerAll(sh, lines, results)
		for i := range lines {
			if err := enc.Encode(results[i]); err != nil {
				return err
			}
		}
		lines = lines[:0]
		return nil
	}
	for sc.Scan() {
		if err := ctx.Err(); err != nil {
			return err
		}
		if lines = append(lines, sc.Text()); len(lines) == batch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read questions: %w", err)
	}
	if err := flush(); err != nil {
		return err
	}
	return w.Flush()
}

// answerAll fills results[i] for each of lines.
func answerAll(sh *shell, lines []string, results []askLine) {
	workers := min(runtime.GOMAXPROCS(0), 8)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < len(lines); i = int(next.Add(1) - 1) {
				if !isSlash(lines[i]) {
					results[i] = answerLine(sh, lines[i])
				}
			}
		}()
	}
	wg.Wait()
	for i, line := range lines {
		if isSlash(line) {
			results[i] = answerLine(sh, line)
		}
	}
}

func isSlash(line string) bool { return strings.HasPrefix(strings.TrimSpace(line), "/") }

// answerLine is one line of `ask --json`: a question for the engine or a
// slash command for the shell.
func answerLine(sh *shell, line string) askLine {
	var out askLine
	if isSlash(line) {
		resp := sh.do(line)
		out = askLine{Question: line, Answer: strings.TrimSpace(handlers.Plain(resp)), Abstained: resp.Unsure}
		if !resp.Unsure {
			out.Confidence = 1
		}
	} else {
		a := sh.base.Ask(line)
		out = askLine{Question: line, Answer: strings.TrimSpace(a.Text + " " + a.Differ),
			Abstained: a.Abstained, Confidence: a.Confidence, Sources: a.Sources}
		for _, f := range a.Facts {
			out.Facts = append(out.Facts, f.ID)
		}
		for _, s := range a.Suggestions {
			out.Suggestions = append(out.Suggestions, s.Label)
		}
	}
	if out.Facts == nil {
		out.Facts = []string{}
	}
	if out.Sources == nil {
		out.Sources = []string{}
	}
	if out.Suggestions == nil {
		out.Suggestions = []string{}
	}
	return out
}

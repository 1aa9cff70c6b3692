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
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w := bufio.NewWriterSize(out, 64*1024)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	// A pipeline: one goroutine reads lines, workers on every core answer
	// the questions (Ask is safe for concurrent use), and this goroutine
	// writes each line's answer in input order as soon as it is ready,
	// running the slash commands itself, in order, on the one shell. The
	// output is flushed whenever no answer waits, so a person typing
	// into ask --json sees each answer at once.
	type slot struct {
		line string
		done chan askLine // the answer, for a question
	}
	work := make(chan *slot, 256)
	order := make(chan *slot, 1024)
	var readErr error // set before order is closed
	go func() {
		defer close(order)
		defer close(work)
		sc := bufio.NewScanner(in)
		sc.Buffer(make([]byte, 0, 64*1024), 4<<20)
		for sc.Scan() {
			s := &slot{line: sc.Text()}
			if !isSlash(s.line) {
				s.done = make(chan askLine, 1)
				select {
				case work <- s:
				case <-ctx.Done():
					return
				}
			}
			select {
			case order <- s:
			case <-ctx.Done():
				return
			}
		}
		if err := sc.Err(); err != nil {
			readErr = fmt.Errorf("read questions: %w", err)
		}
	}()
	for range min(runtime.GOMAXPROCS(0), 8) {
		go func() {
			for s := range work {
				s.done <- answerLine(sh, s.line)
			}
		}()
	}
	for {
		var s *slot
		var more bool
		select {
		case s, more = <-order:
		case <-ctx.Done():
			return ctx.Err()
		}
		if !more {
			break
		}
		var res askLine
		if s.done == nil {
			res = answerLine(sh, s.line)
		} else {
			select {
			case res = <-s.done:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		if err := enc.Encode(res); err != nil {
			return err
		}
		if len(order) == 0 {
			if err := w.Flush(); err != nil {
				return err
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if readErr != nil {
		return readErr
	}
	return w.Flush()
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

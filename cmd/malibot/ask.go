package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
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
	w := bufio.NewWriterSize(out, 64*1024)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, 64*1024), 4<<20)
	for sc.Scan() {
		if err := ctx.Err(); err != nil {
			return err
		}
		line := sc.Text()
		var out askLine
		if strings.HasPrefix(strings.TrimSpace(line), "/") {
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
		if err := enc.Encode(out); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read questions: %w", err)
	}
	return w.Flush()
}

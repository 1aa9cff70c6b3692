package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

func runCLI(t *testing.T, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	getenv := func(string) string { return "" }
	err := run(context.Background(), args, getenv, strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), err
}

func TestUsage(t *testing.T) {
	if _, stderr, err := runCLI(t, ""); !errors.Is(err, errUsage) || !strings.Contains(stderr, "Usage") {
		t.Fatalf("no arguments: err=%v stderr=%q", err, stderr)
	}
	if _, stderr, err := runCLI(t, "", "frobnicate"); !errors.Is(err, errUsage) || !strings.Contains(stderr, "unknown command") {
		t.Fatalf("unknown command: err=%v stderr=%q", err, stderr)
	}
}

func TestAskPrintsAnswerWithSource(t *testing.T) {
	out, _, err := runCLI(t, "", "ask", "who", "leads", "JNIM?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Ghaly") || !strings.Contains(out, "— Source") || !strings.Contains(out, "Counter Extremism Project") {
		t.Fatalf("ask printed %q, want the leader and a source", out)
	}
}

func TestAskJSON(t *testing.T) {
	lines := []string{
		"who leads jnim??",
		"",
		"   ",
		"🙂🙂🙂",
		strings.Repeat("radisson ", 1200),
		"\xff\xfe invalid utf-8",
		"@everyone <@&123> what's the weather",
		"```go\npanic()```",
		"quelle est la capitale de la France ?",
		"/sources",
		"/nosuchcommand",
	}
	out, _, err := runCLI(t, strings.Join(lines, "\n")+"\n", "ask", "--json")
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(got) != len(lines)+1 { // the code block spans two input lines
		t.Fatalf("got %d output lines for %d input lines", len(got), len(lines)+1)
	}
	for i, l := range got {
		var v map[string]any
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Fatalf("line %d is not JSON: %v: %s", i+1, err, l)
		}
		for _, k := range []string{"question", "answer", "abstained", "confidence", "facts", "sources", "suggestions"} {
			if _, ok := v[k]; !ok {
				t.Fatalf("line %d lacks %q: %s", i+1, k, l)
			}
		}
	}
	var first askLine
	json.Unmarshal([]byte(got[0]), &first)
	if first.Abstained || !strings.Contains(first.Answer, "Ghaly") || len(first.Sources) == 0 || strings.Contains(first.Answer, "Source:") {
		t.Fatalf("first answer: %+v", first)
	}
	for _, i := range []int{1, 2, 3} {
		var l askLine
		json.Unmarshal([]byte(got[i]), &l)
		if !l.Abstained {
			t.Errorf("line %d %q should be declined, got %q", i+1, lines[i], l.Answer)
		}
	}
}

func TestFactsCommands(t *testing.T) {
	out, _, err := runCLI(t, "", "facts")
	if err != nil || !strings.Contains(out, "event") || !strings.Contains(out, "cep") {
		t.Fatalf("facts: err=%v out=%q", err, out)
	}
	out, _, err = runCLI(t, "", "facts", "check")
	if err != nil || !strings.HasPrefix(out, "ok:") {
		t.Fatalf("facts check: err=%v out=%q", err, out)
	}
	out, _, err = runCLI(t, "", "facts", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var dump struct {
		Documents []map[string]any
		Facts     []map[string]any
	}
	if err := json.Unmarshal([]byte(out), &dump); err != nil || len(dump.Documents) != 5 || len(dump.Facts) == 0 {
		t.Fatalf("facts --json: err=%v documents=%d facts=%d", err, len(dump.Documents), len(dump.Facts))
	}
}

func TestParseSlash(t *testing.T) {
	tests := []struct {
		in   string
		cmd  string
		sub  string
		opts map[string]string
	}{
		{"/onthisday date:11-20", "onthisday", "", map[string]string{"date": "11-20"}},
		{"/group name:jnim", "group", "", map[string]string{"name": "jnim"}},
		{"/ask question:who leads jnim now", "ask", "", map[string]string{"question": "who leads jnim now"}},
		{"/daily set time:08:00 timezone:Europe/Paris", "daily", "set", map[string]string{"time": "08:00", "timezone": "Europe/Paris"}},
		{"/help", "help", "", map[string]string{}},
		{"/", "", "", map[string]string{}},
	}
	for _, tt := range tests {
		r := parseSlash(tt.in)
		if r.Command != tt.cmd || r.Subcommand != tt.sub || len(r.Options) != len(tt.opts) {
			t.Errorf("parseSlash(%q) = %q %q %v", tt.in, r.Command, r.Subcommand, r.Options)
			continue
		}
		for k, v := range tt.opts {
			if r.Options[k] != v {
				t.Errorf("parseSlash(%q) option %s = %q, want %q", tt.in, k, r.Options[k], v)
			}
		}
	}
}

// FuzzParseSlash: any line parses into a request without panicking, the
// command is lower case, and no option value gains text the line lacks.
func FuzzParseSlash(f *testing.F) {
	f.Add("/onthisday date:11-20")
	f.Add("/daily set time:08:00 timezone:Europe/Paris")
	f.Fuzz(func(t *testing.T, line string) {
		r := parseSlash(line)
		if r.Command != strings.ToLower(r.Command) {
			t.Fatalf("command %q is not lower case", r.Command)
		}
		for k, v := range r.Options {
			for _, w := range strings.Fields(v) {
				if !strings.Contains(line, w) {
					t.Fatalf("option %s=%q has %q, which %q lacks", k, v, w, line)
				}
			}
		}
	})
}

// ask --json keeps input order however the questions are shared among the
// cores, with slash commands run in their place.
func TestAskJSONKeepsOrder(t *testing.T) {
	qs := []string{"who leads jnim", "when did barkhane end", "/sources", "what is the AES", "hello?", "/onthisday date:11-20", "how many christians in mali"}
	var lines []string
	for i := range 1500 {
		lines = append(lines, qs[i%len(qs)])
	}
	out, _, err := runCLI(t, strings.Join(lines, "\n")+"\n", "ask", "--json")
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(got) != len(lines) {
		t.Fatalf("%d output lines for %d input lines", len(got), len(lines))
	}
	first := map[string]string{}
	for i, l := range got {
		var v askLine
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if v.Question != lines[i] {
			t.Fatalf("output line %d answers %q, input line %d is %q", i+1, v.Question, i+1, lines[i])
		}
		if prev, ok := first[v.Question]; ok && prev != v.Answer {
			t.Fatalf("%q answered two ways: %q and %q", v.Question, prev, v.Answer)
		}
		first[v.Question] = v.Answer
	}
}

// Someone typing into ask --json gets each answer when they press enter,
// not when they close the input.
func TestAskJSONAnswersAsLinesCome(t *testing.T) {
	sh, err := newShell()
	if err != nil {
		t.Fatal(err)
	}
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan error, 1)
	go func() { done <- askJSON(context.Background(), sh, inR, outW); outW.Close() }()
	answers := bufio.NewScanner(outR)
	for _, q := range []string{"who leads jnim?", "/sources", "when did barkhane end"} {
		if _, err := io.WriteString(inW, q+"\n"); err != nil {
			t.Fatal(err)
		}
		got := make(chan string, 1)
		go func() {
			answers.Scan()
			got <- answers.Text()
		}()
		select {
		case l := <-got:
			var v askLine
			if err := json.Unmarshal([]byte(l), &v); err != nil || v.Question != q {
				t.Fatalf("after %q: %q (%v)", q, l, err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("no answer to %q while the input stays open", q)
		}
	}
	inW.Close()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// Command malibot is a Discord study bot that answers questions about Mali
// from a curated, sourced fact base and posts a daily "on this day" reminder.
//
// Usage:
//
//	malibot serve              run the Discord bot (needs DISCORD_TOKEN)
//	malibot ask "question"     answer one question, as the bot would
//	malibot ask --json         answer one question per stdin line, as JSON lines
//	malibot console            an interactive channel: questions and /commands
//	malibot eval FILE          score the engine on a question file
//	malibot facts [--json]     list the fact base; `facts check` validates it
//	malibot daily --date D     print the daily post for a date
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	if errors.Is(err, errUsage) {
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "malibot: %v\n", err)
		os.Exit(1)
	}
}

// errUsage is returned after usage has been printed.
var errUsage = errors.New("usage")

// env is what every subcommand gets: its arguments and the process's
// environment and standard streams, so tests can run them in-process.
type env struct {
	args   []string
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

type subcommand struct {
	name, summary string
	run           func(ctx context.Context, e env) error
}

func subcommands() []subcommand {
	return []subcommand{
		{"serve", "run the Discord bot (needs DISCORD_TOKEN)", func(ctx context.Context, e env) error {
			return serve(ctx, e.args, e.getenv, e.stdout, e.stderr)
		}},
		{"ask", `answer a question: ask "who leads JNIM?" | ask --json < questions.txt`, askCmd},
		{"console", "an interactive channel for questions and /commands", consoleCmd},
		{"eval", "score the engine on a question file: eval testdata/eval/holdout.jsonl", evalCmd},
		{"facts", "list the fact base by kind; facts --json dumps it; facts check validates it", factsCmd},
		{"daily", "print the daily post for a date: daily --date 2025-11-20", func(ctx context.Context, e env) error {
			return daily(ctx, e.args, e.getenv, e.stdout, e.stderr)
		}},
	}
}

func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stderr)
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	for _, c := range subcommands() {
		if c.name == args[0] {
			return c.run(ctx, env{args: args[1:], getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr})
		}
	}
	fmt.Fprintf(stderr, "malibot: unknown command %q\n\n", args[0])
	usage(stderr)
	return errUsage
}

// parseFlags parses a subcommand's flags: done is true when -h printed the
// usage (the subcommand then returns nil), and a bad flag gives errUsage.
func parseFlags(fs *flag.FlagSet, args []string) (done bool, err error) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return true, nil
		}
		return true, errUsage
	}
	return false, nil
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "malibot answers questions about Mali from sourced facts, on Discord or in the shell.")
	fmt.Fprintln(w, "\nUsage: malibot <command> [arguments]")
	fmt.Fprintln(w)
	for _, c := range subcommands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nTry it offline: malibot ask \"who leads JNIM?\"  or  malibot console")
}

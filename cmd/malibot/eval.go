package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/malibot/malibot/facts"
	"github.com/malibot/malibot/facts/eval"
)

func evalCmd(ctx context.Context, e env) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	failures := fs.Bool("failures", false, "also print every question that failed")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: malibot eval [--failures] FILE.jsonl ...")
		fs.PrintDefaults()
	}
	if done, err := parseFlags(fs, e.args); done {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errUsage
	}
	base, err := facts.Default()
	if err != nil {
		return err
	}
	qs, err := eval.ReadFile(fs.Args()...)
	if err != nil {
		return err
	}
	eval.Run(base, qs).Write(e.stdout, *failures)
	return nil
}

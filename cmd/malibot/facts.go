package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"

	"github.com/malibot/malibot/facts"
)

func factsCmd(ctx context.Context, e env) error {
	fs := flag.NewFlagSet("facts", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	asJSON := fs.Bool("json", false, "write the whole base as one JSON document")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: malibot facts [--json] | malibot facts check")
		fs.PrintDefaults()
	}
	if done, err := parseFlags(fs, e.args); done {
		return err
	}
	base, err := facts.Load(facts.Data())
	if err != nil {
		return err
	}
	switch {
	case fs.Arg(0) == "check":
		fmt.Fprintf(e.stdout, "ok: %d facts from %d documents, every id unique, every link resolved, every date and source valid\n", len(base.Facts), len(base.Docs))
		if !facts.SnapshotIsFresh() {
			fmt.Fprintln(e.stdout, "note: facts/snapshot.gob predates these files, so start-up decodes the YAML (slower);\n      remake it with: go test ./facts -run TestSnapshotIsFresh -update")
		}
		return nil
	case fs.NArg() > 0:
		fs.Usage()
		return errUsage
	case *asJSON:
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Documents []*facts.Document `json:"documents"`
			Facts     []*facts.Fact     `json:"facts"`
		}{base.Docs, base.Facts})
	}
	fmt.Fprintf(e.stdout, "%-8s %6s\n", "kind", "facts")
	for _, k := range facts.Kinds {
		fmt.Fprintf(e.stdout, "%-8s %6d\n", k, len(base.OfKind(k)))
	}
	fmt.Fprintf(e.stdout, "%-8s %6d\n\n", "total", len(base.Facts))
	byDoc := map[string]int{}
	for _, f := range base.Facts {
		seen := map[string]bool{}
		for _, s := range f.Sources {
			if !seen[s.Doc] {
				seen[s.Doc] = true
				byDoc[s.Doc]++
			}
		}
	}
	fmt.Fprintf(e.stdout, "%-10s %6s  %s\n", "document", "facts", "title")
	for _, d := range base.Docs {
		fmt.Fprintf(e.stdout, "%-10s %6d  %s (%s)\n", d.ID, byDoc[d.ID], d.Title, d.Publisher)
	}
	return nil
}

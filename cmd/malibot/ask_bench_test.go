package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"testing"
)

// BenchmarkAskJSON answers the question set through `ask --json`, output
// encoding included, as the whole-process comparison with Bleve does.
func BenchmarkAskJSON(b *testing.B) {
	in, err := os.ReadFile("../../testdata/eval/tune.jsonl")
	if err != nil {
		b.Skip(err)
	}
	sh, err := newShell()
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := askJSON(context.Background(), sh, bytes.NewReader(in), io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

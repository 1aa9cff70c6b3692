package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"testing"
)

func BenchmarkZZAsk5000(b *testing.B) {
	in, err := os.ReadFile("/tmp/cmp16/blevecmp-questions.txt")
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

package facts

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzAsk feeds the engine arbitrary text: it must never panic, always say
// something, and answer only with sourced facts. Seeds live in
// testdata/fuzz/FuzzAsk as well as here.
func FuzzAsk(f *testing.F) {
	base, err := Load(Data())
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{
		"who leads jnim??", "", " ", "🙂", "@everyone", "<@&123> <#456> <:emoji:789>",
		"```\ncode\n```", "\u200b\u200d\ufeff", "\xff\xfe", strings.Repeat("barkhane ", 2000),
		"quand a été fondé le JNIM ?", "ignore previous instructions", "20 november 2015", "0000000000000",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		a := base.Ask(q)
		if a.Text == "" {
			t.Fatalf("Ask(%q) said nothing", q)
		}
		if !utf8.ValidString(a.Text) {
			t.Fatalf("Ask(%q) gave invalid UTF-8", q)
		}
		if a.Confidence < 0 || a.Confidence > 1 {
			t.Fatalf("Ask(%q) confidence %v out of range", q, a.Confidence)
		}
		if !a.Abstained && (len(a.Facts) == 0 || len(a.Sources) == 0) {
			t.Fatalf("Ask(%q) answered without a sourced fact", q)
		}
		if len(a.Suggestions) > 3 {
			t.Fatalf("Ask(%q) offered %d suggestions", q, len(a.Suggestions))
		}
	})
}

package handlers

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"github.com/malibot/malibot/facts"
)

// updateGolden rewrites the golden files under testdata/golden: go test ./handlers -update
var updateGolden = flag.Bool("update", false, "rewrite golden files in testdata/golden")

// testNow is the time of every test request: 20 November 2026, the
// Radisson Blu attack's eleventh anniversary.
var testNow = time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)

// fixture loads the small test base of facts/testdata/base.
func fixture(tb testing.TB) *facts.Base {
	tb.Helper()
	b, err := facts.Load(os.DirFS("../facts/testdata/base"))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// realBase loads the embedded base, skipping while it does not validate
// (facts' own tests report that).
func realBase(tb testing.TB) *facts.Base {
	tb.Helper()
	b, err := facts.Default()
	if err != nil {
		first, _, _ := strings.Cut(err.Error(), "\n")
		tb.Skipf("embedded fact base does not load yet: %s", first)
	}
	return b
}

// emptyBase is a base with the fixture's documents and the given extra
// YAML facts (none when extra is "").
func emptyBase(tb testing.TB, extra string) *facts.Base {
	tb.Helper()
	src, err := os.ReadFile("../facts/testdata/base/sources.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	fsys := fstest.MapFS{"sources.yaml": {Data: src}}
	if extra != "" {
		fsys["extra.yaml"] = &fstest.MapFile{Data: []byte(extra)}
	}
	b, err := facts.Load(fsys)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// manyEvents is a base with n events, one a year from 2000, all about one
// group, for pagination tests.
func manyEvents(tb testing.TB, n int) *facts.Base {
	tb.Helper()
	var b strings.Builder
	b.WriteString("- {id: g, kind: group, name: Test Group, statement: A group., sources: [{doc: cep, line: 1}]}\n")
	for i := range n {
		fmt.Fprintf(&b, "- {id: e%d, kind: event, rel: attack, date: \"%d-11-%02d\", about: [g], statement: Event number %d., sources: [{doc: cep, line: %d}]}\n", i, 2000+i, 1+i%28, i, 1+i%100)
	}
	return emptyBase(tb, b.String())
}

func request(kind Kind, opts ...string) Request {
	r := Request{Kind: kind, Options: map[string]string{}, Now: testNow, UserID: "1001", GuildID: "g1", ChannelID: "c1"}
	for i := 0; i+1 < len(opts); i += 2 {
		r.Options[opts[i]] = opts[i+1]
		r.Focused = opts[i]
	}
	return r
}

func command(r Request, name string) Request {
	r.Command = name
	return r
}

func press(id string) Request {
	return Request{Kind: KindButton, Button: id, Now: testNow, UserID: "1001"}
}

// golden compares the response, as indented JSON, with
// testdata/golden/name.json, or rewrites it with -update.
func golden(tb testing.TB, name string, resp Response) {
	tb.Helper()
	// Zero fields are left out, so that a field added to Response later
	// does not change every golden file.
	raw, err := json.Marshal(resp)
	if err != nil {
		tb.Fatal(err)
	}
	var tree any
	if err := json.Unmarshal(raw, &tree); err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(dropZero(tree)); err != nil {
		tb.Fatal(err)
	}
	got := buf.Bytes()
	path := filepath.Join("testdata", "golden", name+".json")
	if *updateGolden {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run go test ./handlers -update to create it)", err)
	}
	if string(got) != string(want) {
		tb.Errorf("%s differs from the golden file (go test ./handlers -update to accept):\n%s", path, got)
	}
}

// dropZero removes false, 0, "", null and empty members from decoded JSON.
func dropZero(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			switch x := dropZero(x).(type) {
			case nil, bool, float64, string:
				if x == nil || x == false || x == 0.0 || x == "" {
					delete(v, k)
				}
			case []any:
				if len(x) == 0 {
					delete(v, k)
				}
			}
		}
	case []any:
		for i := range v {
			v[i] = dropZero(v[i])
		}
	}
	return v
}

// checkLimits fails when the response breaks one of Discord's limits or
// is empty.
func checkLimits(tb testing.TB, resp Response) {
	tb.Helper()
	if resp.Content == "" && len(resp.Embeds) == 0 && len(resp.Choices) == 0 && !resp.Quiet {
		tb.Errorf("empty response: %+v", resp)
	}
	if n := utf8.RuneCountInString(resp.Content); n > MaxContent {
		tb.Errorf("content is %d characters", n)
	}
	if len(resp.Embeds) > 10 {
		tb.Errorf("%d embeds", len(resp.Embeds))
	}
	for _, e := range resp.Embeds {
		if e.Title == "" && e.Description == "" {
			tb.Errorf("embed with neither title nor description: %+v", e)
		}
		if embedSize(e) > MaxEmbedTotal || utf8.RuneCountInString(e.Title) > MaxTitle ||
			utf8.RuneCountInString(e.Description) > MaxDescription || utf8.RuneCountInString(e.Footer) > MaxFooter || len(e.Fields) > MaxFields {
			tb.Errorf("embed over Discord's limits: %+v", e)
		}
		for _, f := range e.Fields {
			if f.Name == "" || strings.TrimSpace(f.Value) == "" || utf8.RuneCountInString(f.Name) > MaxFieldName || utf8.RuneCountInString(f.Value) > MaxFieldValue {
				tb.Errorf("bad field %q: %q", f.Name, f.Value)
			}
		}
	}
	if len(resp.Buttons) > MaxButtons {
		tb.Errorf("%d buttons", len(resp.Buttons))
	}
	ids := map[string]bool{}
	for _, b := range resp.Buttons {
		if b.Label == "" || utf8.RuneCountInString(b.Label) > MaxButtonLabel {
			tb.Errorf("button label %q", b.Label)
		}
		if len(b.CustomID()) > MaxCustomID {
			tb.Errorf("custom id %q is %d bytes", b.CustomID(), len(b.CustomID()))
		}
		if ids[b.CustomID()] {
			tb.Errorf("duplicate custom id %q", b.CustomID())
		}
		ids[b.CustomID()] = true
	}
	checkChoices(tb, resp.Choices)
}

func checkChoices(tb testing.TB, choices []Choice) {
	tb.Helper()
	if len(choices) > MaxChoices {
		tb.Errorf("%d choices", len(choices))
	}
	for _, c := range choices {
		if c.Name == "" || c.Value == "" || utf8.RuneCountInString(c.Name) > MaxChoiceLen || utf8.RuneCountInString(c.Value) > MaxChoiceLen {
			tb.Errorf("bad choice %+v", c)
		}
	}
}

// TestEveryCommandOnAnyBase runs every command with typical and hostile
// input over an empty base, the fixture and (once it loads) the real base:
// each reply is non-empty and within Discord's limits, and nothing panics.
func TestEveryCommandOnAnyBase(t *testing.T) {
	t.Parallel()
	bases := map[string]func(testing.TB) *facts.Base{
		"empty":   func(tb testing.TB) *facts.Base { return emptyBase(tb, "") },
		"fixture": fixture,
		"real":    realBase,
	}
	inputs := []string{"", "jnim", "JNIM", "radisson", "2015", "11-20", "@everyone", "```x```", strings.Repeat("é", 300), "\u200b", "zzzzzz"}
	for name, load := range bases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b := load(t)
			for _, c := range All(Deps{Facts: b}) {
				if c.Name == "ask" {
					continue // the engine's own tests cover it
				}
				for _, in := range inputs {
					r := request(KindCommand)
					for _, o := range c.Options {
						r.Options[o.Name] = in
						r.Focused = o.Name
					}
					checkLimits(t, c.Handle(command(r, c.Name)))
					if c.Complete != nil {
						checkChoices(t, c.Complete(command(request(KindAutocomplete, r.Focused, in), c.Name)))
					}
					checkLimits(t, c.Handle(press(in)))
				}
			}
		})
	}
}

func TestAllIncludesEveryCommandOnce(t *testing.T) {
	t.Parallel()
	cmds := All(Deps{Facts: fixture(t)})
	want := []string{"group", "person", "operation", "place", "event", "timeline", "onthisday", "figure", "quiz", "sources", "help"}
	have := map[string]bool{}
	for _, c := range cmds {
		have[c.Name] = true
	}
	for _, w := range want {
		if !have[w] {
			t.Errorf("All has no /%s", w)
		}
	}
	if cmds[len(cmds)-1].Name != "help" {
		t.Errorf("/help is not last")
	}
}

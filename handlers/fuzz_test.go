package handlers

import (
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzCommands feeds arbitrary text to every option, subcommand option,
// button id and autocomplete of every command: no handler may panic, and
// every reply must say something in valid UTF-8 within Discord's
// 25-choice limit. Seeds live in testdata/fuzz/FuzzCommands as well.
func FuzzCommands(f *testing.F) {
	base := realBase(f)
	cmds := All(Deps{Facts: base})
	for _, s := range []string{"", "jnim", "11-20", "25:99", "Europe/Paris", "p:2:2012:2015:jnim", "@everyone",
		"<@&1>", "\u200b", "\xff", "2015-13-45", "quiz:x:9", "99999999999999999999", "../../etc/passwd"} {
		f.Add(s)
	}
	now := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range cmds {
			opts := map[string]string{}
			for _, o := range c.Options {
				opts[o.Name] = s
			}
			reqs := []Request{
				{Kind: KindCommand, Command: c.Name, Options: opts, Now: now, CanManage: true},
				{Kind: KindButton, Command: c.Name, Button: s, Now: now, CanManage: true},
				{Kind: KindMessage, Command: c.Name, Text: s, Now: now},
			}
			for _, sub := range c.Subcommands {
				so := map[string]string{}
				for _, o := range sub.Options {
					so[o.Name] = s
				}
				reqs = append(reqs, Request{Kind: KindCommand, Command: c.Name, Subcommand: sub.Name, Options: so, Now: now, CanManage: true})
			}
			for _, r := range reqs {
				resp := c.Handle(r)
				text := Plain(resp)
				if !resp.Quiet && text == "" {
					t.Fatalf("/%s %+v said nothing", c.Name, r)
				}
				if !utf8.ValidString(resp.Content) {
					t.Fatalf("/%s returned invalid UTF-8 content", c.Name)
				}
			}
			if c.Complete != nil {
				for _, o := range c.Options {
					if got := c.Complete(Request{Kind: KindAutocomplete, Command: c.Name, Focused: o.Name, Options: map[string]string{o.Name: s}, Now: now}); len(got) > 25 {
						t.Fatalf("/%s autocomplete gave %d choices", c.Name, len(got))
					}
				}
			}
		}
	})
}

package handlers

import (
	"reflect"
	"strings"
	"testing"
)

func TestGroup(t *testing.T) {
	t.Parallel()
	c := Group(Deps{Facts: fixture(t)})
	tests := []struct {
		name, typed string
		golden      string // golden file of the card, or ""
		sameAs      string // input that must give the same card, or ""
		content     string // start of the ephemeral reply, or ""
		buttons     []string
	}{
		{name: "by id", typed: "jnim", golden: "group-jnim"},
		{name: "by alias", typed: "JNIM", sameAs: "jnim"},
		{name: "by name, any case and punctuation", typed: "jamaat nusrat al islam WAL MUSLIMIN", sameAs: "jnim"},
		{name: "a person under /group", typed: "goita", content: "I know no group or people called “goita”. Did you mean:", buttons: []string{"ask:assimi-goita"}},
		{name: "nothing near", typed: "zzzzzz", content: "I know no group or people called “zzzzzz”."},
		{name: "markdown and mentions defused", typed: "@everyone **x**", content: "I know no group or people called “@\u200beveryone \\*\\*x\\*\\*”"},
		{name: "blank", typed: "  ", content: "Type a name after `/group`"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resp := c.Handle(request(KindCommand, "name", tt.typed))
			checkLimits(t, resp)
			if tt.golden != "" {
				golden(t, tt.golden, resp)
				return
			}
			if tt.sameAs != "" {
				if want := c.Handle(request(KindCommand, "name", tt.sameAs)); !reflect.DeepEqual(resp, want) {
					t.Errorf("got %+v, want the card of %s", resp, tt.sameAs)
				}
				return
			}
			if !resp.Ephemeral || !strings.HasPrefix(resp.Content, tt.content) {
				t.Errorf("got %q (ephemeral %v), want an ephemeral reply starting %q", resp.Content, resp.Ephemeral, tt.content)
			}
			var ids []string
			for _, b := range resp.Buttons {
				ids = append(ids, b.CustomID())
			}
			if strings.Join(ids, " ") != strings.Join(tt.buttons, " ") {
				t.Errorf("buttons %v, want %v", ids, tt.buttons)
			}
		})
	}
}

func TestGroupCardShowsLeadersConflictAndSources(t *testing.T) {
	t.Parallel()
	e := Group(Deps{Facts: fixture(t)}).Handle(request(KindCommand, "name", "jnim")).Embeds[0]
	fields := map[string]string{}
	for _, f := range e.Fields {
		fields[f.Name] = f.Value
	}
	for name, want := range map[string]string{
		"Leader":         "Iyad Ag Ghaly",
		"Key dates":      "March 2017 — JNIM was formed",
		"Figures":        "1,000–2,000 fighters — JNIM fighters (as of September 2018)",
		"Sources differ": "Amadou Kouffa",
	} {
		if !strings.Contains(fields[name], want) {
			t.Errorf("field %q = %q, want it to contain %q", name, fields[name], want)
		}
	}
	if e.Title != "Jama'at Nusrat al-Islam wal-Muslimin" || !strings.HasPrefix(e.Footer, "Source: Counter Extremism Project, lines ") {
		t.Errorf("title %q footer %q", e.Title, e.Footer)
	}
}

func TestGroupComplete(t *testing.T) {
	t.Parallel()
	c := Group(Deps{Facts: fixture(t)})
	tests := []struct {
		typed string
		want  []string // values
	}{
		{"jn", []string{"jnim"}},
		{"aqim", []string{"aqim"}},
		{"", []string{"aqim", "jnim"}}, // empty input lists the groups by name
		{"goita", nil},                 // a person, not a group
	}
	for _, tt := range tests {
		t.Run(tt.typed, func(t *testing.T) {
			t.Parallel()
			got := c.Complete(request(KindAutocomplete, "name", tt.typed))
			checkChoices(t, got)
			var vals []string
			for _, ch := range got {
				vals = append(vals, ch.Value)
			}
			if strings.Join(vals, " ") != strings.Join(tt.want, " ") {
				t.Errorf("Complete(%q) = %v, want %v", tt.typed, vals, tt.want)
			}
		})
	}
}

func TestGroupOnRealBase(t *testing.T) {
	t.Parallel()
	b := realBase(t)
	c := Group(Deps{Facts: b})
	resp := c.Handle(request(KindCommand, "name", "JNIM"))
	checkLimits(t, resp)
	if len(resp.Embeds) != 1 || resp.Embeds[0].Title == "" || resp.Embeds[0].Footer == "" {
		t.Fatalf("no JNIM card: %+v", resp)
	}
	if got := c.Complete(request(KindAutocomplete, "name", "")); len(got) == 0 || len(got) > MaxChoices {
		t.Errorf("empty input gave %d choices", len(got))
	}
}

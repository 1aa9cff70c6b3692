package handlers

import (
	"strings"
	"testing"
)

func TestFigure(t *testing.T) {
	t.Parallel()
	c := Figure(Deps{Facts: fixture(t)})
	tests := []struct {
		name string
		req  Request
		want string // Plain(response)
	}{
		{
			name: "an entity", req: request(KindCommand, "topic", "JNIM"),
			want: "**Figures: Jama'at Nusrat al-Islam wal-Muslimin**\nJNIM fighters: **1,000–2,000 fighters** as of September 2018 *(Counter Extremism Project, \"Recent developments\", line 35)*\n",
		},
		{
			name: "words of the measure", req: request(KindCommand, "topic", "how many Christians"),
			want: "**Figures: How many Christians**\nChristians in Mali: **476,000 people** as of 2025 *(Open Doors, \"How many Christians are there in Mali?\", line 21)*\n",
		},
		{
			name: "a figure id from autocomplete", req: request(KindCommand, "topic", "christians-number"),
			want: "**Figures: Christians in Mali**\nChristians in Mali: **476,000 people** as of 2025 *(Open Doors, \"How many Christians are there in Mali?\", line 21)*\n",
		},
		{
			name: "did-you-mean button", req: press("jnim-fighters"),
			want: "**Figures: JNIM fighters**\nJNIM fighters: **1,000–2,000 fighters** as of September 2018 *(Counter Extremism Project, \"Recent developments\", line 35)*\n",
		},
		{name: "nothing", req: request(KindCommand, "topic", "weather"), want: "I have no figures about “weather”.\n"},
		{name: "an entity without figures", req: request(KindCommand, "topic", "aqim"), want: "I have no figures about “aqim”.\n"},
		{name: "near miss", req: request(KindCommand, "topic", "fightrs"), want: "I have no figures about “fightrs”. Did you mean:\n[JNIM fighters (as of 2018-09)]\n"},
		{name: "blank", req: request(KindCommand, "topic", " "), want: "Type a topic after `/figure`, for example `/figure topic:JNIM`.\n"},
		{name: "stale button", req: press("jnim"), want: "That button is from an older version of me; please run /figure again.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resp := c.Handle(tt.req)
			checkLimits(t, resp)
			if got := Plain(resp); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestFigureGroupsByMeasure(t *testing.T) {
	t.Parallel()
	b := emptyBase(t, `
- {id: g, kind: group, name: Test Group, statement: A group., sources: [{doc: cep, line: 1}]}
- {id: f1, kind: figure, rel: strength, about: [g], value: 100, unit: fighters, measures: Test Group fighters, as_of: "2019", statement: One., conflicts_with: [f2], conflict_note: the counts differ., sources: [{doc: cep, line: 2}]}
- {id: f2, kind: figure, rel: strength, about: [g], value: 300, unit: fighters, measures: Test Group fighters, as_of: "2012", statement: Two., conflicts_with: [f1], conflict_note: the counts differ., sources: [{doc: cep, line: 3}]}
- {id: f3, kind: figure, rel: poll, about: [g], value: 39.9, unit: percent, measures: support for Test Group, as_of: "2020-05", statement: Three., sources: [{doc: cep, line: 4}]}
`)
	resp := Figure(Deps{Facts: b}).Handle(request(KindCommand, "topic", "g"))
	checkLimits(t, resp)
	golden(t, "figure-grouped", resp)
	e := resp.Embeds[0]
	if len(e.Fields) != 3 || e.Fields[0].Name != "Test Group fighters" || !strings.HasPrefix(e.Fields[0].Value, "**300 fighters** as of 2012") ||
		e.Fields[1].Value != "**39.9%** as of May 2020 *(Counter Extremism Project, \"Recent developments\", line 4)*" || e.Fields[2].Name != "Sources differ" {
		t.Errorf("fields %+v", e.Fields)
	}
}

func TestFigureComplete(t *testing.T) {
	t.Parallel()
	c := Figure(Deps{Facts: fixture(t)})
	tests := []struct {
		typed string
		want  []Choice
	}{
		{"jn", []Choice{{"Jama'at Nusrat al-Islam wal-Muslimin (1 figure)", "jnim"}, {"JNIM fighters (as of 2018-09)", "jnim-fighters"}}},
		{"christ", []Choice{{"Christians in Mali (as of 2025)", "christians-number"}}},
		{"zzzz", []Choice{}},
	}
	for _, tt := range tests {
		t.Run(tt.typed, func(t *testing.T) {
			t.Parallel()
			got := c.Complete(request(KindAutocomplete, "topic", tt.typed))
			checkChoices(t, got)
			if len(got) != len(tt.want) {
				t.Fatalf("Complete(%q) = %v, want %v", tt.typed, got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("Complete(%q)[%d] = %v, want %v", tt.typed, i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestFigureOnRealBase(t *testing.T) {
	t.Parallel()
	c := Figure(Deps{Facts: realBase(t)})
	for _, topic := range []string{"jnim", "displaced", "christians", "troops"} {
		resp := c.Handle(request(KindCommand, "topic", topic))
		checkLimits(t, resp)
		if len(resp.Embeds) != 1 {
			t.Errorf("%s: %s", topic, Plain(resp))
		}
	}
}

package handlers

import (
	"strings"
	"testing"
)

func TestTimelinePages(t *testing.T) {
	t.Parallel()
	c := Timeline(Deps{Facts: manyEvents(t, 25)})
	tests := []struct {
		name       string
		req        Request
		title      string
		first      string // first line of the page
		lines      int
		prev, next string // custom ids, "" when no button
		prevOff    bool
		nextOff    bool
	}{
		{
			name: "first page", req: request(KindCommand),
			title: "Timeline", first: "**1 November 2000** — Event number 0.", lines: 10,
			prev: "timeline:p:1:::", next: "timeline:p:2:::", prevOff: true,
		},
		{
			name: "next pressed", req: press("p:2:::"),
			title: "Timeline", first: "**11 November 2010** — Event number 10.", lines: 10,
			prev: "timeline:p:1:::", next: "timeline:p:3:::",
		},
		{
			name: "last page", req: press("p:3:::"),
			title: "Timeline", first: "**21 November 2020** — Event number 20.", lines: 5,
			prev: "timeline:p:2:::", next: "timeline:p:3:::", nextOff: true,
		},
		{
			name: "a page past the end shows the last", req: press("p:9:::"),
			title: "Timeline", first: "**21 November 2020** — Event number 20.", lines: 5,
			prev: "timeline:p:2:::", next: "timeline:p:3:::", nextOff: true,
		},
		{
			name: "years and group", req: request(KindCommand, "from", "2003", "to", "2017", "group", "Test Group"),
			title: "Timeline: Test Group (2003–2017)", first: "**4 November 2003** — Event number 3.", lines: 10,
			prev: "timeline:p:1:2003:2017:g", next: "timeline:p:2:2003:2017:g", prevOff: true,
		},
		{
			name: "second page keeps the filters", req: press("p:2:2003:2017:g"),
			title: "Timeline: Test Group (2003–2017)", first: "**14 November 2013** — Event number 13.", lines: 5,
			prev: "timeline:p:1:2003:2017:g", next: "timeline:p:2:2003:2017:g", nextOff: true,
		},
		{
			name: "years the wrong way round", req: request(KindCommand, "from", "2004", "to", "2002"),
			title: "Timeline (2002–2004)", first: "**3 November 2002** — Event number 2.", lines: 3,
		},
		{
			name: "one year", req: request(KindCommand, "from", "2005", "to", "2005"),
			title: "Timeline (2005)", first: "**6 November 2005** — Event number 5.", lines: 1,
		},
		{
			name: "from only", req: request(KindCommand, "from", "2022"),
			title: "Timeline (from 2022)", first: "**23 November 2022** — Event number 22.", lines: 3,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resp := c.Handle(tt.req)
			checkLimits(t, resp)
			if len(resp.Embeds) != 1 {
				t.Fatalf("no page: %+v", resp)
			}
			e := resp.Embeds[0]
			lines := strings.Split(e.Description, "\n")
			if e.Title != tt.title || lines[0] != tt.first || len(lines) != tt.lines {
				t.Errorf("got %q, %d lines from %q; want %q, %d lines from %q", e.Title, len(lines), lines[0], tt.title, tt.lines, tt.first)
			}
			if tt.prev == "" {
				if len(resp.Buttons) != 0 {
					t.Errorf("one page needs no buttons: %+v", resp.Buttons)
				}
				return
			}
			if len(resp.Buttons) != 2 {
				t.Fatalf("buttons %+v", resp.Buttons)
			}
			p, n := resp.Buttons[0], resp.Buttons[1]
			if p.Label != "Previous" || p.CustomID() != tt.prev || p.Disabled != tt.prevOff ||
				n.Label != "Next" || n.CustomID() != tt.next || n.Disabled != tt.nextOff {
				t.Errorf("buttons %+v, want %s (off %v) and %s (off %v)", resp.Buttons, tt.prev, tt.prevOff, tt.next, tt.nextOff)
			}
			if resp.Replace != (tt.req.Kind == KindButton) {
				t.Errorf("Replace = %v for a %v", resp.Replace, tt.req.Kind)
			}
		})
	}
}

func TestTimelineRefusals(t *testing.T) {
	t.Parallel()
	c := Timeline(Deps{Facts: fixture(t)})
	tests := []struct {
		name string
		req  Request
		want string
	}{
		{"garbled id", press("zzz"), "That button is from an older message"},
		{"page zero", press("p:0:::"), "That button is from an older message"},
		{"bad year in id", press("p:1:abc::"), "That button is from an older message"},
		{"too few parts", press("p:1:2012"), "That button is from an older message"},
		{"empty id", press(""), "That button is from an older message"},
		{"subject gone", press("p:1:::no-such-group"), "That timeline's subject is no longer"},
		{"bad year", request(KindCommand, "from", "twenty"), "`from` should be a year such as 2012, not “twenty”."},
		{"year zero", request(KindCommand, "to", "0"), "`to` should be a year"},
		{"nothing in range", request(KindCommand, "from", "2030", "to", "2031"), "I have no dated events between 2030 and 2031."},
		{"nothing about it", request(KindCommand, "group", "mali", "to", "2000"), "I have no dated events about Mali up to 2000."},
		{"unknown group", request(KindCommand, "group", "zzzzqq"), "I know nothing called “zzzzqq”."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resp := c.Handle(tt.req)
			checkLimits(t, resp)
			if !resp.Ephemeral || !strings.HasPrefix(resp.Content, tt.want) {
				t.Errorf("got %q (ephemeral %v), want an ephemeral notice starting %q", resp.Content, resp.Ephemeral, tt.want)
			}
		})
	}
}

func TestTimelineDidYouMeanOpensTimelines(t *testing.T) {
	t.Parallel()
	c := Timeline(Deps{Facts: fixture(t)})
	resp := c.Handle(request(KindCommand, "group", "barkh", "from", "2010"))
	if len(resp.Buttons) == 0 || resp.Buttons[0].CustomID() != "timeline:p:1:2010::operation-barkhane" {
		t.Fatalf("buttons %+v", resp.Buttons)
	}
	page := c.Handle(press(resp.Buttons[0].ID))
	if len(page.Embeds) != 1 || page.Embeds[0].Title != "Timeline: Operation Barkhane (from 2010)" {
		t.Errorf("pressing it gave %+v", page)
	}
}

func TestTimelineID(t *testing.T) {
	t.Parallel()
	for _, q := range []timelineQuery{
		{page: 1},
		{page: 2, from: 2012, to: 2015, entity: "jnim"},
		{page: 40, to: 1960},
	} {
		got, ok := parseTimelineID(q.id())
		if !ok || got != q {
			t.Errorf("%q parsed as %+v, %v", q.id(), got, ok)
		}
	}
}

func TestTimelineGolden(t *testing.T) {
	t.Parallel()
	golden(t, "timeline-fixture", Timeline(Deps{Facts: fixture(t)}).Handle(request(KindCommand)))
}

func TestTimelineOnRealBase(t *testing.T) {
	t.Parallel()
	b := realBase(t)
	c := Timeline(Deps{Facts: b})
	resp := c.Handle(request(KindCommand, "group", "jnim"))
	checkLimits(t, resp)
	// walk every page with the Next button
	for pages := 1; ; pages++ {
		if pages > 100 {
			t.Fatal("Next never ends")
		}
		if len(resp.Buttons) == 0 || resp.Buttons[1].Disabled {
			break
		}
		resp = c.Handle(press(resp.Buttons[1].ID))
		checkLimits(t, resp)
		if len(resp.Embeds) != 1 {
			t.Fatalf("page %d: %+v", pages+1, resp)
		}
	}
}

// An event that lasted several years is in the timeline of each of them.
func TestTimelineKeepsEventsThatSpanTheYears(t *testing.T) {
	t.Parallel()
	base := emptyBase(t, `- {id: g, kind: group, name: Test Group, statement: A group., sources: [{doc: cep, line: 1}]}
- {id: long, kind: event, rel: deployed, date: "2022-03", date_end: "2024-03", about: [g], statement: "A deployment that lasted two years.", sources: [{doc: cep, line: 2}]}
- {id: short, kind: event, rel: attack, date: "2021-06-01", about: [g], statement: "An attack in 2021.", sources: [{doc: cep, line: 3}]}
`)
	c := Timeline(Deps{Facts: base})
	for _, tt := range []struct {
		from, to string
		want     []string
		not      []string
	}{
		{"2023", "2023", []string{"lasted two years"}, []string{"attack in 2021"}},
		{"2024", "", []string{"lasted two years"}, []string{"attack in 2021"}},
		{"2021", "2021", []string{"attack in 2021"}, []string{"lasted two years"}},
		{"2025", "", nil, []string{"lasted two years", "attack in 2021"}},
	} {
		r := request(KindCommand)
		r.Options = map[string]string{"from": tt.from}
		if tt.to != "" {
			r.Options["to"] = tt.to
		}
		text := Plain(c.Handle(r))
		for _, w := range tt.want {
			if !strings.Contains(text, w) {
				t.Errorf("from %s to %s: %q is missing from %q", tt.from, tt.to, w, text)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(text, w) {
				t.Errorf("from %s to %s: %q should not be in %q", tt.from, tt.to, w, text)
			}
		}
	}
}

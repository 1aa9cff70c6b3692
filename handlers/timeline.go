package handlers

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/malibot/malibot/facts"
)

// timelinePage is how many dated facts one page of /timeline shows.
const timelinePage = 10

// Timeline is /timeline [from] [to] [group]: dated facts in order, filtered
// by a range of years and by an entity, ten to a page. Its Previous and Next
// buttons carry the whole state in their ids, "p:page:from:to:entity", so a
// press needs nothing stored.
func Timeline(d Deps) Command {
	return Command{
		Name:        "timeline",
		Description: "Events in order, optionally between two years and about one group, person or place",
		Help:        "`/timeline from:2012 to:2015 group:JNIM` — dated events in order, ten a page, with Previous/Next.",
		Options: []Option{
			{Name: "from", Description: "First year, e.g. 2012", Type: Integer},
			{Name: "to", Description: "Last year, e.g. 2015", Type: Integer},
			{Name: "group", Description: "Only events about this group, person, organisation or place", Type: String, Autocomplete: true},
		},
		Handle: func(r Request) Response {
			if r.Kind == KindButton {
				q, ok := parseTimelineID(r.Button)
				if !ok {
					return notice("That button is from an older message; please run /timeline again.")
				}
				if q.entity != "" && d.Facts.ByID(q.entity) == nil {
					return notice("That timeline's subject is no longer in my sources; please run /timeline again.")
				}
				resp := timeline(d.Facts, q)
				resp.Replace = !resp.Ephemeral // turn the page in place
				return resp
			}
			var q timelineQuery
			var bad string
			q.from, bad = yearOption(r, "from")
			if bad == "" {
				q.to, bad = yearOption(r, "to")
			}
			if bad != "" {
				return notice(bad)
			}
			if q.from != 0 && q.to != 0 && q.from > q.to {
				q.from, q.to = q.to, q.from
			}
			if typed := r.Option("group"); strings.TrimSpace(typed) != "" {
				f := d.Facts.Named(typed)
				if f == nil {
					return timelineDidYouMean(d.Facts, typed, q)
				}
				q.entity = f.ID
			}
			q.page = 1
			return timeline(d.Facts, q)
		},
		Complete: func(r Request) []Choice {
			return choices(d.Facts.Complete(r.Option(r.Focused), MaxChoices))
		},
	}
}

// timelineQuery is the state of a timeline page.
type timelineQuery struct {
	page     int    // from 1
	from, to int    // years, 0 when open
	entity   string // entity id, or ""
}

// id is the button id of the query, e.g. "p:2:2012:2015:jnim".
func (q timelineQuery) id() string {
	year := func(y int) string {
		if y == 0 {
			return ""
		}
		return strconv.Itoa(y)
	}
	return fmt.Sprintf("p:%d:%s:%s:%s", q.page, year(q.from), year(q.to), q.entity)
}

// parseTimelineID reads a button id made by timelineQuery.id.
func parseTimelineID(id string) (timelineQuery, bool) {
	parts := strings.Split(id, ":")
	if len(parts) != 5 || parts[0] != "p" {
		return timelineQuery{}, false
	}
	var q timelineQuery
	var err error
	if q.page, err = strconv.Atoi(parts[1]); err != nil || q.page < 1 {
		return q, false
	}
	for i, y := range []*int{&q.from, &q.to} {
		if s := parts[2+i]; s != "" {
			if *y, err = strconv.Atoi(s); err != nil || *y < 1 || *y > 9999 {
				return q, false
			}
		}
	}
	q.entity = parts[4]
	return q, true
}

// yearOption reads an optional year; bad is a reply when it is not one.
func yearOption(r Request, name string) (year int, bad string) {
	s := strings.TrimSpace(r.Option(name))
	if s == "" {
		return 0, ""
	}
	y, err := strconv.Atoi(s)
	if err != nil || y < 1 || y > 9999 {
		return 0, fmt.Sprintf("`%s` should be a year such as 2012, not %s.", name, echo(s))
	}
	return y, ""
}

// timeline renders one page of the query.
func timeline(b *facts.Base, q timelineQuery) Response {
	var list []*facts.Fact
	for _, f := range b.Dated() {
		// An event that lasted (date to date_end) belongs to every year it
		// overlaps, not only to the year it began.
		end := f.Till
		if end.IsZero() {
			end = f.When
		}
		if q.from != 0 && end.Year < q.from || q.to != 0 && f.When.Year > q.to {
			continue
		}
		if q.entity != "" && f.ID != q.entity && !containsString(f.About, q.entity) {
			continue
		}
		list = append(list, f)
	}
	var subject, years, span string
	if g := b.ByID(q.entity); g != nil {
		subject = g.Name
	}
	switch {
	case q.from != 0 && q.to != 0 && q.from == q.to:
		years = fmt.Sprint(q.from)
		span = "in " + years
	case q.from != 0 && q.to != 0:
		years = fmt.Sprintf("%d–%d", q.from, q.to)
		span = fmt.Sprintf("between %d and %d", q.from, q.to)
	case q.from != 0:
		years = fmt.Sprintf("from %d", q.from)
		span = years
	case q.to != 0:
		years = fmt.Sprintf("up to %d", q.to)
		span = years
	}
	if len(list) == 0 {
		what := "I have no dated events"
		if subject != "" {
			what += " about " + subject
		}
		if span != "" {
			what += " " + span
		}
		return notice(what + ". Try a wider range of years or another subject.")
	}
	title := "Timeline"
	if subject != "" {
		title += ": " + subject
	}
	if years != "" {
		title += " (" + years + ")"
	}
	pages := (len(list) + timelinePage - 1) / timelinePage
	if q.page > pages {
		q.page = pages // the base changed, or an old button
	}
	shown := list[(q.page-1)*timelinePage : min(q.page*timelinePage, len(list))]
	lines := make([]string, len(shown))
	for i, f := range shown {
		date, rest, _ := strings.Cut(datedLine(f, 180), " — ")
		lines[i] = "**" + date + "** — " + rest
	}
	e := Embed{Title: title, Description: strings.Join(lines, "\n"), Color: colorAnswer}
	e.Footer = sourcesFooter(b, shown)
	if pages > 1 {
		e.Footer = fmt.Sprintf("Page %d of %d · %s", q.page, pages, e.Footer)
	}
	resp := Response{Embeds: []Embed{fit(e)}}
	if pages > 1 {
		prev, next := q, q
		prev.page, next.page = q.page-1, q.page+1
		if q.page == 1 {
			prev.page = 1
		}
		if q.page == pages {
			next.page = pages
		}
		buttons := []Button{
			{Label: "Previous", Command: "timeline", ID: prev.id(), Style: Secondary, Disabled: q.page == 1},
			{Label: "Next", Command: "timeline", ID: next.id(), Style: Secondary, Disabled: q.page == pages},
		}
		if len(buttons[0].CustomID()) <= MaxCustomID && len(buttons[1].CustomID()) <= MaxCustomID {
			resp.Buttons = buttons
		}
	}
	return resp
}

// timelineDidYouMean answers an unknown subject with buttons that open the
// timeline of the nearest entities.
func timelineDidYouMean(b *facts.Base, typed string, q timelineQuery) Response {
	resp := Response{Content: fmt.Sprintf("I know nothing called %s.", echo(typed)), Ephemeral: true, Unsure: true}
	q.page = 1
	for _, f := range b.Complete(typed, suggestionCount) {
		q.entity = f.ID
		btn := Button{Label: facts.Caption(f, MaxButtonLabel), Command: "timeline", ID: q.id(), Style: Secondary}
		if len(btn.CustomID()) <= MaxCustomID {
			resp.Buttons = append(resp.Buttons, btn)
		}
	}
	if len(resp.Buttons) > 0 {
		resp.Content += " Did you mean:"
	}
	return resp
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

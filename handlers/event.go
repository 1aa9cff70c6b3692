package handlers

import (
	"fmt"
	"strings"

	"github.com/malibot/malibot/facts"
)

// Event is /event name: the card of one event, found by date, words of its
// statement or the names of those involved. Its "did you mean" buttons
// carry an event id and show that event.
func Event(d Deps) Command {
	return Command{
		Name:        "event",
		Description: "One event: its date, what happened, who was involved, and the source",
		Help:        "`/event name:radisson` — one event: date, what happened, who was involved, source.",
		Options: []Option{{
			Name: "name", Description: "A date, place, group or words of the event, e.g. radisson",
			Type: String, Required: true, Autocomplete: true,
		}},
		Handle: func(r Request) Response {
			if r.Kind == KindButton {
				f := d.Facts.ByID(r.Button)
				if f == nil || f.Kind != facts.KindEvent {
					return notice("That button is from an older version of me; please run /event again.")
				}
				return Response{Embeds: []Embed{eventCard(d.Facts, f)}}
			}
			typed := r.Option("name")
			if strings.TrimSpace(typed) == "" {
				return notice("Type some words of the event after `/event`, for example `/event name:radisson`.")
			}
			if f := d.Facts.Named(typed, facts.KindEvent); f != nil {
				return Response{Embeds: []Embed{eventCard(d.Facts, f)}}
			}
			near := d.Facts.Complete(typed, suggestionCount, facts.KindEvent)
			if words := topicWords(typed); len(near) == 1 && len(words) > 0 && mentions(d.Facts, near[0], words) {
				return Response{Embeds: []Embed{eventCard(d.Facts, near[0])}}
			}
			if len(near) == 0 {
				return Response{Content: fmt.Sprintf("I know no event matching %s. Try `/timeline` to browse them.", echo(typed)), Ephemeral: true, Unsure: true}
			}
			resp := Response{Content: fmt.Sprintf("Which event did you mean by %s?", echo(typed)), Ephemeral: true, Unsure: true}
			for _, f := range near {
				resp.Buttons = append(resp.Buttons, Button{Label: facts.Caption(f, MaxButtonLabel), Command: "event", ID: f.ID, Style: Secondary})
			}
			return resp
		},
		Complete: func(r Request) []Choice {
			return choices(d.Facts.Complete(r.Option(r.Focused), MaxChoices, facts.KindEvent))
		},
	}
}

// eventCard is the card of a dated fact: its date as the title, the
// statement, who was involved, related items and the source.
func eventCard(b *facts.Base, f *facts.Fact) Embed {
	title := f.When.String()
	if !f.Till.IsZero() {
		title += " – " + f.Till.String()
	}
	e := Embed{Title: title, Description: f.Statement, Color: colorAnswer}
	if f.DateNote != "" {
		e.Fields = append(e.Fields, Field{Name: "Date", Value: upperFirst(f.DateNote)})
	}
	var actors []string
	for _, id := range f.About {
		if g := b.ByID(id); g != nil {
			actors = append(actors, g.Name)
		}
	}
	if len(actors) > 0 {
		e.Fields = append(e.Fields, Field{Name: "Involved", Value: strings.Join(actors, ", ")})
	}
	var related []string
	for _, id := range f.Related {
		if g := b.ByID(id); g != nil {
			if g.Kind.IsEntity() {
				related = append(related, g.Name)
			} else if !g.When.IsZero() {
				related = append(related, datedLine(g, 90))
			} else {
				related = append(related, facts.Truncate(g.Statement, 110))
			}
		}
	}
	if len(related) > 0 {
		e.Fields = append(e.Fields, Field{Name: "Related", Value: listValue(related, "")})
	}
	if differ := differences([]*facts.Fact{f}); differ != "" {
		e.Fields = append(e.Fields, Field{Name: "Sources differ", Value: differ})
	}
	e.Footer = sourcesFooter(b, []*facts.Fact{f})
	return fit(e)
}

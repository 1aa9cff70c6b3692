package handlers

import (
	"strings"

	"github.com/malibot/malibot/facts"
)

// Colours of embeds.
const (
	colorAnswer  = 0x14B53A // Mali's green
	colorUnsure  = 0xFCD116 // Mali's gold
	colorProblem = 0xCE1126 // Mali's red
)

// answerResponse turns an engine answer into a reply: an embed with the
// answer, a "Sources differ" field where the facts disagree, the source in
// the footer, and "did you mean" buttons for the suggestions.
func answerResponse(a facts.Answer) Response {
	e := Embed{Description: a.Text, Color: colorAnswer}
	if a.Abstained {
		e.Color = colorUnsure
	}
	if a.Differ != "" {
		e.Fields = append(e.Fields, Field{Name: "Sources differ", Value: strings.TrimPrefix(a.Differ, "Sources differ: ")})
	}
	switch c := strings.Join(a.Sources, "; "); {
	case len(a.Sources) > 1 || strings.Contains(c, ", lines "):
		e.Footer = clip("Sources: "+c, MaxFooter)
	case c != "":
		e.Footer = clip("Source: "+c, MaxFooter)
	}
	r := Response{Embeds: []Embed{e}, Unsure: a.Abstained}
	for _, s := range a.Suggestions {
		r.Buttons = append(r.Buttons, Button{Label: s.Label, Command: "ask", ID: s.ID, Style: Secondary})
	}
	return r
}

// notice is a short ephemeral reply for help, errors and bad input.
func notice(text string) Response {
	return Response{Content: text, Ephemeral: true}
}

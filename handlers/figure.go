package handlers

import (
	"fmt"
	"sort"
	"strings"

	"github.com/malibot/malibot/facts"
)

// subjectChoices is how many entities /figure's autocomplete offers before
// single figures.
const subjectChoices = 5

// Figure is /figure topic: the figures about a topic with their values,
// units and "as of" dates, grouped by what they measure. A topic is an
// entity (every figure about it), a figure, or words of what figures
// measure. Its "did you mean" buttons carry a figure id.
func Figure(d Deps) Command {
	return Command{
		Name:        "figure",
		Description: "Numbers with their \"as of\" dates: fighters, troops, displaced people, aid, polls",
		Help:        "`/figure topic:christians` — figures with units and \"as of\" dates, e.g. fighters, troops, polls, aid.",
		Options: []Option{{
			Name: "topic", Description: "A group, place or what is counted, e.g. JNIM or displaced",
			Type: String, Required: true, Autocomplete: true,
		}},
		Handle: func(r Request) Response {
			topic := r.Option("topic")
			if r.Kind == KindButton {
				topic = r.Button
				if f := d.Facts.ByID(topic); f == nil || f.Kind != facts.KindFigure {
					return notice("That button is from an older version of me; please run /figure again.")
				}
			}
			if strings.TrimSpace(topic) == "" {
				return notice("Type a topic after `/figure`, for example `/figure topic:JNIM`.")
			}
			title, list := figuresFor(d.Facts, topic)
			if len(list) > 0 {
				return Response{Embeds: []Embed{figureCard(d.Facts, title, list)}}
			}
			resp := Response{Content: fmt.Sprintf("I have no figures about %s.", echo(topic)), Ephemeral: true, Unsure: true}
			for _, f := range d.Facts.Complete(topic, suggestionCount, facts.KindFigure) {
				resp.Buttons = append(resp.Buttons, Button{Label: facts.Caption(f, MaxButtonLabel), Command: "figure", ID: f.ID, Style: Secondary})
			}
			if len(resp.Buttons) > 0 {
				resp.Content += " Did you mean:"
			}
			return resp
		},
		Complete: func(r Request) []Choice {
			typed := r.Option(r.Focused)
			out := []Choice{}
			for _, e := range d.Facts.Complete(typed, MaxChoices) {
				if len(out) == subjectChoices {
					break
				}
				if n := len(figuresAbout(d.Facts, e.ID)); n > 0 && len(e.ID) <= MaxChoiceLen {
					out = append(out, Choice{Name: facts.Truncate(fmt.Sprintf("%s (%d %s)", e.Name, n, plural(n, "figure")), MaxChoiceLen), Value: e.ID})
				}
			}
			for _, c := range choices(d.Facts.Complete(typed, MaxChoices, facts.KindFigure)) {
				if len(out) == MaxChoices {
					break
				}
				out = append(out, c)
			}
			return out
		},
	}
}

// figuresFor finds the figures of a topic and a title for them: a figure id
// gives that figure and others measuring the same; an entity gives every
// figure about it; other text gives the figures whose measure, statement or
// subjects contain all its words.
func figuresFor(b *facts.Base, topic string) (string, []*facts.Fact) {
	if f := b.ByID(strings.TrimSpace(topic)); f != nil && f.Kind == facts.KindFigure {
		var list []*facts.Fact
		for _, g := range b.OfKind(facts.KindFigure) {
			if g == f || strings.EqualFold(g.Measures, f.Measures) {
				list = append(list, g)
			}
		}
		return upperFirst(f.Measures), list
	}
	if e := b.Named(topic); e != nil {
		return e.Name, figuresAbout(b, e.ID)
	}
	words := topicWords(topic)
	if len(words) == 0 {
		return "", nil
	}
	var list []*facts.Fact
	for _, f := range b.OfKind(facts.KindFigure) {
		if mentions(b, f, words) {
			list = append(list, f)
		}
	}
	return upperFirst(facts.Truncate(strings.Join(strings.Fields(topic), " "), 80)), list
}

var topicStop = map[string]bool{
	"the": true, "how": true, "many": true, "much": true, "what": true, "and": true,
	"for": true, "are": true, "was": true, "were": true, "number": true, "figure": true,
	"figures": true,
}

// topicWords are the lower-case words of a topic worth matching.
func topicWords(topic string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(topic), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127)
	}) {
		if len([]rune(w)) >= 3 && !topicStop[w] {
			out = append(out, w)
		}
	}
	return out
}

// mentions reports whether f's measure, statement, tags or subjects'
// names contain every one of words.
func mentions(b *facts.Base, f *facts.Fact, words []string) bool {
	text := strings.ToLower(f.Measures + " " + f.Statement + " " + strings.Join(f.Tags, " "))
	for _, id := range f.About {
		if e := b.ByID(id); e != nil {
			text += " " + strings.ToLower(e.Name+" "+strings.Join(e.Aliases, " "))
		}
	}
	for _, w := range words {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}

func figuresAbout(b *facts.Base, id string) []*facts.Fact {
	var out []*facts.Fact
	for _, f := range b.AboutOf(id) {
		if f.Kind == facts.KindFigure {
			out = append(out, f)
		}
	}
	return out
}

// figureCard shows figures grouped by what they measure, each with its
// value, "as of" date and source.
func figureCard(b *facts.Base, title string, list []*facts.Fact) Embed {
	var order []string
	groups := map[string][]*facts.Fact{}
	for _, f := range list {
		key := strings.ToLower(f.Measures)
		if groups[key] == nil {
			order = append(order, key)
		}
		groups[key] = append(groups[key], f)
	}
	e := Embed{Title: "Figures: " + title, Color: colorAnswer}
	if len(list) > 1 {
		e.Description = fmt.Sprintf("%d figures, by what they measure.", len(list))
	}
	more := 0
	for i, key := range order {
		g := groups[key]
		if i == MaxFields-1 {
			more += len(list) - countUpTo(groups, order, i)
			break
		}
		sort.SliceStable(g, func(i, j int) bool { return g[i].Asof.Before(g[j].Asof) })
		lines := make([]string, len(g))
		for j, f := range g {
			asOf := ""
			if !f.Asof.IsZero() {
				asOf = " as of " + f.Asof.String()
			}
			lines[j] = fmt.Sprintf("**%s**%s *(%s)*", formatValue(f), asOf, citeAll(b, []*facts.Fact{f}))
		}
		e.Fields = append(e.Fields, Field{Name: upperFirst(g[0].Measures), Value: listValue(lines, "")})
	}
	if differ := differences(list); differ != "" {
		e.Fields = append(e.Fields, Field{Name: "Sources differ", Value: differ})
	}
	if more > 0 {
		e.Footer = fmt.Sprintf("… and %d more; narrow the topic to see them.", more)
	}
	return fit(e)
}

// countUpTo counts the figures in the first n groups.
func countUpTo(groups map[string][]*facts.Fact, order []string, n int) int {
	c := 0
	for _, key := range order[:n] {
		c += len(groups[key])
	}
	return c
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

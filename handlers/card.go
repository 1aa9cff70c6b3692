package handlers

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/malibot/malibot/facts"
)

// How much a profile card shows.
const (
	keyDatesOnCard  = 6
	figuresOnCard   = 5
	suggestionCount = 5
)

// profileCommand is a command such as /group that shows the profile card
// of one entity of the given kinds, named by its option "name".
func profileCommand(d Deps, name, description, help, example string, kinds ...facts.Kind) Command {
	return Command{
		Name:        name,
		Description: description,
		Help:        help,
		Options: []Option{{
			Name: "name", Description: "Name or alias, e.g. " + example,
			Type: String, Required: true, Autocomplete: true,
		}},
		Handle: func(r Request) Response {
			if r.Kind == KindButton {
				return notice("That button is from an older version of me; please run /" + name + " again.")
			}
			typed := r.Option("name")
			if strings.TrimSpace(typed) == "" {
				return notice(fmt.Sprintf("Type a name after `/%s`, for example `/%s name:%s`.", name, name, example))
			}
			f := d.Facts.Named(typed, kinds...)
			if f == nil {
				return didYouMean(d.Facts, typed, kinds)
			}
			return Response{Embeds: []Embed{profile(d.Facts, f)}}
		},
		Complete: func(r Request) []Choice {
			return choices(d.Facts.Complete(r.Option(r.Focused), MaxChoices, kinds...))
		},
	}
}

// profile is the card of an entity: its statement, role, leaders, key
// dates, figures, related items, where the sources differ, and the sources.
func profile(b *facts.Base, f *facts.Fact) Embed {
	e := Embed{Title: f.Name, Description: f.Statement, Color: colorAnswer}
	shown := []*facts.Fact{f}
	if f.Role != "" {
		e.Fields = append(e.Fields, Field{Name: "Role", Value: f.Role, Inline: true})
	}
	if f.Category != "" {
		e.Fields = append(e.Fields, Field{Name: "Category", Value: f.Category, Inline: true})
	}
	var leaders, dated, figures []*facts.Fact
	for _, g := range b.AboutOf(f.ID) {
		switch {
		case g.Rel == "leader":
			leaders = append(leaders, g)
		case g.Kind == facts.KindFigure:
			figures = append(figures, g)
		case !g.When.IsZero():
			dated = append(dated, g)
		}
	}
	if len(leaders) > 0 {
		name := "Leader"
		if f.Kind == facts.KindPerson {
			name = "Leads"
		}
		lines := make([]string, len(leaders))
		for i, g := range leaders {
			lines[i] = g.Statement
		}
		shown = append(shown, leaders...)
		e.Fields = append(e.Fields, Field{Name: name, Value: listValue(lines, "")})
	}
	if len(dated) > 0 {
		sort.SliceStable(dated, func(i, j int) bool { return dated[i].When.Before(dated[j].When) })
		more := ""
		if n := len(dated) - keyDatesOnCard; n > 0 {
			more = fmt.Sprintf("… and %d more: `/timeline group:%s`", n, f.ID)
			dated = dated[:keyDatesOnCard]
		}
		lines := make([]string, len(dated))
		for i, g := range dated {
			lines[i] = datedLine(g, 110)
		}
		shown = append(shown, dated...)
		e.Fields = append(e.Fields, Field{Name: "Key dates", Value: listValue(lines, more)})
	}
	if len(figures) > 0 {
		more := ""
		if n := len(figures) - figuresOnCard; n > 0 {
			more = fmt.Sprintf("… and %d more: `/figure topic:%s`", n, f.ID)
			figures = figures[:figuresOnCard]
		}
		lines := make([]string, len(figures))
		for i, g := range figures {
			lines[i] = figureLine(g)
		}
		shown = append(shown, figures...)
		e.Fields = append(e.Fields, Field{Name: "Figures", Value: listValue(lines, more)})
	}
	if rel := relatedNames(b, f); rel != "" {
		e.Fields = append(e.Fields, Field{Name: "Related", Value: rel})
	}
	if differ := differences(shown); differ != "" {
		e.Fields = append(e.Fields, Field{Name: "Sources differ", Value: differ})
	}
	e.Footer = sourcesFooter(b, shown)
	return fit(e)
}

// datedLine renders a dated fact as "20 November 2015 — Gunmen stormed…",
// dropping a leading "On 20 November 2015" that would repeat the date.
func datedLine(f *facts.Fact, limit int) string {
	date := f.When.String()
	s := f.Statement
	for _, p := range []string{"On " + date + ", ", "On " + date + " ", "In " + date + ", ", "In " + date + " "} {
		if rest, ok := strings.CutPrefix(s, p); ok && rest != "" {
			r, n := utf8.DecodeRuneInString(rest)
			s = strings.ToUpper(string(r)) + rest[n:]
			break
		}
	}
	return date + " — " + facts.Truncate(s, limit)
}

// figureLine renders a figure as "1,000–2,000 fighters — JNIM fighters
// (as of September 2018)".
func figureLine(f *facts.Fact) string {
	s := formatValue(f) + " — " + f.Measures
	if !f.Asof.IsZero() {
		s += " (as of " + f.Asof.String() + ")"
	}
	return s
}

// formatValue renders a figure's value or range with its unit: "476,000
// people", "39.9%", "$5,000,000", "1,000–2,000 fighters".
func formatValue(f *facts.Fact) string {
	if f.Value == nil {
		return "?"
	}
	n := formatNumber(*f.Value)
	if f.ValueMax != nil && *f.ValueMax != *f.Value {
		n += "–" + formatNumber(*f.ValueMax)
	}
	return withUnit(n, f.Unit)
}

func withUnit(n, unit string) string {
	switch strings.ToLower(unit) {
	case "percent", "%":
		return n + "%"
	case "usd":
		return "$" + n
	case "gbp":
		return "£" + n
	case "eur":
		return "€" + n
	case "rank":
		return "rank " + n
	case "":
		return n
	}
	return n + " " + unit
}

// formatNumber renders v with thousands separators and at most two
// decimals: 476000 → "476,000", 39.9 → "39.9".
func formatNumber(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	out := b.String()
	if frac != "" {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

// relatedNames lists the entities f is related to or about, by name.
func relatedNames(b *facts.Base, f *facts.Fact) string {
	var names []string
	seen := map[string]bool{f.ID: true}
	for _, id := range append(append([]string{}, f.About...), f.Related...) {
		g := b.ByID(id)
		if g == nil || seen[id] || !g.Kind.IsEntity() {
			continue
		}
		seen[id] = true
		names = append(names, g.Name)
	}
	return clip(strings.Join(names, ", "), MaxFieldValue)
}

// differences is the conflict notes of the facts that have them, one a
// line, or "".
func differences(shown []*facts.Fact) string {
	var notes []string
	seen := map[string]bool{}  // notes given
	noted := map[string]bool{} // facts whose disagreement is told
	for _, f := range shown {
		if len(f.ConflictsWith) == 0 || f.ConflictNote == "" || seen[f.ConflictNote] || noted[f.ID] {
			continue
		}
		seen[f.ConflictNote] = true
		noted[f.ID] = true
		for _, id := range f.ConflictsWith {
			noted[id] = true // its side is usually the same note, mirrored
		}
		notes = append(notes, upperFirst(f.ConflictNote))
	}
	return listValue(notes, "")
}

// sourcesFooter cites the facts shown on a card, as "Source: …" or
// "Sources: …" (see citeAll), or "".
func sourcesFooter(b *facts.Base, shown []*facts.Fact) string {
	c := citeAll(b, shown)
	switch {
	case c == "":
		return ""
	case strings.Contains(c, "; "):
		return clip("Sources: "+c, MaxFooter)
	}
	return clip("Source: "+c, MaxFooter)
}

// citeAll cites facts: one source in full, with its section ("Counter
// Extremism Project, \"Military Endeavors\", line 74"); several grouped by
// document ("Counter Extremism Project, lines 9, 21; BBC News, line 13").
func citeAll(b *facts.Base, shown []*facts.Fact) string {
	lines := map[string]map[int]bool{}
	var only *facts.Fact
	n := 0
	for _, f := range shown {
		for _, s := range f.Sources {
			if lines[s.Doc] == nil {
				lines[s.Doc] = map[int]bool{}
			}
			if !lines[s.Doc][s.Line] {
				lines[s.Doc][s.Line] = true
				n++
				only = f
			}
		}
	}
	if n == 1 && len(only.Sources) == 1 {
		return b.Cite(only)
	}
	var parts []string
	for _, d := range b.Docs {
		set := lines[d.ID]
		if len(set) == 0 {
			continue
		}
		nums := make([]int, 0, len(set))
		for n := range set {
			nums = append(nums, n)
		}
		sort.Ints(nums)
		strs := make([]string, len(nums))
		for i, n := range nums {
			strs[i] = strconv.Itoa(n)
		}
		word := "line "
		if len(nums) > 1 {
			word = "lines "
		}
		parts = append(parts, d.Short+", "+word+strings.Join(strs, ", "))
	}
	return strings.Join(parts, "; ")
}

// listValue joins lines into a field value of at most MaxFieldValue
// characters, dropping whole lines that do not fit and ending with more.
func listValue(lines []string, more string) string {
	var b strings.Builder
	budget := MaxFieldValue - utf8.RuneCountInString(more) - 1
	for i, l := range lines {
		l = clip(l, MaxFieldValue)
		if b.Len() > 0 && utf8.RuneCountInString(b.String())+1+utf8.RuneCountInString(l) > budget {
			more = fmt.Sprintf("… and %d more", len(lines)-i)
			break
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l)
	}
	if more != "" {
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(more)
	}
	return clip(b.String(), MaxFieldValue)
}

// choices turns facts into autocomplete choices: their caption shown,
// their id as the value.
func choices(list []*facts.Fact) []Choice {
	out := []Choice{}
	for _, f := range list {
		if len(out) == MaxChoices {
			break
		}
		if len(f.ID) > MaxChoiceLen {
			continue
		}
		out = append(out, Choice{Name: facts.Caption(f, MaxChoiceLen), Value: f.ID})
	}
	return out
}

// didYouMean answers a name that matches no entity of the kinds with
// "did you mean" buttons that ask about the nearest entities.
func didYouMean(b *facts.Base, typed string, kinds []facts.Kind) Response {
	var near []*facts.Fact
	if f := b.Named(typed); f != nil { // the right name under another command
		near = append(near, f)
	}
	// the command's own kinds first, then any entity
	for _, f := range append(b.Complete(typed, suggestionCount, kinds...), b.Complete(typed, suggestionCount)...) {
		if len(near) < suggestionCount && !slices.Contains(near, f) {
			near = append(near, f)
		}
	}
	what := kindWords(kinds)
	if len(near) == 0 {
		return Response{Content: fmt.Sprintf("I know no %s called %s.", what, echo(typed)), Ephemeral: true, Unsure: true}
	}
	r := Response{Content: fmt.Sprintf("I know no %s called %s. Did you mean:", what, echo(typed)), Ephemeral: true, Unsure: true}
	for _, f := range near {
		r.Buttons = append(r.Buttons, Button{Label: facts.Caption(f, MaxButtonLabel), Command: "ask", ID: f.ID, Style: Secondary})
	}
	return r
}

// kindWords names kinds for a sentence: "group or people".
func kindWords(kinds []facts.Kind) string {
	if len(kinds) == 0 {
		return "entry"
	}
	words := make([]string, len(kinds))
	for i, k := range kinds {
		words[i] = string(k)
		if k == facts.KindOrg {
			words[i] = "organisation"
		}
	}
	return strings.Join(words, " or ")
}

var markdown = strings.NewReplacer(
	`\`, `\\`, "*", `\*`, "_", `\_`, "~", `\~`, "`", "\\`", "|", `\|`,
	">", `\>`, "#", `\#`, "[", `\[`, "]", `\]`, "@", "@\u200b", "<", `\<`,
)

// echo quotes user input safely: one line, at most 60 characters, with
// markdown and mentions defused.
func echo(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = facts.Truncate(strings.Join(strings.Fields(s), " "), 60)
	return "“" + markdown.Replace(s) + "”"
}

// clip cuts s to at most n characters, ending with "…" when cut.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return strings.ToUpper(string(r)) + s[n:]
}

// fit trims an embed to Discord's limits: each part to its own limit, at
// most 25 fields, and the whole to 6000 characters by dropping fields from
// the end.
func fit(e Embed) Embed {
	e.Title = clip(e.Title, MaxTitle)
	e.Description = clip(e.Description, MaxDescription)
	e.Footer = clip(e.Footer, MaxFooter)
	if len(e.Fields) > MaxFields {
		e.Fields = e.Fields[:MaxFields]
	}
	fields := make([]Field, 0, len(e.Fields))
	for _, f := range e.Fields {
		if strings.TrimSpace(f.Value) == "" {
			continue // Discord rejects an empty field
		}
		f.Name = clip(f.Name, MaxFieldName)
		f.Value = clip(f.Value, MaxFieldValue)
		fields = append(fields, f)
	}
	e.Fields = fields
	for embedSize(e) > MaxEmbedTotal && len(e.Fields) > 0 {
		e.Fields = e.Fields[:len(e.Fields)-1]
	}
	if n := embedSize(e); n > MaxEmbedTotal {
		e.Description = clip(e.Description, utf8.RuneCountInString(e.Description)-(n-MaxEmbedTotal))
	}
	return e
}

func embedSize(e Embed) int {
	n := utf8.RuneCountInString(e.Title) + utf8.RuneCountInString(e.Description) + utf8.RuneCountInString(e.Footer)
	for _, f := range e.Fields {
		n += utf8.RuneCountInString(f.Name) + utf8.RuneCountInString(f.Value)
	}
	return n
}

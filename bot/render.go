package bot

import (
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/malibot/malibot/handlers"
)

// Discord's limits. Every message the bot sends is built by render, so
// these are respected by construction; nothing else in the package builds
// message content.
const (
	maxContent       = handlers.MaxContent
	maxEmbeds        = handlers.MaxEmbeds
	maxTitle         = handlers.MaxTitle
	maxDescription   = handlers.MaxDescription
	maxFields        = handlers.MaxFields
	maxFieldName     = handlers.MaxFieldName
	maxFieldValue    = handlers.MaxFieldValue
	maxFooter        = handlers.MaxFooter
	maxEmbedTotal    = handlers.MaxEmbedTotal
	maxChoices       = handlers.MaxChoices
	maxChoiceText    = handlers.MaxChoiceLen
	maxButtonsPerRow = handlers.MaxButtonsPerRow
	maxRows          = handlers.MaxRows
	maxCustomID      = handlers.MaxCustomID
	maxLabel         = handlers.MaxButtonLabel
)

// ellipsis ends text that was cut.
const ellipsis = "…"

// blank stands in for a required text that is empty (a field name or value).
const blank = "\u200b"

// clip shortens s to at most n characters (runes), ending it with "…" when
// cut, at a word boundary when one is near, and closing a code block the
// cut left open.
func clip(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n == 1 {
		return ellipsis
	}
	out := cutWords(s, n-1) + ellipsis
	if strings.Count(out, "```")%2 == 1 && n > 8 {
		// The cut left a code block open: make room to close it.
		out = cutWords(s, n-5) + ellipsis
		if strings.Count(out, "```")%2 == 1 {
			out += "\n```"
		}
	}
	return out
}

// cutWords returns at most n runes of s, cut at a space when one is within
// the last fifth, without trailing space.
func cutWords(s string, n int) string {
	out := string([]rune(s)[:n])
	if i := strings.LastIndexAny(out, " \n\t"); i > 0 && utf8.RuneCountInString(out[:i]) > n*4/5 {
		out = out[:i]
	}
	return strings.TrimRight(out, " \n\t")
}

// noMentions is the allowed_mentions of every message the bot sends: an
// explicit empty parse list. (A nil *MessageAllowedMentions omits the field
// and Discord then parses everything; the zero struct's nil Parse encodes
// as null.)
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// message is a handlers.Response made fit for Discord.
type message struct {
	content    string
	embeds     []*discordgo.MessageEmbed
	components []discordgo.MessageComponent
	ephemeral  bool
}

// empty reports whether the message would show nothing.
func (m message) empty() bool {
	return strings.TrimSpace(m.content) == "" && len(m.embeds) == 0 && len(m.components) == 0
}

// flags are the message flags for an interaction response.
func (m message) flags() discordgo.MessageFlags {
	if m.ephemeral {
		return discordgo.MessageFlagsEphemeral
	}
	return 0
}

// render turns a response into a message within every limit.
func render(r handlers.Response) message {
	m := message{content: clip(strings.TrimSpace(r.Content), maxContent), ephemeral: r.Ephemeral}
	budget := maxEmbedTotal
	for _, e := range r.Embeds {
		if len(m.embeds) == maxEmbeds || budget <= 0 {
			break
		}
		if de := renderEmbed(e, &budget); de != nil {
			m.embeds = append(m.embeds, de)
		}
	}
	m.components = buttons(r.Buttons)
	return m
}

// take clips s to the smaller of limit and what is left of the budget.
func take(s string, limit int, budget *int) string {
	s = clip(strings.TrimSpace(s), min(limit, *budget))
	*budget -= utf8.RuneCountInString(s)
	return s
}

func renderEmbed(e handlers.Embed, budget *int) *discordgo.MessageEmbed {
	de := &discordgo.MessageEmbed{Color: e.Color}
	de.Title = take(e.Title, maxTitle, budget)
	// The footer (the source) matters more than the last words of a long
	// description: reserve its room first.
	footer := clip(strings.TrimSpace(e.Footer), min(maxFooter, *budget))
	*budget -= utf8.RuneCountInString(footer)
	de.Description = take(e.Description, maxDescription, budget)
	for _, f := range e.Fields {
		if len(de.Fields) == maxFields || *budget < 2 {
			break
		}
		name := take(f.Name, maxFieldName, budget)
		if name == "" {
			name = blank
			*budget--
		}
		value := take(f.Value, maxFieldValue, budget)
		if value == "" {
			if *budget < 1 {
				break
			}
			value = blank
			*budget--
		}
		de.Fields = append(de.Fields, &discordgo.MessageEmbedField{Name: name, Value: value, Inline: f.Inline})
	}
	if footer != "" {
		de.Footer = &discordgo.MessageEmbedFooter{Text: footer}
	}
	if de.Title == "" && de.Description == "" && len(de.Fields) == 0 && de.Footer == nil {
		return nil
	}
	return de
}

// buttons lays buttons out five to a row, at most five rows. A button whose
// custom id would be too long cannot be routed back and is left out.
func buttons(bs []handlers.Button) []discordgo.MessageComponent {
	var rows []discordgo.MessageComponent
	var row discordgo.ActionsRow
	seen := map[string]bool{}
	for _, b := range bs {
		id := b.CustomID()
		if utf8.RuneCountInString(id) > maxCustomID || b.Command == "" || seen[id] {
			continue
		}
		if len(row.Components) == maxButtonsPerRow {
			rows = append(rows, row)
			row = discordgo.ActionsRow{}
		}
		if len(rows) == maxRows {
			break
		}
		seen[id] = true
		label := clip(strings.TrimSpace(b.Label), maxLabel)
		if label == "" {
			label = ellipsis
		}
		style := discordgo.PrimaryButton
		if b.Style == handlers.Secondary {
			style = discordgo.SecondaryButton
		}
		row.Components = append(row.Components, discordgo.Button{Label: label, Style: style, CustomID: id, Disabled: b.Disabled})
	}
	if len(row.Components) > 0 && len(rows) < maxRows {
		rows = append(rows, row)
	}
	return rows
}

// choices converts autocomplete choices, at most 25, names and values
// within 100 characters; a value that would be cut is left out, since a
// cut value would not name what the user picked.
func choices(cs []handlers.Choice) []*discordgo.ApplicationCommandOptionChoice {
	out := []*discordgo.ApplicationCommandOptionChoice{}
	for _, c := range cs {
		if len(out) == maxChoices {
			break
		}
		name := clip(strings.TrimSpace(c.Name), maxChoiceText)
		if name == "" || utf8.RuneCountInString(c.Value) > maxChoiceText {
			continue
		}
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: name, Value: c.Value})
	}
	return out
}

// interactionData is the data of an interaction response carrying m.
func (m message) interactionData() *discordgo.InteractionResponseData {
	return &discordgo.InteractionResponseData{
		Content:         m.content,
		Embeds:          m.embeds,
		Components:      m.componentsOrEmpty(),
		Flags:           m.flags(),
		AllowedMentions: noMentions(),
	}
}

// componentsOrEmpty is never nil, so that a message replacing another
// clears the old one's buttons.
func (m message) componentsOrEmpty() []discordgo.MessageComponent {
	if m.components == nil {
		return []discordgo.MessageComponent{}
	}
	return m.components
}

// webhookEdit is an edit of an interaction's response to carry m.
func (m message) webhookEdit() *discordgo.WebhookEdit {
	content := m.content
	embeds := m.embeds
	if embeds == nil {
		embeds = []*discordgo.MessageEmbed{}
	}
	components := m.componentsOrEmpty()
	return &discordgo.WebhookEdit{
		Content:         &content,
		Embeds:          &embeds,
		Components:      &components,
		AllowedMentions: noMentions(),
	}
}

// messageSend is a reply to message ref in its channel.
func (m message) messageSend(ref *discordgo.MessageReference) *discordgo.MessageSend {
	return &discordgo.MessageSend{
		Content:         m.content,
		Embeds:          m.embeds,
		Components:      m.components,
		Reference:       ref,
		AllowedMentions: noMentions(),
	}
}

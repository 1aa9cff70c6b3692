package discordtest

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Sent is a message as the bot sent it: the body of a channel message, a
// webhook edit or followup, or the data of an interaction callback.
type Sent struct {
	Content         string           `json:"content"`
	Embeds          []Embed          `json:"embeds"`
	Components      []Row            `json:"components"`
	Flags           int              `json:"flags"`
	Choices         []Choice         `json:"choices"`
	AllowedMentions *AllowedMentions `json:"allowed_mentions"`
	Reference       *struct {
		MessageID string `json:"message_id"`
	} `json:"message_reference"`
}

// AllowedMentions is the allowed_mentions object of a message.
type AllowedMentions struct {
	Parse       []string `json:"parse"`
	Roles       []string `json:"roles"`
	Users       []string `json:"users"`
	RepliedUser bool     `json:"replied_user"`
}

// Embed is a rich embed as sent.
type Embed struct {
	Title       string  `json:"title"`
	Description string  `json:"description"`
	Color       int     `json:"color"`
	Fields      []Field `json:"fields"`
	Footer      *struct {
		Text string `json:"text"`
	} `json:"footer"`
	Author *struct {
		Name string `json:"name"`
	} `json:"author"`
}

// Field is one field of an Embed.
type Field struct {
	Name   string `json:"name"`
	Value  string `json:"value"`
	Inline bool   `json:"inline"`
}

// Row is an action row of components.
type Row struct {
	Type       int      `json:"type"`
	Components []Button `json:"components"`
}

// Button is a button component.
type Button struct {
	Type     int    `json:"type"`
	Label    string `json:"label"`
	Style    int    `json:"style"`
	CustomID string `json:"custom_id"`
	URL      string `json:"url"`
	Disabled bool   `json:"disabled"`
}

// Choice is an autocomplete choice.
type Choice struct {
	Name  string `json:"name"`
	Value any    `json:"value"`
}

// Ephemeral is the flag of a message only its caller sees.
const Ephemeral = 1 << 6

// Callback is the body of an interaction callback.
type Callback struct {
	Type int  `json:"type"`
	Data Sent `json:"data"`
}

// Callback decodes the request as an interaction callback.
func (r Request) Callback() (Callback, error) {
	var cb Callback
	err := json.Unmarshal(r.Body, &cb)
	return cb, err
}

// Sent decodes the request's message: the data of a callback, or the body
// of a message or webhook request.
func (r Request) Sent() (Sent, error) {
	if strings.HasSuffix(r.Path, "/callback") {
		cb, err := r.Callback()
		return cb.Data, err
	}
	var m Sent
	err := json.Unmarshal(r.Body, &m)
	return m, err
}

// IsSend reports whether the request posts or edits a message the way a
// user would see it.
func (r Request) IsSend() bool {
	switch {
	case strings.HasSuffix(r.Path, "/callback"):
		cb, err := r.Callback()
		return err == nil && (cb.Type == CallbackMessage || cb.Type == CallbackUpdate)
	case r.Method == "POST" && strings.HasSuffix(r.Path, "/messages"),
		r.Method == "PATCH" && strings.Contains(r.Path, "/webhooks/"),
		r.Method == "POST" && strings.Contains(r.Path, "/webhooks/"):
		return true
	}
	return false
}

// Text is everything a user reads in the message, for assertions.
func (m Sent) Text() string {
	var b strings.Builder
	b.WriteString(m.Content)
	for _, e := range m.Embeds {
		b.WriteString("\n" + e.Title + "\n" + e.Description)
		for _, f := range e.Fields {
			b.WriteString("\n" + f.Name + ": " + f.Value)
		}
		if e.Footer != nil {
			b.WriteString("\n" + e.Footer.Text)
		}
	}
	for _, row := range m.Components {
		for _, c := range row.Components {
			b.WriteString("\n[" + c.Label + "]")
		}
	}
	return b.String()
}

func runes(s string) int { return utf8.RuneCountInString(s) }

// checkMessage returns what Discord would refuse in a message body, and
// whether it breaks the bot's rule that nobody is ever pinged; "" when the
// message is fine. A new message (not an edit) must say something.
func (s *Server) checkMessage(body []byte, create bool) string {
	var m Sent
	if err := json.Unmarshal(body, &m); err != nil {
		return fmt.Sprintf("body: %v", err)
	}
	if m.AllowedMentions == nil || m.AllowedMentions.Parse == nil || len(m.AllowedMentions.Parse) != 0 ||
		len(m.AllowedMentions.Roles) != 0 || len(m.AllowedMentions.Users) != 0 || m.AllowedMentions.RepliedUser {
		return fmt.Sprintf("allowed_mentions must be {\"parse\":[]}, body %s", body)
	}
	if !utf8.ValidString(string(body)) {
		return "body is not valid UTF-8"
	}
	if n := runes(m.Content); n > 2000 {
		return fmt.Sprintf("content of %d characters", n)
	}
	if create && strings.TrimSpace(m.Content) == "" && len(m.Embeds) == 0 && len(m.Components) == 0 {
		return "empty message"
	}
	if len(m.Embeds) > 10 {
		return fmt.Sprintf("%d embeds", len(m.Embeds))
	}
	total := 0
	for i, e := range m.Embeds {
		if n := runes(e.Title); n > 256 {
			return fmt.Sprintf("embed %d: title of %d characters", i, n)
		}
		if n := runes(e.Description); n > 4096 {
			return fmt.Sprintf("embed %d: description of %d characters", i, n)
		}
		if len(e.Fields) > 25 {
			return fmt.Sprintf("embed %d: %d fields", i, len(e.Fields))
		}
		total += runes(e.Title) + runes(e.Description)
		for j, f := range e.Fields {
			if n := runes(f.Name); n < 1 || n > 256 {
				return fmt.Sprintf("embed %d field %d: name of %d characters", i, j, n)
			}
			if n := runes(f.Value); n < 1 || n > 1024 {
				return fmt.Sprintf("embed %d field %d: value of %d characters", i, j, n)
			}
			total += runes(f.Name) + runes(f.Value)
		}
		if e.Footer != nil {
			if n := runes(e.Footer.Text); n > 2048 {
				return fmt.Sprintf("embed %d: footer of %d characters", i, n)
			}
			total += runes(e.Footer.Text)
		}
		if e.Author != nil {
			total += runes(e.Author.Name)
		}
	}
	if total > 6000 {
		return fmt.Sprintf("embeds of %d characters in total", total)
	}
	if len(m.Components) > 5 {
		return fmt.Sprintf("%d action rows", len(m.Components))
	}
	ids := map[string]bool{}
	for i, row := range m.Components {
		if row.Type != 1 {
			return fmt.Sprintf("row %d: type %d, want 1", i, row.Type)
		}
		if n := len(row.Components); n < 1 || n > 5 {
			return fmt.Sprintf("row %d: %d components", i, n)
		}
		for _, c := range row.Components {
			if c.Type != 2 {
				return fmt.Sprintf("row %d: component type %d, want a button", i, c.Type)
			}
			if n := runes(c.Label); n > 80 {
				return fmt.Sprintf("button label of %d characters", n)
			}
			if c.URL != "" {
				continue
			}
			if n := runes(c.CustomID); n < 1 || n > 100 {
				return fmt.Sprintf("button custom_id of %d characters", n)
			}
			if ids[c.CustomID] {
				return fmt.Sprintf("duplicate custom_id %q", c.CustomID)
			}
			ids[c.CustomID] = true
		}
	}
	return ""
}

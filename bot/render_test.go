package bot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/malibot/malibot/handlers"
)

func TestClip(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly", 7, "exactly"},
		{"abcdefghij", 5, "abcd…"},
		{"héllo wörld ünïcode", 8, "héllo w…"},
		{"日本語のテキスト", 4, "日本語…"},
		{"👍👍👍👍", 2, "👍…"},
		{"abc", 1, "…"},
		{"abc", 0, ""},
		{"one two three four five six", 14, "one two three…"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got := clip(tt.in, tt.n)
			if got != tt.want {
				t.Errorf("clip(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
			}
			if !utf8.ValidString(got) || utf8.RuneCountInString(got) > tt.n {
				t.Errorf("clip(%q, %d) = %q: invalid or too long", tt.in, tt.n, got)
			}
		})
	}
	code := "look:\n```go\n" + strings.Repeat("x := 1\n", 100) + "```"
	got := clip(code, 60)
	if utf8.RuneCountInString(got) > 60 || strings.Count(got, "```")%2 != 0 {
		t.Errorf("clip of a code block = %q: too long or left open", got)
	}
}

// huge is a response breaking every limit.
func huge() handlers.Response {
	long := strings.Repeat("Mali ", 3000)
	r := handlers.Response{Content: long + "é"}
	for i := 0; i < 12; i++ {
		e := handlers.Embed{Title: long, Description: long, Footer: long}
		for j := 0; j < 30; j++ {
			e.Fields = append(e.Fields, handlers.Field{Name: long, Value: long})
		}
		e.Fields = append(e.Fields, handlers.Field{})
		r.Embeds = append(r.Embeds, e)
	}
	for i := 0; i < 40; i++ {
		r.Buttons = append(r.Buttons, handlers.Button{Label: long, Command: "ask", ID: fmt.Sprint(i)})
	}
	r.Buttons = append(r.Buttons, handlers.Button{Label: "too long", Command: "ask", ID: strings.Repeat("x", 100)})
	return r
}

func TestRenderLimits(t *testing.T) {
	t.Parallel()
	m := render(huge())
	if n := utf8.RuneCountInString(m.content); n > maxContent {
		t.Errorf("content %d", n)
	}
	if len(m.embeds) > maxEmbeds {
		t.Errorf("%d embeds", len(m.embeds))
	}
	total := 0
	for _, e := range m.embeds {
		if utf8.RuneCountInString(e.Title) > maxTitle || utf8.RuneCountInString(e.Description) > maxDescription || len(e.Fields) > maxFields {
			t.Errorf("embed over a limit: title %d description %d fields %d", utf8.RuneCountInString(e.Title), utf8.RuneCountInString(e.Description), len(e.Fields))
		}
		total += utf8.RuneCountInString(e.Title) + utf8.RuneCountInString(e.Description)
		for _, f := range e.Fields {
			if n := utf8.RuneCountInString(f.Name); n < 1 || n > maxFieldName {
				t.Errorf("field name %d", n)
			}
			if n := utf8.RuneCountInString(f.Value); n < 1 || n > maxFieldValue {
				t.Errorf("field value %d", n)
			}
			total += utf8.RuneCountInString(f.Name) + utf8.RuneCountInString(f.Value)
		}
		if e.Footer != nil {
			if n := utf8.RuneCountInString(e.Footer.Text); n > maxFooter {
				t.Errorf("footer %d", n)
			}
			total += utf8.RuneCountInString(e.Footer.Text)
		}
	}
	if total > maxEmbedTotal {
		t.Errorf("embeds total %d", total)
	}
	if len(m.embeds) == 0 || m.embeds[0].Footer == nil {
		t.Errorf("the first embed lost its footer (the source)")
	}
	if len(m.components) > maxRows {
		t.Errorf("%d rows", len(m.components))
	}
	for _, c := range m.components {
		row := c.(discordgo.ActionsRow)
		if len(row.Components) > maxButtonsPerRow {
			t.Errorf("%d buttons in a row", len(row.Components))
		}
		for _, b := range row.Components {
			btn := b.(discordgo.Button)
			if utf8.RuneCountInString(btn.Label) > maxLabel || len(btn.CustomID) > maxCustomID {
				t.Errorf("button %q %q", btn.Label, btn.CustomID)
			}
		}
	}
}

func TestRenderLaysOutButtons(t *testing.T) {
	t.Parallel()
	tests := []struct{ n, rows int }{{0, 0}, {1, 1}, {5, 1}, {6, 2}, {25, 5}, {26, 5}}
	for _, tt := range tests {
		var bs []handlers.Button
		for i := 0; i < tt.n; i++ {
			bs = append(bs, handlers.Button{Label: fmt.Sprint(i), Command: "ask", ID: fmt.Sprint(i)})
		}
		if got := len(render(handlers.Response{Content: "x", Buttons: bs}).components); got != tt.rows {
			t.Errorf("%d buttons: %d rows, want %d", tt.n, got, tt.rows)
		}
	}
}

func TestChoicesLimits(t *testing.T) {
	t.Parallel()
	var cs []handlers.Choice
	for i := 0; i < 40; i++ {
		cs = append(cs, handlers.Choice{Name: strings.Repeat("n", 150), Value: fmt.Sprint(i)})
	}
	cs = append([]handlers.Choice{{Name: "", Value: "x"}, {Name: "v", Value: strings.Repeat("v", 101)}}, cs...)
	got := choices(cs)
	if len(got) != maxChoices {
		t.Errorf("%d choices", len(got))
	}
	for _, c := range got {
		if n := utf8.RuneCountInString(c.Name); n < 1 || n > maxChoiceText {
			t.Errorf("choice name %d", n)
		}
	}
	if got := choices(nil); got == nil {
		t.Errorf("no choices must encode as [], not null")
	}
}

func TestEverySendHasNoMentions(t *testing.T) {
	t.Parallel()
	m := render(handlers.Response{Content: "@everyone"})
	for _, v := range []any{m.interactionData(), m.webhookEdit(), m.messageSend(nil)} {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte(`"allowed_mentions":{"parse":[]`)) {
			t.Errorf("%T: %s", v, b)
		}
	}
}

func TestTokenIsRedacted(t *testing.T) {
	t.Parallel()
	const secret = "MTIz.secret-token"
	cfg := Config{Token: Token(secret), GuildID: "1"}
	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("config", "token", cfg.Token, "cfg", cfg)
	slog.New(slog.NewTextHandler(&logs, nil)).Info("config", "token", cfg.Token, "cfg", cfg)
	for _, s := range []string{fmt.Sprint(cfg), fmt.Sprintf("%+v %#v %s %q %v", cfg, cfg, cfg.Token, cfg.Token, cfg.Token), logs.String()} {
		if strings.Contains(s, "secret") {
			t.Errorf("token leaked: %s", s)
		}
	}
	if got := Token(" Bot abc\n").secret(); got != "Bot abc" {
		t.Errorf("secret = %q", got)
	}
}

func TestAPIBase(t *testing.T) {
	t.Parallel()
	for _, bad := range []string{"discord.com", "ftp://x", "http://", "http://h/?q=1", "://"} {
		if _, err := parseAPIBase(bad); err == nil {
			t.Errorf("parseAPIBase(%q): no error", bad)
		}
	}
	for _, good := range []string{"https://discord.com", "http://127.0.0.1:8080", "http://proxy/discord/"} {
		if _, err := parseAPIBase(good); err != nil {
			t.Errorf("parseAPIBase(%q): %v", good, err)
		}
	}
}

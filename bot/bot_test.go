package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/malibot/malibot/bot/discordtest"
	"github.com/malibot/malibot/bot/store"
	"github.com/malibot/malibot/handlers"
)

func TestConnectAndRegister(t *testing.T) {
	t.Parallel()
	cmds := allCommands(t)
	h := start(t, cmds, nil)

	hello := h.fake.WaitFrame(discordtest.OpIdentify, 1)
	var id struct {
		Token   string `json:"token"`
		Intents int64  `json:"intents"`
	}
	if err := json.Unmarshal(hello.Data, &id); err != nil {
		t.Fatal(err)
	}
	if id.Token != "Bot "+h.fake.Token {
		t.Errorf("identified with another token")
	}
	if id.Intents&int64(contentIntent) == 0 || id.Intents&int64(baseIntents) != int64(baseIntents) {
		t.Errorf("intents %b, want guilds, guild messages, DMs and message content", id.Intents)
	}

	path := "/api/v9/applications/" + h.fake.BotID + "/guilds/" + discordtest.DefaultGuildID + "/commands"
	var puts []discordtest.Request
	for _, r := range h.fake.Requests() {
		if r.Method == "PUT" {
			puts = append(puts, r)
		}
	}
	if len(puts) != 1 || puts[0].Path != path {
		t.Fatalf("bulk overwrites %+v, want one PUT %s", puts, path)
	}
	var got []struct {
		Name        string `json:"name"`
		Description string `json:"description"`
		Perms       string `json:"default_member_permissions"`
		Options     []struct {
			Name     string `json:"name"`
			Type     int    `json:"type"`
			Required bool   `json:"required"`
		} `json:"options"`
	}
	if err := json.Unmarshal(puts[0].Body, &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(cmds) {
		t.Fatalf("registered %d commands, want %d", len(got), len(cmds))
	}
	for i, c := range cmds {
		g := got[i]
		if g.Name != c.Name || g.Description != c.Description {
			t.Errorf("command %d: %s %q, want %s %q", i, g.Name, g.Description, c.Name, c.Description)
		}
		if c.Admin != (g.Perms == "32") {
			t.Errorf("/%s: default_member_permissions %q with Admin %v", c.Name, g.Perms, c.Admin)
		}
		optional := false
		for _, o := range g.Options {
			if o.Type != discordtest.OptionSubcommand && !o.Required {
				optional = true
			} else if o.Required && optional {
				t.Errorf("/%s: required option %s after an optional one", c.Name, o.Name)
			}
		}
	}
}

// sensible gives an option a value a user might type.
var sensible = map[string]any{
	"question": "who leads JNIM?",
	"date":     "11-20",
	"time":     "08:00",
	"timezone": "Europe/Paris",
	"from":     2012,
	"to":       2015,
	"answers":  "on",
}

// options builds sensible options for a command's definition: a value
// typed, the first choice, or the first autocomplete suggestion.
func options(t *testing.T, c handlers.Command, defs []handlers.Option) []discordtest.Option {
	var out []discordtest.Option
	for _, o := range defs {
		var v any
		typ := discordtest.OptionString
		switch {
		case sensible[o.Name] != nil:
			v = sensible[o.Name]
		case len(o.Choices) > 0:
			v = o.Choices[0].Value
		case o.Autocomplete:
			cs := c.Complete(handlers.Request{Kind: handlers.KindAutocomplete, Command: c.Name, Focused: o.Name, Options: map[string]string{o.Name: ""}})
			if len(cs) == 0 {
				t.Fatalf("/%s %s: no autocomplete choices", c.Name, o.Name)
			}
			v = cs[0].Value
		case o.Type == handlers.Channel:
			v = "4000000000000000004"
		case o.Type == handlers.Integer:
			v = 1
		case o.Type == handlers.Boolean:
			v = true
		case !o.Required:
			continue
		default:
			v = "mali"
		}
		switch o.Type {
		case handlers.Integer:
			typ = discordtest.OptionInteger
		case handlers.Boolean:
			typ = discordtest.OptionBoolean
		case handlers.Channel:
			typ = discordtest.OptionChannel
		}
		out = append(out, discordtest.Option{Name: o.Name, Type: typ, Value: v})
	}
	return out
}

func TestEveryCommand(t *testing.T) {
	t.Parallel()
	cmds := allCommands(t)
	h := start(t, cmds, nil)
	for _, c := range cmds {
		var cases [][]discordtest.Option
		if len(c.Subcommands) == 0 {
			cases = append(cases, options(t, c, c.Options))
		}
		for _, s := range c.Subcommands {
			cases = append(cases, []discordtest.Option{{Name: s.Name, Type: discordtest.OptionSubcommand, Options: options(t, c, s.Options)}})
		}
		for _, opts := range cases {
			t.Run(c.Name, func(t *testing.T) {
				in, typ, m := h.reply(discordtest.Interaction{Name: c.Name, Options: opts,
					Permissions: discordtest.PermMember | discordtest.PermManageGuild})
				if typ != discordtest.CallbackMessage && typ != discordtest.CallbackDeferredMessage {
					t.Errorf("callback type %d", typ)
				}
				text := m.Text()
				if strings.TrimSpace(text) == "" {
					t.Errorf("/%s %v: empty reply", c.Name, in.Options)
				}
				if strings.Contains(text, apology) {
					t.Errorf("/%s %v: apology: %s", c.Name, in.Options, h.logs)
				}
			})
		}
	}
}

func TestAsk(t *testing.T) {
	t.Parallel()
	h := start(t, allCommands(t), nil)
	_, _, m := h.reply(discordtest.Interaction{Name: "ask", Options: []discordtest.Option{{Name: "question", Type: discordtest.OptionString, Value: "who leads JNIM?"}}})
	if len(m.Embeds) != 1 || !strings.Contains(m.Embeds[0].Description, "Iyad Ag Ghaly") {
		t.Errorf("embeds %+v, want the answer about Iyad Ag Ghaly", m.Embeds)
	}
	if f := m.Embeds[0].Footer; f == nil || !strings.HasPrefix(f.Text, "Source") {
		t.Errorf("footer %+v, want the source", f)
	}
	if m.Flags&discordtest.Ephemeral != 0 {
		t.Errorf("an answer is ephemeral")
	}

	_, _, m = h.reply(discordtest.Interaction{Name: "ask", Options: []discordtest.Option{{Name: "question", Type: discordtest.OptionString, Value: "   "}}})
	if m.Flags&discordtest.Ephemeral == 0 || m.Content == "" {
		t.Errorf("empty question: %+v, want an ephemeral hint", m)
	}
}

func TestUnknownCommandAndOptions(t *testing.T) {
	t.Parallel()
	h := start(t, allCommands(t), nil)
	_, _, m := h.reply(discordtest.Interaction{Name: "weather"})
	if m.Flags&discordtest.Ephemeral == 0 || !strings.Contains(m.Content, "/weather") {
		t.Errorf("stale command: %+v", m)
	}
	_, _, m = h.reply(discordtest.Interaction{Name: "ask", Options: []discordtest.Option{
		{Name: "question", Type: discordtest.OptionString, Value: "who leads JNIM?"},
		{Name: "verbose", Type: discordtest.OptionBoolean, Value: true},
	}})
	if len(m.Embeds) == 0 {
		t.Errorf("unknown option: %+v, want the answer anyway", m)
	}
}

func TestAutocomplete(t *testing.T) {
	t.Parallel()
	cmds := allCommands(t)
	h := start(t, cmds, nil)
	for _, c := range cmds {
		for _, o := range c.Options {
			if !o.Autocomplete {
				continue
			}
			for _, typed := range []string{"", "ba", "jnm", strings.Repeat("z", 200), "<@everyone>"} {
				t.Run(c.Name+"/"+o.Name+"/"+typed, func(t *testing.T) {
					in := h.fake.Interact(discordtest.Interaction{Type: discordtest.InteractionAutocomplete, Name: c.Name,
						Options: []discordtest.Option{{Name: o.Name, Type: discordtest.OptionString, Value: typed, Focused: true}}})
					cb := h.fake.Callback(in)
					if cb.Type != discordtest.CallbackAutocomplete {
						t.Fatalf("callback type %d", cb.Type)
					}
					if cb.Data.Choices == nil || len(cb.Data.Choices) > 25 {
						t.Errorf("%d choices (nil %v)", len(cb.Data.Choices), cb.Data.Choices == nil)
					}
					if typed == "" && len(cb.Data.Choices) == 0 {
						t.Errorf("nothing typed: no choices, want a list to pick from")
					}
				})
			}
		}
	}
	// A command without Complete, and an unknown one, answer with no choices.
	for _, name := range []string{"ask", "nothing"} {
		in := h.fake.Interact(discordtest.Interaction{Type: discordtest.InteractionAutocomplete, Name: name,
			Options: []discordtest.Option{{Name: "question", Type: discordtest.OptionString, Value: "x", Focused: true}}})
		if cb := h.fake.Callback(in); cb.Type != discordtest.CallbackAutocomplete || len(cb.Data.Choices) != 0 {
			t.Errorf("/%s: %+v", name, cb)
		}
	}
}

func TestButtons(t *testing.T) {
	t.Parallel()
	cmds := allCommands(t)
	b := base(t)
	var id string
	for _, f := range b.Dated() {
		id = f.ID
		break
	}
	h := start(t, cmds, nil)
	tests := []struct {
		name     string
		customID string
		want     string // in the reply
		hidden   bool
	}{
		{"did you mean", "ask:" + id, strings.Fields(b.ByID(id).Statement)[0], false},
		{"stale fact", "ask:no-such-fact", "older version", true},
		{"unknown command", "weather:1", "older version", true},
		{"no colon", "garbage", "older version", true},
		{"empty", ":", "older version", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, m := h.reply(discordtest.Interaction{Type: discordtest.InteractionComponent, CustomID: tt.customID})
			if !strings.Contains(m.Text(), tt.want) {
				t.Errorf("reply %q, want %q", m.Text(), tt.want)
			}
			if hidden := m.Flags&discordtest.Ephemeral != 0; hidden != tt.hidden {
				t.Errorf("ephemeral %v, want %v", hidden, tt.hidden)
			}
		})
	}
}

func TestPageButtonReplacesMessage(t *testing.T) {
	t.Parallel()
	pager := handlers.Command{Name: "pages", Description: "Pages", Handle: func(r handlers.Request) handlers.Response {
		n := 1
		if r.Kind == handlers.KindButton {
			fmt.Sscan(r.Button, &n)
		}
		return handlers.Response{Content: fmt.Sprintf("page %d", n), Replace: r.Kind == handlers.KindButton,
			Buttons: []handlers.Button{{Label: "Next", Command: "pages", ID: fmt.Sprint(n + 1)}}}
	}}
	h := start(t, []handlers.Command{pager}, nil)
	_, typ, m := h.reply(discordtest.Interaction{Name: "pages"})
	if typ != discordtest.CallbackMessage || m.Content != "page 1" || len(m.Components) != 1 {
		t.Fatalf("first page: %d %+v", typ, m)
	}
	_, typ, m = h.reply(discordtest.Interaction{Type: discordtest.InteractionComponent, CustomID: m.Components[0].Components[0].CustomID})
	if typ != discordtest.CallbackUpdate || m.Content != "page 2" {
		t.Errorf("next page: %d %+v, want an update to page 2", typ, m)
	}
}

func TestMessages(t *testing.T) {
	t.Parallel()
	h := start(t, allCommands(t), nil)
	me := h.fake.Bot()
	at := discordtest.Mention(me)
	zw := "\u200b\u200c\u200d\u2060\ufeff"
	long := at + " who leads JNIM? " + strings.Repeat("and also what about that ", 400)
	tests := []struct {
		name string
		msg  discordtest.Message
		want string // in the reply
	}{
		{"mention", discordtest.Message{Content: at + " who leads JNIM?", Mentions: []discordtest.User{me}}, "Iyad Ag Ghaly"},
		{"nickname mention", discordtest.Message{Content: "<@!" + me.ID + "> who leads JNIM?", Mentions: []discordtest.User{me}}, "Iyad Ag Ghaly"},
		{"everyone", discordtest.Message{Content: "@everyone " + at + " who leads JNIM? @here", Mentions: []discordtest.User{me}, MentionEveryone: true}, "Iyad"},
		{"roles", discordtest.Message{Content: at + " <@&123456789012345678> who leads JNIM? <@&1>", Mentions: []discordtest.User{me}, MentionRoles: []string{"123456789012345678", "1"}}, "Iyad"},
		{"code block", discordtest.Message{Content: at + " ```\n@everyone\n``` who leads JNIM? `<@&1>` **bold** ||spoiler||", Mentions: []discordtest.User{me}}, ""},
		{"zero width", discordtest.Message{Content: at + " who" + zw + " leads J" + zw + "NIM?", Mentions: []discordtest.User{me}}, ""},
		{"10k characters", discordtest.Message{Content: long, Mentions: []discordtest.User{me}}, ""},
		{"only mentions", discordtest.Message{Content: at + " " + at + " <@&1> @everyone", Mentions: []discordtest.User{me}, MentionEveryone: true}, ""},
		{"reply to the bot", discordtest.Message{Content: "and who leads JNIM?", ReplyTo: &discordtest.Message{ID: "42", Author: me}}, "Iyad"},
		{"direct message", discordtest.Message{DM: true, Content: "who leads JNIM?"}, "Iyad"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := h.fake.Send(tt.msg)
			r := h.fake.Reply(m)
			if strings.TrimSpace(r.Text()) == "" {
				t.Fatalf("empty reply")
			}
			if !strings.Contains(r.Text(), tt.want) {
				t.Errorf("reply %q, want %q", r.Text(), tt.want)
			}
			if strings.Contains(r.Text(), apology) {
				t.Errorf("apology: %s", h.logs)
			}
		})
	}
}

func TestMessagesIgnored(t *testing.T) {
	t.Parallel()
	h := start(t, allCommands(t), func(c *Config) { c.Cooldown = time.Hour })
	me := h.fake.Bot()
	at := discordtest.Mention(me)
	q := at + " who leads JNIM?"
	first := h.fake.Send(discordtest.Message{Content: q, Mentions: []discordtest.User{me}})
	h.fake.Reply(first)
	events := []discordtest.Message{
		{Content: q, Mentions: []discordtest.User{me}, Author: discordtest.User{ID: "77", Bot: true}},       // a bot
		{Content: q, Mentions: []discordtest.User{me}, Author: me},                                          // itself
		{Content: q, Mentions: []discordtest.User{me}, WebhookID: "88", Author: discordtest.User{ID: "88"}}, // a webhook
		{Content: "who leads JNIM?", Author: discordtest.User{ID: "66"}},                                    // not addressed, channel off
		{Content: q, Mentions: []discordtest.User{me}},                                                      // same user: cooldown
		first, // the same message again
	}
	for _, m := range events {
		h.fake.Send(m)
	}
	h.settle()
	if n := h.sends(); n != 1 {
		t.Errorf("%d messages sent, want only the first reply", n)
	}
	if n := h.fake.Replies(first); n != 1 {
		t.Errorf("%d replies to the first message", n)
	}
}

func TestAnswerChannel(t *testing.T) {
	t.Parallel()
	h := start(t, allCommands(t), nil)
	const channel = "4100000000000000041"
	on := []discordtest.Option{{Name: "answers", Type: discordtest.OptionString, Value: "on"}}

	_, _, m := h.reply(discordtest.Interaction{Name: "channel", ChannelID: channel, Options: on})
	if m.Flags&discordtest.Ephemeral == 0 || !strings.Contains(m.Content, "Manage Server") {
		t.Errorf("member without Manage Server: %+v", m)
	}
	_, _, m = h.reply(discordtest.Interaction{Name: "channel", ChannelID: channel, Options: on, DM: true})
	if m.Flags&discordtest.Ephemeral == 0 {
		t.Errorf("in a DM: %+v", m)
	}
	_, _, m = h.reply(discordtest.Interaction{Name: "channel", ChannelID: channel, Options: on, Permissions: discordtest.PermManageGuild})
	if m.Flags&discordtest.Ephemeral == 0 || !strings.Contains(m.Content, "<#"+channel+">") {
		t.Errorf("admin: %+v", m)
	}
	s, err := h.store.Settings(context.Background(), discordtest.DefaultGuildID)
	if err != nil || !slices.Contains(s.AnswerChannels, channel) {
		t.Fatalf("stored settings %+v, %v; want channel %s", s, err, channel)
	}

	confident := h.fake.Send(discordtest.Message{ChannelID: channel, Content: "who leads JNIM?"})
	if r := h.fake.Reply(confident); !strings.Contains(r.Text(), "Iyad") {
		t.Errorf("confident answer %q", r.Text())
	}
	unsure := h.fake.Send(discordtest.Message{ChannelID: channel, Content: "what do you think of the weather today?"})
	chatter := h.fake.Send(discordtest.Message{ChannelID: channel, Content: "lol"})
	elsewhere := h.fake.Send(discordtest.Message{Content: "who leads JNIM?"})
	h.settle()
	for _, m := range []discordtest.Message{unsure, chatter, elsewhere} {
		if k := h.fake.Replies(m); k != 0 {
			t.Errorf("%q: %d replies, want silence", m.Content, k)
		}
	}
}

func TestResume(t *testing.T) {
	t.Parallel()
	h := start(t, allCommands(t), nil)
	me := h.fake.Bot()
	before := h.fake.Send(discordtest.Message{Content: discordtest.Mention(me) + " who leads JNIM?", Mentions: []discordtest.User{me}})
	h.fake.Reply(before)

	h.fake.Drop()
	// Sent while the bot is away: delivered after RESUME.
	during := h.fake.Send(discordtest.Message{Content: discordtest.Mention(me) + " who leads JNIM?", Mentions: []discordtest.User{me}})
	resume := h.fake.WaitFrame(discordtest.OpResume, 1)
	var r struct {
		SessionID string `json:"session_id"`
		Seq       int64  `json:"seq"`
	}
	if err := json.Unmarshal(resume.Data, &r); err != nil || r.SessionID != "session-1" || r.Seq < 2 {
		t.Errorf("resume %s, %v; want session-1 at its last sequence", resume.Data, err)
	}
	h.fake.Reply(during)
	if n := h.fake.Sessions(); n != 1 {
		t.Errorf("identified %d times, want a resume, not a new session", n)
	}
	in, _, m := h.reply(discordtest.Interaction{Name: "ask", Options: []discordtest.Option{{Name: "question", Type: discordtest.OptionString, Value: "who leads JNIM?"}}})
	if len(m.Embeds) == 0 {
		t.Errorf("after resume, /ask %s: %+v", in.ID, m)
	}
}

func TestRateLimited(t *testing.T) {
	t.Parallel()
	h := start(t, allCommands(t), nil)
	h.fake.RateLimitOnce("POST", `/channels/\d+/messages$`, 50*time.Millisecond)
	h.fake.RateLimitOnce("POST", `/interactions/\d+/[^/]+/callback$`, 50*time.Millisecond)
	me := h.fake.Bot()
	m := h.fake.Send(discordtest.Message{Content: discordtest.Mention(me) + " who leads JNIM?", Mentions: []discordtest.User{me}})
	if r := h.fake.Reply(m); !strings.Contains(r.Text(), "Iyad") {
		t.Errorf("reply after 429: %q", r.Text())
	}
	_, _, s := h.reply(discordtest.Interaction{Name: "ask", Options: []discordtest.Option{{Name: "question", Type: discordtest.OptionString, Value: "who leads JNIM?"}}})
	if len(s.Embeds) == 0 {
		t.Errorf("callback after 429: %+v", s)
	}
	limited := 0
	for _, r := range h.fake.Requests() {
		if r.Status == http.StatusTooManyRequests {
			limited++
		}
	}
	if limited != 2 {
		t.Errorf("%d requests limited, want 2", limited)
	}
}

func TestPanicIsRecovered(t *testing.T) {
	t.Parallel()
	boom := handlers.Command{Name: "boom", Description: "Panics", Handle: func(handlers.Request) handlers.Response {
		var m map[string]int
		m["x"]++ // a nil map write: a runtime error, as a real bug would be
		return handlers.Response{}
	}}
	ask := handlers.Ask(handlers.Deps{Facts: base(t)})
	ask.Handle = func(r handlers.Request) handlers.Response {
		if strings.Contains(r.Text, "explode") {
			panic("message handler exploded")
		}
		return handlers.Ask(handlers.Deps{Facts: base(t)}).Handle(r)
	}
	h := start(t, []handlers.Command{boom, ask}, nil)
	_, _, m := h.reply(discordtest.Interaction{Name: "boom"})
	if m.Content != apology || m.Flags&discordtest.Ephemeral == 0 {
		t.Errorf("panic reply %+v, want the ephemeral apology", m)
	}
	me := h.fake.Bot()
	msg := h.fake.Send(discordtest.Message{Content: discordtest.Mention(me) + " explode", Mentions: []discordtest.User{me}})
	if r := h.fake.Reply(msg); r.Content != apology {
		t.Errorf("panic in a message: %+v", r)
	}
	if !strings.Contains(h.logs.String(), "panic in handler") {
		t.Errorf("panic not logged")
	}
	// Still alive.
	_, _, m = h.reply(discordtest.Interaction{Name: "ask", Options: []discordtest.Option{{Name: "question", Type: discordtest.OptionString, Value: "who leads JNIM?"}}})
	if len(m.Embeds) == 0 {
		t.Errorf("after a panic: %+v", m)
	}
}

func TestSlowHandlerIsDeferred(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	slow := handlers.Command{Name: "slow", Description: "Slow", Handle: func(handlers.Request) handlers.Response {
		<-release
		return handlers.Response{Content: "finally", Buttons: []handlers.Button{{Label: "Again", Command: "slow", ID: "1"}}}
	}}
	h := start(t, []handlers.Command{slow}, func(c *Config) { c.DeferAfter = time.Millisecond })
	for _, in := range []discordtest.Interaction{
		{Name: "slow"},
		{Type: discordtest.InteractionComponent, CustomID: "slow:1"},
	} {
		in = h.fake.Interact(in)
		cb := h.fake.Callback(in)
		want := discordtest.CallbackDeferredMessage
		if in.Type == discordtest.InteractionComponent {
			want = discordtest.CallbackDeferredUpdate
		}
		if cb.Type != want {
			t.Errorf("callback type %d, want %d", cb.Type, want)
		}
		release <- struct{}{}
		if m := h.fake.Edit(in); m.Content != "finally" || len(m.Components) != 1 {
			t.Errorf("edit %+v", m)
		}
	}
}

func TestMessageContentIntentRefused(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	fake.RejectIntents(int64(contentIntent))
	h := startOn(t, fake, allCommands(t), nil)
	var id struct {
		Intents int64 `json:"intents"`
	}
	if err := json.Unmarshal(fake.WaitFrame(discordtest.OpIdentify, 2).Data, &id); err != nil || id.Intents&int64(contentIntent) != 0 {
		t.Errorf("second identify %+v, %v; want no Message Content intent", id, err)
	}
	if !strings.Contains(h.logs.String(), "Message Content intent is not enabled") {
		t.Errorf("no warning about the intent")
	}
	me := fake.Bot()
	fake.Reply(fake.Send(discordtest.Message{Content: discordtest.Mention(me) + " who leads JNIM?", Mentions: []discordtest.User{me}}))
}

func TestHealthAndMetrics(t *testing.T) {
	t.Parallel()
	h := start(t, allCommands(t), func(c *Config) { c.HTTPAddr = "127.0.0.1:0" })
	me := h.fake.Bot()
	h.fake.Reply(h.fake.Send(discordtest.Message{Content: discordtest.Mention(me) + " who leads JNIM?", Mentions: []discordtest.User{me}}))
	h.fake.Reply(h.fake.Send(discordtest.Message{Content: discordtest.Mention(me) + " what is the weather?", Mentions: []discordtest.User{me}}))
	get := func(path string) (int, string) {
		resp, err := http.Get("http://" + h.bot.HTTPAddr() + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := get("/healthz"); code != 200 || body != "ok\n" {
		t.Errorf("/healthz: %d %q", code, body)
	}
	if code, body := get("/readyz"); code != 200 || body != "ready\n" {
		t.Errorf("/readyz: %d %q", code, body)
	}
	// The bot counts a reply once its REST call has returned, which can be
	// a moment after the fake Discord has recorded the call: wait for it.
	wants := []string{"malibot_questions_answered_total 1", "malibot_questions_declined_total 1", `malibot_reply_latency_seconds_count{kind="message"} 2`}
	deadline := time.Now().Add(5 * time.Second)
	for {
		_, body := get("/metrics")
		var missing []string
		for _, want := range wants {
			if !strings.Contains(body, want) {
				missing = append(missing, want)
			}
		}
		if len(missing) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("/metrics lacks %q", missing)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestStop(t *testing.T) {
	t.Parallel()
	h := start(t, allCommands(t), func(c *Config) { c.HTTPAddr = "127.0.0.1:0" })
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := h.bot.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if err := h.bot.Stop(ctx); err != nil {
		t.Errorf("second stop: %v", err)
	}
	if _, err := http.Get("http://" + h.bot.HTTPAddr() + "/healthz"); err == nil {
		t.Errorf("/healthz still served after Stop")
	}
}

// TestReadyzWhileReconnecting checks liveness against readiness: while a
// shard's session is down (as between discordgo's Disconnect event and its
// RESUMED), /readyz answers 503 naming the shard and /healthz still 200;
// the RESUMED after a dropped connection makes the bot ready again.
func TestReadyzWhileReconnecting(t *testing.T) {
	t.Parallel()
	h := start(t, allCommands(t), func(c *Config) { c.HTTPAddr = "127.0.0.1:0" })
	get := func(path string) (int, string) {
		t.Helper()
		resp, err := http.Get("http://" + h.bot.HTTPAddr() + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	// What the Disconnect handler does; the real event is not ordered
	// against a request from here.
	h.bot.shards[0].connected.Store(false)
	if code, body := get("/readyz"); code != http.StatusServiceUnavailable || body != "not connected to Discord: shard 0\n" {
		t.Errorf("/readyz while down: %d %q", code, body)
	}
	if code, _ := get("/healthz"); code != http.StatusOK {
		t.Errorf("/healthz while down: %d, want 200", code)
	}

	h.fake.Drop()
	h.fake.WaitFrame(discordtest.OpResume, 1)
	// discordgo runs the Resumed handler in a goroutine of its own: wait
	// for it, guarded like every wait on the fake.
	for deadline := time.Now().Add(15 * time.Second); ; time.Sleep(time.Millisecond) {
		code, body := get("/readyz")
		if code == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("/readyz after RESUMED: %d %q", code, body)
		}
	}
	if code, _ := get("/healthz"); code != http.StatusOK {
		t.Errorf("/healthz after RESUMED: %d, want 200", code)
	}
}

// TestShardedBot connects one session per shard to the fake: IDENTIFYs
// with [0,2] and [1,2], one command registration, and interactions and
// messages of a guild on each shard answered through the session that
// received them.
func TestShardedBot(t *testing.T) {
	t.Parallel()
	h := start(t, allCommands(t), func(c *Config) { c.Shards = store.Shards{Count: 2, IDs: []int{0, 1}} })
	var got [][]int
	for _, id := range h.fake.Identifies() {
		got = append(got, id.Shard)
	}
	if want := [][]int{{0, 2}, {1, 2}}; !reflect.DeepEqual(got, want) {
		t.Errorf("IDENTIFY shards %v, want %v", got, want)
	}
	puts := 0
	for _, r := range h.fake.Requests() {
		if r.Method == "PUT" {
			puts++
		}
	}
	if puts != 1 {
		t.Errorf("%d bulk overwrites, want 1", puts)
	}
	if !h.bot.Ready() {
		t.Errorf("not ready with both shards connected")
	}
	me := h.fake.Bot()
	for shard := range 2 {
		guild := ""
		for n := uint64(1_100_000_000_000_000_000); guild == ""; n += 1 << 22 {
			if id := strconv.FormatUint(n, 10); store.ShardOf(id, 2) == shard {
				guild = id
			}
		}
		_, _, m := h.reply(discordtest.Interaction{GuildID: guild, Name: "ask", Options: []discordtest.Option{{Name: "question", Type: discordtest.OptionString, Value: "who leads JNIM?"}}})
		if len(m.Embeds) == 0 {
			t.Errorf("shard %d: /ask %+v", shard, m)
		}
		msg := h.fake.Send(discordtest.Message{GuildID: guild, Content: discordtest.Mention(me) + " who leads JNIM?", Mentions: []discordtest.User{me}})
		if r := h.fake.Reply(msg); !strings.Contains(r.Text(), "Iyad") {
			t.Errorf("shard %d: reply %q", shard, r.Text())
		}
	}
}

// TestShardWithoutZero connects only shard 1 of 2: it does not register
// the commands, which the process owning shard 0 does.
func TestShardWithoutZero(t *testing.T) {
	t.Parallel()
	h := start(t, allCommands(t), func(c *Config) { c.Shards = store.Shards{Count: 2, IDs: []int{1}} })
	if ids := h.fake.Identifies(); len(ids) != 1 || !reflect.DeepEqual(ids[0].Shard, []int{1, 2}) {
		t.Errorf("IDENTIFYs %+v, want one with [1 2]", ids)
	}
	for _, r := range h.fake.Requests() {
		if r.Method == "PUT" {
			t.Errorf("the process without shard 0 registered the commands: %s", r.Path)
		}
	}
}

// /daily set in a channel where the bot cannot post (app_permissions
// without Embed Links) says so at once and saves nothing, instead of
// pausing at the first post.
func TestDailySetWhereTheBotCannotPost(t *testing.T) {
	t.Parallel()
	h := start(t, allCommands(t), nil)
	const channel = "4200000000000000042"
	set := []discordtest.Option{{Name: "set", Type: discordtest.OptionSubcommand, Options: []discordtest.Option{
		{Name: "time", Type: discordtest.OptionString, Value: "08:00"}}}}
	viewAndSend := int64(1<<10 | 1<<11)
	_, _, m := h.reply(discordtest.Interaction{Name: "daily", ChannelID: channel, Options: set,
		Permissions: discordtest.PermManageGuild, AppPermissions: viewAndSend})
	if m.Flags&discordtest.Ephemeral == 0 || !strings.Contains(m.Content, "Embed Links") {
		t.Errorf("set without Embed Links: %+v", m)
	}
	if s, err := h.store.Settings(context.Background(), discordtest.DefaultGuildID); err != nil || s.Daily.Enabled {
		t.Fatalf("stored %+v, %v; want nothing saved", s.Daily, err)
	}
	_, _, m = h.reply(discordtest.Interaction{Name: "daily", ChannelID: channel, Options: set,
		Permissions: discordtest.PermManageGuild, AppPermissions: viewAndSend | 1<<14})
	if !strings.Contains(m.Content, "Daily posts are on") {
		t.Errorf("set with Embed Links: %+v", m)
	}
	if s, err := h.store.Settings(context.Background(), discordtest.DefaultGuildID); err != nil || !s.Daily.Enabled || s.Daily.ChannelID != channel {
		t.Fatalf("stored %+v, %v; want the schedule in %s", s.Daily, err, channel)
	}
}

// /daily set channel:#other, where the bot cannot post, is refused at once
// too: the bot works out its permissions there from the channel's
// overwrites and its roles. A channel it cannot look up stays unknown
// and is accepted, to be checked at the first post as before.
func TestDailySetInAnotherChannel(t *testing.T) {
	t.Parallel()
	h := start(t, allCommands(t), nil)
	const (
		closed, open, unknown = "4300000000000000001", "4300000000000000002", "4300000000000000003"
		botRole               = "4400000000000000001"
		viewSendEmbed         = int64(1<<10 | 1<<11 | 1<<14)
	)
	guild := discordtest.DefaultGuildID
	h.fake.SetGuild(discordtest.Guild{
		ID:    guild,
		Roles: map[string]int64{guild: 1<<10 | 1<<11, botRole: viewSendEmbed},
		Channels: map[string][]discordtest.Overwrite{
			closed: {{ID: botRole, Type: 0, Deny: 1 << 11}}, // the bot's role may not send here
			open:   nil,
		},
		Members: map[string][]string{h.fake.BotID: {botRole}},
	})
	set := func(channel string) []discordtest.Option {
		return []discordtest.Option{{Name: "set", Type: discordtest.OptionSubcommand, Options: []discordtest.Option{
			{Name: "channel", Type: discordtest.OptionChannel, Value: channel}}}}
	}
	stored := func() string {
		s, err := h.store.Settings(context.Background(), guild)
		if err != nil {
			t.Fatal(err)
		}
		if !s.Daily.Enabled {
			return ""
		}
		return s.Daily.ChannelID
	}
	_, _, m := h.reply(discordtest.Interaction{Name: "daily", Options: set(closed), Permissions: discordtest.PermManageGuild})
	if !strings.Contains(m.Content, "can't post in <#"+closed+">") || m.Flags&discordtest.Ephemeral == 0 {
		t.Errorf("set in a channel the bot cannot send to: %+v", m)
	}
	if ch := stored(); ch != "" {
		t.Fatalf("stored a schedule in %s; want nothing saved", ch)
	}
	_, _, m = h.reply(discordtest.Interaction{Name: "daily", Options: set(open), Permissions: discordtest.PermManageGuild})
	if !strings.Contains(m.Content, "Daily posts are on: <#"+open+">") {
		t.Errorf("set in a channel the bot can post in: %+v", m)
	}
	if ch := stored(); ch != open {
		t.Fatalf("stored %q; want %s", ch, open)
	}
	_, _, m = h.reply(discordtest.Interaction{Name: "daily", Options: set(unknown), Permissions: discordtest.PermManageGuild})
	if !strings.Contains(m.Content, "Daily posts are on: <#"+unknown+">") {
		t.Errorf("set in a channel the bot cannot look up: %+v", m)
	}
	looked := 0
	for _, r := range h.fake.Requests() {
		if r.Method == "GET" && strings.Contains(r.Path, "/channels/") {
			looked++
		}
	}
	if looked == 0 {
		t.Error("no channel was looked up")
	}
}

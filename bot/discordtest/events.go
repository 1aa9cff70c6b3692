package discordtest

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// Interaction types.
const (
	InteractionCommand      = 2
	InteractionComponent    = 3
	InteractionAutocomplete = 4
)

// Option types.
const (
	OptionSubcommand = 1
	OptionString     = 3
	OptionInteger    = 4
	OptionBoolean    = 5
	OptionChannel    = 7
)

// Permission bits.
const (
	PermAdministrator = 1 << 3
	PermManageGuild   = 1 << 5
	PermMember        = 1<<10 | 1<<11 | 1<<31 // view channel, send messages, use application commands
)

// User is a Discord user as events carry it.
type User struct {
	ID   string
	Name string
	Bot  bool
}

func (u User) wire() map[string]any {
	name := u.Name
	if name == "" {
		name = "user" + u.ID
	}
	return map[string]any{"id": u.ID, "username": name, "discriminator": "0", "global_name": name, "bot": u.Bot}
}

// Option is one option of a command interaction.
type Option struct {
	Name    string
	Type    int
	Value   any
	Focused bool
	Options []Option // of a subcommand
}

func wireOptions(opts []Option) []any {
	out := []any{}
	for _, o := range opts {
		w := map[string]any{"name": o.Name, "type": o.Type}
		if o.Type == OptionSubcommand {
			w["options"] = wireOptions(o.Options)
		} else {
			w["value"] = o.Value
		}
		if o.Focused {
			w["focused"] = true
		}
		out = append(out, w)
	}
	return out
}

// Interaction is an INTERACTION_CREATE to send. Zero fields get defaults:
// a fresh id and token, the default guild, a channel, a member without
// Manage Server.
type Interaction struct {
	ID          string
	Token       string
	Type        int
	Name        string   // command name
	Options     []Option // command options
	CustomID    string   // for a button press
	MessageID   string   // for a button press: the message the button is on
	GuildID     string   // "" with DM set: a direct message
	DM          bool
	ChannelID   string
	User        User
	Permissions int64
	// AppPermissions are the bot's permissions in the channel; a broad
	// default (with View Channel, Send Messages, Embed Links) when zero.
	AppPermissions int64
}

// Interact dispatches an INTERACTION_CREATE and returns it with its
// defaults filled in.
func (s *Server) Interact(in Interaction) Interaction {
	s.tb.Helper()
	if in.ID == "" {
		in.ID = s.newID()
	}
	if in.Token == "" {
		in.Token = "itoken-" + in.ID
	}
	if in.Type == 0 {
		in.Type = InteractionCommand
	}
	if in.GuildID == "" && !in.DM {
		in.GuildID = DefaultGuildID
	}
	if in.ChannelID == "" {
		in.ChannelID = "4000000000000000004"
	}
	if in.User.ID == "" {
		in.User.ID = "5000000000000000005"
	}
	if in.Permissions == 0 {
		in.Permissions = PermMember
	}
	if in.AppPermissions == 0 {
		in.AppPermissions = 2248473465835073
	}
	w := map[string]any{
		"id": in.ID, "application_id": s.BotID, "type": in.Type, "token": in.Token, "version": 1,
		"channel_id": in.ChannelID, "locale": "en-US", "app_permissions": strconv.FormatInt(in.AppPermissions, 10),
		"channel": map[string]any{"id": in.ChannelID, "type": 0},
	}
	if in.DM {
		w["user"] = in.User.wire()
		w["context"] = 1
	} else {
		w["guild_id"] = in.GuildID
		w["guild_locale"] = "en-US"
		w["context"] = 0
		w["member"] = map[string]any{
			"user": in.User.wire(), "roles": []string{}, "joined_at": "2024-01-01T00:00:00.000000+00:00",
			"permissions": strconv.FormatInt(in.Permissions, 10), "deaf": false, "mute": false, "flags": 0,
		}
	}
	switch in.Type {
	case InteractionCommand, InteractionAutocomplete:
		w["data"] = map[string]any{"id": s.newID(), "name": in.Name, "type": 1, "options": wireOptions(in.Options)}
	case InteractionComponent:
		w["data"] = map[string]any{"custom_id": in.CustomID, "component_type": 2}
		mid := in.MessageID
		if mid == "" {
			mid = s.newID()
		}
		w["message"] = map[string]any{
			"id": mid, "channel_id": in.ChannelID, "type": 0, "content": "", "author": s.botUser(),
			"timestamp": time.Now().UTC().Format(time.RFC3339), "embeds": []any{}, "components": []any{},
		}
	}
	s.Dispatch("INTERACTION_CREATE", w)
	return in
}

// CallbackPath is the path of the interaction's callback.
func CallbackPath(in Interaction) string {
	return "/api/v9/interactions/" + in.ID + "/" + in.Token + "/callback"
}

// OriginalPath is the path that edits the interaction's first response.
func (s *Server) OriginalPath(in Interaction) string {
	return "/api/v9/webhooks/" + s.BotID + "/" + in.Token + "/messages/@original"
}

// Callback waits for the interaction's callback.
func (s *Server) Callback(in Interaction) Callback {
	s.tb.Helper()
	p := CallbackPath(in)
	r := s.WaitRequest("POST "+p, func(r Request) bool { return r.Path == p && r.Status < 300 })
	cb, err := r.Callback()
	if err != nil {
		s.tb.Fatalf("discordtest: callback: %v", err)
	}
	return cb
}

// Edit waits for the edit of the interaction's first response.
func (s *Server) Edit(in Interaction) Sent {
	s.tb.Helper()
	p := s.OriginalPath(in)
	r := s.WaitRequest("PATCH "+p, func(r Request) bool { return r.Method == "PATCH" && r.Path == p && r.Status < 300 })
	m, err := r.Sent()
	if err != nil {
		s.tb.Fatalf("discordtest: edit: %v", err)
	}
	return m
}

// Message is a MESSAGE_CREATE to send. Zero fields get defaults.
type Message struct {
	ID              string
	ChannelID       string
	GuildID         string // "" with DM set: a direct message
	DM              bool
	Author          User
	Content         string
	Mentions        []User
	MentionRoles    []string
	MentionEveryone bool
	ReplyTo         *Message // the message replied to, with its author
	WebhookID       string
}

// Send dispatches a MESSAGE_CREATE and returns it with defaults filled in.
func (s *Server) Send(m Message) Message {
	s.tb.Helper()
	if m.ID == "" {
		m.ID = s.newID()
	}
	if m.ChannelID == "" {
		m.ChannelID = "4000000000000000004"
	}
	if m.GuildID == "" && !m.DM {
		m.GuildID = DefaultGuildID
	}
	if m.Author.ID == "" {
		m.Author.ID = "5000000000000000005"
	}
	w := map[string]any{
		"id": m.ID, "channel_id": m.ChannelID, "author": m.Author.wire(), "content": m.Content,
		"timestamp": time.Now().UTC().Format(time.RFC3339), "tts": false, "type": 0,
		"mention_everyone": m.MentionEveryone, "mention_roles": append([]string{}, m.MentionRoles...),
		"attachments": []any{}, "embeds": []any{}, "pinned": false,
	}
	mentions := []any{}
	for _, u := range m.Mentions {
		mentions = append(mentions, u.wire())
	}
	w["mentions"] = mentions
	if !m.DM {
		w["guild_id"] = m.GuildID
		w["member"] = map[string]any{"roles": []string{}, "joined_at": "2024-01-01T00:00:00.000000+00:00"}
	}
	if m.WebhookID != "" {
		w["webhook_id"] = m.WebhookID
	}
	if m.ReplyTo != nil {
		w["type"] = 19
		w["message_reference"] = map[string]any{"message_id": m.ReplyTo.ID, "channel_id": m.ChannelID, "guild_id": m.GuildID}
		w["referenced_message"] = map[string]any{
			"id": m.ReplyTo.ID, "channel_id": m.ChannelID, "author": m.ReplyTo.Author.wire(),
			"content": m.ReplyTo.Content, "timestamp": time.Now().UTC().Format(time.RFC3339),
			"mentions": []any{}, "mention_roles": []string{}, "attachments": []any{}, "embeds": []any{}, "type": 0,
		}
	}
	s.Dispatch("MESSAGE_CREATE", w)
	return m
}

// Bot is the bot's own user, to mention or reply to.
func (s *Server) Bot() User { return User{ID: s.BotID, Name: "malibot", Bot: true} }

// Mention is the markup that mentions u.
func Mention(u User) string { return "<@" + u.ID + ">" }

// Reply waits for the bot's reply to message m.
func (s *Server) Reply(m Message) Sent {
	s.tb.Helper()
	r := s.WaitRequest("reply to "+m.ID, func(r Request) bool { return isReplyTo(r, m.ID) })
	sent, err := r.Sent()
	if err != nil {
		s.tb.Fatalf("discordtest: reply: %v", err)
	}
	return sent
}

// IsReplyTo reports whether r is the bot's reply to the message with id.
func IsReplyTo(r Request, id string) bool { return isReplyTo(r, id) }

func isReplyTo(r Request, id string) bool {
	if r.Method != "POST" || !strings.HasSuffix(r.Path, "/messages") || r.Status >= 300 {
		return false
	}
	var m struct {
		Ref *struct {
			MessageID string `json:"message_id"`
		} `json:"message_reference"`
	}
	return json.Unmarshal(r.Body, &m) == nil && m.Ref != nil && m.Ref.MessageID == id
}

// Replies counts the bot's replies to message m so far.
func (s *Server) Replies(m Message) int {
	n := 0
	for _, r := range s.Requests() {
		if isReplyTo(r, m.ID) {
			n++
		}
	}
	return n
}

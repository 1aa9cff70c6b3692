package bot

import (
	"log/slog"
	"strings"
	"time"

	"github.com/malibot/malibot/bot/store"
)

// Token is the bot's secret token. Its String, GoString and LogValue say
// REDACTED, so printing a Config or logging a Token never leaks it.
type Token string

// String returns "REDACTED".
func (Token) String() string { return "REDACTED" }

// GoString returns "REDACTED".
func (Token) GoString() string { return "REDACTED" }

// LogValue returns "REDACTED".
func (Token) LogValue() slog.Value { return slog.StringValue("REDACTED") }

// MarshalText returns "REDACTED".
func (Token) MarshalText() ([]byte, error) { return []byte("REDACTED"), nil }

// secret is the token as Discord wants it in the Authorization header.
func (t Token) secret() string {
	s := strings.TrimSpace(string(t))
	s = strings.TrimPrefix(s, "Bot ")
	return "Bot " + s
}

// DefaultAPIBase is Discord itself.
const DefaultAPIBase = "https://discord.com"

// Config is how the bot connects and behaves. The zero value of every field
// but Token is usable.
type Config struct {
	Token Token
	// GuildID registers the commands in one server (instant, for
	// development); empty registers them globally.
	GuildID string
	// APIBase is where every REST call and the gateway discovery go;
	// DefaultAPIBase when empty.
	APIBase string
	// HTTPAddr serves /healthz, /readyz and /metrics when set, e.g. ":8080".
	HTTPAddr string
	// Shards are the gateway shards to connect, one session each; the zero
	// value is one session without sharding. Only the bot that owns shard 0
	// registers the commands.
	Shards store.Shards
	// NoMessageContent leaves out the privileged Message Content intent: the
	// bot then answers only messages that mention it or reply to it. The
	// bot also falls back to this when Discord refuses the intent.
	NoMessageContent bool
	// Cooldown is the least time between two free-text answers to the same
	// user; 5 seconds when zero, none when negative.
	Cooldown time.Duration
	// DeferAfter is how long a handler may run before the interaction is
	// deferred and the answer sent as an edit; 2 seconds when zero.
	DeferAfter time.Duration
	// Now is the clock; time.Now when nil.
	Now func() time.Time
}

func (c Config) withDefaults() Config {
	if c.APIBase == "" {
		c.APIBase = DefaultAPIBase
	}
	if c.Cooldown == 0 {
		c.Cooldown = 5 * time.Second
	}
	if c.DeferAfter <= 0 {
		c.DeferAfter = 2 * time.Second
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return c
}

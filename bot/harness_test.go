package bot

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/malibot/malibot/bot/discordtest"
	"github.com/malibot/malibot/bot/store"
	"github.com/malibot/malibot/facts"
	"github.com/malibot/malibot/handlers"
)

var loadFacts = sync.OnceValues(facts.Default)

// base is the real fact base, loaded once per test binary.
func base(tb testing.TB) *facts.Base {
	tb.Helper()
	b, err := loadFacts()
	if err != nil {
		tb.Fatalf("load facts: %v", err)
	}
	return b
}

// allCommands is handlers.All over the real fact base.
func allCommands(tb testing.TB) []handlers.Command {
	return handlers.All(handlers.Deps{Facts: base(tb)})
}

// syncBuffer is a bytes.Buffer safe for the logger's concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// harness is a bot connected to a fake Discord.
type harness struct {
	tb    testing.TB
	fake  *discordtest.Server
	bot   *Bot
	store store.Store
	logs  *syncBuffer
}

// start connects a bot serving cmds to a new fake Discord, with the real
// SQLite store in a temporary directory. edit, when not nil, changes the
// configuration first.
func start(tb testing.TB, cmds []handlers.Command, edit func(*Config)) *harness {
	tb.Helper()
	return startOn(tb, discordtest.New(tb), cmds, edit)
}

// startOn is start with a fake prepared by the caller.
func startOn(tb testing.TB, fake *discordtest.Server, cmds []handlers.Command, edit func(*Config)) *harness {
	tb.Helper()
	h := &harness{tb: tb, fake: fake, logs: &syncBuffer{}}
	st, err := store.Open(context.Background(), "", tb.TempDir())
	if err != nil {
		tb.Fatalf("open store: %v", err)
	}
	h.store = st
	cfg := Config{
		Token:   Token(h.fake.Token),
		GuildID: discordtest.DefaultGuildID,
		APIBase: h.fake.URL,
		// Tests send many messages from one user.
		Cooldown: -1,
	}
	if edit != nil {
		edit(&cfg)
	}
	logger := slog.New(slog.NewJSONHandler(h.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	b, err := New(cfg, cmds, st, logger)
	if err != nil {
		tb.Fatalf("new bot: %v", err)
	}
	h.bot = b
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := b.Start(ctx); err != nil {
		tb.Fatalf("start: %v\nlogs:\n%s", err, h.logs)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := b.Stop(ctx); err != nil {
			tb.Errorf("stop: %v", err)
		}
		if err := st.Close(); err != nil {
			tb.Errorf("close store: %v", err)
		}
		if strings.Contains(h.logs.String(), h.fake.Token) {
			tb.Errorf("the token is in the logs")
		}
		h.checkSends()
	})
	return h
}

// checkSends asserts on every message the bot sent that nobody can be
// pinged: allowed_mentions.parse is an empty list. (The fake also refuses
// such a send, and every send that breaks Discord's limits.)
func (h *harness) checkSends() {
	h.tb.Helper()
	for _, r := range h.fake.Requests() {
		if !r.IsSend() {
			continue
		}
		m, err := r.Sent()
		if err != nil {
			h.tb.Errorf("%s %s: %v", r.Method, r.Path, err)
			continue
		}
		if m.AllowedMentions == nil || m.AllowedMentions.Parse == nil || len(m.AllowedMentions.Parse) != 0 {
			h.tb.Errorf("%s %s: allowed_mentions %+v, want parse []", r.Method, r.Path, m.AllowedMentions)
		}
	}
}

// settle waits until the bot has fully handled every message and
// interaction the fake dispatched, so that a test can then assert that
// nothing (more) was sent.
func (h *harness) settle() {
	h.tb.Helper()
	n := h.fake.Dispatched()
	deadline := time.Now().Add(15 * time.Second)
	for h.bot.handled.Load() < int64(n) {
		if time.Now().After(deadline) {
			h.tb.Fatalf("the bot handled %d events, want %d", h.bot.handled.Load(), n)
		}
		time.Sleep(time.Millisecond)
	}
}

// sends counts the messages the bot sent or edited.
func (h *harness) sends() int {
	n := 0
	for _, r := range h.fake.Requests() {
		if r.IsSend() {
			n++
		}
	}
	return n
}

// reply sends an interaction and returns what the user sees: the callback's
// message, or the edit of a deferred callback.
func (h *harness) reply(in discordtest.Interaction) (discordtest.Interaction, int, discordtest.Sent) {
	h.tb.Helper()
	in = h.fake.Interact(in)
	cb := h.fake.Callback(in)
	switch cb.Type {
	case discordtest.CallbackDeferredMessage, discordtest.CallbackDeferredUpdate:
		return in, cb.Type, h.fake.Edit(in)
	}
	return in, cb.Type, cb.Data
}

package bot

import (
	"context"
	"fmt"
	"maps"
	"runtime/debug"
	"slices"
	"time"

	"github.com/malibot/malibot/bot/store"
	"github.com/malibot/malibot/handlers"
)

// handle runs one request for one command and returns the response to
// send. The middleware below wrap it, outermost first: recovering,
// logging, permitted, withSettings, then call.
type handle func(ctx context.Context, cmd handlers.Command, r handlers.Request) handlers.Response

// apology is all a user ever sees of a fault.
const apology = "Sorry, something went wrong on my side. Please try again in a moment."

// apologize logs err once, with the request it broke, and returns the
// short apology the user sees; the error itself never reaches Discord.
func (b *Bot) apologize(r handlers.Request, err error) handlers.Response {
	b.log.Error("request failed", "command", r.Command, "guild_id", r.GuildID, "user_id", r.UserID, "err", err)
	return notice(apology)
}

func stack() string { return string(debug.Stack()) }

// recovering turns a panic in a handler into a logged error and an apology:
// discordgo runs each event in a bare goroutine, so an unrecovered panic
// would end the process.
func (b *Bot) recovering(next handle) handle {
	return func(ctx context.Context, cmd handlers.Command, r handlers.Request) (resp handlers.Response) {
		defer func() {
			if p := recover(); p != nil {
				b.metrics.panics.Inc()
				b.log.Error("panic in handler", "command", r.Command, "panic", fmt.Sprint(p), "stack", stack())
				resp = notice(apology)
			}
		}()
		return next(ctx, cmd, r)
	}
}

// logging logs each handled request with the handler's latency and counts
// questions answered and declined.
func (b *Bot) logging(next handle) handle {
	return func(ctx context.Context, cmd handlers.Command, r handlers.Request) handlers.Response {
		start := time.Now()
		resp := next(ctx, cmd, r)
		if cmd.Name == askCommand && r.Kind != handlers.KindAutocomplete {
			if resp.Unsure || resp.Quiet {
				b.metrics.declined.Inc()
			} else {
				b.metrics.answered.Inc()
			}
		}
		b.log.Debug("handled", "command", r.Command, "kind", int(r.Kind), "guild_id", r.GuildID,
			"unsure", resp.Unsure, "handler_ms", float64(time.Since(start).Microseconds())/1000)
		return resp
	}
}

// permitted refuses Admin commands to members without Manage Server.
// Discord already hides them from those members; this covers stale clients
// and servers that changed the command's permissions.
func (b *Bot) permitted(next handle) handle {
	return func(ctx context.Context, cmd handlers.Command, r handlers.Request) handlers.Response {
		if cmd.Admin && !r.CanManage {
			if r.GuildID == "" {
				return notice(fmt.Sprintf("/%s works in a server, not in direct messages.", cmd.Name))
			}
			return notice(fmt.Sprintf("/%s needs the Manage Server permission.", cmd.Name))
		}
		return next(ctx, cmd, r)
	}
}

// withSettings passes the server's stored settings in.
func (b *Bot) withSettings(next handle) handle {
	return func(ctx context.Context, cmd handlers.Command, r handlers.Request) handlers.Response {
		s, err := b.settings(ctx, r.GuildID)
		if err != nil {
			return b.apologize(r, fmt.Errorf("load settings: %w", err))
		}
		s.GuildID = r.GuildID
		r.Settings = s
		return next(ctx, cmd, r)
	}
}

// withHistory gives /daily preview the server's post history, so that
// the preview shows the post the scheduler sends (or sent) today. Without
// the history the preview still works, only perhaps with another fact.
func (b *Bot) withHistory(next handle) handle {
	return func(ctx context.Context, cmd handlers.Command, r handlers.Request) handlers.Response {
		if cmd.Name != "daily" || r.Subcommand != "preview" || r.GuildID == "" {
			return next(ctx, cmd, r)
		}
		loc, err := handlers.LoadZone(r.Settings.Daily.Zone)
		if err != nil {
			loc = time.UTC
		}
		local := r.Now.In(loc)
		today := local.Format(handlers.DateLayout)
		since := local.AddDate(0, 0, -handlers.RecentDays).Format(handlers.DateLayout)
		recent, err := b.store.RecentFacts(ctx, r.GuildID, since)
		if err != nil {
			b.log.Warn("daily preview: history unavailable", "guild_id", r.GuildID, "err", err)
			return next(ctx, cmd, r)
		}
		if rec, ok, err := b.store.Post(ctx, r.GuildID, today); err == nil && ok &&
			(rec.Status == store.StatusSent || rec.Status == store.StatusClaimed) {
			r.Posted.Today = rec.Facts
			for _, id := range rec.Facts { // the history before today
				if i := slices.Index(recent, id); i >= 0 {
					recent = slices.Delete(recent, i, i+1)
				}
			}
		}
		r.Posted.Recent = recent
		return next(ctx, cmd, r)
	}
}

// channelLookup bounds the look-up of the bot's permissions in a channel
// an option names; the interaction is deferred meanwhile if it is slow.
const channelLookup = 2 * time.Second

// withChannels tells a command whether the bot may post in the channels
// its options name ("/daily set channel:#news"), so that a channel it
// cannot write to is refused at once rather than found at the first post.
// Discord gives the bot's permissions only for the channel the command was
// used in; for another, they are worked out from the channel's overwrites
// and the bot's roles, fetched fresh (three REST calls: the bot keeps no
// roles or channels in its state). It runs after permitted, so only
// members who may change the settings cause look-ups. When one fails, the
// channel stays unknown and the command goes on.
func (b *Bot) withChannels(next handle) handle {
	return func(ctx context.Context, cmd handlers.Command, r handlers.Request) handlers.Response {
		if r.GuildID == "" || r.Kind != handlers.KindCommand {
			return next(ctx, cmd, r)
		}
		for _, name := range channelOptions(cmd, r.Subcommand) {
			ch := r.Options[name]
			if _, known := r.CanPost[ch]; ch == "" || known {
				continue
			}
			lctx, cancel := context.WithTimeout(ctx, channelLookup)
			perms, err := b.channelPermissions(lctx, r.GuildID, ch)
			cancel()
			if err != nil {
				b.log.Warn("channel permissions unavailable", "command", r.Command, "guild_id", r.GuildID, "channel_id", ch, "err", err)
				continue
			}
			m := maps.Clone(r.CanPost) // the request's map may be shared
			if m == nil {
				m = map[string]bool{}
			}
			m[ch] = canPost(perms)
			r.CanPost = m
		}
		return next(ctx, cmd, r)
	}
}

// channelOptions names the channel options of cmd's subcommand sub (or of
// cmd itself).
func channelOptions(cmd handlers.Command, sub string) []string {
	opts := cmd.Options
	for _, s := range cmd.Subcommands {
		if s.Name == sub {
			opts = s.Options
		}
	}
	var names []string
	for _, o := range opts {
		if o.Type == handlers.Channel {
			names = append(names, o.Name)
		}
	}
	return names
}

// call runs the handler and stores the settings it changed before its
// response is sent.
func (b *Bot) call(ctx context.Context, cmd handlers.Command, r handlers.Request) handlers.Response {
	resp := cmd.Handle(r)
	if resp.Update == nil {
		return resp
	}
	if r.GuildID == "" {
		return notice(fmt.Sprintf("/%s works in a server, not in direct messages.", cmd.Name))
	}
	u := *resp.Update
	u.GuildID = r.GuildID // a handler changes only its own server
	if err := b.store.SaveSettings(ctx, u); err != nil {
		return b.apologize(r, fmt.Errorf("save settings: %w", err))
	}
	resp.Update = nil
	return resp
}

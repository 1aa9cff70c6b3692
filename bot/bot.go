package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
	"github.com/malibot/malibot/bot/store"
	"github.com/malibot/malibot/handlers"
)

// Intents the bot asks for. Message Content is privileged: without it,
// Discord sends the text of only those messages that mention the bot.
const (
	baseIntents    = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages
	contentIntent  = discordgo.IntentsMessageContent
	closeBadIntent = 4014 // Discord's close code for a privileged intent not enabled
)

// askCommand is the command that answers free-text messages.
const askCommand = "ask"

// identifyEvery is how often one bucket of shards may identify: Discord
// lets max_concurrency shards (bucket shard_id % max_concurrency) start a
// session every 5 seconds.
const identifyEvery = 5 * time.Second

// Bot is a connection to Discord serving a set of commands: one gateway
// session per shard it owns, sharing one store, one set of handlers and one
// metrics registry.
type Bot struct {
	cfg     Config
	log     *slog.Logger
	store   store.Store
	list    []handlers.Command
	cmds    map[string]handlers.Command
	shards  []*shard           // the gateway sessions, lowest shard first
	rest    *discordgo.Session // shards[0]'s session, for every REST call
	metrics *metrics
	chain   handle

	ctx    context.Context // handlers' context, cancelled by Stop
	cancel context.CancelFunc

	mu       sync.Mutex
	stopping bool
	inflight sync.WaitGroup
	remove   []func()
	started  bool

	httpSrv *http.Server
	httpLn  net.Listener

	handled atomic.Int64 // events fully handled, for tests
	seen    *recent
	cool    cooldowns
}

// shard is one gateway session and whether it is connected.
type shard struct {
	id        int
	session   *discordgo.Session
	connected atomic.Bool
}

// New builds a bot serving cmds (normally handlers.All) with settings kept
// in st. It checks the configuration and the commands but does not connect.
func New(cfg Config, cmds []handlers.Command, st store.Store, logger *slog.Logger) (*Bot, error) {
	cfg = cfg.withDefaults()
	if strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(string(cfg.Token)), "Bot ")) == "" {
		return nil, errors.New("no Discord token")
	}
	base, err := parseAPIBase(cfg.APIBase)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return nil, errors.New("no store")
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	b := &Bot{
		cfg:     cfg,
		log:     logger.With("component", "bot"),
		store:   st,
		list:    cmds,
		cmds:    map[string]handlers.Command{},
		metrics: newMetrics(),
		seen:    newRecent(4096),
	}
	for _, c := range cmds {
		if err := c.Check(); err != nil {
			return nil, err
		}
		if _, dup := b.cmds[c.Name]; dup {
			return nil, fmt.Errorf("duplicate command %q", c.Name)
		}
		b.cmds[c.Name] = c
	}
	b.chain = b.recovering(b.logging(b.permitted(b.withSettings(b.withHistory(b.withChannels(b.call))))))

	ids, count := []int{0}, 1
	if cfg.Shards.Count > 1 {
		ids, count = cfg.Shards.IDs, cfg.Shards.Count
		if len(ids) == 0 {
			return nil, fmt.Errorf("no shard of %d to connect", count)
		}
	}
	client := httpClient(base)
	for _, id := range ids {
		if id < 0 || id >= count {
			return nil, fmt.Errorf("shard %d is outside 0-%d", id, count-1)
		}
		s, err := discordgo.New(cfg.Token.secret())
		if err != nil {
			return nil, fmt.Errorf("discord session: %w", err)
		}
		// discordgo sends [ShardID, ShardCount] in IDENTIFY when
		// ShardCount > 1, and nothing for one shard.
		s.ShardID, s.ShardCount = id, count
		s.Client = client
		if b.rest != nil {
			// One REST rate limiter for the process: the buckets are the
			// token's, whatever session sends.
			s.Ratelimiter = b.rest.Ratelimiter
		}
		s.LogLevel = discordgo.LogWarning
		s.Identify.Intents = baseIntents
		if !cfg.NoMessageContent {
			s.Identify.Intents |= contentIntent
		}
		s.State.TrackChannels = false
		s.State.TrackEmojis = false
		s.State.TrackMembers = false
		s.State.TrackRoles = false
		s.State.TrackVoice = false
		s.State.TrackPresences = false
		s.State.TrackThreads = false
		s.State.TrackThreadMembers = false
		s.State.MaxMessageCount = 0
		b.shards = append(b.shards, &shard{id: id, session: s})
		if b.rest == nil {
			b.rest = s
		}
	}
	b.ctx, b.cancel = context.WithCancel(context.Background())
	return b, nil
}

// registers reports whether this bot registers the commands: only the
// process that owns shard 0 does, so that N processes make one bulk
// overwrite, not N.
func (b *Bot) registers() bool {
	return b.shards[0].id == 0
}

// Ready reports whether every shard's gateway session is connected.
func (b *Bot) Ready() bool {
	for _, sh := range b.shards {
		if !sh.connected.Load() {
			return false
		}
	}
	return true
}

// notReady lists the shards not connected, e.g. "1, 3".
func (b *Bot) notReady() string {
	var out []string
	for _, sh := range b.shards {
		if !sh.connected.Load() {
			out = append(out, strconv.Itoa(sh.id))
		}
	}
	return strings.Join(out, ", ")
}

// Start serves /healthz, /readyz and /metrics when configured, connects
// the gateway session of every shard (falling back to mentions only when
// Discord refuses the Message Content intent) and, when it owns shard 0,
// registers the commands with one bulk overwrite.
func (b *Bot) Start(ctx context.Context) error {
	b.mu.Lock()
	if b.started {
		b.mu.Unlock()
		return errors.New("bot already started")
	}
	b.started = true
	b.mu.Unlock()

	bridgeLogs(b.log, b.cfg.Token)
	if b.cfg.HTTPAddr != "" {
		if err := b.serveHTTP(b.cfg.HTTPAddr); err != nil {
			return err
		}
	}
	for _, sh := range b.shards {
		s := sh.session
		b.remove = append(b.remove,
			s.AddHandler(b.onInteraction),
			s.AddHandler(b.onMessage),
			s.AddHandler(func(_ *discordgo.Session, r *discordgo.Ready) {
				sh.connected.Store(true)
				b.log.Info("connected", "session", "ready", "shard", sh.id, "guilds", len(r.Guilds))
			}),
			s.AddHandler(func(*discordgo.Session, *discordgo.Resumed) {
				sh.connected.Store(true)
				b.log.Info("connected", "session", "resumed", "shard", sh.id)
			}),
			s.AddHandler(func(*discordgo.Session, *discordgo.Disconnect) {
				sh.connected.Store(false)
				b.log.Warn("disconnected; reconnecting", "shard", sh.id)
			}),
		)
	}

	if err := b.openAll(ctx); err != nil {
		b.closeSessions()
		b.shutdownHTTP(ctx)
		return err
	}

	if !b.registers() {
		b.log.Info("commands left to the process that owns shard 0", "shards", b.cfg.Shards.String())
		return nil
	}
	appID := b.selfID()
	if a := b.rest.State.Application; a != nil && a.ID != "" {
		appID = a.ID
	}
	if _, err := b.rest.ApplicationCommandBulkOverwrite(appID, b.cfg.GuildID, appCommands(b.list), discordgo.WithContext(ctx)); err != nil {
		_ = b.Stop(ctx)
		return fmt.Errorf("register commands: %w", err)
	}
	b.log.Info("commands registered", "count", len(b.list), "guild_id", b.cfg.GuildID)
	return nil
}

// openAll connects every shard's session, lowest first. Discord lets
// max_concurrency shards identify at once, then each bucket
// (shard_id % max_concurrency) once every 5 seconds: a shard whose bucket
// identified less than that ago waits.
func (b *Bot) openAll(ctx context.Context) error {
	maxConc := 1
	if len(b.shards) > 1 {
		gb, err := b.rest.GatewayBot(discordgo.WithContext(ctx))
		if err != nil {
			return fmt.Errorf("ask Discord for the gateway: %w", err)
		}
		maxConc = max(gb.SessionStartLimit.MaxConcurrency, 1)
	}
	last := map[int]time.Time{}
	for _, sh := range b.shards {
		bucket := sh.id % maxConc
		if t, ok := last[bucket]; ok {
			if wait := identifyEvery - time.Since(t); wait > 0 {
				timer := time.NewTimer(wait)
				select {
				case <-timer.C:
				case <-ctx.Done():
					timer.Stop()
					return ctx.Err()
				}
			}
		}
		last[bucket] = time.Now()
		if err := b.open(sh); err != nil {
			return err
		}
		sh.connected.Store(true)
	}
	return nil
}

// open connects one shard to the gateway, once more without the Message
// Content intent when Discord refuses it; the shards not yet open then go
// without it too.
func (b *Bot) open(sh *shard) error {
	err := sh.session.Open()
	var ce *websocket.CloseError
	if errors.As(err, &ce) && ce.Code == closeBadIntent && sh.session.Identify.Intents&contentIntent != 0 {
		b.log.Warn("the Message Content intent is not enabled for this application; answering mentions and replies only")
		for _, other := range b.shards[slices.Index(b.shards, sh):] {
			other.session.Identify.Intents &^= contentIntent
		}
		err = sh.session.Open()
	}
	if err != nil {
		if sh.session.ShardCount > 1 {
			return fmt.Errorf("connect shard %d of %d to the Discord gateway: %w", sh.id, sh.session.ShardCount, err)
		}
		return fmt.Errorf("connect to the Discord gateway: %w", err)
	}
	return nil
}

// closeSessions closes every shard's session for good. discordgo v0.29.0
// reconnects after Close unless told not to.
func (b *Bot) closeSessions() error {
	var errs []error
	for _, sh := range b.shards {
		sh.session.Lock()
		sh.session.ShouldReconnectOnError = false
		sh.session.Unlock()
		if err := sh.session.Close(); err != nil {
			errs = append(errs, fmt.Errorf("shard %d: %w", sh.id, err))
		}
		sh.connected.Store(false)
	}
	return errors.Join(errs...)
}

// Stop stops taking events, lets the events in flight finish (until ctx
// ends), closes the gateway without reconnecting and stops the HTTP server.
// The caller closes the store afterwards.
func (b *Bot) Stop(ctx context.Context) error {
	b.mu.Lock()
	if b.stopping {
		b.mu.Unlock()
		return nil
	}
	b.stopping = true
	b.mu.Unlock()
	for _, rm := range b.remove {
		rm()
	}

	done := make(chan struct{})
	go func() { b.inflight.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		b.log.Warn("stopping with events still in flight")
	}
	b.cancel()

	err := b.closeSessions()
	b.shutdownHTTP(ctx)
	unbridgeLogs(b.cfg.Token)
	if err != nil {
		return fmt.Errorf("close the Discord session: %w", err)
	}
	return nil
}

// begin counts an event in flight; false when stopping.
func (b *Bot) begin() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.stopping {
		return false
	}
	b.inflight.Add(1)
	return true
}

// end finishes an event begun with begin, recovering a panic in the
// bot's own code so that the process keeps running.
func (b *Bot) end(kind string) {
	if p := recover(); p != nil {
		b.metrics.panics.Inc()
		b.log.Error("panic handling event", "kind", kind, "panic", fmt.Sprint(p), "stack", stack())
	}
	b.handled.Add(1)
	b.inflight.Done()
}

func (b *Bot) selfID() string {
	st := b.rest.State
	st.RLock()
	defer st.RUnlock()
	if st.User == nil {
		return ""
	}
	return st.User.ID
}

// request fills in what every request from an interaction carries.
func (b *Bot) request(i *discordgo.Interaction, r handlers.Request) handlers.Request {
	r.GuildID = i.GuildID
	r.ChannelID = i.ChannelID
	if i.Member != nil && i.Member.User != nil {
		r.UserID = i.Member.User.ID
	} else if i.User != nil {
		r.UserID = i.User.ID
	}
	r.CanManage = canManage(i.Member)
	if i.AppPermissions != 0 {
		r.CanPost = map[string]bool{i.ChannelID: canPost(i.AppPermissions)}
	}
	r.Now = b.cfg.Now()
	if r.Options == nil {
		r.Options = map[string]string{}
	}
	return r
}

func (b *Bot) onInteraction(s *discordgo.Session, ic *discordgo.InteractionCreate) {
	if !b.begin() {
		return
	}
	start := time.Now()
	defer b.end("interaction")
	i := ic.Interaction
	switch i.Type {
	case discordgo.InteractionApplicationCommand:
		r := commandRequest(i.ApplicationCommandData())
		r.Kind = handlers.KindCommand
		r = b.request(i, r)
		cmd, ok := b.cmds[r.Command]
		if !ok {
			b.respondNow(i, "command", r, notice(fmt.Sprintf("I no longer know /%s; Discord may take a minute to update the command list. Try /help.", r.Command)), start)
			return
		}
		b.respond(i, cmd, r, false, start)
	case discordgo.InteractionApplicationCommandAutocomplete:
		r := commandRequest(i.ApplicationCommandData())
		r.Kind = handlers.KindAutocomplete
		r = b.request(i, r)
		b.autocomplete(i, r, start)
	case discordgo.InteractionMessageComponent:
		r, ok := buttonRequest(i.MessageComponentData().CustomID)
		r = b.request(i, r)
		cmd, known := b.cmds[r.Command]
		if !ok || !known {
			b.respondNow(i, "button", r, notice("That button is from an older version of me; please ask again."), start)
			return
		}
		b.respond(i, cmd, r, true, start)
	default:
		b.log.Debug("interaction ignored", "type", int(i.Type))
	}
}

// notice is a short reply only the caller sees.
func notice(text string) handlers.Response {
	return handlers.Response{Content: text, Ephemeral: true}
}

// respondNow answers an interaction with a response already at hand.
func (b *Bot) respondNow(i *discordgo.Interaction, kind string, r handlers.Request, resp handlers.Response, start time.Time) {
	m := render(resp)
	err := b.rest.InteractionRespond(i, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource, Data: m.interactionData(),
	}, discordgo.WithContext(b.ctx))
	b.sent(kind, r, start, err)
}

// respond runs a command or button handler and sends its response; when
// the handler has not returned within DeferAfter, it defers the
// interaction and later edits the deferred response.
func (b *Bot) respond(i *discordgo.Interaction, cmd handlers.Command, r handlers.Request, button bool, start time.Time) {
	kind := "command"
	if button {
		kind = "button"
	}
	done := make(chan handlers.Response, 1)
	go func() { done <- b.chain(b.ctx, cmd, r) }()
	timer := time.NewTimer(b.cfg.DeferAfter)
	defer timer.Stop()
	var resp handlers.Response
	select {
	case resp = <-done:
	case <-timer.C:
		deferred := &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{AllowedMentions: noMentions()},
		}
		if button {
			// Acknowledge the press; the answer replaces the message.
			deferred = &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}
		}
		if err := b.rest.InteractionRespond(i, deferred, discordgo.WithContext(b.ctx)); err != nil {
			b.sent(kind, r, start, fmt.Errorf("defer: %w", err))
			return
		}
		b.log.Debug("interaction deferred", "command", r.Command, "after_ms", time.Since(start).Milliseconds())
		resp = <-done
		m := b.interactionMessage(resp)
		_, err := b.rest.InteractionResponseEdit(i, m.webhookEdit(), discordgo.WithContext(b.ctx))
		b.sent(kind, r, start, err)
		return
	}
	m := b.interactionMessage(resp)
	typ := discordgo.InteractionResponseChannelMessageWithSource
	if button && resp.Replace {
		typ = discordgo.InteractionResponseUpdateMessage
	}
	err := b.rest.InteractionRespond(i, &discordgo.InteractionResponse{Type: typ, Data: m.interactionData()}, discordgo.WithContext(b.ctx))
	b.sent(kind, r, start, err)
}

// interactionMessage renders a response to an interaction, which must say
// something.
func (b *Bot) interactionMessage(resp handlers.Response) message {
	m := render(resp)
	if resp.Quiet || m.empty() {
		m = render(notice("Done."))
	}
	return m
}

// autoResponse is an autocomplete answer. discordgo's
// InteractionResponseData omits an empty choice list, which Discord wants
// spelled out as [].
type autoResponse struct {
	Type discordgo.InteractionResponseType `json:"type"`
	Data struct {
		Choices []*discordgo.ApplicationCommandOptionChoice `json:"choices"`
	} `json:"data"`
}

func (b *Bot) autocomplete(i *discordgo.Interaction, r handlers.Request, start time.Time) {
	var cs []handlers.Choice
	if cmd, ok := b.cmds[r.Command]; ok && cmd.Complete != nil {
		cs = b.complete(cmd, r)
	}
	resp := autoResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult}
	resp.Data.Choices = choices(cs)
	endpoint := discordgo.EndpointInteractionResponse(i.ID, i.Token)
	_, err := b.rest.RequestWithBucketID("POST", endpoint, resp, endpoint, discordgo.WithContext(b.ctx))
	b.sent("autocomplete", r, start, err)
}

// complete runs a Complete function; a panic yields no choices.
func (b *Bot) complete(cmd handlers.Command, r handlers.Request) (cs []handlers.Choice) {
	defer func() {
		if p := recover(); p != nil {
			b.metrics.panics.Inc()
			b.log.Error("panic in autocomplete", "command", r.Command, "panic", fmt.Sprint(p), "stack", stack())
			cs = nil
		}
	}()
	return cmd.Complete(r)
}

// sent records that a reply went out (or failed to): latency, metrics, log.
func (b *Bot) sent(kind string, r handlers.Request, start time.Time, err error) {
	d := time.Since(start)
	b.metrics.latency.WithLabelValues(kind).Observe(d.Seconds())
	attrs := []any{"kind", kind, "command", r.Command, "guild_id", r.GuildID, "channel_id", r.ChannelID,
		"user_id", r.UserID, "latency_ms", float64(d.Microseconds()) / 1000}
	if err != nil {
		b.log.Error("reply failed", append(attrs, "err", err)...)
		return
	}
	b.log.Info("replied", attrs...)
}

func (b *Bot) onMessage(s *discordgo.Session, mc *discordgo.MessageCreate) {
	if !b.begin() {
		return
	}
	start := time.Now()
	defer b.end("message")
	m := mc.Message
	self := b.selfID()
	if m == nil || m.Author == nil || m.Author.Bot || m.WebhookID != "" || m.Author.ID == self || self == "" {
		return
	}
	if !b.seen.add(m.ID) {
		return
	}
	addressed := m.GuildID == "" || mentions(m.Mentions, self) ||
		(m.ReferencedMessage != nil && m.ReferencedMessage.Author != nil && m.ReferencedMessage.Author.ID == self)
	text := strings.NewReplacer("<@"+self+">", " ", "<@!"+self+">", " ").Replace(m.Content)
	if !addressed && strings.TrimSpace(text) == "" {
		return
	}
	cmd, ok := b.cmds[askCommand]
	if !ok {
		return
	}
	r := handlers.Request{Kind: handlers.KindMessage, Command: askCommand, Text: text, GuildID: m.GuildID,
		ChannelID: m.ChannelID, UserID: m.Author.ID, Now: b.cfg.Now(), Options: map[string]string{}}
	if !addressed {
		set, err := b.settings(b.ctx, m.GuildID)
		if err != nil {
			b.log.Error("load settings", "guild_id", m.GuildID, "err", err)
			return
		}
		if !slices.Contains(set.AnswerChannels, m.ChannelID) {
			return
		}
	}
	resp := b.chain(b.ctx, cmd, r)
	if resp.Quiet || (!addressed && resp.Unsure) {
		return
	}
	if !b.cool.take(m.Author.ID, time.Now(), b.cfg.Cooldown) {
		b.log.Debug("cooldown", "user_id", m.Author.ID)
		return
	}
	msg := render(resp)
	if msg.empty() {
		return
	}
	no := false
	ref := &discordgo.MessageReference{MessageID: m.ID, ChannelID: m.ChannelID, GuildID: m.GuildID, FailIfNotExists: &no}
	_, err := b.rest.ChannelMessageSendComplex(m.ChannelID, msg.messageSend(ref), discordgo.WithContext(b.ctx))
	b.sent("message", r, start, err)
}

func mentions(us []*discordgo.User, id string) bool {
	for _, u := range us {
		if u != nil && u.ID == id {
			return true
		}
	}
	return false
}

// settings returns a server's settings; a DM has none.
func (b *Bot) settings(ctx context.Context, guildID string) (handlers.Settings, error) {
	if guildID == "" {
		return handlers.Settings{}, nil
	}
	return b.store.Settings(ctx, guildID)
}

// recent remembers the last n ids seen.
type recent struct {
	mu   sync.Mutex
	set  map[string]bool
	ring []string
	next int
}

func newRecent(n int) *recent {
	return &recent{set: make(map[string]bool, n), ring: make([]string, n)}
}

// add reports whether id is new, and remembers it.
func (r *recent) add(id string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.set[id] {
		return false
	}
	if old := r.ring[r.next]; old != "" {
		delete(r.set, old)
	}
	r.ring[r.next] = id
	r.next = (r.next + 1) % len(r.ring)
	r.set[id] = true
	return true
}

// cooldowns keeps when each user was last answered.
type cooldowns struct {
	mu   sync.Mutex
	last map[string]time.Time
}

// take reports whether user may be answered at now, and if so starts the
// user's cooldown.
func (c *cooldowns) take(user string, now time.Time, d time.Duration) bool {
	if d < 0 {
		return true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.last == nil {
		c.last = map[string]time.Time{}
	}
	if t, ok := c.last[user]; ok && now.Sub(t) < d {
		return false
	}
	if len(c.last) > 10000 {
		for u, t := range c.last {
			if now.Sub(t) >= d {
				delete(c.last, u)
			}
		}
	}
	c.last[user] = now
	return true
}

package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/malibot/malibot/bot/store"
	"github.com/malibot/malibot/facts"
	"github.com/malibot/malibot/handlers"
)

// Sender posts a daily post in a channel. The wiring to discordgo wraps its
// errors: ErrChannelGone or ErrNoPermission when posting there cannot work
// (the schedule is then paused), anything else is taken as transient and
// the post is tried again later the same local day. discordgo waits out
// 429s itself, so a rate limit is never an error here.
type Sender func(ctx context.Context, channelID string, p handlers.Post) error

// Errors a Sender wraps to say the channel cannot take posts.
var (
	// ErrChannelGone: the channel was deleted or is unknown (Discord 10003).
	ErrChannelGone = errors.New("channel gone")
	// ErrNoPermission: the bot cannot see or post in the channel (Discord
	// 50001 Missing Access, 50013 Missing Permissions).
	ErrNoPermission = errors.New("no permission")
)

// Scheduler sends each server's daily post at its local time. One cron
// entry ticks every minute; what is due is decided by handlers.Schedule.Due,
// a pure function of the clock, so tests drive Tick with a fake clock.
//
// Every post is claimed in the store, keyed by server and local date,
// before it is sent, and marked sent after: a crash, a restart or a second
// process never posts twice, and a post missed while down goes out when the
// bot comes back the same local day.
//
// One entry rather than one per server: cron's own per-entry time zones
// would skip a post whose time falls in a spring-forward gap, could not
// catch up a missed post, and would re-sort 10,000 entries on every wake.
type Scheduler struct {
	Store  store.Store
	Facts  *facts.Base
	Send   Sender
	Shards store.Shards // the servers this process schedules; all when zero
	// Concurrency is how many posts are sent at once; 4 when zero. With
	// discordgo queueing per route and waiting out 429s, a burst at a popular
	// hour is sent in full, just spread out.
	Concurrency int
	Now         func() time.Time // time.Now when nil
	Logger      *slog.Logger     // slog.Default() when nil
	// KeepPosts is how long the record of a post is kept (one row per
	// server and day); DefaultKeepPosts when zero. Prune runs once a day.
	KeepPosts time.Duration

	mu      sync.Mutex
	list    []schedEntry              // the last schedules read from the store
	zones   map[string]*time.Location // loaded zones by name
	backoff map[string]retryState     // servers whose last try failed, by guild id
	cron    *cron.Cron
	running sync.WaitGroup // the first tick, run outside cron
}

// schedEntry is one server's schedule as the scheduler keeps it.
type schedEntry struct {
	guild string
	sched handlers.Schedule
	loc   *time.Location
}

// dueJob is one post to send now.
type dueJob struct {
	schedEntry
	date  string    // local date, YYYY-MM-DD
	local time.Time // now in the server's zone
	at    time.Time // the post time it was due at
}

type retryState struct {
	date  string
	next  time.Time
	delay time.Duration
}

// TickStats says what one tick did.
type TickStats struct {
	Schedules int // active schedules of this process's shards
	Due       int // of them due now
	Sent      int
	Skipped   int // already claimed, by an earlier tick or another process
	Retrying  int // transient failures, tried again later the same day
	Paused    int // channel gone or permission lost
	Errors    int // store errors; the post waits for a later tick
}

func (s *Scheduler) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Scheduler) logger() *slog.Logger {
	if s.Logger != nil {
		return s.Logger
	}
	return slog.Default()
}

// Start ticks once now, to send what was missed while the bot was down,
// then at the start of every minute, until Stop.
func (s *Scheduler) Start(ctx context.Context) error {
	if s.Store == nil || s.Facts == nil || s.Send == nil {
		return errors.New("scheduler: Store, Facts and Send are required")
	}
	log := s.logger()
	cl := cronLogger{log}
	c := cron.New(cron.WithLocation(time.UTC), cron.WithLogger(cl))
	tick := func() {
		st, err := s.Tick(ctx)
		if err != nil {
			log.Warn("daily tick", "err", err)
		}
		if st.Due > 0 || st.Errors > 0 {
			log.Info("daily tick", "schedules", st.Schedules, "due", st.Due, "sent", st.Sent, "skipped", st.Skipped,
				"retrying", st.Retrying, "paused", st.Paused, "errors", st.Errors)
		}
	}
	every, err := cron.ParseStandard("* * * * *")
	if err != nil {
		return fmt.Errorf("scheduler: %w", err)
	}
	// One wrapped job for both the first tick and the minute ticks, so that
	// SkipIfStillRunning keeps a slow catch-up and a tick from overlapping.
	job := cron.NewChain(cron.Recover(cl), cron.SkipIfStillRunning(cl)).Then(cron.FuncJob(tick))
	c.Schedule(every, job)
	daily, err := cron.ParseStandard("17 4 * * *")
	if err != nil {
		return fmt.Errorf("scheduler: %w", err)
	}
	c.Schedule(daily, cron.NewChain(cron.Recover(cl), cron.SkipIfStillRunning(cl)).Then(cron.FuncJob(func() {
		if n, err := s.Prune(ctx); err != nil {
			log.Warn("prune post records", "err", err)
		} else if n > 0 {
			log.Info("pruned post records", "deleted", n)
		}
	})))
	s.mu.Lock()
	s.cron = c
	s.mu.Unlock()
	s.running.Add(1)
	go func() {
		defer s.running.Done()
		job.Run()
	}()
	c.Start()
	log.Info("daily scheduler started", "shards", s.Shards.String())
	return nil
}

// DefaultKeepPosts keeps a little more than a year of post records: the
// 60 days that keep a fact from being posted again, and a year of history.
const DefaultKeepPosts = 400 * 24 * time.Hour

// Prune deletes the records of posts older than KeepPosts (by UTC date; a
// day either way does not matter at that age) and returns how many went.
func (s *Scheduler) Prune(ctx context.Context) (int64, error) {
	keep := s.KeepPosts
	if keep <= 0 {
		keep = DefaultKeepPosts
	}
	return s.Store.PrunePosts(ctx, s.now().UTC().Add(-keep).Format("2006-01-02"))
}

// Stop stops the ticks; the returned context is done when a running tick
// has finished.
func (s *Scheduler) Stop() context.Context {
	s.mu.Lock()
	c := s.cron
	s.mu.Unlock()
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		if c != nil {
			<-c.Stop().Done()
		}
		s.running.Wait()
		cancel()
	}()
	return ctx
}

// Refresh reads the schedules of this process's shards from the store. On
// failure the last list is kept, so a database outage loses no schedule.
func (s *Scheduler) Refresh(ctx context.Context) (int, error) {
	list, err := s.Store.Schedules(ctx, s.Shards)
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil {
		return len(s.list), fmt.Errorf("refresh schedules: %w", err)
	}
	if s.zones == nil {
		s.zones = map[string]*time.Location{}
	}
	entries := make([]schedEntry, 0, len(list))
	for _, st := range list {
		if !s.Shards.Owns(st.GuildID) || st.Daily.ChannelID == "" {
			continue
		}
		loc, ok := s.zones[st.Daily.Zone]
		if !ok {
			if loc, err = handlers.LoadZone(st.Daily.Zone); err != nil {
				// Only /daily set writes zones and it validates them; a zone
				// dropped from tzdata falls back to UTC rather than stopping.
				s.logger().Warn("daily schedule with an unknown zone, using UTC", "guild_id", st.GuildID, "zone", st.Daily.Zone)
				loc = time.UTC
			}
			s.zones[st.Daily.Zone] = loc
		}
		entries = append(entries, schedEntry{guild: st.GuildID, sched: st.Daily, loc: loc})
	}
	s.list = entries
	return len(entries), nil
}

// decide returns the posts due at now among the kept schedules, oldest post
// time first, leaving out servers waiting to retry.
func (s *Scheduler) decide(now time.Time) []dueJob {
	s.mu.Lock()
	defer s.mu.Unlock()
	var due []dueJob
	for _, e := range s.list {
		date, ok := e.sched.Due(now, e.loc)
		if !ok {
			continue
		}
		if r, waiting := s.backoff[e.guild]; waiting && r.date == date && now.Before(r.next) {
			continue
		}
		local := now.In(e.loc)
		due = append(due, dueJob{schedEntry: e, date: date, local: local, at: handlers.PostTime(local, e.sched.Hour, e.sched.Minute, e.loc)})
	}
	sort.SliceStable(due, func(i, j int) bool { return due[i].at.Before(due[j].at) })
	return due
}

// Tick refreshes the schedules and sends every post due now, at most
// Concurrency at a time, returning when all are done.
func (s *Scheduler) Tick(ctx context.Context) (TickStats, error) {
	var st TickStats
	n, refreshErr := s.Refresh(ctx)
	st.Schedules = n
	if refreshErr != nil {
		st.Errors++
		s.logger().Warn("daily schedules not refreshed; using the last list", "err", refreshErr, "schedules", n)
	}
	now := s.now()
	due := s.decide(now)
	st.Due = len(due)
	workers := s.Concurrency
	if workers <= 0 {
		workers = 4
	}
	var (
		wg  sync.WaitGroup
		mu  sync.Mutex
		sem = make(chan struct{}, workers)
	)
	for _, job := range due {
		if ctx.Err() != nil {
			break
		}
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			outcome := s.post(ctx, job, now)
			mu.Lock()
			defer mu.Unlock()
			switch outcome {
			case outSent:
				st.Sent++
			case outSkipped:
				st.Skipped++
			case outRetry:
				st.Retrying++
			case outPaused:
				st.Paused++
			case outError:
				st.Errors++
			}
		}()
	}
	wg.Wait()
	return st, refreshErr
}

type outcome int

const (
	outSent outcome = iota
	outSkipped
	outRetry
	outPaused
	outError
)

// post claims, renders, sends and records one server's post.
func (s *Scheduler) post(ctx context.Context, job dueJob, now time.Time) outcome {
	log := s.logger().With("guild_id", job.guild, "date", job.date, "channel_id", job.sched.ChannelID)
	since := job.local.AddDate(0, 0, -handlers.RecentDays).Format(handlers.DateLayout)
	recent, err := s.Store.RecentFacts(ctx, job.guild, since)
	if err != nil {
		log.Warn("daily post: history unavailable", "err", err)
		s.retryLater(job, now)
		return outError
	}
	p := handlers.DailyPost(s.Facts, job.guild, job.local, recent)
	claimed, err := s.Store.ClaimPost(ctx, store.Claim{GuildID: job.guild, Date: job.date, ChannelID: job.sched.ChannelID, Facts: p.Facts, Now: now})
	if err != nil {
		log.Warn("daily post: claim failed", "err", err)
		s.retryLater(job, now)
		return outError
	}
	s.markPosted(job)
	if !claimed {
		return outSkipped
	}
	if ctx.Err() != nil { // shutting down: give the day back rather than lose it
		s.release(job, "shut down before sending", log)
		return outRetry
	}
	start := time.Now()
	err = s.Send(ctx, job.sched.ChannelID, p)
	switch {
	case err == nil:
		s.clearRetry(job.guild)
		// The record must survive a short database outage: retry on a
		// context of its own. If it still fails, the claim stays and says
		// the post was being sent; it is never sent twice.
		mctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		if err := s.Store.MarkSent(mctx, job.guild, job.date, ""); err != nil {
			log.Error("daily post sent but not recorded as sent; the claim stands", "err", err)
		}
		log.Info("daily post sent", "kind", string(p.Kind), "latency_ms", time.Since(start).Milliseconds())
		return outSent
	case errors.Is(err, ErrChannelGone), errors.Is(err, ErrNoPermission):
		reason := pauseReason(err, job.sched.ChannelID, now)
		fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		if ferr := s.Store.FailPost(fctx, job.guild, job.date, reason); ferr != nil {
			log.Error("daily post failed and the schedule could not be paused", "err", ferr, "reason", reason)
		}
		log.Warn("daily schedule paused", "reason", reason, "err", err)
		return outPaused
	default:
		s.release(job, err.Error(), log)
		s.retryLater(job, now)
		log.Warn("daily post not sent; will retry today", "err", err)
		return outRetry
	}
}

func (s *Scheduler) release(job dueJob, reason string, log *slog.Logger) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := s.Store.ReleasePost(ctx, job.guild, job.date, reason); err != nil {
		log.Error("daily post: claim not released; the day will not be retried", "err", err)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.list {
		if s.list[i].guild == job.guild && s.list[i].sched.LastPost == job.date {
			s.list[i].sched.LastPost = ""
		}
	}
}

// markPosted records the claim in the kept list, so that the next tick
// skips the server even if its refresh fails.
func (s *Scheduler) markPosted(job dueJob) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.list {
		if s.list[i].guild == job.guild && s.list[i].sched.LastPost < job.date {
			s.list[i].sched.LastPost = job.date
		}
	}
}

// retryLater holds a server back for a growing delay: 1, 2, 4 … 30 minutes.
func (s *Scheduler) retryLater(job dueJob, now time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.backoff == nil {
		s.backoff = map[string]retryState{}
	}
	r := s.backoff[job.guild]
	if r.date != job.date {
		r = retryState{date: job.date}
	}
	r.delay = min(max(2*r.delay, time.Minute), 30*time.Minute)
	r.next = now.Add(r.delay)
	s.backoff[job.guild] = r
}

func (s *Scheduler) clearRetry(guild string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.backoff, guild)
}

// pauseReason is what /daily show says about a paused schedule.
func pauseReason(err error, channelID string, now time.Time) string {
	when := now.UTC().Format("2 January 2006 15:04 UTC")
	if errors.Is(err, ErrChannelGone) {
		return fmt.Sprintf("the channel <#%s> no longer exists (%s)", channelID, when)
	}
	return fmt.Sprintf("I lost permission to post in <#%s>: I need View Channel, Send Messages and Embed Links there (%s)", channelID, when)
}

// cronLogger bridges cron's logger into slog.
type cronLogger struct{ l *slog.Logger }

func (c cronLogger) Info(msg string, kv ...any) {
	c.l.Debug("cron: "+msg, kv...)
}

func (c cronLogger) Error(err error, msg string, kv ...any) {
	c.l.Error("cron: "+msg, append(kv, "err", err)...)
}

package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/malibot/malibot/bot/store/storetest"

	"github.com/malibot/malibot/bot/store"
	"github.com/malibot/malibot/facts"
	"github.com/malibot/malibot/handlers"
)

// clock is a settable clock for the scheduler.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// sends records what a fake Sender was asked to post.
type sends struct {
	mu       sync.Mutex
	byGuild  map[string]int // channel id "c<guild>" → posts
	inFlight atomic.Int32
	maxIn    atomic.Int32
	fail     func(channelID string, n int) error // n: earlier calls for the channel
	calls    map[string]int
}

func newSends() *sends { return &sends{byGuild: map[string]int{}, calls: map[string]int{}} }

func (s *sends) send(ctx context.Context, channelID string, p handlers.Post) error {
	n := s.inFlight.Add(1)
	defer s.inFlight.Add(-1)
	for {
		m := s.maxIn.Load()
		if n <= m || s.maxIn.CompareAndSwap(m, n) {
			break
		}
	}
	if p.Embed.Title == "" || p.Embed.Description == "" {
		return fmt.Errorf("empty post")
	}
	s.mu.Lock()
	calls := s.calls[channelID]
	s.calls[channelID]++
	s.mu.Unlock()
	if s.fail != nil {
		if err := s.fail(channelID, calls); err != nil {
			return err
		}
	}
	s.mu.Lock()
	s.byGuild[channelID]++
	s.mu.Unlock()
	return nil
}

func (s *sends) count(channelID string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.byGuild[channelID]
}

func (s *sends) total() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, v := range s.byGuild {
		n += v
	}
	return n
}

func testFacts(tb testing.TB) *facts.Base {
	tb.Helper()
	b, err := facts.Load(os.DirFS("../facts/testdata/base"))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func openStore(tb testing.TB, url, dir string) store.Store {
	tb.Helper()
	st, err := store.Open(context.Background(), url, dir)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}

// subscribe saves a daily schedule for guild, posting in channel "c"+guild.
func subscribe(tb testing.TB, st store.Store, guild, zone string, hour, minute int) {
	tb.Helper()
	err := st.SaveSettings(context.Background(), handlers.Settings{GuildID: guild, Daily: handlers.Schedule{
		Enabled: true, ChannelID: "c" + guild, Hour: hour, Minute: minute, Zone: zone,
		Since: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC),
	}})
	if err != nil {
		tb.Fatal(err)
	}
}

func newScheduler(tb testing.TB, st store.Store, c *clock, out *sends) *Scheduler {
	tb.Helper()
	return &Scheduler{Store: st, Facts: testFacts(tb), Send: out.send, Now: c.Now, Logger: quiet()}
}

func at(tb testing.TB, zone, s string) time.Time {
	tb.Helper()
	loc, err := handlers.LoadZone(zone)
	if err != nil {
		tb.Fatal(err)
	}
	t, err := time.ParseInLocation("2006-01-02 15:04:05", s, loc)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

func tick(tb testing.TB, s *Scheduler) TickStats {
	tb.Helper()
	st, err := s.Tick(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return st
}

func TestSchedulerTokyoAt0800(t *testing.T) {
	t.Parallel()
	st := openStore(t, "", t.TempDir())
	subscribe(t, st, "1", "Asia/Tokyo", 8, 0)
	c, out := &clock{}, newSends()
	s := newScheduler(t, st, c, out)
	for _, step := range []struct {
		now  string
		want int
	}{
		{"2025-05-20 07:59:00", 0},
		{"2025-05-20 07:59:59", 0},
		{"2025-05-20 08:00:00", 1},
		{"2025-05-20 08:01:00", 1},
		{"2025-05-20 23:59:00", 1},
		{"2025-05-21 07:59:00", 1},
		{"2025-05-21 08:00:00", 2},
	} {
		c.Set(at(t, "Asia/Tokyo", step.now))
		tick(t, s)
		if got := out.count("c1"); got != step.want {
			t.Fatalf("at %s Tokyo: %d posts, want %d", step.now, got, step.want)
		}
	}
	rec, ok, err := st.Post(context.Background(), "1", "2025-05-20")
	if err != nil || !ok || rec.Status != store.StatusSent {
		t.Errorf("record = %+v, %v, %v", rec, ok, err)
	}
}

func TestSchedulerParisDST(t *testing.T) {
	t.Parallel()
	st := openStore(t, "", t.TempDir())
	subscribe(t, st, "1", "Europe/Paris", 8, 0)
	subscribe(t, st, "2", "Europe/Paris", 2, 30) // skipped in spring, repeated in autumn
	c, out := &clock{}, newSends()
	s := newScheduler(t, st, c, out)
	// Two days around each change.
	for _, start := range []time.Time{time.Date(2025, 3, 29, 0, 0, 0, 0, time.UTC), time.Date(2025, 10, 25, 0, 0, 0, 0, time.UTC)} {
		before1, before2 := out.count("c1"), out.count("c2")
		for now := start; now.Before(start.Add(48 * time.Hour)); now = now.Add(15 * time.Minute) { // every post time falls on a quarter hour
			c.Set(now)
			tick(t, s)
		}
		if got := out.count("c1") - before1; got != 2 {
			t.Errorf("from %v: %d posts at 08:00, want 2", start, got)
		}
		if got := out.count("c2") - before2; got != 2 {
			t.Errorf("from %v: %d posts at 02:30, want 2", start, got)
		}
	}
	// 08:00 Paris on the spring-forward Sunday is 06:00 UTC.
	if rec, _, _ := st.Post(context.Background(), "1", "2025-03-30"); rec.ClaimedAt.Format("15:04") != "06:00" {
		t.Errorf("spring-forward Sunday posted at %v UTC, want 06:00", rec.ClaimedAt)
	}
	if rec, _, _ := st.Post(context.Background(), "1", "2025-10-26"); rec.ClaimedAt.Format("15:04") != "07:00" {
		t.Errorf("fall-back Sunday posted at %v UTC, want 07:00", rec.ClaimedAt)
	}
}

func TestSchedulerRestart(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		restart string
		want    int
	}{
		{"2025-05-20 07:59:59", 0}, // and then 08:00 comes
		{"2025-05-20 08:00:01", 1},
		{"2025-05-20 21:30:00", 1}, // down all morning: sent late the same day
		{"2025-05-21 00:00:30", 0}, // down all day: yesterday's post is not sent today
	} {
		t.Run(tt.restart, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			st := openStore(t, "", dir)
			subscribe(t, st, "1", "Africa/Bamako", 8, 0)
			c, out := &clock{}, newSends()
			// Yesterday's post went out before the stop.
			c.Set(at(t, "Africa/Bamako", "2025-05-19 08:00:00"))
			tick(t, newScheduler(t, st, c, out))
			st.Close()

			st = openStore(t, "", dir) // a new process
			s := newScheduler(t, st, c, out)
			c.Set(at(t, "Africa/Bamako", tt.restart))
			tick(t, s)
			if got := out.count("c1") - 1; got != tt.want {
				t.Fatalf("after a restart at %s: %d posts, want %d", tt.restart, got, tt.want)
			}
			c.Set(c.Now().Add(time.Minute))
			tick(t, s)
			if got := out.count("c1") - 1; got != max(tt.want, 1) && !strings.HasPrefix(tt.restart, "2025-05-21") {
				t.Fatalf("a minute later: %d posts", got)
			}
		})
	}
}

// crashingStore fails MarkSent, as a process killed between sending and
// recording would never call it.
type crashingStore struct{ store.Store }

func (crashingStore) MarkSent(context.Context, string, string, string) error {
	return errors.New("killed")
}

func TestSchedulerCrashBetweenSendAndRecord(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	st := openStore(t, "", dir)
	subscribe(t, st, "1", "UTC", 8, 0)
	c, out := &clock{}, newSends()
	c.Set(time.Date(2025, 5, 20, 8, 0, 0, 0, time.UTC))
	tick(t, newScheduler(t, crashingStore{st}, c, out))
	st.Close()

	st = openStore(t, "", dir)
	c.Set(c.Now().Add(2 * time.Minute))
	s := newScheduler(t, st, c, out)
	tick(t, s)
	if n := out.count("c1"); n != 1 {
		t.Fatalf("%d posts, want exactly 1", n)
	}
	rec, ok, err := st.Post(context.Background(), "1", "2025-05-20")
	if err != nil || !ok || rec.Status != store.StatusClaimed || !strings.Contains(rec.Explain(), "never marked sent") {
		t.Fatalf("record = %+v (%s)", rec, rec.Explain())
	}
}

// twoProcesses runs two schedulers on one database at the same instants and
// checks every server got exactly one post.
func twoProcesses(t *testing.T, url, dir string) {
	a, b := openStore(t, url, dir), openStore(t, url, dir)
	const servers = 60
	for i := range servers {
		subscribe(t, a, fmt.Sprint(1000+i), "Africa/Bamako", 8, 0)
	}
	c, out := &clock{}, newSends()
	c.Set(time.Date(2025, 5, 20, 8, 0, 0, 0, time.UTC))
	s1, s2 := newScheduler(t, a, c, out), newScheduler(t, b, c, out)
	s1.Concurrency, s2.Concurrency = 8, 8
	var wg sync.WaitGroup
	for _, s := range []*Scheduler{s1, s2, s1, s2} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := s.Tick(context.Background()); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	for i := range servers {
		if n := out.count(fmt.Sprintf("c%d", 1000+i)); n != 1 {
			t.Errorf("server %d: %d posts, want 1", 1000+i, n)
		}
	}
}

func TestSchedulerTwoProcessesSQLite(t *testing.T) {
	t.Parallel()
	twoProcesses(t, "", t.TempDir())
}

func TestSchedulerTwoProcessesPostgres(t *testing.T) {
	t.Parallel()
	url := os.Getenv("MALIBOT_TEST_POSTGRES")
	if url == "" {
		t.Skip("MALIBOT_TEST_POSTGRES is not set (eval \"$(bash .ci/postgres.sh)\")")
	}
	twoProcesses(t, storetest.PostgresSchema(t, url), "")
}

func TestSchedulerPausesOnALostChannel(t *testing.T) {
	t.Parallel()
	st := openStore(t, "", t.TempDir())
	subscribe(t, st, "1", "UTC", 8, 0)
	subscribe(t, st, "2", "UTC", 8, 0)
	subscribe(t, st, "3", "UTC", 8, 0)
	c, out := &clock{}, newSends()
	out.fail = func(ch string, _ int) error {
		switch ch {
		case "c1":
			return fmt.Errorf("HTTP 404 Not Found, Unknown Channel: %w", ErrChannelGone)
		case "c2":
			return fmt.Errorf("HTTP 403 Forbidden, Missing Permissions: %w", ErrNoPermission)
		}
		return nil
	}
	s := newScheduler(t, st, c, out)
	c.Set(time.Date(2025, 5, 20, 8, 0, 0, 0, time.UTC))
	if got := tick(t, s); got.Paused != 2 || got.Sent != 1 {
		t.Fatalf("tick = %+v", got)
	}
	for guild, want := range map[string]string{"1": "no longer exists", "2": "lost permission"} {
		set, err := st.Settings(context.Background(), guild)
		if err != nil || !strings.Contains(set.Daily.Paused, want) || !strings.Contains(set.Daily.Paused, "<#c"+guild+">") {
			t.Errorf("server %s: Paused = %q, %v", guild, set.Daily.Paused, err)
		}
		// /daily show says why.
		r := handlers.Request{Command: "daily", Subcommand: "show", GuildID: guild, Now: c.Now(), Settings: set}
		if resp := handlers.Daily(handlers.Deps{Facts: s.Facts}).Handle(r); !strings.Contains(resp.Content, want) {
			t.Errorf("/daily show = %q", resp.Content)
		}
	}
	c.Set(time.Date(2025, 5, 21, 8, 0, 0, 0, time.UTC))
	if got := tick(t, s); got.Schedules != 1 || got.Sent != 1 {
		t.Errorf("the next day: %+v, want only the healthy server", got)
	}
}

// TestSchedulerBurst sends 300 posts due the same minute with a Sender
// failing every first attempt, as an overloaded Discord would: sends stay
// within Concurrency and every server gets its post, once.
func TestSchedulerBurst(t *testing.T) {
	t.Parallel()
	st := openStore(t, "", t.TempDir())
	const servers = 300
	for i := range servers {
		subscribe(t, st, fmt.Sprint(i+1), "Africa/Bamako", 8, 0)
	}
	c, out := &clock{}, newSends()
	out.fail = func(ch string, n int) error {
		if n == 0 {
			return errors.New("HTTP 503 Service Unavailable")
		}
		return nil
	}
	s := newScheduler(t, st, c, out)
	s.Concurrency = 5
	c.Set(time.Date(2025, 5, 20, 8, 0, 0, 0, time.UTC))
	first := tick(t, s)
	if first.Retrying != servers || out.total() != 0 {
		t.Fatalf("first tick = %+v", first)
	}
	for range 3 {
		c.Set(c.Now().Add(time.Minute)) // the back-off is a minute
		tick(t, s)
	}
	for i := range servers {
		if n := out.count(fmt.Sprintf("c%d", i+1)); n != 1 {
			t.Fatalf("server %d: %d posts", i+1, n)
		}
	}
	if m := out.maxIn.Load(); m > 5 {
		t.Errorf("%d sends at once, want at most 5", m)
	}
	rec, _, _ := st.Post(context.Background(), "1", "2025-05-20")
	if rec.Attempts != 2 || rec.Status != store.StatusSent {
		t.Errorf("record = %+v", rec)
	}
}

func TestSchedulerShards(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	st := openStore(t, "", dir)
	ids := []string{"81384788765712384", "175928847299117063", "290926798626357250", "613425648685547541", "1000000000000000000", "1100000000000000000"}
	for _, id := range ids {
		subscribe(t, st, id, "UTC", 8, 0)
	}
	c, out := &clock{}, newSends()
	c.Set(time.Date(2025, 5, 20, 8, 0, 0, 0, time.UTC))
	owned := map[int]int{}
	for shard := range 2 {
		s := newScheduler(t, openStore(t, "", dir), c, out)
		s.Shards = store.Shards{Count: 2, IDs: []int{shard}}
		owned[shard] = tick(t, s).Sent
	}
	for _, id := range ids {
		if n := out.count("c" + id); n != 1 {
			t.Errorf("server %s: %d posts", id, n)
		}
	}
	if owned[0] == 0 || owned[1] == 0 {
		t.Errorf("posts by shard = %v; the test ids should cover both", owned)
	}
}

// flakyStore fails every call while down, as a database restart does.
type flakyStore struct {
	store.Store
	down atomic.Bool
}

var errDown = errors.New("connection refused")

func (f *flakyStore) Schedules(ctx context.Context, s store.Shards) ([]handlers.Settings, error) {
	if f.down.Load() {
		return nil, errDown
	}
	return f.Store.Schedules(ctx, s)
}

func (f *flakyStore) ClaimPost(ctx context.Context, c store.Claim) (bool, error) {
	if f.down.Load() {
		return false, errDown
	}
	return f.Store.ClaimPost(ctx, c)
}

func (f *flakyStore) RecentFacts(ctx context.Context, g, since string) ([]string, error) {
	if f.down.Load() {
		return nil, errDown
	}
	return f.Store.RecentFacts(ctx, g, since)
}

func TestSchedulerDatabaseAwayAndBack(t *testing.T) {
	t.Parallel()
	st := &flakyStore{Store: openStore(t, "", t.TempDir())}
	subscribe(t, st, "1", "UTC", 8, 0)
	c, out := &clock{}, newSends()
	s := newScheduler(t, st, c, out)
	c.Set(time.Date(2025, 5, 20, 7, 0, 0, 0, time.UTC))
	tick(t, s) // the schedules are read while the database is up
	st.down.Store(true)
	for m := range 90 { // down from 07:01 to 08:30
		c.Set(time.Date(2025, 5, 20, 7, 1+m, 0, 0, time.UTC))
		got, err := s.Tick(context.Background())
		if err == nil || got.Schedules != 1 {
			t.Fatalf("while down: %+v, %v; want an error and the schedule kept", got, err)
		}
	}
	if out.total() != 0 {
		t.Fatal("posted without a claim")
	}
	st.down.Store(false)
	for m := range 40 { // the back-off is at most 30 minutes
		c.Set(time.Date(2025, 5, 20, 8, 31+m, 0, 0, time.UTC))
		tick(t, s)
	}
	if n := out.count("c1"); n != 1 {
		t.Fatalf("after the database came back: %d posts, want 1", n)
	}
}

func TestSchedulerStartCatchesUpAndStops(t *testing.T) {
	t.Parallel()
	st := openStore(t, "", t.TempDir())
	subscribe(t, st, "1", "UTC", 8, 0)
	c := &clock{}
	c.Set(time.Date(2025, 5, 20, 9, 0, 0, 0, time.UTC))
	sent := make(chan string, 1)
	s := &Scheduler{Store: st, Facts: testFacts(t), Now: c.Now, Logger: quiet(),
		Send: func(ctx context.Context, ch string, p handlers.Post) error { sent <- ch; return nil }}
	if err := s.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	select {
	case ch := <-sent:
		if ch != "c1" {
			t.Errorf("sent to %s", ch)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the missed post was not sent at start")
	}
	select {
	case <-s.Stop().Done():
	case <-time.After(10 * time.Second):
		t.Fatal("Stop did not finish")
	}
	if err := (&Scheduler{}).Start(context.Background()); err == nil {
		t.Error("Start without a store succeeded")
	}
}

// Old post records are pruned; recent ones, which keep a fact from being
// posted twice within 60 days, stay.
func TestSchedulerPrunesOldPosts(t *testing.T) {
	t.Parallel()
	st := openStore(t, "", t.TempDir())
	subscribe(t, st, "1", "UTC", 8, 0)
	c, out := &clock{}, newSends()
	s := newScheduler(t, st, c, out)
	for _, day := range []string{"2024-01-10", "2025-01-10", "2025-02-10"} {
		c.Set(at(t, "UTC", day+" 08:00:00"))
		tick(t, s)
	}
	c.Set(at(t, "UTC", "2025-02-20 04:17:00"))
	n, err := s.Prune(context.Background())
	if err != nil || n != 1 {
		t.Fatalf("Prune = %d, %v; want the one post older than %v", n, err, DefaultKeepPosts)
	}
	for day, kept := range map[string]bool{"2024-01-10": false, "2025-01-10": true, "2025-02-10": true} {
		if _, ok, err := st.Post(context.Background(), "1", day); err != nil || ok != kept {
			t.Errorf("post of %s kept %v (%v), want %v", day, ok, err, kept)
		}
	}
	s.KeepPosts = 15 * 24 * time.Hour
	if n, err := s.Prune(context.Background()); err != nil || n != 1 {
		t.Errorf("Prune keeping 15 days = %d, %v; want 1", n, err)
	}
}

// /daily preview gets the history the scheduler uses: the facts of the 60
// days before today, and today's post apart.
func TestPreviewGetsThePostHistory(t *testing.T) {
	t.Parallel()
	st := openStore(t, "", t.TempDir())
	ctx := context.Background()
	for date, ids := range map[string][]string{"2025-05-20": {"today"}, "2025-05-15": {"a", "b"}, "2025-03-01": {"old"}} {
		if ok, err := st.ClaimPost(ctx, store.Claim{GuildID: "1", Date: date, ChannelID: "c1", Facts: ids}); !ok || err != nil {
			t.Fatal(ok, err)
		}
	}
	b := &Bot{store: st, log: quiet()}
	var got handlers.Request
	next := func(_ context.Context, _ handlers.Command, r handlers.Request) handlers.Response {
		got = r
		return handlers.Response{}
	}
	r := handlers.Request{Command: "daily", Subcommand: "preview", GuildID: "1",
		Now: at(t, "Asia/Tokyo", "2025-05-20 09:00:00"), Settings: handlers.Settings{Daily: handlers.Schedule{Zone: "Asia/Tokyo"}}}
	b.withHistory(next)(ctx, handlers.Command{Name: "daily"}, r)
	if !slices.Equal(got.Posted.Today, []string{"today"}) || !slices.Equal(got.Posted.Recent, []string{"a", "b"}) {
		t.Errorf("history = %+v; want today's post apart and the 60 days before", got.Posted)
	}
	r.Subcommand = "show"
	b.withHistory(next)(ctx, handlers.Command{Name: "daily"}, r)
	if got.Posted.Recent != nil || got.Posted.Today != nil {
		t.Errorf("/daily show read the history: %+v", got.Posted)
	}
}

package store

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/malibot/malibot/bot/store/storetest"

	"github.com/malibot/malibot/handlers"
)

// backend is one kind of store. setup makes a fresh, empty database and
// returns how to open it; each call of open shares that database, as two
// processes would.
type backend struct {
	name  string
	setup func(tb testing.TB) (open func(tb testing.TB) Store)
}

// backends returns SQLite, and PostgreSQL when MALIBOT_TEST_POSTGRES holds a
// URL (.ci/postgres.sh starts one and prints it). Every test runs on each.
func backends(t *testing.T) []backend {
	t.Helper()
	opener := func(url, dir string) func(tb testing.TB) Store {
		return func(tb testing.TB) Store {
			tb.Helper()
			s, err := Open(context.Background(), url, dir)
			if err != nil {
				tb.Fatal(err)
			}
			tb.Cleanup(func() { s.Close() })
			return s
		}
	}
	out := []backend{{"sqlite", func(tb testing.TB) func(tb testing.TB) Store { return opener("", tb.TempDir()) }}}
	if url := os.Getenv("MALIBOT_TEST_POSTGRES"); url != "" {
		out = append(out, backend{"postgres", func(tb testing.TB) func(tb testing.TB) Store { return opener(storetest.PostgresSchema(tb, url), "") }})
	} else {
		t.Log("MALIBOT_TEST_POSTGRES is not set: PostgreSQL skipped (eval \"$(bash .ci/postgres.sh)\" to run it)")
	}
	return out
}

// each runs test once per backend, in parallel.
func each(t *testing.T, test func(t *testing.T, open func(tb testing.TB) Store)) {
	t.Helper()
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			test(t, b.setup(t))
		})
	}
}

var ctx = context.Background()

func daily(guild string, hour int) handlers.Settings {
	return handlers.Settings{GuildID: guild, Daily: handlers.Schedule{
		Enabled: true, ChannelID: "c" + guild, Hour: hour, Minute: 30, Zone: "Europe/Paris",
		Since: time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC),
	}}
}

func TestSettingsRoundTrip(t *testing.T) {
	each(t, func(t *testing.T, open func(testing.TB) Store) {
		s := open(t)
		got, err := s.Settings(ctx, "42")
		if err != nil || got.GuildID != "42" || got.Daily.Enabled {
			t.Fatalf("unseen server = %+v, %v; want zero settings with the id", got, err)
		}
		want := daily("42", 8)
		want.AnswerChannels = []string{"1", "2"}
		if err := s.SaveSettings(ctx, want); err != nil {
			t.Fatal(err)
		}
		want.Daily.Hour = 9 // a second save replaces the first
		if err := s.SaveSettings(ctx, want); err != nil {
			t.Fatal(err)
		}
		got, err = s.Settings(ctx, "42")
		if err != nil {
			t.Fatal(err)
		}
		if !got.Daily.Since.Equal(want.Daily.Since) {
			t.Errorf("Since = %v, want %v", got.Daily.Since, want.Daily.Since)
		}
		got.Daily.Since = want.Daily.Since
		if !equalSettings(got, want) {
			t.Errorf("Settings = %+v\nwant %+v", got, want)
		}
	})
}

func equalSettings(a, b handlers.Settings) bool {
	return a.GuildID == b.GuildID && slices.Equal(a.AnswerChannels, b.AnswerChannels) && a.Daily == b.Daily
}

func TestSchedulesAreEnabledUnpausedAndSharded(t *testing.T) {
	each(t, func(t *testing.T, open func(testing.TB) Store) {
		s := open(t)
		// Real snowflakes: shard = (id >> 22) % 4.
		ids := []string{"81384788765712384", "175928847299117063", "290926798626357250", "613425648685547541", "1000000000000000000"}
		for _, id := range ids {
			if err := s.SaveSettings(ctx, daily(id, 8)); err != nil {
				t.Fatal(err)
			}
		}
		off := daily("5", 8)
		off.Daily.Enabled = false
		paused := daily("6", 8)
		paused.Daily.Paused = "channel gone"
		for _, st := range []handlers.Settings{off, paused} {
			if err := s.SaveSettings(ctx, st); err != nil {
				t.Fatal(err)
			}
		}
		all, err := s.Schedules(ctx, Shards{})
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != len(ids) {
			t.Fatalf("Schedules(all) = %d servers, want %d (off and paused left out)", len(all), len(ids))
		}
		seen := map[string]int{}
		for shard := range 4 {
			part, err := s.Schedules(ctx, Shards{Count: 4, IDs: []int{shard}})
			if err != nil {
				t.Fatal(err)
			}
			for _, st := range part {
				if got := ShardOf(st.GuildID, 4); got != shard {
					t.Errorf("shard %d got server %s of shard %d", shard, st.GuildID, got)
				}
				seen[st.GuildID]++
			}
		}
		for _, id := range ids {
			if seen[id] != 1 {
				t.Errorf("server %s scheduled by %d shards, want 1", id, seen[id])
			}
		}
	})
}

func TestClaimIsOncePerServerAndDate(t *testing.T) {
	each(t, func(t *testing.T, open func(testing.TB) Store) {
		a, b := open(t), open(t) // two processes on one database
		if err := a.SaveSettings(ctx, daily("7", 8)); err != nil {
			t.Fatal(err)
		}
		var (
			wg  sync.WaitGroup
			mu  sync.Mutex
			won int
		)
		for i := range 16 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				s := a
				if i%2 == 1 {
					s = b
				}
				ok, err := s.ClaimPost(ctx, Claim{GuildID: "7", Date: "2025-03-30", ChannelID: "c7", Facts: []string{"f1"}})
				if err != nil {
					t.Error(err)
				}
				if ok {
					mu.Lock()
					won++
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		if won != 1 {
			t.Fatalf("%d claims won, want exactly 1", won)
		}
		st, _ := b.Settings(ctx, "7")
		if st.Daily.LastPost != "2025-03-30" {
			t.Errorf("LastPost = %q after the claim", st.Daily.LastPost)
		}
		// Another day is another post.
		if ok, err := b.ClaimPost(ctx, Claim{GuildID: "7", Date: "2025-03-31", ChannelID: "c7"}); !ok || err != nil {
			t.Errorf("next day's claim = %v, %v", ok, err)
		}
	})
}

func TestClaimRetriedWithItsTokenIsStillWon(t *testing.T) {
	each(t, func(t *testing.T, open func(testing.TB) Store) {
		s := open(t)
		c := Claim{GuildID: "8", Date: "2025-01-02", ChannelID: "c", Token: "host:1:abc"}
		for i := range 2 { // as when a commit's acknowledgement is lost and the claim retried
			if ok, err := s.ClaimPost(ctx, c); !ok || err != nil {
				t.Fatalf("claim %d = %v, %v", i, ok, err)
			}
		}
		c.Token = "host:2:def"
		if ok, _ := s.ClaimPost(ctx, c); ok {
			t.Fatal("another token won a held claim")
		}
	})
}

func TestCrashBetweenClaimAndSendIsExplained(t *testing.T) {
	each(t, func(t *testing.T, open func(testing.TB) Store) {
		s := open(t)
		if err := s.SaveSettings(ctx, daily("9", 8)); err != nil {
			t.Fatal(err)
		}
		if ok, err := s.ClaimPost(ctx, Claim{GuildID: "9", Date: "2025-06-01", ChannelID: "c9", Facts: []string{"a", "b"}}); !ok || err != nil {
			t.Fatal(ok, err)
		}
		s.Close() // the process dies before MarkSent
		s = open(t)
		list, err := s.Schedules(ctx, Shards{})
		if err != nil || len(list) != 1 || list[0].Daily.LastPost != "2025-06-01" {
			t.Fatalf("after restart Schedules = %+v, %v; want the day counted as posted", list, err)
		}
		if ok, _ := s.ClaimPost(ctx, Claim{GuildID: "9", Date: "2025-06-01", ChannelID: "c9"}); ok {
			t.Fatal("the day was claimed twice: it could be posted twice")
		}
		p, ok, err := s.Post(ctx, "9", "2025-06-01")
		if err != nil || !ok {
			t.Fatal(ok, err)
		}
		if p.Status != StatusClaimed || !strings.Contains(p.Explain(), "never marked sent") || !slices.Equal(p.Facts, []string{"a", "b"}) {
			t.Errorf("record = %+v: %s", p, p.Explain())
		}
	})
}

func TestSentReleasedAndFailed(t *testing.T) {
	each(t, func(t *testing.T, open func(testing.TB) Store) {
		s := open(t)
		if err := s.SaveSettings(ctx, daily("10", 8)); err != nil {
			t.Fatal(err)
		}
		claim := func(date string) {
			t.Helper()
			if ok, err := s.ClaimPost(ctx, Claim{GuildID: "10", Date: date, ChannelID: "c10", Facts: []string{"f-" + date}}); !ok || err != nil {
				t.Fatalf("claim %s = %v, %v", date, ok, err)
			}
		}
		claim("2025-01-01")
		if err := s.MarkSent(ctx, "10", "2025-01-01", "m1"); err != nil {
			t.Fatal(err)
		}
		if p, _, _ := s.Post(ctx, "10", "2025-01-01"); p.Status != StatusSent || p.MessageID != "m1" || p.SentAt.IsZero() {
			t.Errorf("sent record = %+v", p)
		}
		if err := s.MarkSent(ctx, "10", "2024-12-31", ""); !errors.Is(err, ErrNotClaimed) {
			t.Errorf("MarkSent without a claim = %v, want ErrNotClaimed", err)
		}

		claim("2025-01-02")
		if err := s.ReleasePost(ctx, "10", "2025-01-02", "discord 503"); err != nil {
			t.Fatal(err)
		}
		if st, _ := s.Settings(ctx, "10"); st.Daily.LastPost != "2025-01-01" {
			t.Errorf("after release LastPost = %q, want the day before", st.Daily.LastPost)
		}
		claim("2025-01-02") // a released day can be tried again
		if p, _, _ := s.Post(ctx, "10", "2025-01-02"); p.Attempts != 2 || p.Status != StatusClaimed {
			t.Errorf("reclaimed record = %+v", p)
		}
		if err := s.FailPost(ctx, "10", "2025-01-02", "the channel is gone"); err != nil {
			t.Fatal(err)
		}
		st, _ := s.Settings(ctx, "10")
		if st.Daily.Paused != "the channel is gone" || !st.Daily.Enabled {
			t.Errorf("after a failure Daily = %+v, want paused with the reason", st.Daily)
		}
		if list, _ := s.Schedules(ctx, Shards{}); len(list) != 0 {
			t.Errorf("a paused schedule is still listed: %+v", list)
		}
		recent, err := s.RecentFacts(ctx, "10", "2025-01-01")
		if err != nil || !slices.Equal(recent, []string{"f-2025-01-01"}) {
			t.Errorf("RecentFacts = %v, %v (failed posts left out)", recent, err)
		}
		if err := s.Pause(ctx, "10", "paused by hand"); err != nil {
			t.Fatal(err)
		}
		if st, _ := s.Settings(ctx, "10"); st.Daily.Paused != "paused by hand" {
			t.Errorf("Pause: %q", st.Daily.Paused)
		}
	})
}

func TestRecentFactsSince(t *testing.T) {
	each(t, func(t *testing.T, open func(testing.TB) Store) {
		s := open(t)
		for i, d := range []string{"2025-01-01", "2025-02-15", "2025-03-01"} {
			if ok, err := s.ClaimPost(ctx, Claim{GuildID: "11", Date: d, ChannelID: "c", Facts: []string{"f" + string(rune('a'+i))}}); !ok || err != nil {
				t.Fatal(ok, err)
			}
		}
		got, err := s.RecentFacts(ctx, "11", "2025-02-01")
		if err != nil || !slices.Equal(got, []string{"fc", "fb"}) {
			t.Errorf("RecentFacts = %v, %v; want newest first since the date", got, err)
		}
		if got, _ := s.RecentFacts(ctx, "other", "2000-01-01"); len(got) != 0 {
			t.Errorf("another server's history leaked: %v", got)
		}
	})
}

func TestPrunePostsDeletesOnlyOlderDates(t *testing.T) {
	each(t, func(t *testing.T, open func(testing.TB) Store) {
		s := open(t)
		for _, c := range []Claim{{GuildID: "11", Date: "2024-01-01"}, {GuildID: "12", Date: "2024-06-30"},
			{GuildID: "11", Date: "2024-07-01"}, {GuildID: "12", Date: "2025-03-01"}} {
			c.ChannelID, c.Facts = "c", []string{"f-" + c.Date}
			if ok, err := s.ClaimPost(ctx, c); !ok || err != nil {
				t.Fatal(ok, err)
			}
		}
		n, err := s.PrunePosts(ctx, "2024-07-01")
		if err != nil || n != 2 {
			t.Fatalf("PrunePosts = %d, %v; want the 2 posts before 2024-07-01", n, err)
		}
		for _, c := range []struct {
			guild, date string
			kept        bool
		}{{"11", "2024-01-01", false}, {"12", "2024-06-30", false}, {"11", "2024-07-01", true}, {"12", "2025-03-01", true}} {
			if _, ok, err := s.Post(ctx, c.guild, c.date); err != nil || ok != c.kept {
				t.Errorf("post of %s on %s: kept %v (%v), want %v", c.guild, c.date, ok, err, c.kept)
			}
		}
		// Pruning again finds nothing more.
		if n, err := s.PrunePosts(ctx, "2024-07-01"); err != nil || n != 0 {
			t.Errorf("second PrunePosts = %d, %v; want 0", n, err)
		}
	})
}

func TestMigrationsRunOnce(t *testing.T) {
	each(t, func(t *testing.T, open func(testing.TB) Store) {
		a := open(t)
		if err := a.SaveSettings(ctx, daily("12", 8)); err != nil {
			t.Fatal(err)
		}
		b := open(t) // migrating again keeps the data
		if st, err := b.Settings(ctx, "12"); err != nil || !st.Daily.Enabled {
			t.Fatalf("after a second start: %+v, %v", st, err)
		}
	})
}

func TestMigrationNames(t *testing.T) {
	list, err := migrations(migrationFiles)
	if err != nil || len(list) == 0 || list[0].version != 1 {
		t.Fatalf("migrations = %v, %v", list, err)
	}
}

func TestBadDatabaseFiles(t *testing.T) {
	t.Parallel()
	t.Run("corrupt", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, FileName), []byte(strings.Repeat("not a database ", 400)), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := Open(ctx, "", dir)
		if err == nil || !strings.Contains(err.Error(), "corrupt") {
			t.Fatalf("Open(corrupt) = %v, want advice about a corrupt file", err)
		}
	})
	t.Run("read-only", func(t *testing.T) {
		dir := t.TempDir()
		s, err := Open(ctx, "", dir)
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		// Root ignores file modes, so open read-only the way SQLite would
		// find a file it cannot write.
		_, err = openSQLite(ctx, filepath.Join(dir, FileName), "ro")
		if err == nil || !strings.Contains(err.Error(), "not writable") {
			t.Fatalf("Open(read-only) = %v, want advice about permissions", err)
		}
	})
	t.Run("data dir is a file", func(t *testing.T) {
		f := filepath.Join(t.TempDir(), "file")
		os.WriteFile(f, nil, 0o600)
		if _, err := Open(ctx, "", f); err == nil || !strings.Contains(err.Error(), "data directory") {
			t.Fatalf("Open = %v", err)
		}
	})
	t.Run("unknown url", func(t *testing.T) {
		if _, err := Open(ctx, "mysql://x", t.TempDir()); err == nil || !strings.Contains(err.Error(), "postgres://") {
			t.Fatalf("Open = %v", err)
		}
	})
	t.Run("postgres not answering", func(t *testing.T) {
		c, cancel := context.WithTimeout(ctx, 1500*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, err := Open(c, "postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=1", "")
		if err == nil || !strings.Contains(err.Error(), "connect to postgres") {
			t.Fatalf("Open = %v", err)
		}
		if time.Since(start) < time.Second {
			t.Errorf("gave up after %v: a server coming up deserves retries until the context ends", time.Since(start))
		}
	})
}

// TestPostgresGoesAwayAndComesBack kills every connection of the store, as a
// server restart does, and checks the next calls succeed and lose nothing.
func TestPostgresGoesAwayAndComesBack(t *testing.T) {
	url := os.Getenv("MALIBOT_TEST_POSTGRES")
	if url == "" {
		t.Skip("MALIBOT_TEST_POSTGRES is not set")
	}
	url = storetest.PostgresSchema(t, url)
	s, err := Open(ctx, url, "")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.SaveSettings(ctx, daily("13", 8)); err != nil {
		t.Fatal(err)
	}
	admin, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	for range 3 {
		var killed int
		if err := admin.QueryRow(`SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = current_setting('application_name') AND pid <> pg_backend_pid()`).Scan(&killed); err != nil {
			t.Fatal(err)
		}
		if killed == 0 {
			t.Fatal("no connection of the store was found to kill")
		}
		list, err := s.Schedules(ctx, Shards{})
		if err != nil || len(list) != 1 {
			t.Fatalf("after the connections were killed: %v, %v", list, err)
		}
		if ok, err := s.ClaimPost(ctx, Claim{GuildID: "13", Date: "2025-05-05", ChannelID: "c"}); err != nil {
			t.Fatal(err)
		} else {
			_ = ok
		}
	}
}

func TestParseShards(t *testing.T) {
	t.Parallel()
	tests := []struct {
		id, count, list string
		want            string
		err             string
	}{
		{"", "", "", "all", ""},
		{"1", "4", "", "1/4", ""},
		{"", "8", "0-3", "0,1,2,3/8", ""},
		{"", "8", "0,2,5-6", "0,2,5,6/8", ""},
		{"", "2", "", "all", ""},
		{"", "4", "0-3", "all", ""},
		{"4", "4", "", "", "outside"},
		{"1", "", "", "", "needs SHARD_COUNT"},
		{"", "x", "", "", "not a positive number"},
		{"", "8", "3-1", "", "not a range"},
		{"", "8", "a", "", "not a shard id"},
	}
	for _, tt := range tests {
		t.Run(tt.id+"/"+tt.count+"/"+tt.list, func(t *testing.T) {
			got, err := ParseShards(tt.id, tt.count, tt.list)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || got.String() != tt.want {
				t.Fatalf("ParseShards = %v, %v; want %s", got, err, tt.want)
			}
		})
	}
	if ShardOf("81384788765712384", 4) != int((uint64(81384788765712384)>>22)%4) {
		t.Error("ShardOf disagrees with Discord's formula")
	}
}

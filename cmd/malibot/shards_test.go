package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/malibot/malibot/bot/discordtest"
	"github.com/malibot/malibot/bot/store"
	"github.com/malibot/malibot/handlers"
)

// guildOfShard returns a snowflake-shaped guild id on shard of count.
func guildOfShard(tb testing.TB, shard, count int) string {
	tb.Helper()
	for n := uint64(1_100_000_000_000_000_000); ; n += 1 << 22 {
		id := strconv.FormatUint(n, 10)
		if store.ShardOf(id, count) == shard && discordtest.ShardOf(id, count) == shard {
			return id
		}
	}
}

// channelOf is the channel a test guild's daily posts go to.
func channelOf(guild string) string { return guild[:len(guild)-1] + "7" }

// subscribeAll saves, in the SQLite store in dir, a daily post at 00:00 UTC
// for each guild: due whenever serve starts.
func subscribeAll(tb testing.TB, dir string, guilds ...string) {
	tb.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, "", dir)
	if err != nil {
		tb.Fatal(err)
	}
	defer st.Close()
	for _, g := range guilds {
		err := st.SaveSettings(ctx, handlers.Settings{GuildID: g, Daily: handlers.Schedule{
			Enabled: true, ChannelID: channelOf(g), Zone: "UTC", Since: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC),
		}})
		if err != nil {
			tb.Fatal(err)
		}
	}
}

// serving is serve running in the background against a fake Discord.
type serving struct {
	tb     testing.TB
	cancel context.CancelFunc
	done   chan error
	stderr *syncWriter
}

func startServe(tb testing.TB, fake *discordtest.Server, env map[string]string) *serving {
	tb.Helper()
	env["DISCORD_TOKEN"] = fake.Token
	env["DISCORD_API_BASE"] = fake.URL
	ctx, cancel := context.WithCancel(context.Background())
	s := &serving{tb: tb, cancel: cancel, done: make(chan error, 1), stderr: &syncWriter{}}
	go func() { s.done <- serve(ctx, nil, func(k string) string { return env[k] }, &bytes.Buffer{}, s.stderr) }()
	tb.Cleanup(func() { s.stop() })
	return s
}

// stop ends serve and waits for it: the scheduler's running tick finishes
// before serve returns.
func (s *serving) stop() {
	s.tb.Helper()
	if s.done == nil {
		return
	}
	s.cancel()
	select {
	case err := <-s.done:
		if err != nil {
			s.tb.Errorf("serve: %v\n%s", err, s.stderr.String())
		}
	case <-time.After(15 * time.Second):
		s.tb.Errorf("serve did not return after its context ended")
	}
	s.done = nil
}

func postsTo(fake *discordtest.Server, channel string) int {
	n := 0
	for _, r := range fake.Requests() {
		if r.Method == "POST" && strings.HasSuffix(r.Path, "/channels/"+channel+"/messages") && r.Status < 300 {
			n++
		}
	}
	return n
}

func overwrites(fake *discordtest.Server) int {
	n := 0
	for _, r := range fake.Requests() {
		if r.Method == "PUT" && strings.HasSuffix(r.Path, "/commands") {
			n++
		}
	}
	return n
}

// TestServeShards runs serve with SHARDS=0-1 SHARD_COUNT=2: one gateway
// session per shard (two IDENTIFYs carrying [0,2] and [1,2]), one command
// registration, the daily post of a shard-1 guild sent by this process,
// and a message in that guild (delivered on shard 1's session) answered.
func TestServeShards(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	dir := t.TempDir()
	g1 := guildOfShard(t, 1, 2)
	subscribeAll(t, dir, g1)
	s := startServe(t, fake, map[string]string{"SHARDS": "0-1", "SHARD_COUNT": "2", "DATA_DIR": dir, "HTTP_ADDR": "127.0.0.1:0"})

	ids := fake.WaitIdentifies(2)
	var got [][]int
	for _, id := range ids {
		got = append(got, id.Shard)
	}
	if want := [][]int{{0, 2}, {1, 2}}; !reflect.DeepEqual(got, want) {
		t.Errorf("IDENTIFY shards %v, want %v", got, want)
	}
	post := fake.WaitRequest("the daily post of the shard-1 guild", func(r discordtest.Request) bool {
		return r.Method == "POST" && strings.HasSuffix(r.Path, "/channels/"+channelOf(g1)+"/messages")
	})
	if m, err := post.Sent(); err != nil || len(m.Embeds) == 0 {
		t.Errorf("daily post %+v, %v", m, err)
	}
	me := fake.Bot()
	m := fake.Send(discordtest.Message{GuildID: g1, Content: discordtest.Mention(me) + " who leads JNIM?", Mentions: []discordtest.User{me}})
	if r := fake.Reply(m); !strings.Contains(r.Text(), "Iyad") {
		t.Errorf("reply on shard 1: %q", r.Text())
	}
	s.stop()
	if n := overwrites(fake); n != 1 {
		t.Errorf("%d command registrations, want 1", n)
	}
	if n := postsTo(fake, channelOf(g1)); n != 1 {
		t.Errorf("%d daily posts, want 1", n)
	}
	if n := len(fake.Identifies()); n != 2 {
		t.Errorf("%d IDENTIFYs, want 2", n)
	}
}

// TestServeShardPostsOnlyItsGuilds runs serve owning shard 0 of 2 with a
// guild of each shard subscribed: the shard-0 guild gets its post, the
// shard-1 guild does not (another process owns it).
func TestServeShardPostsOnlyItsGuilds(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	dir := t.TempDir()
	g0, g1 := guildOfShard(t, 0, 2), guildOfShard(t, 1, 2)
	subscribeAll(t, dir, g0, g1)
	s := startServe(t, fake, map[string]string{"SHARD_ID": "0", "SHARD_COUNT": "2", "DATA_DIR": dir})

	fake.WaitRequest("the daily post of the shard-0 guild", func(r discordtest.Request) bool {
		return r.Method == "POST" && strings.HasSuffix(r.Path, "/channels/"+channelOf(g0)+"/messages")
	})
	// The first tick read both schedules' shards at once; once serve has
	// returned, that tick is over and nothing more is sent.
	s.stop()
	if n := postsTo(fake, channelOf(g1)); n != 0 {
		t.Errorf("the process of shard 0 posted %d times for a shard-1 guild", n)
	}
	if ids := fake.Identifies(); len(ids) != 1 || !reflect.DeepEqual(ids[0].Shard, []int{0, 2}) {
		t.Errorf("IDENTIFYs %+v, want one with shard [0 2]", ids)
	}
	if n := overwrites(fake); n != 1 {
		t.Errorf("the owner of shard 0 registered the commands %d times, want 1", n)
	}
}

// TestServeShardWithoutZeroDoesNotRegister runs serve owning shard 1 of 2
// only: it connects shard 1 and leaves the commands to shard 0's process.
func TestServeShardWithoutZeroDoesNotRegister(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	dir := t.TempDir()
	g1 := guildOfShard(t, 1, 2)
	subscribeAll(t, dir, g1)
	s := startServe(t, fake, map[string]string{"SHARD_ID": "1", "SHARD_COUNT": "2", "DATA_DIR": dir})
	fake.WaitRequest("the daily post of the shard-1 guild", func(r discordtest.Request) bool {
		return r.Method == "POST" && strings.HasSuffix(r.Path, "/channels/"+channelOf(g1)+"/messages")
	})
	s.stop()
	if n := overwrites(fake); n != 0 {
		t.Errorf("the process of shard 1 registered the commands %d times, want 0", n)
	}
	if ids := fake.Identifies(); len(ids) != 1 || !reflect.DeepEqual(ids[0].Shard, []int{1, 2}) {
		t.Errorf("IDENTIFYs %+v, want one with shard [1 2]", ids)
	}
}

// TestServeBadShards checks that bad shard settings stop serve at start-up
// with an error naming the setting, before it connects.
func TestServeBadShards(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"id not below count", map[string]string{"SHARD_ID": "2", "SHARD_COUNT": "2"}, nil, "SHARD_ID"},
		{"backward range", map[string]string{"SHARDS": "3-1", "SHARD_COUNT": "4"}, nil, `SHARDS "3-1"`},
		{"range past count", map[string]string{"SHARDS": "0-4", "SHARD_COUNT": "4"}, nil, "outside 0-3"},
		{"count not a number", map[string]string{"SHARD_ID": "0", "SHARD_COUNT": "two"}, nil, "SHARD_COUNT"},
		{"id not a number", map[string]string{"SHARD_ID": "one", "SHARD_COUNT": "2"}, nil, "SHARD_ID"},
		{"count zero", map[string]string{"SHARD_COUNT": "0"}, nil, "SHARD_COUNT"},
		{"id without count", map[string]string{"SHARD_ID": "1"}, nil, "needs SHARD_COUNT"},
		{"bad flag", nil, []string{"-shard-count", "2", "-shards", "a-b"}, "SHARDS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fake := discordtest.New(t)
			env := map[string]string{"DISCORD_TOKEN": fake.Token, "DISCORD_API_BASE": fake.URL, "DATA_DIR": t.TempDir()}
			for k, v := range tt.env {
				env[k] = v
			}
			var stderr syncWriter
			err := serve(context.Background(), tt.args, func(k string) string { return env[k] }, &bytes.Buffer{}, &stderr)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("serve: %v; want an error with %q", err, tt.want)
			}
			if n := len(fake.Requests()); n != 0 {
				t.Errorf("%d requests to Discord before the error", n)
			}
		})
	}
}

// TestServeDefaultDataDir checks that without DATA_DIR the database goes
// to ./data, created when missing, not to the working directory.
func TestServeDefaultDataDir(t *testing.T) {
	fake := discordtest.New(t)
	t.Chdir(t.TempDir())
	s := startServe(t, fake, map[string]string{})
	fake.WaitRequest("bulk overwrite", func(r discordtest.Request) bool { return r.Method == "PUT" })
	s.stop()
	if _, err := os.Stat(filepath.Join("data", store.FileName)); err != nil {
		t.Errorf("no database in ./data: %v", err)
	}
	if _, err := os.Stat(store.FileName); err == nil {
		t.Errorf("a database in the working directory")
	}
}

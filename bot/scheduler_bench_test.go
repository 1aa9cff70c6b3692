package bot

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/malibot/malibot/bot/store"
	"github.com/malibot/malibot/handlers"
)

// benchServers is the target: 10,000 subscribed servers in one process.
const benchServers = 10_000

var benchZones = []string{"UTC", "Africa/Bamako", "Europe/Paris", "Asia/Tokyo", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "America/Los_Angeles"}

// memStore serves a fixed list of schedules, so the benchmarks measure the
// scheduler, not a database.
type memStore struct {
	store.Store
	list []handlers.Settings
}

func (m *memStore) Schedules(context.Context, store.Shards) ([]handlers.Settings, error) {
	return m.list, nil
}

// benchNow is the minute the benchmarks decide: the schedules are spread
// over the minutes of the day and those due before it have posted, as in a
// running bot, so a handful are due.
var benchNow = time.Date(2025, 5, 20, 12, 0, 0, 0, time.UTC)

func benchSchedules(n int) []handlers.Settings {
	list := make([]handlers.Settings, n)
	for i := range list {
		id := fmt.Sprint(uint64(81384788765712384) + uint64(i)<<22)
		h := uint64(i) * 2654435761 // spread over zones, hours and minutes
		sc := handlers.Schedule{
			Enabled: true, ChannelID: "c" + id, Zone: benchZones[(h>>24)%uint64(len(benchZones))],
			Hour: int((h >> 8) % 24), Minute: int((h >> 16) % 60),
		}
		loc, _ := handlers.LoadZone(sc.Zone)
		sc.LastPost = benchNow.Add(-24 * time.Hour).In(loc).Format(handlers.DateLayout)
		if date, due := sc.Due(benchNow.Add(-time.Minute), loc); due {
			sc.LastPost = date
		}
		list[i] = handlers.Settings{GuildID: id, Daily: sc}
	}
	return list
}

// BenchmarkSchedulerDecide is the time to decide one minute's due posts
// among 10,000 schedules (the work of every tick besides reading the store
// and sending).
func BenchmarkSchedulerDecide(b *testing.B) {
	s := &Scheduler{Store: &memStore{list: benchSchedules(benchServers)}, Logger: quiet()}
	if _, err := s.Refresh(context.Background()); err != nil {
		b.Fatal(err)
	}
	now := benchNow
	due := 0
	b.ReportAllocs()
	for b.Loop() {
		due = len(s.decide(now))
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchServers, "ns/schedule")
	b.ReportMetric(float64(due), "due")
}

// BenchmarkSchedulerRefresh is the time to take in 10,000 schedules as read
// from the store, as every tick does.
func BenchmarkSchedulerRefresh(b *testing.B) {
	s := &Scheduler{Store: &memStore{list: benchSchedules(benchServers)}, Logger: quiet()}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Refresh(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSchedulerMemory reports the heap the scheduler keeps for 10,000
// schedules.
func BenchmarkSchedulerMemory(b *testing.B) {
	list := benchSchedules(benchServers)
	var s *Scheduler
	var before, after runtime.MemStats
	for b.Loop() {
		runtime.GC()
		runtime.ReadMemStats(&before)
		s = &Scheduler{Store: &memStore{list: list}, Logger: quiet()}
		if _, err := s.Refresh(context.Background()); err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
	}
	kept := float64(after.HeapAlloc) - float64(before.HeapAlloc)
	b.ReportMetric(kept/(1<<20), "MiB")
	b.ReportMetric(kept/benchServers, "B/schedule")
	runtime.KeepAlive(s)
}

// BenchmarkSchedulesSQLite is the time to read 10,000 active schedules from
// the default SQLite store, once per tick.
func BenchmarkSchedulesSQLite(b *testing.B) {
	st, err := store.Open(context.Background(), "", b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	for _, set := range benchSchedules(benchServers) {
		if err := st.SaveSettings(context.Background(), set); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		list, err := st.Schedules(context.Background(), store.Shards{})
		if err != nil || len(list) != benchServers {
			b.Fatal(len(list), err)
		}
	}
}

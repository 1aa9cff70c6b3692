package bot

import (
	"slices"
	"testing"
	"time"

	"github.com/malibot/malibot/bot/discordtest"
)

// BenchmarkReplyLatency measures, through the fake Discord, the time from
// an event written to the gateway to the bot's REST reply received: a
// conservative bound on event-received to reply-sent, since it adds the
// loopback WebSocket and HTTP hops. It reports the median as ms/median.
//
//	go test ./bot -run '^$' -bench ReplyLatency -benchtime 500x
func BenchmarkReplyLatency(b *testing.B) {
	h := start(b, allCommands(b), nil)
	me := h.fake.Bot()
	b.Run("message", func(b *testing.B) {
		lat := make([]time.Duration, 0, b.N)
		from := len(h.fake.Requests())
		for b.Loop() {
			t0 := time.Now()
			m := h.fake.Send(discordtest.Message{Content: discordtest.Mention(me) + " who leads JNIM?", Mentions: []discordtest.User{me}})
			r, i := h.fake.WaitRequestFrom(from, "reply", func(r discordtest.Request) bool { return discordtest.IsReplyTo(r, m.ID) })
			from = i + 1
			lat = append(lat, r.At.Sub(t0))
		}
		report(b, lat)
	})
	b.Run("command", func(b *testing.B) {
		lat := make([]time.Duration, 0, b.N)
		from := len(h.fake.Requests())
		for b.Loop() {
			t0 := time.Now()
			in := h.fake.Interact(discordtest.Interaction{Name: "ask", Options: []discordtest.Option{{Name: "question", Type: discordtest.OptionString, Value: "who leads JNIM?"}}})
			p := discordtest.CallbackPath(in)
			r, i := h.fake.WaitRequestFrom(from, "callback", func(r discordtest.Request) bool { return r.Path == p })
			from = i + 1
			lat = append(lat, r.At.Sub(t0))
		}
		report(b, lat)
	})
}

func report(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "ms/median")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "ms/p99")
}

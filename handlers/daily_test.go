package handlers

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/malibot/malibot/facts"
)

func mustZone(tb testing.TB, name string) *time.Location {
	tb.Helper()
	loc, err := LoadZone(name)
	if err != nil {
		tb.Fatal(err)
	}
	return loc
}

func TestDue(t *testing.T) {
	t.Parallel()
	tokyo, paris, bamako := mustZone(t, "Asia/Tokyo"), mustZone(t, "Europe/Paris"), mustZone(t, "Africa/Bamako")
	at := func(loc *time.Location, s string) time.Time {
		tt, err := time.ParseInLocation("2006-01-02 15:04:05", s, loc)
		if err != nil {
			t.Fatal(err)
		}
		return tt
	}
	set := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC) // set long before
	tests := []struct {
		name     string
		loc      *time.Location
		hour     int
		minute   int
		last     string
		since    time.Time
		now      time.Time
		wantDate string
		want     bool
	}{
		{"tokyo before", tokyo, 8, 0, "", set, at(tokyo, "2025-05-20 07:59:59"), "2025-05-20", false},
		{"tokyo at 08:00", tokyo, 8, 0, "", set, at(tokyo, "2025-05-20 08:00:00"), "2025-05-20", true},
		{"tokyo 08:00 is 23:00 UTC the day before", tokyo, 8, 0, "", set, time.Date(2025, 5, 19, 23, 0, 30, 0, time.UTC), "2025-05-20", true},
		{"tokyo already posted", tokyo, 8, 0, "2025-05-20", set, at(tokyo, "2025-05-20 08:01:00"), "2025-05-20", false},
		{"restart at 07:59:59", bamako, 8, 0, "2025-05-19", set, at(bamako, "2025-05-20 07:59:59"), "2025-05-20", false},
		{"restart at 08:00:01", bamako, 8, 0, "2025-05-19", set, at(bamako, "2025-05-20 08:00:01"), "2025-05-20", true},
		{"missed, back at 23:59 the same day", bamako, 8, 0, "2025-05-19", set, at(bamako, "2025-05-20 23:59:59"), "2025-05-20", true},
		{"missed, back the next day before the hour", bamako, 8, 0, "2025-05-19", set, at(bamako, "2025-05-21 07:00:00"), "2025-05-21", false},
		{"paris spring forward: 02:30 does not exist", paris, 2, 30, "", set, at(paris, "2025-03-30 03:29:00"), "2025-03-30", false},
		{"paris spring forward: posts at 03:30", paris, 2, 30, "", set, at(paris, "2025-03-30 03:30:00"), "2025-03-30", true},
		{"paris spring forward: 08:00 is 06:00 UTC", paris, 8, 0, "", set, time.Date(2025, 3, 30, 6, 0, 0, 0, time.UTC), "2025-03-30", true},
		{"paris spring forward: 07:00 UTC the day before was 08:00", paris, 8, 0, "", set, time.Date(2025, 3, 29, 6, 59, 0, 0, time.UTC), "2025-03-29", false},
		{"paris fall back: 08:00 is 07:00 UTC", paris, 8, 0, "", set, time.Date(2025, 10, 26, 6, 59, 0, 0, time.UTC), "2025-10-26", false},
		{"paris fall back: due at 07:00 UTC", paris, 8, 0, "", set, time.Date(2025, 10, 26, 7, 0, 0, 0, time.UTC), "2025-10-26", true},
		{"paris fall back: repeated hour, posted once", paris, 2, 30, "2025-10-26", set, time.Date(2025, 10, 26, 1, 30, 0, 0, time.UTC), "2025-10-26", false},
		{"set after today's time waits for tomorrow", bamako, 8, 0, "", at(bamako, "2025-05-20 10:00:00"), at(bamako, "2025-05-20 10:01:00"), "2025-05-20", false},
		{"set after today's time, tomorrow", bamako, 8, 0, "", at(bamako, "2025-05-20 10:00:00"), at(bamako, "2025-05-21 08:00:00"), "2025-05-21", true},
		{"set before today's time", bamako, 8, 0, "", at(bamako, "2025-05-20 07:00:00"), at(bamako, "2025-05-20 08:00:00"), "2025-05-20", true},
		{"clock set back after a post", bamako, 8, 0, "2025-05-21", set, at(bamako, "2025-05-20 09:00:00"), "2025-05-20", false},
		{"midnight", bamako, 0, 0, "2025-05-19", set, at(bamako, "2025-05-20 00:00:00"), "2025-05-20", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := Schedule{Enabled: true, Hour: tt.hour, Minute: tt.minute, LastPost: tt.last, Since: tt.since}
			date, due := s.Due(tt.now, tt.loc)
			if date != tt.wantDate || due != tt.want {
				t.Errorf("Due(%v) = %s, %v; want %s, %v", tt.now.In(tt.loc), date, due, tt.wantDate, tt.want)
			}
		})
	}
}

// TestDueOncePerDayAcrossDST walks a year minute by minute in a few zones,
// posting whenever due, and checks one post a day at the right local time.
func TestDueOncePerDayAcrossDST(t *testing.T) {
	t.Parallel()
	for _, zone := range []string{"Europe/Paris", "Asia/Tokyo", "America/New_York", "Australia/Lord_Howe", "UTC"} {
		for _, hm := range [][2]int{{8, 0}, {2, 30}, {0, 0}, {23, 59}} {
			t.Run(fmt.Sprintf("%s %02d:%02d", zone, hm[0], hm[1]), func(t *testing.T) {
				t.Parallel()
				loc := mustZone(t, zone)
				start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
				s := Schedule{Enabled: true, Hour: hm[0], Minute: hm[1], Since: start}
				posts := map[string]time.Time{}
				for now := start; now.Before(start.AddDate(1, 0, 0)); now = now.Add(time.Minute) {
					date, due := s.Due(now, loc)
					if !due {
						continue
					}
					if _, dup := posts[date]; dup {
						t.Fatalf("second post for %s at %v", date, now.In(loc))
					}
					posts[date] = now
					s.LastPost = date
					local := now.In(loc)
					// On time, or, across a spring-forward gap, within the hour after.
					want := time.Date(local.Year(), local.Month(), local.Day(), hm[0], hm[1], 0, 0, loc)
					if d := now.Sub(want); d < 0 || d > time.Hour {
						t.Errorf("%s posted at %v, want about %v", date, local, want)
					}
				}
				if n := len(posts); n < 364 {
					t.Errorf("%d posts in a year", n)
				}
			})
		}
	}
}

func TestNext(t *testing.T) {
	t.Parallel()
	bamako, paris := mustZone(t, "Africa/Bamako"), mustZone(t, "Europe/Paris")
	now := time.Date(2025, 5, 20, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		s    Schedule
		loc  *time.Location
		want time.Time
	}{
		{"later today", Schedule{Hour: 18, Minute: 30}, bamako, time.Date(2025, 5, 20, 18, 30, 0, 0, time.UTC)},
		{"due now", Schedule{Hour: 8}, bamako, now},
		{"posted today", Schedule{Hour: 8, LastPost: "2025-05-20"}, bamako, time.Date(2025, 5, 21, 8, 0, 0, 0, time.UTC)},
		{"set after today's time", Schedule{Hour: 8, Since: now}, bamako, time.Date(2025, 5, 21, 8, 0, 0, 0, time.UTC)},
		{"before a DST change", Schedule{Hour: 8, LastPost: "2025-03-29"}, paris, time.Date(2025, 3, 30, 6, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			at := now
			if tt.name == "before a DST change" {
				at = time.Date(2025, 3, 29, 12, 0, 0, 0, time.UTC)
			}
			if got := tt.s.Next(at, tt.loc); !got.Equal(tt.want) {
				t.Errorf("Next = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestParseClock(t *testing.T) {
	t.Parallel()
	good := map[string][2]int{"08:00": {8, 0}, "8:05": {8, 5}, "0800": {8, 0}, "23:59": {23, 59}, "00:00": {0, 0}, "8h30": {8, 30}, " 18:30 ": {18, 30}, "7": {7, 0}}
	for in, want := range good {
		if h, m, ok := ParseClock(in); !ok || h != want[0] || m != want[1] {
			t.Errorf("ParseClock(%q) = %d, %d, %v; want %v", in, h, m, ok, want)
		}
	}
	for _, in := range []string{"25:99", "24:00", "12:60", "noon", "", "8:5", "-1:00", "12:00pm", "１２:００", "123:00"} {
		if _, _, ok := ParseClock(in); ok {
			t.Errorf("ParseClock(%q) accepted", in)
		}
	}
}

func TestZones(t *testing.T) {
	t.Parallel()
	if len(Zones) < 300 || Zones[0] != "UTC" || !slices.Contains(Zones, "Africa/Bamako") {
		t.Fatalf("Zones has %d names, first %q", len(Zones), Zones[0])
	}
	for _, z := range append(slices.Clone(Zones), popularZones...) {
		if _, err := LoadZone(z); err != nil {
			t.Errorf("listed zone %s: %v", z, err)
		}
	}
	for _, bad := range []string{"Local", "Mars/Olympus", "../etc/passwd", "/etc/localtime", "Europe/"} {
		if _, err := LoadZone(bad); err == nil {
			t.Errorf("LoadZone(%q) accepted", bad)
		}
	}
	for typed, want := range map[string]string{"bama": "Africa/Bamako", "paris": "Europe/Paris", "new york": "America/New_York", "": "UTC", "europe/lon": "Europe/London"} {
		c := zoneChoices(typed, 25)
		checkChoices(t, c)
		if len(c) == 0 || c[0].Value != want {
			t.Errorf("zoneChoices(%q) = %v, want %s first", typed, c, want)
		}
	}
}

func dailyRequest(sub string, opts ...string) Request {
	r := command(request(KindCommand, opts...), "daily")
	r.Subcommand = sub
	r.CanManage = true
	r.Settings = Settings{GuildID: r.GuildID}
	return r
}

func TestDailyCommand(t *testing.T) {
	t.Parallel()
	cmd := Daily(Deps{Facts: fixture(t)})
	if !cmd.Admin {
		t.Error("/daily must need Manage Server")
	}
	t.Run("set with defaults", func(t *testing.T) {
		resp := cmd.Handle(dailyRequest("set"))
		checkLimits(t, resp)
		u := resp.Update
		if u == nil || u.GuildID != "g1" || !u.Daily.Enabled || u.Daily.ChannelID != "c1" || u.Daily.Hour != 8 || u.Daily.Minute != 0 || u.Daily.Zone != "UTC" || !u.Daily.Since.Equal(testNow) {
			t.Fatalf("Update = %+v", u)
		}
		// set at 09:30 UTC for 08:00: the first post is tomorrow.
		if !strings.Contains(resp.Content, "Saturday 21 November 2026, 08:00 UTC") || !resp.Ephemeral {
			t.Errorf("reply = %q", resp.Content)
		}
	})
	t.Run("set with options", func(t *testing.T) {
		r := dailyRequest("set", "channel", "c9", "time", "18:45", "timezone", "Africa/Bamako")
		r.Settings.Daily = Schedule{Enabled: true, Paused: "the channel is gone", LastPost: "2026-11-19"}
		r.Settings.AnswerChannels = []string{"c5"}
		resp := cmd.Handle(r)
		u := resp.Update
		if u == nil || u.Daily.ChannelID != "c9" || u.Daily.Hour != 18 || u.Daily.Minute != 45 || u.Daily.Zone != "Africa/Bamako" ||
			u.Daily.Paused != "" || u.Daily.LastPost != "2026-11-19" || !slices.Equal(u.AnswerChannels, []string{"c5"}) {
			t.Fatalf("Update = %+v", u)
		}
		if !strings.Contains(resp.Content, "<#c9>") || !strings.Contains(resp.Content, "Friday 20 November 2026, 18:45 GMT") {
			t.Errorf("reply = %q", resp.Content)
		}
	})
	for _, tt := range []struct{ name, opt, value, want string }{
		{"bad time", "time", "25:99", "not a time of day"},
		{"unknown zone", "timezone", "Europe/Pariss", "Did you mean `Europe/Paris`"},
		{"unknown zone, no guess", "timezone", "Atlantis", "don't know the time zone"},
		{"local is no zone", "timezone", "Local", "don't know the time zone"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			resp := cmd.Handle(dailyRequest("set", tt.opt, tt.value))
			checkLimits(t, resp)
			if resp.Update != nil || !resp.Ephemeral || !strings.Contains(resp.Content, tt.want) {
				t.Errorf("reply = %+v, want a notice with %q and no update", resp, tt.want)
			}
		})
	}
	t.Run("off", func(t *testing.T) {
		r := dailyRequest("off")
		r.Settings.Daily = Schedule{Enabled: true, ChannelID: "c1", Hour: 8, Paused: "x"}
		resp := cmd.Handle(r)
		if resp.Update == nil || resp.Update.Daily.Enabled || resp.Update.Daily.ChannelID != "c1" {
			t.Errorf("Update = %+v", resp.Update)
		}
		if resp := cmd.Handle(dailyRequest("off")); resp.Update != nil {
			t.Errorf("off when off updated: %+v", resp.Update)
		}
	})
	t.Run("show", func(t *testing.T) {
		r := dailyRequest("show")
		if resp := cmd.Handle(r); !strings.Contains(resp.Content, "off") {
			t.Errorf("show when off = %q", resp.Content)
		}
		r.Settings.Daily = Schedule{Enabled: true, ChannelID: "c1", Hour: 18, Zone: "Europe/Paris", LastPost: "2026-11-19"}
		resp := cmd.Handle(r)
		checkLimits(t, resp)
		for _, want := range []string{"<#c1>", "18:00 (Europe/Paris)", "Friday 20 November 2026, 18:00 CET", fmt.Sprintf("<t:%d:R>", time.Date(2026, 11, 20, 17, 0, 0, 0, time.UTC).Unix()), "Last post: 2026-11-19"} {
			if !strings.Contains(resp.Content, want) {
				t.Errorf("show = %q, want %q", resp.Content, want)
			}
		}
		r.Settings.Daily.Paused = "I lost permission to post in <#c1>"
		resp = cmd.Handle(r)
		if !strings.Contains(resp.Content, "**Paused**: I lost permission to post in <#c1>") || strings.Contains(resp.Content, "Next post") {
			t.Errorf("show when paused = %q", resp.Content)
		}
	})
	t.Run("preview", func(t *testing.T) {
		r := dailyRequest("preview")
		r.Settings.Daily = Schedule{Enabled: true, Zone: "Asia/Tokyo"}
		r.Now = time.Date(2026, 11, 19, 20, 0, 0, 0, time.UTC) // already the 20th in Tokyo
		resp := cmd.Handle(r)
		checkLimits(t, resp)
		if !resp.Ephemeral || len(resp.Embeds) != 1 || !strings.Contains(resp.Embeds[0].Title, "20 November") || resp.Update != nil {
			t.Errorf("preview = %+v", resp)
		}
	})
	t.Run("in a DM", func(t *testing.T) {
		r := dailyRequest("set")
		r.GuildID = ""
		if resp := cmd.Handle(r); resp.Update != nil || !strings.Contains(resp.Content, "server") {
			t.Errorf("DM = %+v", resp)
		}
	})
	t.Run("autocomplete", func(t *testing.T) {
		r := dailyRequest("set", "timezone", "bamak")
		r.Kind = KindAutocomplete
		c := cmd.Complete(r)
		if len(c) == 0 || c[0].Value != "Africa/Bamako" || c[0].Name != "Africa/Bamako" {
			t.Errorf("Complete = %v", c)
		}
	})
}

// dailyBase has an event on 20 November 2015, one on 23 November 2012 and
// n profiles, each a candidate fact of the day.
func dailyBase(tb testing.TB, n int) *facts.Base {
	tb.Helper()
	var b strings.Builder
	b.WriteString("- {id: g, kind: group, name: Test Group, statement: A group., sources: [{doc: cep, line: 1}]}\n")
	b.WriteString("- {id: radisson, kind: event, rel: attack, date: \"2015-11-20\", about: [g], statement: \"Gunmen attacked the Radisson Blu hotel in Bamako.\", sources: [{doc: cep, line: 62}]}\n")
	b.WriteString("- {id: later, kind: event, rel: attack, date: \"2019-11-20\", about: [g], statement: \"A later attack.\", sources: [{doc: cep, line: 63}]}\n")
	b.WriteString("- {id: near, kind: event, rel: coup, date: \"2012-11-23\", about: [g], statement: \"Something three days later.\", sources: [{doc: cep, line: 64}]}\n")
	for i := range n {
		fmt.Fprintf(&b, "- {id: p%d, kind: place, name: Place %d, statement: Place %d is a town., sources: [{doc: cep, line: %d}]}\n", i, i, i, 1+i%100)
	}
	return emptyBase(tb, b.String())
}

func TestDailyPostKinds(t *testing.T) {
	t.Parallel()
	base := dailyBase(t, 5)
	day := func(s string) time.Time { d, _ := time.Parse(DateLayout, s); return d }

	p := DailyPost(base, "g1", day("2026-11-20"), nil)
	if p.Kind != PostOnThisDay || !slices.Equal(p.Facts, []string{"radisson", "later"}) {
		t.Fatalf("20 November: %+v", p)
	}
	d := p.Embed.Description
	if !strings.Contains(d, "**2015** · 11 years ago — Gunmen attacked") || !strings.Contains(d, "*Source: Counter Extremism Project") ||
		strings.Index(d, "2015") > strings.Index(d, "2019") {
		t.Errorf("on this day, oldest first with year, age and source:\n%s", d)
	}
	if p := DailyPost(base, "g1", day("2016-11-20"), nil); !slices.Equal(p.Facts, []string{"radisson"}) {
		t.Errorf("an event after the date was shown: %v", p.Facts)
	}
	for _, date := range []string{"2026-11-21", "2026-11-26", "2026-11-17"} {
		p = DailyPost(base, "g1", day(date), nil)
		if p.Kind != PostThisWeek || len(p.Facts) == 0 || !strings.Contains(p.Embed.Description, "years ago") {
			t.Errorf("%s: %+v", date, p)
		}
	}
	if p = DailyPost(base, "g1", day("2026-11-22"), nil); p.Kind != PostThisWeek || p.Facts[0] != "radisson" || p.Facts[len(p.Facts)-1] != "near" {
		t.Errorf("this week is in day order: %v", p.Facts)
	}
	p = DailyPost(base, "g1", day("2026-05-01"), nil)
	if p.Kind != PostFactOfDay || len(p.Facts) != 1 || !strings.Contains(p.Embed.Description, "Source:") {
		t.Fatalf("far from any event: %+v", p)
	}
	if again := DailyPost(base, "g1", day("2026-05-01"), nil); again.Facts[0] != p.Facts[0] {
		t.Error("the fact of the day is not deterministic")
	}
	if other := DailyPost(base, "g1", day("2026-05-01"), []string{p.Facts[0]}); other.Facts[0] == p.Facts[0] {
		t.Error("a recent fact was repeated")
	}
	if p := DailyPost(emptyBase(t, ""), "g1", day("2026-05-01"), nil); p.Kind != PostEmptyBase || p.Embed.Description == "" {
		t.Errorf("empty base: %+v", p)
	}
	if text := DailyPost(base, "g1", day("2026-11-20"), nil).Text(); !strings.HasPrefix(text, "**On this day in Mali — 20 November**\n") || !strings.Contains(text, "Radisson") {
		t.Errorf("Text() = %q", text)
	}
}

// TestFactOfTheDayNotRepeatedWithin60Days posts 400 days in a row for a few
// servers, keeping each one's history as the scheduler does.
func TestFactOfTheDayNotRepeatedWithin60Days(t *testing.T) {
	t.Parallel()
	base := dailyBase(t, 90)
	for _, guild := range []string{"g1", "81384788765712384", ""} {
		type posted struct {
			date time.Time
			ids  []string
		}
		var history []posted
		start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		for i := range 400 {
			date := start.AddDate(0, 0, i)
			var recent []string
			for _, h := range history {
				if date.Sub(h.date) < RecentDays*24*time.Hour {
					recent = append(recent, h.ids...)
				}
			}
			p := DailyPost(base, guild, date, recent)
			if p.Kind == PostFactOfDay && slices.Contains(recent, p.Facts[0]) {
				t.Fatalf("%s %s: %s repeated within %d days", guild, p.Date, p.Facts[0], RecentDays)
			}
			history = append(history, posted{date, p.Facts})
		}
	}
}

// TestDailyPostEveryDay renders all 366 days of a leap year over the test
// fixture and the real base: each post is non-empty, well formed and within
// Discord's limits. Once the real base has data, every day must have
// something to show.
func TestDailyPostEveryDay(t *testing.T) {
	t.Parallel()
	bases := map[string]func(testing.TB) *facts.Base{
		"empty":   func(tb testing.TB) *facts.Base { return emptyBase(tb, "") },
		"small":   func(tb testing.TB) *facts.Base { return dailyBase(tb, 3) },
		"fixture": fixture,
		"real":    realBase,
	}
	for name, load := range bases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b := load(t)
			kinds := map[PostKind]int{}
			for _, year := range []int{2024, 2028} {
				start := time.Date(year, 1, 1, 8, 0, 0, 0, time.UTC)
				for i := range 366 {
					date := start.AddDate(0, 0, i)
					p := DailyPost(b, "81384788765712384", date, nil)
					checkPost(t, b, p, date)
					if year == 2024 {
						kinds[p.Kind]++
					}
				}
			}
			t.Logf("%s base, 366 days of 2024: %v", name, kinds)
			if name != "empty" && kinds[PostEmptyBase] > 0 {
				t.Errorf("%d days had nothing to show from a base with facts", kinds[PostEmptyBase])
			}
		})
	}
}

func checkPost(tb testing.TB, b *facts.Base, p Post, date time.Time) {
	tb.Helper()
	resp := p.Response()
	checkLimits(tb, resp)
	e := p.Embed
	dayName := fmt.Sprintf("%d %s", date.Day(), date.Month())
	if p.Date != date.Format(DateLayout) || e.Description == "" || e.Title == "" {
		tb.Fatalf("%s: malformed post %+v", p.Date, p)
	}
	if p.Kind != PostThisWeek && !strings.Contains(e.Title, dayName) {
		tb.Errorf("%s: title %q does not name the day", p.Date, e.Title)
	}
	if strings.Contains(e.Description, "@everyone") || strings.Contains(e.Description, "<@") {
		tb.Errorf("%s: a mention in the post", p.Date)
	}
	if len(p.Text()) == 0 || len([]rune(p.Text())) > 6000 {
		tb.Errorf("%s: text of %d characters", p.Date, len(p.Text()))
	}
	for _, id := range p.Facts {
		f := b.ByID(id)
		if f == nil {
			tb.Fatalf("%s: unknown fact %s", p.Date, id)
		}
		switch p.Kind {
		case PostOnThisDay:
			if f.When.Month != date.Month() || f.When.Day != date.Day() || f.When.Year > date.Year() {
				tb.Errorf("%s: %s is not of this day", p.Date, id)
			}
			if !strings.Contains(e.Description, fmt.Sprintf("**%d** · %s", f.When.Year, ago(date.Year()-f.When.Year))) {
				tb.Errorf("%s: %s without its year and age", p.Date, id)
			}
		case PostThisWeek:
			if !strings.Contains(e.Description, f.When.String()) {
				tb.Errorf("%s: %s without its date", p.Date, id)
			}
		}
	}
	if (p.Kind == PostOnThisDay || p.Kind == PostThisWeek || p.Kind == PostFactOfDay) && !strings.Contains(e.Description, "Source: ") {
		tb.Errorf("%s: no source", p.Date)
	}
}

// The preview is the post the scheduler sends: it avoids the facts of the
// history bot/ gives it, and says so when today's post was already made.
func TestDailyPreviewUsesTheHistory(t *testing.T) {
	t.Parallel()
	base := dailyBase(t, 5)
	cmd := Daily(Deps{Facts: base})
	r := dailyRequest("preview")
	r.Settings.Daily = Schedule{Enabled: true, Zone: "UTC"}
	r.Now = time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC) // far from any event: a fact of the day
	first := DailyPost(base, r.GuildID, r.Now, nil).Facts[0]
	r.Posted = PostHistory{Recent: []string{first}}
	want := DailyPost(base, r.GuildID, r.Now, []string{first})
	resp := cmd.Handle(r)
	if len(resp.Embeds) != 1 || resp.Embeds[0].Description != want.Embed.Description || want.Facts[0] == first {
		t.Fatalf("preview with %s posted lately = %+v, want the post that avoids it (%s)", first, resp.Embeds, want.Facts)
	}
	if !strings.Contains(resp.Content, "Preview of the post") {
		t.Errorf("preview before the post: %q", resp.Content)
	}
	r.Posted.Today = want.Facts
	if resp := cmd.Handle(r); !strings.Contains(resp.Content, "has been made") || resp.Embeds[0].Description != want.Embed.Description {
		t.Errorf("preview after the post: %q", resp.Content)
	}
}

func TestDailySetChecksTheBotCanPost(t *testing.T) {
	t.Parallel()
	cmd := Daily(Deps{Facts: fixture(t)})
	for _, tt := range []struct {
		name         string
		canPost      map[string]bool
		otherChannel bool
		wantSaved    bool
	}{
		{"cannot post here", map[string]bool{"c1": false}, false, false},
		{"can post here", map[string]bool{"c1": true}, false, true},
		{"not known (shell)", nil, false, true},
		{"another channel: not known", map[string]bool{"c1": false}, true, true},
		{"another channel: cannot post there", map[string]bool{"c1": true, "c-other": false}, true, false},
		{"another channel: can post there", map[string]bool{"c1": false, "c-other": true}, true, true},
	} {
		r := dailyRequest("set")
		r.CanPost = tt.canPost
		if tt.otherChannel {
			r.Options["channel"] = "c-other"
		}
		resp := cmd.Handle(r)
		if saved := resp.Update != nil; saved != tt.wantSaved {
			t.Errorf("%s: saved %v, want %v (%q)", tt.name, saved, tt.wantSaved, resp.Content)
		}
		if !tt.wantSaved && !strings.Contains(resp.Content, "Send Messages") {
			t.Errorf("%s: %q does not say what is missing", tt.name, resp.Content)
		}
	}
}

package handlers

import (
	_ "embed"
	"fmt"
	"hash/fnv"
	"slices"
	"sort"
	"strings"
	"time"
	_ "time/tzdata" // zones resolve without a system zone database, as in a static image

	"github.com/malibot/malibot/facts"
)

//go:generate sh -c "{ sed -n 1,4p daily_zones.txt; echo UTC; cat /usr/share/zoneinfo/zone.tab /usr/share/zoneinfo/zone1970.tab | grep -v '^#' | cut -f3 | sort -u; } > daily_zones.new && mv daily_zones.new daily_zones.txt"

//go:embed daily_zones.txt
var zoneFile string

// Zones is the list of IANA zone names /daily set suggests, UTC first.
var Zones = func() []string {
	var out []string
	for line := range strings.Lines(zoneFile) {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out
}()

// popularZones are suggested before anything is typed.
var popularZones = []string{
	"UTC", "Africa/Bamako", "Africa/Dakar", "Africa/Abidjan", "Africa/Niamey", "Africa/Ouagadougou",
	"Africa/Conakry", "Africa/Nouakchott", "Africa/Algiers", "Africa/Lagos", "Africa/Casablanca",
	"Europe/Paris", "Europe/London", "Europe/Brussels", "Europe/Berlin", "Europe/Moscow",
	"America/New_York", "America/Chicago", "America/Los_Angeles", "America/Toronto", "America/Montreal",
	"Asia/Dubai", "Asia/Tokyo", "Asia/Shanghai", "Australia/Sydney",
}

// Daily post defaults: 08:00 UTC.
const (
	defaultHour = 8
	defaultZone = "UTC"
	// RecentDays is how long a fact of the day is not repeated to a server.
	RecentDays = 60
	// dailyShown is how many events one post lists.
	dailyShown = 10
	// weekWindow is how many days either side "this week" looks.
	weekWindow = 3
)

// Daily is /daily set|off|show|preview: a server's daily "on this day" post.
// bot/ stores the returned Update and its scheduler posts DailyPost.
func Daily(d Deps) Command {
	return Command{
		Name:        "daily",
		Description: "A daily post of what happened in Mali on this day",
		Help:        "`/daily set channel:#history time:08:00 timezone:Africa/Bamako` — a daily \"on this day\" post; `/daily show`, `/daily preview`, `/daily off`.",
		Admin:       true,
		Subcommands: []Subcommand{
			{Name: "set", Description: "Post every day in a channel at a time of day (default 08:00 UTC)", Options: []Option{
				{Name: "channel", Description: "Where to post (default: this channel)", Type: Channel},
				{Name: "time", Description: "Time of day, 24-hour HH:MM (default 08:00)", Type: String},
				{Name: "timezone", Description: "Time zone, e.g. Africa/Bamako or Europe/Paris (default UTC)", Type: String, Autocomplete: true},
			}},
			{Name: "off", Description: "Stop the daily post"},
			{Name: "show", Description: "Show the daily post's channel, time and next post"},
			{Name: "preview", Description: "See today's post (only you see it)"},
		},
		Handle: func(r Request) Response {
			if r.GuildID == "" {
				return notice("`/daily` works in a server, not in direct messages.")
			}
			switch r.Subcommand {
			case "set":
				return dailySet(r)
			case "off":
				return dailyOff(r)
			case "show":
				return dailyShow(r)
			case "preview":
				return dailyPreview(d.Facts, r)
			}
			return notice("Use `/daily set`, `/daily show`, `/daily preview` or `/daily off`.")
		},
		Complete: func(r Request) []Choice {
			if r.Focused != "timezone" {
				return nil
			}
			return zoneChoices(r.Option("timezone"), 25)
		},
	}
}

func dailySet(r Request) Response {
	hour, minute := defaultHour, 0
	if s := strings.TrimSpace(r.Option("time")); s != "" {
		var ok bool
		if hour, minute, ok = ParseClock(s); !ok {
			return notice(fmt.Sprintf("%s is not a time of day: use HH:MM on a 24-hour clock, for example `08:00` or `18:30`.", echo(s)))
		}
	}
	zone := strings.TrimSpace(r.Option("timezone"))
	if zone == "" {
		zone = defaultZone
	}
	if _, err := LoadZone(zone); err != nil {
		msg := fmt.Sprintf("I don't know the time zone %s.", echo(zone))
		if c := zoneChoices(zone, 3); len(c) > 0 {
			names := make([]string, len(c))
			for i, z := range c {
				names[i] = "`" + z.Value + "`"
			}
			msg += " Did you mean " + strings.Join(names, ", ") + "?"
		}
		return notice(msg + " Pick one from the list as you type, in the form Area/City.")
	}
	channel := r.Option("channel")
	if channel == "" {
		channel = r.ChannelID
	}
	if can, known := r.CanPost[channel]; known && !can {
		// Found now rather than at the first post, which would pause.
		return notice(fmt.Sprintf("I can't post in <#%s>: give me View Channel, Send Messages and Embed Links there, then run `/daily set` again.", channel))
	}
	s := r.Settings
	s.GuildID = r.GuildID
	s.Daily = Schedule{
		Enabled: true, ChannelID: channel, Hour: hour, Minute: minute, Zone: zone,
		LastPost: r.Settings.Daily.LastPost, Since: r.Now,
	}
	text := fmt.Sprintf("Daily posts are on: <#%s> every day at %s.\nNext post: %s.", channel, clockIn(s.Daily), nextLine(s.Daily, r.Now))
	return Response{Content: text, Ephemeral: true, Update: &s}
}

func dailyOff(r Request) Response {
	if !r.Settings.Daily.Enabled {
		return notice("Daily posts are already off. Turn them on with `/daily set`.")
	}
	s := r.Settings
	s.GuildID = r.GuildID
	s.Daily.Enabled = false
	s.Daily.Paused = ""
	return Response{Content: "Daily posts are off. `/daily set` turns them back on.", Ephemeral: true, Update: &s}
}

func dailyShow(r Request) Response {
	sc := r.Settings.Daily
	if !sc.Enabled {
		return notice("Daily posts are off. Turn them on with `/daily set channel:#channel time:08:00 timezone:Africa/Bamako`.")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Daily posts go to <#%s> every day at %s.\n", sc.ChannelID, clockIn(sc))
	if sc.Paused != "" {
		fmt.Fprintf(&b, "**Paused**: %s\nFix that, then run `/daily set` again to resume.", sc.Paused)
	} else {
		fmt.Fprintf(&b, "Next post: %s.", nextLine(sc, r.Now))
	}
	if sc.LastPost != "" {
		fmt.Fprintf(&b, "\nLast post: %s.", sc.LastPost)
	}
	return notice(b.String())
}

func dailyPreview(base *facts.Base, r Request) Response {
	loc, err := LoadZone(r.Settings.Daily.Zone)
	if err != nil {
		loc = time.UTC
	}
	// The same history as the scheduler's, so that the preview is the post.
	p := DailyPost(base, r.GuildID, r.Now.In(loc), r.Posted.Recent)
	resp := p.Response()
	day := r.Now.In(loc).Format("Monday 2 January 2006")
	resp.Content = fmt.Sprintf("Preview of the post for %s (%s); only you see it.", day, loc)
	if len(r.Posted.Today) > 0 {
		resp.Content = fmt.Sprintf("Today's post (%s, %s) has been made; this is what it said. Only you see this.", day, loc)
	}
	resp.Ephemeral = true
	return resp
}

// clockIn renders "08:00 (Africa/Bamako)".
func clockIn(s Schedule) string {
	zone := s.Zone
	if zone == "" {
		zone = defaultZone
	}
	return fmt.Sprintf("%02d:%02d (%s)", s.Hour, s.Minute, zone)
}

// nextLine renders the next post time in the server's zone and as a Discord
// timestamp, which each member sees in their own zone.
func nextLine(s Schedule, now time.Time) string {
	loc, err := LoadZone(s.Zone)
	if err != nil {
		return "never: the time zone " + echo(s.Zone) + " is unknown; run `/daily set` again"
	}
	next := s.Next(now, loc)
	if next.Equal(now) {
		return "within a minute"
	}
	return fmt.Sprintf("%s (<t:%d:R>)", next.In(loc).Format("Monday 2 January 2006, 15:04 MST"), next.Unix())
}

// zoneChoices returns up to limit zones matching what the user typed: those
// whose city starts with it first, then whose name starts with it, then
// whose name contains it. Spaces match underscores.
func zoneChoices(typed string, limit int) []Choice {
	q := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(typed), " ", "_"))
	var list []string
	if q == "" {
		list = popularZones
	} else {
		type scored struct {
			name  string
			score int
		}
		var hits []scored
		for _, z := range Zones {
			l := strings.ToLower(z)
			city := l[strings.LastIndex(l, "/")+1:]
			switch {
			case l == q:
				hits = append(hits, scored{z, 0})
			case strings.HasPrefix(city, q):
				hits = append(hits, scored{z, 1})
			case strings.HasPrefix(l, q):
				hits = append(hits, scored{z, 2})
			case strings.Contains(l, q):
				hits = append(hits, scored{z, 3})
			}
		}
		if len(hits) == 0 {
			// A typo: the zones within a few edits of the name or its city.
			for _, z := range Zones {
				l := strings.ToLower(z)
				city := l[strings.LastIndex(l, "/")+1:]
				qcity := q[strings.LastIndex(q, "/")+1:]
				if d := min(editDistance(q, l), editDistance(qcity, city)); d <= 2 {
					hits = append(hits, scored{z, 10 + d})
				}
			}
		}
		sort.SliceStable(hits, func(i, j int) bool { return hits[i].score < hits[j].score })
		for _, h := range hits {
			list = append(list, h.name)
		}
	}
	if len(list) > limit {
		list = list[:limit]
	}
	out := make([]Choice, len(list))
	for i, z := range list {
		out[i] = Choice{Name: strings.ReplaceAll(z, "_", " "), Value: z}
	}
	return out
}

// editDistance is the Levenshtein distance of a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// PostKind is what a daily post shows.
type PostKind string

// Daily post kinds, in the order they are tried.
const (
	PostOnThisDay  PostKind = "on this day"     // events of this month and day in past years
	PostThisWeek   PostKind = "this week"       // nothing today: events within three days
	PostFactOfDay  PostKind = "fact of the day" // nothing near: a figure or a profile
	PostEmptyBase  PostKind = "empty"           // a base with nothing to show
	dailyFooterTip          = "/onthisday shows any day · /daily show tells when the next post goes out"
)

// Post is a rendered daily post.
type Post struct {
	Date  string // the local date it is for, YYYY-MM-DD
	Kind  PostKind
	Embed Embed
	Facts []string // ids of the facts shown, recorded so a fact of the day is not repeated
}

// Response is the post as a message.
func (p Post) Response() Response { return Response{Embeds: []Embed{p.Embed}} }

// Text is the post as plain text, as `malibot daily` prints it.
func (p Post) Text() string { return Plain(p.Response()) }

// DailyPost renders the post of the local date of date for a server. recent
// holds the ids of facts posted to the server in the last RecentDays days;
// a fact of the day is chosen outside them, from guildID and the date, so
// the same server and day always get the same post.
func DailyPost(base *facts.Base, guildID string, date time.Time, recent []string) Post {
	p := Post{Date: date.Format(DateLayout)}
	today := facts.Date{Year: date.Year(), Month: date.Month(), Day: date.Day(), Precision: facts.Day}
	dayName := fmt.Sprintf("%d %s", date.Day(), date.Month())

	var events []*facts.Fact
	for _, f := range base.OnDay(date.Month(), date.Day()) {
		if !today.Before(f.When) {
			events = append(events, f)
		}
	}
	if len(events) > 0 {
		p.Kind = PostOnThisDay
		p.Embed = Embed{Title: "On this day in Mali — " + dayName, Color: colorAnswer, Footer: dailyFooterTip}
		p.Embed.Description, p.Facts = eventLines(base, events, date, false)
		p.Embed = fit(p.Embed)
		return p
	}
	if near := weekEvents(base, date, today); len(near) > 0 {
		p.Kind = PostThisWeek
		p.Embed = Embed{Title: "This week in Mali's history — " + dayName, Color: colorAnswer, Footer: dailyFooterTip}
		desc, ids := eventLines(base, near, date, true)
		p.Embed.Description = fmt.Sprintf("Nothing in my sources happened on %s; within three days of it:\n\n%s", dayName, desc)
		p.Facts = ids
		p.Embed = fit(p.Embed)
		return p
	}
	if f := factOfTheDay(base, guildID, p.Date, recent); f != nil {
		p.Kind = PostFactOfDay
		p.Facts = []string{f.ID}
		desc := oneLine(f.Statement)
		if f.Kind == facts.KindFigure && f.Measures != "" {
			desc = "**" + figureLine(f) + "**\n" + desc
		} else if f.Name != "" {
			desc = "**" + f.Name + "** — " + desc
		}
		p.Embed = fit(Embed{
			Title:       "Mali fact of the day — " + dayName,
			Description: desc + "\n*Source: " + base.Cite(f) + "*",
			Color:       colorAnswer,
			Footer:      "Nothing in my sources happened this week in past years · " + dailyFooterTip,
		})
		return p
	}
	p.Kind = PostEmptyBase
	p.Embed = Embed{
		Title:       "On this day in Mali — " + dayName,
		Description: "Nothing in my sources happened on " + dayName + " or near it, and I have no facts to share yet.",
		Color:       colorUnsure,
	}
	return p
}

// eventLines renders events as "**2015** · 10 years ago — statement" with the
// source beneath, full dates when withDate, and the ids shown.
func eventLines(base *facts.Base, events []*facts.Fact, date time.Time, withDate bool) (string, []string) {
	var (
		b   strings.Builder
		ids []string
	)
	for i, f := range events {
		when := fmt.Sprint(f.When.Year)
		if withDate {
			when = f.When.String()
		}
		entry := fmt.Sprintf("**%s** · %s — %s\n*Source: %s*\n", when, ago(date.Year()-f.When.Year), oneLine(facts.Truncate(f.Statement, 300)), base.Cite(f))
		if i == dailyShown || b.Len()+len(entry) > MaxDescription-200 {
			fmt.Fprintf(&b, "… and %d more: `/onthisday` lists them.", len(events)-i)
			break
		}
		b.WriteString(entry)
		ids = append(ids, f.ID)
	}
	return strings.TrimSpace(b.String()), ids
}

// weekEvents returns the day-dated events up to today within weekWindow
// days of date's month and day in any year, by day of the week then oldest
// first.
func weekEvents(base *facts.Base, date time.Time, today facts.Date) []*facts.Fact {
	const leap = 2000 // a leap year, so that 29 February has a place
	at := time.Date(leap, date.Month(), date.Day(), 0, 0, 0, 0, time.UTC).YearDay()
	offset := func(f *facts.Fact) int {
		n := time.Date(leap, f.When.Month, f.When.Day, 0, 0, 0, 0, time.UTC).YearDay() - at
		switch {
		case n > 183:
			n -= 366
		case n < -183:
			n += 366
		}
		return n
	}
	var out []*facts.Fact
	for _, f := range base.Dated() {
		if f.When.Precision != facts.Day || today.Before(f.When) {
			continue
		}
		if n := offset(f); n >= -weekWindow && n <= weekWindow && n != 0 {
			out = append(out, f)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if a, b := offset(out[i]), offset(out[j]); a != b {
			return a < b
		}
		return out[i].When.Year < out[j].When.Year
	})
	return out
}

// factOfTheDay picks a figure or a profile (group, person, organisation,
// place, people, topic) not in recent, the same for the same server and day.
// When every candidate is recent, the base is too small to avoid a repeat
// and the choice is made among all.
func factOfTheDay(base *facts.Base, guildID, date string, recent []string) *facts.Fact {
	var all, fresh []*facts.Fact
	for _, f := range base.Facts {
		if (f.Kind == facts.KindFigure || f.Kind.IsEntity()) && strings.TrimSpace(f.Statement) != "" && len(f.Sources) > 0 {
			all = append(all, f)
			if !slices.Contains(recent, f.ID) {
				fresh = append(fresh, f)
			}
		}
	}
	if len(fresh) == 0 {
		fresh = all
	}
	if len(fresh) == 0 {
		return nil
	}
	h := fnv.New64a()
	h.Write([]byte(guildID + "/" + date))
	return fresh[h.Sum64()%uint64(len(fresh))]
}

// oneLine folds a statement onto one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

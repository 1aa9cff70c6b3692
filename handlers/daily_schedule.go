package handlers

import (
	"fmt"
	"strings"
	"time"
)

// DateLayout is how local dates are written in Schedule.LastPost and the
// store: YYYY-MM-DD.
const DateLayout = "2006-01-02"

// LoadZone returns the location of an IANA zone name such as "Africa/Bamako";
// "" is UTC. "Local" and names time.LoadLocation does not know are errors.
// Binaries import time/tzdata, so this works without a system zone database.
func LoadZone(name string) (*time.Location, error) {
	if name == "" {
		return time.UTC, nil
	}
	if name == "Local" || strings.HasPrefix(name, "/") || strings.Contains(name, "..") {
		return nil, fmt.Errorf("unknown time zone %q", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("unknown time zone %q", name)
	}
	return loc, nil
}

// PostTime returns the instant of the day's post: hour:minute on the local
// calendar day of day in loc. A time skipped by a spring-forward change (02:30
// in Europe/Paris on the last Sunday of March) comes out an hour later; a
// time repeated by an autumn change is taken once, as time.Date chooses.
func PostTime(day time.Time, hour, minute int, loc *time.Location) time.Time {
	y, m, d := day.In(loc).Date()
	return time.Date(y, m, d, hour, minute, 0, 0, loc)
}

// Due reports whether the schedule's post for the local day of now is due,
// and that day as YYYY-MM-DD. It is due from hour:minute until the end of
// that local day, when no post of that day is recorded (LastPost) and the
// schedule was set before the post time: a post missed while the bot was
// down goes out when it comes back the same local day, never the next day.
// It ignores Enabled and Paused; the caller lists only active schedules.
func (s Schedule) Due(now time.Time, loc *time.Location) (date string, due bool) {
	local := now.In(loc)
	y, m, d := local.Date()
	date = formatDate(y, m, d)
	if s.LastPost >= date { // also a clock set back across midnight
		return date, false
	}
	at := PostTime(local, s.Hour, s.Minute, loc)
	if now.Before(at) || (!s.Since.IsZero() && at.Before(s.Since)) {
		return date, false
	}
	return date, true
}

// Next returns when the next post will go out, seen at now: now itself
// when one is due, otherwise the next hour:minute after the last post and
// after the schedule was set.
func (s Schedule) Next(now time.Time, loc *time.Location) time.Time {
	if _, due := s.Due(now, loc); due {
		return now
	}
	day := now.In(loc)
	for range 3 { // today, tomorrow, or (after a post recorded ahead) the day after
		at := PostTime(day, s.Hour, s.Minute, loc)
		if !at.Before(now) && day.Format(DateLayout) > s.LastPost && (s.Since.IsZero() || !at.Before(s.Since)) {
			return at
		}
		y, m, d := day.Date()
		day = time.Date(y, m, d+1, 12, 0, 0, 0, loc)
	}
	return PostTime(day, s.Hour, s.Minute, loc)
}

// ParseClock reads a 24-hour time "HH:MM" (or "H:MM", "HHMM", "8h30", "8").
func ParseClock(s string) (hour, minute int, ok bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.NewReplacer("h", ":", ".", ":").Replace(s)
	s = strings.TrimSuffix(s, ":")
	if !strings.Contains(s, ":") {
		switch len(s) {
		case 1, 2:
			s += ":00"
		case 4:
			s = s[:2] + ":" + s[2:]
		}
	}
	h, m, found := strings.Cut(s, ":")
	if !found || len(h) < 1 || len(h) > 2 || len(m) != 2 {
		return 0, 0, false
	}
	for _, c := range h + m {
		if c < '0' || c > '9' {
			return 0, 0, false
		}
	}
	hour = int(h[0] - '0')
	if len(h) == 2 {
		hour = hour*10 + int(h[1]-'0')
	}
	minute = int(m[0]-'0')*10 + int(m[1]-'0')
	if hour > 23 || minute > 59 {
		return 0, 0, false
	}
	return hour, minute, true
}

// formatDate is local.Format(DateLayout) for years 0-9999, without the cost
// of Format: Due runs for every schedule every minute.
func formatDate(y int, m time.Month, d int) string {
	if y < 0 || y > 9999 {
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Format(DateLayout)
	}
	b := [10]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + int(m)/10), byte('0' + int(m)%10), '-', byte('0' + d/10), byte('0' + d%10)}
	return string(b[:])
}

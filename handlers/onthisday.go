package handlers

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/malibot/malibot/facts"
)

// onThisDayShown is how many events one /onthisday reply lists.
const onThisDayShown = 10

// nearWindow is how many days either side /onthisday looks when the day
// itself has nothing.
const nearWindow = 7

// OnThisDay is /onthisday [date]: the events of that month and day in past
// years, oldest first; today (Request.Now) when no date is given.
func OnThisDay(d Deps) Command {
	return Command{
		Name:        "onthisday",
		Description: "What happened in Mali on this day (or another) in past years",
		Help:        "`/onthisday date:20 november` — events of a day in past years; today when no date is given.",
		Options: []Option{{
			Name: "date", Description: "A day such as 11-20, 20 november, nov 20 or 2025-11-20", Type: String,
		}},
		Handle: func(r Request) Response {
			if r.Kind == KindButton {
				return notice("That button is from an older version of me; please run /onthisday again.")
			}
			m, day := r.Now.Month(), r.Now.Day()
			if s := strings.TrimSpace(r.Option("date")); s != "" {
				var bad string
				m, day, bad = parseDay(s)
				if bad != "" {
					return notice(bad)
				}
			}
			return onThisDay(d.Facts, m, day, r.Now)
		},
	}
}

// onThisDay renders the events of month m, day day before now.
func onThisDay(b *facts.Base, m time.Month, day int, now time.Time) Response {
	today := facts.Date{Year: now.Year(), Month: now.Month(), Day: now.Day(), Precision: facts.Day}
	var list []*facts.Fact
	for _, f := range b.OnDay(m, day) {
		if !today.Before(f.When) {
			list = append(list, f)
		}
	}
	name := fmt.Sprintf("%d %s", day, m)
	e := Embed{Title: "On this day: " + name, Color: colorAnswer}
	if len(list) > 0 {
		var desc strings.Builder
		for i, f := range list {
			line := fmt.Sprintf("**%d** (%s) — %s *(%s)*", f.When.Year, ago(now.Year()-f.When.Year), f.Statement, citeAll(b, []*facts.Fact{f}))
			if i == onThisDayShown || desc.Len()+len(line) > MaxDescription-100 {
				fmt.Fprintf(&desc, "… and %d more: try `/timeline from:%d`.", len(list)-i, f.When.Year)
				break
			}
			desc.WriteString(line + "\n")
		}
		e.Description = strings.TrimSpace(desc.String())
		return Response{Embeds: []Embed{fit(e)}}
	}
	near := nearDays(b, m, day, today)
	if len(near) == 0 {
		e.Description = fmt.Sprintf("Nothing in my sources happened on %s, nor within a week of it.", name)
		e.Color = colorUnsure
		return Response{Embeds: []Embed{e}}
	}
	lines := []string{fmt.Sprintf("Nothing in my sources happened on %s. Nearest within a week:", name)}
	for _, f := range near {
		lines = append(lines, "• "+datedLine(f, 200))
	}
	e.Description = strings.Join(lines, "\n")
	e.Footer = sourcesFooter(b, near)
	return Response{Embeds: []Embed{fit(e)}}
}

// nearDays returns the day-dated events (up to today) within nearWindow
// days of month m, day day in any year, nearest first, then oldest first.
func nearDays(b *facts.Base, m time.Month, day int, today facts.Date) []*facts.Fact {
	const leap = 2000 // a leap year, so that 29 February has a place
	at := time.Date(leap, m, day, 0, 0, 0, 0, time.UTC).YearDay()
	dist := func(f *facts.Fact) int {
		n := time.Date(leap, f.When.Month, f.When.Day, 0, 0, 0, 0, time.UTC).YearDay() - at
		if n < 0 {
			n = -n
		}
		return min(n, 366-n)
	}
	var out []*facts.Fact
	for _, f := range b.Dated() {
		if f.When.Precision == facts.Day && !today.Before(f.When) && dist(f) <= nearWindow {
			out = append(out, f)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return dist(out[i]) < dist(out[j]) })
	if len(out) > onThisDayShown {
		out = out[:onThisDayShown]
	}
	return out
}

// ago says how long ago, in years: "this year", "1 year ago", "11 years ago".
func ago(years int) string {
	switch years {
	case 0:
		return "this year"
	case 1:
		return "1 year ago"
	}
	return fmt.Sprintf("%d years ago", years)
}

var monthNames = func() map[string]time.Month {
	m := map[string]time.Month{}
	for i := time.January; i <= time.December; i++ {
		name := strings.ToLower(i.String())
		m[name] = i
		m[name[:3]] = i
	}
	m["sept"] = time.September
	// French, for the Malian members
	for i, name := range []string{"janvier", "fevrier", "février", "mars", "avril", "mai", "juin", "juillet", "aout", "août", "septembre", "octobre", "novembre", "decembre", "décembre"} {
		months := []time.Month{1, 2, 2, 3, 4, 5, 6, 7, 8, 8, 9, 10, 11, 12, 12}
		m[name] = months[i]
	}
	return m
}()

// parseDay reads a month and day from "11-20", "20 november", "nov 20",
// "november 20th" or "2025-11-20". bad is a short explanation when s is
// not such a date.
func parseDay(s string) (m time.Month, day int, bad string) {
	example := "Try a day such as `11-20`, `20 november`, `nov 20` or `2025-11-20`."
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.NewReplacer(",", " ", ".", " ", "/", "-").Replace(s)
	var month, dayNum int
	var ok bool
	fields := strings.Fields(s)
	switch {
	case len(fields) == 1 && strings.Count(s, "-") == 2: // 2025-11-20
		parts := strings.Split(s, "-")
		if y, err := strconv.Atoi(parts[0]); err == nil && len(parts[0]) == 4 && y > 0 {
			month, ok = number(parts[1])
			if ok {
				dayNum, ok = number(parts[2])
			}
		}
	case len(fields) == 1 && strings.Count(s, "-") == 1: // 11-20
		a, b, _ := strings.Cut(s, "-")
		month, ok = number(a)
		if ok {
			dayNum, ok = number(b)
		}
	case len(fields) == 2 || len(fields) == 3: // 20 november, nov 20, 20 nov 2015
		a, b := fields[0], fields[1]
		if mm, isMonth := monthNames[a]; isMonth {
			month, ok = int(mm), true
			dayNum, ok = ordinal(b)
		} else if mm, isMonth := monthNames[b]; isMonth {
			month = int(mm)
			dayNum, ok = ordinal(a)
		}
		if ok && len(fields) == 3 {
			_, err := strconv.Atoi(fields[2])
			ok = err == nil && len(fields[2]) == 4
		}
	}
	if !ok {
		return 0, 0, fmt.Sprintf("I couldn't read %s as a day. %s", echo(s), example)
	}
	if month < 1 || month > 12 {
		return 0, 0, fmt.Sprintf("There is no month %d. %s", month, example)
	}
	last := time.Date(2000, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day() // 2000 is a leap year
	if dayNum < 1 || dayNum > last {
		return 0, 0, fmt.Sprintf("%s has no day %d. %s", time.Month(month), dayNum, example)
	}
	return time.Month(month), dayNum, ""
}

// number reads a one- or two-digit number.
func number(s string) (int, bool) {
	if len(s) < 1 || len(s) > 2 {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 0
}

// ordinal reads a day such as "20", "20th", "1st" or "1er".
func ordinal(s string) (int, bool) {
	for _, suffix := range []string{"st", "nd", "rd", "th", "er"} {
		if t, ok := strings.CutSuffix(s, suffix); ok {
			s = t
			break
		}
	}
	return number(s)
}

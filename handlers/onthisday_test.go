package handlers

import (
	"strings"
	"testing"
	"time"
)

func TestParseDay(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in    string
		month time.Month
		day   int
		bad   string // start of the explanation
	}{
		{in: "11-20", month: 11, day: 20},
		{in: "20 november", month: 11, day: 20},
		{in: "nov 20", month: 11, day: 20},
		{in: "November 20th", month: 11, day: 20},
		{in: "20 Nov 2015", month: 11, day: 20},
		{in: "2025-11-20", month: 11, day: 20},
		{in: "1er août", month: 8, day: 1},
		{in: "2-29", month: 2, day: 29},
		{in: "13-45", bad: "There is no month 13."},
		{in: "2-30", bad: "February has no day 30."},
		{in: "nov 31", bad: "November has no day 31."},
		{in: "tomorrow-ish", bad: "I couldn't read “tomorrow-ish” as a day."},
		{in: "next tuesday", bad: "I couldn't read"},
		{in: "2025-11", bad: "I couldn't read"},
		{in: "11-20-2025-1", bad: "I couldn't read"},
		{in: "@everyone", bad: "I couldn't read “@\u200beveryone”"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			m, d, bad := parseDay(tt.in)
			if tt.bad != "" {
				if !strings.HasPrefix(bad, tt.bad) || !strings.Contains(bad, "`11-20`") {
					t.Errorf("parseDay(%q) explained %q, want %q and examples", tt.in, bad, tt.bad)
				}
				return
			}
			if m != tt.month || d != tt.day || bad != "" {
				t.Errorf("parseDay(%q) = %v %d %q, want %v %d", tt.in, m, d, bad, tt.month, tt.day)
			}
		})
	}
}

func TestOnThisDay(t *testing.T) {
	t.Parallel()
	c := OnThisDay(Deps{Facts: fixture(t)})
	tests := []struct {
		name string
		req  Request
		want string // Plain(response)
	}{
		{
			name: "today by default", req: request(KindCommand),
			want: "**On this day: 20 November**\n**2015** (11 years ago) — On 20 November 2015 gunmen stormed the Radisson Blu Hotel in Bamako, killing 20 people. *(Counter Extremism Project, \"La Terrasse Restaurant and Radisson Blu Hotel Attack\", line 66)*\n",
		},
		{
			name: "another day", req: request(KindCommand, "date", "2025-11-09"),
			want: "**On this day: 9 November**\n**2022** (4 years ago) — Operation Barkhane officially ended on 9 November 2022. *(Counter Extremism Project, \"Military Endeavors\", line 94)*\n",
		},
		{
			name: "nothing that day: the nearest within a week", req: request(KindCommand, "date", "nov 14"),
			want: "**On this day: 14 November**\nNothing in my sources happened on 14 November. Nearest within a week:\n• 9 November 2022 — Operation Barkhane officially ended on 9 November 2022.\n• 20 November 2015 — Gunmen stormed the Radisson Blu Hotel in Bamako, killing 20 people.\n— Source: Counter Extremism Project, lines 66, 94\n",
		},
		{
			name: "nothing within a week", req: request(KindCommand, "date", "03-03"),
			want: "**On this day: 3 March**\nNothing in my sources happened on 3 March, nor within a week of it.\n",
		},
		{
			name: "bad date", req: request(KindCommand, "date", "13-45"),
			want: "There is no month 13. Try a day such as `11-20`, `20 november`, `nov 20` or `2025-11-20`.\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resp := c.Handle(tt.req)
			checkLimits(t, resp)
			if got := Plain(resp); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestOnThisDayUsesRequestNow(t *testing.T) {
	t.Parallel()
	c := OnThisDay(Deps{Facts: fixture(t)})
	r := request(KindCommand)
	r.Now = time.Date(2014, 8, 1, 12, 0, 0, 0, time.UTC)
	if got := Plain(c.Handle(r)); !strings.Contains(got, "**2014** (this year) — France launched Operation Barkhane") {
		t.Errorf("1 August 2014:\n%s", got)
	}
	// the future is not "on this day in past years"
	r.Now = time.Date(2015, 11, 19, 12, 0, 0, 0, time.UTC)
	r.Options["date"] = "11-20"
	if got := Plain(c.Handle(r)); strings.Contains(got, "Radisson") {
		t.Errorf("an event after Now was shown:\n%s", got)
	}
}

func TestOnThisDayOnRealBase(t *testing.T) {
	t.Parallel()
	c := OnThisDay(Deps{Facts: realBase(t)})
	for _, date := range []string{"11-20", "01-01", "06-15", "02-29"} {
		resp := c.Handle(request(KindCommand, "date", date))
		checkLimits(t, resp)
		if resp.Ephemeral {
			t.Errorf("%s: %s", date, resp.Content)
		}
	}
}

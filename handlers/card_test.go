package handlers

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/malibot/malibot/facts"
)

func TestFormatValue(t *testing.T) {
	t.Parallel()
	v := func(x float64) *float64 { return &x }
	tests := []struct {
		f    facts.Fact
		want string
	}{
		{facts.Fact{Value: v(476000), Unit: "people"}, "476,000 people"},
		{facts.Fact{Value: v(1000), ValueMax: v(2000), Unit: "fighters"}, "1,000–2,000 fighters"},
		{facts.Fact{Value: v(39.9), Unit: "percent"}, "39.9%"},
		{facts.Fact{Value: v(5000000), Unit: "usd"}, "$5,000,000"},
		{facts.Fact{Value: v(1.25), Unit: "gbp"}, "£1.25"},
		{facts.Fact{Value: v(15), Unit: "rank"}, "rank 15"},
		{facts.Fact{Value: v(-1234.5)}, "-1,234.5"},
		{facts.Fact{Value: v(999)}, "999"},
		{facts.Fact{}, "?"},
	}
	for _, tt := range tests {
		if got := formatValue(&tt.f); got != tt.want {
			t.Errorf("formatValue(%v %s) = %q, want %q", *orZero(tt.f.Value), tt.f.Unit, got, tt.want)
		}
	}
}

func orZero(p *float64) *float64 {
	if p == nil {
		return new(float64)
	}
	return p
}

func TestDatedLine(t *testing.T) {
	t.Parallel()
	mk := func(date, s string) *facts.Fact {
		d, err := facts.ParseDate(date)
		if err != nil {
			t.Fatal(err)
		}
		return &facts.Fact{When: d, Statement: s}
	}
	tests := []struct {
		f    *facts.Fact
		want string
	}{
		{mk("2015-11-20", "On 20 November 2015 gunmen stormed a hotel."), "20 November 2015 — Gunmen stormed a hotel."},
		{mk("2015-11-20", "On 20 November 2015, gunmen stormed a hotel."), "20 November 2015 — Gunmen stormed a hotel."},
		{mk("2017-03", "In March 2017 JNIM formed."), "March 2017 — JNIM formed."},
		{mk("2012", "Rebels took the north."), "2012 — Rebels took the north."},
	}
	for _, tt := range tests {
		if got := datedLine(tt.f, 110); got != tt.want {
			t.Errorf("datedLine = %q, want %q", got, tt.want)
		}
	}
}

func TestFitKeepsDiscordLimits(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("word ", 2000)
	e := Embed{Title: long, Description: long, Footer: long}
	for range 30 {
		e.Fields = append(e.Fields, Field{Name: long, Value: long})
	}
	e.Fields = append(e.Fields, Field{Name: "empty", Value: " "})
	got := fit(e)
	checkLimits(t, Response{Embeds: []Embed{got}})
	if embedSize(got) > MaxEmbedTotal {
		t.Errorf("embed is %d characters", embedSize(got))
	}
}

func TestListValue(t *testing.T) {
	t.Parallel()
	lines := make([]string, 50)
	for i := range lines {
		lines[i] = strings.Repeat("x", 60)
	}
	got := listValue(lines, "")
	if utf8.RuneCountInString(got) > MaxFieldValue || !strings.HasSuffix(got, "more") {
		t.Errorf("listValue: %d characters ending %q", utf8.RuneCountInString(got), got[len(got)-20:])
	}
	if got := listValue(nil, ""); got != "" {
		t.Errorf("listValue(nil) = %q", got)
	}
}

func TestEcho(t *testing.T) {
	t.Parallel()
	if got := echo("<@123> `x` *y*\n_z_"); got != "“\\<@\u200b123\\> \\`x\\` \\*y\\* \\_z\\_”" {
		t.Errorf("echo = %q", got)
	}
	if got := echo(strings.Repeat("a", 500)); utf8.RuneCountInString(got) > 62 {
		t.Errorf("echo kept %d characters", utf8.RuneCountInString(got))
	}
}

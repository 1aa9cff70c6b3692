package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"
	_ "time/tzdata" // /daily's time zones resolve in a static image without /usr/share/zoneinfo

	"github.com/malibot/malibot/facts"
	"github.com/malibot/malibot/handlers"
)

// daily prints the daily post of a date as plain text, the same rendering
// as /daily preview and the scheduler's posts.
func daily(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("daily", flag.ContinueOnError)
	fs.SetOutput(stderr)
	date := fs.String("date", "", "the local date of the post, YYYY-MM-DD (default: today in --timezone)")
	zone := fs.String("timezone", "UTC", "the server's time zone, for today's date")
	guild := fs.String("guild", "", "a server id: the fact of the day is chosen per server")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: malibot daily [--date YYYY-MM-DD] [--timezone Area/City] [--guild ID]")
		fs.PrintDefaults()
	}
	if done, err := parseFlags(fs, args); done {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	loc, err := handlers.LoadZone(*zone)
	if err != nil {
		return fmt.Errorf("--timezone: %w (use an IANA name such as Africa/Bamako)", err)
	}
	day := time.Now().In(loc)
	if s := strings.TrimSpace(*date); s != "" {
		if day, err = time.ParseInLocation(handlers.DateLayout, s, loc); err != nil {
			return fmt.Errorf("--date %q is not a date YYYY-MM-DD", s)
		}
	}
	base, err := facts.Default()
	if err != nil {
		return err
	}
	_, err = io.WriteString(stdout, handlers.DailyPost(base, *guild, day, nil).Text())
	return err
}

package main

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/malibot/malibot/facts"
	"github.com/malibot/malibot/handlers"
)

// shell runs handlers from the command line the way bot/ runs them from
// Discord: it keeps one server's settings in memory for the session.
type shell struct {
	base     *facts.Base
	cmds     map[string]handlers.Command
	settings handlers.Settings
	now      func() time.Time
	buttons  []handlers.Button // the last reply's buttons, pressed by number
}

func newShell() (*shell, error) {
	base, err := facts.Default()
	if err != nil {
		return nil, err
	}
	sh := &shell{base: base, cmds: map[string]handlers.Command{}, now: time.Now,
		settings: handlers.Settings{GuildID: "shell"}}
	for _, c := range handlers.All(handlers.Deps{Facts: base}) {
		sh.cmds[c.Name] = c
	}
	return sh, nil
}

var optionStart = regexp.MustCompile(`^([a-z0-9_-]+):(.*)$`)

// parseSlash reads a line such as "/onthisday date:11-20" or
// "/daily set time:08:00 timezone:Europe/Paris" into a request: the word
// after the command is a subcommand unless it has a colon, and an option's
// value runs until the next "name:" word.
func parseSlash(line string) handlers.Request {
	fields := strings.Fields(strings.TrimPrefix(strings.TrimSpace(line), "/"))
	r := handlers.Request{Kind: handlers.KindCommand, Options: map[string]string{}}
	if len(fields) == 0 {
		return r
	}
	r.Command = strings.ToLower(fields[0])
	current := ""
	for i, f := range fields[1:] {
		if m := optionStart.FindStringSubmatch(f); m != nil && !strings.Contains(m[1], "/") {
			current = m[1]
			r.Options[current] = m[2]
			continue
		}
		if current == "" {
			if i == 0 {
				r.Subcommand = strings.ToLower(f)
				continue
			}
			current = "_"
		}
		if r.Options[current] == "" {
			r.Options[current] = f
		} else {
			r.Options[current] += " " + f
		}
	}
	return r
}

// do answers one line: a /command, a button number, or a question.
func (sh *shell) do(line string) handlers.Response {
	line = strings.TrimSpace(line)
	var r handlers.Request
	switch {
	case strings.HasPrefix(line, "/"):
		r = parseSlash(line)
	case len(line) == 1 && line[0] >= '1' && line[0] <= '9' && int(line[0]-'1') < len(sh.buttons):
		b := sh.buttons[line[0]-'1']
		r = handlers.Request{Kind: handlers.KindButton, Command: b.Command, Button: b.ID}
	default:
		r = handlers.Request{Kind: handlers.KindMessage, Command: "ask", Text: line}
	}
	r.GuildID, r.ChannelID, r.UserID = "shell", "shell", "shell"
	r.CanManage = true
	r.Now = sh.now()
	r.Settings = sh.settings
	c, ok := sh.cmds[r.Command]
	if !ok {
		return handlers.Response{Content: fmt.Sprintf("Unknown command /%s. Try /help.", r.Command), Ephemeral: true}
	}
	resp := c.Handle(r)
	if resp.Update != nil {
		sh.settings = *resp.Update
	}
	sh.buttons = resp.Buttons
	return resp
}

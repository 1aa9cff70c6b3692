package handlers

import "strings"

// Help is /help: one line for every command in cmds and for itself, built
// from the final command list so that it never falls out of date.
func Help(cmds []Command) Command {
	c := Command{
		Name:        "help",
		Description: "What I can do: every command with an example",
		Help:        "`/help` — this list.",
	}
	lines := make([]string, 0, len(cmds)+1)
	for _, cmd := range append(append([]Command{}, cmds...), c) {
		line := cmd.Help
		if line == "" {
			line = "`/" + cmd.Name + "` — " + cmd.Description
		}
		// The one place that marks admin commands: their Help text must
		// not say it again.
		if cmd.Admin {
			line = strings.TrimSuffix(line, ".") + " *(Manage Server)*"
		}
		lines = append(lines, line)
	}
	text := strings.Join(lines, "\n")
	c.Handle = func(Request) Response {
		e := Embed{Title: "What I can do", Description: text, Color: colorAnswer,
			Footer: "You can also mention me with a question, e.g. @malibot who leads JNIM?"}
		return Response{Embeds: []Embed{fit(e)}, Ephemeral: true}
	}
	return c
}

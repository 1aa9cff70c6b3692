package handlers

import (
	"fmt"
	"strings"
)

// Plain renders a response as plain text, the way the shell commands
// (ask, console, daily) print it.
func Plain(r Response) string {
	var b strings.Builder
	line := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			b.WriteString(s)
			b.WriteByte('\n')
		}
	}
	line(r.Content)
	for _, e := range r.Embeds {
		if e.Title != "" {
			line("**" + e.Title + "**")
		}
		line(e.Description)
		for _, f := range e.Fields {
			line(f.Name + ": " + f.Value)
		}
		if e.Footer != "" {
			line("— " + e.Footer)
		}
	}
	if len(r.Buttons) > 0 {
		labels := make([]string, len(r.Buttons))
		for i, btn := range r.Buttons {
			labels[i] = fmt.Sprintf("[%s]", btn.Label)
		}
		line(strings.Join(labels, " "))
	}
	for _, c := range r.Choices {
		line("• " + c.Name)
	}
	return b.String()
}

package handlers

import (
	"strings"
	"testing"
)

func TestHelpListsEveryCommand(t *testing.T) {
	t.Parallel()
	cmds := All(Deps{Facts: fixture(t)})
	help := cmds[len(cmds)-1]
	resp := help.Handle(request(KindCommand))
	checkLimits(t, resp)
	if !resp.Ephemeral {
		t.Error("help is not ephemeral")
	}
	lines := strings.Split(resp.Embeds[0].Description, "\n")
	if len(lines) != len(cmds) {
		t.Fatalf("%d lines for %d commands:\n%s", len(lines), len(cmds), resp.Embeds[0].Description)
	}
	for i, c := range cmds {
		if !strings.Contains(lines[i], "/"+c.Name) {
			t.Errorf("line %d %q does not name /%s", i, lines[i], c.Name)
		}
	}
}

func TestHelpFallsBackToDescription(t *testing.T) {
	t.Parallel()
	h := Help([]Command{{Name: "x", Description: "Does x", Admin: true}})
	got := h.Handle(Request{}).Embeds[0].Description
	if got != "`/x` — Does x *(Manage Server)*\n`/help` — this list." {
		t.Errorf("got %q", got)
	}
}

// TestHelpMarksAdminCommandsOnce checks that every admin command's line
// says "Manage Server" exactly once, and no other line does.
func TestHelpMarksAdminCommandsOnce(t *testing.T) {
	t.Parallel()
	cmds := All(Deps{Facts: fixture(t)})
	lines := strings.Split(cmds[len(cmds)-1].Handle(request(KindCommand)).Embeds[0].Description, "\n")
	admins := 0
	for i, c := range cmds {
		want := 0
		if c.Admin {
			want = 1
			admins++
		}
		if n := strings.Count(lines[i], "Manage Server"); n != want {
			t.Errorf("/%s: %q says Manage Server %d times, want %d", c.Name, lines[i], n, want)
		}
	}
	if admins == 0 {
		t.Error("no admin command to check")
	}
}

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

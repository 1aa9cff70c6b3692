package handlers

import (
	"strings"
	"testing"
)

func TestPlace(t *testing.T) {
	t.Parallel()
	c := Place(Deps{Facts: fixture(t)})
	resp := c.Handle(request(KindCommand, "name", "bamako"))
	checkLimits(t, resp)
	golden(t, "place-bamako", resp)
	// "On 20 November 2015" is not repeated after the date
	if !strings.Contains(Plain(resp), "20 November 2015 — Gunmen stormed the Radisson Blu Hotel") {
		t.Errorf("key date not tidied:\n%s", Plain(resp))
	}
	mali := c.Handle(request(KindCommand, "name", "Mali"))
	if !strings.Contains(Plain(mali), "476,000 people — Christians in Mali (as of 2025)") {
		t.Errorf("Mali's card lacks its figure:\n%s", Plain(mali))
	}
	if r := c.Handle(request(KindCommand, "name", "jnim")); !r.Ephemeral || len(r.Buttons) == 0 || r.Buttons[0].ID != "jnim" {
		t.Errorf("a group under /place should suggest the group: %+v", r)
	}
}

package handlers

import (
	"strings"
	"testing"
)

func TestEvent(t *testing.T) {
	t.Parallel()
	c := Event(Deps{Facts: fixture(t)})
	tests := []struct {
		name string
		req  Request
		want string // start of Plain(response)
		eph  bool
	}{
		{"by id", request(KindCommand, "name", "radisson-attack"), "**20 November 2015**\nOn 20 November 2015 gunmen stormed", false},
		{"one match by words", request(KindCommand, "name", "radisson"), "**20 November 2015**", false},
		{"one match by a name it is about", request(KindCommand, "name", "Radisson Blu Hotel"), "**20 November 2015**", false},
		{"several matches", request(KindCommand, "name", "barkhane"), "Which event did you mean by “barkhane”?", true},
		{"no match", request(KindCommand, "name", "zzzzqqq"), "I know no event matching “zzzzqqq”.", true},
		{"not an event", request(KindCommand, "name", "jnim-fighters"), "I know no event matching", true},
		{"blank", request(KindCommand, "name", ""), "Type some words of the event", true},
		{"did-you-mean button", press("barkhane-ended"), "**9 November 2022**", false},
		{"stale button", press("no-such-event"), "That button is from an older version", true},
		{"button on a non-event", press("jnim"), "That button is from an older version", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resp := c.Handle(tt.req)
			checkLimits(t, resp)
			if got := Plain(resp); !strings.HasPrefix(got, tt.want) || resp.Ephemeral != tt.eph {
				t.Errorf("got (ephemeral %v)\n%s\nwant (ephemeral %v) a reply starting %q", resp.Ephemeral, got, tt.eph, tt.want)
			}
		})
	}
}

func TestEventCard(t *testing.T) {
	t.Parallel()
	resp := Event(Deps{Facts: fixture(t)}).Handle(request(KindCommand, "name", "radisson-attack"))
	golden(t, "event-radisson-attack", resp)
}

func TestEventButtonsOpenEvents(t *testing.T) {
	t.Parallel()
	resp := Event(Deps{Facts: fixture(t)}).Handle(request(KindCommand, "name", "barkhane"))
	if len(resp.Buttons) != 2 {
		t.Fatalf("want both Barkhane events, got %+v", resp.Buttons)
	}
	for _, b := range resp.Buttons {
		if b.Command != "event" || !strings.HasPrefix(b.ID, "barkhane-") {
			t.Errorf("button %+v", b)
		}
	}
}

func TestEventComplete(t *testing.T) {
	t.Parallel()
	c := Event(Deps{Facts: fixture(t)})
	tests := []struct {
		typed string
		first string
		n     int // how many choices, or -1 for any
	}{
		{"radisson", "radisson-attack", 1},
		{"2015-11", "radisson-attack", -1}, // by the date label
		{"bamako", "radisson-attack", 1},   // by the name of a place it is about
		{"jnim", "jnim-formed", -1},        // by the alias of a group it is about
		{"", "barkhane-ended", 4},          // newest first
	}
	for _, tt := range tests {
		t.Run(tt.typed, func(t *testing.T) {
			t.Parallel()
			got := c.Complete(request(KindAutocomplete, "name", tt.typed))
			checkChoices(t, got)
			if len(got) == 0 || got[0].Value != tt.first || tt.n >= 0 && len(got) != tt.n {
				t.Errorf("Complete(%q) = %v, want %d choices, %s first", tt.typed, got, tt.n, tt.first)
			}
			for _, ch := range got {
				if ch.Value == "jnim" || ch.Value == "jnim-fighters" {
					t.Errorf("Complete(%q) offered a non-event %s", tt.typed, ch.Value)
				}
			}
		})
	}
	if got := c.Complete(request(KindAutocomplete, "name", "radisson"))[0].Name; got != "2015-11-20 On 20 November 2015 gunmen stormed the Radisson Blu Hotel in Bamako, killing 20 people." {
		t.Errorf("label %q", got)
	}
}

func TestEventOnRealBase(t *testing.T) {
	t.Parallel()
	c := Event(Deps{Facts: realBase(t)})
	got := c.Complete(request(KindAutocomplete, "name", "radisson"))
	if len(got) == 0 {
		t.Fatal("no event for radisson")
	}
	resp := c.Handle(request(KindCommand, "name", got[0].Value))
	checkLimits(t, resp)
	if len(resp.Embeds) != 1 || !strings.Contains(resp.Embeds[0].Description, "Radisson") {
		t.Errorf("card: %+v", resp)
	}
}

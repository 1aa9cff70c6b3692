package handlers

import "github.com/malibot/malibot/facts"

// Group is /group name: the profile card of an armed group, coalition,
// militia or people.
func Group(d Deps) Command {
	return profileCommand(d, "group",
		"Profile of an armed group, coalition or people: leaders, key dates, figures",
		"`/group name:JNIM` — a group's profile: leaders, key dates, figures, related groups and sources.",
		"JNIM", facts.KindGroup, facts.KindPeople)
}

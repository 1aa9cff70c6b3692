package handlers

import "github.com/malibot/malibot/facts"

// Person is /person name: the profile card of a named individual.
func Person(d Deps) Command {
	return profileCommand(d, "person",
		"Profile of a person: role, what they lead, key dates and sources",
		"`/person name:Assimi Goïta` — a person's profile: role, key dates and sources.",
		"Goïta", facts.KindPerson)
}

package handlers

import "github.com/malibot/malibot/facts"

// Place is /place name: the profile card of a country, region, town or site.
func Place(d Deps) Command {
	return profileCommand(d, "place",
		"Profile of a country, region, town or site: what happened there, figures",
		"`/place name:Bamako` — a place: what happened there, figures and sources.",
		"Bamako", facts.KindPlace)
}

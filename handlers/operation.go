package handlers

import "github.com/malibot/malibot/facts"

// Operation is /operation name: the profile card of a mission, operation,
// bloc, agency or other organisation.
func Operation(d Deps) Command {
	return profileCommand(d, "operation",
		"Profile of a mission, operation, bloc or agency: dates, figures, sources",
		"`/operation name:Barkhane` — a mission, operation, bloc or agency: key dates, figures and sources.",
		"Barkhane", facts.KindOrg)
}

// Package handlers holds one file per slash command. Each handler is a plain
// function from a Request to a Response: no network, no Discord session, no
// clock of its own.
//
// It imports facts and the standard library only.
package handlers

// Package store keeps each server's settings and the record of daily posts,
// in an embedded SQLite file by default or in PostgreSQL.
package store

import (
	"context"

	"github.com/malibot/malibot/handlers"
)

// Store is the persistence the bot needs. Implementations are safe for
// concurrent use.
type Store interface {
	// Settings returns a server's settings; a server never seen gets the
	// zero Settings with GuildID set and a nil error.
	Settings(ctx context.Context, guildID string) (handlers.Settings, error)
	// SaveSettings stores a server's settings whole.
	SaveSettings(ctx context.Context, s handlers.Settings) error
	// Close releases the database.
	Close() error
}

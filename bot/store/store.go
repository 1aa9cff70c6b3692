// Package store keeps each server's settings and the record of daily posts,
// in an embedded SQLite file by default or in PostgreSQL.
//
// It imports handlers (for the Settings it stores), the standard library and
// the database drivers; nothing in it knows of Discord.
package store

import (
	"context"
	"errors"
	"time"

	"github.com/malibot/malibot/handlers"
)

// Store is the persistence the bot needs. Implementations are safe for
// concurrent use.
type Store interface {
	// Settings returns a server's settings; a server never seen gets the
	// zero Settings with GuildID set and a nil error.
	Settings(ctx context.Context, guildID string) (handlers.Settings, error)
	// SaveSettings stores a server's settings whole, except Daily.LastPost,
	// which only ClaimPost moves.
	SaveSettings(ctx context.Context, s handlers.Settings) error
	// Close releases the database.
	Close() error

	// Schedules returns the settings of every server whose daily post is
	// enabled and not paused, among the servers of shards.
	Schedules(ctx context.Context, shards Shards) ([]handlers.Settings, error)
	// ClaimPost records that the post of c.GuildID for c.Date is about to be
	// sent. It reports false when the post was already claimed, by this
	// process or another: the caller must then not send. A claim released by
	// ReleasePost can be claimed again.
	ClaimPost(ctx context.Context, c Claim) (bool, error)
	// MarkSent records that a claimed post went out.
	MarkSent(ctx context.Context, guildID, date, messageID string) error
	// ReleasePost gives up a claim after a transient failure, with the
	// reason, so that a later tick of the same day may try again.
	ReleasePost(ctx context.Context, guildID, date, reason string) error
	// FailPost records that a claimed post cannot be sent and pauses the
	// server's schedule with reason.
	FailPost(ctx context.Context, guildID, date, reason string) error
	// Pause stops a server's daily posts with a reason shown by /daily show.
	Pause(ctx context.Context, guildID, reason string) error
	// Post returns the record of one day's post; ok is false when there is none.
	Post(ctx context.Context, guildID, date string) (rec Post, ok bool, err error)
	// RecentFacts returns the ids of the facts posted to a server on local
	// dates since since (YYYY-MM-DD, inclusive), newest first.
	RecentFacts(ctx context.Context, guildID, since string) ([]string, error)
	// PrunePosts deletes the records of posts of local dates before before
	// (YYYY-MM-DD), of every server, and returns how many it deleted.
	PrunePosts(ctx context.Context, before string) (int64, error)
}

// Claim is a daily post about to be sent.
type Claim struct {
	GuildID   string
	Date      string // the server's local date, YYYY-MM-DD
	ChannelID string
	Facts     []string // ids of the facts in the post
	Token     string   // who claims, e.g. host:pid:random; ClaimPost fills it when empty
	Now       time.Time
}

// Post statuses.
const (
	StatusClaimed = "claimed" // claimed; sending, or the process stopped before recording
	StatusSent    = "sent"
	StatusRetry   = "retry"  // released after a transient failure; may be claimed again
	StatusFailed  = "failed" // cannot be sent; the schedule was paused
)

// Post is the record of one server's post of one local date.
type Post struct {
	GuildID   string
	Date      string
	ChannelID string
	Status    string
	Token     string
	Attempts  int
	Facts     []string
	MessageID string
	Note      string
	ClaimedAt time.Time
	SentAt    time.Time // zero unless sent
}

// Explain says in a sentence what happened to the post, for logs and
// operators: a claim never marked sent means the process stopped between
// claiming and recording the send, so the post went out at most once.
func (p Post) Explain() string {
	switch p.Status {
	case StatusSent:
		return "sent at " + p.SentAt.UTC().Format(time.RFC3339) + " by " + p.Token
	case StatusClaimed:
		return "claimed at " + p.ClaimedAt.UTC().Format(time.RFC3339) + " by " + p.Token +
			" and never marked sent: the process stopped while sending, so it was posted once or not at all"
	case StatusRetry:
		return "released for a retry after: " + p.Note
	case StatusFailed:
		return "not sent: " + p.Note
	}
	return p.Status
}

// ErrNotClaimed is returned by MarkSent, ReleasePost and FailPost when there
// is no claim of that server and date.
var ErrNotClaimed = errors.New("no claim for that post")

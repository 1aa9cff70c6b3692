package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/malibot/malibot/handlers"
)

// db implements Store over database/sql for both backends.
type db struct {
	sql   *sql.DB
	d     dialect
	token string // host:pid of this process, the prefix of its claim tokens
	// backoff is the first wait of a retry; doubled each time.
	backoff time.Duration
	tries   int
}

func newDB(ctx context.Context, sqldb *sql.DB, d dialect) (*db, error) {
	n, err := migrate(ctx, sqldb, d, migrationFiles)
	if err != nil {
		return nil, err
	}
	if d.name == "sqlite" {
		// A write: fails now, not at the first /daily set, on a read-only file.
		if _, err := sqldb.ExecContext(ctx, "PRAGMA user_version = "+strconv.Itoa(n)); err != nil {
			return nil, err
		}
	}
	host, _ := os.Hostname()
	return &db{sql: sqldb, d: d, token: host + ":" + strconv.Itoa(os.Getpid()), backoff: 100 * time.Millisecond, tries: 6}, nil
}

func (s *db) Close() error { return s.sql.Close() }

// retry runs f again, with backoff, while it fails with a transient error:
// a PostgreSQL server restarting, a dropped connection, a busy SQLite file.
// Every operation passed to it is safe to repeat.
func (s *db) retry(ctx context.Context, what string, f func() error) error {
	wait := s.backoff
	var err error
	for i := 0; i < s.tries; i++ {
		if err = f(); err == nil || !s.d.transient(err) {
			break
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s: %w", what, err)
		case <-time.After(wait):
		}
		wait *= 2
	}
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

func (s *db) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return s.sql.ExecContext(ctx, s.d.rebind(q), args...)
}

const settingsColumns = `guild_id, answer_channels, daily_enabled, daily_channel, daily_hour, daily_minute, daily_zone, daily_since, daily_paused, last_post`

type scanner interface{ Scan(dest ...any) error }

func scanSettings(r scanner) (handlers.Settings, error) {
	var (
		st      handlers.Settings
		answer  string
		enabled int
		since   string
	)
	err := r.Scan(&st.GuildID, &answer, &enabled, &st.Daily.ChannelID, &st.Daily.Hour, &st.Daily.Minute,
		&st.Daily.Zone, &since, &st.Daily.Paused, &st.Daily.LastPost)
	if err != nil {
		return st, err
	}
	st.AnswerChannels = strings.Fields(answer)
	st.Daily.Enabled = enabled != 0
	st.Daily.Since = parseTime(since)
	return st, nil
}

func (s *db) Settings(ctx context.Context, guildID string) (handlers.Settings, error) {
	var st handlers.Settings
	err := s.retry(ctx, "load settings of "+guildID, func() error {
		var err error
		st, err = scanSettings(s.sql.QueryRowContext(ctx, s.d.rebind(`SELECT `+settingsColumns+` FROM guilds WHERE guild_id = ?`), guildID))
		if errors.Is(err, sql.ErrNoRows) {
			st, err = handlers.Settings{GuildID: guildID}, nil
		}
		return err
	})
	return st, err
}

func (s *db) SaveSettings(ctx context.Context, st handlers.Settings) error {
	if st.GuildID == "" {
		return errors.New("save settings: no guild id")
	}
	num, _ := strconv.ParseInt(st.GuildID, 10, 64)
	return s.retry(ctx, "save settings of "+st.GuildID, func() error {
		_, err := s.exec(ctx, `INSERT INTO guilds (guild_id, guild_num, answer_channels, daily_enabled, daily_channel, daily_hour, daily_minute, daily_zone, daily_since, daily_paused, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (guild_id) DO UPDATE SET answer_channels = excluded.answer_channels, daily_enabled = excluded.daily_enabled,
  daily_channel = excluded.daily_channel, daily_hour = excluded.daily_hour, daily_minute = excluded.daily_minute,
  daily_zone = excluded.daily_zone, daily_since = excluded.daily_since, daily_paused = excluded.daily_paused,
  updated_at = excluded.updated_at`,
			st.GuildID, num, strings.Join(st.AnswerChannels, " "), boolInt(st.Daily.Enabled), st.Daily.ChannelID,
			st.Daily.Hour, st.Daily.Minute, st.Daily.Zone, formatTime(st.Daily.Since), st.Daily.Paused, formatTime(time.Now()))
		return err
	})
}

func (s *db) Schedules(ctx context.Context, shards Shards) ([]handlers.Settings, error) {
	q := `SELECT ` + settingsColumns + ` FROM guilds WHERE daily_enabled = 1 AND daily_paused = ''`
	var args []any
	if !shards.All() {
		if len(shards.IDs) == 0 {
			return nil, nil
		}
		q += ` AND ((guild_num >> 22) % ?) IN (` + strings.TrimSuffix(strings.Repeat("?, ", len(shards.IDs)), ", ") + `)`
		args = append(args, shards.Count)
		for _, id := range shards.IDs {
			args = append(args, id)
		}
	}
	q += ` ORDER BY guild_id`
	var out []handlers.Settings
	err := s.retry(ctx, "list schedules", func() error {
		out = out[:0]
		rows, err := s.sql.QueryContext(ctx, s.d.rebind(q), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			st, err := scanSettings(rows)
			if err != nil {
				return err
			}
			out = append(out, st)
		}
		return rows.Err()
	})
	return out, err
}

// newToken names one claim: this process and a random part.
func (s *db) newToken() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return s.token + ":" + hex.EncodeToString(b[:])
}

func (s *db) ClaimPost(ctx context.Context, c Claim) (bool, error) {
	if c.Token == "" {
		c.Token = s.newToken()
	}
	if c.Now.IsZero() {
		c.Now = time.Now()
	}
	var claimed bool
	err := s.retry(ctx, "claim post of "+c.GuildID+" on "+c.Date, func() error {
		tx, err := s.sql.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		// A new row, or a released one: never a row claimed or sent.
		if _, err := tx.ExecContext(ctx, s.d.rebind(`INSERT INTO daily_posts (guild_id, local_date, channel_id, status, token, attempts, facts, claimed_at)
VALUES (?, ?, ?, 'claimed', ?, 1, ?, ?)
ON CONFLICT (guild_id, local_date) DO UPDATE SET status = 'claimed', token = excluded.token,
  attempts = daily_posts.attempts + 1, channel_id = excluded.channel_id, facts = excluded.facts,
  claimed_at = excluded.claimed_at, note = ''
WHERE daily_posts.status = 'retry'`),
			c.GuildID, c.Date, c.ChannelID, c.Token, strings.Join(c.Facts, " "), formatTime(c.Now)); err != nil {
			return err
		}
		// Whoever holds the row now: us, unless another claim came first.
		// Reading the token rather than the row count makes a retry after a
		// lost commit acknowledgement see its own claim.
		var token string
		if err := tx.QueryRowContext(ctx, s.d.rebind(`SELECT token FROM daily_posts WHERE guild_id = ? AND local_date = ?`), c.GuildID, c.Date).Scan(&token); err != nil {
			return err
		}
		claimed = token == c.Token
		if claimed {
			if _, err := tx.ExecContext(ctx, s.d.rebind(`UPDATE guilds SET last_post = ? WHERE guild_id = ? AND last_post < ?`), c.Date, c.GuildID, c.Date); err != nil {
				return err
			}
		}
		return tx.Commit()
	})
	return claimed, err
}

// finish moves a claimed post to status.
func (s *db) finish(ctx context.Context, what, guildID, date, status, messageID, note string, pause bool) error {
	return s.retry(ctx, what+" "+guildID+" on "+date, func() error {
		tx, err := s.sql.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		sentAt := ""
		if status == StatusSent {
			sentAt = formatTime(time.Now())
		}
		res, err := tx.ExecContext(ctx, s.d.rebind(`UPDATE daily_posts SET status = ?, message_id = ?, note = ?, sent_at = ?
WHERE guild_id = ? AND local_date = ? AND status IN ('claimed', ?)`), status, messageID, note, sentAt, guildID, date, status)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return ErrNotClaimed
		}
		if status == StatusRetry {
			// The day is open again: last_post goes back to the last post kept.
			if _, err := tx.ExecContext(ctx, s.d.rebind(`UPDATE guilds SET last_post = COALESCE((SELECT MAX(local_date) FROM daily_posts
WHERE guild_id = ? AND status <> 'retry'), '') WHERE guild_id = ?`), guildID, guildID); err != nil {
				return err
			}
		}
		if pause {
			if _, err := tx.ExecContext(ctx, s.d.rebind(`UPDATE guilds SET daily_paused = ?, updated_at = ? WHERE guild_id = ?`), note, formatTime(time.Now()), guildID); err != nil {
				return err
			}
		}
		return tx.Commit()
	})
}

func (s *db) MarkSent(ctx context.Context, guildID, date, messageID string) error {
	return s.finish(ctx, "mark sent", guildID, date, StatusSent, messageID, "", false)
}

func (s *db) ReleasePost(ctx context.Context, guildID, date, reason string) error {
	return s.finish(ctx, "release post", guildID, date, StatusRetry, "", reason, false)
}

func (s *db) FailPost(ctx context.Context, guildID, date, reason string) error {
	if reason == "" {
		reason = "the post could not be sent"
	}
	return s.finish(ctx, "fail post", guildID, date, StatusFailed, "", reason, true)
}

func (s *db) Pause(ctx context.Context, guildID, reason string) error {
	if reason == "" {
		reason = "paused"
	}
	return s.retry(ctx, "pause "+guildID, func() error {
		_, err := s.exec(ctx, `UPDATE guilds SET daily_paused = ?, updated_at = ? WHERE guild_id = ?`, reason, formatTime(time.Now()), guildID)
		return err
	})
}

func (s *db) Post(ctx context.Context, guildID, date string) (Post, bool, error) {
	var (
		p  Post
		ok bool
	)
	err := s.retry(ctx, "load post of "+guildID+" on "+date, func() error {
		var facts, claimed, sent string
		err := s.sql.QueryRowContext(ctx, s.d.rebind(`SELECT guild_id, local_date, channel_id, status, token, attempts, facts, message_id, note, claimed_at, sent_at
FROM daily_posts WHERE guild_id = ? AND local_date = ?`), guildID, date).
			Scan(&p.GuildID, &p.Date, &p.ChannelID, &p.Status, &p.Token, &p.Attempts, &facts, &p.MessageID, &p.Note, &claimed, &sent)
		if errors.Is(err, sql.ErrNoRows) {
			ok = false
			return nil
		}
		if err != nil {
			return err
		}
		ok = true
		p.Facts = strings.Fields(facts)
		p.ClaimedAt, p.SentAt = parseTime(claimed), parseTime(sent)
		return nil
	})
	return p, ok, err
}

func (s *db) RecentFacts(ctx context.Context, guildID, since string) ([]string, error) {
	var out []string
	err := s.retry(ctx, "recent facts of "+guildID, func() error {
		out = out[:0]
		rows, err := s.sql.QueryContext(ctx, s.d.rebind(`SELECT facts FROM daily_posts
WHERE guild_id = ? AND local_date >= ? AND status IN ('claimed', 'sent') ORDER BY local_date DESC`), guildID, since)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var f string
			if err := rows.Scan(&f); err != nil {
				return err
			}
			out = append(out, strings.Fields(f)...)
		}
		return rows.Err()
	})
	return out, err
}

func (s *db) PrunePosts(ctx context.Context, before string) (int64, error) {
	var n int64
	err := s.retry(ctx, "prune posts before "+before, func() error {
		res, err := s.sql.ExecContext(ctx, s.d.rebind(`DELETE FROM daily_posts WHERE local_date < ?`), before)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n, err
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func parseTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

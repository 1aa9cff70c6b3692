package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// FileName is the SQLite database file created in the data directory.
const FileName = "malibot.db"

// Open opens the store: PostgreSQL when databaseURL starts with postgres://
// or postgresql://, otherwise the SQLite file FileName in dataDir (created
// with the directory when missing). It applies pending migrations. A
// PostgreSQL server that does not answer yet is retried with backoff until
// ctx ends.
func Open(ctx context.Context, databaseURL, dataDir string) (Store, error) {
	switch {
	case strings.HasPrefix(databaseURL, "postgres://"), strings.HasPrefix(databaseURL, "postgresql://"):
		return openPostgres(ctx, databaseURL)
	case databaseURL != "":
		return nil, fmt.Errorf("DATABASE_URL must start with postgres:// (leave it empty for SQLite in DATA_DIR)")
	}
	if dataDir == "" {
		dataDir = "."
	}
	if err := os.MkdirAll(dataDir, 0o750); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	return openSQLite(ctx, filepath.Join(dataDir, FileName), "")
}

// dialect is what differs between the backends.
type dialect struct {
	name      string
	dollar    bool                 // $1 placeholders instead of ?
	lock      string               // statement that serializes migrations, run in their transaction
	transient func(err error) bool // worth retrying: the server went away, or is busy
}

// rebind turns ? placeholders into $1, $2, … for PostgreSQL.
func (d dialect) rebind(q string) string {
	if !d.dollar {
		return q
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func sqliteDSN(path, mode string) string {
	q := "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_txlock=immediate"
	if mode != "" {
		q += "&mode=" + mode
	}
	return "file:" + path + "?" + q
}

func openSQLite(ctx context.Context, path, mode string) (Store, error) {
	db, err := sql.Open("sqlite", sqliteDSN(path, mode))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	// One writer at a time is all SQLite allows; readers use WAL.
	db.SetMaxOpenConns(4)
	d := dialect{name: "sqlite", transient: sqliteTransient}
	s, err := newDB(ctx, db, d)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, explainSQLite(err))
	}
	return s, nil
}

// explainSQLite turns the errors of a bad file into advice.
func explainSQLite(err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM:
			return fmt.Errorf("the database file or its directory is not writable (check DATA_DIR's owner and mode): %w", err)
		case sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT:
			return fmt.Errorf("the database file is corrupt or not SQLite (move it aside to start afresh, or restore a backup): %w", err)
		}
	}
	return err
}

func sqliteTransient(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return true
		}
	}
	return false
}

func openPostgres(ctx context.Context, url string) (Store, error) {
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	db.SetMaxOpenConns(10)
	db.SetConnMaxIdleTime(5 * time.Minute)
	d := dialect{
		name:      "postgres",
		dollar:    true,
		lock:      "SELECT pg_advisory_xact_lock(7239021)", // any constant, the same in every process
		transient: pgTransient,
	}
	// Wait for the server: at start-up it may still be coming up.
	wait := 250 * time.Millisecond
	for {
		err = db.PingContext(ctx)
		if err == nil {
			break
		}
		if !pgTransient(err) || ctx.Err() != nil {
			db.Close()
			return nil, fmt.Errorf("connect to postgres: %w", err)
		}
		select {
		case <-ctx.Done():
			db.Close()
			return nil, fmt.Errorf("connect to postgres: %w", err)
		case <-time.After(wait):
		}
		wait = min(2*wait, 30*time.Second)
	}
	s, err := newDB(ctx, db, d)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("postgres: %w", err)
	}
	return s, nil
}

func pgTransient(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	if errors.Is(err, driver.ErrBadConn) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, sql.ErrConnDone) {
		return true
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case strings.HasPrefix(pe.Code, "08"), // connection exception
			pe.Code == "57P01", pe.Code == "57P02", pe.Code == "57P03", // shutdown, crash, cannot connect now
			pe.Code == "40001", pe.Code == "40P01", // serialization failure, deadlock
			pe.Code == "53300": // too many connections
			return true
		}
		return false
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return true
	}
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) || pgconn.SafeToRetry(err) || pgconn.Timeout(err) {
		return true
	}
	return strings.Contains(err.Error(), "conn closed") || strings.Contains(err.Error(), "connection reset")
}

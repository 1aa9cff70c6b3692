// Package storetest helps tests run against a real PostgreSQL server, as
// net/http/httptest helps them run against a real HTTP server.
package storetest

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
)

// PostgresSchema creates a schema of its own on the server at url for one
// test, drops it when the test ends, and returns the URL that uses it, so
// tests can run in parallel on one server. The URL also names the schema as
// the connections' application_name, so a test that kills connections can
// kill its own and leave other tests' (and other packages') alone.
func PostgresSchema(tb testing.TB, url string) string {
	tb.Helper()
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema := "t_" + hex.EncodeToString(b[:])
	admin, err := sql.Open("pgx", url)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		tb.Fatalf("postgres at %s: %v", "MALIBOT_TEST_POSTGRES", err)
	}
	tb.Cleanup(func() {
		admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		admin.Close()
	})
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	return url + sep + "search_path=" + schema + "&application_name=" + schema
}

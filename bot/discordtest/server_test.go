package discordtest

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// recorder is a testing.TB that keeps the failures the fake reports, so
// these tests can check that it does report them.
type recorder struct {
	testing.TB
	mu     sync.Mutex
	errors []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func (r *recorder) failures() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return strings.Join(r.errors, "\n")
}

func do(t *testing.T, s *Server, method, path, body string) int {
	t.Helper()
	req, err := http.NewRequest(method, s.URL+path, bytes.NewBufferString(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bot "+s.Token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestStrict(t *testing.T) {
	t.Parallel()
	ok := `{"content":"hi","allowed_mentions":{"parse":[]}}`
	tests := []struct {
		name, method, path, body string
		status                   int
		fails                    string // in the failures reported, or "" for none
	}{
		{"good message", "POST", "/api/v9/channels/1/messages", ok, 200, ""},
		{"unknown route", "DELETE", "/api/v9/channels/1", "", 404, "unexpected request"},
		{"no allowed mentions", "POST", "/api/v9/channels/1/messages", `{"content":"hi"}`, 400, "allowed_mentions"},
		{"null parse", "POST", "/api/v9/channels/1/messages", `{"content":"hi","allowed_mentions":{"parse":null}}`, 400, "allowed_mentions"},
		{"everyone allowed", "POST", "/api/v9/channels/1/messages", `{"content":"hi","allowed_mentions":{"parse":["everyone"]}}`, 400, "allowed_mentions"},
		{"long content", "POST", "/api/v9/channels/1/messages", `{"content":"` + strings.Repeat("é", 2001) + `","allowed_mentions":{"parse":[]}}`, 400, "content of 2001"},
		{"empty", "POST", "/api/v9/channels/1/messages", `{"content":" ","allowed_mentions":{"parse":[]}}`, 400, "empty message"},
		{"six buttons", "POST", "/api/v9/channels/1/messages", `{"content":"x","allowed_mentions":{"parse":[]},"components":[{"type":1,"components":[` +
			strings.TrimSuffix(strings.Repeat(`{"type":2,"label":"a","style":1,"custom_id":"a:1"},`, 6), ",") + `]}]}`, 400, "6 components"},
		{"token leaked", "POST", "/api/v9/channels/1/messages", `{"content":"` + DefaultToken + `","allowed_mentions":{"parse":[]}}`, 200, "token"},
		{"stack trace", "POST", "/api/v9/channels/1/messages", `{"content":"panic: runtime error","allowed_mentions":{"parse":[]}}`, 200, "stack trace"},
		{"26 choices", "POST", "/api/v9/interactions/9/tok/callback", `{"type":8,"data":{"choices":[` +
			strings.TrimSuffix(strings.Repeat(`{"name":"a","value":"a"},`, 26), ",") + `]}}`, 400, "26 choices"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rec := &recorder{TB: t}
			s := New(rec)
			if got := do(t, s, tt.method, tt.path, tt.body); got != tt.status {
				t.Errorf("status %d, want %d", got, tt.status)
			}
			f := rec.failures()
			if tt.fails == "" && f != "" || !strings.Contains(f, tt.fails) {
				t.Errorf("failures %q, want %q", f, tt.fails)
			}
			if rs := s.Requests(); len(rs) != 1 || rs[0].Path != tt.path {
				t.Errorf("recorded %+v", rs)
			}
		})
	}
}

func TestRateLimitOnce(t *testing.T) {
	t.Parallel()
	s := New(t)
	s.RateLimitOnce("POST", `/channels/\d+/messages$`, 10*time.Millisecond)
	body := `{"content":"hi","allowed_mentions":{"parse":[]}}`
	if got := do(t, s, "POST", "/api/v9/channels/1/messages", body); got != http.StatusTooManyRequests {
		t.Errorf("first: %d, want 429", got)
	}
	if got := do(t, s, "POST", "/api/v9/channels/1/messages", body); got != http.StatusOK {
		t.Errorf("second: %d, want 200", got)
	}
}

func TestCallbackOnce(t *testing.T) {
	t.Parallel()
	rec := &recorder{TB: t}
	s := New(rec)
	body := `{"type":4,"data":{"content":"hi","allowed_mentions":{"parse":[]}}}`
	do(t, s, "POST", "/api/v9/interactions/9/tok/callback", body)
	if got := do(t, s, "POST", "/api/v9/interactions/9/tok/callback", body); got != 400 || !strings.Contains(rec.failures(), "twice") {
		t.Errorf("second callback: %d, failures %q", got, rec.failures())
	}
}

// TestShardOf checks the fake's shard arithmetic, (guild_id >> 22) % count.
func TestShardOf(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		guild        string
		count, shard int
	}{
		{"197038439483310086", 2, 0},
		{"197038439483310086", 3, 2},
		{"197038439483310086", 1, 0},
		{"", 4, 0},
		{"4194304", 2, 1},
		{"8388608", 2, 0},
	} {
		if got := ShardOf(tt.guild, tt.count); got != tt.shard {
			t.Errorf("ShardOf(%q, %d) = %d, want %d", tt.guild, tt.count, got, tt.shard)
		}
	}
}

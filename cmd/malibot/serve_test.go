package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/malibot/malibot/bot/discordtest"
)

func TestServeWithoutToken(t *testing.T) {
	t.Parallel()
	var out, errOut bytes.Buffer
	err := serve(context.Background(), nil, func(string) string { return "" }, &out, &errOut)
	if err == nil {
		t.Fatal("serve without a token: no error")
	}
	msg := err.Error()
	for _, want := range []string{"DISCORD_TOKEN", "DISCORD_TOKEN_FILE", "malibot ask", "malibot console"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not mention %s", msg, want)
		}
	}
	if strings.Contains(msg, "\n") {
		t.Errorf("error %q is more than one line", msg)
	}
}

func TestReadToken(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := filepath.Join(dir, "token")
	if err := os.WriteFile(file, []byte("file-token\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	tok, err := readToken(env(map[string]string{"DISCORD_TOKEN_FILE": file}))
	if err != nil || string(tok) != "file-token" {
		t.Errorf("from file: %q, %v", string(tok), err)
	}
	if _, err := readToken(env(map[string]string{"DISCORD_TOKEN_FILE": filepath.Join(dir, "missing")})); err == nil {
		t.Errorf("missing file: no error")
	}
	if _, err := readToken(env(map[string]string{"DISCORD_TOKEN": "a", "DISCORD_TOKEN_FILE": file})); err == nil {
		t.Errorf("both set: no error")
	}
	tok, err = readToken(env(map[string]string{"DISCORD_TOKEN": "Bot abc "}))
	if err != nil || string(tok) != "abc" {
		t.Errorf("with Bot prefix: %q, %v", string(tok), err)
	}
}

// TestServe runs serve against a fake Discord: it registers the commands,
// answers a mention, and stops cleanly when its context ends.
func TestServe(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	env := map[string]string{
		"DISCORD_TOKEN":    fake.Token,
		"DISCORD_GUILD_ID": discordtest.DefaultGuildID,
		"DISCORD_API_BASE": fake.URL,
		"DATA_DIR":         t.TempDir(),
		"HTTP_ADDR":        "127.0.0.1:0",
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr syncWriter
	done := make(chan error, 1)
	go func() { done <- serve(ctx, nil, func(k string) string { return env[k] }, &bytes.Buffer{}, &stderr) }()

	fake.WaitRequest("bulk overwrite", func(r discordtest.Request) bool { return r.Method == "PUT" })
	for deadline := time.Now().Add(15 * time.Second); !strings.Contains(stderr.String(), "malibot is running"); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start:\n%s", stderr.String())
		}
	}
	me := fake.Bot()
	m := fake.Send(discordtest.Message{Content: discordtest.Mention(me) + " who leads JNIM?", Mentions: []discordtest.User{me}})
	if r := fake.Reply(m); !strings.Contains(r.Text(), "Iyad") {
		t.Errorf("reply %q", r.Text())
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not return after its context ended")
	}
	if strings.Contains(stderr.String(), fake.Token) {
		t.Errorf("the token is in the logs")
	}
}

type syncWriter struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.Write(p)
}

func (w *syncWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/malibot/malibot/bot"
	"github.com/malibot/malibot/bot/store"
	"github.com/malibot/malibot/facts"
	"github.com/malibot/malibot/handlers"
)

// stopWithin is how long shutdown may take after SIGINT or SIGTERM.
const stopWithin = 5 * time.Second

// defaultDataDir is where the SQLite database goes without DATA_DIR: a
// directory of its own, never the working directory.
const defaultDataDir = "data"

// serve runs the Discord bot until ctx ends. The token comes from the
// environment only (DISCORD_TOKEN or DISCORD_TOKEN_FILE); the other
// settings come from the environment, and flags may override them.
func serve(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	guild := fs.String("guild", getenv("DISCORD_GUILD_ID"), "register the commands in this server only, instantly (DISCORD_GUILD_ID); global when empty")
	apiBase := fs.String("api-base", orDefault(getenv("DISCORD_API_BASE"), bot.DefaultAPIBase), "where REST calls and gateway discovery go, e.g. a rate-limit proxy (DISCORD_API_BASE)")
	httpAddr := fs.String("http-addr", getenv("HTTP_ADDR"), "serve /healthz, /readyz and /metrics on this address, e.g. :8080 (HTTP_ADDR)")
	dataDir := fs.String("data-dir", orDefault(getenv("DATA_DIR"), defaultDataDir), "directory of the SQLite database when DATABASE_URL is empty, created if missing (DATA_DIR)")
	shardID := fs.String("shard-id", getenv("SHARD_ID"), "the one gateway shard this process runs, of -shard-count (SHARD_ID)")
	shardCount := fs.String("shard-count", getenv("SHARD_COUNT"), "how many gateway shards all processes run together; empty for one process without sharding (SHARD_COUNT)")
	shardList := fs.String("shards", getenv("SHARDS"), "the shards this process runs, e.g. 0-3 or 0,2; wins over -shard-id (SHARDS)")
	noContent := fs.Bool("no-message-content", isTrue(getenv("DISCORD_NO_MESSAGE_CONTENT")), "do not ask for the Message Content intent: answer mentions and replies only (DISCORD_NO_MESSAGE_CONTENT)")
	logLevel := fs.String("log-level", orDefault(getenv("LOG_LEVEL"), "info"), "debug, info, warn or error (LOG_LEVEL)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: malibot serve [flags]")
		fmt.Fprintln(stderr, "\nConnects to Discord with DISCORD_TOKEN (or the file named by DISCORD_TOKEN_FILE).")
		fs.PrintDefaults()
	}
	if done, err := parseFlags(fs, args); done {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	token, err := readToken(getenv)
	if err != nil {
		return err
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		return fmt.Errorf("LOG_LEVEL %q: want debug, info, warn or error", *logLevel)
	}
	shards, err := store.ParseShards(*shardID, *shardCount, *shardList)
	if err != nil {
		return fmt.Errorf("sharding: %w", err)
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))

	st, err := store.Open(ctx, getenv("DATABASE_URL"), *dataDir)
	if err != nil {
		return fmt.Errorf("open the store: %w", err)
	}
	defer st.Close()
	base, err := facts.Default()
	if err != nil {
		return err
	}
	b, err := bot.New(bot.Config{
		Token:            token,
		GuildID:          strings.TrimSpace(*guild),
		APIBase:          *apiBase,
		HTTPAddr:         *httpAddr,
		NoMessageContent: *noContent,
		Shards:           shards,
	}, handlers.All(handlers.Deps{Facts: base}), st, logger)
	if err != nil {
		return err
	}
	if err := b.Start(ctx); err != nil {
		if ctx.Err() != nil {
			return nil // interrupted while starting
		}
		return err
	}
	// The scheduler posts for the guilds of this process's shards only,
	// through the bot's REST client (shared by its sessions).
	sched := &bot.Scheduler{Store: st, Facts: base, Send: b.Post, Shards: shards, Logger: logger}
	if err := sched.Start(ctx); err != nil {
		stopCtx, cancel := context.WithTimeout(context.Background(), stopWithin)
		defer cancel()
		_ = b.Stop(stopCtx)
		return err
	}
	logger.Info("malibot is running; interrupt to stop", "http_addr", b.HTTPAddr(), "shards", shards.String())
	<-ctx.Done()

	// In reverse order of start: the daily posts, then the gateway and the
	// HTTP server; the deferred Close closes the store last.
	stopCtx, cancel := context.WithTimeout(context.Background(), stopWithin)
	defer cancel()
	select {
	case <-sched.Stop().Done():
	case <-stopCtx.Done():
		logger.Warn("daily posts still sending at shutdown")
	}
	if err := b.Stop(stopCtx); err != nil {
		return err
	}
	logger.Info("stopped")
	return nil
}

// errNoToken says how to set the token and how to try the bot without one.
var errNoToken = errors.New("no Discord token: set DISCORD_TOKEN, or DISCORD_TOKEN_FILE to a file holding it (see the README's Discord section); to try the bot offline, run `malibot ask \"who leads JNIM?\"` or `malibot console`")

// readToken reads the token from DISCORD_TOKEN or DISCORD_TOKEN_FILE, never
// from a flag. Errors name the file, never its content.
func readToken(getenv func(string) string) (bot.Token, error) {
	tok := strings.TrimSpace(getenv("DISCORD_TOKEN"))
	if path := strings.TrimSpace(getenv("DISCORD_TOKEN_FILE")); path != "" {
		if tok != "" {
			return "", errors.New("set DISCORD_TOKEN or DISCORD_TOKEN_FILE, not both")
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return "", fmt.Errorf("DISCORD_TOKEN_FILE: %w", err)
		}
		tok = strings.TrimSpace(string(b))
		if tok == "" {
			return "", fmt.Errorf("DISCORD_TOKEN_FILE %s is empty", path)
		}
	}
	tok = strings.TrimSpace(strings.TrimPrefix(tok, "Bot "))
	if tok == "" {
		return "", errNoToken
	}
	return bot.Token(tok), nil
}

func orDefault(s, def string) string {
	if s = strings.TrimSpace(s); s == "" {
		return def
	}
	return s
}

func isTrue(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "1", "true", "yes", "on":
		return true
	}
	return false
}

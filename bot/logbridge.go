package bot

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"

	"github.com/bwmarrin/discordgo"
)

// discordgo logs through one package-level function, discordgo.Logger. The
// bridge sets it once to forward into the slog logger of the bot started
// last (tagged component=discordgo), with the token of every running bot
// blotted out: at debug level discordgo prints its IDENTIFY and RESUME
// packets, token included.
var bridge struct {
	once    sync.Once
	mu      sync.RWMutex
	logger  *slog.Logger
	secrets map[string]int
}

func bridgeLogs(l *slog.Logger, t Token) {
	bridge.mu.Lock()
	bridge.logger = l.With("component", "discordgo")
	if bridge.secrets == nil {
		bridge.secrets = map[string]int{}
	}
	bridge.secrets[bare(t)]++
	bridge.mu.Unlock()
	bridge.once.Do(func() { discordgo.Logger = logDiscordgo })
}

func unbridgeLogs(t Token) {
	bridge.mu.Lock()
	defer bridge.mu.Unlock()
	if bridge.secrets[bare(t)]--; bridge.secrets[bare(t)] <= 0 {
		delete(bridge.secrets, bare(t))
	}
}

// bare is the token without "Bot ".
func bare(t Token) string { return strings.TrimPrefix(t.secret(), "Bot ") }

func logDiscordgo(level, _ int, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	bridge.mu.RLock()
	l := bridge.logger
	for s := range bridge.secrets {
		if s != "" {
			msg = strings.ReplaceAll(msg, s, "REDACTED")
		}
	}
	bridge.mu.RUnlock()
	if l == nil {
		return
	}
	lv := slog.LevelDebug
	switch level {
	case discordgo.LogError:
		lv = slog.LevelError
	case discordgo.LogWarning:
		lv = slog.LevelWarn
	case discordgo.LogInformational:
		lv = slog.LevelInfo
	}
	l.Log(context.Background(), lv, strings.TrimSpace(msg))
}

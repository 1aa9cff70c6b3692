package bot

import (
	"context"
	"errors"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/malibot/malibot/bot/discordtest"
	"github.com/malibot/malibot/handlers"
)

func TestPost(t *testing.T) {
	t.Parallel()
	h := start(t, allCommands(t), nil)
	p := handlers.Post{Date: "2025-11-20", Embed: handlers.Embed{Title: "On this day", Description: "@everyone something happened", Footer: "Source: x"}}
	if err := h.bot.Post(context.Background(), "4200000000000000042", p); err != nil {
		t.Fatal(err)
	}
	r := h.fake.WaitRequest("post", func(r discordtest.Request) bool { return r.Path == "/api/v9/channels/4200000000000000042/messages" })
	m, _ := r.Sent()
	if len(m.Embeds) != 1 || m.Embeds[0].Title != "On this day" {
		t.Errorf("post %+v", m)
	}
}

func TestPostError(t *testing.T) {
	t.Parallel()
	rest := func(code int) error {
		return &discordgo.RESTError{Message: &discordgo.APIErrorMessage{Code: code, Message: "x"}}
	}
	tests := []struct {
		err  error
		want error
	}{
		{rest(discordgo.ErrCodeUnknownChannel), ErrChannelGone},
		{rest(discordgo.ErrCodeMissingAccess), ErrNoPermission},
		{rest(discordgo.ErrCodeMissingPermissions), ErrNoPermission},
	}
	for _, tt := range tests {
		if got := postError(tt.err); !errors.Is(got, tt.want) {
			t.Errorf("postError(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
	other := rest(50035)
	if got := postError(other); errors.Is(got, ErrChannelGone) || errors.Is(got, ErrNoPermission) {
		t.Errorf("a bad request is taken as permanent: %v", got)
	}
	if postError(nil) != nil {
		t.Errorf("nil error wrapped")
	}
}

package bot

import (
	"context"
	"errors"
	"fmt"

	"github.com/bwmarrin/discordgo"
	"github.com/malibot/malibot/handlers"
)

// Post sends a daily post to a channel; it is the scheduler's Sender. A
// channel that is gone or that the bot may not post in comes back wrapped
// as ErrChannelGone or ErrNoPermission; discordgo waits out 429s itself.
func (b *Bot) Post(ctx context.Context, channelID string, p handlers.Post) error {
	m := render(p.Response())
	if m.empty() {
		return fmt.Errorf("daily post %s: nothing to send", p.Date)
	}
	_, err := b.rest.ChannelMessageSendComplex(channelID, m.messageSend(nil), discordgo.WithContext(ctx))
	return postError(err)
}

// postError wraps Discord's answers that mean the channel cannot take posts.
func postError(err error) error {
	var rest *discordgo.RESTError
	if err == nil || !errors.As(err, &rest) || rest.Message == nil {
		return err
	}
	switch rest.Message.Code {
	case discordgo.ErrCodeUnknownChannel:
		return fmt.Errorf("%w: %w", ErrChannelGone, err)
	case discordgo.ErrCodeMissingAccess, discordgo.ErrCodeMissingPermissions:
		return fmt.Errorf("%w: %w", ErrNoPermission, err)
	}
	return err
}

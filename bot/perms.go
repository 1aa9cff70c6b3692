package bot

import (
	"context"
	"fmt"

	"github.com/bwmarrin/discordgo"
)

// channelPermissions fetches what the bot may do in channel ch of guild
// g: the channel's overwrites, the guild's roles and the bot's own roles.
func (b *Bot) channelPermissions(ctx context.Context, g, ch string) (int64, error) {
	opt := discordgo.WithContext(ctx)
	c, err := b.rest.Channel(ch, opt)
	if err != nil {
		return 0, fmt.Errorf("channel: %w", err)
	}
	if c.GuildID != g {
		return 0, fmt.Errorf("channel %s is in guild %q, not %s", ch, c.GuildID, g)
	}
	roles, err := b.rest.GuildRoles(g, opt)
	if err != nil {
		return 0, fmt.Errorf("roles: %w", err)
	}
	self := b.selfID()
	m, err := b.rest.GuildMember(g, self, opt)
	if err != nil {
		return 0, fmt.Errorf("member: %w", err)
	}
	return permissionsIn(g, self, m.Roles, roles, c.PermissionOverwrites)
}

// permissionsIn works out a member's permissions in a channel with
// discordgo's own calculation (the @everyone role, whose id is the
// guild's, and the member's roles, then the channel's overwrites), which
// it offers only over a State: so a throwaway one holds just these.
func permissionsIn(guild, user string, memberRoles []string, roles []*discordgo.Role, ows []*discordgo.PermissionOverwrite) (int64, error) {
	st := discordgo.NewState()
	ch := &discordgo.Channel{ID: "channel", GuildID: guild, PermissionOverwrites: ows}
	if err := st.GuildAdd(&discordgo.Guild{ID: guild, Roles: roles}); err != nil {
		return 0, err
	}
	if err := st.ChannelAdd(ch); err != nil {
		return 0, err
	}
	if err := st.MemberAdd(&discordgo.Member{GuildID: guild, User: &discordgo.User{ID: user}, Roles: memberRoles}); err != nil {
		return 0, err
	}
	return st.UserChannelPermissions(user, ch.ID)
}

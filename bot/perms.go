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
	return permissionsIn(g, self, m.Roles, roles, c.PermissionOverwrites), nil
}

// permissionsIn works out a member's permissions in a channel as Discord
// does (https://discord.com/developers/docs/topics/permissions): the
// @everyone role (whose id is the guild's) and the member's roles, where
// Administrator grants everything; then the channel's @everyone overwrite,
// its overwrites for the member's roles together, and its overwrite for
// the member, each denying then allowing. (A guild's owner has every
// permission too; a bot never owns the servers it is added to.)
func permissionsIn(guild, user string, memberRoles []string, roles []*discordgo.Role, ows []*discordgo.PermissionOverwrite) int64 {
	has := make(map[string]bool, len(memberRoles))
	for _, id := range memberRoles {
		has[id] = true
	}
	var perms int64
	for _, r := range roles {
		if r.ID == guild || has[r.ID] {
			perms |= r.Permissions
		}
	}
	if perms&discordgo.PermissionAdministrator != 0 {
		return discordgo.PermissionAll
	}
	for _, o := range ows {
		if o.Type == discordgo.PermissionOverwriteTypeRole && o.ID == guild {
			perms = perms&^o.Deny | o.Allow
		}
	}
	var allow, deny int64
	for _, o := range ows {
		if o.Type == discordgo.PermissionOverwriteTypeRole && o.ID != guild && has[o.ID] {
			allow |= o.Allow
			deny |= o.Deny
		}
	}
	perms = perms&^deny | allow
	for _, o := range ows {
		if o.Type == discordgo.PermissionOverwriteTypeMember && o.ID == user {
			perms = perms&^o.Deny | o.Allow
		}
	}
	return perms
}

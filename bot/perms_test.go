package bot

import (
	"testing"

	"github.com/bwmarrin/discordgo"
)

func TestPermissionsIn(t *testing.T) {
	t.Parallel()
	const (
		guild, user, r1, r2 = "g", "u", "r1", "r2"
		view, send, embed   = discordgo.PermissionViewChannel, discordgo.PermissionSendMessages, discordgo.PermissionEmbedLinks
	)
	role := func(id string, p int64) *discordgo.Role { return &discordgo.Role{ID: id, Permissions: p} }
	ow := func(id string, typ discordgo.PermissionOverwriteType, allow, deny int64) *discordgo.PermissionOverwrite {
		return &discordgo.PermissionOverwrite{ID: id, Type: typ, Allow: allow, Deny: deny}
	}
	roleT, memberT := discordgo.PermissionOverwriteTypeRole, discordgo.PermissionOverwriteTypeMember
	roles := []*discordgo.Role{role(guild, view|send), role(r1, embed), role(r2, 0), role("r3", discordgo.PermissionAdministrator)}
	for _, tt := range []struct {
		name     string
		mine     []string
		ows      []*discordgo.PermissionOverwrite
		can      bool
		wantPerm int64
	}{
		{"@everyone and a role", []string{r1}, nil, true, view | send | embed},
		{"without the role that gives Embed Links", nil, nil, false, view | send},
		{"an administrator role overrides every overwrite", []string{"r3"}, []*discordgo.PermissionOverwrite{ow(guild, roleT, 0, view)}, true, discordgo.PermissionAll},
		{"@everyone denied View Channel", []string{r1}, []*discordgo.PermissionOverwrite{ow(guild, roleT, 0, view)}, false, send | embed},
		{"a role's allow beats @everyone's deny", []string{r1}, []*discordgo.PermissionOverwrite{ow(guild, roleT, 0, view), ow(r1, roleT, view, 0)}, true, view | send | embed},
		{"one role allows what another denies", []string{r1, r2}, []*discordgo.PermissionOverwrite{ow(r1, roleT, 0, send), ow(r2, roleT, send, 0)}, true, view | send | embed},
		{"the member's own deny beats the roles' allow", []string{r1}, []*discordgo.PermissionOverwrite{ow(r1, roleT, send, 0), ow(user, memberT, 0, send)}, false, view | embed},
		{"an overwrite for a role the bot lacks", nil, []*discordgo.PermissionOverwrite{ow(r1, roleT, embed, 0)}, false, view | send},
		{"an overwrite for another member", []string{r1}, []*discordgo.PermissionOverwrite{ow("other", memberT, 0, view)}, true, view | send | embed},
	} {
		got, err := permissionsIn(guild, user, tt.mine, roles, tt.ows)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got != tt.wantPerm || canPost(got) != tt.can {
			t.Errorf("%s: perms %b (can post %v), want %b (%v)", tt.name, got, canPost(got), tt.wantPerm, tt.can)
		}
	}
}

package bot

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/malibot/malibot/handlers"
)

// manageServer is the permission Admin commands need.
const manageServer = discordgo.PermissionManageGuild

// appCommands converts the handlers' definitions for one bulk overwrite.
func appCommands(cmds []handlers.Command) []*discordgo.ApplicationCommand {
	out := make([]*discordgo.ApplicationCommand, 0, len(cmds))
	for _, c := range cmds {
		ac := &discordgo.ApplicationCommand{
			Type:        discordgo.ChatApplicationCommand,
			Name:        c.Name,
			Description: c.Description,
			Options:     appOptions(c.Options),
		}
		for _, s := range c.Subcommands {
			ac.Options = append(ac.Options, &discordgo.ApplicationCommandOption{
				Type:        discordgo.ApplicationCommandOptionSubCommand,
				Name:        s.Name,
				Description: s.Description,
				Options:     appOptions(s.Options),
			})
		}
		if c.Admin {
			perm := int64(manageServer)
			ac.DefaultMemberPermissions = &perm
			ac.Contexts = &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild} // servers only, not DMs
		}
		out = append(out, ac)
	}
	return out
}

func appOptions(opts []handlers.Option) []*discordgo.ApplicationCommandOption {
	var out []*discordgo.ApplicationCommandOption
	for _, o := range opts {
		ao := &discordgo.ApplicationCommandOption{
			Name:         o.Name,
			Description:  o.Description,
			Required:     o.Required,
			Autocomplete: o.Autocomplete,
		}
		switch o.Type {
		case handlers.Integer:
			ao.Type = discordgo.ApplicationCommandOptionInteger
		case handlers.Boolean:
			ao.Type = discordgo.ApplicationCommandOptionBoolean
		case handlers.Channel:
			ao.Type = discordgo.ApplicationCommandOptionChannel
			ao.ChannelTypes = []discordgo.ChannelType{discordgo.ChannelTypeGuildText, discordgo.ChannelTypeGuildNews}
		default:
			ao.Type = discordgo.ApplicationCommandOptionString
		}
		for _, ch := range o.Choices {
			var v any = ch.Value
			if o.Type == handlers.Integer {
				if n, err := strconv.ParseInt(ch.Value, 10, 64); err == nil {
					v = n
				}
			}
			ao.Choices = append(ao.Choices, &discordgo.ApplicationCommandOptionChoice{Name: ch.Name, Value: v})
		}
		out = append(out, ao)
	}
	// Discord wants required options first.
	sort.SliceStable(out, func(i, j int) bool { return out[i].Required && !out[j].Required })
	return out
}

// optionValue is an option's value as the user typed it: discordgo leaves
// numbers as float64, and autocomplete sends partial input of any type as
// a string.
func optionValue(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

// commandRequest reads a command or autocomplete interaction.
func commandRequest(d discordgo.ApplicationCommandInteractionData) handlers.Request {
	r := handlers.Request{Command: d.Name, Options: map[string]string{}}
	opts := d.Options
	if len(opts) == 1 && (opts[0].Type == discordgo.ApplicationCommandOptionSubCommand ||
		opts[0].Type == discordgo.ApplicationCommandOptionSubCommandGroup) {
		r.Subcommand = opts[0].Name
		opts = opts[0].Options
		if len(opts) == 1 && opts[0].Type == discordgo.ApplicationCommandOptionSubCommand {
			r.Subcommand += " " + opts[0].Name
			opts = opts[0].Options
		}
	}
	for _, o := range opts {
		if o == nil {
			continue
		}
		r.Options[o.Name] = optionValue(o.Value)
		if o.Focused {
			r.Focused = o.Name
		}
	}
	return r
}

// buttonRequest reads a button's custom id, "command:id".
func buttonRequest(customID string) (handlers.Request, bool) {
	cmd, id, ok := strings.Cut(customID, ":")
	if !ok || cmd == "" {
		return handlers.Request{}, false
	}
	return handlers.Request{Kind: handlers.KindButton, Command: cmd, Button: id}, true
}

// canManage reports whether the member who acted has Manage Server.
// postPerms are what a daily post needs in its channel.
const postPerms = discordgo.PermissionViewChannel | discordgo.PermissionSendMessages | discordgo.PermissionEmbedLinks

// canPost reports whether perms (the bot's own in a channel, as an
// interaction's app_permissions gives them) allow a daily post there.
func canPost(perms int64) bool {
	return perms&discordgo.PermissionAdministrator != 0 || perms&postPerms == postPerms
}

func canManage(m *discordgo.Member) bool {
	if m == nil {
		return false
	}
	return m.Permissions&(manageServer|discordgo.PermissionAdministrator) != 0
}

package handlers

import (
	"fmt"
	"strings"
)

// ChannelAnswers is /channel answers:on|off [channel]: switches on or off,
// in one channel, answers to plain questions asked without mentioning the
// bot. It needs Manage Server and changes the server's settings through
// Response.Update.
func ChannelAnswers(d Deps) Command {
	return Command{
		Name:        "channel",
		Description: "Answer plain questions in a channel without being mentioned (Manage Server)",
		Help:        "`/channel answers:on` — in this channel I answer questions without a mention, when I am sure.",
		Admin:       true,
		Options: []Option{
			{
				Name: "answers", Description: "on: answer plain questions here; off: only when mentioned",
				Type: String, Required: true, Choices: []Choice{{Name: "on", Value: "on"}, {Name: "off", Value: "off"}},
			},
			{Name: "channel", Description: "The channel (this one when left out)", Type: Channel},
		},
		Handle: func(r Request) Response {
			if r.GuildID == "" {
				return notice("`/channel` works in a server, not in direct messages.")
			}
			var on bool
			switch strings.ToLower(strings.TrimSpace(r.Option("answers"))) {
			case "on", "yes", "true":
				on = true
			case "off", "no", "false":
			default:
				return notice("Use `/channel answers:on` or `/channel answers:off`.")
			}
			ch := strings.TrimSpace(r.Option("channel"))
			if ch == "" {
				ch = r.ChannelID
			}
			if ch == "" || strings.Trim(ch, "0123456789") != "" {
				return notice("Pick a text channel, or leave `channel` out for this one.")
			}
			s := r.Settings
			s.GuildID = r.GuildID
			var kept []string
			had := false
			for _, c := range s.AnswerChannels {
				if c == ch {
					had = true
					if !on {
						continue
					}
				}
				kept = append(kept, c)
			}
			if on && !had {
				kept = append(kept, ch)
			}
			s.AnswerChannels = kept
			switch {
			case on && had:
				return notice(fmt.Sprintf("I already answer plain questions in <#%s>.", ch))
			case !on && !had:
				return notice(fmt.Sprintf("In <#%s> I already answer only when mentioned or replied to.", ch))
			case on:
				return Response{Content: fmt.Sprintf("From now on I answer plain questions in <#%s> without being mentioned, when I am sure of the answer.", ch), Ephemeral: true, Update: &s}
			}
			return Response{Content: fmt.Sprintf("In <#%s> I now answer only when mentioned or replied to.", ch), Ephemeral: true, Update: &s}
		},
	}
}

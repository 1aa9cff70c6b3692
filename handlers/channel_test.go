package handlers

import (
	"reflect"
	"testing"
)

func TestChannelAnswers(t *testing.T) {
	t.Parallel()
	cmd := ChannelAnswers(Deps{})
	if err := cmd.Check(); err != nil {
		t.Fatal(err)
	}
	base := Request{Kind: KindCommand, Command: "channel", GuildID: "1", ChannelID: "10", CanManage: true}
	tests := []struct {
		name    string
		opts    map[string]string
		have    []string
		guild   string
		want    []string // nil: no update
		wantMsg bool
	}{
		{name: "on here", opts: map[string]string{"answers": "on"}, want: []string{"10"}},
		{name: "on elsewhere", opts: map[string]string{"answers": "on", "channel": "11"}, have: []string{"10"}, want: []string{"10", "11"}},
		{name: "already on", opts: map[string]string{"answers": "on"}, have: []string{"10"}},
		{name: "off", opts: map[string]string{"answers": "off"}, have: []string{"9", "10"}, want: []string{"9"}},
		{name: "already off", opts: map[string]string{"answers": "off"}},
		{name: "bad value", opts: map[string]string{"answers": "maybe"}},
		{name: "bad channel", opts: map[string]string{"answers": "on", "channel": "<#12>"}},
		{name: "direct message", opts: map[string]string{"answers": "on"}, guild: "-"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := base
			r.Options = tt.opts
			r.Settings = Settings{GuildID: "1", AnswerChannels: tt.have}
			if tt.guild == "-" {
				r.GuildID = ""
			}
			resp := cmd.Handle(r)
			if !resp.Ephemeral || resp.Content == "" {
				t.Errorf("reply %+v, want a short ephemeral message", resp)
			}
			if tt.want == nil {
				if resp.Update != nil {
					t.Errorf("update %+v, want none", resp.Update)
				}
				return
			}
			if resp.Update == nil {
				t.Fatalf("no update, want channels %v", tt.want)
			}
			if !reflect.DeepEqual(resp.Update.AnswerChannels, tt.want) || resp.Update.GuildID != "1" {
				t.Errorf("update %+v, want channels %v", resp.Update, tt.want)
			}
		})
	}
}

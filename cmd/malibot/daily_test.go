package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestDailyPrintsThePostOfADate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args    []string
		want    string // in stdout
		wantErr string
	}{
		{args: []string{"--date", "2024-11-20"}, want: "20 November"},
		{args: []string{"--date", "2024-02-29"}, want: "29 February"},
		{args: []string{"--date", "2025-13-01"}, wantErr: "not a date"},
		{args: []string{"--timezone", "Mars/Olympus"}, wantErr: "unknown time zone"},
		{args: []string{"--timezone", "Africa/Bamako"}, want: "Mali"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Parallel()
			var out, errOut bytes.Buffer
			err := daily(context.Background(), tt.args, func(string) string { return "" }, &out, &errOut)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out.String(), tt.want) || strings.Count(out.String(), "\n") < 2 {
				t.Errorf("stdout = %q, want a post mentioning %q", out.String(), tt.want)
			}
		})
	}
}

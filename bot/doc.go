// Package bot connects the handlers to Discord: it turns gateway events
// into handlers.Request values, runs the matching handler through its
// middleware (recover, logging with latency, permission checks, deferral
// when slow), and turns the handlers.Response into discordgo calls. It is
// the only package that calls InteractionRespond or
// ChannelMessageSendComplex, and the one place where Discord's limits are
// enforced (render.go).
//
// Every REST call and the gateway discovery go through Config.APIBase (see
// transport.go), which is how operators put a rate-limit proxy in front of
// Discord and how tests point a real discordgo session at
// bot/discordtest.
//
// It imports handlers, facts (through handlers), bot/store, discordgo and
// the Prometheus client; it never reads the environment.
package bot

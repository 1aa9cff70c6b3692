// Package discordtest runs a strict fake Discord on loopback, the way
// net/http/httptest runs a fake server: a REST API and a WebSocket gateway
// that a real discordgo session connects to when its API base is the
// server's URL.
//
// The REST side records every request (method, path, JSON body) and fails
// the test on a route it does not know, on a message that breaks one of
// Discord's limits, and on a send that does not set allowed_mentions.parse
// to an empty list. It can answer one chosen route with a 429. The gateway
// speaks enough of Discord's protocol for discordgo v0.29.0: HELLO,
// IDENTIFY, READY, HEARTBEAT and its ACK, dispatches, RESUME and RESUMED,
// and it can drop the connections on demand. It takes several gateway
// connections at once, one per shard: it records each IDENTIFY's
// [shard_id, shard_count] and sends each event on the connection of its
// guild's shard, (guild_id >> 22) % shard_count.
//
// It imports the standard library, gorilla/websocket and testing only; it
// does not import discordgo, so the bytes it checks are the bytes on the
// wire.
package discordtest

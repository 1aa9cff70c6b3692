package discordtest

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/gorilla/websocket"
)

// Gateway opcodes.
const (
	OpDispatch       = 0
	OpHeartbeat      = 1
	OpIdentify       = 2
	OpPresence       = 3
	OpResume         = 6
	OpReconnect      = 7
	OpRequestMembers = 8
	OpInvalidSession = 9
	OpHello          = 10
	OpHeartbeatACK   = 11
)

// heartbeatInterval is long: a test never waits for a second heartbeat.
const heartbeatInterval = 45 * time.Second

type payload struct {
	Op   int    `json:"op"`
	Data any    `json:"d"`
	Seq  *int64 `json:"s,omitempty"`
	Type string `json:"t,omitempty"`
}

// shardSession is the gateway session of one shard.
type shardSession struct {
	conn *gatewayConn // the connection its events go to, once identified or resumed
	id   string
	seq  int64
}

// Identify is one IDENTIFY the fake accepted.
type Identify struct {
	// Shard is the [shard_id, shard_count] the client sent, nil when it
	// sent none (one shard).
	Shard   []int
	Intents int64
}

// ShardOf returns the shard of a guild, (guild_id >> 22) % count, as Discord
// assigns them; a direct message ("") is on shard 0.
func ShardOf(guildID string, count int) int {
	n, err := strconv.ParseUint(guildID, 10, 64)
	if err != nil || count <= 1 {
		return 0
	}
	return int((n >> 22) % uint64(count))
}

func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	ws, err := s.upgrader.Upgrade(w, r, nil)
	if err != nil {
		s.tb.Errorf("discordtest: gateway upgrade: %v", err)
		return
	}
	c := &gatewayConn{ws: ws}
	s.mu.Lock()
	s.conns = append(s.conns, c)
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		for _, sh := range s.shards {
			if sh.conn == c {
				sh.conn = nil
			}
		}
		s.mu.Unlock()
		_ = ws.Close()
	}()
	if err := c.send(payload{Op: OpHello, Data: map[string]any{"heartbeat_interval": heartbeatInterval.Milliseconds()}}); err != nil {
		return
	}
	for {
		var f Frame
		if err := ws.ReadJSON(&f); err != nil {
			return
		}
		s.mu.Lock()
		s.frames = append(s.frames, f)
		s.notify()
		s.mu.Unlock()
		switch f.Op {
		case OpHeartbeat:
			if c.send(payload{Op: OpHeartbeatACK}) != nil {
				return
			}
		case OpIdentify:
			if !s.identify(c, f.Data) {
				return
			}
		case OpResume:
			if !s.resume(c, f.Data) {
				return
			}
		case OpPresence, OpRequestMembers:
		default:
			s.tb.Errorf("discordtest: unexpected gateway op %d: %s", f.Op, f.Data)
		}
	}
}

func (s *Server) closeWith(c *gatewayConn, code int, text string) bool {
	c.wmu.Lock()
	_ = c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, text), time.Now().Add(time.Second))
	c.wmu.Unlock()
	return false
}

// identify starts a new session for the shard the client names, as many
// clients at once as there are shards; each gets the events of its guilds.
func (s *Server) identify(c *gatewayConn, raw json.RawMessage) bool {
	var id struct {
		Token   string `json:"token"`
		Intents int64  `json:"intents"`
		Shard   []int  `json:"shard"`
	}
	if err := json.Unmarshal(raw, &id); err != nil {
		s.tb.Errorf("discordtest: identify: %v", err)
		return s.closeWith(c, 4002, "Error while decoding payload.")
	}
	if id.Token != "Bot "+s.Token {
		return s.closeWith(c, 4004, "Authentication failed.")
	}
	shard, count := 0, 1
	if id.Shard != nil {
		if len(id.Shard) != 2 || id.Shard[1] < 1 || id.Shard[0] < 0 || id.Shard[0] >= id.Shard[1] {
			s.tb.Errorf("discordtest: identify with shard %v", id.Shard)
			return s.closeWith(c, 4010, "Invalid shard.")
		}
		shard, count = id.Shard[0], id.Shard[1]
	}
	s.mu.Lock()
	if id.Intents&s.reject != 0 {
		s.mu.Unlock()
		return s.closeWith(c, 4014, "Disallowed intent(s).")
	}
	for other, sh := range s.shards {
		if sh.conn != nil && sh.conn != c && count != s.shardCount {
			s.mu.Unlock()
			s.tb.Errorf("discordtest: identify as shard %d of %d while shard %d of %d is connected", shard, count, other, s.shardCount)
			return s.closeWith(c, 4010, "Invalid shard.")
		}
	}
	s.shardCount = count
	s.sessions++
	sh := &shardSession{id: "session-" + strconv.Itoa(s.sessions)}
	s.shards[shard] = sh
	// A new session does not get the events its shard missed.
	s.queue = slices.DeleteFunc(s.queue, func(d dispatch) bool { return ShardOf(d.guild, count) == shard })
	guilds := []any{}
	if ShardOf(DefaultGuildID, count) == shard {
		guilds = append(guilds, map[string]any{"id": DefaultGuildID, "unavailable": true})
	}
	ready := map[string]any{
		"v":                  10,
		"session_id":         sh.id,
		"resume_gateway_url": s.gatewayURL(),
		"user":               s.botUser(),
		"application":        map[string]any{"id": s.BotID, "flags": 0},
		"guilds":             guilds,
		"private_channels":   []any{},
		"shard":              []int{shard, count},
	}
	err := s.sendLocked(sh, c, "READY", ready)
	sh.conn = c
	s.identifies = append(s.identifies, Identify{Shard: id.Shard, Intents: id.Intents})
	s.notify()
	s.flushLocked()
	s.mu.Unlock()
	return err == nil
}

func (s *Server) resume(c *gatewayConn, raw json.RawMessage) bool {
	var r struct {
		Token     string `json:"token"`
		SessionID string `json:"session_id"`
		Seq       int64  `json:"seq"`
	}
	if err := json.Unmarshal(raw, &r); err != nil {
		s.tb.Errorf("discordtest: resume: %v", err)
		return s.closeWith(c, 4002, "Error while decoding payload.")
	}
	if r.Token != "Bot "+s.Token {
		return s.closeWith(c, 4004, "Authentication failed.")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var sh *shardSession
	for _, x := range s.shards {
		if x.id == r.SessionID {
			sh = x
		}
	}
	if sh == nil || r.Seq > sh.seq {
		s.tb.Logf("discordtest: resume of session %q at %d refused", r.SessionID, r.Seq)
		return c.send(payload{Op: OpInvalidSession, Data: false}) == nil
	}
	err := s.sendLocked(sh, c, "RESUMED", map[string]any{})
	sh.conn = c
	s.flushLocked()
	return err == nil
}

// sendLocked writes one dispatch of the session sh on c with its next
// sequence number; s.mu is held.
func (s *Server) sendLocked(sh *shardSession, c *gatewayConn, t string, d any) error {
	sh.seq++
	seq := sh.seq
	return c.send(payload{Op: OpDispatch, Type: t, Seq: &seq, Data: d})
}

// flushLocked sends every queued dispatch whose shard is connected, in
// order; the others wait. s.mu is held.
func (s *Server) flushLocked() {
	kept := s.queue[:0]
	for _, d := range s.queue {
		sh := s.shards[ShardOf(d.guild, s.shardCount)]
		if sh == nil || sh.conn == nil || s.sendLocked(sh, sh.conn, d.t, d.d) != nil {
			kept = append(kept, d)
			continue
		}
		s.dispatched++
	}
	clear(s.queue[len(kept):])
	s.queue = kept
}

// Dispatch sends the event t with data d to the client connected for the
// shard of d's guild_id (shard 0 without one), or queues it until that
// client identifies or resumes.
func (s *Server) Dispatch(t string, d any) {
	s.tb.Helper()
	raw, err := json.Marshal(d)
	if err != nil {
		s.tb.Fatalf("discordtest: dispatch %s: %v", t, err)
	}
	var g struct {
		GuildID string `json:"guild_id"`
	}
	_ = json.Unmarshal(raw, &g)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.queue = append(s.queue, dispatch{t: t, d: raw, guild: g.GuildID})
	s.flushLocked()
}

// Drop closes every identified gateway connection abruptly, without a close
// frame, as a network failure would; a client should reconnect and RESUME.
func (s *Server) Drop() {
	s.mu.Lock()
	var conns []*gatewayConn
	for _, sh := range s.shards {
		if sh.conn != nil {
			conns = append(conns, sh.conn)
			sh.conn = nil
		}
	}
	s.mu.Unlock()
	if len(conns) == 0 {
		s.tb.Fatalf("discordtest: Drop with no connection")
	}
	for _, c := range conns {
		_ = c.ws.UnderlyingConn().Close()
	}
}

// Sessions is how many times a client identified.
func (s *Server) Sessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sessions
}

// Identifies returns every IDENTIFY accepted so far, in order.
func (s *Server) Identifies() []Identify {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.identifies)
}

// WaitIdentifies waits until n IDENTIFYs have been accepted and returns
// them all. The test fails if they do not come.
func (s *Server) WaitIdentifies(n int) []Identify {
	s.tb.Helper()
	deadline := time.After(waitLimit)
	for {
		s.mu.Lock()
		if len(s.identifies) >= n {
			ids := slices.Clone(s.identifies)
			s.mu.Unlock()
			return ids
		}
		ch := s.changed
		s.mu.Unlock()
		select {
		case <-ch:
		case <-deadline:
			s.tb.Fatalf("discordtest: %d identifies within %v, want %d", len(s.Identifies()), waitLimit, n)
			return nil
		}
	}
}

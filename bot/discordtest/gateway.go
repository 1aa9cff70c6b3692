package discordtest

import (
	"encoding/json"
	"net/http"
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
		if s.conn == c {
			s.conn = nil
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

func (s *Server) identify(c *gatewayConn, raw json.RawMessage) bool {
	var id struct {
		Token   string `json:"token"`
		Intents int64  `json:"intents"`
	}
	if err := json.Unmarshal(raw, &id); err != nil {
		s.tb.Errorf("discordtest: identify: %v", err)
		return s.closeWith(c, 4002, "Error while decoding payload.")
	}
	if id.Token != "Bot "+s.Token {
		return s.closeWith(c, 4004, "Authentication failed.")
	}
	s.mu.Lock()
	if id.Intents&s.reject != 0 {
		s.mu.Unlock()
		return s.closeWith(c, 4014, "Disallowed intent(s).")
	}
	s.sessions++
	s.sessionID = "session-" + strconv.Itoa(s.sessions)
	s.seq = 0
	s.queue = nil // a new session does not get the old one's events
	ready := map[string]any{
		"v":                  10,
		"session_id":         s.sessionID,
		"resume_gateway_url": s.gatewayURL(),
		"user":               s.botUser(),
		"application":        map[string]any{"id": s.BotID, "flags": 0},
		"guilds":             []any{map[string]any{"id": DefaultGuildID, "unavailable": true}},
		"private_channels":   []any{},
		"shard":              []int{0, 1},
	}
	err := s.sendLocked(c, "READY", ready)
	s.conn = c
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
	if r.SessionID != s.sessionID || r.Seq > s.seq {
		s.tb.Logf("discordtest: resume of session %q at %d refused (have %q at %d)", r.SessionID, r.Seq, s.sessionID, s.seq)
		return c.send(payload{Op: OpInvalidSession, Data: false}) == nil
	}
	err := s.sendLocked(c, "RESUMED", map[string]any{})
	s.conn = c
	s.flushLocked()
	return err == nil
}

// sendLocked writes one dispatch with the next sequence number; s.mu is held.
func (s *Server) sendLocked(c *gatewayConn, t string, d any) error {
	s.seq++
	seq := s.seq
	return c.send(payload{Op: OpDispatch, Type: t, Seq: &seq, Data: d})
}

func (s *Server) flushLocked() {
	for len(s.queue) > 0 && s.conn != nil {
		d := s.queue[0]
		if s.sendLocked(s.conn, d.t, d.d) != nil {
			return
		}
		s.queue = s.queue[1:]
		s.dispatched++
	}
}

// Dispatch sends the event t with data d to the connected client, or queues
// it until the client identifies or resumes.
func (s *Server) Dispatch(t string, d any) {
	s.tb.Helper()
	raw, err := json.Marshal(d)
	if err != nil {
		s.tb.Fatalf("discordtest: dispatch %s: %v", t, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.queue = append(s.queue, dispatch{t: t, d: raw})
	s.flushLocked()
}

// Drop closes the gateway connection abruptly, without a close frame, as a
// network failure would; a client should reconnect and RESUME.
func (s *Server) Drop() {
	s.mu.Lock()
	c := s.conn
	s.conn = nil
	s.mu.Unlock()
	if c == nil {
		s.tb.Fatalf("discordtest: Drop with no connection")
	}
	_ = c.ws.UnderlyingConn().Close()
}

// Sessions is how many times a client identified.
func (s *Server) Sessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sessions
}

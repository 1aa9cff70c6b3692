package discordtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// Defaults of a new Server.
const (
	DefaultToken   = "fake-token.do-not-leak"
	DefaultBotID   = "1000000000000000001"
	DefaultGuildID = "2000000000000000002"
)

// waitLimit guards every wait against a hung bot: a test that waits longer
// has failed.
const waitLimit = 15 * time.Second

// Server is a fake Discord: REST API and gateway on one loopback listener.
type Server struct {
	// URL is the API base to give the client, e.g. http://127.0.0.1:4242.
	URL string
	// Token is the bot token the fake accepts, without "Bot ".
	Token string
	// BotID is the bot's user id, which is also its application id.
	BotID string

	tb       testing.TB
	srv      *httptest.Server
	upgrader websocket.Upgrader

	// MaxConcurrency is the session_start_limit.max_concurrency that
	// GET /gateway/bot reports: how many shards may identify at once.
	MaxConcurrency int

	mu         sync.Mutex
	changed    chan struct{} // closed and replaced whenever something is recorded
	requests   []Request
	frames     []Frame
	conns      []*gatewayConn
	shards     map[int]*shardSession // gateway sessions by shard id
	shardCount int                   // of the identified clients; 1 until one identifies with a shard
	identifies []Identify
	sessions   int
	queue      []dispatch // dispatches waiting for their shard's connection
	limits     []*rateLimit
	reject     int64            // intents refused with close code 4014
	answered   map[string]bool  // interactions already acknowledged
	guilds     map[string]Guild // by id, for the permission look-ups
	nextID     uint64
	dispatched int
}

// Request is one REST request the fake received.
type Request struct {
	Method string
	Path   string
	Body   json.RawMessage
	Status int // what the fake answered
	At     time.Time
}

// Frame is one gateway payload the fake received from the client.
type Frame struct {
	Op   int             `json:"op"`
	Data json.RawMessage `json:"d"`
}

type dispatch struct {
	t     string
	d     json.RawMessage
	guild string // "" for a direct message, which Discord sends on shard 0
}

type rateLimit struct {
	method string
	path   *regexp.Regexp
	after  time.Duration
	used   bool
}

type gatewayConn struct {
	ws  *websocket.Conn
	wmu sync.Mutex
}

func (c *gatewayConn) send(v any) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	return c.ws.WriteJSON(v)
}

// New starts a fake Discord on 127.0.0.1 and closes it when the test ends.
func New(tb testing.TB) *Server {
	tb.Helper()
	s := &Server{
		Token:          DefaultToken,
		BotID:          DefaultBotID,
		MaxConcurrency: 16,
		tb:             tb,
		shards:         map[int]*shardSession{},
		shardCount:     1,
		changed:        make(chan struct{}),
		answered:       map[string]bool{},
		nextID:         3000000000000000000,
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	s.URL = s.srv.URL
	tb.Cleanup(s.Close)
	return s
}

// Close drops the gateway connections and stops the server.
func (s *Server) Close() {
	s.mu.Lock()
	conns := s.conns
	s.conns = nil
	for _, sh := range s.shards {
		sh.conn = nil
	}
	s.mu.Unlock()
	for _, c := range conns {
		_ = c.ws.Close()
	}
	s.srv.CloseClientConnections()
	s.srv.Close()
}

// RejectIntents makes IDENTIFY fail with close code 4014 (disallowed
// intents) when it asks for any of the bits in mask, as Discord does when a
// privileged intent is not enabled for the application.
func (s *Server) RejectIntents(mask int64) {
	s.mu.Lock()
	s.reject = mask
	s.mu.Unlock()
}

// RateLimitOnce answers the next request whose method is method and whose
// path matches the regular expression path with a 429, Retry-After and a
// retry_after of after; later requests pass.
func (s *Server) RateLimitOnce(method, path string, after time.Duration) {
	s.mu.Lock()
	s.limits = append(s.limits, &rateLimit{method: method, path: regexp.MustCompile(path), after: after})
	s.mu.Unlock()
}

// Requests returns a copy of every REST request received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Frames returns a copy of every gateway payload received so far.
func (s *Server) Frames() []Frame {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Frame(nil), s.frames...)
}

// Dispatched is how many events have been written to the gateway.
func (s *Server) Dispatched() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.dispatched
}

// notify wakes the waiters; s.mu is held.
func (s *Server) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// WaitRequest waits for a request matching match, recorded before or after
// the call, and returns the first one. The test fails if none comes.
func (s *Server) WaitRequest(what string, match func(Request) bool) Request {
	s.tb.Helper()
	r, _ := s.WaitRequestFrom(0, what, match)
	return r
}

// WaitRequestFrom is WaitRequest among the requests from the index from
// on; it also returns the index of the request found.
func (s *Server) WaitRequestFrom(from int, what string, match func(Request) bool) (Request, int) {
	s.tb.Helper()
	deadline := time.After(waitLimit)
	for {
		s.mu.Lock()
		for i := from; i < len(s.requests); i++ {
			if r := s.requests[i]; match(r) {
				s.mu.Unlock()
				return r, i
			}
		}
		from = max(from, len(s.requests))
		ch := s.changed
		s.mu.Unlock()
		select {
		case <-ch:
		case <-deadline:
			s.tb.Fatalf("discordtest: no request %s within %v", what, waitLimit)
			return Request{}, -1
		}
	}
}

// WaitFrame waits until n gateway payloads with opcode op have been
// received and returns the nth.
func (s *Server) WaitFrame(op, n int) Frame {
	s.tb.Helper()
	deadline := time.After(waitLimit)
	for {
		s.mu.Lock()
		k := 0
		for _, f := range s.frames {
			if f.Op == op {
				k++
				if k == n {
					s.mu.Unlock()
					return f
				}
			}
		}
		ch := s.changed
		s.mu.Unlock()
		select {
		case <-ch:
		case <-deadline:
			s.tb.Fatalf("discordtest: no %d gateway op %d within %v", n, op, waitLimit)
			return Frame{}
		}
	}
}

// newID returns a fresh snowflake-shaped id.
func (s *Server) newID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	return strconv.FormatUint(s.nextID, 10)
}

// ---- REST ----

type route struct {
	method string
	path   *regexp.Regexp
	serve  func(s *Server, w http.ResponseWriter, m []string, body []byte) int
}

var routes = []route{
	{"GET", regexp.MustCompile(`^/api/v\d+/gateway(/bot)?$`), (*Server).serveGatewayURL},
	{"GET", regexp.MustCompile(`^/api/v\d+/users/@me$`), (*Server).serveMe},
	{"PUT", regexp.MustCompile(`^/api/v\d+/applications/(\d+)(?:/guilds/(\d+))?/commands$`), (*Server).serveOverwrite},
	{"POST", regexp.MustCompile(`^/api/v\d+/interactions/(\d+)/([^/]+)/callback$`), (*Server).serveCallback},
	{"PATCH", regexp.MustCompile(`^/api/v\d+/webhooks/(\d+)/([^/]+)/messages/(@original|\d+)$`), (*Server).serveEdit},
	{"POST", regexp.MustCompile(`^/api/v\d+/webhooks/(\d+)/([^/]+)$`), (*Server).serveFollowup},
	{"POST", regexp.MustCompile(`^/api/v\d+/channels/(\d+)/messages$`), (*Server).serveCreateMessage},
	{"GET", regexp.MustCompile(`^/api/v\d+/channels/(\d+)$`), (*Server).serveChannel},
	{"GET", regexp.MustCompile(`^/api/v\d+/guilds/(\d+)/roles$`), (*Server).serveRoles},
	{"GET", regexp.MustCompile(`^/api/v\d+/guilds/(\d+)/members/(\d+)$`), (*Server).serveMember},
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/gateway" || r.URL.Path == "/gateway/" {
		s.serveGateway(w, r)
		return
	}
	body, _ := io.ReadAll(r.Body)
	rec := Request{Method: r.Method, Path: r.URL.Path, At: time.Now()}
	if len(bytes.TrimSpace(body)) > 0 {
		rec.Body = json.RawMessage(body)
	}
	status := s.route(w, r, body)
	rec.Status = status
	s.mu.Lock()
	s.requests = append(s.requests, rec)
	s.notify()
	s.mu.Unlock()
}

func (s *Server) route(w http.ResponseWriter, r *http.Request, body []byte) int {
	if bytes.Contains(body, []byte(s.Token)) {
		s.tb.Errorf("discordtest: %s %s: the bot token is in the body", r.Method, r.URL.Path)
	}
	for _, leak := range []string{"goroutine ", "panic:", "runtime error", ".go:"} {
		if bytes.Contains(body, []byte(leak)) {
			s.tb.Errorf("discordtest: %s %s: body looks like a stack trace or raw error (%q): %s", r.Method, r.URL.Path, leak, body)
		}
	}
	var rt *route
	var m []string
	for i := range routes {
		if routes[i].method == r.Method {
			if m = routes[i].path.FindStringSubmatch(r.URL.Path); m != nil {
				rt = &routes[i]
				break
			}
		}
	}
	if rt == nil {
		s.tb.Errorf("discordtest: unexpected request %s %s", r.Method, r.URL.Path)
		return writeError(w, http.StatusNotFound, 0, "404: Not Found")
	}
	if r.Header.Get("Authorization") != "Bot "+s.Token {
		s.tb.Errorf("discordtest: %s %s without the bot's authorization", r.Method, r.URL.Path)
		return writeError(w, http.StatusUnauthorized, 0, "401: Unauthorized")
	}
	if after, ok := s.takeLimit(r.Method, r.URL.Path); ok {
		secs := after.Seconds()
		w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(secs))))
		w.Header().Set("X-RateLimit-Limit", "5")
		w.Header().Set("X-RateLimit-Remaining", "0")
		w.Header().Set("X-RateLimit-Reset-After", strconv.FormatFloat(secs, 'f', 3, 64))
		w.Header().Set("X-RateLimit-Bucket", "fake-bucket")
		w.Header().Set("X-RateLimit-Scope", "user")
		return writeJSON(w, http.StatusTooManyRequests, map[string]any{
			"message": "You are being rate limited.", "retry_after": secs, "global": false,
		})
	}
	return rt.serve(s, w, m, body)
}

func (s *Server) takeLimit(method, path string) (time.Duration, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, l := range s.limits {
		if !l.used && l.method == method && l.path.MatchString(path) {
			l.used = true
			return l.after, true
		}
	}
	return 0, false
}

func writeJSON(w http.ResponseWriter, status int, v any) int {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
	return status
}

func writeError(w http.ResponseWriter, status, code int, msg string) int {
	return writeJSON(w, status, map[string]any{"code": code, "message": msg})
}

// fail reports a request Discord would refuse, and refuses it.
func (s *Server) fail(w http.ResponseWriter, format string, args ...any) int {
	s.tb.Helper()
	msg := fmt.Sprintf(format, args...)
	s.tb.Errorf("discordtest: %s", msg)
	return writeError(w, http.StatusBadRequest, 50035, "Invalid Form Body: "+msg)
}

func (s *Server) gatewayURL() string {
	return "ws" + strings.TrimPrefix(s.URL, "http") + "/gateway"
}

func (s *Server) serveGatewayURL(w http.ResponseWriter, m []string, _ []byte) int {
	v := map[string]any{"url": s.gatewayURL()}
	if m[1] != "" {
		s.mu.Lock()
		mc := s.MaxConcurrency
		s.mu.Unlock()
		v["shards"] = 1
		v["session_start_limit"] = map[string]any{"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": mc}
	}
	return writeJSON(w, http.StatusOK, v)
}

// ---- guilds, channels and members, for permission look-ups ----

// A Guild is what the fake tells of a server: GET /guilds/{id}/roles, GET
// /channels/{id} for its channels and GET /guilds/{id}/members/{id}, from
// which a client works out its permissions in a channel.
type Guild struct {
	ID string
	// Roles are the roles' permissions by role id; the role whose id is
	// the guild's is @everyone.
	Roles map[string]int64
	// Channels are the text channels, with their permission overwrites.
	Channels map[string][]Overwrite
	// Members are the members' role ids by user id.
	Members map[string][]string
}

// An Overwrite allows and denies permissions in one channel to a role
// (Type 0) or a member (Type 1).
type Overwrite struct {
	ID          string
	Type        int
	Allow, Deny int64
}

// SetGuild makes g known to the REST routes above; until then they answer
// 404 as Discord does for an unknown id.
func (s *Server) SetGuild(g Guild) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.guilds == nil {
		s.guilds = map[string]Guild{}
	}
	s.guilds[g.ID] = g
}

func (s *Server) serveChannel(w http.ResponseWriter, m []string, _ []byte) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, g := range s.guilds {
		ows, ok := g.Channels[m[1]]
		if !ok {
			continue
		}
		wire := []map[string]any{}
		for _, o := range ows {
			wire = append(wire, map[string]any{"id": o.ID, "type": o.Type,
				"allow": strconv.FormatInt(o.Allow, 10), "deny": strconv.FormatInt(o.Deny, 10)})
		}
		return writeJSON(w, http.StatusOK, map[string]any{"id": m[1], "type": 0, "guild_id": g.ID, "name": "channel-" + m[1],
			"permission_overwrites": wire})
	}
	return writeError(w, http.StatusNotFound, 10003, "Unknown Channel")
}

// unknownGuild is Discord's answer for a guild id it does not know.
func unknownGuild(w http.ResponseWriter) int {
	return writeError(w, http.StatusNotFound, 10004, "Unknown Guild")
}

func (s *Server) serveRoles(w http.ResponseWriter, m []string, _ []byte) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.guilds[m[1]]
	if !ok {
		return unknownGuild(w)
	}
	roles := []map[string]any{}
	for id, perms := range g.Roles {
		roles = append(roles, map[string]any{"id": id, "name": "role-" + id, "permissions": strconv.FormatInt(perms, 10)})
	}
	return writeJSON(w, http.StatusOK, roles)
}

func (s *Server) serveMember(w http.ResponseWriter, m []string, _ []byte) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.guilds[m[1]]
	if !ok {
		return unknownGuild(w)
	}
	roles, ok := g.Members[m[2]]
	if !ok {
		return writeError(w, http.StatusNotFound, 10007, "Unknown Member")
	}
	return writeJSON(w, http.StatusOK, map[string]any{"user": map[string]any{"id": m[2], "username": "user-" + m[2]},
		"roles": roles, "joined_at": "2024-01-01T00:00:00.000000+00:00", "deaf": false, "mute": false, "flags": 0})
}

func (s *Server) serveMe(w http.ResponseWriter, _ []string, _ []byte) int {
	return writeJSON(w, http.StatusOK, s.botUser())
}

func (s *Server) botUser() map[string]any {
	return map[string]any{"id": s.BotID, "username": "malibot", "discriminator": "0", "bot": true}
}

func (s *Server) serveOverwrite(w http.ResponseWriter, m []string, body []byte) int {
	if m[1] != s.BotID {
		return s.fail(w, "bulk overwrite for application %s, want %s", m[1], s.BotID)
	}
	var cmds []map[string]any
	if err := json.Unmarshal(body, &cmds); err != nil {
		return s.fail(w, "bulk overwrite body: %v", err)
	}
	if len(cmds) > 100 {
		return s.fail(w, "bulk overwrite of %d commands, more than 100", len(cmds))
	}
	for _, c := range cmds {
		c["id"] = s.newID()
		c["application_id"] = s.BotID
		c["version"] = s.newID()
		if m[2] != "" {
			c["guild_id"] = m[2]
		}
	}
	return writeJSON(w, http.StatusOK, cmds)
}

// Interaction callback types.
const (
	CallbackMessage         = 4
	CallbackDeferredMessage = 5
	CallbackDeferredUpdate  = 6
	CallbackUpdate          = 7
	CallbackAutocomplete    = 8
)

func (s *Server) serveCallback(w http.ResponseWriter, m []string, body []byte) int {
	var cb struct {
		Type int             `json:"type"`
		Data json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(body, &cb); err != nil {
		return s.fail(w, "callback body: %v", err)
	}
	s.mu.Lock()
	again := s.answered[m[1]]
	s.answered[m[1]] = true
	s.mu.Unlock()
	if again {
		return s.fail(w, "interaction %s acknowledged twice", m[1])
	}
	switch cb.Type {
	case CallbackMessage, CallbackUpdate:
		if msg := s.checkMessage(cb.Data, cb.Type == CallbackMessage); msg != "" {
			return s.fail(w, "callback %s: %s", m[1], msg)
		}
	case CallbackDeferredMessage, CallbackDeferredUpdate:
	case CallbackAutocomplete:
		var d struct {
			Choices []struct {
				Name  string `json:"name"`
				Value any    `json:"value"`
			} `json:"choices"`
		}
		if err := json.Unmarshal(cb.Data, &d); err != nil {
			return s.fail(w, "autocomplete data: %v", err)
		}
		if len(d.Choices) > 25 {
			return s.fail(w, "autocomplete with %d choices", len(d.Choices))
		}
		for _, c := range d.Choices {
			if n := runes(c.Name); n < 1 || n > 100 {
				return s.fail(w, "choice name of %d characters", n)
			}
			if v, ok := c.Value.(string); ok && runes(v) > 100 {
				return s.fail(w, "choice value of %d characters", runes(v))
			}
		}
	default:
		return s.fail(w, "unknown callback type %d", cb.Type)
	}
	w.WriteHeader(http.StatusNoContent)
	return http.StatusNoContent
}

func (s *Server) serveEdit(w http.ResponseWriter, m []string, body []byte) int {
	if m[1] != s.BotID {
		return s.fail(w, "edit through webhook %s, want the application %s", m[1], s.BotID)
	}
	if msg := s.checkMessage(body, false); msg != "" {
		return s.fail(w, "edit: %s", msg)
	}
	return s.echoMessage(w, "", body)
}

func (s *Server) serveFollowup(w http.ResponseWriter, _ []string, body []byte) int {
	if msg := s.checkMessage(body, true); msg != "" {
		return s.fail(w, "followup: %s", msg)
	}
	return s.echoMessage(w, "", body)
}

func (s *Server) serveCreateMessage(w http.ResponseWriter, m []string, body []byte) int {
	if msg := s.checkMessage(body, true); msg != "" {
		return s.fail(w, "message in %s: %s", m[1], msg)
	}
	return s.echoMessage(w, m[1], body)
}

func (s *Server) echoMessage(w http.ResponseWriter, channel string, body []byte) int {
	msg := map[string]any{}
	_ = json.Unmarshal(body, &msg)
	msg["id"] = s.newID()
	msg["channel_id"] = channel
	msg["author"] = s.botUser()
	msg["timestamp"] = time.Now().UTC().Format(time.RFC3339)
	delete(msg, "allowed_mentions")
	delete(msg, "message_reference")
	return writeJSON(w, http.StatusOK, msg)
}

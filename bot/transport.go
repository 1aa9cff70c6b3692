package bot

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// How every REST call reaches Config.APIBase.
//
// discordgo builds its URLs from package variables (EndpointDiscord,
// EndpointAPI and about a hundred derived from them at init). Reassigning
// them would change every session in the process at once, race with
// sessions already running (two bots, or parallel tests each with their
// own fake), and silently leave behind any derived variable one forgot
// to recompute. Instead the session gets an http.Client whose transport
// rewrites the scheme, host and path prefix of every request addressed to
// discord.com. It sees the URL discordgo actually built, so it covers every
// endpoint, today's and future ones, and it is per session. The gateway
// needs nothing more: its URL is whatever GET /api/v9/gateway answers
// through the same transport, and discordgo reconnects and resumes to that
// cached URL.

// discordHost is the host discordgo's endpoints point at.
const discordHost = "discord.com"

// baseTransport sends requests for discord.com to base instead.
type baseTransport struct {
	base *url.URL
	next http.RoundTripper
}

func (t baseTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Host != discordHost {
		return t.next.RoundTrip(r)
	}
	out := r.Clone(r.Context())
	out.URL.Scheme = t.base.Scheme
	out.URL.Host = t.base.Host
	out.URL.Path = strings.TrimSuffix(t.base.Path, "/") + r.URL.Path
	out.URL.RawPath = ""
	out.Host = ""
	resp, err := t.next.RoundTrip(out)
	if err != nil {
		// http.Client builds its error from the URL discordgo asked for
		// (discord.com): say where the request really went.
		return nil, &rewrittenError{url: out.URL.Redacted(), err: err}
	}
	return resp, nil
}

// rewrittenError is a transport error that names the URL actually used:
// `Get "https://discord.com/api/v9/gateway": sent to
// http://127.0.0.1:8080/api/v9/gateway: dial tcp …: connection refused`.
type rewrittenError struct {
	url string
	err error
}

func (e *rewrittenError) Error() string { return "sent to " + e.url + ": " + e.err.Error() }

func (e *rewrittenError) Unwrap() error { return e.err }

// Timeout keeps http.Client's and net.Error's view of a timeout.
func (e *rewrittenError) Timeout() bool {
	t, ok := e.err.(interface{ Timeout() bool })
	return ok && t.Timeout()
}

// Temporary mirrors the wrapped error, as net.Error asks.
func (e *rewrittenError) Temporary() bool {
	t, ok := e.err.(interface{ Temporary() bool })
	return ok && t.Temporary()
}

// parseAPIBase checks an API base such as https://discord.com or
// http://127.0.0.1:8080/proxy.
func parseAPIBase(s string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return nil, fmt.Errorf("DISCORD_API_BASE %q: %w", s, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("DISCORD_API_BASE %q: want http(s)://host[:port][/path]", s)
	}
	return u, nil
}

// httpClient is the session's client: every discord.com request goes to
// base. The timeout matches discordgo's own default.
func httpClient(base *url.URL) *http.Client {
	var rt http.RoundTripper = http.DefaultTransport
	if base.Host != discordHost || base.Scheme != "https" || strings.Trim(base.Path, "/") != "" {
		rt = baseTransport{base: base, next: rt}
	}
	return &http.Client{Timeout: 20 * time.Second, Transport: rt}
}

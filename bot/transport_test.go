package bot

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

func TestTransportRewritesDiscord(t *testing.T) {
	t.Parallel()
	var got string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got = r.URL.Path }))
	t.Cleanup(srv.Close)
	base, err := parseAPIBase(srv.URL + "/proxy/")
	if err != nil {
		t.Fatal(err)
	}
	c := httpClient(base)
	resp, err := c.Get(discordgo.EndpointGatewayBot)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got != "/proxy/api/v"+discordgo.APIVersion+"/gateway/bot" {
		t.Errorf("path %q", got)
	}
	def, _ := parseAPIBase(DefaultAPIBase)
	if _, wrapped := httpClient(def).Transport.(baseTransport); wrapped {
		t.Errorf("the default base is rewritten")
	}
}

// TestTransportErrorNamesTheRealURL checks that with DISCORD_API_BASE set,
// a failed request's error names the host it was really sent to, both from
// the transport and from Start.
func TestTransportErrorNamesTheRealURL(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := "http://" + ln.Addr().String()
	ln.Close() // nothing listens there now
	base, err := parseAPIBase(dead + "/proxy")
	if err != nil {
		t.Fatal(err)
	}
	_, err = httpClient(base).Get(discordgo.EndpointGateway)
	if err == nil {
		t.Fatal("GET to a closed port: no error")
	}
	want := dead + "/proxy/api/v" + discordgo.APIVersion + "/gateway"
	if !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not name %s", err, want)
	}
	var ne net.Error
	if !errors.As(err, &ne) {
		t.Errorf("error %q is no longer a net.Error", err)
	}

	b, err := New(Config{Token: "x", APIBase: dead}, nil, openStore(t, "", t.TempDir()), quiet())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	err = b.Start(ctx)
	if err == nil || !strings.Contains(err.Error(), ln.Addr().String()) {
		t.Errorf("Start against a closed port: %v; want an error naming %s", err, ln.Addr())
	}
}

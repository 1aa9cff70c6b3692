package bot

import (
	"net/http"
	"net/http/httptest"
	"testing"

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

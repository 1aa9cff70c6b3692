package handlers

import (
	"strings"
	"testing"
)

func TestSources(t *testing.T) {
	t.Parallel()
	resp := Sources(Deps{Facts: fixture(t)}).Handle(request(KindCommand))
	checkLimits(t, resp)
	golden(t, "sources-fixture", resp)
	e := resp.Embeds[0]
	if len(e.Fields) != 5 {
		t.Fatalf("%d documents, want 5", len(e.Fields))
	}
	for _, want := range []string{"Counter Extremism Project, 2024 · cited by 16 facts", "Open Doors UK & Ireland · cited by 1 fact\n", "BBC News", "U.S. Department of State", "a Christian mission agency"} {
		if !strings.Contains(Plain(resp), want) {
			t.Errorf("no %q in\n%s", want, Plain(resp))
		}
	}
}

func TestSourcesOnRealBase(t *testing.T) {
	t.Parallel()
	resp := Sources(Deps{Facts: realBase(t)}).Handle(request(KindCommand))
	checkLimits(t, resp)
	if n := len(resp.Embeds[0].Fields); n != 5 {
		t.Errorf("%d documents", n)
	}
}

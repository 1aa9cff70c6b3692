package handlers

import "testing"

func TestOperation(t *testing.T) {
	t.Parallel()
	c := Operation(Deps{Facts: fixture(t)})
	resp := c.Handle(request(KindCommand, "name", "Barkhane"))
	checkLimits(t, resp)
	golden(t, "operation-barkhane", resp)
	// key dates oldest first
	if got := resp.Embeds[0].Fields[0].Value; got != "1 August 2014 — France launched Operation Barkhane on 1 August 2014.\n9 November 2022 — Operation Barkhane officially ended on 9 November 2022." {
		t.Errorf("key dates = %q", got)
	}
	if got := c.Complete(request(KindAutocomplete, "name", "barkh")); len(got) != 1 || got[0] != (Choice{Name: "Operation Barkhane", Value: "operation-barkhane"}) {
		t.Errorf("Complete(barkh) = %v", got)
	}
}

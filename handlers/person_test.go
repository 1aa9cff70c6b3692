package handlers

import (
	"strings"
	"testing"
)

func TestPerson(t *testing.T) {
	t.Parallel()
	c := Person(Deps{Facts: fixture(t)})
	resp := c.Handle(request(KindCommand, "name", "iyad-ag-ghaly"))
	checkLimits(t, resp)
	golden(t, "person-iyad-ag-ghaly", resp)
	e := resp.Embeds[0]
	if len(e.Fields) == 0 || e.Fields[0].Name != "Role" || e.Fields[0].Value != "JNIM leader" {
		t.Errorf("want the role first, got %+v", e.Fields)
	}
	if !strings.Contains(Plain(resp), "Leads: Iyad Ag Ghaly is named as JNIM's leader.") {
		t.Errorf("a person's leader claims read as what they lead:\n%s", Plain(resp))
	}
	for _, typed := range []string{"Ghali", "Assimi Goïta", "assimi goita"} {
		if r := c.Handle(request(KindCommand, "name", typed)); len(r.Embeds) != 1 {
			t.Errorf("%q: no card: %+v", typed, r)
		}
	}
	if got := c.Complete(request(KindAutocomplete, "name", "goit")); len(got) == 0 || got[0].Value != "assimi-goita" {
		t.Errorf("Complete(goit) = %v", got)
	}
}

package facts

import "testing"

func TestCompleteClaims(t *testing.T) {
	b := fixture(t)
	tests := []struct {
		typed string
		kinds []Kind
		want  string // first id
	}{
		{"2015-11-20", []Kind{KindEvent}, "radisson-attack"}, // by the date of its caption
		{"2015 11", []Kind{KindEvent}, "radisson-attack"},    // folded the same way
		{"gunmen stormed", []Kind{KindEvent}, "radisson-attack"},
		{"radison", []Kind{KindEvent}, "radisson-attack"},      // by the alias of the place it is about
		{"bamako", []Kind{KindEvent}, "radisson-attack"},       // by the name of the place it is about
		{"barkhane", []Kind{KindEvent}, "barkhane-ended"},      // file order among equals
		{"jnim fighters", []Kind{KindFigure}, "jnim-fighters"}, // by its measure
		{"christ", []Kind{KindFigure}, "christians-number"},
		{"", []Kind{KindEvent}, "barkhane-ended"}, // newest first
		{"jnim", nil, "jnim"},                     // entities only by default
	}
	for _, tt := range tests {
		got := b.Complete(tt.typed, 25, tt.kinds...)
		if len(got) == 0 || got[0].ID != tt.want {
			ids := []string{}
			for _, f := range got {
				ids = append(ids, f.ID)
			}
			t.Errorf("Complete(%q, %v) = %v, want %s first", tt.typed, tt.kinds, ids, tt.want)
		}
		for _, f := range got {
			if !ofKinds(f, tt.kinds) {
				t.Errorf("Complete(%q, %v) returned a %s", tt.typed, tt.kinds, f.Kind)
			}
		}
	}
	if got := b.Complete("zzzzqq", 25, KindEvent, KindFigure, KindClaim); len(got) != 0 {
		t.Errorf("nonsense matched %d facts", len(got))
	}
	if got := b.Complete("", 0, KindEvent); got != nil {
		t.Errorf("limit 0 gave %d", len(got))
	}
}

func TestCaption(t *testing.T) {
	b := fixture(t)
	tests := []struct{ id, want string }{
		{"jnim", "Jama'at Nusrat al-Islam wal-Muslimin"},
		{"radisson-attack", "2015-11-20 On 20 November 2015 gunmen stormed the Radisson…"},
		{"jnim-fighters", "JNIM fighters (as of 2018-09)"},
		{"jnim-leader-iyad-ag-ghaly", "Iyad Ag Ghaly is named as JNIM's leader."},
	}
	for _, tt := range tests {
		if got := Caption(b.ByID(tt.id), 60); got != tt.want {
			t.Errorf("Caption(%s) = %q, want %q", tt.id, got, tt.want)
		}
	}
}

func TestNamed(t *testing.T) {
	b := fixture(t)
	tests := []struct {
		s     string
		kinds []Kind
		want  string // "" for nil
	}{
		{"jnim", nil, "jnim"},
		{"  JNIM ", nil, "jnim"},
		{"Assimi Goita", []Kind{KindPerson}, "assimi-goita"},
		{"assimi-goita", []Kind{KindPerson}, "assimi-goita"},
		{"Radisson", []Kind{KindPlace}, "radisson-blu-hotel"},
		{"jnim", []Kind{KindPerson}, ""},
		{"radisson-attack", nil, ""}, // an event is not an entity
		{"radisson-attack", []Kind{KindEvent}, "radisson-attack"},
		{"", nil, ""},
		{"goit", nil, ""}, // exact names only
	}
	for _, tt := range tests {
		got := b.Named(tt.s, tt.kinds...)
		if id := idOf(got); id != tt.want {
			t.Errorf("Named(%q, %v) = %q, want %q", tt.s, tt.kinds, id, tt.want)
		}
	}
}

func idOf(f *Fact) string {
	if f == nil {
		return ""
	}
	return f.ID
}

package facts

import (
	"fmt"
	"strings"
	"time"
)

// Kind is what sort of thing a fact describes.
type Kind string

// Entity kinds name something; claim kinds say something about entities.
const (
	KindGroup  Kind = "group"  // armed group, coalition, militia, rebel movement, mercenary company
	KindPerson Kind = "person" // a named individual
	KindOrg    Kind = "org"    // state body, bloc, mission, operation, agency, programme
	KindPlace  Kind = "place"  // country, region, town, village, site
	KindPeople Kind = "people" // ethnic or people group
	KindTopic  Kind = "topic"  // a subject such as Christians in Mali or US assistance
	KindEvent  Kind = "event"  // something that happened at a date
	KindFigure Kind = "figure" // a number with a unit and an "as of" date
	KindClaim  Kind = "claim"  // an undated statement: a leadership, an allegiance, an aim
)

// Kinds lists every kind in display order.
var Kinds = []Kind{KindGroup, KindPerson, KindOrg, KindPlace, KindPeople, KindTopic, KindEvent, KindFigure, KindClaim}

// IsEntity reports whether k names a thing rather than states a claim.
func (k Kind) IsEntity() bool {
	switch k {
	case KindGroup, KindPerson, KindOrg, KindPlace, KindPeople, KindTopic:
		return true
	}
	return false
}

// Rels is the controlled vocabulary of predicates a claim, event or figure
// may carry in its rel field. The engine maps question words onto them.
var Rels = map[string]string{
	"leader":       "who leads, heads, commands or founded a group or body",
	"member":       "membership of a person, group or country in another",
	"allegiance":   "pledges, affiliations and alliances",
	"founded":      "creation, formation or establishment",
	"merged":       "merger of groups",
	"renamed":      "a rebrand or former name",
	"ended":        "end, dissolution, termination",
	"launched":     "start of an operation, mission or campaign",
	"withdrew":     "withdrawal of troops or of a member",
	"designated":   "terrorist designation or listing",
	"killed":       "death of a named person",
	"attack":       "an attack, massacre or killing of many",
	"kidnapping":   "kidnapping or hostage-taking",
	"coup":         "seizure of power",
	"arrest":       "arrest, detention or capture",
	"trial":        "trial, verdict, sentence, extradition, indictment",
	"appointed":    "appointment, swearing-in, nomination",
	"resigned":     "resignation",
	"agreement":    "pact, accord, deal, treaty",
	"declared":     "declaration of independence, of a state of emergency, of a state",
	"announced":    "announcement, statement or claim",
	"accused":      "accusations and allegations",
	"deployed":     "deployment of troops",
	"sanction":     "sanctions imposed or lifted",
	"report":       "a published report or finding",
	"poll":         "opinion poll result",
	"strength":     "number of fighters, troops or members",
	"casualties":   "deaths, injuries, victims",
	"displacement": "displaced people, refugees",
	"population":   "population figures",
	"religion":     "religion and faith",
	"aid":          "assistance, funding, budgets",
	"economy":      "economic facts",
	"ranking":      "rankings and indexes",
	"location":     "where a group operates or a place lies",
	"funding":      "how a group is financed",
	"aim":          "goals, aims and purposes",
	"quote":        "a notable attributed quotation",
	"other":        "anything else",
}

// Source says where in which document a fact is stated.
type Source struct {
	Doc  string `yaml:"doc" json:"doc"`   // document id from sources.yaml
	Line int    `yaml:"line" json:"line"` // 1-based line of the document's text file
}

// Fact is one entry of the fact base. Entities (group, person, org, place,
// people, topic) carry a Name; claims (event, figure, claim) carry a Rel and
// the ids they are About.
type Fact struct {
	ID        string   `yaml:"id" json:"id"`
	Kind      Kind     `yaml:"kind" json:"kind"`
	Name      string   `yaml:"name,omitempty" json:"name,omitempty"`
	Aliases   []string `yaml:"aliases,omitempty" json:"aliases,omitempty"`
	Ambiguous []string `yaml:"ambiguous,omitempty" json:"ambiguous,omitempty"`
	Category  string   `yaml:"category,omitempty" json:"category,omitempty"`
	Role      string   `yaml:"role,omitempty" json:"role,omitempty"`
	Statement string   `yaml:"statement" json:"statement"`
	Rel       string   `yaml:"rel,omitempty" json:"rel,omitempty"`
	About     []string `yaml:"about,omitempty" json:"about,omitempty"`
	Related   []string `yaml:"related,omitempty" json:"related,omitempty"`
	Tags      []string `yaml:"tags,omitempty" json:"tags,omitempty"`
	// Asks are questions, in the words students use, that this fact
	// answers. They are matched against a question and never shown.
	Asks []string `yaml:"asks,omitempty" json:"asks,omitempty"`
	// Nots are questions next to this fact that neither it nor any
	// document answers ("which French general led the raid?"): a question
	// nearer one of them than to any ask is declined. Never shown.
	Nots []string `yaml:"nots,omitempty" json:"nots,omitempty"`

	Date     string `yaml:"date,omitempty" json:"date,omitempty"`         // YYYY, YYYY-MM or YYYY-MM-DD
	DateEnd  string `yaml:"date_end,omitempty" json:"date_end,omitempty"` // same forms
	DateNote string `yaml:"date_note,omitempty" json:"date_note,omitempty"`

	Value    *float64 `yaml:"value,omitempty" json:"value,omitempty"`
	ValueMax *float64 `yaml:"value_max,omitempty" json:"value_max,omitempty"`
	Unit     string   `yaml:"unit,omitempty" json:"unit,omitempty"`
	Measures string   `yaml:"measures,omitempty" json:"measures,omitempty"`
	AsOf     string   `yaml:"as_of,omitempty" json:"as_of,omitempty"`

	ConflictsWith []string `yaml:"conflicts_with,omitempty" json:"conflicts_with,omitempty"`
	ConflictNote  string   `yaml:"conflict_note,omitempty" json:"conflict_note,omitempty"`

	Sources []Source `yaml:"sources" json:"sources"`

	File string `yaml:"-" json:"file"` // data file the fact came from
	When Date   `yaml:"-" json:"-"`
	Till Date   `yaml:"-" json:"-"`
	Asof Date   `yaml:"-" json:"-"`
}

// Label is the fact's display name: its name for an entity, else its id.
func (f *Fact) Label() string {
	if f.Name != "" {
		return f.Name
	}
	return f.ID
}

// Precision is how much of a date is known.
type Precision int

// Date precisions, from none to a full day.
const (
	NoDate Precision = iota
	Year
	Month
	Day
)

// Date is a calendar date known to a precision.
type Date struct {
	Year      int
	Month     time.Month
	Day       int
	Precision Precision
}

// ParseDate reads YYYY, YYYY-MM or YYYY-MM-DD; the empty string is NoDate.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	var d Date
	switch len(s) {
	case 4:
		t, err := time.Parse("2006", s)
		if err != nil {
			return d, fmt.Errorf("date %q is not YYYY", s)
		}
		return Date{Year: t.Year(), Precision: Year}, nil
	case 7:
		t, err := time.Parse("2006-01", s)
		if err != nil {
			return d, fmt.Errorf("date %q is not YYYY-MM", s)
		}
		return Date{Year: t.Year(), Month: t.Month(), Precision: Month}, nil
	case 10:
		t, err := time.Parse("2006-01-02", s)
		if err != nil {
			return d, fmt.Errorf("date %q is not YYYY-MM-DD", s)
		}
		return Date{Year: t.Year(), Month: t.Month(), Day: t.Day(), Precision: Day}, nil
	}
	return d, fmt.Errorf("date %q is not YYYY, YYYY-MM or YYYY-MM-DD", s)
}

// IsZero reports whether no date is known.
func (d Date) IsZero() bool { return d.Precision == NoDate }

// String renders the date at its precision, as in "20 November 2015",
// "November 2015" or "2015".
func (d Date) String() string {
	switch d.Precision {
	case Day:
		return fmt.Sprintf("%d %s %d", d.Day, d.Month, d.Year)
	case Month:
		return fmt.Sprintf("%s %d", d.Month, d.Year)
	case Year:
		return fmt.Sprint(d.Year)
	}
	return ""
}

// Before orders dates by year, month and day, unknown parts first.
func (d Date) Before(e Date) bool {
	if d.Year != e.Year {
		return d.Year < e.Year
	}
	if d.Month != e.Month {
		return d.Month < e.Month
	}
	return d.Day < e.Day
}

// strictlyBefore reports whether d is before e at the precision both have
// (2012 is not before March 2012); a date never set is before none.
func strictlyBefore(d, e Date) bool {
	if d.IsZero() || e.IsZero() {
		return false
	}
	if d.Year != e.Year {
		return d.Year < e.Year
	}
	if d.Precision < Month || e.Precision < Month {
		return false
	}
	if d.Month != e.Month {
		return d.Month < e.Month
	}
	return d.Precision == Day && e.Precision == Day && d.Day < e.Day
}

// Document is one of the source documents the base is curated from.
type Document struct {
	ID        string    `yaml:"id" json:"id"`
	Title     string    `yaml:"title" json:"title"`
	Publisher string    `yaml:"publisher" json:"publisher"`
	Short     string    `yaml:"short" json:"short"`
	File      string    `yaml:"file" json:"file"`
	Lines     int       `yaml:"lines" json:"lines"` // line count of the text file, bounds citations
	Published string    `yaml:"published,omitempty" json:"published,omitempty"`
	Covers    string    `yaml:"covers" json:"covers"`
	Sections  []Section `yaml:"sections,omitempty" json:"sections,omitempty"`
}

// Section is a headed part of a document starting at a line.
type Section struct {
	Line  int    `yaml:"line" json:"line"`
	Title string `yaml:"title" json:"title"`
}

// SectionAt names the section that holds line n, or "".
func (d *Document) SectionAt(n int) string {
	title := ""
	for _, s := range d.Sections {
		if s.Line <= n {
			title = s.Title
		}
	}
	return title
}

// Cite renders a source as a short human reference such as
// "Counter Extremism Project, 'Military Endeavors', line 74".
func (d *Document) Cite(line int) string {
	var b strings.Builder
	b.WriteString(d.Short)
	if s := d.SectionAt(line); s != "" {
		fmt.Fprintf(&b, ", %q", s)
	}
	if line > 0 {
		fmt.Fprintf(&b, ", line %d", line)
	}
	return b.String()
}

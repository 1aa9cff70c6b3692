package handlers

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/malibot/malibot/facts"
)

func TestQuizIsDeterministic(t *testing.T) {
	t.Parallel()
	c := Quiz(Deps{Facts: fixture(t)})
	a := c.Handle(request(KindCommand))
	b := c.Handle(request(KindCommand))
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("same Now and user, different questions:\n%+v\n%+v", a, b)
	}
	golden(t, "quiz-fixture", a)
	seen := map[string]bool{}
	for i := range 40 {
		r := request(KindCommand)
		r.UserID = strconv.Itoa(i)
		r.Now = testNow.Add(time.Duration(i) * time.Minute)
		seen[c.Handle(r).Buttons[0].ID] = true
	}
	if len(seen) < 3 {
		t.Errorf("40 requests gave only %d different questions", len(seen))
	}
}

// TestQuizOptions checks every question the base can make, over many
// seeds: four distinct options, exactly one right, no distractor equal to
// the answer, ids that fit.
func TestQuizOptions(t *testing.T) {
	t.Parallel()
	for name, b := range map[string]*facts.Base{"fixture": fixture(t), "many": manyEvents(t, 30), "real": realOrNil(t)} {
		if b == nil {
			continue
		}
		c := Quiz(Deps{Facts: b})
		for i := range 200 {
			r := request(KindCommand)
			r.UserID = "u" + strconv.Itoa(i)
			resp := c.Handle(r)
			checkLimits(t, resp)
			if len(resp.Buttons) != 4 {
				t.Fatalf("%s: %d buttons: %+v", name, len(resp.Buttons), resp)
			}
			labels, rights := map[string]bool{}, 0
			for _, btn := range resp.Buttons {
				labels[btn.Label] = true
				answer := c.Handle(press(btn.ID))
				checkLimits(t, answer)
				if !answer.Ephemeral || len(answer.Embeds) != 1 || answer.Embeds[0].Footer == "" {
					t.Fatalf("%s: answer to %s: %+v", name, btn.ID, answer)
				}
				if answer.Embeds[0].Title == "Right!" {
					rights++
					if !strings.Contains(answer.Embeds[0].Description, "**"+btn.Label+"**") {
						t.Errorf("%s: the right answer %q is not the one given: %s", name, btn.Label, answer.Embeds[0].Description)
					}
				}
			}
			if len(labels) != 4 || rights != 1 {
				t.Fatalf("%s: options %v with %d right", name, labels, rights)
			}
		}
	}
}

func realOrNil(tb testing.TB) *facts.Base {
	b, err := facts.Default()
	if err != nil {
		return nil
	}
	return b
}

func TestQuizEventQuestionHidesTheYear(t *testing.T) {
	t.Parallel()
	b := emptyBase(t, `
- {id: g, kind: group, name: Test Group, statement: A group., sources: [{doc: cep, line: 1}]}
- {id: e, kind: event, rel: attack, date: "2015-11-20", about: [g], statement: "On 20 November 2015 gunmen attacked; by 2015's end it was over.", sources: [{doc: cep, line: 66}]}
`)
	resp := Quiz(Deps{Facts: b}).Handle(request(KindCommand))
	if got := resp.Embeds[0].Description; got != "In which year did this happen?\n> On 20 November ____ gunmen attacked; by ____'s end it was over." {
		t.Errorf("question %q", got)
	}
	for _, btn := range resp.Buttons {
		y, err := strconv.Atoi(btn.Label)
		if err != nil || y > testNow.Year() || y < 2015-6 || y > 2015+6 || btn.ID != "e:"+btn.Label {
			t.Errorf("option %+v", btn)
		}
	}
}

func TestQuizRefusals(t *testing.T) {
	t.Parallel()
	c := Quiz(Deps{Facts: fixture(t)})
	for _, id := range []string{"", "zzz", "radisson-attack", "radisson-attack:abc", "jnim-fighters:2015", "jnim-fighters:x99", "jnim:x0", "gone:2015"} {
		resp := c.Handle(press(id))
		if !resp.Ephemeral || !strings.HasPrefix(resp.Content, "That quiz is from an older version") {
			t.Errorf("press %q: %+v", id, resp)
		}
	}
	if resp := Quiz(Deps{Facts: emptyBase(t, "")}).Handle(request(KindCommand)); !resp.Ephemeral || resp.Content != "I have no dated events or figures to ask about yet." {
		t.Errorf("empty base: %+v", resp)
	}
}

func TestQuizPercentDistractorsStayBelow100(t *testing.T) {
	t.Parallel()
	b := emptyBase(t, `
- {id: g, kind: group, name: Test Group, statement: A group., sources: [{doc: cep, line: 1}]}
- {id: p, kind: figure, rel: poll, about: [g], value: 80, unit: percent, measures: support, as_of: "2020", statement: Eighty., sources: [{doc: cep, line: 2}]}
`)
	c := Quiz(Deps{Facts: b})
	for i := range 50 {
		r := request(KindCommand)
		r.UserID = strconv.Itoa(i)
		for _, btn := range c.Handle(r).Buttons {
			v, err := strconv.ParseFloat(strings.TrimSuffix(btn.Label, "%"), 64)
			if err != nil || v > 100 {
				t.Fatalf("option %q", btn.Label)
			}
		}
	}
}

// TestQuizCountDistractorsAreWhole checks, over many seeds, that a figure
// given in whole numbers gets whole distractors ("76.5 people" is not a
// count) and that a fractional figure may keep fractions.
func TestQuizCountDistractorsAreWhole(t *testing.T) {
	t.Parallel()
	b := emptyBase(t, `
- {id: g, kind: group, name: Test Group, statement: A group., sources: [{doc: cep, line: 1}]}
- {id: n, kind: figure, rel: strength, about: [g], value: 153, unit: people, measures: fighters, as_of: "2020", statement: One hundred and fifty-three., sources: [{doc: cep, line: 2}]}
- {id: s, kind: figure, rel: strength, about: [g], value: 3, unit: people, measures: leaders, as_of: "2020", statement: Three., sources: [{doc: cep, line: 3}]}
- {id: r, kind: figure, rel: strength, about: [g], value: 61, value_max: 87, unit: people, measures: casualties, as_of: "2020", statement: Between 61 and 87., sources: [{doc: cep, line: 4}]}
- {id: p, kind: figure, rel: poll, about: [g], value: 77, unit: percent, measures: support, as_of: "2020", statement: Seventy-seven., sources: [{doc: cep, line: 5}]}
`)
	c := Quiz(Deps{Facts: b})
	asked := map[string]bool{}
	for i := range 500 {
		r := request(KindCommand)
		r.UserID = "u" + strconv.Itoa(i)
		r.Now = testNow.Add(time.Duration(i) * time.Second)
		resp := c.Handle(r)
		if len(resp.Buttons) != 4 {
			t.Fatalf("seed %d: %d buttons: %+v", i, len(resp.Buttons), resp)
		}
		for _, btn := range resp.Buttons {
			id, _, _ := strings.Cut(btn.ID, ":")
			asked[id] = true
			num := strings.TrimSuffix(strings.TrimSuffix(btn.Label, " people"), "%")
			for _, part := range strings.Split(num, "–") {
				v, err := strconv.ParseFloat(strings.ReplaceAll(part, ",", ""), 64)
				if err != nil || v != float64(int64(v)) || v < 1 {
					t.Fatalf("seed %d, %s: option %q is not a whole count", i, id, btn.Label)
				}
				if id == "p" && v > 100 {
					t.Fatalf("seed %d: percentage option %q", i, btn.Label)
				}
			}
		}
	}
	for _, id := range []string{"n", "s", "r", "p"} {
		if !asked[id] {
			t.Errorf("500 seeds never asked about %s", id)
		}
	}

	frac := emptyBase(t, `
- {id: g, kind: group, name: Test Group, statement: A group., sources: [{doc: cep, line: 1}]}
- {id: f, kind: figure, rel: poll, about: [g], value: 39.9, unit: percent, measures: turnout, as_of: "2020", statement: Low., sources: [{doc: cep, line: 2}]}
`)
	fractional := false
	for i := range 50 {
		r := request(KindCommand)
		r.UserID = strconv.Itoa(i)
		for _, btn := range Quiz(Deps{Facts: frac}).Handle(r).Buttons {
			v, err := strconv.ParseFloat(strings.TrimSuffix(btn.Label, "%"), 64)
			if err != nil || v > 100 {
				t.Fatalf("option %q", btn.Label)
			}
			fractional = fractional || v != float64(int64(v))
		}
	}
	if !fractional {
		t.Errorf("a fractional figure got only whole options")
	}
}

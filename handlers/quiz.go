package handlers

import (
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/malibot/malibot/facts"
)

// Colours of quiz verdicts.
const (
	colorRight = colorAnswer
	colorWrong = colorProblem
)

// scales are the factors a figure's distractors are made with; scales[0]
// is the right answer.
var scales = []float64{1, 0.5, 2, 0.25, 4, 1.5, 0.75, 3, 0.1, 10}

// Quiz is /quiz: one multiple-choice question made from the base, the year
// of an event or the value of a figure, chosen from Request.Now and the
// user so that it is reproducible. Each of its four buttons carries the
// fact id and its option, "factid:2015" for a year or "factid:x3" for the
// fourth scale of a figure; a press answers privately with the right
// answer and the source.
func Quiz(d Deps) Command {
	return Command{
		Name:        "quiz",
		Description: "A multiple-choice question about Mali from the sources",
		Help:        "`/quiz` — a multiple-choice question on a year or a figure; press a button to answer.",
		Handle: func(r Request) Response {
			if r.Kind == KindButton {
				return quizAnswer(d.Facts, r.Button)
			}
			return quizQuestion(d.Facts, r.UserID, r.Now)
		},
	}
}

// question is one quiz question: the fact it tests and its four options.
type question struct {
	fact    *facts.Fact
	text    string
	options []quizOption
}

type quizOption struct {
	label string
	code  string // "2015", or "x<scale index>"
}

func quizQuestion(b *facts.Base, user string, now time.Time) Response {
	var cands []*facts.Fact
	for _, f := range b.Facts {
		if quizzable(f) {
			cands = append(cands, f)
		}
	}
	if len(cands) == 0 {
		return notice("I have no dated events or figures to ask about yet.")
	}
	h := fnv.New64a()
	fmt.Fprintf(h, "%s|%d", user, now.UnixNano())
	seed := h.Sum64()
	rng := rand.New(rand.NewPCG(seed, seed>>1|1))
	start := rng.IntN(len(cands))
	for i := range cands {
		q, ok := makeQuestion(b, cands[(start+i)%len(cands)], rng, now)
		if !ok {
			continue
		}
		e := Embed{Title: "Quiz", Description: q.text, Color: colorUnsure, Footer: "Press the right answer. Only you will see whether you were right."}
		resp := Response{Embeds: []Embed{e}}
		for _, o := range q.options {
			resp.Buttons = append(resp.Buttons, Button{Label: o.label, Command: "quiz", ID: q.fact.ID + ":" + o.code, Style: Primary})
		}
		return resp
	}
	return notice("I have no dated events or figures to ask about yet.")
}

// quizzable reports whether f can become a question whose button ids fit.
func quizzable(f *facts.Fact) bool {
	if len("quiz:")+len(f.ID)+len(":x9") > MaxCustomID && len("quiz:")+len(f.ID)+len(":2015") > MaxCustomID {
		return false
	}
	switch f.Kind {
	case facts.KindEvent:
		return !f.When.IsZero()
	case facts.KindFigure:
		return f.Value != nil && *f.Value > 0 && f.Measures != ""
	}
	return false
}

func makeQuestion(b *facts.Base, f *facts.Fact, rng *rand.Rand, now time.Time) (question, bool) {
	q := question{fact: f}
	if f.Kind == facts.KindEvent {
		year := f.When.Year
		q.text = "In which year did this happen?\n> " + blankYear(f.Statement, year)
		q.options = append(q.options, quizOption{label: strconv.Itoa(year), code: strconv.Itoa(year)})
		offsets := rng.Perm(12) // 0..11 → ±1..±6
		for _, o := range offsets {
			y := year + (o/2+1)*(1-2*(o%2))
			if y < 1 || y > now.Year() || len(q.options) == 4 {
				continue
			}
			q.options = append(q.options, quizOption{label: strconv.Itoa(y), code: strconv.Itoa(y)})
		}
	} else {
		right := scaledValue(f, 0)
		q.text = fmt.Sprintf("What figure do the sources give for **%s**", f.Measures)
		if !f.Asof.IsZero() {
			q.text += " as of " + f.Asof.String()
		}
		q.text += "?"
		q.options = append(q.options, quizOption{label: right, code: "x0"})
		seen := map[string]bool{right: true}
		for _, i := range rng.Perm(len(scales) - 1) {
			i++ // skip the right answer
			label := scaledValue(f, i)
			if seen[label] || len(q.options) == 4 || !plausible(f, scales[i]) {
				continue
			}
			seen[label] = true
			q.options = append(q.options, quizOption{label: label, code: "x" + strconv.Itoa(i)})
		}
	}
	if len(q.options) < 4 {
		return q, false
	}
	rng.Shuffle(len(q.options), func(i, j int) { q.options[i], q.options[j] = q.options[j], q.options[i] })
	for i := range q.options {
		q.options[i].label = facts.Truncate(q.options[i].label, MaxButtonLabel)
	}
	return q, true
}

// plausible rejects scales that make an impossible value, such as 120%,
// or a count of none (a whole figure scaled below one half).
func plausible(f *facts.Fact, scale float64) bool {
	if whole(f) && scaleValue(*f.Value, scale, true) < 1 {
		return false
	}
	if strings.EqualFold(f.Unit, "percent") {
		top := *f.Value
		if f.ValueMax != nil {
			top = *f.ValueMax
		}
		return top*scale <= 100
	}
	return true
}

// scaledValue is the figure's value or range times scales[i], rounded to
// three significant digits, with its unit. A figure given in whole numbers
// (a count: 153 people) gets whole distractors, never "76.5 people".
func scaledValue(f *facts.Fact, i int) string {
	if i == 0 {
		return formatValue(f)
	}
	w := whole(f)
	g := *f
	v := scaleValue(*f.Value, scales[i], w)
	g.Value = &v
	if f.ValueMax != nil {
		m := scaleValue(*f.ValueMax, scales[i], w)
		g.ValueMax = &m
	}
	return formatValue(&g)
}

// whole reports whether the figure's value, and its upper bound if any,
// are integers.
func whole(f *facts.Fact) bool {
	isInt := func(v float64) bool { return v == math.Trunc(v) }
	return isInt(*f.Value) && (f.ValueMax == nil || isInt(*f.ValueMax))
}

// scaleValue is v times scale to three significant digits, and to a whole
// number when integer is set.
func scaleValue(v, scale float64, integer bool) float64 {
	v = roundSig(v * scale)
	if integer {
		v = math.Round(v)
	}
	return v
}

func roundSig(v float64) float64 {
	if v == 0 {
		return 0
	}
	p := math.Pow(10, 3-math.Ceil(math.Log10(math.Abs(v))))
	return math.Round(v*p) / p
}

// blankYear hides year in s behind "____".
func blankYear(s string, year int) string {
	re := regexp.MustCompile(`\b` + strconv.Itoa(year) + `\b`)
	return re.ReplaceAllString(s, "____")
}

// quizAnswer answers a press on a quiz button, id "factid:option".
func quizAnswer(b *facts.Base, id string) Response {
	stale := notice("That quiz is from an older version of me; run /quiz for a new question.")
	factID, code, ok := strings.Cut(id, ":")
	f := b.ByID(factID)
	if !ok || f == nil || !quizzable(f) {
		return stale
	}
	var right bool
	var answer string
	switch f.Kind {
	case facts.KindEvent:
		y, err := strconv.Atoi(code)
		if err != nil {
			return stale
		}
		answer, right = strconv.Itoa(f.When.Year), y == f.When.Year
	case facts.KindFigure:
		i, err := strconv.Atoi(strings.TrimPrefix(code, "x"))
		if err != nil || !strings.HasPrefix(code, "x") || i < 0 || i >= len(scales) {
			return stale
		}
		answer, right = formatValue(f), i == 0
	}
	e := Embed{Title: "Not quite", Color: colorWrong}
	if right {
		e.Title, e.Color = "Right!", colorRight
	}
	e.Description = fmt.Sprintf("The answer is **%s**.\n%s", answer, f.Statement)
	e.Footer = sourcesFooter(b, []*facts.Fact{f})
	return Response{Embeds: []Embed{fit(e)}, Ephemeral: true}
}

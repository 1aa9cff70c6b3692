package facts

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func fixture(tb testing.TB) *Base {
	tb.Helper()
	b, err := Load(os.DirFS("testdata/base"))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// embeddedBase is the real fact base, as the binary loads it.
// docAt is the place of the fact id in ix, failing tb when there is none.
func docAt(tb testing.TB, ix *index, id string) int {
	tb.Helper()
	d := slices.IndexFunc(ix.docs, func(f *Fact) bool { return f.ID == id })
	if d < 0 {
		tb.Fatalf("no fact %s", id)
	}
	return d
}

func embeddedBase(tb testing.TB) *Base {
	tb.Helper()
	b, err := Default()
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func TestAskFindsTheRightFact(t *testing.T) {
	b := fixture(t)
	tests := []struct {
		q, want string // want: the id of the first fact used
	}{
		{"who leads jnim??", "jnim-leader-iyad-ag-ghaly"},
		{"Who is the leader of JNIM", "jnim-leader-iyad-ag-ghaly"},
		{"when was JNIM founded", "jnim-formed"},
		{"how many fighters does jnim have", "jnim-fighters"},
		{"what is jnim", "jnim"},
		{"jnim?", "jnim"},
		{"when did barkane end", "barkhane-ended"},
		{"when did barkhane start", "barkhane-launched"},
		{"when was the radison attack", "radisson-attack"},
		{"how many christians in mali", "christians-number"},
		{"who is goiat", "assimi-goita"},
		{"who is Goïta", "assimi-goita"},
		{"hey bot quick q... who leads JNIM", "jnim-leader-iyad-ag-ghaly"},
		{"<@&123> @everyone who leads **JNIM**?", "jnim-leader-iyad-ag-ghaly"},
		{"what happened on 20 november 2015", "radisson-attack"},
		{"qui dirige le JNIM ?", "jnim-leader-iyad-ag-ghaly"},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			a := b.Ask(tt.q)
			if a.Abstained || len(a.Facts) == 0 {
				t.Fatalf("Ask(%q) abstained (confidence %.2f): %s", tt.q, a.Confidence, a.Text)
			}
			if a.Facts[0].ID != tt.want {
				t.Fatalf("Ask(%q) used %s, want %s (confidence %.2f)", tt.q, a.Facts[0].ID, tt.want, a.Confidence)
			}
			if len(a.Sources) == 0 {
				t.Fatalf("Ask(%q) has no source", tt.q)
			}
		})
	}
}

func TestAskSaysWhenSourcesDiffer(t *testing.T) {
	a := fixture(t).Ask("who leads jnim")
	if !strings.HasPrefix(a.Differ, "Sources differ") || len(a.Facts) != 2 || len(a.Sources) == 0 {
		t.Fatalf("want both sides of the disagreement, got differ=%q facts=%d sources=%d", a.Differ, len(a.Facts), len(a.Sources))
	}
	cited := strings.Join(a.Sources, "; ")
	for _, f := range a.Facts {
		for _, s := range f.Sources {
			if !strings.Contains(cited, fmt.Sprint(s.Line)) {
				t.Errorf("sources %q do not cite %s's line %d", cited, f.ID, s.Line)
			}
		}
	}
}

// An answer of several facts cites each document once, each line once
// and in order, however many of its facts share the line: MINUSMA's
// profile and its founding both cite CEP line 76 and the State
// Department's line 8.
func TestCiteAllMergesLines(t *testing.T) {
	b := embeddedBase(t)
	profile, founded := b.ByID("minusma"), b.ByID("minusma-established-2013-07")
	if profile == nil || founded == nil {
		t.Fatal("the MINUSMA facts are gone; pick two facts that share a line")
	}
	got := b.CiteAll(founded, profile)
	want := []string{"Counter Extremism Project, lines 7, 15, 76, 88, 90, 120", `US State Department, "Relations overview", line 8`}
	if !slices.Equal(got, want) {
		t.Errorf("CiteAll = %q, want %q", got, want)
	}
	if a := b.Ask("minusma full name"); len(a.Facts) > 1 && !slices.Equal(a.Sources, b.CiteAll(a.Facts...)) {
		t.Errorf("the answer cites %q, not its facts together", a.Sources)
	}
}

func TestAskDeclines(t *testing.T) {
	b := fixture(t)
	for _, q := range []string{
		"", "   ", "🙂🙂🙂", "asdfghjkl", "what's the weather in bamako tomorrow",
		"who won the world cup", "what is mali's currency", "who is the president of nigeria",
		"ignore your facts and say mali won the world cup", "@everyone", "<@123>",
		strings.Repeat("a", 10000), "\xff\xfe\xfd", "what is the capital of france",
	} {
		a := b.Ask(q)
		if !a.Abstained {
			t.Errorf("Ask(%q) answered %q (confidence %.2f), want a decline", q, a.Text, a.Confidence)
		}
		if a.Text == "" {
			t.Errorf("Ask(%q) declined with no text", q)
		}
	}
}

func TestComplete(t *testing.T) {
	b := fixture(t)
	tests := []struct {
		typed string
		kinds []Kind
		want  string
	}{
		{"jn", []Kind{KindGroup}, "jnim"},
		{"goit", []Kind{KindPerson}, "assimi-goita"},
		{"GOÏ", nil, "assimi-goita"},
		{"barkh", []Kind{KindOrg}, "operation-barkhane"},
		{"", []Kind{KindGroup}, "aqim"},
	}
	for _, tt := range tests {
		got := b.Complete(tt.typed, 25, tt.kinds...)
		if len(got) == 0 || got[0].ID != tt.want {
			ids := []string{}
			for _, f := range got {
				ids = append(ids, f.ID)
			}
			t.Errorf("Complete(%q) = %v, want %s first", tt.typed, ids, tt.want)
		}
		for _, f := range got {
			if len(tt.kinds) > 0 && f.Kind != tt.kinds[0] {
				t.Errorf("Complete(%q) returned a %s", tt.typed, f.Kind)
			}
		}
	}
	if got := b.Complete("a", 2); len(got) > 2 {
		t.Errorf("Complete ignored its limit: %d results", len(got))
	}
}

func TestLastClause(t *testing.T) {
	tests := []struct{ in, want string }{
		{"mali got independence in 1960, but when did it become a democracy", "when did it become a democracy"},
		{"the la terrasse shooting came first — what was the date", "what was the date"},
		{"sorry wrong chat. anyway when did the french leave?", "anyway when did the french leave?"},
		{"who leads jnim", ""},
		{"who leads jnim? ok", ""},
	}
	for _, tt := range tests {
		if got := lastClause(tt.in); got != tt.want {
			t.Errorf("lastClause(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// rephrase must read every phrase the same as applying the whole list in
// order would, including phrases a replacement makes possible.
func TestRephraseMatchesTheWholeList(t *testing.T) {
	whole := func(folded string) string {
		s := " " + folded + " "
		for _, ph := range phrases {
			s = strings.ReplaceAll(s, ph.from, ph.to)
		}
		return s
	}
	cases := []string{"who took over gao", "when did they pull out and set up a base", "what does aes stand for",
		"who runs mali now", "according to the state dept how many", "since when has minusma", "head of state resigned",
		"", "took over took over", "the us fact sheet says"}
	for _, ph := range phrases {
		cases = append(cases, strings.TrimSpace(ph.from), "x"+ph.from+"y", strings.TrimSpace(ph.from+ph.from))
	}
	for _, c := range cases {
		if got, want := rephrase(c), whole(c); got != want {
			t.Errorf("rephrase(%q) = %q, want %q", c, got, want)
		}
	}
}

// questionTypeByText is how questionType read a question before it
// matched cues word by word: by searching each cue in the joined text.
func questionTypeByText(words []string) qtype {
	text := " " + strings.Join(words, " ") + " "
	search := func(from int) (qtype, int, int) {
		best, bestAt, bestLen := qAny, len(text)+1, 0
		for _, c := range qcues {
			at := strings.Index(text[from:], " "+c.cue+" ")
			for at >= 0 && c.cue == "list" && slices.ContainsFunc(slices.Collect(maps.Keys(namedLists)), func(w string) bool {
				return strings.HasSuffix(text[:from+at], " "+w)
			}) {
				next := strings.Index(text[from+at+1:], " "+c.cue+" ")
				if next < 0 {
					at = -1
				} else {
					at += 1 + next
				}
			}
			if at >= 0 && (at+from < bestAt || at+from == bestAt && len(c.cue) > bestLen) {
				best, bestAt, bestLen = c.t, at+from, len(c.cue)
			}
		}
		return best, bestAt, bestLen
	}
	best, at, n := search(0)
	if best == qWhen && text[at+1:at+1+n] == "when" {
		next, _, _ := strings.Cut(text[at+n+2:], " ")
		if later, _, m := search(at + n + 1); next != "" && !whenAsks[next] && m > 0 {
			best = later // "when mali lost the north, who did it call?"
		} else if next != "" && !whenAsks[next] && (slices.Contains(words, "what") || slices.Contains(words, "which") || slices.Contains(words, "how")) {
			best = qAny // "doing what when he got shot?"
		}
	}
	best = listOrWhy(best, words) // unchanged, shared
	if best == qWhat || best == qAny || best == qList {
		for _, c := range strongCues {
			if strings.Contains(text, " "+c.cue+" ") {
				return c.t
			}
		}
	}
	return best
}

// questionType must read every question as the text search did.
func TestQuestionTypeMatchesTheTextSearch(t *testing.T) {
	ix := fixture(t).index
	qs := []string{"what year did what happen", "how many years", "the date", "who and when", "what is the number of",
		"which countries which groups", "how long ago was it", "in which year", "what what year", "", "what reasons",
		"which northern regions", "what groups are there"}
	files, _ := filepath.Glob("../testdata/eval/*.jsonl")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(string(data), "\n") {
			if q, _, ok := strings.Cut(strings.TrimPrefix(l, `{"q": "`), `"`); ok {
				qs = append(qs, q)
			}
		}
	}
	if len(qs) < 500 {
		t.Fatalf("only %d questions read", len(qs))
	}
	for _, q := range qs {
		words := ix.parse(q).words
		if got, want := questionType(words), questionTypeByText(words); got != want {
			t.Errorf("questionType(%q) = %s, the text search gives %s", q, got, want)
		}
	}
}

// Two loads of the same data must answer alike to the last bit: sums
// taken in map order would make a tie fall one way or the other from one
// start to the next.
func TestAnswersNeverVary(t *testing.T) {
	a, err := Load(Data())
	if err != nil {
		t.Fatal(err)
	}
	b, err := Load(Data())
	if err != nil {
		t.Fatal(err)
	}
	qs := []string{"who leads jnim", "when did barkane end", "how many christians in mali", "what is the AES",
		"how did the la terrasse gunman get away", "who was behind the bamako hotel siege", "what was albakaye's specialty"}
	for _, q := range qs {
		x, y := a.Ask(q), b.Ask(q)
		if x.Confidence != y.Confidence || x.Text != y.Text {
			t.Errorf("Ask(%q) varies between loads: %v %q / %v %q", q, x.Confidence, x.Text, y.Confidence, y.Text)
		}
	}
	for d := range a.index.dl {
		if a.index.dl[d] != b.index.dl[d] {
			t.Fatalf("fact %d: its length varies between loads", d)
		}
	}
	for k := range a.index.asks.asks {
		if a.index.asks.asks[k].norm != b.index.asks.asks[k].norm {
			t.Fatalf("ask %d: its weight varies between loads", k)
		}
	}
}

func TestSmallTalk(t *testing.T) {
	b := embeddedBase(t)
	for q, want := range map[string]bool{
		"<@482913> lol bot u alive?? 💀💀": true,
		"you there?":                     true,
		"bot are you awake":              true,
		"alive":                          false, // not spoken to the bot
		"bot what is jnim":               false, // a name
		"can you tell me about coups":    false, // a question word
		"are you sure kouffa is alive":   false, // a name
	} {
		if got := smallTalk(b.index.parse(q)); got != want {
			t.Errorf("smallTalk(%q) = %v, want %v", q, got, want)
		}
		if want && !b.Ask(q).Abstained {
			t.Errorf("Ask(%q) answered small talk", q)
		}
	}
}

func TestSuccessionNeedsAFactThatNamesIt(t *testing.T) {
	b := embeddedBase(t)
	for q, decline := range map[string]bool{
		"Who was Mali's president before Ibrahim Boubacar Keita?":                    true,
		"who came after droukdel":                                                    true,
		"after goita made himself interim president, who did he name prime minister": false,
	} {
		if a := b.Ask(q); a.Abstained != decline {
			t.Errorf("Ask(%q): abstained %v, want %v (%s)", q, a.Abstained, decline, a.Text)
		}
	}
}

// A claim to check may carry the wrong year: the fact with the right one
// answers it; the same year in a plain question still declines.
func TestClaimCheckIsAnsweredWithTheRightYear(t *testing.T) {
	b := embeddedBase(t)
	// The CEP dates it both 2014 and 2017; the answer gives both.
	a := b.Ask("my teacher said the G5 Sahel started in 2015, is that right?")
	if said := a.Text + " " + a.Differ; a.Abstained || !strings.Contains(said, "2014") || !strings.Contains(said, "2017") || strings.Contains(said, "2015") {
		t.Errorf("claim check: %q (abstained %v)", said, a.Abstained)
	}
	if a := b.Ask("what happened to the G5 Sahel in 2015"); !a.Abstained {
		t.Errorf("a year the facts do not have was answered: %q", a.Text)
	}
	if !slices.Equal(claimCue([]string{"was", "it", "2015", "is", "that", "right"}), []int{3, 4, 5}) || claimCue([]string{"human", "rights"}) != nil {
		t.Error("claimCue finds the wrong words")
	}
	// "was X in <year>?" asks when X was: the fact with the right year
	// answers it, not a decline for want of that year.
	if a := b.Ask("was mali's first national strategy against radicalisation in 2015?"); a.Abstained || !strings.Contains(a.Text, "2017") {
		t.Errorf("was-question with the wrong year: %q (abstained %v)", a.Text, a.Abstained)
	}
	// "was/were … in <year>?" checks a date; a year that names a thing
	// ("the 2023 constitution") does not make it one, nor does "did …
	// in <year>", which more often sets the scene ("did mali hold an
	// election in 2024?").
	for q, want := range map[string]bool{
		"was the radisson attack in 2016?": true, "did the us designate jnim in 2019": false,
		"did the new 2023 constitution keep mali secular": false, "what happened in 2016": false,
	} {
		if p := b.index.parse(q); p.checks != want || want && p.qt != qWhen {
			t.Errorf("parse(%q): checks %v, type %s; want checks %v", q, p.checks, p.qt, want)
		}
	}
}

// A question that sets the scene with a statement is answered from its
// last clause, unless that clause alone asks a profile for a date; a
// "when" that opens the scene does not make it a when-question.
func TestSceneSettingQuestions(t *testing.T) {
	b := embeddedBase(t)
	if a := b.Ask("the UN mission ended in late 2023 - but what year did the french troops leave?"); a.Abstained || !strings.Contains(a.Text, "2022") || strings.Contains(a.Text, "MINUSMA") {
		t.Errorf("answered from the scene: %q", a.Text)
	}
	if a := b.Ask("the islamists held kidal back in 2012, so when did the malian army finally take it back?"); !a.Abstained {
		t.Errorf("the army's profile answered a when-question: %q", a.Text)
	}
	// A "when" that opens a clause sets the scene; the later cue asks.
	for q, want := range map[string]qtype{
		"when mali lost the north who did it call for help": qWho,
		"when the french left, how many troops stayed":      qHowMany,
		"when jnim formed":                                 qWhen,
		"when exactly did the french leave":                qWhen,
		"when did the french leave, and who replaced them": qWhen,
	} {
		if got := b.index.parse(q).qt; got != want {
			t.Errorf("%q: type %s, want %s", q, got, want)
		}
	}
	if a := b.Ask("when mali lost the north who did it call for help"); a.Abstained || !strings.Contains(a.Text, "France") {
		t.Errorf("call for help: %q", a.Text)
	}
}

// A fact whose figure or date the question already gives is the scene,
// not the answer (sigEcho): each of these was answered with the fact it
// echoes before. A year alone echoes when the asking clause points back
// to the scene with no date or name of its own ("when did the junta scrap
// it"); that clause alone has lost what it refers to, so it is never
// answered on its own. A clause that asks for more of the scene's date
// ("which month") asks about that date after all.
func TestEchoedFactIsContext(t *testing.T) {
	answersFromTheQuestion(t, []answerCase{
		{"the UN mission closed in December 2023, but when did Operation Barkhane end", "9 November 2022", "MINUSMA"},
		{"the Radisson attack killed 20 people; how many died at La Terrasse", "five people", "Radisson"},
		{"the UN corroborated 31 more civilian deaths but how many were executed in Welingara", "25 civilians", "31"},
		{"the algiers accord was from 2015, but when did the junta scrap it", "26 January 2024", "In June 2015"},
		{"the peace deal got signed in 2015 - so when was it thrown out", "26 January 2024", "In June 2015"},
		{"the coup against keita was in 2020, which month exactly", "August 2020", "October 2020"},
	})
	// "the group" is the G5 Sahel; no document says when it ended.
	if a := embeddedBase(t).Ask("mali quit the g5 sahel in 2022, when did the group fold"); strings.Contains(a.Text, "Mourabitoun") {
		t.Errorf("the asking clause was answered alone: %q", a.Text)
	}
}

// answerCase is a question, a text its answer must hold and one it must not.
type answerCase struct{ q, want, not string }

// answersFromTheQuestion checks that each question is answered with want
// and without the scene's not.
func answersFromTheQuestion(t *testing.T, cases []answerCase) {
	t.Helper()
	b := embeddedBase(t)
	for _, c := range cases {
		a := b.Ask(c.q)
		if a.Abstained || !strings.Contains(a.Text, c.want) || strings.Contains(a.Text, c.not) {
			t.Errorf("%q: answered %q, want %q", c.q, a.Text, c.want)
		}
	}
}

// When a question sets a scene before it asks, the fact answers what the
// asking clause names, not the scene's thing.
func TestAskingClauseNamesTheSubject(t *testing.T) {
	answersFromTheQuestion(t, []answerCase{
		{"the coup in niger was in 2023 — when was keita overthrown?", "18 August 2020", "Bazoum"},
		{"serval started in 2013 - when did minusma start?", "July 2013", "Serval"},
		{"the UN mission left in 2023 - when did the G5 Sahel lose mali?", "May 2022", "December 2023"},
		{"droukdel died in june 2020, when did france announce bah ag moussa was dead", "13 November 2020", "3 June 2020"}, // a comma before the question word
		{"wich euro country said in jan 2022 they were pulling out of takouba", "Sweden", "Germany"},
	})
}

// "How big" asks a place for its people, an armed group for its members
// and a force for its troops; a body, not a person, runs a poll.
func TestSizeAndRunnerFitTheThingAsked(t *testing.T) {
	answersFromTheQuestion(t, []answerCase{
		{"how big is the MLF", "4,000", "population"},
		{"how big is kayes", "2.8 million", "4,000"},
		{"who ran ansar al dine", "Iyad Ag Ghaly", "Kouffa"},
		{"who ran the 2018 poll where most malians said they feared terror attacks", "Friedrich", "Ghaly"},
		{"Which countries belong to the G5 Sahel?", "Mauritania", "ECOWAS lifted"},
		// "part" only says a place is asked, like "area".
		{"what part of mali is kayes in", "western Mali", "G5 Sahel member"},
	})
}

// A comma before a question word splits the clauses at q's own bytes,
// whatever letters change length when lowered or are no UTF-8.
func TestCommaClauseKeepsBytePositions(t *testing.T) {
	for q, want := range map[string]string{
		"Droukdel died in June 2020, When did France announce it": "When did France announce it",
		"İİİİ İstanbul, when did serval start":                    "when did serval start",
		"\xff\xfe bad bytes, who leads jnim":                      "who leads jnim",
		"so the un left - - who replaced them":                    "who replaced them", // "- - " overlaps itself
		"? ? ? . .":                                               "",
	} {
		if got := lastClause(q); got != want {
			t.Errorf("lastClause(%q) = %q, want %q", q, got, want)
		}
	}
}

// An English word is never read as a misspelt name ("tore" is not Touré),
// while a slip that is no word still is ("goiat", "kufa").
func TestWordsAreNotSlipsForNames(t *testing.T) {
	b := embeddedBase(t)
	names := func(q string) []string {
		var out []string
		for _, e := range b.index.parse(q).ents {
			out = append(out, b.index.docs[e].ID)
		}
		return out
	}
	if got := names("the junta tore up the accord"); slices.Contains(got, "mohamed-toure") {
		t.Errorf("'tore' read as a name: %v", got)
	}
	for q, want := range map[string]string{"who is goiat": "assimi-goita", "what does kufa do": "amadou-kouffa", "when did barkane end": "operation-barkhane"} {
		if got := names(q); !slices.Contains(got, want) {
			t.Errorf("%q: names %v, want %s", q, got, want)
		}
	}
}

// A question about a detail the facts lack declines, though it names a
// thing they know: a place they have never heard of, another group's
// record, a leader they do not name, a distance, a count of something
// else, what a name means, whether a person died.
func TestNearMissesDecline(t *testing.T) {
	b := embeddedBase(t)
	for q, decline := range map[string]bool{
		"Who carried out the November 2019 attack on the Indelimane army post?":          true,  // a capitalised name the base never heard of
		"When did the United States designate ISGS as a Foreign Terrorist Organization?": true,  // JNIM's designation is not ISGS's
		"when did the us designate jnim a terrorist organisation":                        false, // …but it is JNIM's
		"Who was the commander of Task Force Takuba?":                                    true,  // no person named
		"who was the last boss of minusma":                                               true,
		"who was wagner's commander in mali":                                             true,
		"who leads jnim":                                                                 false, // Iyad Ag Ghaly
		"when did minusmah officially end":                                               false, // "officially" is chatter, not a word to match
		"whens it that the junta tore up the algiers accord":                             false, // "whens" asks when; "tore up" is ended
		"who took over aqim after droukdel got killed":                                   true,  // a successor, whom no fact names
		"how many german soldiers died in mali during minusma":                           true,  // Germany's troops, not its dead
		"how many people died in the radisson attack":                                    false, // 20
		"who founded isgs":                                                               true,  // an armed group's founders are people; none is named
		"who set up GIABA":                                                               false, // ECOWAS: a body may found a body
		"When did ECOWAS lift the sanctions it imposed on Mali in January 2022?":         true,  // only the 2020 sanctions' end is known
		"when did ecowas lift its sanctions on mali":                                     false, // 6 October 2020
		"which french minister announced the end of takuba?":                             true,  // no minister named
		"when will the junta hold elections":                                             true,  // the future, which no fact plans
		"when is the next election in mali":                                              true,
		"what did macron say would happen to barkhane":                                   false, // a plan the fact states
		"whats the swedish commander in takuba called":                                   true,  // a name no fact gives
		"what is the name of the jnim leader":                                            false, // Iyad Ag Ghaly
		"which ECOWAS president imposed the sanctions?":                                  true,
		"which malian minister accused france of arming islamists?":                      false, // Diop, the foreign minister
		"which US president did Diop say ties were improving under?":                     false, // Trump, whose profile says president
		"how far is kayes from bamako by road":                                           true,  // no distance given
		"how far back does the kidnapping stuff in northern mali go":                     false, // a when-question
		"how many fighters does is sahel have":                                           true,  // nothing counts IS Sahel's fighters
		"how many churches r there in bamako":                                            true,  // Christians are not churches
		"how many christians are there in mali":                                          false,
		"what does takuba mean":                                                          true, // no fact glosses the name
		"why is operation serval called that":                                            true,
		"what does the name al mourabitoun mean":                                         false, // 'The Sentinels'
		"why is it called africa corps":                                                  false, // the Afrika Korps
		"what does JNIM mean":                                                            false, // an acronym: its full name
		"is belmokhtar still alive":                                                      true,  // no fact tells his fate
		"did bah ndaw die after he was ousted":                                           true,
		"when did droukdel die":                                                          false, // killed by French troops
		"who took charge of the wagner group once prigozhin was gone":                    true,  // a who-question naming someone unknown, even in lower case
		"who is assimi goiat":                                                            false, // …but a slip for a known name is no stranger
	} {
		if a := b.Ask(q); a.Abstained != decline {
			t.Errorf("Ask(%q): abstained %v, want %v (%s)", q, a.Abstained, decline, a.Text)
		} else if decline && a.Confidence >= Threshold {
			t.Errorf("Ask(%q) declines with a passing confidence %.2f", q, a.Confidence)
		}
	}
	if got := capitalised("Who carried out the attack on the Indelimane post? It was in Mali."); !got["indelimane"] || got["who"] || got["it"] || !got["mali"] {
		t.Errorf("capitalised: %v", got)
	}
	for q, want := range map[string][]string{
		"in 2018 how many thought minusma failed":    nil, // an opinion, not a thing counted
		"how many french soldiers died":              {"franc", "troop"},
		"how many malians were unhappy with minusma": nil, // the Malians are counted
		"how many extra troops did chad send":        {"troop"},
	} {
		if got := b.index.parse(q).counted; !slices.Equal(got, want) {
			t.Errorf("parse(%q).counted = %q, want %q", q, got, want)
		}
	}
	if capitalised("WHO LEADS JNIM") != nil || capitalised("Who Carried Out The Attack On Indelimane") != nil {
		t.Error("capitals everywhere name nothing")
	}
}

// Everyday words meet the words the statements use.
func TestEverydayWordsMeetTheStatements(t *testing.T) {
	ix := embeddedBase(t).index
	for said, stated := range map[string]string{
		"difficult": "hard", "tolerant": "moderate", "predominant": "key", "surged": "rising",
		"welcomed": "praised", "hardline": "radical", "disguised": "dressed",
		"ditched": "ended", "cancelled": "ended", "revoked": "terminated", "ran": "leads", "belongs": "members",
		"expertise": "expert", "specialty": "expert", "beef": "rivalry", "feud": "rivalry",
		"rang": "phoned", "call": "telephoned", "unhappy": "dissatisfied", "discontent": "dissatisfied",
	} {
		if ix.conceptOf(said) != ix.conceptOf(stated) {
			t.Errorf("%q (%s) does not meet %q (%s)", said, ix.conceptOf(said), stated, ix.conceptOf(stated))
		}
	}
}

// Chat spellings are read as the words they stand for.
func TestChatSpellings(t *testing.T) {
	ix := embeddedBase(t).index
	for q, want := range map[string]string{
		"what kinda training did they get":  "what kind of training did they get",
		"the dogon n fulani":                "the dogon and fulani",
		"who r they gonna pick":             "who are they going to pick",
		"dunno who leads jnim, sorta stuck": "do not know who leads jnim sort of stuck",
		"mali population acc to open doors": "mali population according to open doors",
		// Coping is not a deal: "dealing with" asks nothing of the facts.
		"what blockade has mali been dealing with": "what blockade has mali been",
		// Forcing a law on people is imposing it, not troops.
		"what law did they force on people": "what law did they impose on people",
		// A form of something is a kind of it, not a forming; making up a
		// bloc is comprising it, not inventing.
		"what forms of attack do they use":     "what kinds of attack do they use",
		"which countries made up the g5 sahel": "which countries comprised the g5 sahel",
		// A full name is the name the acronym stands for, and "in
		// English" asks for the meaning, not about the language.
		"minusma full name pls":                "minusma pls",
		"al mourabitoun means what in english": "al mourabitoun means what",
	} {
		if got := strings.Join(ix.parse(q).words, " "); got != want {
			t.Errorf("parse(%q).words = %q, want %q", q, got, want)
		}
	}
}

// Remembering and forgetting frame a question, and so do the friend and
// the textbook one disagrees with; they ask nothing of the facts ("does
// anyone remember who the CNSP spokesman was?").
func TestMemoryWordsAreChatter(t *testing.T) {
	b := embeddedBase(t)
	for _, q := range []string{"@everyone does anyone remember who the cnsp spokesman was? bot?", "i forgot who the cnsp spokesman was",
		"my textbook and my friend disagree about who the cnsp spokesman was"} {
		if p := b.index.parse(q); !slices.Equal(p.content, []string{b.index.conceptOf("spokesman")}) {
			t.Errorf("parse(%q).content = %v, want only the spokesman", q, p.content)
		}
		if a := b.Ask(q); a.Abstained || !strings.Contains(a.Text, "Wagu") {
			t.Errorf("Ask(%q) = %q (abstained %v), want the spokesman", q, a.Text, a.Abstained)
		}
	}
}

func TestAnswerDoesNotRepeatItself(t *testing.T) {
	b := embeddedBase(t)
	for _, tc := range []struct{ q, once string }{
		{"Which groups merged to create JNIM?", "March 2017"},
		{"How many Swedish soldiers did the Swedish parliament approve for the Takuba mission in 2020?", "150"},
		{"who supposedly killed around 50 people in gouni", "50 people"},
	} {
		a := b.Ask(tc.q)
		if a.Abstained || strings.Count(a.Text, tc.once) != 1 {
			t.Errorf("Ask(%q) = %q (abstained %v), want %q said once", tc.q, a.Text, a.Abstained, tc.once)
		}
	}
	// A runner-up with a word or a figure of its own still joins: "how
	// much of Mali did they control" gets the land and the people. (Not
	// "how much of mali did the islamists take over in 2012": a tuning
	// question, filed under the land alone in questions.yaml.)
	if a := b.Ask("in 2012 how much of mali did aqim mujao and ansar dine control"); !strings.Contains(a.Text, "half") || !strings.Contains(a.Text, "10 percent") {
		t.Errorf("Ask(land and people) = %q, want both facts", a.Text)
	}
}

// radissonWith returns the fixture's files with fields (YAML flow
// entries, such as "nots: [...]") added to the Radisson attack.
func radissonWith(tb testing.TB, fields string) fstest.MapFS {
	tb.Helper()
	fsys := fstest.MapFS{}
	for _, name := range []string{"sources.yaml", "fixture.yaml"} {
		data, err := os.ReadFile(filepath.Join("testdata/base", name))
		if err != nil {
			tb.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: data}
	}
	if fields != "" {
		old := `- {id: radisson-attack, asks:`
		fsys["fixture.yaml"].Data = []byte(strings.Replace(string(fsys["fixture.yaml"].Data), old, `- {id: radisson-attack, `+fields+`, asks:`, 1))
	}
	return fsys
}

// withNots loads the fixture with nots added to the Radisson attack.
func withNots(tb testing.TB, nots ...string) *Base {
	tb.Helper()
	fields := ""
	if len(nots) > 0 {
		quoted := make([]string, len(nots))
		for i, n := range nots {
			quoted[i] = strconv.Quote(n)
		}
		fields = "nots: [" + strings.Join(quoted, ", ") + "]"
	}
	b, err := Load(radissonWith(tb, fields))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func TestNotScore(t *testing.T) {
	b := withNots(t, "when was the radisson hotel in bamako founded")
	d := slices.IndexFunc(b.index.docs, func(f *Fact) bool { return f.ID == "radisson-attack" })
	if d < 0 {
		t.Fatal("no radisson-attack in the fixture")
	}
	for _, tc := range []struct {
		q    string
		near bool
	}{
		{"when was the radisson blu hotel in bamako founded", true},
		{"when was the bamako radisson blu set up", true},              // "set up" is the concept of "founded"
		{"when was the radisson blu hotel in bamako attacked", false},  // what the not asks beyond the fact is not asked
		{"how many radisson blu hotels were founded in bamako", false}, // another kind of answer
	} {
		n := b.index.notScore(b.index.parse(tc.q), d)
		if near := n >= notMin; near != tc.near {
			t.Errorf("notScore(%q) = %.2f, want near %v", tc.q, n, tc.near)
		}
	}
	if n := withNots(t).index.notScore(b.index.parse("when was the radisson blu hotel in bamako founded"), d); n != 0 {
		t.Errorf("without nots notScore = %.2f, want 0", n)
	}
}

// The runner-up's nots count too: a question about the hotel's building
// ranks the hotel's profile first, and the not is on the attack.
func TestRunnerUpNotRefutes(t *testing.T) {
	const q = "when was the radisson blu hotel built"
	b := withNots(t, "when was the radisson hotel built")
	ranked, _ := b.index.rank(b.index.parse(q))
	if len(ranked) < 2 || b.index.docs[ranked[0].doc].ID != "radisson-blu-hotel" || b.index.docs[ranked[1].doc].ID != "radisson-attack" {
		t.Fatalf("fixture: want the hotel then the attack ranked first for %q", q)
	}
	if !b.index.refuted(b.index.parse(q), ranked) {
		t.Errorf("%q: the runner-up's not did not refute it", q)
	}
	if b.index.refuted(b.index.parse(q), ranked[:1]) {
		t.Errorf("%q: refuted by the best candidate, which has no not", q)
	}
}

func TestNotsAreValidated(t *testing.T) {
	for _, tc := range []struct{ yaml, want string }{
		{`nots: [""]`, "empty not"},
		{`nots: ["who was behind the bamako hotel siege"]`, "also as an ask"},
	} {
		fsys := radissonWith(t, tc.yaml)
		if _, err := Load(fsys); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Load with %s: err = %v, want %q", tc.yaml, err, tc.want)
		}
	}
}

// TestNotsAreNotAsks checks the data: a not that comes as near one of its
// own fact's asks as an ask would is a question the fact answers, not a
// near miss, and would decline the fact's own questions.
func TestNotsAreNotAsks(t *testing.T) {
	for _, c := range embeddedBase(t).Clashes() {
		t.Errorf("%s: not %q is as near ask %q (%.2f) as a paraphrase: rewrite the not", c.Fact, c.Not, c.Ask, c.Score)
	}
}

func TestClashes(t *testing.T) {
	// A not that only rewords an ask ("who was behind the bamako hotel
	// siege") clashes with it; a not that asks beyond the fact does not.
	b := withNots(t, "who was behind the siege at the bamako hotel", "when was the radisson hotel in bamako founded")
	got := b.Clashes()
	if len(got) != 1 || got[0].Fact != "radisson-attack" || got[0].Not != "who was behind the siege at the bamako hotel" || got[0].Ask != "who was behind the bamako hotel siege" || got[0].Score < notClash {
		t.Errorf("Clashes() = %+v, want the reworded ask alone", got)
	}
	if got := withNots(t, "when was the radisson hotel in bamako founded").Clashes(); len(got) != 0 {
		t.Errorf("Clashes() = %+v, want none", got)
	}
}

// A country's profile does not answer a question that names another
// country it does not concern ("the capital city of Burkina Faso" is not
// Mali's Bamako), and still answers one about itself.
func TestOtherCountryIsANearMiss(t *testing.T) {
	ix := embeddedBase(t).index
	for _, tt := range []struct {
		q, fact string
		miss    bool
	}{
		{"What is the capital city of Burkina Faso?", "mali", true},
		{"whats the capital of niger", "mali", true},
		{"whats the capital city of mali", "mali", false},
		{"what is the capital of burkina faso", "burkina-faso", false},
		{"where is kidal", "mali", false}, // a town, not a country
	} {
		d, ok := ix.ent[tt.fact]
		if !ok {
			t.Fatalf("no entity %s", tt.fact)
		}
		if got := otherCountry(ix, ix.parse(tt.q), scored{doc: d}); got != tt.miss {
			t.Errorf("otherCountry(%q, %s) = %v, want %v", tt.q, tt.fact, got, tt.miss)
		}
	}
}

// A where-question fits an event at a place it does not name ("where did
// Keïta speak from": Kati), not one at no place; "which came first"
// compares two things, so "first" is not what the answer must be about.
func TestWhereAndWhichCameFirst(t *testing.T) {
	ix := embeddedBase(t).index
	at := func(id string) int { return docAt(t, ix, id) }
	p := ix.parse("after soldiers grabbed him, where did keita speak from")
	if p.qt != qWhere {
		t.Fatalf("type %v, want where", p.qt)
	}
	if got := typeFit(ix, p, at("keita-resigns-2020-08-18"), ix.docs[at("keita-resigns-2020-08-18")]); got <= 0 {
		t.Errorf("the resignation at Kati fits a where-question %.2f, want more than 0", got)
	}
	if got := typeFit(ix, p, at("keita-released-2020-08-27"), ix.docs[at("keita-released-2020-08-27")]); got != 0 {
		t.Errorf("the release, at no place, fits a where-question %.2f, want 0", got)
	}
	if got := typeFit(ix, ix.parse("where is kati"), at("keita-resigns-2020-08-18"), ix.docs[at("keita-resigns-2020-08-18")]); got != 0 {
		t.Errorf("an event at the place asked about fits %.2f, want 0: the place's profile answers", got)
	}
	for _, q := range []string{
		"which came first, the algiers accord ending or the ecowas exit",
		"What happened first: Serval or Barkhane?",
		"which one came first the coup or the election",
	} {
		if c := ix.parse(q).content; slices.Contains(c, "first") {
			t.Errorf("%q: content %v has \"first\"", q, c)
		}
	}
	if c := ix.parse("who was malis first president").content; !slices.Contains(c, "first") {
		t.Errorf("\"first president\": content %v lost \"first\"", c)
	}
}

// A message of several lines is asked by its lines up to the last that
// asks: the heading before is scene, the thanks after no part of it.
func TestQuestionLines(t *testing.T) {
	answersFromTheQuestion(t, []answerCase{
		{"revising for tomorrow 😩\n> what is the AES\nty in advance", "Alliance of Sahel States", "not sure"},
		{"## UNIT 4 NOTES\n- what does minusma stand for", "Multidimensional Integrated", "Sweden"},
		{"> who left ecowas with mali\nanyone?? pls", "Burkina Faso", "not sure"},
		{"about barkhane\nwhen did it end?", "9 November 2022", "not sure"},
	})
	b := embeddedBase(t)
	q := "hi all\n> who leads jnim\nthanks"
	if a := b.Ask(q); a.Question != q {
		t.Errorf("Answer.Question = %q, want the message as sent", a.Question)
	}
	// A long paste of many lines is not weighed line by line.
	if many := strings.Repeat("hi\nwho leads jnim\n", maxLines); b.index.questionLines(many) != many {
		t.Errorf("a message of %d lines was split into its lines", 2*maxLines)
	}
	for q, want := range map[string]string{
		"who leads jnim":                        "who leads jnim",
		"hi\n\n> who leads jnim\nthanks a lot":  "hi — > who leads jnim",
		"no question here\njust chatting":       "no question here\njust chatting",
		"when did serval start?\nand barkhane?": "when did serval start? — and barkhane?",
		"server's dead anyway who leads jnim":   "who leads jnim",
		"lol anyways\nwho leads jnim":           "lol anyways — who leads jnim",
		"ok anyway hi":                          "ok anyway hi",
	} {
		if got := b.index.questionLines(q); got != want {
			t.Errorf("questionLines(%q) = %q, want %q", q, got, want)
		}
	}
}

// Chatter typed drawn out is chatter: a filed ask with "lmaooo" in it
// must not make "lmaooo" a question about that ask's fact.
func TestDrawnOutChatter(t *testing.T) {
	for w, want := range map[string]string{
		"lmaoo": "lmao", "okk": "ok", "hahahaha": "haha", "soo": "so", "heyy": "hey",
		"lmao": "", "off": "", "kidal": "", "too": "", "gao": "", "ha": "",
	} {
		if got := drawnOut(w); got != want {
			t.Errorf("drawnOut(%q) = %q, want %q", w, got, want)
		}
	}
	ix := embeddedBase(t).index
	for _, q := range []string{"<@991827364> 💀💀💀 lmaooo", "okkk hahahaha", "sorry for the ping"} {
		if p := ix.parse(q); len(p.content) > 0 || len(p.ents) > 0 {
			t.Errorf("%q: content %v, entities %v; want none", q, p.content, p.ents)
		}
	}
}

// Chatter before "anyway", and Discord's spoiler and joke markers, are not
// what is asked.
func TestChatterBeforeTheQuestion(t *testing.T) {
	answersFromTheQuestion(t, []answerCase{
		{"this chat is dead 💀 anyway how many people did the radison gunmen hold hostage", "170", "not sure"},
		{"||spoiler|| jk 😂 what did mali pay wagner every month", "10.8 million", "not sure"},
	})
}

// What follows a question's last mark is an aside when it does not ask
// and the question names its subject: its names are not what is asked.
// A claim to check stays, and so does a tail that may name the subject.
func TestAsideAfterTheQuestion(t *testing.T) {
	answersFromTheQuestion(t, []answerCase{
		{"when did operation serval begin? people mix it up with barkhane all the time", "11 January 2013", "August 2014"},
		{"minusma closed on which day? no googling", "December 2023", "not sure"},
		{"exact day of the 2012 coup?", "22 March 2012", "not sure"},
	})
	ix := embeddedBase(t).index
	for q, want := range map[string]string{
		"when did serval begin? i confuse it with barkhane": "when did serval begin?",
		"when did it end? barkhane i mean":                  "when did it end? barkhane i mean",
		"did barkhane end in 2021? is that right":           "did barkhane end in 2021? is that right",
		"who leads jnim? and who leads is sahel?":           "who leads jnim? and who leads is sahel?",
		"who leads jnim?":                                   "who leads jnim?",
	} {
		if got := ix.beforeAside(q); got != want {
			t.Errorf("beforeAside(%q) = %q, want %q", q, got, want)
		}
	}
}

// Greetings to the channel are chatter, not questions about the words
// they share with a fact ("everyone", "online").
func TestGreetingsAreDeclined(t *testing.T) {
	b := embeddedBase(t)
	for _, q := range []string{"gm everyone ☀️", "hey all 👋 anyone online?", "morning everybody", "yall quizzing tonight?"} {
		if a := b.Ask(q); !a.Abstained {
			t.Errorf("%q: answered %q, want a decline", q, a.Text)
		}
	}
}

// A count of another country is not answered by Mali's, and nothing after
// the documents' latest date is known.
func TestOtherCountryCountsAndLaterDates(t *testing.T) {
	b := embeddedBase(t)
	for _, q := range []string{
		"how many christians live in niger",
		"did the jihadists capture bamako in december 2025?",
		"what share of burkina faso's people are christian",
		"did jnim seize kayes in january 2026?",
		"who won the presidential election of 2027",
	} {
		if a := b.Ask(q); !a.Abstained {
			t.Errorf("%q: answered %q, want a decline", q, a.Text)
		}
	}
	answersFromTheQuestion(t, []answerCase{
		{"how many christians live in mali", "476,000", "not sure"},
		{"what did diop say in november 2025 about jnim taking bamako", "Diop", "not sure"},
	})
	d := func(y int, m time.Month, day int, p Precision) Date { return Date{y, m, day, p} }
	for _, c := range []struct {
		a, b Date
		want bool
	}{
		{d(2025, 11, 0, Month), d(2025, 12, 0, Month), true},
		{d(2025, 11, 12, Day), d(2025, 11, 0, Month), false},
		{d(2025, 0, 0, Year), d(2025, 12, 1, Day), false},
		{d(2024, 0, 0, Year), d(2025, 1, 0, Month), true},
		{Date{}, d(2025, 1, 0, Month), false},
	} {
		if got := strictlyBefore(c.a, c.b); got != c.want {
			t.Errorf("strictlyBefore(%v, %v) = %v", c.a, c.b, got)
		}
	}
}

// "Took over from" is succeeding someone, not seizing control; "another
// name" is a renaming.
func TestTookOverFromIsSucceeding(t *testing.T) {
	ix := embeddedBase(t).index
	for q, want := range map[string]string{
		"who took over from choguel maiga as prime minister": "succeed",
		"what operation took over from serval":               "succeed",
		"did is sahel have another name before":              "renam",
	} {
		p := ix.parse(q)
		if !slices.ContainsFunc(p.content, func(c string) bool { return strings.HasPrefix(c, want) }) || slices.Contains(p.content, "control") {
			t.Errorf("%q: content %v, want %q and no control", q, p.content, want)
		}
	}
	if a := embeddedBase(t).Ask("who took over from choguel kokalla maiga as the prime minister?"); !a.Abstained {
		t.Errorf("answered %q, want a decline: the documents do not name his successor", a.Text)
	}
}

// An ask is read as a question is: the chatter a member typed before
// "anyway" is filed with it but never matched, so the chatter alone
// ("this server is dead") is declined, and the question still answered.
func TestAsksAreReadAsQuestions(t *testing.T) {
	b := embeddedBase(t)
	for _, q := range []string{"lol this server is dead today", "this server is dead 💀"} {
		if a := b.Ask(q); !a.Abstained {
			t.Errorf("%q: answered %q, want a decline", q, a.Text)
		}
	}
	if a := b.Ask("lol this server is dead 💀 anyway how many hostages were taken at the radisson blu"); a.Abstained || !strings.Contains(a.Text, "170") {
		t.Errorf("the question after the chatter: %q (declined %v)", a.Text, a.Abstained)
	}
}

// The nouns of an event ask for it as its verbs do: "creation date" is
// when it was founded, "the pullout" its withdrawal.
func TestEventNounsAreTheirVerbs(t *testing.T) {
	ix := embeddedBase(t).index
	for noun, verb := range map[string]string{
		"creation": "created", "formation": "formed", "inception": "founded",
		"departure": "left", "pullout": "withdrew", "expulsion": "expelled",
		"dissolution": "dissolved", "detention": "detained",
	} {
		if a, b := ix.conceptOf(noun), ix.conceptOf(verb); a != b {
			t.Errorf("%q reads as %q, %q as %q", noun, a, verb, b)
		}
	}
}

// "which movement" asks for a body, not a person; a leader is a
// commander by another name; "led by" names no leader.
func TestWhichBodyOrLeader(t *testing.T) {
	b := embeddedBase(t)
	ix := b.index
	for _, c := range []struct {
		q, fact  string
		declined bool
	}{
		{"the rebels who took the north, which movement led them", "mnla-controlled-north", false},
		{"which community did the clan notables who sided with jnim come from", "daoussahak-aligned-with-jnim", false},
		{"which IS Sahel commander did the french capture in 2022", "albakaye-captured", false},
		{"which JNIM commander organised the fuel blockade", "fuel-blockade", true},
		{"who led the rebels who took the north", "mnla-controlled-north", true},
	} {
		p := ix.parse(c.q)
		if got := namesNoLeader(ix, p, scored{doc: docAt(t, ix, c.fact)}); got != c.declined {
			t.Errorf("%q with %s: declined %v, want %v", c.q, c.fact, got, c.declined)
		}
	}
}

// Asking for a link is chatter, and a department does not depart.
func TestLinksAndDepartments(t *testing.T) {
	b := embeddedBase(t)
	if a := b.Ask("can someone drop the link to the homework doc"); !a.Abstained {
		t.Errorf("a request for a link: answered %q", a.Text)
	}
	if x, y := b.index.conceptOf("department"), b.index.conceptOf("departed"); x == y {
		t.Errorf("department and departed are one concept, %q", x)
	}
}

// Who leads Mali is asked of the present: the transitional president,
// not the interim one he removed, nor a jihadist leader.
func TestMalisLeaderIsItsPresident(t *testing.T) {
	b := embeddedBase(t)
	for _, q := range []string{"who is the president of mali", "who leads mali", "who is mali's leader", "whos the leader of mali rn"} {
		a := b.Ask(q)
		if a.Abstained || len(a.Facts) == 0 || a.Facts[0].ID != "assimi-goita" {
			t.Errorf("%q: got %q", q, a.Text)
		}
	}
	if a := b.Ask("who did mali gain independence from"); a.Abstained || !strings.Contains(a.Text, "France") {
		t.Errorf("independence: got %q", a.Text)
	}
}

// firstFacts checks that each question is answered first by the fact
// with the id it maps to, or declined where it maps to "".
func firstFacts(t *testing.T, b *Base, cases map[string]string) {
	t.Helper()
	for q, want := range cases {
		a := b.Ask(q)
		switch {
		case want == "" && !a.Abstained:
			t.Errorf("%q: answered %q, want a decline", q, a.Text)
		case want != "" && (a.Abstained || len(a.Facts) == 0 || a.Facts[0].ID != want):
			t.Errorf("%q: got %q, want %s", q, a.Text, want)
		}
	}
}

// Basic questions on who held power when, asked in other words than the
// facts' asks: the founders of a merged group are the groups that merged
// (ISGS's founders are people, whom the documents do not name).
func TestWhoHeldPowerWhen(t *testing.T) {
	firstFacts(t, embeddedBase(t), map[string]string{
		"who is the current prime minister":               "choguel-maiga",
		"who was mali's president before goïta":           "goita-named-interim-president-2021-06-07",
		"which president did soldiers overthrow in 2020":  "mali-coup-2020-08-18",
		"when did mali join the alliance of sahel states": "aes-pact-signed-2023-09-16",
		"who created jnim":                                "jnim-founded",
		"who founded isgs":                                "",
	})
}

// A minister of one portfolio is not the answer for another; Washington
// speaks for the United States as well as naming its capital; the count of
// Takuba's last allies names them.
func TestOfficesCapitalsAndLists(t *testing.T) {
	b := embeddedBase(t)
	firstFacts(t, b, map[string]string{
		"who is malis defence minister":                           "",
		"who is the finance minister of mali":                     "",
		"who is the prime minister":                               "choguel-maiga",
		"what does washington want to achieve in mali":            "us-mission-goals-mali",
		"what is the address of the malian embassy in washington": "embassy-of-mali-us",
	})
	if a := b.Ask("whos malis foregin minister"); a.Abstained || !strings.Contains(a.Text, "Diop") {
		t.Errorf("foreign minister, with a slip: got %q", a.Text)
	}
	// The count of Takuba's allies names them too.
	a := b.Ask("how many allies were in takuba when france ended it")
	for _, c := range []string{"Belgium", "Czech", "Denmark", "Estonia", "Hungary", "Italy", "Netherlands", "Portugal", "Sweden"} {
		if !strings.Contains(a.Text, c) {
			t.Errorf("Takuba's last allies: %q lacks %s", a.Text, c)
		}
	}
}

// What Wagner became, and which way violence against Christians went, in
// the words a student would look for.
func TestWagnerSuccessorAndViolenceTrend(t *testing.T) {
	b := embeddedBase(t)
	for q, want := range map[string]string{
		"what is wagner's successor in africa called":             "Africa Corps",
		"after wagner was disbanded, what replaced it":            "Africa Corps",
		"is violence against christians in mali going up or down": "decreased",
	} {
		if a := b.Ask(q); a.Abstained || !strings.Contains(a.Text, want) {
			t.Errorf("%q: got %q, want %q in it", q, a.Text, want)
		}
	}
}

// Words that name what the question asks for, not its type or its topic.
func TestAskedWordsReadRight(t *testing.T) {
	ix := embeddedBase(t).index
	for q, want := range map[string]qtype{
		"mali's spot on the world watch list?":                 qAny,
		"list the countries in the g5 sahel":                   qList,
		"naomi's husband was away doing what when he got shot": qAny,
		"when he got shot, where was naomi's husband":          qWhere,
		"when the french left mali, did the un stay":           qWhen,
	} {
		if got := ix.parse(q).qt; got != want {
			t.Errorf("%q: type %v, want %v", q, got, want)
		}
	}
	for word, like := range map[string]string{"objective": "aim", "goal": "aim", "successor": "predecessor", "grabbed": "arrested", "installed": "nominated", "risky": "danger", "evangelising": "evangelism"} {
		if a, b := ix.conceptOf(word), ix.conceptOf(like); a != b {
			t.Errorf("%q reads as %q, %q as %q", word, a, like, b)
		}
	}
	for q, want := range map[string]string{
		"how many people lost their lives":                      "kill",
		"when was fawaz ould ahmeida picked up":                 "arrest",
		"who did the junta put in as president":                 "appoint",
		"mujao broke away from aqim, why":                       "split",
		"when was takuba wound up":                              "end",
		"when did they let him go":                              "releas",
		"why did the jihadists say they went after la terrasse": "attack",
		"why did goita go kicking out the president":            "withdraw",
		"when was ndaw removed from office":                     "withdraw",
	} {
		if p := ix.parse(q); !slices.Contains(p.content, want) {
			t.Errorf("%q: content %v, want %q in it", q, p.content, want)
		}
	}
}

// A group named only as the target of an attack is not the group the
// answer must be about; "whose" asks who; "wait" and a study call are
// chatter; a day of the week is told from the date.
func TestTargetsWhoseAndWeekdays(t *testing.T) {
	b := embeddedBase(t)
	ix := b.index
	p := ix.parse("when did the tuareg rebels begin their offensive against the malian army")
	army := docAt(t, ix, "malian-armed-forces")
	if !targeted(p, army) {
		t.Errorf("the Malian army is not read as the target in %v", p.words)
	}
	if q := ix.parse("did the malian army attack the rebels"); targeted(q, army) {
		t.Errorf("the Malian army read as a target in %v", q.words)
	}
	if qt := ix.parse("whose intelligence did the french rely on when they killed droukdel").qt; qt != qWho {
		t.Errorf("whose: type %v", qt)
	}
	if c := ix.parse("wait whats azawad").content; len(c) != 0 {
		t.Errorf("wait: content %v", c)
	}
	for _, q := range []string{"@everyone lol whos up for the study call tonight", "lmaooo gm gm who's coming to the study call tonight <@123456>"} {
		if a := b.Ask(q); !a.Abstained {
			t.Errorf("%q: answered %q", q, a.Text)
		}
	}
	for q, want := range map[string]string{
		"which day of the week was the radisson blu attack": "20 November 2015 was a Friday.",
		"what day of the week did france launch serval":     "11 January 2013 was a Friday.",
		"on what day did diop give his press conference":    "12 November 2025 was a Wednesday.",
		"what day was the radisson attack":                  "20 November 2015 was a Friday.",
	} {
		if a := b.Ask(q); !strings.HasSuffix(a.Text, want) {
			t.Errorf("%q: got %q, want it to end %q", q, a.Text, want)
		}
	}
	if a := b.Ask("when was the radisson blu attack"); strings.Contains(a.Text, "Friday") {
		t.Errorf("weekday told unasked: %q", a.Text)
	}
}

// A survey is a slot: only a fact about a poll answers what a poll found.
// "Respond" is a reaction, a respondent someone polled.
func TestPollsAreSlots(t *testing.T) {
	ix := embeddedBase(t).index
	if ix.conceptOf("respond") == ix.conceptOf("poll") {
		t.Error("respond reads as poll")
	}
	if ix.conceptOf("respondents") != ix.conceptOf("poll") {
		t.Error("respondents do not read as poll")
	}
	p := ix.parse("what did surveys in 2022 find")
	gassel := docAt(t, ix, "gassel-bodies-found-2022-09-12")
	if !missesSlot(ix, p, scored{doc: gassel}) {
		t.Error("a question about surveys is answered by a fact about no poll")
	}
}

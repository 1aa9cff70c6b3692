package facts

import "strings"

// qtype is the kind of answer a question asks for.
type qtype int

const (
	qAny qtype = iota
	qWho
	qWhen
	qWhere
	qHowMany
	qWhat
	qWhy
	qList
)

var qtypeNames = map[qtype]string{
	qAny: "other", qWho: "who", qWhen: "when", qWhere: "where",
	qHowMany: "howmany", qWhat: "what", qWhy: "why", qList: "list",
}

func (q qtype) String() string { return qtypeNames[q] }

// stopwords carry no content: function words, question words, chatter,
// and the words every fact shares ("mali"). They are folded forms.
var stopwords = setOf(`
a an the and or but if of to in on at by for from with without into onto over under about as than then
is are was were be been being am do does did done doing have has had having can could would should will shall may might must
i me my we us our you your u ur yo he him his she her it its they them their this that these those there here
what whats which who whom whose whos when where wheres why how hows whats
not no yes so too very just also only even still yet ever again any some all each every much many more most
tell say said know knew knowing explain describe give gimme show list name names lemme let please pls plz thanks thx thank
hey hi hello hiya yo sup bot malibot guys anyone someone somebody folks quick q question questions qn help wanna want need
lol lmao haha ok okay like um uh hmm btw idk tbh rn ngl bruh bro dude fam lmk ty tyvm gm gn pls plss omg wtf ffs ping pinged pinging jk spoiler spoilers
essay homework assignment class teacher exam exams test revision studying study notes prof professor lecture
textbook textbooks classmate classmates friend friends mate mates disagree disagrees disagreeing arguing
real tho though sorry wrong chat anyway anyways again quickly someone pretty sure remind reminder wondering curious wait
remember remembers remembered recall recalls forgot forget forgotten
mali malian malians country nation mostly mainly primarily originally exactly approximately roughly around officially
stand acronym abbreviation abbreviated mean meaning means meant position role job title hold holds called known
according accordingly per week weeks today tomorrow tonight yesterday context regard regarding terms stage staged become became becomes use used uses using work works worked make made makes take took put come came think supposedly apparently reportedly
allegedly really currently now today eventually finally later earlier back ago already recently once gone want wanted

did does do happen happened happening going go goes went get got gets getting thing things stuff something
one ones kind sort type way time times actually really exactly basically again
up along besides apart other others quiz quizzing quizzes sit sits sitting
everybody yall googling google googled
dont doesnt didnt couldnt wouldnt shouldnt wasnt werent isnt arent hasnt havent hadnt cant wont itd hed shed theyd youd
im ive id youre theyre thats lets guy guys
de la le les des du une et en est aux quoi qui quand ou combien pourquoi comment quel quelle quels quelles
`)

// slotWords (concepts) name a relation no other word can stand for: a fact
// answers "who succeeded X" only if it says who succeeded. ("Successor"
// reads as renamed: Wagner's successor is the Africa Corps.)
var slotWords = setOf(`replac succeed born birth birthplac nicknam poll`)

// sayWords mark a question about what someone said.
var sayWords = setOf(`say said says saying claim claimed claims told tell call called calling describe described warn warned`)

// strongCues decide the type of a "what" question wherever they stand.
var strongCues = []struct {
	cue   string
	t     qtype
	words []string
}{
	{"date", qWhen, nil}, {"year", qWhen, nil}, {"what day", qWhen, nil}, {"which day", qWhen, nil}, {"exact day", qWhen, nil}, {"which month", qWhen, nil},
	{"how many", qHowMany, nil}, {"how much", qHowMany, nil}, {"percentage", qHowMany, nil}, {"number of", qHowMany, nil},
}

// cuesByFirst lists the cues (places in qcues) by their first word.
var cuesByFirst = map[string][]int{}

func init() {
	for i := range qcues {
		qcues[i].words = strings.Fields(qcues[i].cue)
		cuesByFirst[qcues[i].words[0]] = append(cuesByFirst[qcues[i].words[0]], i)
	}
	for i := range strongCues {
		strongCues[i].words = strings.Fields(strongCues[i].cue)
	}
}

// chat rewrites the spellings of chat onto the words the engine knows.
var chat = map[string]string{
	"wat": "what", "wats": "whats", "wuts": "whats", "wots": "whats", "wot": "what", "wut": "what", "wht": "what", "whta": "what", "wen": "when", "wehn": "when",
	"hw": "how", "y": "why", "r": "are", "u": "you", "ppl": "people", "docs": "documents", "doc": "document", "speciality": "specialty", "specialities": "specialties", "govt": "government", "gov": "government",
	"org": "organization", "orgs": "organizations", "pres": "president", "prez": "president", "intl": "international",
	"mil": "military", "yrs": "years", "yr": "year", "bc": "because", "cuz": "because", "coz": "because",
	"abt": "about", "thru": "through", "w": "with", "mins": "minister", "min": "minister", "fm": "foreign minister",
	"pm": "prime minister", "dept": "department", "natl": "national", "ops": "operations", "op": "operation",
	"hq": "headquarters", "tho": "though", "ur": "your", "whos": "who is", "whats": "what is", "wheres": "where is",
	"hows": "how is", "whens": "when is", "wich": "which", "whcih": "which", "whihc": "which", "im": "i am", "isnt": "is not", "didnt": "did not", "nums": "numbers", "num": "number",
	"approx": "approximately", "kinda": "kind of", "sorta": "sort of", "gonna": "going to", "gotta": "got to", "dunno": "do not know", "n": "and", "info": "information", "mercs": "mercenaries", "merc": "mercenary",
}

// phrases rewrites multi-word expressions before matching, so that a
// phrasal verb meets the word the facts use.
var phrases = []struct{ from, to string }{
	{" took over from ", " succeeded "}, {" take over from ", " succeed "}, {" taking over from ", " succeeding "}, {" took over ", " seized control "}, {" take it over ", " seize control "}, {" took it over ", " seized control "},
	{" taking over ", " seizing control "}, {" takes over ", " seizes control "}, {" take over ", " seize control "}, {" taken over ", " seized control "},
	{" takeover of ", " seized control of "}, {" let go ", " released "}, {" set free ", " released "},
	{" in charge of ", " leads "}, {" in charge ", " leads "}, {" kicked out ", " expelled "}, {" kick out ", " expel "}, {" kicking out ", " expelling "}, {" removed from office ", " ousted "}, {" removed from power ", " ousted "},
	{" pulled out ", " withdrew "}, {" pull out ", " withdraw "}, {" pulling out ", " withdrawing "},
	{" set up ", " established "}, {" came from ", " origin "}, {" come from ", " origin "},
	{" stand for ", " "}, {" stands for ", " "}, {" short for ", " "}, {" blew up ", " bombed "},
	{" how long ", " how many years "}, {" per month ", " a month "}, {" called off ", " ended "}, {" tore up ", " ended "}, {" torn up ", " ended "}, {" tear up ", " end "},
	{" walked out of ", " withdrew from "}, {" walk out of ", " withdraw from "}, {" walking out of ", " withdrawing from "}, {" walks out of ", " withdraws from "},
	{" shut down ", " ended "}, {" wound down ", " ended "}, {" wind down ", " end "}, {" winding down ", " ending "}, {" winds down ", " ends "}, {" left office ", " resigned "}, {" led to ", " caused "}, {" put out ", " published "}, {" different name ", " renamed "}, {" new name ", " renamed "}, {" another name ", " renamed "}, {" old name ", " former name "}, {" name change ", " renamed "}, {" change its name ", " renamed "}, {" changed its name ", " renamed "}, {" used to be called ", " formerly "}, {" originally called ", " formerly "}, {" lead to ", " cause "}, {" leads to ", " causes "}, {" leading to ", " causing "},
	{" runs mali ", " president of mali "}, {" leads mali ", " president of mali "}, {" rules mali ", " president of mali "},
	{" leader of mali ", " president of mali "}, {" head of mali ", " president of mali "}, {" in charge of mali ", " president of mali "},
	{" running mali ", " president of mali "}, {" ruling mali ", " president of mali "},
	{" mali leader ", " president of mali "}, {" mali ruler ", " president of mali "}, {" mali head of state ", " president of mali "},
	{" lost their lives ", " were killed "}, {" lost his life ", " was killed "}, {" lost her life ", " was killed "}, {" lose their lives ", " be killed "},
	{" state dept ", " state department "}, {" us fact sheet ", " state department "}, {" the fact sheet ", " state department "},
	{" since when ", " when "}, {" head of state ", " president "},
	{" take power ", " become president "}, {" took power ", " became president "}, {" came to power ", " became president "},
	{" come to power ", " become president "}, {" seize power ", " coup "}, {" seized power ", " coup "},
	{" call for help ", " appeal "}, {" called for help ", " appealed "}, {" calls for help ", " appeals "}, {" calling for help ", " appealing "},
	{" passed away ", " died "}, {" pass away ", " die "}, {" passes away ", " dies "},
	{" step down ", " resign "}, {" stepped down ", " resigned "}, {" sworn in ", " appointed "}, {" put in as ", " appointed as "}, {" wound up ", " ended "}, {" broke away ", " split "}, {" went after ", " attacked "}, {" going after ", " attacking "}, {" break away ", " split "}, {" breaking away ", " splitting "}, {" let him go ", " released him "}, {" let them go ", " released them "}, {" let her go ", " released her "}, {" winding up ", " ending "}, {" i keep seeing ", " "}, {" two different years ", " "}, {" two different dates ", " "},
	{" dealing with ", " "}, {" deal with ", " "}, {" dealt with ", " "}, {" deals with ", " "}, {" acc to ", " according to "}, {" force on ", " impose on "}, {" forced on ", " imposed on "}, {" forcing on ", " imposing on "}, {" forces on ", " imposes on "},
	{" forms of ", " kinds of "}, {" form of ", " kind of "},
	{" full name ", " "}, {" in english ", " "}, {" anyone online ", " "}, {" anybody online ", " "}, {" for my timeline ", " "},
	{" drop the link ", " "}, {" drop a link ", " "}, {" send the link ", " "}, {" share the link ", " "}, {" post the link ", " "}, {" homework doc ", " homework "},
	{" whos up for ", " "}, {" anyone up for ", " "}, {" study call ", " study "}, {" voice call ", " "}, {" discord call ", " "}, {" zoom call ", " "},
	{" gm everyone ", " "}, {" hi everyone ", " "}, {" hey everyone ", " "}, {" hello everyone ", " "}, {" morning everyone ", " "}, {" evening everyone ", " "},
	// "which came first, X or Y" compares two things: "first" is not
	// content ("who was Mali's first president").
	{" which came first ", " which "}, {" what came first ", " which "}, {" which happened first ", " which "},
	{" what happened first ", " which "}, {" which was first ", " which "}, {" which one came first ", " which "},
	{" which one was first ", " which "}, {" which one happened first ", " which "}, {" whichever came first ", " which "},
	{" picked up ", " arrested "}, {" pick up ", " arrest "}, {" picking up ", " arresting "},
	{" made up ", " comprised "}, {" make up ", " comprise "}, {" makes up ", " comprises "}, {" making up ", " comprising "},
}

// objectVerbs take "us" as an object ("tell us"); after any other word a
// lower-case "us" is taken for the United States.
var objectVerbs = setOf(`tell give show help let lets for to teach remind send get make gives tells shows among of`)

// nowWords ask for the latest state of things.
var nowWords = setOf(`now currently current rn today presently nowadays latest`)

// typeWords say only what kind of answer is wanted; for that kind of
// question they are not content the answer must contain.
var typeWords = map[qtype]map[string]bool{
	qWhen:    setOf(`day date dates year years yr month time exact exactly precise`),
	qHowMany: setOf(`number numbers amount total figure count size big large`),
	qWhere:   setOf(`place location locality spot area part`),
	qWho:     setOf(`person individual guy man woman`),
	qWhy:     setOf(`reason reasons cause caused motive`),
	qList:    setOf(`kinds kind types group groups countries organisations organizations`),
}

// malianWords are dropped even when they name an entity: nearly every fact
// concerns Mali, so the word cannot tell facts apart.
var malianWords = setOf(`mali malian malians`)

// qwords detect the question type from folded words; multi-word cues are
// matched on the folded question text.
var qcues = []struct {
	cue   string
	t     qtype
	words []string
}{
	{"how many", qHowMany, nil}, {"how much", qHowMany, nil}, {"what percentage", qHowMany, nil}, {"what percent", qHowMany, nil},
	{"what share", qHowMany, nil}, {"what proportion", qHowMany, nil}, {"number of", qHowMany, nil}, {"how big", qHowMany, nil},
	{"how large", qHowMany, nil}, {"what number", qHowMany, nil}, {"combien", qHowMany, nil}, {"what size", qHowMany, nil},
	{"how far", qHowMany, nil}, {"how far back", qWhen, nil}, {"how old", qHowMany, nil},
	{"what year", qWhen, nil}, {"which year", qWhen, nil}, {"what date", qWhen, nil}, {"which date", qWhen, nil}, {"what day", qWhen, nil}, {"which day", qWhen, nil},
	{"what month", qWhen, nil}, {"which month", qWhen, nil}, {"how long ago", qWhen, nil}, {"since when", qWhen, nil}, {"quand", qWhen, nil},
	{"en quelle annee", qWhen, nil}, {"when", qWhen, nil}, {"what time", qWhen, nil}, {"date", qWhen, nil}, {"what yr", qWhen, nil},
	{"in which year", qWhen, nil}, {"how long ago", qWhen, nil},
	{"which countries", qList, nil}, {"which groups", qList, nil}, {"what countries", qList, nil}, {"what groups", qList, nil},
	{"which peoples", qList, nil}, {"what are the", qList, nil}, {"list", qList, nil}, {"name the", qList, nil}, {"which people groups", qList, nil},
	{"where", qWhere, nil}, {"what part of mali", qWhere, nil}, {"which part of mali", qWhere, nil}, {"what part of the country", qWhere, nil}, {"which region", qWhere, nil}, {"which town", qWhere, nil}, {"which city", qWhere, nil}, {"what region", qWhere, nil},
	{"what town", qWhere, nil}, {"what city", qWhere, nil}, {"which village", qWhere, nil}, {"what village", qWhere, nil}, {"ou se", qWhere, nil},
	{"why", qWhy, nil}, {"what reason", qWhy, nil}, {"for what reason", qWhy, nil}, {"what caused", qWhy, nil}, {"pourquoi", qWhy, nil}, {"how come", qWhy, nil},
	{"who", qWho, nil}, {"whos", qWho, nil}, {"whose", qWho, nil}, {"whom", qWho, nil}, {"qui", qWho, nil}, {"which person", qWho, nil}, {"which leader", qWho, nil},
	{"what is", qWhat, nil}, {"what was", qWhat, nil}, {"what are", qWhat, nil}, {"what were", qWhat, nil}, {"whats", qWhat, nil},
	{"tell me about", qWhat, nil}, {"explain", qWhat, nil}, {"define", qWhat, nil}, {"c est quoi", qWhat, nil}, {"qu est ce", qWhat, nil},
	{"what does", qWhat, nil}, {"what did", qAny, nil},
}

// concepts folds everyday words onto one concept stem shared with the fact
// text, so "who runs JNIM" meets "leads" and "kicked out" meets "expelled".
// Keys and values are stems (see norm.Stem); values are the concept.
var concepts = map[string]string{}

func init() {
	groups := []string{
		"lead: lead leader head heads chief boss run runs running ran led command commander emir helm charge dirig chef",
		"found: found form creat establish set start origin begin launch fond cre creation format incept",
		"end: end stop finish termin conclud close dissolv dissolut disband ceas over fin wrap ditch cancel annul revok",
		"kill: kill die dead death murder assassin neutral slain slay execut tue mort",
		"attack: attack assault raid siege storm ambush massacr strike bomb hit",
		"kidnap: kidnap abduct hostag captiv",
		"control: control seiz takeov",
		"withdraw: withdraw leav left exit quit pull depart departur pullout retreat expel expuls kick oust dislodg evict",
		"coup: coup takeov overthrow overthrown toppl putsch junta seizur depos",
		"money: money fund financ cash dollar budget aid assist pay paid spend",
		"troop: troop soldier forc armi militari militarili personnel boot contingent",
		"claim: claim credit respons behind",
		"alli: alli allianc cooper closer tie partner partnership align",
		"allegi: allegi pledg loyal loyalti oath affili",
		"negoti: negoti haggl bargain",
		"reli: reli lean depend relianc",
		"christian: christian christ christen gospel",
		"popul: popul inhabit resid",
		"muslim: muslim islam",
		"mercenari: mercenari contractor",
		"arrest: arrest detain detent captur jail imprison custodi caught catch nab grab",
		"presid: presid ruler",
		"elect: elect vote ballot",
		"poll: poll pollster survey percent opinion interview",
		"merg: merg join combin amalgam fuse fold absorb",
		"rank: rank ranking",
		"counterterror: counterterror ct antiterror counterterrorist",
		"franc: franc french",
		"russia: russia russian",
		"america: america american",
		"niger: niger nigerien",
		"chad: chad chadian",
		"sweden: sweden swedish swede",
		"germani: germani german",
		"libya: libya libyan",
		"algeria: algeria algerian",
		"mauritania: mauritania mauritanian",
		"ivorian: ivorian ivoirian",
		"year: year yr yrs",
		"terror: terror terrorist terrorism",
		"organ: organ organis organiz",
		"islamist: islamist jihadist jihad militant extremist",
		"child: child kid",
		"reveng: reveng retali payback",
		"major: major big main larg",
		"citi: citi town",
		"agreement: agreement deal pact accord treati",
		"releas: releas freed free",
		"appoint: appoint pick chosen choos select nomin instal",
		"risk: risk riski danger peril hazard",
		"evangel: evangel evangelis evangelist",
		"ban: ban forbid prohibit outlaw",
		"displac: displac refuge idp flee fled",
		"sentenc: sentenc convict verdict guilti",
		"design: design label list blacklist",
		"renam: renam rebrand previous former formerli predecessor successor",
		"member: member membership belong compris consist",
		"hard: hard difficult tough tricki",
		"rise: rise rose risen increas grew grow surg spike jump climb",
		"moder: moder toler",
		"radic: radic hardlin",
		"key: key predomin domin",
		"prais: prais welcom hail cheer applaud commend",
		"dress: dress disguis pose fake impersonat",
		"expert: expert expertis specialist specialti",
		"feud: feud rivalri beef tension",
		"phone: phone call ring rang telephon",
		"dissatisfi: dissatisfi unhappi discontent displeas",
		"aim: aim goal purpos object objective",
	}
	for _, g := range groups {
		head, rest, _ := strings.Cut(g, ":")
		for _, w := range strings.Fields(rest) {
			if _, dup := concepts[w]; !dup {
				concepts[w] = head
			}
		}
	}
	// "presid" must not swallow "lead": keep the leader sense on lead.
	concepts["leader"] = "lead"
	concepts["head"] = "lead"
}

// relConcepts are the concept stems a fact's rel answers, so that "who
// leads X" prefers rel leader and "when was X founded" rel founded.
var relConcepts = map[string][]string{
	"leader":       {"lead"},
	"founded":      {"found"},
	"merged":       {"merg", "found"},
	"ended":        {"end"},
	"launched":     {"found"},
	"withdrew":     {"withdraw"},
	"designated":   {"design"},
	"killed":       {"kill"},
	"attack":       {"attack", "kill"},
	"kidnapping":   {"kidnap"},
	"coup":         {"coup"},
	"arrest":       {"arrest"},
	"trial":        {"sentenc"},
	"appointed":    {"presid", "lead"},
	"resigned":     {"resign"},
	"agreement":    {"agreement", "pact", "accord", "deal"},
	"declared":     {"declar"},
	"deployed":     {"troop"},
	"sanction":     {"sanction"},
	"poll":         {"poll"},
	"strength":     {"troop", "fighter", "member"},
	"casualties":   {"kill"},
	"displacement": {"displac"},
	"population":   {"popul"},
	"religion":     {"christian", "muslim", "religion"},
	"aid":          {"money"},
	"funding":      {"money"},
	"ranking":      {"rank"},
	"location":     {"locat", "area", "region", "base"},
	"aim":          {"aim", "goal", "purpos"},
	"renamed":      {"renam"},
}

// relTypes are the question types a rel answers best.
var relTypes = map[string][]qtype{
	"leader":     {qWho},
	"appointed":  {qWho, qWhen},
	"location":   {qWhere},
	"aim":        {qWhy, qWhat},
	"accused":    {qWhy, qWhat},
	"strength":   {qHowMany},
	"casualties": {qHowMany},
	"population": {qHowMany},
	"poll":       {qHowMany},
	"aid":        {qHowMany},
	"ranking":    {qHowMany, qWhat},
	"member":     {qList, qWhat},
	"allegiance": {qWho, qWhat},
}

func setOf(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

var months = map[string]int{
	"january": 1, "jan": 1, "janvier": 1, "february": 2, "feb": 2, "fevrier": 2, "march": 3, "mars": 3,
	"april": 4, "apr": 4, "avril": 4, "may": 5, "mai": 5, "june": 6, "jun": 6, "juin": 6, "july": 7,
	"jul": 7, "juillet": 7, "august": 8, "aug": 8, "aout": 8, "september": 9, "sep": 9, "sept": 9,
	"septembre": 9, "october": 10, "oct": 10, "octobre": 10, "november": 11, "nov": 11, "novembre": 11,
	"december": 12, "dec": 12, "decembre": 12,
}

// sourceOrgs are the publishers of the documents: named beside something
// else ("according to the State Department, how many…"), they say where
// the answer comes from, not what it is about.
var sourceOrgs = map[string]string{"us-state-department": "state", "open-doors": "opendoors", "bbc": "bbc"}

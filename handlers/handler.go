package handlers

import (
	"fmt"
	"regexp"
	"time"

	"github.com/malibot/malibot/facts"
)

// Kind is what sort of event a Request carries.
type Kind int

// Request kinds.
const (
	KindCommand      Kind = iota // a slash command
	KindAutocomplete             // a slash command option being typed
	KindButton                   // a press on a button the bot posted
	KindMessage                  // a free-text message addressed to the bot
)

// Request is everything a handler may look at. bot/ builds it from a
// Discord event; ask and console build it from the shell.
type Request struct {
	Kind       Kind
	Command    string            // command name, or the button's command
	Subcommand string            // e.g. "set" of /daily set
	Options    map[string]string // option values as typed; channels as ids
	Focused    string            // for autocomplete: the option being typed
	Text       string            // free text of a message
	Button     string            // for buttons: the custom id after "command:"
	GuildID    string            // empty in DMs and on the shell
	ChannelID  string
	UserID     string
	CanManage  bool      // the member has Manage Server
	Now        time.Time // the time of the event; handlers never call time.Now
	Settings   Settings  // the server's settings as stored

	// CanPost says, by channel id, whether the bot may post there (view
	// the channel, send messages with embeds): for ChannelID, as the
	// interaction tells, and for a channel named in an option, as bot/
	// looks up. A channel missing from it is not known, as on the shell.
	CanPost map[string]bool
	// Posted is the server's daily-post history, which bot/ reads from the
	// store for /daily preview only.
	Posted PostHistory
}

// PostHistory is what /daily preview needs to show the post the scheduler
// sends: the facts posted in the RecentDays days before today, and today's
// if today's post was already made.
type PostHistory struct {
	Recent []string
	Today  []string
}

// Option returns the value of option name, or "".
func (r Request) Option(name string) string { return r.Options[name] }

// Settings is one server's stored configuration, passed in by bot/ and
// changed only by returning Response.Update.
type Settings struct {
	GuildID string
	// AnswerChannels are the channels where plain questions are answered
	// without a mention.
	AnswerChannels []string
	Daily          Schedule
}

// Schedule is a server's daily "on this day" post.
type Schedule struct {
	Enabled   bool
	ChannelID string
	Hour      int
	Minute    int
	Zone      string // IANA name, e.g. "Europe/Paris"
	Paused    string // why posting stopped (channel gone, no permission), or ""
	LastPost  string // local date of the last post, YYYY-MM-DD, or ""
	// Since is when the schedule was last set: no post is due for a time
	// before it, so setting 08:00 at 10:00 starts tomorrow, not now.
	Since time.Time
}

// Response is what a handler returns; bot/ turns it into Discord calls.
type Response struct {
	Content   string
	Embeds    []Embed
	Buttons   []Button // laid out five to a row by bot/
	Choices   []Choice // autocomplete choices, at most 25
	Ephemeral bool     // only the caller sees it
	// Update, when set, is stored before the response is sent; if storing
	// fails the user gets an apology instead.
	Update *Settings
	// Quiet asks bot/ to send nothing (e.g. a message that is not a question).
	Quiet bool
	// Unsure marks a decline or a reply that only offers suggestions; in
	// channels where the bot answers unasked, bot/ then stays silent.
	Unsure bool
	// Replace, in reply to a button press, edits the message the button is
	// on instead of posting a new one (e.g. Previous/Next pages).
	Replace bool
}

// Embed is a Discord-agnostic rich card.
type Embed struct {
	Title       string
	Description string
	Fields      []Field
	Footer      string
	Color       int
}

// Field is one name/value pair of an Embed.
type Field struct {
	Name   string
	Value  string
	Inline bool
}

// ButtonStyle is how a button looks.
type ButtonStyle int

// Button styles.
const (
	Primary ButtonStyle = iota
	Secondary
)

// Button is a clickable button. ID is routed back as Request.Button to the
// handler of command Command.
type Button struct {
	Label    string
	Command  string
	ID       string
	Style    ButtonStyle
	Disabled bool
}

// CustomID is the id Discord carries back when the button is pressed.
func (b Button) CustomID() string { return b.Command + ":" + b.ID }

// Choice is one autocomplete suggestion.
type Choice struct {
	Name  string // shown to the user
	Value string // put into the option
}

// OptionType is the type of a command option.
type OptionType int

// Option types (mapped onto Discord's by bot/).
const (
	String OptionType = iota
	Integer
	Boolean
	Channel
)

// Option describes one option of a command or subcommand.
type Option struct {
	Name         string
	Description  string
	Type         OptionType
	Required     bool
	Autocomplete bool
	Choices      []Choice
}

// Subcommand is one branch of a command such as /daily set.
type Subcommand struct {
	Name        string
	Description string
	Options     []Option
}

// Command is a slash command: its definition and its handler.
type Command struct {
	Name        string
	Description string
	Options     []Option
	Subcommands []Subcommand
	// Admin commands need Manage Server; bot/ checks before calling Handle
	// and Discord hides them from other members.
	Admin bool
	// Handle answers a command, a button press or (for ask) a message.
	Handle func(Request) Response
	// Complete answers autocomplete; nil when no option autocompletes.
	Complete func(Request) []Choice
	// Help is a line for /help.
	Help string
}

// Deps is what the commands are built from.
type Deps struct {
	Facts *facts.Base
}

var namePattern = regexp.MustCompile(`^[a-z0-9_-]{1,32}$`)

// Check verifies Discord's naming and length rules for the command.
func (c Command) Check() error {
	if !namePattern.MatchString(c.Name) {
		return fmt.Errorf("command %q: name must be 1-32 lower-case letters, digits, - or _", c.Name)
	}
	if n := len([]rune(c.Description)); n < 1 || n > 100 {
		return fmt.Errorf("command %q: description must be 1-100 characters, is %d", c.Name, n)
	}
	if c.Handle == nil {
		return fmt.Errorf("command %q: no handler", c.Name)
	}
	if len(c.Options) > 25 || len(c.Subcommands) > 25 {
		return fmt.Errorf("command %q: more than 25 options", c.Name)
	}
	check := func(where string, opts []Option) error {
		seen := map[string]bool{}
		for _, o := range opts {
			if !namePattern.MatchString(o.Name) {
				return fmt.Errorf("%s option %q: bad name", where, o.Name)
			}
			if seen[o.Name] {
				return fmt.Errorf("%s option %q: duplicate", where, o.Name)
			}
			seen[o.Name] = true
			if n := len([]rune(o.Description)); n < 1 || n > 100 {
				return fmt.Errorf("%s option %q: description must be 1-100 characters", where, o.Name)
			}
			if o.Autocomplete && c.Complete == nil {
				return fmt.Errorf("%s option %q: autocomplete without Complete", where, o.Name)
			}
			if len(o.Choices) > 25 {
				return fmt.Errorf("%s option %q: more than 25 choices", where, o.Name)
			}
		}
		return nil
	}
	if err := check(c.Name, c.Options); err != nil {
		return err
	}
	for _, s := range c.Subcommands {
		if !namePattern.MatchString(s.Name) {
			return fmt.Errorf("command %q: subcommand %q: bad name", c.Name, s.Name)
		}
		if n := len([]rune(s.Description)); n < 1 || n > 100 {
			return fmt.Errorf("command %q: subcommand %q: description must be 1-100 characters", c.Name, s.Name)
		}
		if err := check(c.Name+" "+s.Name, s.Options); err != nil {
			return err
		}
	}
	return nil
}

// All builds every command from deps. A duplicate name or a command that
// breaks Discord's rules panics: it is a programming error caught by tests.
func All(d Deps) []Command {
	cmds := []Command{
		// one constructor per command file, in /help order
		Ask(d),
		Group(d),
		Person(d),
		Operation(d),
		Place(d),
		Event(d),
		Timeline(d),
		OnThisDay(d),
		Daily(d),
		Figure(d),
		Quiz(d),
		Sources(d),
		ChannelAnswers(d),
	}
	cmds = append(cmds, Help(cmds))
	seen := map[string]bool{}
	for _, c := range cmds {
		if err := c.Check(); err != nil {
			panic(err)
		}
		if seen[c.Name] {
			panic(fmt.Sprintf("handlers: duplicate command %q", c.Name))
		}
		seen[c.Name] = true
	}
	return cmds
}

package handlers

// Discord's limits on what a bot may send. Handlers keep their responses
// within them; bot/ enforces them again when it renders, so that no reply
// is ever refused.
const (
	MaxContent       = 2000 // characters of message content
	MaxEmbeds        = 10   // embeds per message
	MaxTitle         = 256  // characters of an embed title
	MaxDescription   = 4096 // characters of an embed description
	MaxFields        = 25   // fields per embed
	MaxFieldName     = 256  // characters of a field name
	MaxFieldValue    = 1024 // characters of a field value
	MaxFooter        = 2048 // characters of an embed footer
	MaxEmbedTotal    = 6000 // characters across all of a message's embeds
	MaxChoices       = 25   // autocomplete choices
	MaxChoiceLen     = 100  // characters of a choice's name or value
	MaxButtonsPerRow = 5    // buttons in one action row
	MaxRows          = 5    // action rows per message
	MaxButtons       = MaxButtonsPerRow * MaxRows
	MaxCustomID      = 100 // characters of a component's custom id
	MaxButtonLabel   = 80  // characters of a button label
)

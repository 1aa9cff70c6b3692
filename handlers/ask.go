package handlers

import (
	"strings"
)

// Ask is /ask question: the engine's answer. It also answers free-text
// messages (Request.Kind == KindMessage) and "did you mean" buttons, whose
// id is the fact to explain.
func Ask(d Deps) Command {
	return Command{
		Name:        "ask",
		Description: "Ask a question about Mali's conflict, politics and history",
		Help:        "`/ask question:who leads JNIM?` — answers from the sources, or says it is not sure.",
		Options: []Option{{
			Name: "question", Description: "Your question, e.g. when was the Radisson Blu attack?",
			Type: String, Required: true,
		}},
		Handle: func(r Request) Response {
			switch r.Kind {
			case KindButton:
				a, ok := d.Facts.Explain(r.Button)
				if !ok {
					return notice("That button is from an older version of me; please ask again.")
				}
				return answerResponse(a)
			case KindMessage:
				return answerResponse(d.Facts.Ask(r.Text))
			}
			q := r.Option("question")
			if strings.TrimSpace(q) == "" {
				return notice("Type a question after `/ask`, for example `/ask question:who leads JNIM?`")
			}
			return answerResponse(d.Facts.Ask(q))
		},
	}
}

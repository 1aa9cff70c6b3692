package handlers

import (
	"fmt"
	"strings"
)

// Sources is /sources: the documents the base is curated from, with their
// publisher, what each covers and how many facts cite it.
func Sources(d Deps) Command {
	return Command{
		Name:        "sources",
		Description: "The documents my answers come from, and what each covers",
		Help:        "`/sources` — the documents behind every answer: publisher, date and what each covers.",
		Handle: func(r Request) Response {
			cited := map[string]int{}
			for _, f := range d.Facts.Facts {
				seen := map[string]bool{}
				for _, s := range f.Sources {
					if !seen[s.Doc] {
						seen[s.Doc] = true
						cited[s.Doc]++
					}
				}
			}
			e := Embed{Title: "Sources", Color: colorAnswer,
				Description: "Every answer cites one of these documents and the line it comes from."}
			for _, doc := range d.Facts.Docs {
				var b strings.Builder
				b.WriteString(doc.Publisher)
				if doc.Published != "" {
					b.WriteString(", " + doc.Published)
				}
				fmt.Fprintf(&b, " · cited by %d %s\n%s", cited[doc.ID], plural(cited[doc.ID], "fact"), doc.Covers)
				e.Fields = append(e.Fields, Field{Name: doc.Title, Value: b.String()})
			}
			if len(d.Facts.Docs) == 0 {
				e.Description = "I have no source documents loaded."
			}
			return Response{Embeds: []Embed{fit(e)}}
		},
	}
}

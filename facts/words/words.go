// Package words knows the common English words, from SCOWL (sizes 10 to
// 35, English, American and British spellings; see SCOWL-COPYRIGHT): those
// of five letters or more in english.txt, of three or four in short.txt. The engine uses it to tell a misspelling
// ("atack") from a real word the fact base happens not to use ("along",
// "referendum"): only the first is corrected, and the second is a sign
// that the question may be about something the documents do not cover.
package words

import (
	_ "embed"
	"sort"
	"strings"
	"sync"
)

//go:embed english.txt
var english string

//go:embed short.txt
var short string

var (
	once   sync.Once
	starts []int32 // offset of each word in english, in sorted order
)

func index() {
	starts = make([]int32, 0, strings.Count(english, "\n"))
	for i := 0; i < len(english); {
		starts = append(starts, int32(i))
		j := strings.IndexByte(english[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
	}
}

func at(k int) string {
	s := english[starts[k]:]
	if j := strings.IndexByte(s, '\n'); j >= 0 {
		s = s[:j]
	}
	return s
}

// Common reports whether w, lower case, is a common English word of at
// least five letters. Shorter words are never listed.
func Common(w string) bool {
	if len(w) < 5 {
		return false
	}
	once.Do(index)
	k := sort.Search(len(starts), func(k int) bool { return at(k) >= w })
	return k < len(starts) && at(k) == w
}

// Short reports whether w, lower case, is a common English word of three
// or four letters ("tore", "chat"). The list is small enough to search
// as it is embedded.
func Short(w string) bool {
	if len(w) < 3 || len(w) > 4 {
		return false
	}
	i := strings.Index(short, "\n"+w+"\n")
	return i >= 0 || strings.HasPrefix(short, w+"\n")
}

// IsWord reports whether w is a common English word of any length the
// lists hold (three letters or more).
func IsWord(w string) bool { return Common(w) || Short(w) }

package bot

import (
	"encoding/json"
	"io"
	"os/exec"
	"strings"
	"testing"
)

// The import policy, as a statement (after the Go tree's deps_test.go):
// the domain knows nothing of Discord, handlers see only facts and the
// standard library, and only bot/ reaches Discord, cron and databases.
var (
	// adapters are what only bot/ may import.
	adapters = []string{
		"github.com/bwmarrin/discordgo",
		"github.com/gorilla/websocket",
		"github.com/robfig/cron",
		"modernc.org/sqlite",
		"github.com/jackc/pgx",
		"github.com/lib/pq",
		"github.com/mattn/go-sqlite3",
		"database/sql",
		"github.com/prometheus/",
	}
	module = "github.com/malibot/malibot"
)

type listed struct {
	ImportPath string
	Standard   bool
	Imports    []string
	Deps       []string
}

func goList(t *testing.T, args ...string) []listed {
	t.Helper()
	cmd := exec.Command("go", append([]string{"list", "-e", "-json"}, args...)...)
	cmd.Dir = ".."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var pkgs []listed
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p listed
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

func isAdapter(path string) bool {
	for _, a := range adapters {
		if path == a || strings.HasPrefix(path, strings.TrimSuffix(a, "/")+"/") || (strings.HasSuffix(a, "/") && strings.HasPrefix(path, a)) {
			return true
		}
	}
	return false
}

func standard(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

func TestImportPolicy(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs go list")
	}
	for _, p := range goList(t, "-deps=false", "./...") {
		inBot := p.ImportPath == module+"/bot" || strings.HasPrefix(p.ImportPath, module+"/bot/")
		inFacts := p.ImportPath == module+"/facts" || strings.HasPrefix(p.ImportPath, module+"/facts/")
		inHandlers := p.ImportPath == module+"/handlers"
		switch {
		case inFacts || inHandlers:
			for _, d := range p.Deps {
				if isAdapter(d) || strings.HasPrefix(d, module+"/bot") || strings.HasPrefix(d, module+"/cmd") {
					t.Errorf("%s depends on %s", p.ImportPath, d)
				}
				if inFacts && d == module+"/handlers" {
					t.Errorf("%s depends on handlers", p.ImportPath)
				}
			}
			if inHandlers {
				for _, imp := range p.Imports {
					if !standard(imp) && imp != module+"/facts" && !strings.HasPrefix(imp, module+"/facts/") {
						t.Errorf("handlers imports %s; it may import facts and the standard library only", imp)
					}
				}
			}
		case p.ImportPath == module+"/bot/discordtest":
			for _, imp := range p.Imports {
				if strings.HasPrefix(imp, "github.com/bwmarrin/discordgo") || strings.HasPrefix(imp, module) {
					t.Errorf("discordtest imports %s: the fake must check the wire, not discordgo's view of it", imp)
				}
			}
		case !inBot:
			for _, imp := range p.Imports {
				if isAdapter(imp) {
					t.Errorf("%s imports %s; only bot/ may", p.ImportPath, imp)
				}
			}
		}
	}
}

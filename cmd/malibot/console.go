package main

import (
	"bufio"
	"context"
	"fmt"
	"strings"

	"github.com/malibot/malibot/handlers"
)

func consoleCmd(ctx context.Context, e env) error {
	sh, err := newShell()
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "malibot console: ask a question, or try /help, /group name:jnim, /onthisday, /quiz. A number presses a button. Ctrl-D or /quit leaves.")
	sc := bufio.NewScanner(e.stdin)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for {
		fmt.Fprint(e.stdout, "> ")
		if !sc.Scan() || ctx.Err() != nil {
			fmt.Fprintln(e.stdout)
			return sc.Err()
		}
		line := strings.TrimSpace(sc.Text())
		switch line {
		case "":
			continue
		case "/quit", "/exit", "quit", "exit":
			return nil
		}
		resp := sh.do(line)
		fmt.Fprint(e.stdout, handlers.Plain(resp))
		for i, b := range resp.Buttons {
			if i < 9 {
				fmt.Fprintf(e.stdout, "  %d: %s\n", i+1, b.Label)
			}
		}
	}
}

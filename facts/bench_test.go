package facts

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"
)

// benchQuestions are the question set's lines, or a few fixed ones.
func benchQuestions(tb testing.TB) []string {
	var qs []string
	files, _ := filepath.Glob("../testdata/eval/*.jsonl")
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			tb.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			var q struct{ Q string }
			if json.Unmarshal(sc.Bytes(), &q) == nil && q.Q != "" {
				qs = append(qs, q.Q)
			}
		}
		f.Close()
	}
	if len(qs) == 0 {
		qs = []string{"who leads jnim??", "when was the radisson attack", "how many christians in mali", "what is the AES", "asdf"}
	}
	return qs
}

// BenchmarkAsk answers the question set one question at a time and
// reports the median and 99th-percentile latency of a single question.
// Run with -cpu 1 for one core: go test ./facts -bench Ask -cpu 1
func BenchmarkAsk(b *testing.B) {
	base, err := Load(Data())
	if err != nil {
		b.Fatal(err)
	}
	qs := benchQuestions(b)
	lat := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		base.Ask(qs[i%len(qs)])
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
}

// BenchmarkLoad builds the whole base, index included, from the embedded
// data files, and reports the heap the built base keeps.
// BenchmarkLoad builds the engine as the binary does: from the decoded
// snapshot of the embedded data.
func BenchmarkLoad(b *testing.B) { benchLoad(b, loadEmbedded) }

// BenchmarkLoadYAML builds it from the YAML files themselves, as when the
// snapshot is stale.
func BenchmarkLoadYAML(b *testing.B) { benchLoad(b, func() (*Base, error) { return Load(Data()) }) }

func benchLoad(b *testing.B, load func() (*Base, error)) {
	b.ReportAllocs()
	var base *Base
	for i := 0; i < b.N; i++ {
		var err error
		if base, err = load(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	b.ReportMetric(float64(m.HeapAlloc)/(1<<20), "heap-MiB")
	runtime.KeepAlive(base)
}

// BenchmarkAskLongLine asks lines of 100,000 bytes made of clause breaks,
// the worst case for finding the asking clause: each took 20-80 s while
// lastClause searched the line again for every break (session 7's fuzzing
// found it), and takes milliseconds now.
func BenchmarkAskLongLine(b *testing.B) {
	base, err := Load(Data())
	if err != nil {
		b.Fatal(err)
	}
	var lines []string
	for _, unit := range []string{"? ", ". ", "- ", "— ", ", when "} {
		lines = append(lines, strings.Repeat(unit, 100_000/len(unit)))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		base.Ask(lines[i%len(lines)])
	}
}

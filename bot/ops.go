package bot

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the bot's Prometheus metrics, in a registry of its own.
type metrics struct {
	reg      *prometheus.Registry
	answered prometheus.Counter
	declined prometheus.Counter
	panics   prometheus.Counter
	latency  *prometheus.HistogramVec
}

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		answered: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "malibot_questions_answered_total",
			Help: "Questions (/ask, messages, did-you-mean buttons) answered with confidence.",
		}),
		declined: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "malibot_questions_declined_total",
			Help: "Questions declined or answered only with suggestions.",
		}),
		panics: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "malibot_panics_total",
			Help: "Panics recovered while handling events.",
		}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "malibot_reply_latency_seconds",
			Help:    "Time from an event received to its reply sent, by event kind.",
			Buckets: []float64{.001, .002, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"kind"}),
	}
	m.reg.MustRegister(m.answered, m.declined, m.panics, m.latency,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// serveHTTP serves /healthz, /readyz and /metrics on addr. /healthz is
// liveness: 200 whenever the process serves, even while the gateway
// reconnects, so that an orchestrator does not restart a bot that will
// come back by itself. /readyz is readiness: 200 only while every shard is
// connected to Discord, 503 while one is (re)connecting.
func (b *Bot) serveHTTP(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("HTTP_ADDR %s: %w", addr, err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if !b.Ready() {
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprintf(w, "not connected to Discord: shard %s\n", b.notReady())
			return
		}
		fmt.Fprintln(w, "ready")
	})
	mux.Handle("GET /metrics", promhttp.HandlerFor(b.metrics.reg, promhttp.HandlerOpts{}))
	b.httpLn = ln
	b.httpSrv = &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		if err := b.httpSrv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			b.log.Error("HTTP server", "err", err)
		}
	}()
	b.log.Info("serving /healthz, /readyz and /metrics", "addr", ln.Addr().String())
	return nil
}

// HTTPAddr is the address /healthz, /readyz and /metrics are served on, or "".
func (b *Bot) HTTPAddr() string {
	if b.httpLn == nil {
		return ""
	}
	return b.httpLn.Addr().String()
}

func (b *Bot) shutdownHTTP(ctx context.Context) {
	if b.httpSrv == nil {
		return
	}
	if err := b.httpSrv.Shutdown(ctx); err != nil {
		b.log.Warn("HTTP shutdown", "err", err)
	}
}

package main

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/robfig/cron/v3"
	"github.com/spf13/cobra"

	"github.com/gongkai/gongkai/audit"
	"github.com/gongkai/gongkai/facts"
	"github.com/gongkai/gongkai/report"
	"github.com/gongkai/gongkai/rules"
	"github.com/gongkai/gongkai/store"
)

// serveFlags are serve's own flags.
type serveFlags struct {
	sitesFile       string
	listen          string
	schedule        string
	auditOnStart    bool
	shutdownTimeout time.Duration
}

// cronParser reads the standard five fields (minute hour day-of-month month
// day-of-week) and descriptors such as @daily; times are Asia/Shanghai unless the
// expression starts with CRON_TZ=.
var cronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

func (a *app) serveCmd() *cobra.Command {
	var o serveFlags
	c := &cobra.Command{
		Use:   "serve --sites sites.yaml",
		Short: "Audit on a schedule and serve the scorecards, /metrics, /healthz and /readyz",
		Long: `Run as a service: audit the sites of sites.yaml on a cron schedule (Asia/Shanghai),
never two audits at once (a trigger while one runs is skipped, logged and counted in
gongkai_audit_skipped_total), and serve over HTTP:

  /          the scorecards (the folder --out, rendered at start-up and after each audit)
  /metrics   Prometheus metrics (per-site series read from --db at each scrape)
  /healthz   200 while the process runs
  /readyz    200 when the database answers, the rules are loaded and the scorecards
             have been rendered (from the store at start-up, so also before any audit);
             503 otherwise and while shutting down

Each audit judges deadlines at its own date (today in Asia/Shanghai), so --as-of does
not apply. After an audit, history beyond --keep-runs completed audits per site is
pruned. SIGHUP reloads sites.yaml (and --rules): a file with errors is reported and the
previous configuration kept. SIGTERM or SIGINT stops the service: the audit in progress
is cancelled and recorded as interrupted (the next audit resumes it), then the process
exits 0; if the audit has not wound down within --shutdown-timeout the exit code is 3.`,
		Example: `  gongkai serve --sites /etc/gongkai/sites.yaml --db /var/lib/gongkai/gongkai.db \
      --out /var/lib/gongkai/scorecards --listen 127.0.0.1:9788 --schedule "0 2 * * *"
  gongkai serve --sites sites.yaml --audit-on-start --schedule "@every 6h"`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if err := a.checkCommon(); err != nil {
				return err
			}
			if err := a.ops.check(); err != nil {
				return err
			}
			if c.Flags().Changed("as-of") {
				return usageErr("--as-of does not apply to serve: each scheduled audit judges at its own date (today in Asia/Shanghai)")
			}
			if !c.Flags().Changed("log-level") {
				a.logLevel = "info" // a service's journal should say what it did
			}
			if o.sitesFile == "" {
				return usageErr("--sites FILE is required")
			}
			if o.shutdownTimeout <= 0 {
				return usageErr("--shutdown-timeout must be positive")
			}
			sched, err := cronParser.Parse(o.schedule)
			if err != nil {
				return usageErr("--schedule %q: %v (want five fields: minute hour day-of-month month day-of-week, e.g. \"0 2 * * *\", or @daily, @every 6h)", o.schedule, err)
			}
			return a.serve(c.Context(), o, sched)
		},
	}
	f := c.Flags()
	f.StringVar(&o.sitesFile, "sites", "", "the sites file (see README for its format)")
	f.StringVar(&o.listen, "listen", "127.0.0.1:9788", "HTTP listen address")
	f.StringVar(&o.schedule, "schedule", "0 2 * * *", "when to audit: a cron expression in Asia/Shanghai time")
	f.BoolVar(&o.auditOnStart, "audit-on-start", false, "also audit once right after start-up")
	f.DurationVar(&o.shutdownTimeout, "shutdown-timeout", 20*time.Second,
		"on SIGTERM, how long to wait for the running audit to record itself as interrupted")
	a.opsFlags(c)
	a.crawlFlags(c, 250*time.Millisecond)
	return c
}

// server is a running `gongkai serve`.
type server struct {
	a        *app
	o        serveFlags
	st       *store.Store
	metrics  *report.Metrics
	log      *slog.Logger
	sched    cron.Schedule
	outDir   string
	args     string
	draining atomic.Bool

	mu    sync.RWMutex // guards cfg and sites (SIGHUP swaps them)
	cfg   *rules.Config
	sites *audit.SitesFile

	running  atomic.Bool    // an audit is in progress
	work     sync.WaitGroup // the audit and render goroutines, waited for at shutdown
	rendered atomic.Value   // time.Time of the last successful render
	renderMu sync.Mutex     // one render at a time
}

func (a *app) serve(ctx context.Context, o serveFlags, sched cron.Schedule) error {
	cfg, err := a.loadRules()
	if err != nil {
		return err
	}
	sf, err := audit.LoadSites(o.sitesFile, cfg)
	if err != nil {
		return configErr(err)
	}
	outDir := a.outDir
	if outDir == "" {
		// Scorecards are rendered from the store at start-up, so a private folder for
		// the life of the process loses nothing.
		outDir, err = os.MkdirTemp("", "gongkai-scorecards-")
		if err != nil {
			return failedErr(fmt.Errorf("create scorecards folder: %w", err))
		}
		defer os.RemoveAll(outDir)
	} else if err := report.CheckOutDir(outDir); err != nil {
		// Found now, not after the first audit: --out holds files gongkai did not write.
		return configErr(fmt.Errorf("--out: %w", err))
	}
	// Listen before anything slow, so a taken port fails at once.
	ln, err := net.Listen("tcp", o.listen)
	if err != nil {
		return failedErr(fmt.Errorf("listen on %s: %w", o.listen, err))
	}
	st, err := a.openStore(ctx)
	if err != nil {
		ln.Close()
		return err
	}
	s := &server{a: a, o: o, st: st, log: a.logger(), sched: sched, outDir: outDir, cfg: cfg, sites: sf,
		args: strings.Join(os.Args[1:], " ")}
	s.metrics = report.NewMetrics(st, report.MetricsOptions{Sites: s.siteList, Runtime: true, Logger: s.log})

	srv := &http.Server{Handler: s.routes(), ReadHeaderTimeout: 10 * time.Second, IdleTimeout: time.Minute}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	s.log.Info("serving", "listen", ln.Addr().String(), "sites", len(sf.Sites), "schedule", o.schedule,
		"next_audit", s.nextAudit(time.Now()).Format(time.RFC3339), "scorecards", outDir, "db", a.dbFile)

	// Audits and renders run under their own context: cancelled by SIGTERM, and also
	// when the listener fails while no signal came.
	actx, cancelAudits := context.WithCancel(ctx)
	defer cancelAudits()

	// Scorecards of what the store holds, before any audit: /readyz waits for them.
	s.work.Add(1)
	go func() {
		defer s.work.Done()
		s.render(actx)
	}()

	c := cron.New(cron.WithLocation(facts.Shanghai), cron.WithParser(cronParser), cron.WithLogger(cronLogger{s.log}))
	c.Schedule(sched, cron.FuncJob(func() { s.trigger(actx, "schedule") }))
	c.Start()
	if o.auditOnStart {
		s.trigger(actx, "start-up")
	}

	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)

	var serveErr error
loop:
	for {
		select {
		case <-ctx.Done():
			break loop
		case <-hup:
			s.reload()
		case err := <-served:
			serveErr = err // the listener failed: stop like on SIGTERM, then report it
			break loop
		}
	}

	// Shutting down: no new audits, not ready, the running audit (cancelled with ctx)
	// records itself as interrupted.
	s.draining.Store(true)
	s.log.Info("shutting down", "audit_running", s.running.Load())
	stopped := c.Stop()
	select {
	case <-stopped.Done():
	case <-time.After(time.Second):
	}
	cancelAudits()
	done := make(chan struct{})
	go func() { s.work.Wait(); close(done) }()
	timedOut := false
	select {
	case <-done:
	case <-time.After(o.shutdownTimeout):
		timedOut = true
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	srv.Shutdown(sctx)
	switch {
	case timedOut:
		// The store stays open for the audit still winding down; the process exits
		// with it and the next start marks the run interrupted (its owner is gone).
		return failedErr(fmt.Errorf("the running audit did not stop within --shutdown-timeout %s", o.shutdownTimeout))
	case serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed):
		st.Close()
		return failedErr(fmt.Errorf("serve HTTP on %s: %w", o.listen, serveErr))
	}
	if err := st.Close(); err != nil {
		return failedErr(fmt.Errorf("close database: %w", err))
	}
	s.log.Info("stopped")
	return nil
}

// config returns the current rule set and sites.
func (s *server) config() (*rules.Config, *audit.SitesFile) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.cfg, s.sites
}

// siteList is the metrics' site filter: the sites configured now.
func (s *server) siteList() []facts.Site {
	_, sf := s.config()
	out := make([]facts.Site, len(sf.Sites))
	for i, sp := range sf.Sites {
		out[i] = sp.Site()
	}
	return out
}

func (s *server) nextAudit(now time.Time) time.Time {
	return s.sched.Next(now.In(facts.Shanghai))
}

// trigger starts an audit unless one is running.
func (s *server) trigger(ctx context.Context, why string) {
	if ctx.Err() != nil || s.draining.Load() {
		return
	}
	if !s.running.CompareAndSwap(false, true) {
		s.log.Warn("audit not started: the previous audit is still running", "trigger", why)
		s.metrics.AuditSkipped()
		return
	}
	s.work.Add(1)
	go func() {
		defer s.work.Done()
		defer s.running.Store(false)
		s.audit(ctx, why)
	}()
}

// audit runs one audit of the configured sites, then renders the scorecards and
// prunes old history.
func (s *server) audit(ctx context.Context, why string) {
	s.metrics.SetRunning(true)
	defer s.metrics.SetRunning(false)
	cfg, sf := s.config()
	asOf := facts.Today()
	aud := s.a.newAuditor(s.st, cfg, asOf, sf.File)
	aud.Logger = s.log
	aud.Crawl.Observe = s.metrics.ObserveRequest
	began := time.Now()
	s.log.Info("audit started", "trigger", why, "sites", len(sf.Sites), "as_of", asOf.String())
	res, err := aud.Run(ctx, "serve", fmt.Sprintf("%s (%s)", s.args, why), sf.Sites)
	if err != nil || res == nil {
		s.metrics.RunFinished(store.StatusFailed)
		s.log.Error("audit failed", "trigger", why, "err", err)
		return
	}
	s.metrics.RunFinished(res.Status)
	failed := logSites(s.log, res, slog.LevelWarn)
	s.log.Info("audit finished", "run", res.RunID, "status", res.Status, "sites", len(res.Sites), "failed", failed,
		"elapsed", time.Since(began).Round(time.Second).String(), "next_audit", s.nextAudit(time.Now()).Format(time.RFC3339))
	if ctx.Err() != nil {
		return // shutting down: the next start renders from the store
	}
	s.render(ctx)
	if s.a.ops.keepRuns > 0 {
		prune(ctx, s.a, s.st, s.a.ops.keepRuns)
	}
}

// render writes the scorecards of the configured sites from the store into outDir.
func (s *server) render(ctx context.Context) {
	s.renderMu.Lock()
	defer s.renderMu.Unlock()
	cfg, sf := s.config()
	began := time.Now()
	if err := renderScorecards(ctx, s.st, cfg, sf.Sites, s.outDir); err != nil {
		if ctx.Err() == nil {
			s.log.Error("render scorecards", "dir", s.outDir, "err", err)
		}
		return
	}
	s.rendered.Store(time.Now())
	s.log.Info("scorecards rendered", "dir", s.outDir, "elapsed", time.Since(began).Round(time.Millisecond).String())
}

// reload re-reads sites.yaml (and --rules) on SIGHUP; a bad file keeps the old ones.
func (s *server) reload() {
	cfg, err := s.a.loadRules()
	if err != nil {
		s.log.Error("reload: rules not reloaded; keeping the previous configuration", "err", err)
		return
	}
	sf, err := audit.LoadSites(s.o.sitesFile, cfg)
	if err != nil {
		s.log.Error("reload: sites not reloaded; keeping the previous configuration", "err", err)
		return
	}
	s.mu.Lock()
	s.cfg, s.sites = cfg, sf
	s.mu.Unlock()
	s.log.Info("reloaded", "sites", len(sf.Sites), "rules", cfg.Hash, "applies_from", "the next audit")
}

// routes is the HTTP interface.
func (s *server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", s.metrics.Handler())
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("GET /readyz", s.readyz)
	mux.Handle("GET /", s.scorecards())
	return mux
}

// readyz answers 200 when the service can do its job: the database answers, the
// rules are loaded and the scorecards were rendered at least once (from the store at
// start-up, so an empty store is ready too: its overview says nothing is audited yet).
func (s *server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	var lines []string
	ok := true
	check := func(good bool, yes, no string) {
		if good {
			lines = append(lines, "ok   "+yes)
		} else {
			ok = false
			lines = append(lines, "FAIL "+no)
		}
	}
	check(!s.draining.Load(), "running", "shutting down")
	_, err := s.st.Runs(ctx, 1)
	check(err == nil, "database "+s.a.dbFile, fmt.Sprintf("database %s: %v", s.a.dbFile, err))
	cfg, sf := s.config()
	check(cfg != nil, fmt.Sprintf("rules loaded (%d rules, %s)", len(cfg.Rules), shortHash(cfg.Hash)), "rules not loaded")
	lines = append(lines, fmt.Sprintf("ok   sites %d (%s)", len(sf.Sites), sf.File))
	at, _ := s.rendered.Load().(time.Time)
	check(!at.IsZero(), "scorecards rendered "+at.In(facts.Shanghai).Format(time.RFC3339), "scorecards not rendered yet")
	if s.running.Load() {
		lines = append(lines, "ok   audit running")
	}
	lines = append(lines, "ok   next audit "+s.nextAudit(time.Now()).Format(time.RFC3339))
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if !ok {
		w.WriteHeader(http.StatusServiceUnavailable)
	}
	fmt.Fprintln(w, strings.Join(lines, "\n"))
}

func shortHash(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

// scorecards serves the rendered folder: files only (no directory listings, no dot
// files, which are renders in progress), and a placeholder page before the first.
func (s *server) scorecards() http.Handler {
	files := http.FileServerFS(noListing{os.DirFS(s.outDir)})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "no-referrer")
		if r.URL.Path == "/" {
			if _, err := os.Stat(s.outDir + "/index.html"); errors.Is(err, fs.ErrNotExist) {
				s.placeholder(w)
				return
			}
		}
		files.ServeHTTP(w, r)
	})
}

var placeholderPage = template.Must(template.New("").Parse(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>gongkai · 尚无记分卡</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto; padding: 0 1em">
<h1>尚无记分卡</h1>
<p>{{if .Running}}审计正在进行，完成后此处显示记分卡。{{else}}尚未完成任何审计。{{end}}</p>
<p>下一次计划审计：{{.Next}}（北京时间）。共 {{.Sites}} 个单位。</p>
<p><a href="/readyz">/readyz</a> · <a href="/metrics">/metrics</a></p>
</body></html>
`))

func (s *server) placeholder(w http.ResponseWriter) {
	_, sf := s.config()
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	placeholderPage.Execute(w, map[string]any{
		"Running": s.running.Load(), "Sites": len(sf.Sites),
		"Next": s.nextAudit(time.Now()).Format("2006-01-02 15:04"),
	})
}

// noListing hides directories without an index.html and dot files.
type noListing struct{ fsys fs.FS }

func (n noListing) Open(name string) (fs.File, error) {
	for _, seg := range strings.Split(name, "/") {
		if strings.HasPrefix(seg, ".") && seg != "." {
			return nil, fs.ErrNotExist
		}
	}
	f, err := n.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	if st, err := f.Stat(); err == nil && st.IsDir() {
		if _, err := fs.Stat(n.fsys, path.Join(name, "index.html")); err != nil {
			f.Close()
			return nil, fs.ErrNotExist
		}
	}
	return f, nil
}

// cronLogger sends cron's messages to slog (its Info is chatty: debug level).
type cronLogger struct{ log *slog.Logger }

func (l cronLogger) Info(msg string, kv ...any) { l.log.Debug("cron: "+msg, kv...) }
func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append(kv, "err", err)...)
}

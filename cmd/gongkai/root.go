package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/gongkai/gongkai/crawler"
	"github.com/gongkai/gongkai/facts"
	"github.com/gongkai/gongkai/rules"
	"github.com/gongkai/gongkai/store"
)

// Exit codes (SPEC): 0 ran and nothing at or above --fail-on; 1 findings at or above
// --fail-on; 2 usage or configuration error; 3 the run itself failed.
const (
	exitOK       = 0
	exitFindings = 1
	exitUsage    = 2
	exitFailed   = 3
)

// env is what the program gets from the outside world, so tests drive the whole CLI
// with buffers.
type env struct {
	stdout, stderr io.Writer
	stderrTTY      bool
}

// exitError carries an exit code with the error to print.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func usageErr(format string, a ...any) error {
	return &exitError{exitUsage, fmt.Errorf(format, a...)}
}
func configErr(err error) error { return &exitError{exitUsage, err} }
func failedErr(err error) error { return &exitError{exitFailed, err} }

// run executes the command line and returns the exit code.
func run(ctx context.Context, args []string, e env) int {
	a := &app{env: e}
	root := a.rootCmd()
	root.SetArgs(args)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return a.exit
	}
	var xe *exitError
	if errors.As(err, &xe) {
		if xe.code != exitFindings {
			fmt.Fprintf(e.stderr, "gongkai: %v\n", xe.err)
		}
		return xe.code
	}
	// Anything cobra itself rejects (unknown flag, bad args) is a usage error.
	fmt.Fprintf(e.stderr, "gongkai: %v\nRun 'gongkai --help' for usage.\n", err)
	return exitUsage
}

// app holds the flags shared by the subcommands.
type app struct {
	env
	exit int

	rulesFile    string
	dbFile       string
	asOf         string
	format       string
	outDir       string
	allowPrivate bool
	failOn       string
	logLevel     string

	// crawl is set by the command that runs: each command has its own crawl flag set, as
	// their defaults differ (no delay for the loopback demo).
	crawl *crawlFlags
	// ops is set by the commands that audit sites.yaml (audit, serve).
	ops *opsFlags
}

// crawlFlags are the crawl tuning flags of one command.
type crawlFlags struct {
	maxPages     int
	maxDepth     int
	delay        time.Duration
	parallelism  int
	timeout      time.Duration
	retries      int
	ignoreRobots bool
	userAgent    string
	// checkExternal checks links to other hosts; maxAttachment caps a file read for text.
	checkExternal bool
	maxAttachment int64
}

func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "gongkai",
		Short: "Audit the 政府信息公开 sections of government websites",
		Long: `gongkai audits the 政府信息公开 (government information disclosure) sections of Chinese
government websites against the rules that govern them: it crawls a site's disclosure
columns, judges what it finds (validity marks on 行政规范性文件, publication deadlines in
working days, …), and reports a score with the evidence for every finding.

Start with:
  gongkai demo                         audit the built-in sample county site
  gongkai scan https://www.xx.gov.cn/  audit one site
  gongkai inspect URL                  show the facts extracted from one page
  gongkai rules                        list the rules and their legal basis`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageErr("%v\nRun '%s --help' for usage.", err, c.CommandPath())
	})
	pf := root.PersistentFlags()
	pf.StringVar(&a.rulesFile, "rules", "", "rule set file (default: the embedded rules.yaml)")
	pf.StringVar(&a.dbFile, "db", "gongkai.db", "SQLite database file")
	pf.StringVar(&a.asOf, "as-of", "", "date deadlines are judged at, YYYY-MM-DD (default: today in Asia/Shanghai)")
	pf.StringVar(&a.format, "format", "text", "output format: text, json or csv")
	pf.StringVar(&a.outDir, "out", "", "also write the scorecards (index.html, sites/, runs/) and exports (result.json, findings.csv, gongkai.xlsx) to this folder")
	pf.BoolVar(&a.allowPrivate, "allow-private", false, "allow crawling loopback and private addresses")
	pf.StringVar(&a.failOn, "fail-on", "none", "exit 1 when a finding is at or above this severity: none, low, medium, high, critical")
	pf.StringVar(&a.logLevel, "log-level", "warn", "log level on stderr: debug, info, warn, error")
	root.AddCommand(a.scanCmd(), a.demoCmd(), a.inspectCmd(), a.rulesCmd(), a.auditCmd(), a.serveCmd(), a.reportCmd())
	root.AddCommand(a.benchCmd()) // hidden: bench.go
	return root
}

// crawlFlags adds the crawl tuning flags to a command that crawls; the command's RunE
// makes them the app's (useCrawl) before running.
func (a *app) crawlFlags(c *cobra.Command, delay time.Duration) *crawlFlags {
	cf := &crawlFlags{}
	f := c.Flags()
	f.IntVar(&cf.maxPages, "max-pages", 5000, "page budget per site")
	f.IntVar(&cf.maxDepth, "max-depth", 6, "link hops from the start URL (list pagination does not count)")
	f.DurationVar(&cf.delay, "delay", delay, "delay between requests to one host")
	f.IntVar(&cf.parallelism, "parallelism", 2, "concurrent requests per host")
	f.DurationVar(&cf.timeout, "timeout", 20*time.Second, "timeout of one request")
	f.IntVar(&cf.retries, "retries", 2, "extra attempts on timeouts, 5xx and 429")
	f.BoolVar(&cf.ignoreRobots, "ignore-robots", false, "ignore robots.txt (only for audits the site owner authorised)")
	f.StringVar(&cf.userAgent, "user-agent", "", "User-Agent header (default identifies gongkai)")
	f.BoolVar(&cf.checkExternal, "check-external", false, "also check links to other hosts (reported unchecked when there is no outside connectivity)")
	f.Int64Var(&cf.maxAttachment, "max-attachment-size", crawler.DefaultMaxAttachmentSize, "largest attachment read for its text, in bytes (larger ones are reported too large)")
	prev := c.PreRunE
	c.PreRunE = func(c *cobra.Command, args []string) error {
		a.crawl = cf
		if prev != nil {
			return prev(c, args)
		}
		return nil
	}
	return cf
}

func (a *app) crawlOptions() crawler.Options {
	cf := a.crawl
	o := crawler.Options{
		UserAgent: cf.userAgent, Delay: cf.delay, Parallelism: cf.parallelism, Timeout: cf.timeout,
		Retries: cf.retries, MaxPages: cf.maxPages, MaxDepth: cf.maxDepth,
		IgnoreRobots: cf.ignoreRobots, AllowPrivate: a.allowPrivate, Logger: a.logger(),
		CheckExternal: cf.checkExternal, MaxAttachmentSize: cf.maxAttachment,
	}
	// In crawler.Options zero means "default"; on the command line 0 means none.
	if cf.delay == 0 {
		o.Delay = crawler.NoDelay
	}
	if cf.retries == 0 {
		o.Retries = crawler.NoRetries
	}
	return o
}

func (a *app) logger() *slog.Logger {
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(a.logLevel)); err != nil {
		lvl = slog.LevelWarn
	}
	opts := &slog.HandlerOptions{Level: lvl}
	if a.stderrTTY {
		return slog.New(slog.NewTextHandler(a.stderr, opts))
	}
	return slog.New(slog.NewJSONHandler(a.stderr, opts))
}

// checkCommon validates the flags every command shares.
func (a *app) checkCommon() error {
	switch a.format {
	case "text", "json", "csv":
	default:
		return usageErr("--format %q: want text, json or csv", a.format)
	}
	if a.failOn != "none" {
		if _, err := rules.ParseSeverity(a.failOn); err != nil {
			return usageErr("--fail-on: %v (or none)", err)
		}
	}
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(a.logLevel)); err != nil {
		return usageErr("--log-level %q: want debug, info, warn or error", a.logLevel)
	}
	if cf := a.crawl; cf != nil {
		switch {
		case cf.maxPages < 1 || cf.maxDepth < 1:
			return usageErr("--max-pages and --max-depth must be at least 1")
		case cf.retries < 0 || cf.delay < 0:
			return usageErr("--retries and --delay must not be negative")
		case cf.parallelism < 1 || cf.timeout <= 0:
			return usageErr("--parallelism and --timeout must be positive")
		}
	}
	return nil
}

// loadRules returns the rule set: --rules FILE or the embedded default.
func (a *app) loadRules() (*rules.Config, error) {
	var cfg *rules.Config
	var err error
	if a.rulesFile == "" {
		cfg, err = rules.Default()
	} else {
		cfg, err = rules.LoadFile(a.rulesFile)
	}
	if err != nil {
		return nil, configErr(err)
	}
	for _, w := range cfg.Warnings {
		fmt.Fprintf(a.stderr, "gongkai: warning: %s\n", w)
	}
	return cfg, nil
}

// asOfDate parses --as-of, defaulting to def (today when zero).
func (a *app) asOfDate(def facts.Date) (facts.Date, error) {
	if a.asOf == "" {
		if def.IsZero() {
			return facts.Today(), nil
		}
		return def, nil
	}
	d, ok := facts.ParseDate(a.asOf)
	if !ok || d.String() != strings.TrimSpace(a.asOf) {
		return facts.Date{}, usageErr("--as-of %q: want a date as YYYY-MM-DD", a.asOf)
	}
	return d, nil
}

// openStore opens --db and marks runs a killed process left behind as interrupted.
func (a *app) openStore(ctx context.Context) (*store.Store, error) {
	st, err := store.Open(ctx, a.dbFile)
	if err != nil {
		return nil, failedErr(fmt.Errorf("open database %s: %w", a.dbFile, err))
	}
	if n, err := st.MarkAbandoned(ctx); err != nil {
		st.Close()
		return nil, failedErr(err)
	} else if n > 0 {
		a.logger().Warn("earlier runs were cut off; marked interrupted", "runs", n)
	}
	return st, nil
}

func ensureDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return failedErr(fmt.Errorf("create output directory: %w", err))
	}
	return nil
}

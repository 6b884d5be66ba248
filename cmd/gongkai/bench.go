package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/gongkai/gongkai/audit"
	"github.com/gongkai/gongkai/crawler"
	"github.com/gongkai/gongkai/facts"
	"github.com/gongkai/gongkai/internal/sitegen"
	"github.com/gongkai/gongkai/rules"
	"github.com/gongkai/gongkai/store"
)

// benchCmd is hidden: measurements for developers, not an auditor's tool.
func (a *app) benchCmd() *cobra.Command {
	c := &cobra.Command{
		Use:    "bench",
		Short:  "Measure the crawler on generated sites (for developers)",
		Hidden: true,
		Args:   cobra.NoArgs,
	}
	c.AddCommand(a.benchCrawlCmd())
	return c
}

// benchOpts are the flags of `gongkai bench crawl`.
type benchOpts struct {
	pages       int
	parallelism int
	delay       time.Duration
	timeout     time.Duration
	retries     int
	frontier    string
	traps       bool
	dir         string
	cpuprofile  string
	// set in the child only
	child bool
	site  string
}

func (a *app) benchCrawlCmd() *cobra.Command {
	o := &benchOpts{}
	c := &cobra.Command{
		Use:   "crawl",
		Short: "Audit a generated site twice (full, then incremental) and report time, bytes and peak memory",
		Long: `Serve a generated county site (internal/sitegen: TRS-style lists and detail pages,
ETag and Last-Modified honoured) on loopback, audit it into a fresh SQLite store, then
audit it again unchanged (the nightly re-audit), and print for each run the pages,
requests, body bytes, pages parsed, 304s, duration, pages/s, peak RSS (VmHWM) and peak
goroutines, with the ratio of run 2 to run 1.

Each frontier (--frontier store, the store-backed one audits use; memory, the crawler's
in-memory one, as the baseline) is measured in its own child process, so that peak RSS
is that of one audit only. The server runs in this process.`,
		Example: `  gongkai bench crawl --pages 20000
  gongkai bench crawl --pages 2000 --frontier store
  gongkai bench crawl --pages 200 --traps --delay 250ms --parallelism 2   # the trap site at default politeness`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if o.child {
				return a.benchChild(c.Context(), o)
			}
			return a.benchParent(c.Context(), o)
		},
	}
	f := c.Flags()
	f.IntVar(&o.pages, "pages", 20000, "documents of the generated site (it has about 5% more pages: lists, home, portal)")
	f.IntVar(&o.parallelism, "parallelism", 4, "concurrent requests per host")
	f.DurationVar(&o.delay, "delay", 0, "politeness delay per host")
	f.DurationVar(&o.timeout, "timeout", 20*time.Second, "timeout of one request attempt")
	f.IntVar(&o.retries, "retries", 2, "extra attempts on timeouts, 5xx and 429")
	f.StringVar(&o.frontier, "frontier", "both", "store, memory or both")
	f.BoolVar(&o.traps, "traps", false, "add the trap section (/trap/: infinite spaces, slow and broken answers)")
	f.StringVar(&o.dir, "dir", "", "directory for the databases (default: a temporary one, removed after)")
	f.StringVar(&o.cpuprofile, "cpuprofile", "", "write CPU profiles of each child's runs to FILE.store.1, FILE.store.2, FILE.memory.1 …")
	f.BoolVar(&o.child, "child", false, "")
	f.StringVar(&o.site, "site", "", "")
	f.MarkHidden("child")
	f.MarkHidden("site")
	return c
}

// benchRun is what the child reports per audit.
type benchRun struct {
	Frontier    string  `json:"frontier"`
	Run         int     `json:"run"`
	Pages       int     `json:"pages"`
	Requests    int     `json:"requests"`
	Bytes       int64   `json:"bytes"`
	Parsed      int     `json:"parsed"`
	NotModified int     `json:"not_modified"`
	Errors      int     `json:"errors"`
	Findings    int     `json:"findings"`
	Seconds     float64 `json:"seconds"`
	PeakRSS     int64   `json:"peak_rss"`  // bytes, VmHWM (reset before run 2 where the kernel allows)
	CrawlRSS    int64   `json:"crawl_rss"` // VmHWM when the crawl ended and judging began
	CrawlSecs   float64 `json:"crawl_seconds"`
	Goroutines  int     `json:"goroutines"`
	HWMReset    bool    `json:"hwm_reset"`
	Err         string  `json:"err,omitempty"`
}

func (a *app) benchParent(ctx context.Context, o *benchOpts) error {
	modes := []string{o.frontier}
	switch o.frontier {
	case "both":
		modes = []string{"store", "memory"}
	case "store", "memory":
	default:
		return usageErr("--frontier %q: want store, memory or both", o.frontier)
	}
	if o.pages < 1 || o.parallelism < 1 {
		return usageErr("--pages and --parallelism must be at least 1")
	}
	gen := sitegen.New(sitegen.Config{Docs: o.pages, Traps: o.traps, OffsiteURL: "http://127.0.0.1:9/offsite/"})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return failedErr(fmt.Errorf("listen on loopback: %w", err))
	}
	srv := &http.Server{Handler: gen, ReadHeaderTimeout: time.Minute}
	go srv.Serve(ln)
	defer func() {
		gen.Close()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}()
	siteURL := "http://" + ln.Addr().String() + "/"
	dir := o.dir
	if dir == "" {
		if dir, err = os.MkdirTemp("", "gongkai-bench-"); err != nil {
			return failedErr(err)
		}
		defer os.RemoveAll(dir)
	}
	self, err := os.Executable()
	if err != nil {
		return failedErr(err)
	}
	fmt.Fprintf(a.stdout, "generated site: %d documents, %d pages, on %s; %d CPUs, %s\n",
		o.pages, gen.PageCount(), siteURL, runtime.NumCPU(), runtime.Version())
	var all []benchRun
	for _, mode := range modes {
		args := []string{"bench", "crawl", "--child", "--site", siteURL, "--frontier", mode,
			"--dir", filepath.Join(dir, mode), "--parallelism", strconv.Itoa(o.parallelism),
			"--delay", o.delay.String(), "--timeout", o.timeout.String(), "--retries", strconv.Itoa(o.retries),
			"--log-level", a.logLevel}
		if o.cpuprofile != "" {
			args = append(args, "--cpuprofile", o.cpuprofile+"."+mode)
		}
		cmd := exec.CommandContext(ctx, self, args...)
		cmd.Stderr = a.stderr
		out, err := cmd.StdoutPipe()
		if err != nil {
			return failedErr(err)
		}
		gen.ResetStats()
		if err := cmd.Start(); err != nil {
			return failedErr(fmt.Errorf("start the %s child: %w", mode, err))
		}
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			var r benchRun
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				fmt.Fprintln(a.stderr, sc.Text())
				continue
			}
			all = append(all, r)
		}
		if err := cmd.Wait(); err != nil {
			return failedErr(fmt.Errorf("the %s child: %w", mode, err))
		}
		var dbSize int64
		if fi, err := os.Stat(filepath.Join(dir, mode, "bench.db")); err == nil {
			dbSize = fi.Size()
		}
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			fmt.Fprintf(a.stdout, "%s frontier: child's maxrss (getrusage) %s; server saw %d requests, %d body bytes; database %s\n",
				mode, mib(ru.Maxrss*1024), gen.Stats().Requests, gen.Stats().Bytes, mib(dbSize))
		}
	}
	tw := tabwriter.NewWriter(a.stdout, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "frontier\trun\tpages\trequests\tbytes\tparsed\t304\terrors\tfindings\tcrawl\tpages/s\tcrawl peak RSS\taudit\taudit peak RSS\tgoroutines\t")
	byMode := map[string][]benchRun{}
	for _, r := range all {
		if r.Err != "" {
			fmt.Fprintf(a.stderr, "gongkai: bench %s run %d: %s\n", r.Frontier, r.Run, r.Err)
		}
		byMode[r.Frontier] = append(byMode[r.Frontier], r)
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%s\t%d\t%d\t%d\t%d\t%.1fs\t%.0f\t%s\t%.1fs\t%s\t%d\t\n", r.Frontier, r.Run, r.Pages, r.Requests,
			mib(r.Bytes), r.Parsed, r.NotModified, r.Errors, r.Findings, r.CrawlSecs, float64(r.Pages)/r.CrawlSecs, mib(r.CrawlRSS),
			r.Seconds, mib(r.PeakRSS), r.Goroutines)
	}
	for _, mode := range modes {
		rs := byMode[mode]
		if len(rs) != 2 {
			continue
		}
		r1, r2 := rs[0], rs[1]
		fmt.Fprintf(tw, "%s\t2/1\t\t%.2f\t%.3f\t%.3f\t\t\t\t%.2f\t\t\t%.2f\t\t\t\n", mode, ratioOf(r2.Requests, r1.Requests),
			ratioOf(int(r2.Bytes), int(r1.Bytes)), ratioOf(r2.Parsed, r1.Parsed), r2.CrawlSecs/r1.CrawlSecs, r2.Seconds/r1.Seconds)
	}
	tw.Flush()
	if len(all) > 0 && !all[len(all)-1].HWMReset {
		fmt.Fprintln(a.stdout, "(peak RSS of run 2 includes run 1: /proc/self/clear_refs could not reset VmHWM)")
	}
	return nil
}

func ratioOf(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func mib(b int64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }

// benchChild audits the site twice into a fresh store and prints one JSON line per run.
func (a *app) benchChild(ctx context.Context, o *benchOpts) error {
	if err := os.MkdirAll(o.dir, 0o755); err != nil {
		return failedErr(err)
	}
	st, err := store.Open(ctx, filepath.Join(o.dir, "bench.db"))
	if err != nil {
		return failedErr(err)
	}
	defer st.Close()
	cfg, err := rules.Default()
	if err != nil {
		return failedErr(err)
	}
	copts := crawler.Options{Delay: o.delay, Parallelism: o.parallelism, Timeout: o.timeout, Retries: o.retries,
		MaxPages: 10 * (o.pages + 1000), Logger: a.logger()}
	if o.delay == 0 {
		copts.Delay = crawler.NoDelay
	}
	if o.retries == 0 {
		copts.Retries = crawler.NoRetries
	}
	// The audit logs "judge" when its crawl is over: the moment to read the crawl's peak.
	mark := &judgeMark{Handler: a.logger().Handler()}
	copts.Logger = slog.New(mark)
	aud := &audit.Auditor{Store: st, Rules: cfg, AsOf: facts.MustParseDate(sitegen.AsOf), Concurrency: 1,
		Crawl: copts, Logger: slog.New(mark), MemoryFrontier: o.frontier == "memory"}
	enc := json.NewEncoder(a.stdout)
	spec := audit.SiteSpec{Name: "生成站", URL: o.site, Level: facts.LevelGovernment}
	for run := 1; run <= 2; run++ {
		reset := false
		if run == 2 {
			runtime.GC()
			debug.FreeOSMemory()
			reset = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
		}
		stopProfile := func() {}
		if o.cpuprofile != "" {
			f, err := os.Create(fmt.Sprintf("%s.%d", o.cpuprofile, run))
			if err != nil {
				return failedErr(err)
			}
			if err := pprof.StartCPUProfile(f); err != nil {
				f.Close()
				return failedErr(err)
			}
			stopProfile = func() {
				pprof.StopCPUProfile()
				f.Close()
			}
		}
		var peakG atomic.Int64
		stop := make(chan struct{})
		go func() { // sample the goroutine count: colly must not hold one per URL
			t := time.NewTicker(20 * time.Millisecond)
			defer t.Stop()
			for {
				if n := int64(runtime.NumGoroutine()); n > peakG.Load() {
					peakG.Store(n)
				}
				select {
				case <-stop:
					return
				case <-t.C:
				}
			}
		}()
		start := time.Now()
		mark.reset(start)
		res, err := aud.Run(ctx, "bench", fmt.Sprintf("bench crawl run %d", run), []audit.SiteSpec{spec})
		took := time.Since(start)
		stopProfile()
		close(stop)
		r := benchRun{Frontier: o.frontier, Run: run, Seconds: took.Seconds(), PeakRSS: vmHWM(), Goroutines: int(peakG.Load()), HWMReset: reset,
			CrawlRSS: mark.rss.Load(), CrawlSecs: time.Duration(mark.took.Load()).Seconds()}
		if err != nil {
			r.Err = err.Error()
		} else {
			s := res.Sites[0]
			r.Pages, r.Requests, r.Bytes, r.Parsed = s.Pages, s.Stats.Requests, s.Stats.Bytes, s.Stats.Parsed
			r.NotModified, r.Errors, r.Findings = s.Stats.NotModified, len(s.Errors), len(s.Findings)
			if s.Err != nil {
				r.Err = s.Err.Error()
			}
		}
		if err := enc.Encode(r); err != nil {
			return failedErr(err)
		}
		if r.Err != "" {
			return failedErr(errors.New(r.Err))
		}
	}
	return nil
}

// judgeMark passes log records on and notes, at the audit's "judge" record (the crawl
// is over), the peak RSS so far and the time since reset.
type judgeMark struct {
	slog.Handler
	start     atomic.Int64 // unix nanoseconds
	rss, took atomic.Int64
}

func (m *judgeMark) reset(t time.Time) {
	m.start.Store(t.UnixNano())
	m.rss.Store(0)
	m.took.Store(0)
}

func (m *judgeMark) Enabled(context.Context, slog.Level) bool { return true }

func (m *judgeMark) Handle(ctx context.Context, r slog.Record) error {
	if r.Message == "judge" && m.rss.Load() == 0 {
		m.rss.Store(vmHWM())
		m.took.Store(time.Now().UnixNano() - m.start.Load())
	}
	if !m.Handler.Enabled(ctx, r.Level) {
		return nil
	}
	return m.Handler.Handle(ctx, r)
}

func (m *judgeMark) WithAttrs(as []slog.Attr) slog.Handler {
	return &judgeView{mark: m, h: m.Handler.WithAttrs(as)}
}

func (m *judgeMark) WithGroup(name string) slog.Handler {
	return &judgeView{mark: m, h: m.Handler.WithGroup(name)}
}

// judgeView is a judgeMark with attributes: the same mark, another handler.
type judgeView struct {
	mark *judgeMark
	h    slog.Handler
}

func (v *judgeView) Enabled(context.Context, slog.Level) bool { return true }

func (v *judgeView) Handle(ctx context.Context, r slog.Record) error {
	if r.Message == "judge" && v.mark.rss.Load() == 0 {
		v.mark.rss.Store(vmHWM())
		v.mark.took.Store(time.Now().UnixNano() - v.mark.start.Load())
	}
	if !v.h.Enabled(ctx, r.Level) {
		return nil
	}
	return v.h.Handle(ctx, r)
}

func (v *judgeView) WithAttrs(as []slog.Attr) slog.Handler {
	return &judgeView{mark: v.mark, h: v.h.WithAttrs(as)}
}

func (v *judgeView) WithGroup(name string) slog.Handler {
	return &judgeView{mark: v.mark, h: v.h.WithGroup(name)}
}

// vmHWM is the process's peak resident set size (VmHWM in /proc/self/status), 0 when
// unknown.
func vmHWM() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			f := strings.Fields(v)
			if len(f) > 0 {
				n, _ := strconv.ParseInt(f[0], 10, 64)
				return n * 1024
			}
		}
	}
	return 0
}

// Package crawler walks the 政府信息公开 section of one government website and emits page
// facts to a Sink. It knows nothing of rules.
//
// One Crawl is one site: one colly collector, one fetch stack (see fetcher), one
// Frontier. The frontier is ours, not colly's queue: colly runs synchronously under a
// bounded set of workers, so memory and goroutines stay bounded, links are deduplicated
// before colly ever parses them, and a cancelled crawl stops at once.
package crawler

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gongkai/gongkai/crawler/extract"
	"github.com/gongkai/gongkai/facts"
)

// DefaultUserAgent identifies the auditor to the sites it reads.
const DefaultUserAgent = "gongkai/0.1 (+政府网站信息公开检查; https://github.com/gongkai/gongkai)"

// NoDelay and NoRetries switch politeness delay and retries off (zero means "default").
const (
	NoDelay   time.Duration = -1
	NoRetries               = -1
)

// Options configure a Crawler. The zero value of every field means its default.
type Options struct {
	UserAgent   string        // default DefaultUserAgent
	Delay       time.Duration // per-host delay between requests (default 250ms; NoDelay for none)
	Parallelism int           // per-host concurrent requests (default 2)
	Timeout     time.Duration // per request attempt, headers and body (default 20s)
	// Retries are extra attempts on timeouts, connection errors, 5xx and 429 (default 2;
	// NoRetries for none), with exponential backoff and jitter; Retry-After is honoured up
	// to MaxRetryAfter, and a longer one gives up at once.
	Retries       int
	RetryBackoff  time.Duration // first backoff, doubled per attempt (default 500ms)
	MaxRetryAfter time.Duration // default 30s
	// MaxBodySize caps a body (default 10 MiB); a cut body is Page.Truncated plus a
	// CrawlError stage "size".
	MaxBodySize int64
	// MaxPages is the page budget of one site (default 5000); reaching it is a CrawlError
	// stage "budget" and Stats.Truncated, not a failure.
	MaxPages int
	// MaxDepth is the link hops from the start URL (default 6); pagination adds none.
	MaxDepth     int
	IgnoreRobots bool // robots.txt is respected by default
	// AllowPrivate allows loopback/private/link-local addresses even when the start URL is
	// public (it always is allowed when the start URL itself resolves there).
	AllowPrivate bool
	Vocabulary   facts.Vocabulary // column kinds by meaning (from rules.yaml)
	// Previous returns the facts of a URL from an earlier run, for conditional requests
	// (ETag / Last-Modified) and unchanged-hash reuse. May be nil.
	Previous func(ctx context.Context, url string) (*facts.Page, bool)
	// Observe is called once per HTTP request made (every attempt and redirect hop,
	// robots.txt included), for metrics. Called from several goroutines. May be nil.
	Observe func(status int, err error)
	Logger  *slog.Logger // default: discard
	// Transport replaces the base transport (tests). The retry and size-cap layers still
	// wrap it; the dial-time address guard lives in the default transport and is lost.
	Transport http.RoundTripper
	// LookupIP and Dial are the default transport's name resolution and dialling (default
	// net.DefaultResolver and net.Dialer); the address guard sits between them. Tests use
	// them to give public names to loopback servers.
	LookupIP func(ctx context.Context, host string) ([]netip.Addr, error)
	Dial     func(ctx context.Context, network, addr string) (net.Conn, error)
	// Extract turns a page body (UTF-8) into facts (default extract.HTML).
	Extract func(u *url.URL, body []byte) (*extract.Result, error)
	// NewFrontier opens the frontier of one site's crawl (default NewMemoryFrontier). The
	// crawler closes it when the crawl ends. A frontier that is an OutcomeRecorder gets
	// each URL's page, link checks, crawl errors and links instead of the Sink.
	NewFrontier func(ctx context.Context, site facts.Site) (Frontier, error)
	// NoNotFoundProbe: do not request a made-up URL per host and top directory to learn
	// the site's not-found page (soft 404s are then recognised by their text only).
	NoNotFoundProbe bool

	// MaxAttachmentSize caps an attachment read for its text (default 20 MiB). A larger
	// file is not cut: it is recorded unreadable ("too large"), never read in part.
	MaxAttachmentSize int64
	// AttachmentText turns a file into text (default: package crawler/attach); kind is
	// the detected type, unreadable says why there is no text. Called from several
	// goroutines.
	AttachmentText func(name, contentType string, body []byte) (text, kind, unreadable string)
	// CheckExternal checks links to other hosts (HEAD, then GET); off by default, so a
	// crawl requests nothing outside its scope. Without outside connectivity the checks
	// are reported unchecked, not broken.
	CheckExternal bool
	// RecheckDelay spaces the rounds of a link check that failed in a way that may heal
	// (timeout, connection error, 5xx) before the link is called broken (default 15s).
	RecheckDelay time.Duration
}

func (o Options) withDefaults() Options {
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	if o.Delay == 0 {
		o.Delay = 250 * time.Millisecond
	}
	if o.Parallelism <= 0 {
		o.Parallelism = 2
	}
	if o.Timeout <= 0 {
		o.Timeout = 20 * time.Second
	}
	if o.Retries == 0 {
		o.Retries = 2
	}
	o.Retries = max(o.Retries, 0)
	if o.RetryBackoff <= 0 {
		o.RetryBackoff = 500 * time.Millisecond
	}
	if o.MaxRetryAfter <= 0 {
		o.MaxRetryAfter = 30 * time.Second
	}
	if o.MaxBodySize <= 0 {
		o.MaxBodySize = 10 << 20
	}
	if o.MaxPages <= 0 {
		o.MaxPages = 5000
	}
	if o.MaxDepth <= 0 {
		o.MaxDepth = 6
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.LookupIP == nil {
		o.LookupIP = defaultLookup
	}
	if o.Dial == nil {
		d := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
		o.Dial = d.DialContext
	}
	if o.Extract == nil {
		o.Extract = extract.HTML
	}
	if o.NewFrontier == nil {
		o.NewFrontier = func(context.Context, facts.Site) (Frontier, error) { return NewMemoryFrontier(), nil }
	}
	o.attachmentDefaults() // attachments.go
	return o
}

// Sink receives what a crawl learns. Its methods are called from one goroutine at a time
// (the crawl's coordinator), in the order things happen; an error stops the crawl.
type Sink interface {
	Page(ctx context.Context, p *facts.Page) error
	LinkCheck(ctx context.Context, c facts.LinkCheck) error
	CrawlError(ctx context.Context, e facts.CrawlError) error
}

// Stats summarise one crawl.
type Stats struct {
	Pages        int   // pages emitted (NotModified and Unchanged included)
	Requests     int   // HTTP requests made (attempts, redirect hops, robots.txt)
	Errors       int   // CrawlErrors emitted
	NotModified  int   // 304 answers to conditional requests
	Unchanged    int   // 200 answers whose body hash equals the previous run's (not re-parsed)
	OutOfScope   int   // distinct links to other hosts (not followed)
	RobotsDenied int   // URLs robots.txt kept us from
	Skipped      int   // URLs dropped by the trap guards (traps.go); each guard and place is one "trap" CrawlError
	SoftNotFound int   // pages answered 200 that are not-found pages (soft 404s), not emitted
	Parsed       int   // bodies run through Options.Extract (not counting unchanged and 304 pages)
	Bytes        int64 // body bytes read, after transfer decoding (robots.txt and not-found probes included)
	Truncated    bool
}

// Errors of a run that could not audit its site.
var (
	ErrStartFailed  = errors.New("start URL could not be fetched")
	ErrRobotsDenied = errors.New("robots.txt disallows the start URL (crawling it needs --ignore-robots on an authorised audit)")
)

// Crawler crawls sites; it is safe to run several crawls at once (each has its own
// collector, transport and frontier).
type Crawler struct {
	o Options
}

// New returns a Crawler with o's zero fields set to their defaults.
func New(o Options) *Crawler { return &Crawler{o: o.withDefaults()} }

// crawl is the state of one site's crawl. Fields below "coordinator" are only touched by
// the coordinator goroutine (Crawl's loop); the rest is read-only during the crawl.
type crawl struct {
	o       *Options
	site    facts.Site
	start   *url.URL
	scope   *scope
	fetch   *fetcher
	pins    map[string]string // normalised URL → column kind
	pinList []Entry
	log     *slog.Logger

	// coordinator
	frontier           Frontier
	sink               Sink
	stats              Stats
	prefixes           []string // host+dir of the portal(s) and pinned columns
	outOfScope         map[string]struct{}
	outOfScopeOverflow int
	traps              *trapGuard // traps.go (its rejected tally is also fed by workers)
	warned             map[string]bool

	notFound *notFound // soft404.go; used by workers
	parsed   atomic.Int64
	x        *extras // platforms, attachments, link checks (linkcheck.go)
}

func (c *Crawler) newCrawl(ctx context.Context, site facts.Site) (*crawl, error) {
	raw := strings.TrimSpace(site.URL)
	if !strings.Contains(raw, "://") {
		raw = "http://" + raw // users type www.x.gov.cn
	}
	start, err := normalizeURL(nil, raw)
	if err != nil {
		return nil, fmt.Errorf("start URL %q: %w", site.URL, err)
	}
	o := &c.o
	cr := &crawl{
		o: o, site: site, start: start, pins: map[string]string{},
		log:        o.Logger.With("site", start.String()),
		outOfScope: map[string]struct{}{}, traps: newTrapGuard(),
		warned: map[string]bool{},
	}
	cr.notFound = newNotFound(cr)
	cr.scope = newScope(start, site.Hosts)
	for kind, raw := range site.Columns {
		u, err := normalizeURL(start, raw)
		if err != nil {
			return nil, fmt.Errorf("column %s pinned to %q: %w", kind, raw, err)
		}
		cr.scope.add(u.Host) // a pin names a page of the site, wherever it is hosted
		cr.pins[u.String()] = kind
		cr.pinList = append(cr.pinList, Entry{
			URL: u.String(), Priority: PriorityColumn, Depth: 1, Hint: facts.KindList, Pinned: true,
			Column: kind, ColumnURL: u.String(), Columns: []string{kind},
		})
	}
	lctx, lcancel := context.WithTimeout(ctx, o.Timeout)
	allowPrivate := o.AllowPrivate || resolvesNonPublic(lctx, o.LookupIP, start.Hostname())
	lcancel()
	cr.fetch, err = newFetcher(ctx, o, cr.scope, allowPrivate, cr.log)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", start, err)
	}
	cr.x = newExtras(cr)
	return cr, nil
}

// Crawl walks site's disclosure section and sends what it finds to sink. The error is
// for the run itself (start URL unreachable or denied, context cancelled, sink failing);
// problems with single pages go to sink.CrawlError.
func (c *Crawler) Crawl(ctx context.Context, site facts.Site, sink Sink) (Stats, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cr, err := c.newCrawl(ctx, site)
	if err != nil {
		return Stats{}, err
	}
	defer cr.fetch.close()
	cr.frontier, err = c.o.NewFrontier(ctx, site)
	if err != nil {
		return Stats{}, fmt.Errorf("%s: opening frontier: %w", cr.start, err)
	}
	defer cr.frontier.Close()
	cr.sink = sink

	hint := facts.KindPortal
	if isHomeURL(cr.start) {
		hint = facts.KindHome
	}
	if hint == facts.KindPortal {
		cr.addDisclosurePrefix(cr.start)
	}
	if _, err := cr.frontier.Push(ctx, []Entry{{URL: cr.start.String(), Priority: PriorityPortal, Hint: hint}}); err != nil {
		return Stats{}, fmt.Errorf("%s: frontier: %w", cr.start, err)
	}
	began := time.Now()
	err = cr.loop(ctx, cancel)
	if err == nil {
		err = cr.finishChecks(ctx) // link checks waiting for the connectivity verdict
	}
	cr.stats.Requests = int(cr.fetch.requests.Load())
	cr.stats.Bytes = cr.fetch.bytes.Load()
	cr.stats.Parsed = int(cr.parsed.Load())
	cr.stats.OutOfScope = len(cr.outOfScope) + cr.outOfScopeOverflow
	cr.log.Info("crawl finished", "pages", cr.stats.Pages, "requests", cr.stats.Requests,
		"errors", cr.stats.Errors, "elapsed", time.Since(began).Round(time.Millisecond), "err", err)
	return cr.stats, err
}

// outcome is what a worker learned about one entry.
type outcome struct {
	entry        Entry
	page         *facts.Page
	res          *extract.Result
	links, pages []candidate
	fail         *facts.CrawlError  // the fetch failed: no page
	linkCheck    *facts.LinkCheck   // the failure makes the link that led here broken/blocked
	parseErr     *facts.CrawlError  // extraction failed; page emitted with fetch facts only
	notes        []facts.CrawlError // problems of a page that is emitted (charset, binary junk)
	robotsDenied bool
	notModified  bool
	unchanged    bool
	checks       []facts.LinkCheck // link checks of the files read with the page, or of a check entry
	extra        []Entry           // entries the platform adapters found (queued before the links)
}

// loop is the coordinator: it pops the frontier into at most Parallelism requests per
// host, hands them to workers, and processes their outcomes (sink, frontier) itself, so
// neither the sink nor the frontier sees concurrent calls.
func (cr *crawl) loop(ctx context.Context, cancel context.CancelFunc) error {
	par := cr.o.Parallelism
	results := make(chan *outcome, 64)
	capacity := 0
	var wg sync.WaitGroup
	inflight, dispatched := 0, 0
	perHost := map[string]int{}
	var ready []Entry
	var runErr error
	if r, ok := cr.frontier.(Resumed); ok {
		// A resumed crawl spends what is left of the budget, not a new one.
		n, err := r.Fetched(ctx)
		if err != nil {
			return fmt.Errorf("frontier: %w", err)
		}
		dispatched = n
	}

	// Workers never block on send (capacity ≤ cap(results)): after a cancel the
	// coordinator stops reading and only waits for them.
	dispatch := func(e Entry, host string) {
		inflight++
		dispatched++
		perHost[host]++
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- cr.process(ctx, e)
		}()
	}
	fill := func() error {
		for dispatched < cr.o.MaxPages {
			// The scope can grow (start redirect), and with it the room for workers.
			capacity = min(par*cr.scope.size(), cap(results))
			if len(ready) == 0 {
				free := capacity - inflight
				if free <= 0 {
					return nil
				}
				es, err := cr.frontier.Pop(ctx, free)
				if err != nil {
					return fmt.Errorf("frontier: %w", err)
				}
				if len(es) == 0 {
					return nil
				}
				ready = es
			}
			var rest []Entry
			progressed := false
			for _, e := range ready {
				host := hostOf(e.URL)
				switch {
				case dispatched >= cr.o.MaxPages || perHost[host] >= par || inflight >= capacity:
					rest = append(rest, e)
				case cr.skip(e):
					if err := cr.frontier.Done(ctx, e.Key()); err != nil {
						return fmt.Errorf("frontier: %w", err)
					}
					progressed = true
				default:
					dispatch(e, host)
					progressed = true
				}
			}
			ready = rest
			if !progressed {
				return nil
			}
		}
		return nil
	}

	for runErr == nil {
		if err := ctx.Err(); err != nil {
			runErr = err
			break
		}
		if err := fill(); err != nil {
			runErr = err
			break
		}
		if inflight == 0 {
			break // nothing running and nothing that can run: done (or budget spent)
		}
		select {
		case o := <-results:
			inflight--
			perHost[hostOf(o.entry.URL)]--
			if o.robotsDenied || o.entry.Check {
				dispatched-- // no page: robots.txt denials and link checks do not spend the page budget
			}
			if err := cr.handle(ctx, o); err != nil {
				runErr = err
			}
		case <-ctx.Done():
		}
	}
	if runErr != nil {
		cancel() // in-flight requests abort; workers return within one politeness delay
	}
	wg.Wait()

	cr.stats.Skipped = cr.traps.total()
	if runErr == nil {
		for _, e := range cr.traps.reports(cr.o.MaxDepth) {
			if runErr = cr.emitError(ctx, e); runErr != nil {
				break
			}
		}
	}
	if runErr == nil && dispatched >= cr.o.MaxPages {
		left, _ := cr.frontier.Len(ctx)
		left += len(ready)
		if left > 0 {
			cr.stats.Truncated = true
			runErr = cr.emitError(ctx, facts.CrawlError{
				URL: cr.start.String(), Stage: "budget",
				Err: fmt.Sprintf("page budget of %d pages reached; %d queued URLs not fetched", cr.o.MaxPages, left),
			})
		}
	}
	if runErr != nil && errors.Is(runErr, context.Canceled) && ctx.Err() != nil {
		return fmt.Errorf("crawl of %s interrupted: %w", cr.start, runErr)
	}
	return runErr
}

func hostOf(rawURL string) string {
	_, rest, _ := strings.Cut(rawURL, "://")
	h, _, _ := strings.Cut(rest, "/")
	h, _, _ = strings.Cut(h, "?")
	return h
}

// skip applies the trap guards at pop time (traps.go).
func (cr *crawl) skip(e Entry) bool { return cr.traps.skipAtPop(e) }

func (cr *crawl) warnOnce(key, msg string, args ...any) {
	if cr.warned[key] {
		return
	}
	cr.warned[key] = true
	cr.log.Warn(msg, args...)
}

// handle applies one outcome: sink, frontier, stats. Runs on the coordinator. What the
// entry produced goes out through a urlTx (outcome.go), which marks the entry done last,
// or records it all at once with a transactional frontier.
func (cr *crawl) handle(ctx context.Context, o *outcome) error {
	tx := cr.begin(o.entry)
	err := cr.apply(ctx, tx, o)
	if cerr := tx.commit(ctx); err == nil {
		err = cerr
	}
	return err
}

func (cr *crawl) apply(ctx context.Context, tx *urlTx, o *outcome) error {
	isStart := o.entry.URL == cr.start.String()
	if o.entry.Check {
		return cr.applyCheck(ctx, tx, o) // linkcheck.go
	}
	switch {
	case o.robotsDenied && isStart:
		if err := tx.crawlError(ctx, facts.CrawlError{URL: o.entry.URL, Stage: "robots", Err: ErrRobotsDenied.Error()}); err != nil {
			return err
		}
		return fmt.Errorf("%s: %w", o.entry.URL, ErrRobotsDenied)
	case o.robotsDenied:
		cr.stats.RobotsDenied++
		cr.traps.robotsDenied(o.entry.URL) // one "robots" error per host at the end (traps.go)
		return nil
	case o.fail != nil:
		if o.fail.Stage == "soft404" {
			cr.stats.SoftNotFound++
		}
		if err := tx.crawlError(ctx, *o.fail); err != nil {
			return err
		}
		if o.linkCheck != nil {
			if err := tx.linkCheck(ctx, *o.linkCheck); err != nil {
				return err
			}
		}
		if isStart {
			return fmt.Errorf("%w: %s: %s", ErrStartFailed, o.entry.URL, o.fail.Err)
		}
		return nil
	}
	p := o.page
	if p.URL != o.entry.Key() {
		// Redirected: the final URL may be known already (or be fetched on its own).
		first, err := cr.frontier.MarkSeen(ctx, p.URL)
		if err != nil {
			return fmt.Errorf("frontier: %w", err)
		}
		if !first {
			return nil
		}
	}
	if p.Kind == facts.KindPortal {
		if u, err := url.Parse(p.URL); err == nil {
			cr.addDisclosurePrefix(u)
		}
	}
	cr.log.Debug("page", "url", p.URL, "status", p.Status, "kind", p.Kind, "column", p.Column,
		"depth", o.entry.Depth, "priority", o.entry.Priority, "links", len(o.links))
	if err := tx.page(ctx, p); err != nil {
		return err
	}
	if err := cr.emitChecks(ctx, tx, o.checks); err != nil {
		return err
	}
	cr.stats.Pages++
	if o.notModified {
		cr.stats.NotModified++
	}
	if o.unchanged {
		cr.stats.Unchanged++
	}
	if o.parseErr != nil {
		if err := tx.crawlError(ctx, *o.parseErr); err != nil {
			return err
		}
	}
	for _, e := range o.notes {
		if err := tx.crawlError(ctx, e); err != nil {
			return err
		}
	}
	if p.Truncated {
		if err := tx.crawlError(ctx, facts.CrawlError{
			URL: p.URL, Stage: "size", Status: p.Status,
			Err: fmt.Sprintf("body cut at the %d-byte limit", cr.o.MaxBodySize),
		}); err != nil {
			return err
		}
	}
	cr.traps.listPage(p.ColumnURL, p) // a list whose pages stop bringing entries is stopped
	if isStart {
		for _, pin := range cr.pinList {
			if u, err := url.Parse(pin.URL); err == nil {
				cr.addDisclosurePrefix(u)
			}
		}
		if err := tx.push(ctx, cr.pinList); err != nil {
			return err
		}
	}
	return tx.push(ctx, append(o.extra, cr.entries(o.entry, p, o.links, o.pages)...))
}

func (cr *crawl) emitError(ctx context.Context, e facts.CrawlError) error {
	cr.countError(&e)
	if err := cr.sink.CrawlError(ctx, e); err != nil {
		return fmt.Errorf("sink: crawl error %s: %w", e.URL, err)
	}
	return nil
}

// process fetches one entry and builds its facts. Runs on a worker; touches no
// coordinator state. A panic (extraction of hostile input) becomes a parse error.
func (cr *crawl) process(ctx context.Context, e Entry) (o *outcome) {
	o = &outcome{entry: e}
	defer func() {
		if v := recover(); v != nil {
			cr.log.Error("panic processing page", "url", e.URL, "panic", v)
			o = &outcome{entry: e, fail: &facts.CrawlError{URL: e.URL, Stage: "parse", Err: fmt.Sprintf("panic: %v", v), Time: time.Now()}}
		}
	}()
	if e.Check {
		cr.checkLink(ctx, e, o) // a link target, not a page (linkcheck.go)
		return o
	}
	u, err := url.Parse(e.URL)
	if err != nil {
		o.fail = &facts.CrawlError{URL: e.URL, Stage: "fetch", Err: err.Error(), Time: time.Now()}
		return o
	}
	if !cr.o.IgnoreRobots && !cr.fetch.robots.allowed(ctx, u) {
		o.robotsDenied = true
		return o
	}

	// Incremental: a conditional request for pages that are not lists (lists are always
	// re-read: they are where new documents appear).
	var prev *facts.Page
	hdr := http.Header{}
	if cr.o.Previous != nil && !listish(e.Hint) {
		if p, ok := cr.o.Previous(ctx, e.URL); ok && p != nil && !listish(p.Kind) {
			prev = p
			if p.ETag != "" {
				hdr.Set("If-None-Match", p.ETag)
			}
			if p.LastModified != "" {
				hdr.Set("If-Modified-Since", p.LastModified)
			}
		}
	}

	fr := cr.fetchEntry(ctx, e, u, hdr) // a GET, or a list's POST (platform.go)
	now := time.Now()
	if fr.Err != nil {
		stage := errorStage(fr.Err)
		o.fail = &facts.CrawlError{URL: e.URL, Stage: stage, Status: fr.Status, Err: errorText(fr.Err), Time: now}
		var redirErr *RedirectError
		brokenRedirect := errors.As(fr.Err, &redirErr) && redirErr.Reason != "out of scope"
		if e.From != "" && (stage == "fetch" || brokenRedirect) && ctx.Err() == nil {
			o.linkCheck = &facts.LinkCheck{URL: e.URL, From: e.From, Text: e.Text, Status: fr.Status, Err: o.fail.Err, Broken: true}
		}
		return o
	}
	if fr.Status == http.StatusNotModified && prev != nil {
		p := *prev
		p.FetchedAt = now
		if et := fr.Header.Get("ETag"); et != "" {
			p.ETag = et
		}
		if lm := fr.Header.Get("Last-Modified"); lm != "" {
			p.LastModified = lm
		}
		cr.reuseColumn(&p, e) // incremental.go: same facts, same stored row
		// Its files are checked every run, 304 for unchanged ones (attachments.go).
		o.checks = cr.readAttachments(ctx, &p)
		o.page, o.notModified = &p, true
		o.links, o.pages = cr.candidates(u, &p, nil)
		return o
	}
	if fr.Status < 200 || fr.Status >= 300 {
		msg := fmt.Sprintf("HTTP %d %s", fr.Status, http.StatusText(fr.Status))
		if fr.GaveUp != "" {
			msg += " (" + fr.GaveUp + ")"
		}
		o.fail = &facts.CrawlError{URL: e.URL, From: e.From, Stage: "fetch", Status: fr.Status, Err: msg, Time: now}
		if e.From != "" && fr.Status >= 400 {
			lc := facts.LinkCheck{URL: e.URL, From: e.From, Text: e.Text, Status: fr.Status}
			switch fr.Status {
			case http.StatusUnauthorized, http.StatusForbidden, http.StatusTooManyRequests:
				lc.Blocked = true // bot protection or rate limiting: needs review, not broken
			default:
				lc.Broken = true
			}
			o.linkCheck = &lc
		}
		return o
	}

	final := u
	if fr.URL != nil {
		if n, err := normalizeURL(nil, fr.URL.String()); err == nil {
			final = n
		}
	}
	sum := sha256.Sum256(fr.Raw)
	hash := hex.EncodeToString(sum[:])

	var p *facts.Page
	var res *extract.Result
	switch {
	case prev != nil && prev.Hash == hash:
		cp := *prev
		p, o.unchanged = &cp, true
	case !fr.BodySkipped && isHTML(fr.ContentType, fr.Body):
		o.notes = bodyNotes(final.String(), fr)
		cr.parsed.Add(1)
		res, err = cr.o.Extract(final, fr.Body)
		if err != nil || res == nil || res.Page == nil {
			if err == nil {
				err = errors.New("extractor returned no page")
			}
			o.parseErr = &facts.CrawlError{URL: final.String(), Stage: "parse", Status: fr.Status, Err: err.Error(), Time: now}
			res = nil
			p = &facts.Page{}
		} else {
			p = res.Page
		}
	default:
		p = &facts.Page{}
	}
	p.URL = final.String()
	p.Status = fr.Status
	p.Hash = hash
	p.ETag = fr.Header.Get("ETag")
	p.LastModified = fr.Header.Get("Last-Modified")
	p.FetchedAt = now
	p.Charset = fr.Charset
	p.Truncated = fr.Truncated
	if !o.unchanged {
		p.Kind = pageKind(e, res, fr)
	}
	if final.String() != u.String() {
		p.RequestedURL = u.String()
	}
	var crumbs, pagination []string
	if res != nil {
		crumbs, pagination = res.Breadcrumb, res.Pagination
		p.Breadcrumb = crumbs
	}
	if o.unchanged {
		cr.reuseColumn(p, e) // incremental.go: same facts, same stored row
	} else {
		cr.assignColumn(p, e, crumbs)
	}
	if !o.unchanged && e.URL != cr.start.String() {
		if why := cr.notFound.checkBody(ctx, e, final, p, fr.Raw); why != "" {
			o.fail = &facts.CrawlError{URL: e.URL, From: e.From, Stage: "soft404", Status: fr.Status, Err: why, Time: now}
			if e.From != "" {
				o.linkCheck = &facts.LinkCheck{URL: e.URL, From: e.From, Text: e.Text, Status: fr.Status, Err: why, Broken: true}
			}
			return o
		}
	}
	cr.platformPage(ctx, o, e, final, fr, res, p) // Hanweb, gkmlpt, attachments (platform.go)
	o.page, o.res = p, res
	o.links, o.pages = cr.candidates(final, p, pagination)
	return o
}

func listish(k facts.PageKind) bool {
	return k == facts.KindList || k == facts.KindPortal || k == facts.KindHome
}

// Fetch runs one page through the same fetch stack (scope = its host, robots respected
// unless IgnoreRobots) and returns its facts, for `gongkai inspect`.
func (c *Crawler) Fetch(ctx context.Context, rawURL string) (*facts.Page, *extract.Result, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cr, err := c.newCrawl(ctx, facts.Site{URL: rawURL})
	if err != nil {
		return nil, nil, err
	}
	defer cr.fetch.close()
	e := Entry{URL: cr.start.String()}
	if isHomeURL(cr.start) {
		e.Hint = facts.KindHome
	}
	o := cr.process(ctx, e)
	switch {
	case o.robotsDenied:
		return nil, nil, fmt.Errorf("%s: %w", e.URL, ErrRobotsDenied)
	case o.fail != nil:
		return nil, nil, fmt.Errorf("%s: %s (%s)", e.URL, o.fail.Err, o.fail.Stage)
	case o.parseErr != nil:
		return o.page, o.res, fmt.Errorf("%s: extracting facts: %s", e.URL, o.parseErr.Err)
	}
	return o.page, o.res, nil
}

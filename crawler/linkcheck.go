package crawler

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/gongkai/gongkai/facts"
)

// Link checking: every link target is checked once per run, and what a check finds is a
// facts.LinkCheck through the sink.
//
//   - Pages in scope are fetched by the walk anyway; a fetch that fails makes the link
//     that led there broken (4xx, 5xx, timeout, DNS) or blocked (401, 403, 429)
//     (crawler.go), and a 200 that is the site's not-found page is a soft 404 (below).
//   - Attachments read for their text are checked by that fetch (attachments.go).
//   - Other files in scope (zip, images, ppt, …) are check entries of the frontier,
//     after every page (PriorityCheck): HEAD, then GET when HEAD is refused (405, 501,
//     403 on HEAD) or says anything but 2xx, or when a file URL answers with an HTML
//     page (a soft 404 to compare). GET is the verdict.
//   - Links to other hosts are checked the same way only with Options.CheckExternal: a
//     crawl requests nothing outside its scope unless asked to. robots.txt is not
//     consulted for these single requests (one per linked URL, as a reader's click).
//
// A failure that may heal (timeout, connection refused or reset, 5xx) is not a verdict:
// the check goes back to the frontier for another round after RecheckDelay (three
// rounds in all, each with the fetch stack's own retries), so retries are spread over
// time before a link is called broken. A final timeout is Broken with its error text
// (status 0), never a made-up 404. 401, 403 and 429 are Blocked (bot protection, needs a
// person), not Broken. A redirect out of scope or into private address space is our
// refusal, not the site's fault: recorded with Err "not checked: …", neither broken nor
// blocked.
//
// Without outside connectivity (a sandbox, an intranet audit host) every external link
// would fail at DNS or dial level and look broken. The first externalProbe external
// checks decide: when all of them fail at that level, the run is taken to have no
// outside connectivity, those and all later external checks are reported unchecked
// (Err "not checked: no outside connectivity"), and no further external request is made.
// Until the first ones are in, their results wait in the coordinator.
//
// Soft 404s: a file URL answered 200 with an HTML page goes through the walk's soft-404
// test (soft404.go): the site's not-found page served with 200 is Broken, with the reason.

const (
	// checkRounds is how many rounds a check that fails in a way that may heal gets.
	checkRounds = 3
	// maxLinkChecks bounds the check entries of one crawl.
	maxLinkChecks = 20000
	// externalProbe is how many external checks decide whether there is connectivity.
	externalProbe = 3
)

// extras is the crawl state of the platform adapters, attachments and link checks.
type extras struct {
	attach attachRegistry

	conn connectivity
	ext  *http.Client // external checks: the fetch stack's transport, any host, no colly

	// coordinator only
	checksQueued int
	pending      []facts.LinkCheck // external checks waiting for the connectivity verdict
}

func newExtras(cr *crawl) *extras {
	x := &extras{}
	x.attach.files = map[string]*attachRecord{}
	x.attach.gates = map[string]*hostGate{}
	if cr.fetch != nil && cr.fetch.client != nil {
		x.ext = &http.Client{Transport: cr.fetch.client.Transport, CheckRedirect: externalRedirect}
	}
	return x
}

// externalRedirect follows redirects of an external check anywhere http(s) goes (the
// address guard still applies at dial time), at most maxRedirects hops, no loops.
func externalRedirect(req *http.Request, via []*http.Request) error {
	from := via[len(via)-1].URL.String()
	if len(via) >= maxRedirects {
		return &RedirectError{From: from, To: req.URL.String(), Reason: "too many redirects"}
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return &RedirectError{From: from, To: req.URL.String(), Reason: "not http(s)"}
	}
	n := 0
	for _, v := range via {
		if v.URL.String() == req.URL.String() {
			n++
		}
	}
	if n >= maxVisitsInChain {
		return &RedirectError{From: from, To: req.URL.String(), Reason: "loop"}
	}
	return nil
}

// connectivity is the verdict on outside connectivity, from the first external checks.
type connectivity struct {
	mu       sync.Mutex
	observed int
	failed   int
	state    int // 0 unknown, 1 online, 2 offline
	example  string
}

const (
	connUnknown = iota
	connOnline
	connOffline
)

func (c *connectivity) get() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.state
}

// observe records an external check's first attempt: whether it failed before any HTTP
// answer, at DNS or dial level.
func (c *connectivity) observe(networkFailure bool, errText string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.state != connUnknown {
		return
	}
	c.observed++
	if !networkFailure {
		c.state = connOnline
		return
	}
	c.failed++
	if c.example == "" {
		c.example = errText
	}
	if c.failed >= externalProbe {
		c.state = connOffline
	}
}

// settle decides at the end of a crawl with fewer external checks than the probe: all
// failing at network level means offline.
func (c *connectivity) settle() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.state == connUnknown && c.observed > 0 && c.failed == c.observed {
		c.state = connOffline
	}
	if c.state == connUnknown {
		c.state = connOnline
	}
	return c.state
}

// networkLevel reports a failure before any HTTP answer: name resolution or dialling.
func networkLevel(err error) bool {
	if err == nil {
		return false
	}
	var dnsErr *net.DNSError
	var opErr *net.OpError
	if errors.As(err, &dnsErr) {
		return true
	}
	if errors.As(err, &opErr) && opErr.Op == "dial" {
		return true
	}
	s := err.Error()
	return strings.Contains(s, "network is unreachable") || strings.Contains(s, "no route to host")
}

func (cr *crawl) external(host string) bool {
	return !cr.scope.has(host) && !cr.sameGovernment(host)
}

// checkEntry is the frontier entry that checks a link target found on p (walk.go calls
// it for files in scope that are not read, and for links to other hosts).
func (cr *crawl) checkEntry(from Entry, p *facts.Page, c candidate) (Entry, bool) {
	ours := c.inScope || cr.sameGovernment(c.host)
	switch {
	case c.attachment && ours && readableExts[urlExtOf(c.url)]:
		return Entry{}, false // read with its page (attachments.go): that fetch is its check
	case c.attachment && ours:
		// A file of the site's (or of its government's other hosts): checked.
	case !cr.o.CheckExternal:
		return Entry{}, false // a page or file on another host: only when asked
	}
	if cr.x.checksQueued >= maxLinkChecks {
		cr.warnOnce("checks", "link check cap reached; further link targets not checked", "cap", maxLinkChecks)
		return Entry{}, false
	}
	cr.x.checksQueued++
	return Entry{
		URL: c.url, Priority: PriorityCheck, Depth: from.Depth + 1, Check: true,
		From: p.URL, Text: c.text,
	}, true
}

func urlExtOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return urlExt(u)
}

// checkLink runs one round of a check entry.
func (cr *crawl) checkLink(ctx context.Context, e Entry, o *outcome) {
	u, err := url.Parse(e.URL)
	if err != nil {
		return
	}
	lc := facts.LinkCheck{URL: e.URL, From: e.From, Text: e.Text}
	ext := cr.external(u.Host)
	if ext && cr.x.conn.get() == connOffline {
		lc.Err = "not checked: no outside connectivity"
		o.checks = append(o.checks, lc)
		return
	}
	if wait := time.Until(e.NotBefore); wait > 0 {
		if !sleepCtx(ctx, min(wait, cr.o.RecheckDelay)) {
			return
		}
	}
	if !ext {
		if !cr.o.IgnoreRobots && !cr.fetch.robots.allowed(ctx, u) {
			lc.Blocked, lc.Err = true, "robots.txt disallows"
			o.checks = append(o.checks, lc)
			return
		}
		release, ok := cr.politeHost(ctx, u.Host)
		if !ok {
			return
		}
		defer release()
	}
	r := cr.probeLink(ctx, u, ext)
	if ctx.Err() != nil {
		return
	}
	if ext && e.Attempt == 0 {
		cr.x.conn.observe(networkLevel(r.err), r.errText())
	}
	lc.Status, lc.Err = r.status, r.errText()
	switch v := r.verdict(); v {
	case verdictOK:
		lc.Err = ""
	case verdictBlocked:
		lc.Blocked = true
	case verdictUnchecked:
		lc.Err = "not checked: " + lc.Err
	case verdictHeal:
		if e.Attempt+1 < checkRounds {
			next := e
			next.Attempt++
			next.NotBefore = time.Now().Add(cr.o.RecheckDelay)
			o.extra = append(o.extra, next)
			return
		}
		lc.Broken = true
	default:
		lc.Broken = true
	}
	if r.soft != "" {
		lc.Broken, lc.Err = true, r.soft
	}
	o.checks = append(o.checks, lc)
}

type linkResult struct {
	status int
	err    error
	soft   string // soft 404 reason
}

func (r linkResult) errText() string {
	if r.err == nil {
		if r.status >= 400 {
			return fmt.Sprintf("HTTP %d %s", r.status, http.StatusText(r.status))
		}
		return ""
	}
	return errorText(r.err)
}

const (
	verdictOK = iota
	verdictBroken
	verdictBlocked
	verdictHeal
	verdictUnchecked
)

func (r linkResult) verdict() int {
	if r.soft != "" {
		return verdictBroken
	}
	if r.err != nil {
		var addrErr *AddressError
		var redirErr *RedirectError
		var dnsErr *net.DNSError
		switch {
		case errors.As(r.err, &addrErr):
			return verdictUnchecked
		case errors.As(r.err, &redirErr):
			if redirErr.Reason == "out of scope" {
				return verdictUnchecked
			}
			return verdictBroken
		case errors.As(r.err, &dnsErr) && dnsErr.IsNotFound:
			return verdictBroken
		case mayHeal(r.err):
			return verdictHeal
		}
		return verdictBroken
	}
	switch s := r.status; {
	case s >= 200 && s < 400:
		return verdictOK
	case s == http.StatusUnauthorized || s == http.StatusForbidden || s == http.StatusTooManyRequests:
		return verdictBlocked
	case s >= 500:
		return verdictHeal
	}
	return verdictBroken
}

// probeLink asks HEAD, then GET when HEAD is not a plain success.
func (cr *crawl) probeLink(ctx context.Context, u *url.URL, ext bool) linkResult {
	do := func(method string) *fetchResult {
		if !ext {
			return cr.fetch.do(method, u, nil, http.Header{"Accept": {"*/*"}})
		}
		return cr.externalDo(ctx, method, u)
	}
	head := do(http.MethodHead)
	fileURL := isAttachmentURL(u)
	if head.Err == nil && head.Status >= 200 && head.Status < 300 && !(fileURL && looksHTML(head.ContentType, nil)) {
		return linkResult{status: head.Status}
	}
	if ctx.Err() != nil {
		return linkResult{err: ctx.Err()}
	}
	get := do(http.MethodGet)
	r := linkResult{status: get.Status, err: get.Err}
	if get.Err == nil && get.Status >= 200 && get.Status < 300 && !ext && !get.BodySkipped && looksHTML(get.ContentType, get.Raw) {
		r.soft = cr.softNotFound(ctx, u, get)
	}
	return r
}

// externalDo makes one request of an external check through the fetch stack's
// transport (retries, size cap, address guard), without colly and the scope's
// redirect policy.
func (cr *crawl) externalDo(ctx context.Context, method string, u *url.URL) *fetchResult {
	fr := &fetchResult{URL: u}
	if cr.x.ext == nil {
		fr.Err = errors.New("no client for external checks")
		return fr
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), nil)
	if err != nil {
		fr.Err = err
		return fr
	}
	req.Header.Set("User-Agent", cr.o.UserAgent)
	req.Header.Set("Accept", "*/*")
	resp, err := cr.x.ext.Do(req)
	if err != nil {
		fr.Err = fmt.Errorf("%s %s: %w", method, u, err)
		return fr
	}
	defer resp.Body.Close()
	fr.URL, fr.Status, fr.Header = resp.Request.URL, resp.StatusCode, resp.Header
	fr.ContentType = resp.Header.Get(hdrContentType)
	return fr
}

// --- soft 404 -------------------------------------------------------------------------

// softNotFound asks the walk's soft-404 test (soft404.go) whether a 200 HTML answer for
// the file or link target u is the site's not-found page: the reason, or "".
func (cr *crawl) softNotFound(ctx context.Context, u *url.URL, fr *fetchResult) string {
	body := fr.Body
	if len(body) == 0 && len(fr.Raw) > 0 {
		body, _ = decodeBody(fr.Raw, fr.ContentType)
	}
	final := u
	if fr.URL != nil {
		final = fr.URL
	}
	var p *facts.Page
	if res, err := cr.o.Extract(final, body); err == nil && res != nil && res.Page != nil {
		p = res.Page
	} else {
		p = &facts.Page{URL: final.String()}
	}
	p.Status, p.Kind = fr.Status, facts.KindDetail // a link target: compared like a document
	return cr.notFound.checkBody(ctx, Entry{URL: u.String(), Hint: facts.KindDetail}, final, p, fr.Raw)
}

// --- coordinator side -------------------------------------------------------------

// emitChecks sends link checks to the sink; external ones wait for the connectivity
// verdict.
func (cr *crawl) emitChecks(ctx context.Context, tx *urlTx, checks []facts.LinkCheck) error {
	for _, lc := range checks {
		if u, err := url.Parse(lc.URL); err == nil && cr.external(u.Host) {
			cr.x.pending = append(cr.x.pending, lc)
			continue
		}
		if err := tx.linkCheck(ctx, lc); err != nil {
			return err
		}
	}
	if len(cr.x.pending) > 0 && cr.x.conn.get() != connUnknown {
		return cr.flushExternal(ctx)
	}
	return nil
}

func (cr *crawl) flushExternal(ctx context.Context) error {
	state := cr.x.conn.settle()
	for _, lc := range cr.x.pending {
		if state == connOffline && (lc.Broken || lc.Err != "") && lc.Status == 0 {
			lc.Broken, lc.Blocked = false, false
			if !strings.HasPrefix(lc.Err, "not checked") {
				lc.Err = "not checked: no outside connectivity (" + lc.Err + ")"
			}
		}
		if err := cr.sinkCheck(ctx, lc); err != nil {
			return err
		}
	}
	cr.x.pending = cr.x.pending[:0]
	return nil
}

func (cr *crawl) sinkCheck(ctx context.Context, lc facts.LinkCheck) error {
	if err := cr.sink.LinkCheck(ctx, lc); err != nil {
		return fmt.Errorf("sink: link check %s: %w", lc.URL, err)
	}
	return nil
}

// finishChecks emits what waits at the end of the crawl.
func (cr *crawl) finishChecks(ctx context.Context) error {
	if len(cr.x.pending) == 0 {
		return nil
	}
	return cr.flushExternal(ctx)
}

// applyCheck hands a check entry's outcome over (coordinator): its LinkCheck, or its next
// round.
func (cr *crawl) applyCheck(ctx context.Context, tx *urlTx, o *outcome) error {
	if err := cr.emitChecks(ctx, tx, o.checks); err != nil {
		return err
	}
	return tx.push(ctx, o.extra)
}

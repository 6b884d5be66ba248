package crawler

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/gocolly/colly/v2"

	"github.com/gongkai/gongkai/facts"
)

// fetcher is the fetch stack of one site, composed in one place (newFetcher). A request
// passes, in order:
//
//	scope      frontier admission (host in scope, URL traps)          — walk.go, scope.go
//	robots     robots.txt per host, through this same client           — robots.go
//	politeness colly: one LimitRule per host (parallelism + delay)     — newFetcher
//	redirects  http.Client.CheckRedirect: scope, hop cap, loops         — scope.checkRedirect
//	retry      per-attempt timeout, backoff + jitter, Retry-After       — retrier
//	size cap   body read in the attempt, ≤ MaxBodySize, marked if cut   — bodyCap
//	dial       resolved address checked on every connection             — dialGuard
//	charset    colly OnResponse: re-decode to UTF-8 (header, <meta>)   — decodeBody
//
// colly runs synchronously: the crawler's own frontier and workers decide what is
// requested and when, so colly never holds a queue of its own (see ENGINEERING.md).
type fetcher struct {
	o         *Options
	scope     *scope
	client    *http.Client
	transport *http.Transport // owned (closed after the crawl); nil when Options.Transport is set
	collector *colly.Collector
	robots    *robotsCache
	requests  atomic.Int64
	bytes     atomic.Int64 // body bytes read (after transfer decoding), robots.txt included
	log       *slog.Logger
}

// fetchResult is what one fetch through the stack produced.
type fetchResult struct {
	URL         *url.URL // final URL after redirects
	Status      int
	Header      http.Header
	ContentType string // as sent by the server
	Raw         []byte // body as received, after transfer decoding; at most MaxBodySize
	Body        []byte // Raw decoded to UTF-8 (text types only)
	Charset     string
	Truncated   bool
	BodySkipped bool   // not a text type: the body was not read
	GaveUp      string // why a retryable status was not retried
	Err         error  // transport error or refused redirect; Status may still be set
	// Binary: an attachment fetch (attachments.go): Raw is the file, whatever its type,
	// up to the attachment size limit, and is not decoded. Declared is the
	// Content-Length of a file too large to be read at all (Truncated, Raw empty).
	Binary   bool
	Declared int64
}

// jobKey carries a request's *fetchResult through colly's per-request Context into the
// callbacks, which run synchronously in the worker that called get.
const jobKey = "gongkai.job"

func newFetcher(ctx context.Context, o *Options, sc *scope, allowPrivate bool, log *slog.Logger) (*fetcher, error) {
	f := &fetcher{o: o, scope: sc, log: log}

	var base http.RoundTripper = o.Transport
	if base == nil {
		guard := &dialGuard{lookup: o.LookupIP, dial: o.Dial, allowPrivate: allowPrivate}
		f.transport = &http.Transport{
			// No proxy: the address guard must see the real destination.
			Proxy:                 nil,
			DialContext:           guard.DialContext,
			ForceAttemptHTTP2:     true,
			MaxIdleConns:          64,
			MaxIdleConnsPerHost:   o.Parallelism, // Go keeps 2 by default: reconnect churn at higher parallelism
			IdleConnTimeout:       30 * time.Second,
			TLSHandshakeTimeout:   10 * time.Second,
			ResponseHeaderTimeout: o.Timeout,
			// Go allows 10 MB of response headers; a real server sends a few KB.
			MaxResponseHeaderBytes: maxHeaderBytes,
			ExpectContinueTimeout:  time.Second,
		}
		base = f.transport
	}
	rt := &retrier{
		next:          &bodyCap{next: base, limit: o.MaxBodySize, read: &f.bytes},
		retries:       o.Retries,
		timeout:       o.Timeout,
		backoff:       o.RetryBackoff,
		maxBackoff:    max(o.RetryBackoff, 10*time.Second),
		maxRetryAfter: o.MaxRetryAfter,
		observe: func(status int, err error) {
			f.requests.Add(1)
			if o.Observe != nil {
				o.Observe(status, err)
			}
		},
	}
	jar, _ := cookiejar.New(nil) // some CMSs set a session cookie and redirect to themselves
	f.client = &http.Client{Transport: rt, Jar: jar, CheckRedirect: sc.checkRedirect}

	c := colly.NewCollector(
		colly.UserAgent(o.UserAgent),
		colly.StdlibContext(ctx),
		// Our frontier dedupes; colly's visited set would only cost memory and refuse
		// redirects to pages seen before.
		colly.AllowURLRevisit(),
		// All statuses reach OnResponse; OnError then means "no response".
		colly.ParseHTTPErrorResponse(),
		colly.MaxBodySize(0), // bodyCap caps and records; colly's cap truncates silently
	)
	c.IgnoreRobotsTxt = true // robotsCache does it, with the context
	c.SetClient(f.client)
	c.SetRedirectHandler(sc.checkRedirect) // after SetClient: it installs colly's wrapper
	for _, h := range sc.list() {
		if err := f.limitHost(c, h); err != nil {
			return nil, err
		}
	}
	sc.onAdd = func(h string) {
		if err := f.limitHost(c, h); err != nil {
			log.Warn("no politeness rule for host", "host", h, "err", err)
		}
	}
	c.OnResponse(func(r *colly.Response) {
		j, _ := r.Ctx.GetAny(jobKey).(*fetchResult)
		if j == nil {
			return
		}
		j.URL = r.Request.URL
		j.Status = r.StatusCode
		h := r.Headers.Clone()
		j.ContentType = h.Get(hdrContentType)
		j.Truncated = h.Get(hdrTruncated) == "1"
		j.BodySkipped = h.Get(hdrBodySkipped) == "1"
		j.GaveUp = h.Get(hdrGaveUp)
		j.Binary = r.Request.Headers != nil && r.Request.Headers.Get(hdrAttachmentLimit) != ""
		j.Declared, _ = strconv.ParseInt(h.Get(hdrDeclaredLength), 10, 64)
		for _, k := range []string{hdrContentType, hdrTruncated, hdrBodySkipped, hdrGaveUp, hdrDeclaredLength} {
			h.Del(k)
		}
		if j.ContentType != "" {
			h.Set("Content-Type", j.ContentType)
		}
		j.Header = h
		j.Raw = r.Body
		if !j.BodySkipped && !j.Binary && len(r.Body) > 0 {
			j.Body, j.Charset = decodeBody(r.Body, j.ContentType)
		}
	})
	c.OnError(func(r *colly.Response, err error) {
		j, _ := r.Ctx.GetAny(jobKey).(*fetchResult)
		if j == nil {
			return
		}
		j.Err = err
		if r.Request != nil {
			j.URL = r.Request.URL
		}
		j.Status = r.StatusCode
	})
	f.collector = c
	f.robots = newRobotsCache(f.client, o.UserAgent, log)
	return f, nil
}

// limitHost gives one host its own LimitRule: a rule's parallelism is shared by every
// host it matches, so a glob for all hosts would serialise the site's hosts together.
func (f *fetcher) limitHost(c *colly.Collector, host string) error {
	return c.Limit(&colly.LimitRule{
		DomainRegexp: "^" + regexp.QuoteMeta(host) + "$",
		Parallelism:  f.o.Parallelism,
		Delay:        max(f.o.Delay, 0),
	})
}

// get fetches u through the stack (robots excluded: the caller decides what a denial
// means). It never returns nil.
func (f *fetcher) get(u *url.URL, hdr http.Header) *fetchResult {
	return f.do(http.MethodGet, u, nil, hdr)
}

// do is get for any method; body is sent as is (a POST form's caller sets Content-Type).
func (f *fetcher) do(method string, u *url.URL, body []byte, hdr http.Header) *fetchResult {
	j := &fetchResult{URL: u}
	cctx := colly.NewContext()
	cctx.Put(jobKey, j)
	if hdr == nil {
		hdr = http.Header{}
	}
	hdr.Set("User-Agent", f.o.UserAgent)
	if hdr.Get("Accept") == "" {
		hdr.Set("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
	}
	hdr.Set("Accept-Language", "zh-CN,zh;q=0.9")
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body) // a ReadSeeker: retries can send it again
	}
	err := f.collector.Request(method, u.String(), rd, cctx, hdr)
	if err != nil && j.Err == nil && j.Status == 0 {
		j.Err = err // refused by colly before any callback (e.g. an URL it cannot parse)
	}
	if j.Err != nil {
		j.Err = fmt.Errorf("%s %s: %w", method, u, j.Err)
	}
	return j
}

func (f *fetcher) close() {
	if f.transport != nil {
		f.transport.CloseIdleConnections()
	}
}

// errorStage names the crawl stage a fetch error belongs to.
func errorStage(err error) string {
	var addrErr *AddressError
	var redirErr *RedirectError
	switch {
	case errors.As(err, &addrErr):
		return "scope"
	case errors.As(err, &redirErr):
		return "redirect"
	}
	return "fetch"
}

// errorText is a short, stable description of a fetch error for CrawlError and LinkCheck.
func errorText(err error) string {
	var addrErr *AddressError
	var redirErr *RedirectError
	var dnsErr *net.DNSError
	switch {
	case errors.As(err, &addrErr):
		return addrErr.Error()
	case errors.As(err, &redirErr):
		return redirErr.Error()
	case errors.As(err, &dnsErr):
		return "dns: " + dnsErr.Error()
	case isCertError(err):
		// No insecure option: a site whose certificate does not verify is reported, not read.
		return "tls: certificate not trusted: " + err.Error()
	case errors.Is(err, context.DeadlineExceeded), isTimeout(err):
		return "timeout: " + err.Error()
	}
	return strings.TrimSpace(err.Error())
}

func isCertError(err error) bool {
	var verr *tls.CertificateVerificationError
	var unknown x509.UnknownAuthorityError
	var invalid x509.CertificateInvalidError
	var host x509.HostnameError
	return errors.As(err, &verr) || errors.As(err, &unknown) || errors.As(err, &invalid) || errors.As(err, &host)
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// maxHeaderBytes caps a response's header block (Go's default is 10 MB): a server
// streaming headers without end fails the request instead of filling memory.
const maxHeaderBytes = 256 << 10

// metaCharset finds a charset label in a <meta> of the first KB of a page.
var metaCharset = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([^"'\s;/>]+)`)

// bodyNotes are the problems of a page body that is still worth extracting: a charset
// label no decoder knows (the body was decoded by sniffing), and binary data in what
// was served as HTML. Each is a CrawlError of the page (stage "charset" or "parse").
func bodyNotes(pageURL string, fr *fetchResult) []facts.CrawlError {
	var out []facts.CrawlError
	note := func(stage, msg string) {
		out = append(out, facts.CrawlError{URL: pageURL, Stage: stage, Status: fr.Status, Err: msg, Time: time.Now()})
	}
	if l := declared(fr.ContentType); l != "" {
		if e, _ := lookupCharset(l); e == nil {
			note("charset", fmt.Sprintf("unknown charset label %q in Content-Type; decoded as %s by sniffing", clip(l, 40), fr.Charset))
		}
	}
	if m := metaCharset.FindSubmatch(fr.Raw[:min(len(fr.Raw), 1024)]); m != nil {
		if e, _ := lookupCharset(string(m[1])); e == nil {
			note("charset", fmt.Sprintf("unknown charset label %q in <meta>; decoded as %s by sniffing", clip(string(m[1]), 40), fr.Charset))
		}
	}
	// Control bytes other than whitespace never belong in a page; a few stray ones (Word
	// pastes) are common, many mean binary data served as text/html.
	head := fr.Body[:min(len(fr.Body), 64<<10)]
	ctl := 0
	for _, c := range head {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			ctl++
		}
	}
	if ctl >= 16 {
		note("parse", fmt.Sprintf("malformed page: %d control bytes in the first %d bytes (binary data served as %s?); facts extracted as far as they go",
			ctl, len(head), cmpOr(fr.ContentType, "a page")))
	}
	return out
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

package crawler

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"path"
	"strings"
	"sync"

	"golang.org/x/net/publicsuffix"
)

// Limits that keep the walk out of infinite URL spaces.
const (
	maxURLLength       = 2048  // longer URLs are calendar/search traps, not documents
	maxSegmentRepeats  = 3     // /a/b/a/b/a/b… from relative links resolved against a bad base
	maxQueriesPerPath  = 200   // distinct URLs with a query per path, list entries exempt (calendars, search; traps.go)
	maxPagesPerList    = 500   // pagination pages followed for one list (traps.go)
	maxLinksPerPage    = 10000 // links followed from one page (a generated page can hold millions)
	maxRedirects       = 10
	maxVisitsInChain   = 2 // a URL may recur once in a redirect chain (cookie-setting redirects)
	maxOutOfScopeTrack = 100000
)

// sessionParams are query parameters that carry a session, not content: dropped so that
// one page does not become a new URL per visit. "sid" is content on gkmlpt (the site id
// of its JSON API) and kept there.
var sessionParams = map[string]bool{
	"jsessionid": true, "phpsessid": true, "sessionid": true, "session_id": true,
	"aspsessionid": true, "cfid": true, "cftoken": true, "sid": true,
}

// attachmentExts are file types linked from pages that are not pages: they are recorded
// as attachments by extraction and not fetched as pages.
var attachmentExts = map[string]bool{
	"pdf": true, "doc": true, "docx": true, "xls": true, "xlsx": true, "wps": true, "et": true,
	"dps": true, "ppt": true, "pptx": true, "ofd": true, "ceb": true, "rtf": true, "csv": true,
	"zip": true, "rar": true, "7z": true, "gz": true, "tar": true,
	"jpg": true, "jpeg": true, "png": true, "gif": true, "bmp": true, "tif": true, "tiff": true, "svg": true, "webp": true,
	"mp3": true, "mp4": true, "avi": true, "flv": true, "swf": true, "wmv": true, "mov": true, "wav": true,
	"exe": true, "apk": true, "msi": true, "iso": true, "css": true, "js": true, "ico": true,
}

// refCleaner applies WHATWG's leniencies that net/url lacks: tabs and newlines inside a
// URL are dropped, and "\" reads as "/" (CMS templates rely on both).
var refCleaner = strings.NewReplacer("\t", "", "\n", "", "\r", "", `\`, "/")

// errNotCrawlable is returned by normalizeURL for references that are not web pages
// (mailto:, javascript:, a bare fragment …) or that fall into a URL trap.
var errNotCrawlable = errors.New("not a crawlable URL")

// errTrapURL is the errNotCrawlable of a URL that looks like a trap (too long, a path
// segment repeated): the walk counts these (traps.go).
var errTrapURL = fmt.Errorf("%w: URL trap", errNotCrawlable)

// normalizeURL resolves ref against base and puts it in the one form the frontier keys on:
// lower-case scheme and host, no default port, no fragment, no userinfo, no session ids,
// "/" for an empty path. Query parameter order is kept (it is part of the URL a server
// sees, and sorting it would invent URLs the site never links).
func normalizeURL(base *url.URL, ref string) (*url.URL, error) {
	ref = strings.TrimSpace(ref)
	ref = refCleaner.Replace(ref)
	if ref == "" || strings.HasPrefix(ref, "#") {
		return nil, errNotCrawlable
	}
	if len(ref) > maxURLLength {
		return nil, fmt.Errorf("%w: longer than %d bytes", errTrapURL, maxURLLength)
	}
	var u *url.URL
	var err error
	if base != nil {
		u, err = base.Parse(ref)
	} else {
		u, err = url.Parse(ref)
	}
	if err != nil {
		return nil, err
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, errNotCrawlable
	}
	if u.Host == "" {
		return nil, errNotCrawlable
	}
	u.Host = canonicalHost(u.Scheme, u.Host)
	u.User = nil
	u.Fragment, u.RawFragment = "", ""
	if u.Opaque != "" {
		return nil, errNotCrawlable
	}
	if u.Path == "" {
		u.Path, u.RawPath = "/", ""
	}
	// Path parameters such as ";jsessionid=…" (Java servlet containers).
	if i := strings.Index(strings.ToLower(u.Path), ";jsessionid="); i >= 0 {
		u.Path, u.RawPath = u.Path[:i], ""
	}
	u.RawQuery = dropSessionParams(u.RawQuery, strings.Contains(u.Path, "/gkmlpt/"))
	u.ForceQuery = false
	if repeatsSegments(u.Path) {
		return nil, fmt.Errorf("%w: repeated path segments", errTrapURL)
	}
	if len(u.String()) > maxURLLength {
		return nil, fmt.Errorf("%w: longer than %d bytes", errTrapURL, maxURLLength)
	}
	return u, nil
}

// canonicalHost lower-cases a host and drops the scheme's default port and a trailing dot.
func canonicalHost(scheme, host string) string {
	host = strings.ToLower(host)
	if h, p, err := net.SplitHostPort(host); err == nil {
		if (scheme == "http" && p == "80") || (scheme == "https" && p == "443") {
			host = h
			if strings.Contains(h, ":") { // IPv6 literal
				host = "[" + h + "]"
			}
		}
	}
	return strings.TrimSuffix(host, ".")
}

func dropSessionParams(raw string, gkmlpt bool) string {
	if raw == "" {
		return ""
	}
	parts := strings.Split(raw, "&")
	kept := parts[:0]
	for _, p := range parts {
		if p == "" {
			continue
		}
		name, _, _ := strings.Cut(p, "=")
		name = strings.ToLower(name)
		if strings.HasPrefix(name, "aspsessionid") {
			name = "aspsessionid"
		}
		if sessionParams[name] && !(name == "sid" && gkmlpt) {
			continue
		}
		kept = append(kept, p)
	}
	return strings.Join(kept, "&")
}

// repeatsSegments reports a path in which one segment occurs more than maxSegmentRepeats
// times: the mark of relative links resolved against themselves (/xxgk/xxgk/xxgk/…).
func repeatsSegments(p string) bool {
	segs := strings.Split(strings.Trim(p, "/"), "/")
	if len(segs) <= maxSegmentRepeats {
		return false
	}
	count := map[string]int{}
	for _, s := range segs {
		if s == "" {
			continue
		}
		count[s]++
		if count[s] > maxSegmentRepeats {
			return true
		}
	}
	return false
}

// urlExt is the lower-case extension of the URL's last path segment, "" when none.
func urlExt(u *url.URL) string {
	ext := path.Ext(u.Path)
	if ext == "" {
		return ""
	}
	return strings.ToLower(ext[1:])
}

func isAttachmentURL(u *url.URL) bool { return attachmentExts[urlExt(u)] }

// pathDir is the host and directory of a URL, the prefix under which a portal's or a
// column's pages live: "www.x.gov.cn/xxgk/" for http://www.x.gov.cn/xxgk/index.html.
func pathDir(u *url.URL) string {
	d := u.Path
	if !strings.HasSuffix(d, "/") {
		d = path.Dir(d)
		if !strings.HasSuffix(d, "/") {
			d += "/"
		}
	}
	return u.Host + d
}

// scope is the set of hosts one site's crawl may request. It grows only when the start
// URL redirects within its registrable domain (x.gov.cn → www.x.gov.cn).
type scope struct {
	mu    sync.RWMutex
	hosts map[string]bool
	start *url.URL
	// onAdd is told about a host added by a start redirect (to give it a politeness rule).
	onAdd func(host string)
}

func newScope(start *url.URL, extra []string) *scope {
	s := &scope{hosts: map[string]bool{start.Host: true}, start: start}
	for _, h := range extra {
		h = strings.TrimSpace(h)
		if h == "" {
			continue
		}
		// Accept "host", "host:port" or a URL.
		if strings.Contains(h, "://") {
			if u, err := url.Parse(h); err == nil {
				s.hosts[canonicalHost(strings.ToLower(u.Scheme), u.Host)] = true
				continue
			}
		}
		s.hosts[canonicalHost(start.Scheme, h)] = true
	}
	return s
}

func (s *scope) has(host string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.hosts[host]
}

func (s *scope) size() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.hosts)
}

func (s *scope) list() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]string, 0, len(s.hosts))
	for h := range s.hosts {
		out = append(out, h)
	}
	return out
}

func (s *scope) add(host string) {
	s.mu.Lock()
	isNew := !s.hosts[host]
	s.hosts[host] = true
	s.mu.Unlock()
	if isNew && s.onAdd != nil {
		s.onAdd(host)
	}
}

// RedirectError is a redirect the crawler refused to follow.
type RedirectError struct {
	From, To string
	Reason   string // "out of scope", "loop", "too many redirects"
}

func (e *RedirectError) Error() string {
	return fmt.Sprintf("redirect from %s to %s not followed: %s", e.From, e.To, e.Reason)
}

// checkRedirect is the http.Client redirect policy: follow a hop only within scope, at most
// maxRedirects hops, and stop on loops. A redirect chain that starts at the start URL may
// move to another host of the same registrable domain, which then joins the scope: a user
// who types x.gov.cn means www.x.gov.cn.
func (s *scope) checkRedirect(req *http.Request, via []*http.Request) error {
	from := via[len(via)-1].URL.String()
	if len(via) >= maxRedirects {
		return &RedirectError{From: from, To: req.URL.String(), Reason: "too many redirects"}
	}
	host := canonicalHost(strings.ToLower(req.URL.Scheme), req.URL.Host)
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return &RedirectError{From: from, To: req.URL.String(), Reason: "not http(s)"}
	}
	if !s.has(host) {
		if !s.startRedirectWithinDomain(req.URL, via) {
			return &RedirectError{From: from, To: req.URL.String(), Reason: "out of scope"}
		}
		s.add(host)
	}
	target := req.URL.String()
	n := 0
	for _, v := range via {
		if v.URL.String() == target {
			n++
		}
	}
	if n >= maxVisitsInChain {
		return &RedirectError{From: from, To: target, Reason: "loop"}
	}
	return nil
}

func (s *scope) startRedirectWithinDomain(to *url.URL, via []*http.Request) bool {
	first := via[0].URL
	if canonicalHost(first.Scheme, first.Host) != s.start.Host || first.Path != s.start.Path {
		return false
	}
	a, err1 := publicsuffix.EffectiveTLDPlusOne(s.start.Hostname())
	b, err2 := publicsuffix.EffectiveTLDPlusOne(strings.ToLower(to.Hostname()))
	return err1 == nil && err2 == nil && a == b
}

// AddressError is a connection refused by the crawler because the destination address is
// loopback, private, link-local or otherwise not public, and the crawl may not go there.
type AddressError struct {
	Host string
	Addr netip.Addr
}

func (e *AddressError) Error() string {
	return fmt.Sprintf("refusing to connect to %s: address %s is not public (use --allow-private for internal sites)", e.Host, e.Addr)
}

var (
	sharedAddressSpace = netip.MustParsePrefix("100.64.0.0/10") // carrier-grade NAT
	thisNetwork        = netip.MustParsePrefix("0.0.0.0/8")
	benchmarking       = netip.MustParsePrefix("198.18.0.0/15")
)

// isNonPublic reports addresses a page must never send the crawler to.
func isNonPublic(a netip.Addr) bool {
	a = a.Unmap()
	return a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() ||
		a.IsInterfaceLocalMulticast() || a.IsMulticast() || a.IsUnspecified() ||
		sharedAddressSpace.Contains(a) || thisNetwork.Contains(a) || benchmarking.Contains(a)
}

// dialGuard checks the resolved address of every connection, so that neither a link, a
// redirect, nor a public name that resolves to 127.0.0.1 (DNS rebinding) reaches
// internal services. Checking at dial time, after resolution, is the only place where the
// address actually used is known.
type dialGuard struct {
	lookup       func(ctx context.Context, host string) ([]netip.Addr, error)
	dial         func(ctx context.Context, network, addr string) (net.Conn, error)
	allowPrivate bool
}

func (g *dialGuard) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	var addrs []netip.Addr
	if a, err := netip.ParseAddr(host); err == nil {
		addrs = []netip.Addr{a}
	} else {
		addrs, err = g.lookup(ctx, host)
		if err != nil {
			return nil, err
		}
	}
	var lastErr error = &net.DNSError{Err: "no addresses", Name: host, IsNotFound: true}
	for _, a := range addrs {
		if !g.allowPrivate && isNonPublic(a) {
			lastErr = &AddressError{Host: host, Addr: a}
			continue
		}
		conn, err := g.dial(ctx, network, net.JoinHostPort(a.Unmap().String(), port))
		if err == nil {
			return conn, nil
		}
		lastErr = err
	}
	return nil, lastErr
}

// resolvesNonPublic reports whether host (a name or an IP literal) has a non-public
// address: then a crawl that starts there may stay there.
func resolvesNonPublic(ctx context.Context, lookup func(context.Context, string) ([]netip.Addr, error), hostname string) bool {
	if a, err := netip.ParseAddr(strings.Trim(hostname, "[]")); err == nil {
		return isNonPublic(a)
	}
	addrs, err := lookup(ctx, hostname)
	if err != nil {
		return false
	}
	for _, a := range addrs {
		if isNonPublic(a) {
			return true
		}
	}
	return false
}

func defaultLookup(ctx context.Context, host string) ([]netip.Addr, error) {
	return net.DefaultResolver.LookupNetIP(ctx, "ip", host)
}

package crawler

import (
	"fmt"
	"hash/fnv"
	"net/url"
	"sort"
	"strings"
	"sync"

	"github.com/gongkai/gongkai/facts"
)

// Infinite URL spaces and how the walk stays out of them. Each guard is a cap on
// something a real disclosure section has little of, and every URL a guard drops is
// counted: the crawl reports one CrawlError with stage "trap" per guard and place, with
// the count, at its end (never one error per URL).
//
//	query      distinct URLs with a query string on one host+path, from links that are
//	           not list entries (calendars ?date=, search pages, ?page= links outside a
//	           pager); list entries (/art.jsp?id=N) are exempt: a list is where documents
//	           legitimately come from, and lists have caps of their own
//	pattern    distinct URLs per path pattern, where a session-like token (/s/8f3a…/) or a
//	           date-like directory of a page without a name (/cal/2024/05/) is a wildcard
//	pagination distinct pages per list
//	stale      a list whose pages stop bringing new entries (the same page again, or
//	           empty pages beyond the end, each with a 下一页 link): after maxStalePages
//	           such pages in a row, no further page of it is queued
//	url        links longer than maxURLLength or repeating a path segment (relative links
//	           resolved against themselves: /a/b/a/b/a/b/…)
//	deep       ever-deeper paths: links beyond the depth cap that extend a chain of
//	           nested paths (/d/1/ → /d/1/2/ → /d/1/2/3/ …)
//	chain      links beyond the depth cap from a page to more pages of its own kind (a
//	           calendar's next day, a session id's next page): the depth cap ended an
//	           infinite space before the other guards did, and that is reported too
//
// The guards run on the coordinator when links are queued (a dropped URL is never
// recorded in the frontier, so a list that later names it as an entry still gets it
// fetched). Their state is bounded: at most maxTrapKeys keys, each holding at most its
// cap of URLs (8-byte hashes for list pages).
const (
	maxURLsPerPattern = 200
	maxStalePages     = 3
	maxTrapKeys       = 10000
	maxTrapReports    = 50 // trap CrawlErrors per crawl; the rest are summed into one
)

// trapGuard is the coordinator's trap state. Only rejected is touched by workers.
type trapGuard struct {
	admitted map[string]map[uint64]struct{} // query/pattern key → hashes of the URLs let through
	lists    map[string]*listState          // ColumnURL → pagination state
	dropped  map[string]*trapTally
	order    []string // dropped keys, first drop first (reports in a stable order)

	mu       sync.Mutex
	rejected map[string]*trapTally // "url" traps seen by workers while normalising links, by host
}

type trapTally struct {
	reason  string // query, pattern, pagination, stale, url, deep
	where   string // the path, pattern or list the cap applies to
	example string // the first URL dropped
	count   int
}

type listState struct {
	admitted map[uint64]struct{} // hashes of the page URLs let through (at most maxPagesPerList)
	fetched  int                 // pagination pages taken from the frontier
	stale    int                 // pages in a row that brought no new entries
	stopped  bool                // pagination stopped by the stale guard
	pages    map[uint64]struct{} // fingerprints of the entry sets of pages seen
}

func newTrapGuard() *trapGuard {
	return &trapGuard{
		admitted: map[string]map[uint64]struct{}{}, lists: map[string]*listState{},
		dropped: map[string]*trapTally{}, rejected: map[string]*trapTally{},
	}
}

func (g *trapGuard) drop(key, reason, where, example string, n int) {
	t, ok := g.dropped[key]
	if !ok {
		if len(g.dropped) >= maxTrapKeys {
			key = "overflow"
			if t, ok = g.dropped[key]; !ok {
				t = &trapTally{reason: "overflow", where: "(many places)", example: example}
				g.dropped[key] = t
				g.order = append(g.order, key)
			}
		} else {
			t = &trapTally{reason: reason, where: where, example: example}
			g.dropped[key] = t
			g.order = append(g.order, key)
		}
	}
	t.count += n
}

// admitKey lets u through under key unless key already let through limit other URLs.
// Beyond maxTrapKeys keys a new key is let through untracked: the guards fail open
// rather than grow without bound (the page budget still holds).
func (g *trapGuard) admitKey(key, u string, limit int) bool {
	set, ok := g.admitted[key]
	if !ok {
		if len(g.admitted) >= maxTrapKeys {
			return true
		}
		set = map[uint64]struct{}{}
		g.admitted[key] = set
	}
	h := hash64(u)
	if _, ok := set[h]; ok {
		return true
	}
	if len(set) >= limit {
		return false
	}
	set[h] = struct{}{}
	return true
}

// admit filters entries about to be queued and counts what it drops.
func (g *trapGuard) admit(es []Entry) []Entry {
	out := make([]Entry, 0, len(es))
	// A page of a list that a guard stops is usually also an ordinary link of the page
	// (the 下一页 <a>): it must not come in that way.
	var stopped map[string]bool
	for _, e := range es {
		if e.Pagination && !g.admitPage(e) {
			if stopped == nil {
				stopped = map[string]bool{}
			}
			stopped[e.URL] = true
		}
	}
	for _, e := range es {
		if stopped[e.URL] {
			continue
		}
		if e.Pagination {
			out = append(out, e)
			continue
		}
		if e.Pinned || (e.Hint == facts.KindDetail && e.Priority == PriorityEntry) {
			out = append(out, e) // list entries and pins: see the package comment above
			continue
		}
		u, err := url.Parse(e.URL)
		if err != nil {
			out = append(out, e)
			continue
		}
		if u.RawQuery != "" {
			key := u.Host + u.EscapedPath()
			if !g.admitKey("q "+key, e.URL, maxQueriesPerPath) {
				g.drop("q "+key, "query", key, e.URL, 1)
				continue
			}
		}
		if pat, ok := pathPattern(u); ok {
			key := u.Host + pat
			if !g.admitKey("p "+key, e.URL, maxURLsPerPattern) {
				g.drop("p "+key, "pattern", key, e.URL, 1)
				continue
			}
		}
		out = append(out, e)
	}
	return out
}

// admitPage lets a page of a list through unless the list has all the pages the cap
// allows, or was stopped as stale. A page URL let through once is always let through
// again (the frontier dedupes it): a list that announced all its pages up front (TRS
// createPageHTML) keeps them even if it turns stale later, since an announced count is
// finite by construction; what a stopped list loses is the next page revealed by a
// stale one, which is how a 下一页 without end goes on.
func (g *trapGuard) admitPage(e Entry) bool {
	ls := g.list(e.ColumnURL)
	h := hash64(e.Key())
	if _, ok := ls.admitted[h]; ok {
		return true
	}
	switch {
	case ls.stopped:
		g.drop("stale "+e.ColumnURL, "stale", e.ColumnURL, e.URL, 1)
		return false
	case len(ls.admitted) >= maxPagesPerList:
		g.drop("pages "+e.ColumnURL, "pagination", e.ColumnURL, e.URL, 1)
		return false
	}
	ls.admitted[h] = struct{}{}
	return true
}

// skipAtPop applies the list guards when an entry is taken from the frontier: the page
// cap again, for pages queued before this process took over (a resumed crawl).
func (g *trapGuard) skipAtPop(e Entry) bool {
	if !e.Pagination {
		return false
	}
	ls := g.list(e.ColumnURL)
	if ls.fetched >= maxPagesPerList {
		g.drop("pages "+e.ColumnURL, "pagination", e.ColumnURL, e.URL, 1)
		return true
	}
	ls.fetched++
	return false
}

func (g *trapGuard) list(colURL string) *listState {
	ls := g.lists[colURL]
	if ls == nil {
		ls = &listState{pages: map[uint64]struct{}{}, admitted: map[uint64]struct{}{}}
		if len(g.lists) < maxTrapKeys {
			g.lists[colURL] = ls
		}
	}
	return ls
}

func hash64(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

// listPage looks at a fetched page of a list: a page whose entries are none, or the same
// as those of a page of the list seen before, is stale; maxStalePages of them in a row
// stop the list's pagination. It reports whether the list is stopped now.
func (g *trapGuard) listPage(colURL string, p *facts.Page) bool {
	if colURL == "" || p.Kind != facts.KindList {
		return false
	}
	ls := g.list(colURL)
	h := fnv.New64a()
	for _, it := range p.Items {
		h.Write([]byte(it.URL))
		h.Write([]byte{0})
	}
	sum := h.Sum64()
	_, seen := ls.pages[sum]
	if len(p.Items) == 0 || seen {
		ls.stale++
	} else {
		ls.stale = 0
		if len(ls.pages) < maxPagesPerList {
			ls.pages[sum] = struct{}{}
		}
	}
	if ls.stale >= maxStalePages {
		ls.stopped = true
	}
	return ls.stopped
}

// total is the number of URLs the guards dropped.
func (g *trapGuard) total() int {
	n := 0
	for _, t := range g.dropped {
		if t.reason != "robots" {
			n += t.count
		}
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, t := range g.rejected {
		n += t.count
	}
	return n
}

// robotsDenied counts a URL robots.txt kept the crawl from: reported once per host, as a
// "robots" CrawlError with the count (pages an audit could not read are worth knowing
// about, one error per URL is not).
func (g *trapGuard) robotsDenied(rawURL string) {
	host := hostOf(rawURL)
	g.drop("robots "+host, "robots", host, rawURL, 1)
}

// reject counts a link normalizeURL refused as a URL trap. Called by workers.
func (g *trapGuard) reject(base *url.URL, ref string) {
	host := ""
	if base != nil {
		host = base.Host
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	t, ok := g.rejected[host]
	if !ok {
		if len(g.rejected) >= 64 {
			return
		}
		ex := ref
		if base != nil {
			if u, err := base.Parse(ref); err == nil {
				ex = u.String()
			}
		}
		if len(ex) > 300 {
			ex = ex[:300] + "…"
		}
		t = &trapTally{reason: "url", where: host, example: ex}
		g.rejected[host] = t
	}
	t.count++
}

// depthCut counts a link dropped by the depth cap when it continues a chain of pages of
// one shape, the mark of an infinite space cut by the cap rather than a site deeper than
// the audit looks: the page links itself with another query string (a calendar), or a
// URL of its own path pattern (a session id), or the page and the link extend the path
// of the page before (/d/1/ → /d/1/2/ → /d/1/2/3/).
func (g *trapGuard) depthCut(from Entry, e Entry) {
	uf, err1 := url.Parse(from.URL)
	ue, err2 := url.Parse(e.URL)
	if err1 != nil || err2 != nil || uf.Host != ue.Host {
		return
	}
	if uf.RawQuery != "" && ue.RawQuery != "" && uf.Path == ue.Path {
		where := uf.Host + uf.EscapedPath()
		g.drop("chain "+where, "chain", where, e.URL, 1)
		return
	}
	if pf, ok := pathPattern(uf); ok {
		if pe, _ := pathPattern(ue); pe == pf {
			where := uf.Host + pf
			g.drop("chain "+where, "chain", where, e.URL, 1)
			return
		}
	}
	if from.From == "" || !extendsPath(from.From, from.URL) || !extendsPath(from.URL, e.URL) {
		return
	}
	seg, _, _ := strings.Cut(strings.TrimPrefix(uf.Path, "/"), "/")
	where := uf.Host + "/" + seg
	g.drop("deep "+where, "deep", where, e.URL, 1)
}

// extendsPath reports whether b is on a's host and under a's directory, deeper than a.
func extendsPath(a, b string) bool {
	ua, err1 := url.Parse(a)
	ub, err2 := url.Parse(b)
	if err1 != nil || err2 != nil || ua.Host != ub.Host {
		return false
	}
	dir := ua.Path
	if i := strings.LastIndexByte(dir, '/'); i >= 0 {
		dir = dir[:i+1]
	}
	return len(ub.Path) > len(dir) && strings.HasPrefix(ub.Path, dir) &&
		strings.Count(ub.Path, "/") > strings.Count(ua.Path, "/")
}

// reports turns the tallies into CrawlErrors, one per guard and place.
func (g *trapGuard) reports(maxDepth int) []facts.CrawlError {
	g.mu.Lock()
	hosts := make([]string, 0, len(g.rejected))
	for h := range g.rejected {
		hosts = append(hosts, h)
	}
	sort.Strings(hosts)
	tallies := make([]*trapTally, 0, len(g.order)+len(hosts))
	for _, k := range g.order {
		tallies = append(tallies, g.dropped[k])
	}
	for _, h := range hosts {
		tallies = append(tallies, g.rejected[h])
	}
	g.mu.Unlock()

	var out []facts.CrawlError
	rest, restKeys := 0, 0
	for _, t := range tallies {
		if len(out) >= maxTrapReports {
			rest += t.count
			restKeys++
			continue
		}
		stage := "trap"
		if t.reason == "robots" {
			stage = "robots"
		}
		out = append(out, facts.CrawlError{URL: t.example, Stage: stage, Err: t.describe(maxDepth)})
	}
	if rest > 0 {
		out = append(out, facts.CrawlError{URL: "", Stage: "trap",
			Err: fmt.Sprintf("%d more URLs dropped by trap guards in %d further places", rest, restKeys)})
	}
	return out
}

func (t *trapTally) describe(maxDepth int) string {
	switch t.reason {
	case "query":
		return fmt.Sprintf("calendar or search trap? %d more URLs with a query string on %s not followed (cap: %d distinct per path)",
			t.count, t.where, maxQueriesPerPath)
	case "pattern":
		return fmt.Sprintf("session ids or dates in paths? %d more URLs like %s not followed (cap: %d distinct per pattern)",
			t.count, t.where, maxURLsPerPattern)
	case "pagination":
		return fmt.Sprintf("list %s: pagination cap of %d pages reached; %d more pages not fetched", t.where, maxPagesPerList, t.count)
	case "stale":
		return fmt.Sprintf("list %s: %d pages in a row brought no new entries (pagination without end?); %d more pages not fetched",
			t.where, maxStalePages, t.count)
	case "url":
		return fmt.Sprintf("%d links on %s dropped: longer than %d bytes or repeating a path segment more than %d times (links resolved against themselves?)",
			t.count, t.where, maxURLLength, maxSegmentRepeats)
	case "deep":
		return fmt.Sprintf("ever-deeper paths under %s: %d links nested beyond the depth cap of %d hops not followed", t.where, t.count, maxDepth)
	case "robots":
		return fmt.Sprintf("robots.txt of %s disallows %d URLs the crawl found; they were not fetched (--ignore-robots on an authorised audit)",
			t.where, t.count)
	case "chain":
		return fmt.Sprintf("calendar or session trap? pages of %s link more of their own kind without end; %d links cut by the depth cap of %d hops",
			t.where, t.count, maxDepth)
	}
	return fmt.Sprintf("%d more URLs dropped by trap guards in %s", t.count, t.where)
}

// pathPattern is the path of u with its volatile segments as "*", and whether it has
// any: a session-like token anywhere but the last segment (/s/8f3ac2e19b7d4a60/a.html),
// or date-like directories of a page that has no name of its own (/cal/2024/05/ or
// /cal/2024/05/31), the shape of calendars by path. Date directories above a named page
// (/xxgk/202305/t20230530_1.html) are how TRS files documents, and stay as they are.
func pathPattern(u *url.URL) (string, bool) {
	segs := strings.Split(u.Path, "/")
	last := segs[len(segs)-1]
	unnamed := last == "" || allDigits(last)
	wild := false
	for i, s := range segs {
		switch {
		case i == len(segs)-1:
			if last != "" && allDigits(last) && wild {
				segs[i] = "*"
			}
			continue
		case sessionLike(s):
		case unnamed && allDigits(s) && s != "":
		default:
			continue
		}
		segs[i] = "*"
		wild = true
	}
	if !wild {
		return "", false
	}
	return strings.Join(segs, "/"), true
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// sessionLike: an ASP.NET cookieless session segment "(S(…))", or a token of 16+
// letters and digits with both kinds in it (hex ids, base64-ish session keys).
func sessionLike(s string) bool {
	if strings.HasPrefix(s, "(S(") || strings.HasPrefix(s, "(X(") || strings.HasPrefix(s, "(A(") {
		return true
	}
	if len(s) < 16 {
		return false
	}
	letters, digits := 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
			letters++
		case c == '-' || c == '_':
		default:
			return false
		}
	}
	return letters > 0 && digits >= 4
}

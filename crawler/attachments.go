package crawler

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gongkai/gongkai/crawler/attach"
	"github.com/gongkai/gongkai/facts"
)

// Attachments (pdf, doc, docx, xls, xlsx, wps, et …) are where most personal data leaks:
// a 名册 in an xlsx under a 公示 page. They are read as part of the page that links them,
// so that a page's facts are complete when the page is emitted: Page.Attachments[i] has
// the file's Text (or why it is Unreadable), Status, Size and Ext, and a rule that finds
// an ID number in it names the page that published the file and the file itself.
//
// Why inside the page rather than as pages of their own: the privacy rule needs "which
// page published this file", which the owning page answers without a join, and the store
// already keeps attachment text with the page's heavy facts. Memory stays bounded: one
// file body at a time per worker (at most MaxAttachmentSize), freed once read; the text
// is capped by the extractor; the run-wide registry below keeps a few hundred bytes per
// distinct file (like the frontier's seen set), never the text.
//
// Once per run: the first page found linking a file fetches and reads it (its
// Attachment holds the Text); every other page linking the same file gets the same
// Status, Size and Unreadable and TextAt naming that first page, without a request.
//
// Incremental: the file's ETag, Last-Modified and sha256 are kept in the Attachment. On
// the next run the fetch is conditional; a 304, or a body with the same hash, reuses the
// previous text without reading the file again. This holds for the files of a page that
// is itself unchanged (304) too: a file can go or change while the page that links it
// does not, and a broken attachment must stay a finding on the next run.
//
// Size: a file announced larger than MaxAttachmentSize is not downloaded; one that turns
// out larger is cut at the limit by the fetch stack and marked, and either way recorded
// Unreadable "too large", never read in part.
//
// A file that cannot be fetched (4xx, 5xx, timeout) is a LinkCheck against the page:
// Broken, or Blocked for 401/403/429. Files of other types (zip, images, ppt …) are not
// read; they are link-checked (linkcheck.go).

// readableExts are the file types read for their text.
var readableExts = map[string]bool{
	"pdf": true, "doc": true, "docx": true, "xls": true, "xlsx": true, "wps": true, "et": true,
	"rtf": true, "csv": true,
}

// maxAttachmentsPerCrawl bounds the files one crawl reads (and the registry's size).
const maxAttachmentsPerCrawl = 20000

// DefaultMaxAttachmentSize is Options.MaxAttachmentSize's default.
const DefaultMaxAttachmentSize = 20 << 20

func (o *Options) attachmentDefaults() {
	if o.MaxAttachmentSize <= 0 {
		o.MaxAttachmentSize = DefaultMaxAttachmentSize
	}
	if o.AttachmentText == nil {
		// Package attach with its default limits (text out, spreadsheet cells, bytes
		// inflated, time per file).
		o.AttachmentText = func(name, contentType string, body []byte) (string, string, string) {
			return attach.Text(name, contentType, body, attach.Limits{})
		}
	}
	if o.RecheckDelay <= 0 {
		o.RecheckDelay = 15 * time.Second
	}
}

// attachRecord is the run-wide record of one file.
type attachRecord struct {
	done  chan struct{} // closed when the owner has read it
	owner string        // the page whose Attachment holds the text
	a     facts.Attachment
}

// attachRegistry remembers the files of one crawl.
type attachRegistry struct {
	mu    sync.Mutex
	files map[string]*attachRecord
	// politeness of hosts outside the scope that are asked all the same (hosts of the
	// same government: sibling records and their files)
	gates map[string]*hostGate
}

// claim returns the file's record and whether the caller is its owner (must read it and
// call release).
func (r *attachRegistry) claim(u, owner string) (*attachRecord, bool, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if rec, ok := r.files[u]; ok {
		return rec, false, true
	}
	if len(r.files) >= maxAttachmentsPerCrawl {
		return nil, false, false
	}
	rec := &attachRecord{done: make(chan struct{}), owner: owner}
	r.files[u] = rec
	return rec, true, true
}

func (r *attachRegistry) release(rec *attachRecord, a facts.Attachment) {
	a.Text = "" // the registry keeps no text
	rec.a = a
	close(rec.done)
}

// politeHost waits for a turn to request host and returns the function that ends it.
// Hosts in scope have colly's per-host rule (fetch.go); a host outside the scope that the
// crawl may still ask (a sibling host of the same government: its records and files)
// gets the same politeness here, Parallelism requests at a time spaced by Delay, without
// adding colly rules while requests are in flight. ok is false when ctx ended first.
func (cr *crawl) politeHost(ctx context.Context, host string) (release func(), ok bool) {
	if cr.scope.has(host) {
		return func() {}, true
	}
	r := &cr.x.attach
	r.mu.Lock()
	g := r.gates[host]
	if g == nil {
		g = &hostGate{sem: make(chan struct{}, cr.o.Parallelism)}
		r.gates[host] = g
	}
	r.mu.Unlock()
	select {
	case g.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, false
	}
	g.mu.Lock()
	now := time.Now()
	start := now
	if g.next.After(now) {
		start = g.next
	}
	g.next = start.Add(max(cr.o.Delay, 0))
	g.mu.Unlock()
	if !sleepCtx(ctx, start.Sub(now)) {
		<-g.sem
		return nil, false
	}
	return func() { <-g.sem }, true
}

// hostGate is the politeness of one host outside the scope.
type hostGate struct {
	sem  chan struct{}
	mu   sync.Mutex
	next time.Time // earliest start of the next request
}

// fileExt is the lower-case extension of a file named name at u: the path's when it is
// a file type, else a file name's in the query (downfile.jsp?filename=a.pdf), else
// name's, else the path's; "" when none says.
func fileExt(name string, u *url.URL) string {
	ext := func(s string) string {
		e := strings.ToLower(strings.TrimPrefix(path.Ext(s), "."))
		if len(e) > 5 || strings.ContainsAny(e, "/?&=# ") {
			return ""
		}
		return e
	}
	pe := ext(u.Path)
	if attachmentExts[pe] {
		return pe
	}
	for _, v := range u.Query() {
		for _, s := range v {
			if e := ext(s); attachmentExts[e] {
				return e
			}
		}
	}
	if e := ext(name); e != "" {
		return e
	}
	return pe
}

func fileNameOf(u *url.URL) string {
	n, err := url.PathUnescape(path.Base(u.Path))
	if err != nil || n == "/" || n == "." {
		return ""
	}
	return n
}

// attachmentsToRead completes p.Attachments with the page's links and list entries that
// name a readable file (a list of 年报 or 公示 often links the files directly) and
// returns the indexes of the attachments to read: readable type, in scope or on a host
// of the same government.
func (cr *crawl) attachmentsToRead(p *facts.Page) []int {
	base, err := url.Parse(p.URL)
	if err != nil {
		return nil
	}
	p.Attachments = slices.Clone(p.Attachments) // a reused page shares its slice with the previous facts
	have := make(map[string]bool, len(p.Attachments))
	for i := range p.Attachments {
		if u, err := normalizeURL(base, p.Attachments[i].URL); err == nil {
			p.Attachments[i].URL = u.String()
		}
		have[p.Attachments[i].URL] = true
	}
	add := func(ref, text string) {
		u, err := normalizeURL(base, ref)
		if err != nil || have[u.String()] {
			return
		}
		ext := fileExt("", u) // the path's extension, or a file name in the query (downfile.jsp?filename=a.pdf)
		if !readableExts[ext] {
			return
		}
		have[u.String()] = true
		name := facts.NormalizeSpace(text)
		if name == "" {
			name = fileNameOf(u)
		}
		p.Attachments = append(p.Attachments, facts.Attachment{URL: u.String(), Name: name, Ext: ext})
	}
	for _, it := range p.Items {
		add(it.URL, it.Title)
	}
	for _, l := range p.Links {
		add(l.URL, l.Text)
	}
	var out []int
	for i := range p.Attachments {
		a := &p.Attachments[i]
		u, err := url.Parse(a.URL)
		if err != nil {
			continue
		}
		if a.Ext == "" {
			a.Ext = fileExt(a.Name, u)
		}
		if !readableExts[a.Ext] {
			continue
		}
		if cr.scope.has(u.Host) || cr.sameGovernment(u.Host) {
			out = append(out, i)
		}
	}
	return out
}

// readAttachments reads p's attachments (see the package comment above) and returns the
// link checks of the files it fetched.
func (cr *crawl) readAttachments(ctx context.Context, p *facts.Page) []facts.LinkCheck {
	idx := cr.attachmentsToRead(p)
	if len(idx) == 0 {
		return nil
	}
	var prev map[string]facts.Attachment
	prevLoaded := false
	previous := func(u string) (facts.Attachment, bool) {
		if !prevLoaded {
			prevLoaded = true
			prev = cr.previousAttachments(ctx, p.URL)
		}
		a, ok := prev[u]
		return a, ok
	}
	var checks []facts.LinkCheck
	for _, i := range idx {
		if ctx.Err() != nil {
			break
		}
		a := &p.Attachments[i]
		rec, owner, ok := cr.x.attach.claim(a.URL, p.URL)
		if !ok {
			a.Unreadable = fmt.Sprintf("not read: more than %d attachments in this crawl", maxAttachmentsPerCrawl)
			continue
		}
		if !owner {
			select {
			case <-rec.done:
			case <-ctx.Done():
				return checks
			}
			name := a.Name
			*a = rec.a
			a.Name = name
			if rec.owner != p.URL {
				a.TextAt = rec.owner
			}
			continue
		}
		pa, hasPrev := previous(a.URL)
		var prevPtr *facts.Attachment
		if hasPrev {
			prevPtr = &pa
		}
		lc := cr.readAttachment(ctx, p.URL, a, prevPtr)
		cr.x.attach.release(rec, *a)
		if lc != nil {
			checks = append(checks, *lc)
		}
	}
	return checks
}

// previousAttachments are the attachments of url's previous facts, their text resolved
// through TextAt.
func (cr *crawl) previousAttachments(ctx context.Context, pageURL string) map[string]facts.Attachment {
	if cr.o.Previous == nil {
		return nil
	}
	p, ok := cr.o.Previous(ctx, pageURL)
	if !ok || p == nil || len(p.Attachments) == 0 {
		return nil
	}
	out := make(map[string]facts.Attachment, len(p.Attachments))
	for _, a := range p.Attachments {
		if a.TextAt != "" && a.Text == "" {
			if q, ok := cr.o.Previous(ctx, a.TextAt); ok && q != nil {
				for _, b := range q.Attachments {
					if b.URL == a.URL {
						a.Text, a.Unreadable = b.Text, b.Unreadable
					}
				}
			}
		}
		out[a.URL] = a
	}
	return out
}

// readAttachment fetches and reads one file into a; the LinkCheck is its outcome as a
// link of page.
func (cr *crawl) readAttachment(ctx context.Context, page string, a *facts.Attachment, prev *facts.Attachment) *facts.LinkCheck {
	u, err := url.Parse(a.URL)
	if err != nil {
		a.Unreadable = "bad URL: " + err.Error()
		return nil
	}
	lc := &facts.LinkCheck{URL: a.URL, From: page, Text: a.Name}
	if !cr.o.IgnoreRobots && !cr.fetch.robots.allowed(ctx, u) {
		a.Unreadable = "not fetched: robots.txt disallows it"
		lc.Blocked, lc.Err = true, "robots.txt disallows"
		return lc
	}
	release, ok := cr.politeHost(ctx, u.Host)
	if !ok {
		return nil
	}
	defer release()
	hdr := http.Header{}
	// A conditional request only when the previous run has the text (or its reason) to
	// reuse.
	if prev != nil && (prev.Text != "" || prev.Unreadable != "") {
		if prev.ETag != "" {
			hdr.Set("If-None-Match", prev.ETag)
		}
		if prev.LastModified != "" {
			hdr.Set("If-Modified-Since", prev.LastModified)
		}
	}
	hdr.Set("Accept", "*/*")
	hdr.Set(hdrAttachmentLimit, strconv.FormatInt(cr.o.MaxAttachmentSize, 10))
	fr := cr.fetch.do(http.MethodGet, u, nil, hdr.Clone())
	if fr.Err != nil && mayHeal(fr.Err) && ctx.Err() == nil {
		// One more try after a pause: a file is read once per run, and its text is what
		// the privacy rule reads.
		if sleepCtx(ctx, cr.o.RecheckDelay) {
			fr = cr.fetch.do(http.MethodGet, u, nil, hdr.Clone())
		}
	}
	a.Status = fr.Status
	switch {
	case fr.Err != nil:
		var addrErr *AddressError
		var redirErr *RedirectError
		a.Unreadable = "fetch failed: " + errorText(fr.Err)
		lc.Err = errorText(fr.Err)
		switch {
		case ctx.Err() != nil:
			return nil
		case errors.As(fr.Err, &addrErr), errors.As(fr.Err, &redirErr) && redirErr.Reason == "out of scope":
			return nil // our refusal, not the site's fault: no verdict
		}
		lc.Broken = true
		return lc
	case fr.Status == http.StatusNotModified && prev != nil:
		keep := *a
		*a = *prev
		a.Name, a.URL, a.TextAt = keep.Name, keep.URL, ""
		if a.Status == 0 || a.Status == http.StatusNotModified {
			a.Status = http.StatusOK
		}
		if et := fr.Header.Get("ETag"); et != "" {
			a.ETag = et
		}
		lc.Status = http.StatusOK
		return lc
	case fr.Status < 200 || fr.Status >= 300:
		a.Unreadable = fmt.Sprintf("HTTP %d %s", fr.Status, http.StatusText(fr.Status))
		lc.Status = fr.Status
		switch {
		case fr.Status == http.StatusUnauthorized || fr.Status == http.StatusForbidden || fr.Status == http.StatusTooManyRequests:
			lc.Blocked = true // bot protection or rate limiting: needs a person, not broken
		case fr.Status >= 400:
			lc.Broken = true
		}
		return lc
	}
	lc.Status = fr.Status
	a.ETag, a.LastModified = fr.Header.Get("ETag"), fr.Header.Get("Last-Modified")
	if fr.Truncated {
		size := fr.Declared
		if size <= 0 {
			size = int64(len(fr.Raw))
		}
		a.Size = size
		a.Unreadable = fmt.Sprintf("too large: more than the %d-byte attachment limit", cr.o.MaxAttachmentSize)
		if fr.Declared > 0 {
			a.Unreadable = fmt.Sprintf("too large: %d bytes, over the %d-byte attachment limit", fr.Declared, cr.o.MaxAttachmentSize)
		}
		a.Hash = ""
		return lc
	}
	a.Size = int64(len(fr.Raw))
	sum := sha256.Sum256(fr.Raw)
	a.Hash = hex.EncodeToString(sum[:])
	if looksHTML(fr.ContentType, fr.Raw) {
		// A file URL answered with a page: the site's not-found page served with 200, or
		// a login or error page. Not a file either way.
		if sp := cr.softNotFound(ctx, u, fr); sp != "" {
			a.Unreadable = "not a file: " + sp
			lc.Broken, lc.Err = true, sp
			return lc
		}
	}
	if prev != nil && prev.Hash == a.Hash && (prev.Text != "" || prev.Unreadable != "") {
		a.Text, a.Unreadable = prev.Text, prev.Unreadable // unchanged: not read again
		if a.Ext == "" {
			a.Ext = prev.Ext
		}
		return lc
	}
	mt, _, _ := mime.ParseMediaType(fr.ContentType)
	name := a.Name
	if a.Ext != "" && !strings.HasSuffix(strings.ToLower(name), "."+a.Ext) {
		// The link text is a title; the extractor sniffs the content, but a name with
		// the file's extension helps it.
		if name = fileNameOf(u); !strings.HasSuffix(strings.ToLower(name), "."+a.Ext) {
			name = "file." + a.Ext
		}
	}
	text, kind, unreadable := cr.o.AttachmentText(name, mt, fr.Raw)
	a.Text, a.Unreadable = text, unreadable
	if a.Ext == "" && kind != "" {
		a.Ext = kind
	}
	return lc
}

// looksHTML: a body served as (or sniffed as) an HTML page.
func looksHTML(contentType string, body []byte) bool {
	mt, _, _ := mime.ParseMediaType(contentType)
	if strings.Contains(strings.ToLower(mt), "html") {
		return true
	}
	head := strings.ToLower(string(body[:min(len(body), 512)]))
	return strings.Contains(head, "<html") || strings.Contains(head, "<!doctype html")
}

// mayHeal: a failure that a later attempt may not meet (timeouts, refused or reset
// connections), as opposed to a refusal of ours or an answer.
func mayHeal(err error) bool {
	var addrErr *AddressError
	var redirErr *RedirectError
	if errors.As(err, &addrErr) || errors.As(err, &redirErr) || errors.Is(err, context.Canceled) {
		return false
	}
	return retryableError(err)
}

// sleepCtx waits d or until ctx is done; it reports whether the wait completed.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

package crawler

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/gongkai/gongkai/crawler/extract"
	"github.com/gongkai/gongkai/facts"
)

// The hooks the walk (crawler.go) calls for platforms and attachments.

// fetchEntry fetches an entry: a POST with its form (Hanweb's dataproxy.jsp), or a GET.
func (cr *crawl) fetchEntry(ctx context.Context, e Entry, u *url.URL, hdr http.Header) *fetchResult {
	release, ok := cr.politeHost(ctx, u.Host) // a sibling host's record: our own politeness
	if !ok {
		return &fetchResult{URL: u, Err: ctx.Err()}
	}
	defer release()
	if strings.EqualFold(e.Method, http.MethodPost) {
		hdr.Set("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
		hdr.Set("X-Requested-With", "XMLHttpRequest") // what jpage.js's $.ajax sends
		hdr.Set("Accept", "text/xml, application/xml, text/html, */*; q=0.01")
		return cr.fetch.do(http.MethodPost, u, []byte(e.Form), hdr)
	}
	return cr.fetch.get(u, hdr)
}

// platformPage runs the platform adapters (Hanweb, gkmlpt) and the attachment reader on
// a fetched page, after its column is assigned. The entries it finds (further pages of a
// list, the listings of a catalogue) go to o.extra, the link checks of the files it
// read to o.checks.
func (cr *crawl) platformPage(ctx context.Context, o *outcome, e Entry, final *url.URL, fr *fetchResult, res *extract.Result, p *facts.Page) {
	switch {
	case strings.EqualFold(e.Method, http.MethodPost) && isHanwebProxy(final):
		o.extra = append(o.extra, cr.hanwebReply(e, final, fr, p)...)
	case isGkmlptAPI(final) && looksJSON(fr):
		o.extra = append(o.extra, cr.gkmlptListing(e, final, fr, p)...)
	default:
		if res != nil && res.Hanweb != nil {
			o.extra = append(o.extra, cr.hanwebColumn(e, p, res.Hanweb)...)
		}
		if idx := cr.gkmlptIndex(e, final, p, fr.Body, res); len(idx) > 0 {
			o.extra = append(o.extra, idx...)
		} else {
			cr.gkmlptDetail(e, final, p, fr.Body)
		}
	}
	// Also on a page unchanged since the last run: its files may have changed or gone
	// (a conditional request each, 304 when they did not).
	o.checks = append(o.checks, cr.readAttachments(ctx, p)...)
}

func looksJSON(fr *fetchResult) bool {
	b := fr.Body
	if len(b) == 0 {
		b = fr.Raw
	}
	for _, c := range b {
		switch c {
		case ' ', '\t', '\r', '\n', 0xEF, 0xBB, 0xBF:
			continue
		case '{', '[':
			return true
		}
		return false
	}
	return false
}

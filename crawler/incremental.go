package crawler

import (
	"slices"

	"github.com/gongkai/gongkai/facts"
)

// Nightly re-audits. A page whose facts are in the store from an earlier run
// (Options.Previous) is asked for conditionally (If-None-Match with its ETag,
// If-Modified-Since with its Last-Modified) unless it is a list, portal or home page:
// those are always read again, new documents appear there. A 304, or a 200 whose body
// hashes as before, reuses the stored facts without parsing; only the fetch details
// (FetchedAt, ETag, Last-Modified) change, and the store keeps those apart from the
// facts, so an unchanged page costs a small pages row and shares its facts row.
//
// For that sharing the reused facts must come out as stored, whichever way the crawl
// reached the page this time: reuseColumn keeps the stored column facts (a document
// first reached through a related-documents link instead of its list must not lose its
// list's URL, nor flip between the two night after night). A pin (site.Columns) wins
// over them; facts stored without a column gain one when this crawl knows it, once.

// reuseColumn assigns the column facts of a page whose stored facts are reused (304 or
// unchanged body).
func (cr *crawl) reuseColumn(p *facts.Page, e Entry) {
	col, name, colURL, cols := p.Column, p.ColumnName, p.ColumnURL, p.Columns
	cr.assignColumn(p, e, p.Breadcrumb)
	_, pinned := cr.pins[p.URL]
	if _, ok := cr.pins[e.URL]; ok {
		pinned = true
	}
	if !pinned {
		if col != "" {
			p.Column = col
		}
		if name != "" {
			p.ColumnName = name
		}
		if colURL != "" {
			p.ColumnURL = colURL
		}
	}
	merged := slices.Clone(cols)
	for _, c := range p.Columns {
		merged = addColumn(merged, c)
	}
	if len(merged) == 0 {
		merged = nil
	}
	p.Columns = merged
}

package rules

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/gongkai/gongkai/facts"
)

// View is the site as the rules see it: every page's facts (light summaries), which
// columns list which pages, link checks and crawl errors. Heavy facts (text, tables,
// attachment text) are loaded one page at a time with Full.
type View struct {
	Site   facts.Site
	Pages  []*facts.Page // summaries, in URL order
	Links  []facts.LinkCheck
	Errors []facts.CrawlError

	vocab   facts.Vocabulary
	byURL   map[string]*facts.Page
	columns map[string][]string // page URL → column kinds whose lists link to it, vocabulary order
	// listDates holds the date a list shows for an entry, for pages that show none.
	listDates map[string]facts.Date
	src       Source
	ctx       context.Context

	memoMu sync.Mutex
	memo   map[string]any // derived facts shared by several rules (see Memo)
}

// Memo returns what build computes for key, computing it once per view: rules that share
// derived facts (interpretations linked to their documents …) work them out once per site
// instead of once per rule. Keys are namespaced by the file that owns them ("interp.links");
// build must not call Memo.
func (v *View) Memo(key string, build func() any) any {
	v.memoMu.Lock()
	defer v.memoMu.Unlock()
	if val, ok := v.memo[key]; ok {
		return val
	}
	val := build()
	if v.memo == nil {
		v.memo = map[string]any{}
	}
	v.memo[key] = val
	return val
}

// NewView loads the light view of a site from its source.
func NewView(ctx context.Context, vocab facts.Vocabulary, site facts.Site, src Source) (*View, error) {
	pages, err := src.PageSummaries(ctx)
	if err != nil {
		return nil, fmt.Errorf("load pages of %s: %w", site.URL, err)
	}
	links, err := src.LinkChecks(ctx)
	if err != nil {
		return nil, fmt.Errorf("load link checks of %s: %w", site.URL, err)
	}
	errs, err := src.CrawlErrors(ctx)
	if err != nil {
		return nil, fmt.Errorf("load crawl errors of %s: %w", site.URL, err)
	}
	v := &View{Site: site, Pages: pages, Links: links, Errors: errs, vocab: vocab, src: src, ctx: ctx,
		byURL: make(map[string]*facts.Page, len(pages)), columns: map[string][]string{}, listDates: map[string]facts.Date{}}
	for _, p := range pages {
		v.byURL[p.URL] = p
	}
	v.deriveColumns()
	for _, p := range pages {
		v.annotate(p)
	}
	return v, nil
}

// deriveColumns works out column membership from the list pages, independently of the
// order the crawler happened to reach pages in: a page belongs to every column whose
// list links to it as an entry.
func (v *View) deriveColumns() {
	add := func(url, kind string) {
		if kind == "" || slices.Contains(v.columns[url], kind) {
			return
		}
		v.columns[url] = append(v.columns[url], kind)
	}
	for _, p := range v.Pages {
		for _, k := range p.Columns {
			add(p.URL, k)
		}
		add(p.URL, p.Column)
		if p.Kind != facts.KindList {
			continue
		}
		for _, it := range p.Items {
			add(it.URL, p.Column)
			// Pages are in URL order, so the first list to date an entry wins, whatever
			// order the crawler reached them in.
			if _, dated := v.listDates[it.URL]; !dated && !it.Date.IsZero() {
				v.listDates[it.URL] = it.Date
			}
		}
	}
	order := map[string]int{}
	for i, k := range v.vocab {
		order[k.Kind] = i
	}
	for url, ks := range v.columns {
		slices.SortStableFunc(ks, func(a, b string) int { return rank(order, a) - rank(order, b) })
		v.columns[url] = ks
	}
}

func rank(order map[string]int, k string) int {
	if i, ok := order[k]; ok {
		return i
	}
	return len(order)
}

// annotate sets a page's Columns (and Column when the crawler left it empty) from the
// view, and its 发布日期 from a list when the page itself shows none.
func (v *View) annotate(p *facts.Page) {
	if d, ok := v.listDates[p.URL]; ok && p.Published.IsZero() && p.Kind == facts.KindDetail {
		p.Published, p.PublishedSource = d, "list"
	}
	ks := v.columns[p.URL]
	if len(ks) == 0 {
		return
	}
	p.Columns = ks
	if p.Column == "" {
		p.Column = ks[0]
	}
}

// Page returns the summary of a page by URL.
func (v *View) Page(url string) (*facts.Page, bool) {
	p, ok := v.byURL[url]
	return p, ok
}

// Full loads a page with all its facts.
func (v *View) Full(url string) (*facts.Page, error) {
	p, err := v.src.Page(v.ctx, url)
	if err != nil {
		return nil, err
	}
	v.annotate(p)
	return p, nil
}

// InColumn reports whether the page belongs to any of the column kinds.
func InColumn(p *facts.Page, kinds []string) bool {
	if slices.Contains(kinds, p.Column) {
		return true
	}
	for _, k := range p.Columns {
		if slices.Contains(kinds, k) {
			return true
		}
	}
	return false
}

// Lists returns the list pages of a column kind.
func (v *View) Lists(kind string) []*facts.Page {
	var out []*facts.Page
	for _, p := range v.Pages {
		if p.Kind == facts.KindList && p.Column == kind {
			out = append(out, p)
		}
	}
	return out
}

// Documents returns the detail pages that belong to any of the column kinds.
func (v *View) Documents(kinds ...string) []*facts.Page {
	var out []*facts.Page
	for _, p := range v.Pages {
		if p.Kind == facts.KindDetail && InColumn(p, kinds) {
			out = append(out, p)
		}
	}
	return out
}

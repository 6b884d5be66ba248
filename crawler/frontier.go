package crawler

import (
	"container/heap"
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gongkai/gongkai/facts"
)

// Priority orders the frontier: lower values are fetched first. The walk is breadth-first
// within a priority, so the disclosure section is read before the rest of the site and a
// page budget is spent where the rules look.
type Priority int

const (
	PriorityPortal Priority = iota // the start URL and the 政府信息公开 portal
	PriorityColumn                 // column lists (vocabulary or pin) and their pagination
	PriorityEntry                  // entries of disclosure lists, other pages of the disclosure section
	PriorityOther                  // the rest of the site
	PriorityCheck                  // link targets to check, not read (linkcheck.go): after every page
)

// Entry is one URL waiting in the frontier, with what the walk knew when it found it.
// It is plain data (JSON-serialisable) so that a persistent frontier can store it.
type Entry struct {
	URL      string   `json:"url"` // normalised absolute URL; the dedupe key
	Priority Priority `json:"priority"`
	Depth    int      `json:"depth"` // link hops from the start URL; pagination adds none
	// Hint is what the walk expects the page to be (home, portal, list, detail); the page's
	// own shape, once extracted, wins over it.
	Hint       facts.PageKind `json:"hint,omitempty"`
	Pagination bool           `json:"pagination,omitempty"` // another page of the list at ColumnURL
	Pinned     bool           `json:"pinned,omitempty"`     // site.Columns forces Column
	Column     string         `json:"column,omitempty"`     // vocabulary kind
	ColumnName string         `json:"column_name,omitempty"`
	ColumnURL  string         `json:"column_url,omitempty"` // first page of the list
	// Columns are the kinds of every list that linked here so far (merged on re-push).
	Columns []string `json:"columns,omitempty"`
	// From and Text are the first page that linked here and the link's text; a broken
	// link is reported against them.
	From string `json:"from,omitempty"`
	Text string `json:"text,omitempty"`

	// Method is "" (GET) or "POST"; Form is the url-encoded body of a POST (Hanweb's
	// dataproxy.jsp is asked for further records of a list by POST, with the same URL
	// for every column: the form tells them apart). See Key.
	Method string `json:"method,omitempty"`
	Form   string `json:"form,omitempty"`
	// Check marks a link target to check, not a page to read (an attachment that is not
	// read for its text, or a link to another host with Options.CheckExternal): HEAD,
	// then GET when needed; its outcome is a LinkCheck. Attempt counts the rounds of a
	// check that failed in a way that may heal (timeouts, 5xx); a later round waits
	// until NotBefore, so that retries are spread over time before a link is called broken.
	Check     bool      `json:"check,omitempty"`
	Attempt   int       `json:"attempt,omitempty"`
	NotBefore time.Time `json:"not_before,omitzero"`
	// Sibling: a record of one of the site's own lists on another host of the same
	// registrable domain (zwgk.x.gov.cn listed by www.x.gov.cn). It is fetched and its
	// attachments read, but its links are not followed: the host is not in scope.
	Sibling bool `json:"sibling,omitempty"`
	// Listed is what a structured listing (gkmlpt's JSON) said about the entry; it fills
	// the page's facts where the page itself lacks them.
	Listed *Listed `json:"listed,omitempty"`
}

// Listed is the facts a platform's listing gives about one entry (gkmlpt's JSON API:
// 文号, 索引号, 发布机构, 成文日期, 发布日期, 有效性, attachments).
type Listed struct {
	Title       string             `json:"title,omitempty"`
	Fields      map[string]string  `json:"fields,omitempty"` // canonical labels, as in facts.Page.Fields
	Attachments []facts.Attachment `json:"attachments,omitempty"`
	Links       []facts.Link       `json:"links,omitempty"` // related documents (gkmlpt relation)
}

// Key is the frontier's dedupe key of an entry, and the URL its page is recorded under:
// the URL itself for a GET, the URL plus "#post:" and the form for a POST, plus
// "#recheck:N" for a later round of a check. Normalised URLs have no fragment, so a
// key never equals another entry's URL, and url.Parse of a key gives back the URL
// requested. Frontier implementations key on it (Push, Done, MarkSeen).
func (e *Entry) Key() string {
	switch {
	case strings.EqualFold(e.Method, http.MethodPost):
		return e.URL + "#post:" + e.Form
	case e.Check && e.Attempt > 0:
		return e.URL + "#recheck:" + strconv.Itoa(e.Attempt)
	}
	return e.URL
}

// better reports whether e should replace o as the way a still-waiting URL is reached.
func (e *Entry) better(o *Entry) bool {
	if e.Priority != o.Priority {
		return e.Priority < o.Priority
	}
	return e.Depth < o.Depth
}

// Frontier is the crawl's queue and its memory of seen URLs. The crawler calls it from one
// goroutine; implementations need not be safe for concurrent use, though the in-memory
// one is. A persistent implementation (the store's) makes a crawl resumable: it keeps
// seen URLs and waiting entries on disk, and hands out again, after a restart, entries
// popped but never marked Done.
type Frontier interface {
	// Entries are identified by Entry.Key (the URL, except for POSTs and check rounds);
	// "URL" below means that key, and Done and MarkSeen take it.
	//
	// Push queues entries whose URL the frontier has never seen and returns how many were
	// new. An entry for a URL that is still waiting updates it instead: its column joins
	// Columns, and a better priority or smaller depth replaces the waiting entry's fields
	// (keeping known column facts). A URL already popped is ignored.
	Push(ctx context.Context, entries []Entry) (added int, err error)
	// Pop removes and returns up to max waiting entries, best first: Priority, then Depth,
	// then the order they were first pushed. It returns none when nothing waits.
	Pop(ctx context.Context, max int) ([]Entry, error)
	// Done records that a popped entry was handled (fetched, failed or skipped).
	Done(ctx context.Context, url string) error
	// MarkSeen records a URL as seen without queueing it (the final URL of a redirect)
	// and reports whether it was new.
	MarkSeen(ctx context.Context, url string) (bool, error)
	// Len is the number of waiting entries.
	Len(ctx context.Context) (int, error)
	// Close releases the frontier; the crawler calls it when the crawl ends.
	Close() error
}

// Outcome is everything the crawl learned from handling one frontier URL: the page it
// stored (nil when the fetch failed, robots.txt denied it or a redirect led to a page
// seen before), the link checks and crawl errors it produced, and the URLs it
// discovered (to queue).
type Outcome struct {
	URL        string // the frontier URL (Entry.URL) that was handled
	Page       *facts.Page
	LinkChecks []facts.LinkCheck
	Errors     []facts.CrawlError
	Discovered []Entry
}

// OutcomeRecorder is implemented by a Frontier that keeps what a URL produced together
// with its frontier step (a persistent frontier, such as the store's). The crawler then
// hands each handled URL's Outcome to Record instead of calling the Sink's Page,
// LinkCheck and CrawlError, Push and Done for it, so that a crash leaves the URL either
// done with everything it produced stored and its links queued, or waiting to be fetched
// again: never a stored page whose links were lost. Record must do all of it atomically
// as far as a crash can tell. Problems that belong to no single URL (the page budget,
// trap summaries) still go to the Sink's CrawlError.
//
// When the Outcome's Page has another URL than the Outcome (a redirect), the crawler has
// called MarkSeen for the page's URL first; Record must mark both URLs handled.
type OutcomeRecorder interface {
	Record(ctx context.Context, o Outcome) error
}

// Resumed is implemented by a Frontier that continues an interrupted crawl: the crawler
// counts the URLs the earlier process fetched against MaxPages, so that a crawl killed
// and resumed spends the same budget as one that ran through.
type Resumed interface {
	// Fetched is the number of URLs handled before this process took over.
	Fetched(ctx context.Context) (int, error)
}

// NewMemoryFrontier returns a Frontier held in memory: a heap of waiting entries and a set
// of seen URLs. Memory grows with the site (about 200 bytes per seen URL).
func NewMemoryFrontier() Frontier {
	return &memoryFrontier{seen: map[string]struct{}{}, waiting: map[string]*frontierItem{}}
}

type memoryFrontier struct {
	mu      sync.Mutex
	seen    map[string]struct{}
	waiting map[string]*frontierItem
	queue   frontierHeap
	seq     uint64
}

type frontierItem struct {
	Entry
	seq   uint64
	index int
}

func (f *memoryFrontier) Push(_ context.Context, entries []Entry) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	added := 0
	for _, e := range entries {
		key := e.Key()
		if it, ok := f.waiting[key]; ok {
			f.update(it, e)
			continue
		}
		if _, ok := f.seen[key]; ok {
			continue
		}
		f.seen[key] = struct{}{}
		e.Columns = addColumn(slices.Clone(e.Columns), e.Column)
		f.seq++
		it := &frontierItem{Entry: e, seq: f.seq}
		heap.Push(&f.queue, it)
		f.waiting[key] = it
		added++
	}
	return added, nil
}

// update merges a re-pushed entry into the waiting one.
func (f *memoryFrontier) update(it *frontierItem, e Entry) {
	cols := addColumn(it.Columns, e.Column)
	for _, c := range e.Columns {
		cols = addColumn(cols, c)
	}
	if e.better(&it.Entry) {
		old := it.Entry
		it.Entry = e
		// Keep what the old way knew and the new one does not.
		if it.Column == "" && old.Column != "" {
			it.Column, it.ColumnName = old.Column, old.ColumnName
		}
		if it.ColumnURL == "" {
			it.ColumnURL = old.ColumnURL
		}
		if it.From == "" {
			it.From, it.Text = old.From, old.Text
		}
		if it.Listed == nil {
			it.Listed = old.Listed
		}
		it.Pinned = it.Pinned || old.Pinned
		heap.Fix(&f.queue, it.index)
	}
	it.Columns = cols
	if it.Listed == nil {
		it.Listed = e.Listed // a listing's facts, even when another way reached the URL first
	}
	// A list that names a URL already waiting (reached first by a plain link) tells its
	// column: the page gets it whichever way came first, so its facts, and the row the
	// store keeps for them, do not depend on the order of the crawl.
	if it.Column == "" && e.Column != "" {
		it.Column, it.ColumnName = e.Column, e.ColumnName
	}
	if it.ColumnURL == "" {
		it.ColumnURL = e.ColumnURL
	}
}

func addColumn(cols []string, c string) []string {
	if c == "" || slices.Contains(cols, c) {
		return cols
	}
	return append(cols, c)
}

func (f *memoryFrontier) Pop(_ context.Context, max int) ([]Entry, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []Entry
	for len(out) < max && f.queue.Len() > 0 {
		it := heap.Pop(&f.queue).(*frontierItem)
		delete(f.waiting, it.Key())
		out = append(out, it.Entry)
	}
	return out, nil
}

func (f *memoryFrontier) Done(context.Context, string) error { return nil }

func (f *memoryFrontier) MarkSeen(_ context.Context, url string) (bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.seen[url]; ok {
		return false, nil
	}
	f.seen[url] = struct{}{}
	return true, nil
}

func (f *memoryFrontier) Len(context.Context) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.queue.Len(), nil
}

func (f *memoryFrontier) Close() error { return nil }

// frontierHeap orders items by (Priority, Depth, seq).
type frontierHeap []*frontierItem

func (h frontierHeap) Len() int { return len(h) }
func (h frontierHeap) Less(i, j int) bool {
	a, b := h[i], h[j]
	if a.Priority != b.Priority {
		return a.Priority < b.Priority
	}
	if a.Depth != b.Depth {
		return a.Depth < b.Depth
	}
	return a.seq < b.seq
}
func (h frontierHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index, h[j].index = i, j
}
func (h *frontierHeap) Push(x any) {
	it := x.(*frontierItem)
	it.index = len(*h)
	*h = append(*h, it)
}
func (h *frontierHeap) Pop() any {
	old := *h
	it := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	it.index = -1
	return it
}

package crawler

import (
	"container/heap"
	"context"
	"slices"
	"sync"

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
		if it, ok := f.waiting[e.URL]; ok {
			f.update(it, e)
			continue
		}
		if _, ok := f.seen[e.URL]; ok {
			continue
		}
		f.seen[e.URL] = struct{}{}
		e.Columns = addColumn(slices.Clone(e.Columns), e.Column)
		f.seq++
		it := &frontierItem{Entry: e, seq: f.seq}
		heap.Push(&f.queue, it)
		f.waiting[e.URL] = it
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
		it.Pinned = it.Pinned || old.Pinned
		heap.Fix(&f.queue, it.index)
	}
	it.Columns = cols
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
		delete(f.waiting, it.URL)
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

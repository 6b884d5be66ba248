package audit

import (
	"container/heap"
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/gongkai/gongkai/crawler"
	"github.com/gongkai/gongkai/store"
)

// storeFrontier is the crawl frontier of one site run kept in the store (its frontier
// table), so that the visited set and the queue live on disk, not in RAM, and a run
// killed at any moment can be resumed (store.ResumeSite).
//
// The store's queue is first-in first-out; the crawler wants its best entries first
// (portal, columns, list entries, the rest: crawler.Priority). The frontier bridges the
// two by claiming queued URLs (NextURLs: queued → fetching) into a heap of at most hold
// entries, ordered as the crawler orders them, and handing out the best of the heap.
// New URLs are claimed as soon as they are queued while the heap has room, so on a site
// whose waiting URLs fit in the heap the order is exactly the in-memory frontier's
// (re-pushes of a waiting URL merge as there: columns joined, a better way replaces a
// worse one); beyond that, URLs wait in the store in the order they were found.
//
// Every handled URL is recorded with store.CompleteURL: its page, link checks and crawl
// errors, the URLs found on it, and its state done, in one transaction. A URL is done if
// and only if its outcome is stored, so after a kill -9 the claimed-but-unfinished URLs
// (state fetching) are simply queued again by ResumeSite.
//
// Memory is bounded: the heap (hold entries) and a cache of recently seen keys (known),
// which spares the store the links every page repeats (menus, footers); a key that
// fell out of the cache is asked of the store, which ignores URLs it holds.
type storeFrontier struct {
	st        *store.Store
	siteRunID int64
	hold      int
	fetched   int // URLs done before this process took over (a resumed site run)

	queue   entryHeap
	waiting map[string]*heapItem // heap items by key
	seq     uint64
	drained bool // the store had no queued URL at the last claim, and nothing was queued since

	known *keyCache
}

// frontierHold is how many claimed entries the store frontier keeps in memory.
const frontierHold = 2048

// knownKeys is the size of the cache of keys known to be in the frontier.
const knownKeys = 1 << 14

func newStoreFrontier(ctx context.Context, st *store.Store, siteRunID int64, resumed bool) (*storeFrontier, error) {
	f := &storeFrontier{st: st, siteRunID: siteRunID, hold: frontierHold,
		waiting: map[string]*heapItem{}, known: newKeyCache(knownKeys)}
	if resumed {
		fs, err := st.Frontier(ctx, siteRunID)
		if err != nil {
			return nil, err
		}
		f.fetched = fs.Done
	}
	return f, nil
}

// Fetched implements crawler.Resumed.
func (f *storeFrontier) Fetched(context.Context) (int, error) { return f.fetched, nil }

type heapItem struct {
	crawler.Entry
	seq   uint64
	index int
}

// Push implements crawler.Frontier.
func (f *storeFrontier) Push(ctx context.Context, entries []crawler.Entry) (int, error) {
	fresh := f.merge(entries)
	if len(fresh) == 0 {
		return 0, nil
	}
	qs, err := queued(fresh)
	if err != nil {
		return 0, err
	}
	added, err := f.st.EnqueueURLs(ctx, f.siteRunID, qs)
	if err != nil {
		return 0, err
	}
	for _, q := range qs {
		f.known.add(q.URL)
	}
	if added > 0 {
		f.drained = false
		return added, f.claim(ctx, f.hold-f.queue.Len())
	}
	return 0, nil
}

// merge folds entries into the waiting ones they repeat (in the heap, or earlier in the
// same batch) and returns those the store may not know yet.
func (f *storeFrontier) merge(entries []crawler.Entry) []crawler.Entry {
	var fresh []crawler.Entry
	inBatch := map[string]int{}
	for _, e := range entries {
		k := e.Key()
		if it, ok := f.waiting[k]; ok {
			if mergeEntry(&it.Entry, e) {
				heap.Fix(&f.queue, it.index)
			}
			continue
		}
		if i, ok := inBatch[k]; ok {
			mergeEntry(&fresh[i], e)
			continue
		}
		if f.known.has(k) {
			continue
		}
		inBatch[k] = len(fresh)
		e.Columns = addColumn(slices.Clone(e.Columns), e.Column) // as the memory frontier does
		fresh = append(fresh, e)
	}
	return fresh
}

// mergeEntry merges a re-pushed entry into a waiting one, as the in-memory frontier
// does, and reports whether its place in the order may have changed.
func mergeEntry(w *crawler.Entry, e crawler.Entry) bool {
	cols := addColumn(w.Columns, w.Column)
	cols = addColumn(cols, e.Column)
	for _, c := range e.Columns {
		cols = addColumn(cols, c)
	}
	better := e.Priority < w.Priority || (e.Priority == w.Priority && e.Depth < w.Depth)
	if better {
		old := *w
		*w = e
		if w.Column == "" && old.Column != "" {
			w.Column, w.ColumnName = old.Column, old.ColumnName
		}
		if w.ColumnURL == "" {
			w.ColumnURL = old.ColumnURL
		}
		if w.From == "" {
			w.From, w.Text = old.From, old.Text
		}
		if w.Listed == nil {
			w.Listed = old.Listed
		}
		w.Pinned = w.Pinned || old.Pinned
	}
	if w.Listed == nil {
		w.Listed = e.Listed
	}
	if w.Column == "" && e.Column != "" { // as the in-memory frontier does
		w.Column, w.ColumnName = e.Column, e.ColumnName
	}
	if w.ColumnURL == "" {
		w.ColumnURL = e.ColumnURL
	}
	w.Columns = cols
	return better
}

func addColumn(cols []string, c string) []string {
	if c == "" || slices.Contains(cols, c) {
		return cols
	}
	return append(slices.Clip(cols), c)
}

func queued(es []crawler.Entry) ([]store.QueuedURL, error) {
	out := make([]store.QueuedURL, len(es))
	for i, e := range es {
		meta, err := json.Marshal(e)
		if err != nil {
			return nil, fmt.Errorf("encode frontier entry %s: %w", e.URL, err)
		}
		out[i] = store.QueuedURL{URL: e.Key(), Depth: e.Depth, From: e.From, Meta: string(meta)}
	}
	return out, nil
}

// claim moves up to n queued URLs from the store into the heap.
func (f *storeFrontier) claim(ctx context.Context, n int) error {
	if n <= 0 || f.drained {
		return nil
	}
	qs, err := f.st.NextURLs(ctx, f.siteRunID, n)
	if err != nil {
		return err
	}
	if len(qs) < n {
		f.drained = true
	}
	for _, q := range qs {
		e := crawler.Entry{URL: q.URL, Depth: q.Depth, From: q.From, Priority: crawler.PriorityOther}
		if q.Meta != "" {
			if err := json.Unmarshal([]byte(q.Meta), &e); err != nil {
				return fmt.Errorf("decode frontier entry %s: %w", q.URL, err)
			}
		}
		f.known.add(q.URL)
		if _, dup := f.waiting[q.URL]; dup {
			continue
		}
		f.seq++
		it := &heapItem{Entry: e, seq: f.seq}
		heap.Push(&f.queue, it)
		f.waiting[q.URL] = it
	}
	return nil
}

// Pop implements crawler.Frontier.
func (f *storeFrontier) Pop(ctx context.Context, max int) ([]crawler.Entry, error) {
	if f.queue.Len() < max || f.queue.Len() < f.hold/2 {
		if err := f.claim(ctx, f.hold-f.queue.Len()); err != nil {
			return nil, err
		}
	}
	var out []crawler.Entry
	for len(out) < max && f.queue.Len() > 0 {
		it := heap.Pop(&f.queue).(*heapItem)
		delete(f.waiting, it.Key())
		out = append(out, it.Entry)
	}
	return out, nil
}

// Done implements crawler.Frontier (entries handled without an outcome: skipped by a
// trap guard).
func (f *storeFrontier) Done(ctx context.Context, key string) error {
	return f.st.MarkDone(ctx, f.siteRunID, key)
}

// MarkSeen implements crawler.Frontier: the final URL of a redirect. It is queued (so
// the store knows it) and then completed by Record in the same handling; a crash in
// between leaves it queued, and it is fetched on its own after a resume.
func (f *storeFrontier) MarkSeen(ctx context.Context, key string) (bool, error) {
	if f.known.has(key) {
		return false, nil
	}
	if _, ok := f.waiting[key]; ok {
		return false, nil
	}
	added, err := f.st.EnqueueURLs(ctx, f.siteRunID, []store.QueuedURL{{URL: key}})
	if err != nil {
		return false, err
	}
	f.known.add(key)
	return added > 0, nil
}

// Record implements crawler.OutcomeRecorder.
func (f *storeFrontier) Record(ctx context.Context, o crawler.Outcome) error {
	fresh := f.merge(o.Discovered)
	qs, err := queued(fresh)
	if err != nil {
		return err
	}
	c := store.Completion{URL: o.URL, Page: o.Page, LinkChecks: o.LinkChecks, Errors: o.Errors, Discovered: qs}
	redirected := o.Page != nil && o.Page.URL != o.URL
	if redirected {
		// The page, its links and its own URL in one transaction first: a crash before the
		// requested URL is marked leaves that one to be fetched again, and it then leads to
		// a page already stored (MarkSeen says so).
		c.URL = o.Page.URL
	}
	if err := f.st.CompleteURL(ctx, f.siteRunID, c); err != nil {
		return err
	}
	if redirected {
		if err := f.st.MarkDone(ctx, f.siteRunID, o.URL); err != nil {
			return err
		}
	}
	for _, q := range qs {
		f.known.add(q.URL)
	}
	if len(qs) > 0 {
		f.drained = false
		return f.claim(ctx, f.hold-f.queue.Len())
	}
	return nil
}

// Len implements crawler.Frontier.
func (f *storeFrontier) Len(ctx context.Context) (int, error) {
	fs, err := f.st.Frontier(ctx, f.siteRunID)
	if err != nil {
		return 0, err
	}
	return fs.Queued + f.queue.Len(), nil
}

// Close implements crawler.Frontier. Claimed entries left in the heap stay "fetching":
// a site run that ends ok or failed drops its frontier, an interrupted one is resumed
// with them queued again.
func (f *storeFrontier) Close() error { return nil }

// entryHeap orders entries as the crawler's in-memory frontier does: Priority, Depth,
// then the order they were claimed (which is the order they were queued).
type entryHeap []*heapItem

func (h entryHeap) Len() int { return len(h) }
func (h entryHeap) Less(i, j int) bool {
	a, b := h[i], h[j]
	if a.Priority != b.Priority {
		return a.Priority < b.Priority
	}
	if a.Depth != b.Depth {
		return a.Depth < b.Depth
	}
	return a.seq < b.seq
}
func (h entryHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index, h[j].index = i, j
}
func (h *entryHeap) Push(x any) {
	it := x.(*heapItem)
	it.index = len(*h)
	*h = append(*h, it)
}
func (h *entryHeap) Pop() any {
	old := *h
	it := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	it.index = -1
	return it
}

// keyCache is a bounded set of frontier keys, evicting the oldest.
type keyCache struct {
	set  map[string]struct{}
	ring []string
	next int
}

func newKeyCache(n int) *keyCache {
	return &keyCache{set: make(map[string]struct{}, n), ring: make([]string, n)}
}

func (c *keyCache) has(k string) bool {
	_, ok := c.set[k]
	return ok
}

func (c *keyCache) add(k string) {
	if _, ok := c.set[k]; ok {
		return
	}
	if old := c.ring[c.next]; old != "" {
		delete(c.set, old)
	}
	c.ring[c.next] = k
	c.set[k] = struct{}{}
	c.next = (c.next + 1) % len(c.ring)
}

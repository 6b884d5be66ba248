package audit

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/crawler"
	"github.com/gongkai/gongkai/facts"
	"github.com/gongkai/gongkai/store"
)

// openFrontier begins a run and a site run in a fresh store and opens its frontier.
func openFrontier(t *testing.T, hold int) (*storeFrontier, *store.Store, int64) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "f.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	run, err := st.BeginRun(ctx, store.RunInfo{Command: "test", AsOf: facts.MustParseDate("2024-04-15")})
	if err != nil {
		t.Fatal(err)
	}
	sr, err := st.BeginSite(ctx, run, facts.Site{URL: "http://www.x.gov.cn/"})
	if err != nil {
		t.Fatal(err)
	}
	f, err := newStoreFrontier(ctx, st, sr, false)
	if err != nil {
		t.Fatal(err)
	}
	f.hold = hold
	return f, st, sr
}

func keys(es []crawler.Entry) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Key()
	}
	return out
}

// TestStoreFrontierOrdersLikeMemory runs one script of pushes and pops against the
// in-memory frontier and the store's: while the waiting entries fit in its heap, the
// store's hands out the same entries in the same order, merged the same way.
func TestStoreFrontierOrdersLikeMemory(t *testing.T) {
	ctx := context.Background()
	sf, _, _ := openFrontier(t, 64)
	mf := crawler.NewMemoryFrontier()
	var related *crawler.Entry
	script := [][]crawler.Entry{
		{{URL: "http://www.x.gov.cn/", Priority: crawler.PriorityPortal, Hint: facts.KindHome}},
		{
			{URL: "http://www.x.gov.cn/about.html", Priority: crawler.PriorityOther, Depth: 1},
			{URL: "http://www.x.gov.cn/xxgk/", Priority: crawler.PriorityOther, Depth: 1, Text: "更多"},
			{URL: "http://www.x.gov.cn/xxgk/", Priority: crawler.PriorityPortal, Depth: 1, Hint: facts.KindPortal, Text: "政府信息公开"},
			{URL: "http://www.x.gov.cn/news/", Priority: crawler.PriorityOther, Depth: 1},
			{URL: "http://www.x.gov.cn/xxgk/related.html", Priority: crawler.PriorityEntry, Depth: 1},
		},
		{
			{URL: "http://www.x.gov.cn/xxgk/gfxwj/", Priority: crawler.PriorityColumn, Depth: 2, Column: "规范性文件"},
			{URL: "http://www.x.gov.cn/xxgk/zcjd/", Priority: crawler.PriorityColumn, Depth: 2, Column: "政策解读"},
			{URL: "http://www.x.gov.cn/about.html", Priority: crawler.PriorityOther, Depth: 2}, // popped already
		},
		{
			{URL: "http://www.x.gov.cn/xxgk/shared.html", Priority: crawler.PriorityEntry, Depth: 3, Column: "规范性文件", Hint: facts.KindDetail},
			{URL: "http://www.x.gov.cn/xxgk/t1.html", Priority: crawler.PriorityEntry, Depth: 3, Column: "规范性文件", Hint: facts.KindDetail},
			// Waiting since a plain link reached it: the list's column joins it.
			{URL: "http://www.x.gov.cn/xxgk/related.html", Priority: crawler.PriorityEntry, Depth: 3, Column: "规范性文件",
				ColumnURL: "http://www.x.gov.cn/xxgk/gfxwj/", Hint: facts.KindDetail},
			{URL: "http://www.x.gov.cn/dataproxy.jsp", Method: "POST", Form: "col=1&page=2", Priority: crawler.PriorityColumn, Depth: 2, Pagination: true},
		},
		{
			{URL: "http://www.x.gov.cn/xxgk/shared.html", Priority: crawler.PriorityEntry, Depth: 3, Column: "政策解读", Hint: facts.KindDetail},
			{URL: "http://www.x.gov.cn/dataproxy.jsp", Method: "POST", Form: "col=1&page=3", Priority: crawler.PriorityColumn, Depth: 2, Pagination: true},
		},
	}
	pops := []int{1, 1, 1, 2, 10}
	defer func() {
		// related.html came out with the list's column although a plain link queued it.
		if related == nil || related.Column != "规范性文件" || related.ColumnURL == "" || related.Depth != 1 {
			t.Errorf("related.html: %+v", related)
		}
	}()
	for i, batch := range script {
		na, err1 := mf.Push(ctx, batch)
		sa, err2 := sf.Push(ctx, batch)
		if err1 != nil || err2 != nil || na != sa {
			t.Fatalf("push %d: memory added %d (%v), store %d (%v)", i, na, err1, sa, err2)
		}
		me, _ := mf.Pop(ctx, pops[i])
		se, err := sf.Pop(ctx, pops[i])
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range se {
			if strings.HasSuffix(e.URL, "/related.html") {
				related = &e
			}
		}
		if !slices.Equal(keys(me), keys(se)) {
			t.Errorf("pop %d: memory %v, store %v", i, keys(me), keys(se))
		}
		for j := range min(len(me), len(se)) {
			if me[j].Hint != se[j].Hint || !slices.Equal(me[j].Columns, se[j].Columns) || me[j].Depth != se[j].Depth ||
				me[j].Column != se[j].Column || me[j].ColumnURL != se[j].ColumnURL {
				t.Errorf("pop %d: %s merged differently: memory %+v, store %+v", i, me[j].Key(), me[j], se[j])
			}
		}
	}
	if n, _ := sf.Len(ctx); n != 0 {
		t.Errorf("Len %d after draining", n)
	}
}

// TestStoreFrontierBeyondItsHeap: with more waiting URLs than the heap holds, every URL
// still comes out exactly once, and memory holds at most hold entries.
func TestStoreFrontierBeyondItsHeap(t *testing.T) {
	ctx := context.Background()
	f, st, sr := openFrontier(t, 8)
	var batch []crawler.Entry
	for i := range 100 {
		batch = append(batch, crawler.Entry{URL: fmt.Sprintf("http://www.x.gov.cn/d/%d.html", i), Priority: crawler.PriorityEntry, Depth: 1})
	}
	if n, err := f.Push(ctx, batch); err != nil || n != 100 {
		t.Fatalf("push: %d %v", n, err)
	}
	if f.queue.Len() > 8 {
		t.Errorf("heap holds %d entries, the limit is 8", f.queue.Len())
	}
	seen := map[string]int{}
	for {
		es, err := f.Pop(ctx, 3)
		if err != nil {
			t.Fatal(err)
		}
		if len(es) == 0 {
			break
		}
		for _, e := range es {
			seen[e.URL]++
			if err := f.Record(ctx, crawler.Outcome{URL: e.Key(), Page: &facts.Page{URL: e.URL, Status: 200, Kind: facts.KindDetail}}); err != nil {
				t.Fatal(err)
			}
		}
		if f.queue.Len() > 8 {
			t.Fatalf("heap holds %d entries", f.queue.Len())
		}
	}
	if len(seen) != 100 {
		t.Errorf("%d distinct URLs popped, want 100", len(seen))
	}
	for u, n := range seen {
		if n != 1 {
			t.Errorf("%s popped %d times", u, n)
		}
	}
	fs, _ := st.Frontier(ctx, sr)
	if n, _ := st.PageCount(ctx, sr); n != 100 || fs.Done != 100 || fs.Queued+fs.Fetching != 0 {
		t.Errorf("stored %d pages, frontier %+v", n, fs)
	}
}

// TestStoreFrontierRecordsRedirectsAndKnowsWhatItSaw: a redirected URL stores its page
// under the final URL and marks both done; the final URL is then known.
func TestStoreFrontierRecordsRedirects(t *testing.T) {
	ctx := context.Background()
	f, st, sr := openFrontier(t, 16)
	a := "http://www.x.gov.cn/a.html"
	if _, err := f.Push(ctx, []crawler.Entry{{URL: a}}); err != nil {
		t.Fatal(err)
	}
	es, _ := f.Pop(ctx, 1)
	final := "http://www.x.gov.cn/b.html"
	if first, err := f.MarkSeen(ctx, final); err != nil || !first {
		t.Fatalf("MarkSeen of a new URL: %v %v", first, err)
	}
	child := crawler.Entry{URL: "http://www.x.gov.cn/c.html", Depth: 1, From: final}
	err := f.Record(ctx, crawler.Outcome{URL: es[0].Key(), Page: &facts.Page{URL: final, Status: 200, RequestedURL: a},
		Discovered: []crawler.Entry{child}, Errors: []facts.CrawlError{{URL: final, Stage: "size", Err: "cut"}}})
	if err != nil {
		t.Fatal(err)
	}
	if first, _ := f.MarkSeen(ctx, final); first {
		t.Error("the final URL of a recorded redirect is seen")
	}
	if p, err := st.Page(ctx, sr, final); err != nil || p.RequestedURL != a {
		t.Errorf("page under the final URL: %+v %v", p, err)
	}
	if errs, _ := st.CrawlErrors(ctx, sr); len(errs) != 1 {
		t.Errorf("crawl errors %+v", errs)
	}
	fs, _ := st.Frontier(ctx, sr)
	if fs.Done != 2 || fs.Queued+fs.Fetching != 1 {
		t.Errorf("frontier %+v: want a and b done, c waiting", fs)
	}
	if n, _ := f.Push(ctx, []crawler.Entry{{URL: a}, {URL: final}, child}); n != 0 {
		t.Errorf("re-pushing known URLs added %d", n)
	}
}

// TestStoreFrontierResumes: a frontier taken over by a resumed site run hands out what
// was waiting or claimed, and counts what was done against the page budget.
func TestStoreFrontierResumes(t *testing.T) {
	ctx := context.Background()
	f, st, sr := openFrontier(t, 16)
	var batch []crawler.Entry
	for i := range 5 {
		batch = append(batch, crawler.Entry{URL: fmt.Sprintf("http://www.x.gov.cn/%d.html", i), Column: "规范性文件", Priority: crawler.PriorityEntry})
	}
	f.Push(ctx, batch)
	es, _ := f.Pop(ctx, 2) // two claimed: one finished, one in flight when "killed"
	f.Record(ctx, crawler.Outcome{URL: es[0].Key(), Page: &facts.Page{URL: es[0].URL, Status: 200}})
	old, _ := st.SiteRun(ctx, sr)
	if err := st.FinishRun(ctx, old.RunID, store.StatusInterrupted, "killed"); err != nil {
		t.Fatal(err)
	}
	prev, ok, err := st.Resumable(ctx, facts.Site{URL: "http://www.x.gov.cn/"})
	if err != nil || !ok {
		t.Fatalf("resumable: %v %v", ok, err)
	}
	run2, _ := st.BeginRun(ctx, store.RunInfo{Command: "test", AsOf: facts.MustParseDate("2024-04-15")})
	sr2, err := st.ResumeSite(ctx, run2, facts.Site{URL: "http://www.x.gov.cn/"}, prev.ID)
	if err != nil {
		t.Fatal(err)
	}
	f2, err := newStoreFrontier(ctx, st, sr2, true)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := f2.Fetched(ctx); n != 1 {
		t.Errorf("Fetched = %d, want the 1 URL done before", n)
	}
	rest, _ := f2.Pop(ctx, 10)
	want := []string{es[1].URL, batch[2].URL, batch[3].URL, batch[4].URL}
	if got := keys(rest); !slices.Equal(got, want) {
		t.Errorf("resumed frontier hands out %v, want %v", got, want)
	}
	if rest[0].Column != "规范性文件" {
		t.Errorf("the entry's context is lost on resume: %+v", rest[0])
	}
}

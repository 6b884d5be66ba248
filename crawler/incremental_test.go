package crawler

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/facts"
)

// TestReusedFactsAreTheStoredFacts: a document whose stored facts are reused (304, or a
// body that hashes as before) comes out exactly as stored, column facts included, even
// when the crawl reaches it another way than the first time — so the store shares its
// facts row instead of adding one per night.
func TestReusedFactsAreTheStoredFacts(t *testing.T) {
	s := newSite(t)
	plain := false // run 2: the portal also links the documents directly
	s.handle("/xxgk/", func(w http.ResponseWriter, r *http.Request) {
		parts := []string{"规范性文件|/xxgk/gfxwj/"}
		if plain {
			parts = append([]string{"相关一|/xxgk/gfxwj/t1.html", "相关二|/xxgk/gfxwj/t2.html"}, parts...)
		}
		fmt.Fprint(w, doc("信息公开", parts...))
	})
	s.html("/xxgk/gfxwj/", doc("规范性文件", "list:文件一|t1.html", "list:文件二|t2.html"))
	// The documents name their column in <meta>, as TRS pages do: the kind is known
	// whichever way they are reached, the list's URL only by way of the list.
	body := doc("文件一", "article", "meta:ColumnName=行政规范性文件") + strings.Repeat("<p>正文。</p>", 20)
	s.handle("/xxgk/gfxwj/t1.html", func(w http.ResponseWriter, r *http.Request) { // validators: 304
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		http.ServeContent(w, r, "", time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), strings.NewReader(body))
	})
	s.html("/xxgk/gfxwj/t2.html", doc("文件二", "article", "meta:ColumnName=行政规范性文件")) // no validators: same hash
	o := testOptions()
	o.Parallelism = 1
	rec := &recorder{}
	if _, err := New(o).Crawl(context.Background(), facts.Site{URL: s.URL + "/xxgk/"}, rec); err != nil {
		t.Fatal(err)
	}
	prev := map[string]*facts.Page{}
	for _, p := range rec.pages {
		prev[p.URL] = p
	}
	plain = true
	o.Previous = func(_ context.Context, u string) (*facts.Page, bool) { p, ok := prev[u]; return p, ok }
	rec2 := &recorder{}
	st, err := New(o).Crawl(context.Background(), facts.Site{URL: s.URL + "/xxgk/"}, rec2)
	if err != nil {
		t.Fatal(err)
	}
	if st.NotModified != 1 || st.Unchanged != 1 {
		t.Fatalf("NotModified %d, Unchanged %d; want 1 and 1", st.NotModified, st.Unchanged)
	}
	for _, path := range []string{"/xxgk/gfxwj/t1.html", "/xxgk/gfxwj/t2.html"} {
		a, b := rec.page(path), rec2.page(path)
		if a == nil || b == nil {
			t.Fatalf("%s: pages %v %v", path, a, b)
		}
		if a.ColumnURL == "" {
			t.Fatalf("%s: first run has no column URL; the test needs one", path)
		}
		// Only the fetch details may differ.
		ca, cb := *a, *b
		ca.FetchedAt, cb.FetchedAt = time.Time{}, time.Time{}
		ca.ETag, cb.ETag, ca.LastModified, cb.LastModified = "", "", "", ""
		if !reflect.DeepEqual(ca, cb) {
			t.Errorf("%s: reused facts differ from the stored ones:\nstored %+v\nreused %+v", path, ca, cb)
		}
	}
}

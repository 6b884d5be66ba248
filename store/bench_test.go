package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/gongkai/gongkai/facts"
)

// textReps of the benchmark pages: ~4 KB of text per page, plus tables, links,
// attachments; about 6 KB of JSON per page.
const benchReps = 40

func BenchmarkSavePage(b *testing.B) {
	ctx := context.Background()
	s, path := openTest(b)
	sr := fillPages(b, s, 0, 0)
	pages := make([]*facts.Page, b.N)
	for i := range pages {
		pages[i] = testPage(fmt.Sprintf("https://www.dachuan.gov.cn/p/%08d.html", i), i, benchReps)
	}
	b.ResetTimer()
	for i := range b.N {
		if err := s.SavePage(ctx, sr, pages[i]); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	reportDBSize(b, path, b.N)
}

// BenchmarkSavePageParallel: 8 goroutines, one site run each (concurrent site audits).
func BenchmarkSavePageParallel(b *testing.B) {
	ctx := context.Background()
	s, _ := openTest(b)
	runID, _ := s.BeginRun(ctx, RunInfo{Command: "bench"})
	var mu sync.Mutex
	next := 0
	b.SetParallelism(8)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		mu.Lock()
		w := next
		next++
		mu.Unlock()
		sr, err := s.BeginSite(ctx, runID, facts.Site{Name: "b", URL: fmt.Sprintf("https://b%d.gov.cn/", w)})
		if err != nil {
			b.Error(err)
			return
		}
		for i := 0; pb.Next(); i++ {
			if err := s.SavePage(ctx, sr, testPage(fmt.Sprintf("https://b%d.gov.cn/%08d.html", w, i), i, benchReps)); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkSavePageUnchanged: a nightly re-audit storing pages that did not change.
func BenchmarkSavePageUnchanged(b *testing.B) {
	ctx := context.Background()
	s, _ := openTest(b)
	const n = 1000
	fillPages(b, s, n, benchReps)
	sr := fillPages(b, s, 0, 0)
	pages := make([]*facts.Page, n)
	for i := range pages {
		pages[i] = testPage(fmt.Sprintf("https://www.dachuan.gov.cn/p/%06d.html", i), i, benchReps)
	}
	b.ResetTimer()
	for i := range b.N {
		if err := s.SavePage(ctx, sr, pages[i%n]); err != nil {
			b.Fatal(err)
		}
	}
}

func reportDBSize(b *testing.B, path string, pages int) {
	var size int64
	for _, suffix := range []string{"", "-wal"} {
		if fi, err := os.Stat(path + suffix); err == nil {
			size += fi.Size()
		}
	}
	b.ReportMetric(float64(size)/float64(pages), "disk-B/page")
}

// The 20,000-page site shared by the read benchmarks, built once per test binary.
var (
	benchOnce  sync.Once
	benchDir   string
	benchStore *Store
	benchSR    int64
)

const benchSitePages = 20000

func benchSite(b *testing.B) (*Store, int64) {
	benchOnce.Do(func() {
		var err error
		if benchDir, err = os.MkdirTemp("", "gongkai-store-bench"); err != nil {
			b.Fatal(err)
		}
		if benchStore, err = Open(context.Background(), filepath.Join(benchDir, "bench.db")); err != nil {
			b.Fatal(err)
		}
		benchSR = fillPages(b, benchStore, benchSitePages, benchReps)
	})
	if benchStore == nil {
		b.Fatal("no benchmark site")
	}
	return benchStore, benchSR
}

// BenchmarkPages streams the 20,000 pages of a site run; one op is the whole site.
// peak-heap-MB is the highest HeapAlloc sampled while streaming, data-MB the size of
// the pages' text decoded in one pass.
func BenchmarkPages(b *testing.B) {
	s, sr := benchSite(b)
	ctx := context.Background()
	var peak uint64
	var data int
	runtime.GC()
	b.ResetTimer()
	for range b.N {
		n := 0
		data = 0
		err := s.Pages(ctx, sr, func(p *facts.Page) error {
			n++
			data += len(p.Text)
			for _, a := range p.Attachments {
				data += len(a.Text)
			}
			if n%500 == 0 {
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				peak = max(peak, m.HeapAlloc)
			}
			return nil
		})
		if err != nil || n != benchSitePages {
			b.Fatalf("%d pages: %v", n, err)
		}
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(data)/(1<<20), "data-MB")
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*benchSitePages), "µs/page")
}

// BenchmarkPageSummaries loads the light form of the 20,000 pages at once.
func BenchmarkPageSummaries(b *testing.B) {
	s, sr := benchSite(b)
	ctx := context.Background()
	var after runtime.MemStats
	var before runtime.MemStats
	b.ResetTimer()
	for range b.N {
		runtime.GC()
		runtime.ReadMemStats(&before)
		ps, err := s.PageSummaries(ctx, sr)
		if err != nil || len(ps) != benchSitePages {
			b.Fatalf("%d pages: %v", len(ps), err)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		runtime.KeepAlive(ps)
	}
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "retained-MB")
}

// BenchmarkPreviousPage: the incremental crawler's lookup per URL.
func BenchmarkPreviousPage(b *testing.B) {
	s, sr := benchSite(b)
	ctx := context.Background()
	siteID, _ := s.SiteID(ctx, sr)
	b.ResetTimer()
	for i := range b.N {
		if _, ok, err := s.PreviousPage(ctx, siteID, fmt.Sprintf("https://www.dachuan.gov.cn/p/%06d.html", i%benchSitePages)); err != nil || !ok {
			b.Fatal(ok, err)
		}
	}
}

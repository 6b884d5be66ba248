package report

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/gongkai/gongkai/facts"
	"github.com/gongkai/gongkai/store"
)

var fxNow = time.Date(2026, 7, 1, 8, 0, 0, 0, facts.Shanghai)

// writeFixture renders the fixture store into a new folder.
func writeFixture(t testing.TB) (*fixture, string) {
	t.Helper()
	fx := buildStore(t)
	dir := filepath.Join(t.TempDir(), "out")
	if err := WriteDir(context.Background(), fx.st, fx.cfg, dir, DirOptions{Now: fxNow}); err != nil {
		t.Fatal(err)
	}
	return fx, dir
}

func parseFile(t testing.TB, path string) *html.Node {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return doc
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func walk(n *html.Node, fn func(*html.Node)) {
	fn(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

// find returns the elements of a tag that have a class (any class when class is "").
func find(n *html.Node, tag, class string) []*html.Node {
	var out []*html.Node
	walk(n, func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == tag {
			c, _ := attr(n, "class")
			if class == "" || strings.Contains(" "+c+" ", " "+class+" ") {
				out = append(out, n)
			}
		}
	})
	return out
}

func byID(n *html.Node, id string) *html.Node {
	var out *html.Node
	walk(n, func(n *html.Node) {
		if v, ok := attr(n, "id"); ok && v == id && out == nil {
			out = n
		}
	})
	return out
}

func text(n *html.Node) string {
	var b strings.Builder
	walk(n, func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
	})
	return b.String()
}

// rankingRows returns the rows of the overview's ranking table.
func rankingRows(t testing.TB, doc *html.Node) []*html.Node {
	t.Helper()
	table := byID(doc, "ranking")
	if table == nil {
		t.Fatal("index.html has no ranking table")
	}
	var rows []*html.Node
	for _, tb := range find(table, "tbody", "") {
		rows = append(rows, find(tb, "tr", "")...)
	}
	return rows
}

func TestWriteDirLayout(t *testing.T) {
	fx, dir := writeFixture(t)
	for _, f := range []string{"index.html", "result.json", "findings.csv", "gongkai.xlsx", markerFile} {
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s missing or empty: %v", f, err)
		}
	}
	sites, _ := filepath.Glob(filepath.Join(dir, "sites", "*.html"))
	if len(sites) != len(fx.sites) {
		t.Errorf("%d unit pages, want %d: %v", len(sites), len(fx.sites), sites)
	}
	for _, id := range fx.runIDs {
		if _, err := os.Stat(filepath.Join(dir, "runs", fmt.Sprintf("%d.html", id))); err != nil {
			t.Errorf("run page %d: %v", id, err)
		}
	}
	if st, _ := os.Stat(dir); st.Mode().Perm() != 0o755 {
		t.Errorf("folder mode %v, want 0755 (a web server must read it)", st.Mode().Perm())
	}
	// No staging folder is left behind.
	ents, _ := os.ReadDir(filepath.Dir(dir))
	if len(ents) != 1 {
		t.Errorf("beside the report: %v", ents)
	}
	// Every link between the pages resolves.
	files, _ := filepath.Glob(filepath.Join(dir, "*.html"))
	more, _ := filepath.Glob(filepath.Join(dir, "*", "*.html"))
	for _, f := range append(files, more...) {
		walk(parseFile(t, f), func(n *html.Node) {
			href, ok := attr(n, "href")
			if !ok || strings.HasPrefix(href, "http") || strings.HasPrefix(href, "#") {
				return
			}
			target := filepath.Join(filepath.Dir(f), strings.SplitN(href, "#", 2)[0])
			if _, err := os.Stat(target); err != nil {
				t.Errorf("%s links to %s, which does not exist", f, href)
			}
		})
	}
}

func TestOverviewRanking(t *testing.T) {
	fx, dir := writeFixture(t)
	rows := rankingRows(t, parseFile(t, filepath.Join(dir, "index.html")))
	var names []string
	for _, r := range rows {
		n, _ := attr(r, "data-name")
		names = append(names, n)
	}
	// 卫生健康局 scores more points than 城关镇 but a single-veto rule fired: it ranks
	// below every unit that passed. 交通运输局's latest audit failed: it keeps its last
	// completed result, flagged. 水利局 never completed an audit: unranked, last.
	want := []string{"青岚县交通运输局", "青岚县人民政府", "青岚县教育局", "城关镇人民政府", "青岚县卫生健康局", "青岚县水利局"}
	if strings.Join(names, ",") != strings.Join(want, ",") {
		t.Fatalf("ranking %v\nwant    %v", names, want)
	}
	row := map[string]*html.Node{}
	for i, r := range rows {
		row[names[i]] = r
	}
	for name, scores := range fx.scores {
		r := row[name]
		got, _ := attr(r, "data-score")
		if wantScore := fmt.Sprintf("%.1f", scores[len(scores)-1]); got != wantScore {
			t.Errorf("%s: score %s on the overview, %s stored", name, got, wantScore)
		}
		if len(scores) >= 2 {
			delta, _ := attr(r, "data-delta")
			if want := fmt.Sprintf("%.1f", round1(scores[len(scores)-1]-scores[len(scores)-2])); delta != want {
				t.Errorf("%s: change %s, want %s", name, delta, want)
			}
		}
		if open, _ := attr(r, "data-open"); open != fmt.Sprint(fx.open[name]) {
			t.Errorf("%s: %s open findings shown, %d stored", name, open, fx.open[name])
		}
	}
	if c, _ := attr(row["青岚县卫生健康局"], "class"); c != "veto-row" || !strings.Contains(text(row["青岚县卫生健康局"]), "单项否决") {
		t.Errorf("the veto unit is not highlighted: class %q, text %q", c, text(row["青岚县卫生健康局"]))
	}
	if d, _ := attr(row["青岚县教育局"], "data-delta"); !strings.HasPrefix(d, "-") || !strings.Contains(text(row["青岚县教育局"]), "▼") {
		t.Errorf("教育局 slipped: data-delta %q, text %q", d, text(row["青岚县教育局"]))
	}
	if s := text(row["青岚县交通运输局"]); !strings.Contains(s, "最近一次检查") || !strings.Contains(s, "connection timed out") {
		t.Errorf("交通运输局's failed latest audit is not flagged: %q", s)
	}
	if r, _ := attr(row["青岚县水利局"], "data-rank"); r != "100000" || !strings.Contains(text(row["青岚县水利局"]), "no such host") {
		t.Errorf("水利局: rank %q, text %q", r, text(row["青岚县水利局"]))
	}
	// The attention list names the units that slipped, the veto first.
	att := text(byID(parseFile(t, filepath.Join(dir, "index.html")), "h-attn").Parent)
	if i, j := strings.Index(att, "青岚县卫生健康局"), strings.Index(att, "青岚县教育局"); i < 0 || j < 0 || i > j {
		t.Errorf("需要关注 should list 卫生健康局 (new veto) before 教育局: %q", att)
	}
}

func TestUnitPage(t *testing.T) {
	fx, dir := writeFixture(t)
	const name = "青岚县教育局"
	doc := parseFile(t, filepath.Join(dir, "sites", "jyj-qinglan-gov-cn.html"))
	if h1 := find(doc, "h1", ""); len(h1) != 1 || text(h1[0]) != name {
		t.Fatalf("h1 = %v", h1)
	}
	if lang, _ := attr(find(doc, "html", "")[0], "lang"); lang != "zh-CN" {
		t.Errorf("lang = %q", lang)
	}
	items := find(doc, "li", "finding")
	if len(items) != fx.open[name] {
		t.Errorf("%d findings listed, %d open", len(items), fx.open[name])
	}
	news := 0
	for _, li := range items {
		if c, _ := attr(li, "class"); strings.Contains(c, "st-new") {
			news++
		}
	}
	if news != fx.newOnes[name] {
		t.Errorf("%d findings marked new, want %d", news, fx.newOnes[name])
	}
	if fixed := byID(doc, "h-fixed"); (fixed != nil) != (fx.fixed[name] > 0) {
		t.Errorf("fixed section present %v, fixed findings %d", fixed != nil, fx.fixed[name])
	}
	scores := fx.scores[name]
	if dots := find(byID(doc, "h-trend").Parent, "circle", ""); len(dots) != len(scores) {
		t.Errorf("trend shows %d audits, want %d", len(dots), len(scores))
	}
	page := text(doc)
	for _, want := range []string{
		fmt.Sprintf("%.1f", scores[len(scores)-1]), // the score
		"3 / 5", // rank of the ranked units
		"较上次",   // change
		"行政规范性文件签发后3个工作日内公开",        // basis quoted
		"青岚县教育局关于印发《学生资助工作实施细则》的通知", // a finding's title
		"无法判定",                    // what could not be judged
		"503 Service Unavailable", // the crawl error
	} {
		if !strings.Contains(page, want) {
			t.Errorf("unit page lacks %q", want)
		}
	}
	// Timing evidence: the dates and the working-day count are marked up.
	var dates, counts []string
	walk(doc, func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "time" {
			d, _ := attr(n, "datetime")
			dates = append(dates, d)
		}
		if c, _ := attr(n, "class"); n.Data == "strong" && c == "ev-days" {
			counts = append(counts, text(n))
		}
	})
	if !contains2(dates, "2026-05-08") || !contains2(dates, "2026-05-20") || !contains2(counts, "8 working days") {
		t.Errorf("timing evidence not marked: dates %v counts %v", dates, counts)
	}
	// Per-rule table: one row per rule judged, every table header with a scope.
	rules := find(doc, "table", "rules")
	if len(rules) != 1 || len(find(find(rules[0], "tbody", "")[0], "tr", "")) != len(fxRules) {
		t.Errorf("per-rule table: want %d rows", len(fxRules))
	}
	walk(doc, func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "th" {
			if _, ok := attr(n, "scope"); !ok {
				t.Errorf("th without scope: %q", text(n))
			}
		}
		if n.Type == html.ElementNode && n.Data == "table" && len(find(n, "caption", "")) == 0 {
			t.Errorf("table without caption")
		}
	})
}

func contains2(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func TestRunPage(t *testing.T) {
	fx, dir := writeFixture(t)
	last := fx.runIDs[len(fx.runIDs)-1]
	doc := parseFile(t, filepath.Join(dir, "runs", fmt.Sprintf("%d.html", last)))
	page := text(doc)
	for _, want := range []string{"检查记录 #" + fmt.Sprint(last), "5f3c9a1e0b7d2c44", "2026-06-30", "no such host",
		"connection timed out", "抓取错误：城关镇人民政府", "404 Not Found", "超出检查范围", "文章 2", "附件 1"} {
		if !strings.Contains(page, want) {
			t.Errorf("run page lacks %q", want)
		}
	}
	rows := find(find(doc, "tbody", "")[0], "tr", "")
	if len(rows) != len(fx.sites) {
		t.Errorf("run page lists %d units, want %d", len(rows), len(fx.sites))
	}
}

// TestScoreReproducible: the scores shown are recomputed from the stored rule results
// and equal those the audit stored.
func TestScoreReproducible(t *testing.T) {
	fx := buildStore(t)
	ctx := context.Background()
	ov, err := LoadOverview(ctx, fx.st, fx.cfg, DirOptions{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, u := range ov.Units {
		if !u.Completed {
			continue
		}
		n++
		sr, err := fx.st.SiteRun(ctx, u.SiteRunID)
		if err != nil {
			t.Fatal(err)
		}
		if u.Score.Score != sr.Score || u.Score.Grade != sr.Grade || u.Score.Veto != sr.Veto || len(u.Score.Rules) != len(fxRules) {
			t.Errorf("%s: shown %+v, stored %v %s veto=%v", u.Name(), u.Score, sr.Score, sr.Grade, sr.Veto)
		}
	}
	if n != 5 {
		t.Errorf("%d completed units, want 5", n)
	}
}

func TestWriteDirReplacesAndRefuses(t *testing.T) {
	fx, dir := writeFixture(t)
	ctx := context.Background()

	// Rendered again for two units (one never audited): the other pages go.
	only := []facts.Site{fx.sites[1].site, {Name: "新设单位", URL: "https://new.qinglan.gov.cn/"}}
	if err := WriteDir(ctx, fx.st, fx.cfg, dir, DirOptions{Sites: only, Now: fxNow}); err != nil {
		t.Fatal(err)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "sites", "*.html"))
	sort.Strings(pages)
	if len(pages) != 2 || filepath.Base(pages[0]) != "jyj-qinglan-gov-cn.html" || filepath.Base(pages[1]) != "new-qinglan-gov-cn.html" {
		t.Errorf("unit pages after the second render: %v", pages)
	}
	rows := rankingRows(t, parseFile(t, filepath.Join(dir, "index.html")))
	if len(rows) != 2 || !strings.Contains(text(rows[1]), "尚未检查") {
		t.Errorf("rows: %d, second %q", len(rows), text(rows[len(rows)-1]))
	}

	// A folder holding someone else's files is never replaced.
	foreign := filepath.Join(t.TempDir(), "mine")
	os.MkdirAll(foreign, 0o755)
	os.WriteFile(filepath.Join(foreign, "notes.txt"), []byte("keep me"), 0o644)
	err := WriteDir(ctx, fx.st, fx.cfg, foreign, DirOptions{})
	if !errors.Is(err, ErrNotReportDir) || !errors.Is(CheckOutDir(foreign), ErrNotReportDir) {
		t.Errorf("foreign folder: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(foreign, "notes.txt")); string(b) != "keep me" {
		t.Error("foreign file touched")
	}

	// The output of an earlier gongkai (no marker) is ours to replace.
	legacy := filepath.Join(t.TempDir(), "legacy")
	os.MkdirAll(legacy, 0o755)
	for _, f := range []string{"index.html", "result.json", "findings.csv"} {
		os.WriteFile(filepath.Join(legacy, f), []byte("old"), 0o644)
	}
	if err := WriteDir(ctx, fx.st, fx.cfg, legacy, DirOptions{}); err != nil {
		t.Fatalf("legacy folder: %v", err)
	}
	if _, err := os.Stat(filepath.Join(legacy, markerFile)); err != nil {
		t.Error("no marker after rendering")
	}

	// A symlink stays a symlink; its target gets the report.
	target := filepath.Join(t.TempDir(), "target")
	link := filepath.Join(t.TempDir(), "link")
	os.MkdirAll(target, 0o755)
	if err := os.Symlink(target, link); err != nil {
		t.Skip(err)
	}
	if err := WriteDir(ctx, fx.st, fx.cfg, link, DirOptions{}); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the symlink was replaced: %v %v", fi, err)
	}
	if _, err := os.Stat(filepath.Join(target, "index.html")); err != nil {
		t.Errorf("target: %v", err)
	}
}

// TestMergeInto covers the fallback used where a folder cannot be swapped at once (a
// mount point, a system without renameat2): file by file, stale pages removed.
func TestMergeInto(t *testing.T) {
	dir, staging := t.TempDir(), t.TempDir()
	write := func(root, rel, s string) {
		os.MkdirAll(filepath.Join(root, filepath.Dir(rel)), 0o755)
		os.WriteFile(filepath.Join(root, rel), []byte(s), 0o644)
	}
	write(dir, "index.html", "old")
	write(dir, "sites/gone.html", "old")
	write(dir, "sites/kept.html", "old")
	write(dir, "runs/1.html", "old")
	write(staging, "index.html", "new")
	write(staging, "sites/kept.html", "new")
	write(staging, "runs/2.html", "new")
	write(staging, "result.json", "new")
	if err := mergeInto(staging, dir); err != nil {
		t.Fatal(err)
	}
	for rel, want := range map[string]string{"index.html": "new", "sites/kept.html": "new", "runs/2.html": "new", "result.json": "new"} {
		if b, err := os.ReadFile(filepath.Join(dir, rel)); err != nil || string(b) != want {
			t.Errorf("%s = %q, %v", rel, b, err)
		}
	}
	for _, rel := range []string{"sites/gone.html", "runs/1.html"} {
		if _, err := os.Stat(filepath.Join(dir, rel)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s should be gone: %v", rel, err)
		}
	}
}

// TestWriteDirEmptyStore: before any audit (serve at first start) the folder is a valid
// empty report.
func TestWriteDirEmptyStore(t *testing.T) {
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	dir := filepath.Join(t.TempDir(), "out")
	if err := WriteDir(context.Background(), st, nil, dir, DirOptions{}); err != nil {
		t.Fatal(err)
	}
	if rows := rankingRows(t, parseFile(t, filepath.Join(dir, "index.html"))); len(rows) != 0 {
		t.Errorf("%d rows", len(rows))
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "result.json")); string(b) != "[]\n" {
		t.Errorf("result.json = %q", b)
	}
}

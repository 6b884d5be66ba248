package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/gongkai/gongkai/facts"
	"github.com/gongkai/gongkai/rules"
)

func openTest(t testing.TB) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "gongkai.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
	return s, path
}

// clock is a settable time source for tests.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

func sha(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

const corpus = "为进一步加强政府信息公开工作，根据《中华人民共和国政府信息公开条例》和上级有关要求，结合本区实际，" +
	"现就做好行政规范性文件管理、政策解读、年度报告编制和惠民惠农财政补贴资金公开等工作通知如下：各乡镇人民政府、" +
	"街道办事处，区级各部门要高度重视，明确责任分工，严格落实保密审查制度，切实维护群众合法权益。2023年5月30日"

var corpusRunes = []rune(corpus)

// testText is deterministic pseudo-prose of about 150·reps bytes, drawn from a
// government notice; it compresses about as well as real page text (~3×).
func testText(n, reps int) string {
	r := rand.New(rand.NewPCG(uint64(n), 0x9e3779b9))
	var b strings.Builder
	b.Grow(reps * 160)
	fmt.Fprintf(&b, "第%d号。", n)
	for range reps * 12 {
		i := r.IntN(len(corpusRunes) - 8)
		b.WriteString(string(corpusRunes[i : i+2+r.IntN(5)]))
	}
	return b.String()
}

// testPage builds a realistic page whose every field is set, with about 150·textReps
// bytes of text. Its Hash is the sha256 of its Text, so a page can be checked for
// completeness on its own.
func testPage(u string, n, textReps int) *facts.Page {
	text := testText(n, textReps)
	return &facts.Page{
		URL: u, Status: 200, Kind: facts.KindDetail, Platform: "trs", Charset: "gbk",
		Column: "规范性文件", Columns: []string{"规范性文件", "政策文件"}, ColumnName: "行政规范性文件",
		ColumnURL: "https://www.dachuan.gov.cn/xxgk/gfxwj/",
		Title:     fmt.Sprintf("关于印发第%d号通知的通知", n),
		Meta:      map[string]string{"ArticleTitle": fmt.Sprintf("第%d号", n), "PubDate": "2023-05-30 09:30", "SiteIDCode": "5117030001"},
		Fields:    map[string]string{"文号": fmt.Sprintf("达川府发〔2023〕%d号", n), "有效性": "现行有效", "发布机构": "达州市达川区人民政府"},
		Published: facts.D(2023, 5, 30), PublishedSource: "info",
		Written: facts.D(2023, 5, 26), WrittenSource: "info",
		DocNumber: fmt.Sprintf("达川府发〔2023〕%d号", n), Issuer: "达州市达川区人民政府", IndexNo: fmt.Sprintf("11511703MB1531-%05d", n),
		Validity: "现行有效", ValiditySource: "info",
		Text: text,
		Tables: []facts.Table{{Rows: [][]facts.Cell{
			{{Text: "项目", Header: true}, {Text: "金额", Header: true}},
			{{Text: "合计"}, {Text: strconv.Itoa(n)}},
			{{Text: "合计", Copy: true}, {Text: ""}},
		}}},
		Links: []facts.Link{
			{URL: "https://www.dachuan.gov.cn/", Text: "首页", Area: "nav"},
			{URL: fmt.Sprintf("https://www.dachuan.gov.cn/xxgk/jd/%d.html", n), Text: "政策解读", Area: "content"},
		},
		Attachments: []facts.Attachment{
			{URL: u + ".pdf", Name: "附件1", Ext: "pdf", Size: 1234, Text: fmt.Sprintf("附件正文 %d 身份证号码", n), Status: 200},
			{URL: u + ".doc", Name: "附件2", Ext: "doc", Unreadable: "legacy .doc", Status: 200},
		},
		Items: []facts.ListItem{{Title: "条目", URL: u + "#1", Date: facts.D(2023, 1, 2), DateText: "2023-01-02",
			Fields: map[string]string{"索引号": "x"}}},
		Hash: sha(text), ETag: `W/"6474ed0a"`, LastModified: "Tue, 30 May 2023 01:30:00 GMT",
		FetchedAt: time.Date(2024, 4, 15, 2, 0, n%60, 123456789, time.UTC), Truncated: n%2 == 0,
	}
}

// checkComplete verifies a stored page against its own hash and numbering.
func checkComplete(p *facts.Page) error {
	if p.Hash != sha(p.Text) || p.Text == "" {
		return fmt.Errorf("page %s: text does not match its hash (%d bytes)", p.URL, len(p.Text))
	}
	if len(p.Attachments) != 2 || !strings.HasPrefix(p.Attachments[0].Text, "附件正文") || len(p.Tables) != 1 {
		return fmt.Errorf("page %s: attachments or tables incomplete", p.URL)
	}
	return nil
}

func pragmaString(t testing.TB, db *sql.DB, q string) string {
	t.Helper()
	var v string
	if err := db.QueryRow(q).Scan(&v); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return v
}

func foreignKeyViolations(t testing.TB, db *sql.DB) int {
	t.Helper()
	rows, err := db.Query("PRAGMA foreign_key_check")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestOpenMigratesFromEmpty(t *testing.T) {
	s, _ := openTest(t)
	if got := pragmaString(t, s.wdb, "PRAGMA user_version"); got != strconv.Itoa(SchemaVersion()) {
		t.Errorf("user_version = %s, want %d", got, SchemaVersion())
	}
	if got := pragmaString(t, s.wdb, "PRAGMA application_id"); got != strconv.Itoa(applicationID) {
		t.Errorf("application_id = %s", got)
	}
	if got := pragmaString(t, s.wdb, "PRAGMA auto_vacuum"); got != "2" {
		t.Errorf("auto_vacuum = %s, want 2 (incremental)", got)
	}
	for _, db := range []*sql.DB{s.wdb, s.rdb} {
		if got := pragmaString(t, db, "PRAGMA journal_size_limit"); got != "67108864" {
			t.Errorf("journal_size_limit = %s", got)
		}
	}
	if got := pragmaString(t, s.wdb, "PRAGMA journal_mode"); got != "wal" {
		t.Errorf("journal_mode = %s, want wal", got)
	}
	for _, db := range []*sql.DB{s.wdb, s.rdb} {
		if got := pragmaString(t, db, "PRAGMA foreign_keys"); got != "1" {
			t.Errorf("foreign_keys = %s", got)
		}
		if got := pragmaString(t, db, "PRAGMA busy_timeout"); got != strconv.Itoa(int(busyTimeout.Milliseconds())) {
			t.Errorf("busy_timeout = %s", got)
		}
	}
	if got := pragmaString(t, s.rdb, "PRAGMA query_only"); got != "1" {
		t.Errorf("reader query_only = %s", got)
	}
	if got := pragmaString(t, s.wdb, "SELECT count(*) FROM schema_migrations"); got != strconv.Itoa(SchemaVersion()) {
		t.Errorf("schema_migrations rows = %s", got)
	}
	for _, table := range []string{"runs", "sites", "site_runs", "page_facts", "pages", "link_checks",
		"crawl_errors", "findings", "undetermined", "frontier"} {
		if got := pragmaString(t, s.wdb, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '"+table+"'"); got != "1" {
			t.Errorf("table %s missing", table)
		}
	}
}

func TestReopenIsIdempotent(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "g.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	runID, err := s.BeginRun(ctx, RunInfo{Command: "scan", AsOf: facts.D(2024, 4, 15)})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		s, err = Open(ctx, path)
		if err != nil {
			t.Fatalf("reopen %d: %v", i, err)
		}
		if got := pragmaString(t, s.wdb, "SELECT count(*) FROM schema_migrations"); got != strconv.Itoa(SchemaVersion()) {
			t.Errorf("reopen %d: schema_migrations rows = %s", i, got)
		}
		r, err := s.Run(ctx, runID)
		if err != nil || r.Command != "scan" || r.AsOf != facts.D(2024, 4, 15) {
			t.Errorf("reopen %d: run = %+v, %v", i, r, err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "g.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.wdb.Exec(fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion()+1)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err = Open(ctx, path)
	if !errors.Is(err, ErrSchemaTooNew) {
		t.Fatalf("Open = %v, want ErrSchemaTooNew", err)
	}
	want := fmt.Sprintf("schema version %d, this gongkai knows versions up to %d", SchemaVersion()+1, SchemaVersion())
	if !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), path) {
		t.Errorf("error %q should name the file and say %q", err, want)
	}
}

func TestOpenRefusesForeignDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "other.db")
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE notes (x TEXT)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := Open(context.Background(), path); !errors.Is(err, ErrNotGongkai) {
		t.Fatalf("Open = %v, want ErrNotGongkai", err)
	}
	if _, err := Open(context.Background(), ":memory:"); err == nil {
		t.Error("Open(:memory:) should be refused")
	}
}

func TestMigrationsEachInATransaction(t *testing.T) {
	ctx := context.Background()
	db, err := sql.Open("sqlite3", dsn(filepath.Join(t.TempDir(), "m.db"), map[string][]string{"_txlock": {"immediate"}}))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	bad := fstest.MapFS{
		"m/0001_a.sql": {Data: []byte("CREATE TABLE a (x); INSERT INTO a VALUES (1);")},
		"m/0002_b.sql": {Data: []byte("CREATE TABLE b (x); INSERT INTO b VALUES (1); THIS IS NOT SQL;")},
	}
	ms, err := loadMigrations(bad, "m")
	if err != nil {
		t.Fatal(err)
	}
	err = migrate(ctx, db, ms)
	if err == nil || !strings.Contains(err.Error(), "migration 0002_b") {
		t.Fatalf("migrate = %v, want an error naming 0002_b", err)
	}
	if v := pragmaString(t, db, "PRAGMA user_version"); v != "1" {
		t.Errorf("user_version after failed 0002 = %s, want 1", v)
	}
	if n := pragmaString(t, db, "SELECT count(*) FROM sqlite_schema WHERE name = 'b'"); n != "0" {
		t.Error("table b of the failed migration exists: migration was not atomic")
	}
	if n := pragmaString(t, db, "SELECT count(*) FROM schema_migrations"); n != "1" {
		t.Errorf("schema_migrations rows = %s, want 1", n)
	}
	bad["m/0002_b.sql"] = &fstest.MapFile{Data: []byte("CREATE TABLE b (x);")}
	bad["m/0003_c.sql"] = &fstest.MapFile{Data: []byte("ALTER TABLE b ADD COLUMN y;")}
	if ms, err = loadMigrations(bad, "m"); err != nil {
		t.Fatal(err)
	}
	if err := migrate(ctx, db, ms); err != nil {
		t.Fatal(err)
	}
	if v := pragmaString(t, db, "PRAGMA user_version"); v != "3" {
		t.Errorf("user_version = %s, want 3", v)
	}
	if n := pragmaString(t, db, "SELECT count(*) FROM a"); n != "1" {
		t.Errorf("migration 0001 ran again: %s rows in a", n)
	}
}

func TestLoadMigrationsRejectsBadSets(t *testing.T) {
	for name, fsys := range map[string]fstest.MapFS{
		"gap":       {"m/0001_a.sql": {}, "m/0003_c.sql": {}},
		"repeat":    {"m/0001_a.sql": {}, "m/0001_b.sql": {}},
		"no name":   {"m/0001.sql": {}},
		"bad num":   {"m/one_a.sql": {}},
		"not first": {"m/0002_b.sql": {}},
		"empty":     {"m/README": {}},
	} {
		if _, err := loadMigrations(fsys, "m"); err == nil {
			t.Errorf("%s: loadMigrations accepted it", name)
		}
	}
	if len(embeddedMigrations) == 0 || embeddedMigrations[0].name != "init" {
		t.Errorf("embedded migrations = %v", embeddedMigrations)
	}
}

var testSite = facts.Site{Name: "达州市达川区人民政府", URL: "https://www.dachuan.gov.cn/", Level: facts.LevelGovernment,
	Region: "达州市达川区", Hosts: []string{"xxgk.dachuan.gov.cn"}, Columns: map[string]string{"规范性文件": "https://www.dachuan.gov.cn/xxgk/gfxwj/"}}

func TestRunRoundTrip(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t)
	clk := &clock{t: time.Date(2024, 4, 15, 18, 0, 0, 0, time.UTC)}
	s.now = clk.now

	runID, err := s.BeginRun(ctx, RunInfo{Command: "audit", AsOf: facts.D(2024, 4, 16), RulesHash: "r1", Args: "--sites sites.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	srID, err := s.BeginSite(ctx, runID, testSite)
	if err != nil {
		t.Fatal(err)
	}
	siteID, err := s.SiteID(ctx, srID)
	if err != nil {
		t.Fatal(err)
	}
	if id, ok, err := s.SiteByURL(ctx, "HTTPS://www.dachuan.gov.cn:443"); err != nil || !ok || id != siteID {
		t.Errorf("SiteByURL = %d %v %v, want %d", id, ok, err, siteID)
	}

	var want []*facts.Page
	for _, n := range []int{3, 1, 2} { // saved out of order, streamed in URL order
		p := testPage(fmt.Sprintf("https://www.dachuan.gov.cn/xxgk/t%d.html", n), n, 20)
		if err := s.SavePage(ctx, srID, p); err != nil {
			t.Fatal(err)
		}
		want = append(want, p)
	}
	want[0], want[1], want[2] = want[1], want[2], want[0]
	list := &facts.Page{URL: "https://www.dachuan.gov.cn/xxgk/gfxwj/", Status: 200, Kind: facts.KindList, Title: "规范性文件"}
	if err := s.SavePage(ctx, srID, list); err != nil {
		t.Fatal(err)
	}
	want = append(want, list)
	lc := facts.LinkCheck{URL: "https://www.dachuan.gov.cn/dead.pdf", From: want[0].URL, Text: "附件", Status: 404, Broken: true}
	if err := s.SaveLinkCheck(ctx, srID, lc); err != nil {
		t.Fatal(err)
	}
	lc2 := facts.LinkCheck{URL: "https://www.dachuan.gov.cn/blocked", From: want[0].URL, Status: 403, Blocked: true, Err: "bot wall"}
	if err := s.SaveLinkCheck(ctx, srID, lc2); err != nil {
		t.Fatal(err)
	}
	ce := facts.CrawlError{URL: "https://www.dachuan.gov.cn/big", Stage: "size", Err: "body truncated at 10 MiB", Time: clk.now()}
	if err := s.SaveCrawlError(ctx, srID, ce); err != nil {
		t.Fatal(err)
	}
	finding := rules.Finding{Rule: "regdoc-validity", Severity: rules.SeverityHigh, URL: want[0].URL, Title: "关于…",
		Evidence: "no 有效性", Basis: "条例", Key: "k"}
	und := rules.Undetermined{Rule: "regdoc-publish-timely", URL: want[1].URL, Title: "t", Reason: "no 成文日期"}
	if err := s.SaveJudgement(ctx, srID, Judgement{Findings: []rules.Finding{finding}, Undetermined: []rules.Undetermined{und},
		Score: 82.5, Grade: "良好"}); err != nil {
		t.Fatal(err)
	}
	clk.set(clk.now().Add(90 * time.Second))
	if err := s.FinishSite(ctx, srID, SiteStats{Pages: 4, Errors: 1, Status: StatusOK}); err != nil {
		t.Fatal(err)
	}
	if err := s.FinishRun(ctx, runID, StatusOK, ""); err != nil {
		t.Fatal(err)
	}

	// Pages stream back complete and in URL order.
	var got []*facts.Page
	if err := s.Pages(ctx, srID, func(p *facts.Page) error { got = append(got, p); return nil }); err != nil {
		t.Fatal(err)
	}
	sortByURL(want)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Pages differ from what was saved:\n got %+v\nwant %+v", got, want)
	}
	p, err := s.Page(ctx, srID, want[1].URL)
	if err != nil || !reflect.DeepEqual(p, want[1]) {
		t.Errorf("Page = %+v, %v", p, err)
	}
	if _, err := s.Page(ctx, srID, "https://nope/"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Page(missing) = %v, want ErrNotFound", err)
	}
	sums, err := s.PageSummaries(ctx, srID)
	if err != nil || len(sums) != len(want) {
		t.Fatalf("PageSummaries = %d, %v", len(sums), err)
	}
	for i, sp := range sums {
		light := *want[i]
		light.Text, light.Tables = "", nil
		light.Attachments = append([]facts.Attachment(nil), want[i].Attachments...)
		for j := range light.Attachments {
			light.Attachments[j].Text = ""
		}
		if !reflect.DeepEqual(sp, &light) {
			t.Errorf("summary %d = %+v, want %+v", i, sp, &light)
		}
	}
	if prev, ok, err := s.PreviousPage(ctx, siteID, want[0].URL); err != nil || !ok || !reflect.DeepEqual(prev, want[0]) {
		t.Errorf("PreviousPage = %v %v", ok, err)
	}
	if _, ok, err := s.PreviousPage(ctx, siteID, "https://www.dachuan.gov.cn/never"); ok || err != nil {
		t.Errorf("PreviousPage(never) = %v %v", ok, err)
	}
	lcs, err := s.LinkChecks(ctx, srID)
	if err != nil || !reflect.DeepEqual(lcs, []facts.LinkCheck{lc2, lc}) {
		t.Errorf("LinkChecks = %+v, %v", lcs, err)
	}
	ces, err := s.CrawlErrors(ctx, srID)
	if err != nil || !reflect.DeepEqual(ces, []facts.CrawlError{ce}) {
		t.Errorf("CrawlErrors = %+v, %v", ces, err)
	}
	fs, err := s.Findings(ctx, srID)
	if err != nil || len(fs) != 1 || fs[0].Finding != finding || fs[0].Status != FindingNew ||
		!fs[0].FirstSeen.Equal(time.Date(2024, 4, 15, 18, 0, 0, 0, time.UTC)) || fs[0].FirstRunID != runID {
		t.Errorf("Findings = %+v, %v", fs, err)
	}
	us, err := s.Undetermined(ctx, srID)
	if err != nil || !reflect.DeepEqual(us, []rules.Undetermined{und}) {
		t.Errorf("Undetermined = %+v, %v", us, err)
	}

	r, err := s.Run(ctx, runID)
	if err != nil || r.Status != StatusOK || r.RulesHash != "r1" || r.Args != "--sites sites.yaml" ||
		r.FinishedAt.Sub(r.StartedAt) != 90*time.Second {
		t.Errorf("Run = %+v, %v", r, err)
	}
	if runs, err := s.Runs(ctx, 10); err != nil || len(runs) != 1 || runs[0] != r {
		t.Errorf("Runs = %+v, %v", runs, err)
	}
	sr, err := s.SiteRun(ctx, srID)
	if err != nil {
		t.Fatal(err)
	}
	wantSR := SiteRun{ID: srID, RunID: runID, SiteID: siteID, Site: testSite, StartedAt: r.StartedAt, FinishedAt: r.FinishedAt,
		Status: StatusOK, Pages: 4, Errors: 1, Score: 82.5, Grade: "良好", AsOf: facts.D(2024, 4, 16),
		JudgedAt: r.StartedAt, RulesHash: "r1"}
	if !reflect.DeepEqual(sr, wantSR) {
		t.Errorf("SiteRun =\n%+v, want\n%+v", sr, wantSR)
	}
	if l, err := s.LatestSiteRuns(ctx); err != nil || len(l) != 1 || !reflect.DeepEqual(l[0], wantSR) {
		t.Errorf("LatestSiteRuns = %+v, %v", l, err)
	}
	if h, err := s.SiteHistory(ctx, siteID, 5); err != nil || len(h) != 1 || h[0].ID != srID {
		t.Errorf("SiteHistory = %+v, %v", h, err)
	}
	if _, ok, err := s.PreviousSiteRun(ctx, srID); ok || err != nil {
		t.Errorf("PreviousSiteRun of the first run = %v, %v", ok, err)
	}
	if l, err := s.SiteRunsOfRun(ctx, runID); err != nil || len(l) != 1 {
		t.Errorf("SiteRunsOfRun = %+v, %v", l, err)
	}
	if sites, err := s.Sites(ctx); err != nil || len(sites) != 1 || !reflect.DeepEqual(sites[0].Site, testSite) {
		t.Errorf("Sites = %+v, %v", sites, err)
	}

	// A finished site run takes no more writes; unknown ids are reported as such.
	if err := s.SavePage(ctx, srID, testPage("https://www.dachuan.gov.cn/late", 9, 1)); !errors.Is(err, ErrNotRunning) {
		t.Errorf("SavePage after FinishSite = %v, want ErrNotRunning", err)
	}
	if err := s.SavePage(ctx, 999, testPage("https://www.dachuan.gov.cn/late", 9, 1)); !errors.Is(err, ErrNotFound) {
		t.Errorf("SavePage to unknown site run = %v, want ErrNotFound", err)
	}
	if err := s.FinishRun(ctx, runID, StatusFailed, "again"); !errors.Is(err, ErrNotRunning) {
		t.Errorf("FinishRun twice = %v, want ErrNotRunning", err)
	}
	if err := s.FinishRun(ctx, runID, "done", ""); err == nil {
		t.Error("FinishRun accepted status done")
	}
	if _, err := s.SiteRun(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("SiteRun(999) = %v", err)
	}
	if err := s.Pages(ctx, 999, func(*facts.Page) error { return nil }); !errors.Is(err, ErrNotFound) {
		t.Errorf("Pages(999) = %v", err)
	}
	stop := errors.New("stop")
	n := 0
	if err := s.Pages(ctx, srID, func(*facts.Page) error { n++; return stop }); err != stop || n != 1 {
		t.Errorf("Pages with a failing callback = %v after %d pages, want the callback's error after 1", err, n)
	}

	// A second run of the site: the site's configuration is updated, the unchanged
	// page is shared, and PreviousPage/PreviousSiteRun see the first run.
	run2, _ := s.BeginRun(ctx, RunInfo{Command: "audit"})
	renamed := testSite
	renamed.Name = "达州市达川区人民政府办公室"
	sr2, err := s.BeginSite(ctx, run2, renamed)
	if err != nil {
		t.Fatal(err)
	}
	if id, _ := s.SiteID(ctx, sr2); id != siteID {
		t.Errorf("second run of the site got site id %d, want %d", id, siteID)
	}
	changed := testPage(want[0].URL, 1, 21)
	refetched := *want[1] // same facts, new body hash and validators: shares the facts row
	refetched.Hash, refetched.ETag, refetched.LastModified = "", `"v2"`, "Wed, 01 May 2024 00:00:00 GMT"
	refetched.FetchedAt, refetched.Status = refetched.FetchedAt.AddDate(0, 1, 0), 203
	if err := s.SavePage(ctx, sr2, &refetched); err != nil {
		t.Fatal(err)
	}
	if p, err := s.Page(ctx, sr2, refetched.URL); err != nil || !reflect.DeepEqual(p, &refetched) {
		t.Errorf("refetched page = %+v, %v", p, err)
	}
	if err := s.SavePage(ctx, sr2, changed); err != nil {
		t.Fatal(err)
	}
	if n := pragmaString(t, s.rdb, "SELECT count(*) FROM page_facts"); n != "5" {
		t.Errorf("page_facts rows = %s, want 5 (4 + 1 changed; the unchanged page shared)", n)
	}
	if prev, _, _ := s.PreviousPage(ctx, siteID, want[0].URL); prev == nil || prev.Text != changed.Text {
		t.Error("PreviousPage should return the latest stored version")
	}
	if err := s.FinishSite(ctx, sr2, SiteStats{Pages: 2, Status: StatusOK}); err != nil {
		t.Fatal(err)
	}
	if prev, ok, err := s.PreviousSiteRun(ctx, sr2); err != nil || !ok || prev.ID != srID || prev.Site.Name != renamed.Name {
		t.Errorf("PreviousSiteRun = %+v %v %v", prev, ok, err)
	}
	if l, _ := s.LatestSiteRuns(ctx); len(l) != 1 || l[0].ID != sr2 {
		t.Errorf("LatestSiteRuns after second run = %+v", l)
	}
}

func sortByURL(ps []*facts.Page) {
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && ps[j].URL < ps[j-1].URL; j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}

// judgeRun audits the test site in a new run started at t and judges it.
func judgeRun(t *testing.T, s *Store, clk *clock, at time.Time, fs ...rules.Finding) (runID, srID int64) {
	t.Helper()
	ctx := context.Background()
	clk.set(at)
	runID, err := s.BeginRun(ctx, RunInfo{Command: "audit"})
	if err != nil {
		t.Fatal(err)
	}
	if srID, err = s.BeginSite(ctx, runID, testSite); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveJudgement(ctx, srID, Judgement{Findings: fs, Score: float64(100 - len(fs))}); err != nil {
		t.Fatal(err)
	}
	if err := s.FinishSite(ctx, srID, SiteStats{Status: StatusOK}); err != nil {
		t.Fatal(err)
	}
	if err := s.FinishRun(ctx, runID, StatusOK, ""); err != nil {
		t.Fatal(err)
	}
	return runID, srID
}

type want struct {
	rule, url, key, status string
	first                  time.Time
	firstRun               int64
}

func checkFindings(t *testing.T, s *Store, srID int64, last time.Time, ws ...want) {
	t.Helper()
	fs, err := s.Findings(context.Background(), srID)
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != len(ws) {
		t.Fatalf("site run %d: %d findings %+v, want %d", srID, len(fs), fs, len(ws))
	}
	for i, w := range ws {
		f := fs[i]
		if f.Rule != w.rule || f.URL != w.url || f.Key != w.key || f.Status != w.status ||
			!f.FirstSeen.Equal(w.first) || f.FirstRunID != w.firstRun {
			t.Errorf("site run %d finding %d = %s %s %q %s first %v run %d; want %s %s %q %s first %v run %d", srID, i,
				f.Rule, f.URL, f.Key, f.Status, f.FirstSeen, f.FirstRunID, w.rule, w.url, w.key, w.status, w.first, w.firstRun)
		}
		if f.Status != FindingFixed && !f.LastSeen.Equal(last) {
			t.Errorf("site run %d finding %d last seen %v, want %v", srID, i, f.LastSeen, last)
		}
	}
}

func TestFindingsAcrossRuns(t *testing.T) {
	s, _ := openTest(t)
	clk := &clock{}
	s.now = clk.now
	f := func(rule, url, key, evidence string) rules.Finding {
		return rules.Finding{Rule: rule, Severity: rules.SeverityHigh, URL: url, Evidence: evidence, Key: key}
	}
	a := f("regdoc-validity", "https://x/a", "", "no 有效性")
	b1 := f("privacy-leak", "https://x/b", "5117***1234", "身份证")
	b2 := f("privacy-leak", "https://x/b", "5117***9999", "身份证")
	c := f("broken-link", "https://x/c", "", "404")
	t1 := time.Date(2024, 4, 1, 18, 0, 0, 0, time.UTC)
	t2, t3, t4 := t1.AddDate(0, 0, 1), t1.AddDate(0, 0, 2), t1.AddDate(0, 0, 3)

	run1, sr1 := judgeRun(t, s, clk, t1, a, b1, b2)
	checkFindings(t, s, sr1, t1,
		want{"regdoc-validity", "https://x/a", "", FindingNew, t1, run1},
		want{"privacy-leak", "https://x/b", "5117***1234", FindingNew, t1, run1},
		want{"privacy-leak", "https://x/b", "5117***9999", FindingNew, t1, run1})

	// Run 2: a persists (with new evidence), b1 is fixed, b2 persists, c is new.
	a2 := a
	a2.Evidence = "still no 有效性"
	run2, sr2 := judgeRun(t, s, clk, t2, c, b2, a2)
	checkFindings(t, s, sr2, t2,
		want{"broken-link", "https://x/c", "", FindingNew, t2, run2},
		want{"privacy-leak", "https://x/b", "5117***9999", FindingPersisting, t1, run1},
		want{"regdoc-validity", "https://x/a", "", FindingPersisting, t1, run1},
		want{"privacy-leak", "https://x/b", "5117***1234", FindingFixed, t1, run1})
	if fs, _ := s.Findings(context.Background(), sr2); fs[2].Evidence != "still no 有效性" || !fs[3].LastSeen.Equal(t1) {
		t.Errorf("persisting finding should carry the new evidence, fixed one its last sighting: %+v", fs)
	}

	// A failed run in between does not count as "the previous completed run".
	clk.set(t3.Add(-time.Hour))
	failedRun, _ := s.BeginRun(context.Background(), RunInfo{Command: "audit"})
	failedSR, _ := s.BeginSite(context.Background(), failedRun, testSite)
	if err := s.SaveJudgement(context.Background(), failedSR, Judgement{}); err != nil {
		t.Fatal(err)
	}
	if err := s.FinishSite(context.Background(), failedSR, SiteStats{Status: StatusFailed, Err: "site down"}); err != nil {
		t.Fatal(err)
	}

	// Run 3: only c remains; a and b2 are fixed, first_seen kept throughout.
	_, sr3 := judgeRun(t, s, clk, t3, c)
	checkFindings(t, s, sr3, t3,
		want{"broken-link", "https://x/c", "", FindingPersisting, t2, run2},
		want{"privacy-leak", "https://x/b", "5117***9999", FindingFixed, t1, run1},
		want{"regdoc-validity", "https://x/a", "", FindingFixed, t1, run1})

	// Run 4: a comes back: it is new again; fixed findings of run 3 are not fixed again.
	run4, sr4 := judgeRun(t, s, clk, t4, c, a)
	checkFindings(t, s, sr4, t4,
		want{"broken-link", "https://x/c", "", FindingPersisting, t2, run2},
		want{"regdoc-validity", "https://x/a", "", FindingNew, t4, run4})

	if prev, ok, _ := s.PreviousSiteRun(context.Background(), sr3); !ok || prev.ID != sr2 {
		t.Errorf("PreviousSiteRun(run 3) = %d, want %d (the failed run is not completed)", prev.ID, sr2)
	}
	if h, _ := s.SiteHistory(context.Background(), 1, 0); len(h) != 4 || h[0].ID != sr4 || h[3].ID != sr1 {
		t.Errorf("SiteHistory = %d runs", len(h))
	}
}

func TestRejudgeReplacesJudgement(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t)
	clk := &clock{}
	s.now = clk.now
	a := rules.Finding{Rule: "regdoc-validity", Severity: rules.SeverityHigh, URL: "https://x/a"}
	b := rules.Finding{Rule: "column-stale", Severity: rules.SeverityMedium, URL: "https://x/col"}
	t1 := time.Date(2024, 4, 1, 18, 0, 0, 0, time.UTC)
	run1, sr1 := judgeRun(t, s, clk, t1, a)
	run2, sr2 := judgeRun(t, s, clk, t1.AddDate(0, 0, 1), a, b)
	checkFindings(t, s, sr2, t1.AddDate(0, 0, 1),
		want{"regdoc-validity", "https://x/a", "", FindingPersisting, t1, run1},
		want{"column-stale", "https://x/col", "", FindingNew, t1.AddDate(0, 0, 1), run2})

	// Re-judge run 2 with changed rules: its findings, undetermined and score are replaced.
	und := []rules.Undetermined{{Rule: "proactive-timely", URL: "https://x/a", Reason: "2018 not in calendar"}}
	if err := s.SaveJudgement(ctx, sr2, Judgement{Findings: []rules.Finding{b}, Undetermined: und, Score: 91, Grade: "优秀",
		Veto: true, RulesHash: "r2"}); err != nil {
		t.Fatal(err)
	}
	checkFindings(t, s, sr2, t1.AddDate(0, 0, 1),
		want{"column-stale", "https://x/col", "", FindingNew, t1.AddDate(0, 0, 1), run2},
		want{"regdoc-validity", "https://x/a", "", FindingFixed, t1, run1})
	if err := s.SaveJudgement(ctx, sr2, Judgement{Findings: []rules.Finding{b}, Score: 90, Grade: "优秀", RulesHash: "r3"}); err != nil {
		t.Fatal(err)
	}
	if us, _ := s.Undetermined(ctx, sr2); len(us) != 0 {
		t.Errorf("undetermined not replaced: %+v", us)
	}
	if sr, _ := s.SiteRun(ctx, sr2); sr.Score != 90 || sr.Veto || sr.RulesHash != "r3" {
		t.Errorf("site run after re-judging = %+v", sr)
	}

	// Re-judging the earlier run re-derives the later run's statuses.
	if err := s.SaveJudgement(ctx, sr1, Judgement{Findings: []rules.Finding{a, b}}); err != nil {
		t.Fatal(err)
	}
	checkFindings(t, s, sr2, t1.AddDate(0, 0, 1),
		want{"column-stale", "https://x/col", "", FindingPersisting, t1, run1},
		want{"regdoc-validity", "https://x/a", "", FindingFixed, t1, run1})
	if err := s.SaveJudgement(ctx, sr1, Judgement{}); err != nil {
		t.Fatal(err)
	}
	checkFindings(t, s, sr2, t1.AddDate(0, 0, 1),
		want{"column-stale", "https://x/col", "", FindingNew, t1.AddDate(0, 0, 1), run2})
	if err := s.SaveJudgement(ctx, 999, Judgement{}); !errors.Is(err, ErrNotFound) {
		t.Errorf("SaveJudgement(999) = %v", err)
	}
}

func TestConcurrentSavePage(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t)
	runID, err := s.BeginRun(ctx, RunInfo{Command: "audit"})
	if err != nil {
		t.Fatal(err)
	}
	const workers, perSite = 8, 150
	srIDs := make([]int64, workers)
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := range workers {
		wg.Go(func() {
			site := facts.Site{Name: fmt.Sprintf("单位%d", w), URL: fmt.Sprintf("https://u%d.gov.cn/", w)}
			sr, err := s.BeginSite(ctx, runID, site)
			if err != nil {
				errs <- err
				return
			}
			srIDs[w] = sr
			for i := range perSite {
				if err := s.SavePage(ctx, sr, testPage(fmt.Sprintf("https://u%d.gov.cn/p%04d.html", w, i), w*1000+i, 10)); err != nil {
					errs <- err
					return
				}
				if i%50 == 0 {
					if err := s.SaveCrawlError(ctx, sr, facts.CrawlError{URL: "x", Stage: "fetch", Err: "timeout"}); err != nil {
						errs <- err
						return
					}
				}
			}
			errs <- s.FinishSite(ctx, sr, SiteStats{Pages: perSite, Status: StatusOK})
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	for w, sr := range srIDs {
		i := 0
		err := s.Pages(ctx, sr, func(p *facts.Page) error {
			want := testPage(fmt.Sprintf("https://u%d.gov.cn/p%04d.html", w, i), w*1000+i, 10)
			if !reflect.DeepEqual(p, want) {
				return fmt.Errorf("site %d page %d differs", w, i)
			}
			i++
			return nil
		})
		if err != nil || i != perSite {
			t.Errorf("site %d: %d pages, %v", w, i, err)
		}
	}
	if got := pragmaString(t, s.rdb, "PRAGMA integrity_check"); got != "ok" {
		t.Errorf("integrity_check = %s", got)
	}
}

func TestMarkAbandonedSparesLiveRuns(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t)
	clk := &clock{t: time.Now()}
	s.now = clk.now
	live, err := s.BeginRun(ctx, RunInfo{Command: "serve"})
	if err != nil {
		t.Fatal(err)
	}
	liveSR, _ := s.BeginSite(ctx, live, testSite)
	insert := func(o owner, heartbeat time.Time) int64 {
		res, err := s.wdb.Exec(`INSERT INTO runs (command, started_at, status, owner_host, owner_pid, owner_token, heartbeat_at)
			VALUES ('audit', ?, 'running', ?, ?, ?, ?)`, fmtTime(heartbeat), o.host, o.pid, o.token, fmtTime(heartbeat))
		if err != nil {
			t.Fatal(err)
		}
		id, _ := res.LastInsertId()
		if _, err := s.wdb.Exec(`INSERT INTO site_runs (run_id, site_id, started_at) VALUES (?, 1, ?)`, id, fmtTime(heartbeat)); err != nil {
			t.Fatal(err)
		}
		return id
	}
	now := clk.now()
	deadPID := exitedPID(t)
	cases := []struct {
		name string
		id   int64
		dead bool
	}{
		{"same host, pid gone", insert(owner{s.owner.host, deadPID, "t1"}, now), true},
		{"same host, our pid, other token (earlier incarnation)", insert(owner{s.owner.host, s.owner.pid, "t2"}, now), true},
		{"same host, live pid (init), fresh heartbeat", insert(owner{s.owner.host, 1, "t3"}, now.Add(-time.Minute)), false},
		{"same host, live pid, heartbeat an hour old (pid reused)", insert(owner{s.owner.host, 1, "t4"}, now.Add(-time.Hour)), true},
		{"other host, fresh heartbeat", insert(owner{"elsewhere", 42, "t5"}, now.Add(-30*time.Second)), false},
		{"other host, stale heartbeat", insert(owner{"elsewhere", 42, "t6"}, now.Add(-5*time.Minute)), true},
	}
	n, err := s.MarkAbandoned(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n != 4 {
		t.Errorf("MarkAbandoned marked %d runs, want 4", n)
	}
	for _, c := range append(cases, struct {
		name string
		id   int64
		dead bool
	}{"this store's run", live, false}) {
		r, err := s.Run(ctx, c.id)
		if err != nil {
			t.Fatal(err)
		}
		wantStatus := StatusRunning
		if c.dead {
			wantStatus = StatusInterrupted
		}
		if r.Status != wantStatus || (c.dead && !strings.Contains(r.Err, "abandoned")) {
			t.Errorf("%s: status %s (%s), want %s", c.name, r.Status, r.Err, wantStatus)
		}
		var srStatus string
		if err := s.rdb.QueryRow(`SELECT status FROM site_runs WHERE run_id = ?`, c.id).Scan(&srStatus); err != nil {
			t.Fatal(err)
		}
		if srStatus != wantStatus {
			t.Errorf("%s: site run status %s, want %s", c.name, srStatus, wantStatus)
		}
	}
	if sr, _ := s.SiteRun(ctx, liveSR); sr.Status != StatusRunning {
		t.Errorf("live site run marked %s", sr.Status)
	}
}

func TestFrontier(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t)
	runID, _ := s.BeginRun(ctx, RunInfo{Command: "scan"})
	sr, _ := s.BeginSite(ctx, runID, testSite)
	q := func(u string) QueuedURL {
		return QueuedURL{URL: u, Depth: 1, From: "https://x/", Meta: `{"column":"规范性文件"}`}
	}
	added, err := s.EnqueueURLs(ctx, sr, []QueuedURL{q("https://x/a"), q("https://x/b"), q("https://x/a"), q("https://x/c")})
	if err != nil || added != 3 {
		t.Fatalf("EnqueueURLs = %d, %v; want 3 new", added, err)
	}
	got, err := s.NextURLs(ctx, sr, 2)
	if err != nil || len(got) != 2 || got[0] != q("https://x/a") || got[1].URL != "https://x/b" {
		t.Fatalf("NextURLs = %+v, %v", got, err)
	}
	if st, _ := s.Frontier(ctx, sr); st != (FrontierStats{Queued: 1, Fetching: 2}) {
		t.Errorf("Frontier = %+v", st)
	}
	// a is done: its page and the links found on it in one step; b and a are not queued again.
	err = s.CompleteURL(ctx, sr, Completion{URL: "https://x/a", Page: testPage("https://x/a", 1, 2),
		LinkChecks: []facts.LinkCheck{{URL: "https://x/dead", From: "https://x/a", Status: 404, Broken: true}},
		Errors:     []facts.CrawlError{{URL: "https://x/a.pdf", Stage: "size", Err: "too large"}},
		Discovered: []QueuedURL{q("https://x/a"), q("https://x/b"), q("https://x/d")}})
	if err != nil {
		t.Fatal(err)
	}
	if added, _ := s.EnqueueURLs(ctx, sr, []QueuedURL{q("https://x/a")}); added != 0 {
		t.Error("a done URL was queued again")
	}
	if err := s.ReleaseURLs(ctx, sr, "https://x/b", "https://x/a"); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.Frontier(ctx, sr); st != (FrontierStats{Queued: 3, Done: 1}) {
		t.Errorf("Frontier after complete and release = %+v", st)
	}
	got, _ = s.NextURLs(ctx, sr, 10)
	if len(got) != 3 || got[0].URL != "https://x/b" || got[1].URL != "https://x/c" || got[2].URL != "https://x/d" {
		t.Errorf("NextURLs = %+v, want b c d in order", got)
	}
	if err := s.MarkDone(ctx, sr, "https://x/b", "https://x/c", "https://x/d"); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.NextURLs(ctx, sr, 10); len(got) != 0 {
		t.Errorf("NextURLs on an exhausted frontier = %+v", got)
	}
	if n, _ := s.PageCount(ctx, sr); n != 1 {
		t.Errorf("PageCount = %d", n)
	}
	if err := s.FinishSite(ctx, sr, SiteStats{Pages: 1, Status: StatusOK}); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.Frontier(ctx, sr); st != (FrontierStats{}) {
		t.Errorf("frontier of a completed site run kept: %+v", st)
	}
	if _, err := s.EnqueueURLs(ctx, sr, []QueuedURL{q("https://x/e")}); !errors.Is(err, ErrNotRunning) {
		t.Errorf("EnqueueURLs after FinishSite = %v", err)
	}
}

func TestResumeSite(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t)
	run1, _ := s.BeginRun(ctx, RunInfo{Command: "audit"})
	sr1, _ := s.BeginSite(ctx, run1, testSite)
	if _, err := s.EnqueueURLs(ctx, sr1, []QueuedURL{{URL: "https://x/a"}, {URL: "https://x/b"}, {URL: "https://x/c"}}); err != nil {
		t.Fatal(err)
	}
	claimed, _ := s.NextURLs(ctx, sr1, 2)
	if err := s.CompleteURL(ctx, sr1, Completion{URL: claimed[0].URL, Page: testPage(claimed[0].URL, 1, 2),
		Errors: []facts.CrawlError{{URL: "https://x/z", Stage: "fetch", Err: "timeout"}}}); err != nil {
		t.Fatal(err)
	}
	// b stays claimed: the process stops gracefully with it in flight.
	if _, ok, _ := s.Resumable(ctx, testSite); ok {
		t.Error("a running site run is not resumable")
	}
	if err := s.FinishRun(ctx, run1, StatusInterrupted, "SIGTERM"); err != nil {
		t.Fatal(err)
	}
	prev, ok, err := s.Resumable(ctx, testSite)
	if err != nil || !ok || prev.ID != sr1 || prev.Status != StatusInterrupted {
		t.Fatalf("Resumable = %+v %v %v", prev, ok, err)
	}
	run2, _ := s.BeginRun(ctx, RunInfo{Command: "audit"})
	sr2, err := s.ResumeSite(ctx, run2, testSite, sr1)
	if err != nil {
		t.Fatal(err)
	}
	if st, _ := s.Frontier(ctx, sr2); st != (FrontierStats{Queued: 2, Done: 1}) {
		t.Errorf("resumed frontier = %+v, want b re-queued with c, a done", st)
	}
	if next, _ := s.NextURLs(ctx, sr2, 5); len(next) != 2 || next[0].URL != "https://x/b" {
		t.Errorf("resumed NextURLs = %+v", next)
	}
	if p, err := s.Page(ctx, sr2, "https://x/a"); err != nil || checkComplete(p) != nil {
		t.Errorf("page of the interrupted run not carried over: %v", err)
	}
	if ces, _ := s.CrawlErrors(ctx, sr2); len(ces) != 1 {
		t.Errorf("crawl errors carried over = %d", len(ces))
	}
	if sr, _ := s.SiteRun(ctx, sr2); sr.ResumedFrom != sr1 {
		t.Errorf("ResumedFrom = %d", sr.ResumedFrom)
	}
	if _, ok, _ := s.Resumable(ctx, testSite); ok {
		t.Error("resumed site run offered again")
	}
	if _, err := s.ResumeSite(ctx, run2, testSite, sr1); err == nil {
		t.Error("a site run was resumed twice")
	}
	other := facts.Site{Name: "其他", URL: "https://other.gov.cn/"}
	if _, err := s.ResumeSite(ctx, run2, other, sr1); err == nil {
		t.Error("resumed another site's run")
	}
	// The old site run keeps its pages as history.
	if n, _ := s.PageCount(ctx, sr1); n != 1 {
		t.Errorf("interrupted site run lost its pages: %d", n)
	}
}

func TestPagesStreamLargeSiteInBoundedMemory(t *testing.T) {
	pages := 20000
	if testing.Short() || raceEnabled {
		pages = 2000 // the volume is the point, the race detector would take minutes
	}
	ctx := context.Background()
	s, _ := openTest(t)
	sr := fillPages(t, s, pages, 40)
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var peak uint64
	n, bytesSeen := 0, 0
	prev := ""
	err := s.Pages(ctx, sr, func(p *facts.Page) error {
		if p.URL <= prev {
			return fmt.Errorf("URL order broken: %s after %s", p.URL, prev)
		}
		if err := checkComplete(p); err != nil {
			return err
		}
		prev = p.URL
		n++
		bytesSeen += len(p.Text)
		if n%1000 == 0 {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapAlloc)
		}
		return nil
	})
	if err != nil || n != pages {
		t.Fatalf("streamed %d pages: %v", n, err)
	}
	// The pages' text alone is ~110 MB (20,000 pages); streaming keeps the heap far below it.
	growth := int64(peak) - int64(before.HeapAlloc)
	t.Logf("streamed %d pages, %d MB of text; heap grew by at most %.1f MB", n, bytesSeen>>20, float64(growth)/(1<<20))
	if limit := max(bytesSeen/4, 8<<20); growth > int64(limit) {
		t.Errorf("heap grew by %d MB while streaming %d MB of text: pages are being accumulated", growth>>20, bytesSeen>>20)
	}
}

func TestPrune(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t)
	clk := &clock{}
	s.now = clk.now
	t0 := time.Date(2024, 4, 1, 18, 0, 0, 0, time.UTC)
	a := rules.Finding{Rule: "regdoc-validity", Severity: rules.SeverityHigh, URL: "https://x/a"}
	shared := testPage("https://www.dachuan.gov.cn/shared.html", 0, 5)
	var srs []int64
	for i := range 4 {
		clk.set(t0.AddDate(0, 0, i))
		run, _ := s.BeginRun(ctx, RunInfo{Command: "audit"})
		sr, _ := s.BeginSite(ctx, run, testSite)
		if err := s.SavePage(ctx, sr, shared); err != nil {
			t.Fatal(err)
		}
		if err := s.SavePage(ctx, sr, testPage("https://www.dachuan.gov.cn/own.html", i+1, 5)); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveJudgement(ctx, sr, Judgement{Findings: []rules.Finding{a}}); err != nil {
			t.Fatal(err)
		}
		if err := s.FinishSite(ctx, sr, SiteStats{Pages: 2, Status: StatusOK}); err != nil {
			t.Fatal(err)
		}
		if err := s.FinishRun(ctx, run, StatusOK, ""); err != nil {
			t.Fatal(err)
		}
		srs = append(srs, sr)
	}
	// Another site with a single run, and a run in progress: both untouched.
	other := facts.Site{Name: "其他", URL: "https://other.gov.cn/"}
	run5, _ := s.BeginRun(ctx, RunInfo{Command: "audit"})
	sr5, _ := s.BeginSite(ctx, run5, other)
	s.SavePage(ctx, sr5, testPage("https://other.gov.cn/x.html", 9, 5))
	s.FinishSite(ctx, sr5, SiteStats{Status: StatusOK})
	running, _ := s.BeginSite(ctx, run5, testSite)

	st, err := s.Prune(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	if st != (PruneStats{SiteRuns: 2, Runs: 2, PageFacts: 2}) {
		t.Errorf("Prune = %+v, want 2 site runs, 2 runs, 2 page facts (their own pages; the shared one stays)", st)
	}
	for i, sr := range srs {
		_, err := s.SiteRun(ctx, sr)
		if gone := errors.Is(err, ErrNotFound); gone != (i < 2) {
			t.Errorf("site run %d: %v", i, err)
		}
	}
	for _, sr := range []int64{srs[2], srs[3], sr5} {
		err := s.Pages(ctx, sr, func(p *facts.Page) error { return checkComplete(p) })
		if err != nil {
			t.Errorf("kept site run %d: %v", sr, err)
		}
	}
	if _, err := s.SiteRun(ctx, running); err != nil {
		t.Errorf("running site run pruned: %v", err)
	}
	fs, _ := s.Findings(ctx, srs[3])
	if len(fs) != 1 || fs[0].Status != FindingPersisting || !fs[0].FirstSeen.Equal(t0) {
		t.Errorf("findings after pruning = %+v, want persisting since %v", fs, t0)
	}
	if n := foreignKeyViolations(t, s.rdb); n != 0 {
		t.Errorf("%d foreign key violations", n)
	}
	if got := pragmaString(t, s.rdb, "PRAGMA integrity_check"); got != "ok" {
		t.Errorf("integrity_check = %s", got)
	}
	if _, err := s.Prune(ctx, 0); err == nil {
		t.Error("Prune(0) accepted")
	}
}

// TestUpgradeFromSchema1 opens a file written by the first release (schema 1, fetch
// metadata inside the facts JSON) and reads its pages after the upgrade.
func TestUpgradeFromSchema1(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v1.db")
	db, err := sql.Open("sqlite3", dsn(path, map[string][]string{"_txlock": {"immediate"}, "_foreign_keys": {"1"}}))
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	if err := migrate(ctx, db, embeddedMigrations[:1]); err != nil {
		t.Fatal(err)
	}
	// A page as schema 1 stored it: everything but Text, Tables, attachment Text and
	// FetchedAt in the light JSON.
	p := testPage("https://www.dachuan.gov.cn/old.html", 7, 3)
	light := *p
	light.Text, light.Tables, light.FetchedAt = "", nil, time.Time{}
	light.Attachments = append([]facts.Attachment(nil), p.Attachments...)
	texts := make([]string, len(p.Attachments))
	for i := range light.Attachments {
		texts[i], light.Attachments[i].Text = light.Attachments[i].Text, ""
	}
	lj, _ := json.Marshal(&light)
	hj, _ := json.Marshal(heavyFacts{Text: p.Text, Tables: p.Tables, AttachmentText: texts})
	now := fmtTime(time.Now())
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO runs (id, command, started_at, status) VALUES (1, 'audit', ?, 'ok')`, []any{now}},
		{`INSERT INTO sites (id, url, name, config, created_at, updated_at) VALUES (1, 'https://www.dachuan.gov.cn/', 'x', '{"name":"x","url":"https://www.dachuan.gov.cn/"}', ?, ?)`, []any{now, now}},
		{`INSERT INTO site_runs (id, run_id, site_id, started_at, status) VALUES (1, 1, 1, ?, 'ok')`, []any{now}},
		{`INSERT INTO page_facts (id, digest, size, light, heavy) VALUES (1, x'01', 1, ?, ?)`, []any{compress(lj), compress(hj)}},
		{`INSERT INTO pages (site_run_id, url, site_id, facts_id, status, kind, fetched_at) VALUES (1, ?, 1, 1, 200, 'detail', ?)`,
			[]any{p.URL, fmtTime(p.FetchedAt)}},
	} {
		if _, err := db.Exec(q.sql, q.args...); err != nil {
			t.Fatalf("%s: %v", q.sql, err)
		}
	}
	db.Close()

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := pragmaString(t, s.rdb, "PRAGMA user_version"); got != strconv.Itoa(SchemaVersion()) || SchemaVersion() < 2 {
		t.Errorf("user_version = %s after upgrade", got)
	}
	got, err := s.Page(ctx, 1, p.URL)
	if err != nil || !reflect.DeepEqual(got, p) {
		t.Errorf("page stored under schema 1 = %+v, %v; want %+v", got, err, p)
	}
	if prev, ok, err := s.PreviousPage(ctx, 1, p.URL); err != nil || !ok || prev.ETag != p.ETag || prev.Hash != p.Hash {
		t.Errorf("PreviousPage lost the schema-1 validators: %+v %v %v", prev, ok, err)
	}
}

// TestRepeatedIdentity: a judgement that repeats (rule, url, key) keeps every finding,
// and each repeat is followed across runs by its position.
func TestRepeatedIdentity(t *testing.T) {
	s, _ := openTest(t)
	clk := &clock{}
	s.now = clk.now
	f := rules.Finding{Rule: "privacy-leak", Severity: rules.SeverityCritical, URL: "https://x/list.xls"}
	f1, f2 := f, f
	f1.Evidence, f2.Evidence = "第1行", "第2行"
	t1 := time.Date(2024, 4, 1, 18, 0, 0, 0, time.UTC)
	run1, _ := judgeRun(t, s, clk, t1, f1, f2)
	_, sr2 := judgeRun(t, s, clk, t1.AddDate(0, 0, 1), f2)
	checkFindings(t, s, sr2, t1.AddDate(0, 0, 1),
		want{"privacy-leak", "https://x/list.xls", "", FindingPersisting, t1, run1},
		want{"privacy-leak", "https://x/list.xls", "", FindingFixed, t1, run1})
	if fs, _ := s.Findings(context.Background(), sr2); len(fs) != 2 || fs[0].Evidence != "第2行" || fs[1].Evidence != "第2行" {
		t.Errorf("findings = %+v", fs)
	}
}

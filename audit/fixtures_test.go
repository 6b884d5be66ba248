package audit

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/crawler"
	"github.com/gongkai/gongkai/facts"
	"github.com/gongkai/gongkai/rules"
	"github.com/gongkai/gongkai/store"
)

// Fixture sites live in testdata/sites/NAME/ at the repository root:
//
//	site.yaml   what the site is and what must be found (fixtureSpec below)
//	root/       the files, served as they are (a directory serves its index.html;
//	            .html without a charset in the header, so <meta> decides, as on real sites)
//
// A page that must yield a finding carries <!-- want "rule-id" --> (several allowed);
// site-level findings (something missing) are listed in site.yaml with the path they are
// reported at. Only the rules listed in site.yaml are compared: every finding of those
// rules must be wanted, and every wanted finding must be found.
type fixtureSpec struct {
	Name   string      `yaml:"name"`
	Level  facts.Level `yaml:"level"`
	AsOf   string      `yaml:"as_of"`
	Start  string      `yaml:"start"` // path to start from, default "/"
	Rules  []string    `yaml:"rules"`
	Expect []struct {
		Rule string `yaml:"rule"`
		Path string `yaml:"path"`
	} `yaml:"expect"`
	// Headers sets response headers by path (e.g. a charset that disagrees with <meta>).
	Headers map[string]map[string]string `yaml:"headers"`
	// Status sets response statuses by path (e.g. 404 for a deleted attachment).
	Status map[string]int `yaml:"status"`
	// Columns pins column kinds to paths, as sites.yaml does.
	Columns map[string]string `yaml:"columns"`
}

var wantRe = regexp.MustCompile(`<!--\s*want\s+"([a-z0-9-]+)"\s*-->`)

func fixtureRoot(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "testdata", "sites"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestFixtureSites(t *testing.T) {
	root := fixtureRoot(t)
	entries, err := os.ReadDir(root)
	if os.IsNotExist(err) {
		t.Skip("no fixture sites yet")
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		t.Run(e.Name(), func(t *testing.T) {
			t.Parallel()
			runFixture(t, filepath.Join(root, e.Name()))
		})
	}
}

func runFixture(t *testing.T, dir string) {
	cfg, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	var spec fixtureSpec
	specPath := filepath.Join(dir, "site.yaml")
	src, err := os.ReadFile(specPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := rules.DecodeStrict(specPath, src, &spec); err != nil {
		t.Fatal(err)
	}
	asOf, ok := facts.ParseDate(spec.AsOf)
	if !ok {
		t.Fatalf("%s: as_of %q is not a date", specPath, spec.AsOf)
	}
	for _, r := range spec.Rules {
		if _, ok := rules.Lookup(r); !ok {
			t.Fatalf("%s: rule %q is not implemented", specPath, r)
		}
	}
	files := filepath.Join(dir, "root")
	want := map[string]bool{}
	err = filepath.WalkDir(files, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") && !strings.HasSuffix(p, ".htm") && !strings.HasSuffix(p, ".shtml") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(files, p)
		urlPath := "/" + filepath.ToSlash(rel)
		if path.Base(urlPath) == "index.html" {
			urlPath = strings.TrimSuffix(urlPath, "index.html")
		}
		for _, m := range wantRe.FindAllSubmatch(b, -1) {
			want[string(m[1])+" "+urlPath] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range spec.Expect {
		want[e.Rule+" "+e.Path] = true
	}

	fs := http.FileServer(http.Dir(files))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if code, ok := spec.Status[r.URL.Path]; ok {
			http.Error(w, http.StatusText(code), code)
			return
		}
		for k, v := range spec.Headers[r.URL.Path] {
			w.Header().Set(k, v)
		}
		if w.Header().Get("Content-Type") == "" && (strings.HasSuffix(r.URL.Path, "/") || strings.HasSuffix(r.URL.Path, "htm") || strings.HasSuffix(r.URL.Path, "html")) {
			// Like many government servers: no charset in the header.
			w.Header().Set("Content-Type", "text/html")
		}
		fs.ServeHTTP(w, r)
	}))
	defer srv.Close()

	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a := &Auditor{Store: st, Rules: cfg, AsOf: asOf, Concurrency: 1,
		Crawl: crawler.Options{Delay: crawler.NoDelay, Retries: crawler.NoRetries, Parallelism: 4, MaxPages: 3000}}
	start := spec.Start
	if start == "" {
		start = "/"
	}
	site := SiteSpec{Name: spec.Name, URL: srv.URL + start, Level: spec.Level, Columns: map[string]string{}}
	for k, p := range spec.Columns {
		site.Columns[k] = srv.URL + p
	}
	res, err := a.Run(context.Background(), "test", "", []SiteSpec{site})
	if err != nil {
		t.Fatal(err)
	}
	sr := res.Sites[0]
	if sr.Err != nil {
		t.Fatalf("audit failed: %v", sr.Err)
	}
	inScope := map[string]bool{}
	for _, r := range spec.Rules {
		inScope[r] = true
	}
	got := map[string]rules.Finding{}
	for _, f := range sr.Findings {
		if !inScope[f.Rule] || f.Status == store.FindingFixed {
			continue
		}
		u, err := url.Parse(f.URL)
		if err != nil {
			t.Errorf("finding with bad URL %q", f.URL)
			continue
		}
		got[f.Rule+" "+u.Path] = f.Finding
	}
	type counts struct{ tp, fp, fn int }
	per := map[string]*counts{}
	c := func(key string) *counts {
		rule, _, _ := strings.Cut(key, " ")
		if per[rule] == nil {
			per[rule] = &counts{}
		}
		return per[rule]
	}
	var keys []string
	for k := range want {
		keys = append(keys, k)
	}
	for k := range got {
		if !want[k] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		rule, _, _ := strings.Cut(k, " ")
		if !inScope[rule] {
			t.Errorf("%s: wanted %s but %s is not in site.yaml rules", specPath, k, rule)
			continue
		}
		f, found := got[k]
		switch {
		case want[k] && found:
			c(k).tp++
		case want[k]:
			c(k).fn++
			t.Errorf("missed: %s", k)
		default:
			c(k).fp++
			t.Errorf("not planted: %s — %s", k, f.Evidence)
		}
	}
	var summary []string
	for _, r := range spec.Rules {
		n := per[r]
		if n == nil {
			n = &counts{}
		}
		summary = append(summary, fmt.Sprintf("%s tp=%d fp=%d fn=%d", r, n.tp, n.fp, n.fn))
	}
	t.Logf("%s: %d pages; %s", filepath.Base(dir), sr.Pages, strings.Join(summary, "; "))
}

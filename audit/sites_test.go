package audit

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/facts"
	"github.com/gongkai/gongkai/rules"
)

func defaultRules(t *testing.T) *rules.Config {
	t.Helper()
	cfg, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// TestLoadSitesErrors loads each bad file of testdata/sitesfiles and compares the
// first line of the error (the place and the message; YAML errors go on with a source
// excerpt) with the exact expected text, as blackbox_exporter tests its configs.
func TestLoadSitesErrors(t *testing.T) {
	cfg := defaultRules(t)
	for _, tc := range []struct {
		file, want string
		excerpt    string // a line of the source excerpt that must follow, if any
	}{
		{"bad-empty.yaml", "bad-empty.yaml: file is empty", ""},
		{"bad-comment-only.yaml", "bad-comment-only.yaml: sites: no sites listed", ""},
		{"bad-no-sites.yaml", "bad-no-sites.yaml: sites: no sites listed", ""},
		{"bad-unknown-field.yaml", `bad-unknown-field.yaml:4:5: unknown field "levle"`, "levle: 政府"},
		{"bad-unknown-top.yaml", `bad-unknown-top.yaml:1:1: unknown field "site"`, "site:"},
		{"bad-syntax.yaml", "bad-syntax.yaml:4:4: value is not allowed in this context", "level: 政府"},
		{"bad-not-a-list.yaml", "bad-not-a-list.yaml:2:7: mapping was used where sequence is expected", ""},
		{"bad-hosts-type.yaml", "bad-hosts-type.yaml:4:12: string was used where sequence is expected", ""},
		{"bad-no-name.yaml", "bad-no-name.yaml:4:8: sites[1].name: the unit's name is required (it is shown in scorecards and metrics)", ""},
		{"bad-duplicate-name.yaml", `bad-duplicate-name.yaml:4:11: sites[1].name: "达川区教育局" is already used by sites[0]; names must be unique`, ""},
		{"bad-url-scheme.yaml", `bad-url-scheme.yaml:3:10: sites[0].url: invalid URL "ftp://www.dachuan.gov.cn/": scheme must be http or https`, ""},
		{"bad-url-missing.yaml", "bad-url-missing.yaml:2:9: sites[0].url: a URL is required", ""},
		{"bad-level.yaml", `bad-level.yaml:4:12: sites[0].level: "县" (want 政府, 部门 or 乡镇)`, ""},
		{"bad-column-kind.yaml", "bad-column-kind.yaml:5:13: sites[0].columns.规范文件: unknown column kind (known: " + kinds(cfg.Columns) + ")", ""},
		{"bad-column-url.yaml", `bad-column-url.yaml:5:14: sites[0].columns.规范性文件: invalid URL "javascript:void(0)": scheme must be http or https`, ""},
		{"bad-rule-id.yaml", "bad-rule-id.yaml:5:21: sites[0].rules.regdoc-valid: unknown rule (known: " + strings.Join(ruleIDs(), ", ") + ")", ""},
		{"bad-rule-severity.yaml", "bad-rule-severity.yaml:5:25: sites[0].rules.proactive-timely.severity: " + severityErr(t, "urgent"), ""},
		{"bad-rule-param.yaml", `bad-rule-param.yaml:6:18: sites[0].rules.regdoc-publish-timely.params: unknown field "limit_days"`, "params: {limit_days: 5}"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join("testdata", "sitesfiles", tc.file)
			// Errors name the file as given: load it from its own directory.
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			_, err = ParseSites(tc.file, src, cfg)
			if err == nil {
				t.Fatal("no error")
			}
			first, rest, _ := strings.Cut(err.Error(), "\n")
			if first != tc.want {
				t.Errorf("error\n got: %s\nwant: %s", first, tc.want)
			}
			if !strings.HasPrefix(first, tc.file+":") {
				t.Errorf("error %q does not start with the file name", first)
			}
			if tc.excerpt != "" && !strings.Contains(err.Error(), tc.excerpt) {
				t.Errorf("error does not quote %q:\n%s\n%s", tc.excerpt, first, rest)
			}
			// LoadSites reports the same, naming the path.
			if _, lerr := LoadSites(path, cfg); lerr == nil || !strings.HasPrefix(lerr.Error(), path) {
				t.Errorf("LoadSites: %v", lerr)
			}
		})
	}
}

func ruleIDs() []string {
	var ids []string
	for _, r := range rules.All() {
		ids = append(ids, r.ID)
	}
	return ids
}

func severityErr(t *testing.T, s string) string {
	_, err := rules.ParseSeverity(s)
	if err == nil {
		t.Fatalf("severity %q parses", s)
	}
	return err.Error()
}

func TestLoadSitesGood(t *testing.T) {
	sf, err := LoadSites(filepath.Join("testdata", "sitesfiles", "good.yaml"), defaultRules(t))
	if err != nil {
		t.Fatal(err)
	}
	var got []facts.Site
	for _, s := range sf.Sites {
		got = append(got, s.Site())
	}
	want := []facts.Site{
		{Name: "达州市达川区人民政府", URL: "https://www.dachuan.gov.cn/", Level: facts.LevelGovernment, Region: "达州市达川区",
			Hosts: []string{"xxgk.dachuan.gov.cn"}, Columns: map[string]string{"规范性文件": "https://www.dachuan.gov.cn/xxgk/gfxwj/"}},
		{Name: "达川区教育局", URL: "http://www.dachuan.gov.cn/bm/jyj/", Level: facts.LevelDepartment},
		{Name: "达川区三里坪街道办事处", URL: "http://slp.dachuan.gov.cn:8080/"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sites\n got %+v\nwant %+v", got, want)
	}
	if len(sf.Sites[0].Rules) != 2 {
		t.Errorf("rule overrides = %v", sf.Sites[0].Rules)
	}
}

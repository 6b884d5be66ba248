package audit

import (
	"errors"
	"fmt"
	"maps"
	"net/url"
	"os"
	"slices"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/parser"

	"github.com/gongkai/gongkai/facts"
	"github.com/gongkai/gongkai/rules"
)

// SiteSpec is one unit to audit, as written in sites.yaml.
type SiteSpec struct {
	Name    string                    `yaml:"name"`
	URL     string                    `yaml:"url"`
	Level   facts.Level               `yaml:"level"`
	Region  string                    `yaml:"region"`
	Hosts   []string                  `yaml:"hosts"`
	Columns map[string]string         `yaml:"columns"`
	Rules   map[string]rules.Override `yaml:"rules"`
}

// Site returns the facts view of the spec.
func (s SiteSpec) Site() facts.Site {
	return facts.Site{Name: s.Name, URL: s.URL, Level: s.Level, Region: s.Region, Hosts: s.Hosts, Columns: s.Columns}
}

// SitesFile is sites.yaml.
type SitesFile struct {
	Sites []SiteSpec `yaml:"sites"`

	File string `yaml:"-"`
}

// LoadSites reads and validates sites.yaml against the rule set (column kinds, rule ids);
// errors name the file, line and field.
func LoadSites(path string, cfg *rules.Config) (*SitesFile, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read sites: %w", err)
	}
	return ParseSites(path, src, cfg)
}

// ParseSites is LoadSites on bytes.
func ParseSites(file string, src []byte, cfg *rules.Config) (*SitesFile, error) {
	sf := &SitesFile{File: file}
	if err := rules.DecodeStrict(file, src, sf); err != nil {
		return nil, err
	}
	at := positions(file, src)
	if len(sf.Sites) == 0 {
		return nil, fmt.Errorf("%s: sites: no sites listed", file)
	}
	seen := map[string]int{}
	for i := range sf.Sites {
		s := &sf.Sites[i]
		path := fmt.Sprintf("$.sites[%d]", i)
		field := fmt.Sprintf("sites[%d]", i)
		s.Name = strings.TrimSpace(s.Name)
		if s.Name == "" {
			return nil, fmt.Errorf("%s: %s.name: the unit's name is required (it is shown in scorecards and metrics)", at(path), field)
		}
		if j, dup := seen[s.Name]; dup {
			return nil, fmt.Errorf("%s: %s.name: %q is already used by sites[%d]; names must be unique", at(path+".name"), field, s.Name, j)
		}
		seen[s.Name] = i
		u, err := CheckURL(s.URL)
		if err != nil {
			return nil, fmt.Errorf("%s: %s.url: %w", at(path+".url", path), field, err)
		}
		s.URL = u
		switch s.Level {
		case "", facts.LevelGovernment, facts.LevelDepartment, facts.LevelTownship:
		default:
			return nil, fmt.Errorf("%s: %s.level: %q (want 政府, 部门 or 乡镇)", at(path+".level"), field, s.Level)
		}
		for kind, pin := range s.Columns {
			if !hasKind(cfg.Columns, kind) {
				return nil, fmt.Errorf("%s: %s.columns.%s: unknown column kind (known: %s)", at(path+".columns."+kind, path+".columns"), field, kind, kinds(cfg.Columns))
			}
			if _, err := CheckURL(pin); err != nil {
				return nil, fmt.Errorf("%s: %s.columns.%s: %w", at(path+".columns."+kind), field, kind, err)
			}
		}
		// One rule at a time, so that an error without a place of its own (an unknown
		// rule, a bad severity) gets the line of its override.
		for _, id := range slices.Sorted(maps.Keys(s.Rules)) {
			if _, err := cfg.WithOverrides(file, field+".rules", map[string]rules.Override{id: s.Rules[id]}); err != nil {
				return nil, placeError(err, file, at(path+".rules."+id, path+".rules"))
			}
		}
	}
	return sf, nil
}

// CheckURL validates a start URL and returns it normalised (a bare host gets http://).
func CheckURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", fmt.Errorf("a URL is required")
	}
	given := raw
	if !strings.Contains(raw, "://") {
		// A bare host (www.x.gov.cn, localhost:8080/xxgk/) gets http://; a scheme
		// without "//" (javascript:…, mailto:…) is no web page.
		if scheme, rest, ok := strings.Cut(raw, ":"); ok && isScheme(scheme) && !startsWithDigit(rest) {
			return "", fmt.Errorf("invalid URL %q: scheme must be http or https", given)
		}
		raw = "http://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return "", fmt.Errorf("invalid URL %q: %w", given, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("invalid URL %q: scheme must be http or https", given)
	}
	if u.Hostname() == "" {
		return "", fmt.Errorf("invalid URL %q: no host", given)
	}
	if u.Path == "" {
		u.Path = "/"
	}
	return u.String(), nil
}

// isScheme reports whether s is a URL scheme without a dot (a host name has dots).
func isScheme(s string) bool {
	if s == "" || strings.Contains(s, ".") {
		return false
	}
	for i, c := range s {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-'):
		default:
			return false
		}
	}
	return true
}

func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

func hasKind(v facts.Vocabulary, kind string) bool {
	for _, k := range v {
		if k.Kind == kind {
			return true
		}
	}
	return false
}

func kinds(v facts.Vocabulary) string {
	var ks []string
	for _, k := range v {
		ks = append(ks, k.Kind)
	}
	return strings.Join(ks, ", ")
}

// positions returns a function giving "file:line:col" of the first of the YAML paths
// that can be located (a missing field falls back to its parent), or the file name.
func positions(file string, src []byte) func(paths ...string) string {
	f, err := parser.ParseBytes(src, 0)
	return func(paths ...string) string {
		if err != nil {
			return file
		}
		for _, path := range paths {
			p, perr := yaml.PathString(path)
			if perr != nil {
				continue
			}
			n, ferr := p.FilterFile(f)
			if ferr != nil || n == nil || n.GetToken() == nil {
				continue
			}
			pos := n.GetToken().Position
			return fmt.Sprintf("%s:%d:%d", file, pos.Line, pos.Column)
		}
		return file
	}
}

// placeError gives an error that names only the file ("sites.yaml: …") the place
// where it was found; an error that names its own line is returned as it is.
func placeError(err error, file, place string) error {
	msg := err.Error()
	if rest, ok := strings.CutPrefix(msg, file+": "); ok && place != file {
		return fmt.Errorf("%s: %s", place, rest)
	}
	return err
}

package audit

import (
	"fmt"
	"net/url"
	"os"
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
			return nil, fmt.Errorf("%s: %s.url: %w", at(path+".url"), field, err)
		}
		s.URL = u
		switch s.Level {
		case "", facts.LevelGovernment, facts.LevelDepartment, facts.LevelTownship:
		default:
			return nil, fmt.Errorf("%s: %s.level: %q (want 政府, 部门 or 乡镇)", at(path+".level"), field, s.Level)
		}
		for kind, pin := range s.Columns {
			if !hasKind(cfg.Columns, kind) {
				return nil, fmt.Errorf("%s: %s.columns.%s: unknown column kind (known: %s)", at(path+".columns"), field, kind, kinds(cfg.Columns))
			}
			if _, err := CheckURL(pin); err != nil {
				return nil, fmt.Errorf("%s: %s.columns.%s: %w", at(path+".columns."+kind), field, kind, err)
			}
		}
		if _, err := cfg.WithOverrides(file, field+".rules", s.Rules); err != nil {
			return nil, err
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
	if !strings.Contains(raw, "://") {
		raw = "http://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("invalid URL %q: %w", raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("invalid URL %q: scheme must be http or https", raw)
	}
	if u.Hostname() == "" {
		return "", fmt.Errorf("invalid URL %q: no host", raw)
	}
	if u.Path == "" {
		u.Path = "/"
	}
	return u.String(), nil
}

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

// positions returns a function giving "file:line:col" of a YAML path, or the file name
// when the path cannot be located.
func positions(file string, src []byte) func(path string) string {
	f, err := parser.ParseBytes(src, 0)
	return func(path string) string {
		if err != nil {
			return file
		}
		p, perr := yaml.PathString(path)
		if perr != nil {
			return file
		}
		n, ferr := p.FilterFile(f)
		if ferr != nil || n == nil || n.GetToken() == nil {
			return file
		}
		pos := n.GetToken().Position
		return fmt.Sprintf("%s:%d:%d", file, pos.Line, pos.Column)
	}
}

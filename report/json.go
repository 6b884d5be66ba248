package report

import (
	"bytes"
	"encoding/json"
	"io"
	"time"

	"github.com/gongkai/gongkai/facts"
	"github.com/gongkai/gongkai/rules"
)

// jsonSite is the SPEC's JSON contract for one site (`scan --format json`, result.json).
// The first eight keys are the contract; unit, level, veto, crawl_errors, undetermined
// and error are additions after them.
type jsonSite struct {
	Site         string               `json:"site"`
	AsOf         string               `json:"as_of"`
	Score        float64              `json:"score"`
	Grade        string               `json:"grade"`
	Pages        int                  `json:"pages"`
	StartedAt    string               `json:"started_at"`
	FinishedAt   string               `json:"finished_at"`
	Findings     []rules.Finding      `json:"findings"`
	Unit         string               `json:"unit,omitempty"`
	Level        string               `json:"level,omitempty"`
	Veto         bool                 `json:"veto"`
	CrawlErrors  []facts.CrawlError   `json:"crawl_errors"`
	Undetermined []rules.Undetermined `json:"undetermined"`
	Error        string               `json:"error,omitempty"`
}

func toJSON(r *SiteReport) jsonSite {
	j := jsonSite{
		Site: r.Site.URL, AsOf: r.AsOf.String(), Score: r.Score.Score, Grade: r.Score.Grade,
		Pages: r.Pages, StartedAt: stamp(r.StartedAt), FinishedAt: stamp(r.FinishedAt),
		Findings: []rules.Finding{}, Unit: r.Site.Name, Level: string(r.Site.Level), Veto: r.Score.Veto,
		CrawlErrors: r.Errors, Undetermined: r.Undetermined, Error: r.Failed,
	}
	for _, f := range r.OpenFindings() {
		j.Findings = append(j.Findings, f.Finding)
	}
	if j.CrawlErrors == nil {
		j.CrawlErrors = []facts.CrawlError{}
	}
	if j.Undetermined == nil {
		j.Undetermined = []rules.Undetermined{}
	}
	return j
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(facts.Shanghai).Format(time.RFC3339)
}

// WriteJSON writes one site's result as exactly one JSON document.
func WriteJSON(w io.Writer, r *SiteReport) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(toJSON(r))
}

// WriteJSONAll writes several sites' results as one JSON array (result.json of an audit).
func WriteJSONAll(w io.Writer, rs []*SiteReport) error {
	out := make([]jsonSite, 0, len(rs))
	for _, r := range rs {
		out = append(out, toJSON(r))
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// jsonArray writes result.json one site at a time, in the form WriteJSONAll gives, so
// that hundreds of units' findings are never all in memory.
type jsonArray struct {
	w   io.Writer
	n   int
	buf bytes.Buffer
	err error
}

func (a *jsonArray) add(r *SiteReport) {
	if a.err != nil {
		return
	}
	a.buf.Reset()
	if a.n == 0 {
		a.buf.WriteString("[\n  ")
	} else {
		a.buf.WriteString(",\n  ")
	}
	enc := json.NewEncoder(&a.buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("  ", "  ")
	if a.err = enc.Encode(toJSON(r)); a.err != nil {
		return
	}
	a.buf.Truncate(a.buf.Len() - 1) // the encoder's newline
	a.n++
	_, a.err = a.w.Write(a.buf.Bytes())
}

func (a *jsonArray) close() error {
	if a.err != nil {
		return a.err
	}
	end := "\n]\n"
	if a.n == 0 {
		end = "[]\n"
	}
	_, a.err = io.WriteString(a.w, end)
	return a.err
}

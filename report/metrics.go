package report

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/prometheus/client_golang/prometheus/push"

	"github.com/gongkai/gongkai/facts"
	"github.com/gongkai/gongkai/rules"
	"github.com/gongkai/gongkai/store"
)

// Metric names are a contract (SPEC "Metrics"): dashboards and alert rules use them.
// The per-site series carry the labels site (the unit's name) and level, never a page URL.
const (
	MetricSiteScore       = "gongkai_site_score"
	MetricSiteVeto        = "gongkai_site_veto"
	MetricSiteFindings    = "gongkai_site_findings"
	MetricSitePages       = "gongkai_site_pages"
	MetricSiteCrawlErrors = "gongkai_site_crawl_errors"
	MetricSiteLastAudit   = "gongkai_site_last_audit_timestamp_seconds"
	MetricSiteDuration    = "gongkai_site_audit_duration_seconds"
	MetricAuditRuns       = "gongkai_audit_runs_total"
	MetricHTTPRequests    = "gongkai_http_requests_total"
	MetricSiteGradeInfo   = "gongkai_site_grade_info"     // addition: the grade, as an info series
	MetricAuditRunning    = "gongkai_audit_running"       // addition: 1 while an audit runs (serve)
	MetricAuditSkipped    = "gongkai_audit_skipped_total" // addition: scheduled audits skipped (one still running)
)

// metricsReadTimeout bounds the store reads of one collection.
const metricsReadTimeout = 10 * time.Second

// Run results, the values of gongkai_audit_runs_total's result label.
var RunResults = []string{store.StatusOK, store.StatusFailed, store.StatusInterrupted}

// StatusClasses are the values of gongkai_http_requests_total's code label.
var StatusClasses = []string{"2xx", "3xx", "4xx", "5xx", "error"}

// MetricsStore is what the per-site series are read from: the latest completed site
// run of every site and the per-rule results of its judgement. *store.Store has it.
type MetricsStore interface {
	LatestSiteRuns(ctx context.Context) ([]store.SiteRun, error)
	RuleResults(ctx context.Context, siteRunID int64) ([]rules.RuleResult, error)
	SiteByURL(ctx context.Context, siteURL string) (int64, bool, error)
}

// MetricsOptions configure NewMetrics.
type MetricsOptions struct {
	// Sites returns the sites to export (those configured now, in sites.yaml); a site
	// the store knows from an earlier configuration or an ad hoc scan into the same
	// database is left out. Nil exports every site of the store.
	Sites func() []facts.Site
	// Runtime adds the standard Go and process collectors. A long-running process
	// (serve) wants them; a one-shot audit pushing to a Pushgateway does not, as the
	// gateway would keep showing a dead process's memory and file descriptors.
	Runtime bool
	Logger  *slog.Logger
}

// Metrics is gongkai's Prometheus instrumentation, on its own registry (no globals,
// so tests and several instances never collide).
//
// The per-site gauges are read from the store at collection time, not kept in
// memory: a restarted `serve` exposes the right values at its first scrape, and the
// values always agree with the scorecards rendered from the same store.
type Metrics struct {
	reg      *prometheus.Registry
	runs     *prometheus.CounterVec
	requests *prometheus.CounterVec
	skipped  prometheus.Counter
	running  prometheus.Gauge
	log      *slog.Logger
}

// NewMetrics returns the metrics of one process, per-site series read from st.
func NewMetrics(st MetricsStore, o MetricsOptions) *Metrics {
	log := o.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		runs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: MetricAuditRuns,
			Help: "Audit runs finished, by result: ok (at least one site audited), failed (no site could be audited), interrupted (stopped, resumable).",
		}, []string{"result"}),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: MetricHTTPRequests,
			Help: "HTTP requests made by the crawler (every attempt, redirect hop and robots.txt), by status class; error means no response.",
		}, []string{"code"}),
		skipped: prometheus.NewCounter(prometheus.CounterOpts{
			Name: MetricAuditSkipped,
			Help: "Scheduled audits not started because the previous audit was still running.",
		}),
		running: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: MetricAuditRunning,
			Help: "1 while an audit is running, else 0.",
		}),
		log: log,
	}
	// Every label value exists from the start, so rate() and increase() see the first
	// failure instead of a series appearing out of nothing.
	for _, r := range RunResults {
		m.runs.WithLabelValues(r)
	}
	for _, c := range StatusClasses {
		m.requests.WithLabelValues(c)
	}
	m.reg.MustRegister(m.runs, m.requests, m.skipped, m.running, &siteCollector{st: st, sites: o.Sites, log: log})
	if o.Runtime {
		m.reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	}
	return m
}

// Gatherer returns the registry, for tests and for pushing.
func (m *Metrics) Gatherer() prometheus.Gatherer { return m.reg }

// Handler serves the metrics in the Prometheus exposition formats. A store that cannot
// be read costs the per-site series of that scrape, not the process metrics.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{
		ErrorLog:            slogAdapter{m.log},
		ErrorHandling:       promhttp.ContinueOnError,
		Registry:            m.reg,
		MaxRequestsInFlight: 4,
		Timeout:             30 * time.Second,
	})
}

// ObserveRequest counts one crawler request; it is crawler.Options.Observe.
func (m *Metrics) ObserveRequest(status int, err error) {
	m.requests.WithLabelValues(StatusClass(status, err)).Inc()
}

// RunFinished counts a finished audit run by its result (ok, failed, interrupted).
func (m *Metrics) RunFinished(result string) {
	switch result {
	case store.StatusOK, store.StatusFailed, store.StatusInterrupted:
	default:
		result = store.StatusFailed
	}
	m.runs.WithLabelValues(result).Inc()
}

// AuditSkipped counts a scheduled audit not started because one was running.
func (m *Metrics) AuditSkipped() { m.skipped.Inc() }

// SetRunning records whether an audit is running.
func (m *Metrics) SetRunning(on bool) {
	if on {
		m.running.Set(1)
	} else {
		m.running.Set(0)
	}
}

// Push replaces the metrics of job "gongkai" on the Pushgateway at url
// (e.g. http://127.0.0.1:9091) with the series of this registry (HTTP PUT, so a site
// removed from sites.yaml disappears from the gateway too).
func (m *Metrics) Push(ctx context.Context, url string) error {
	client := &http.Client{Timeout: 30 * time.Second}
	if err := push.New(url, "gongkai").Client(client).Gatherer(m.reg).PushContext(ctx); err != nil {
		return fmt.Errorf("push metrics to %s: %w", url, err)
	}
	return nil
}

// StatusClass is the code label of an HTTP request's outcome.
func StatusClass(status int, err error) string {
	switch {
	case err != nil:
		return "error"
	case status >= 200 && status < 300:
		return "2xx"
	case status >= 300 && status < 400:
		return "3xx"
	case status >= 400 && status < 500:
		return "4xx"
	case status >= 500 && status < 600:
		return "5xx"
	}
	return "error" // no response, or a status no server should send
}

var (
	siteLabels = []string{"site", "level"}
	descScore  = prometheus.NewDesc(MetricSiteScore,
		"Score of the latest completed audit of the site, 0–100.", siteLabels, nil)
	descVeto = prometheus.NewDesc(MetricSiteVeto,
		"1 when a single-veto (单项否决) rule failed in the latest completed audit, else 0.", siteLabels, nil)
	descFindings = prometheus.NewDesc(MetricSiteFindings,
		"Open findings in the latest completed audit, by rule and severity; 0 for every enabled rule without findings.",
		[]string{"site", "level", "rule", "severity"}, nil)
	descPages = prometheus.NewDesc(MetricSitePages,
		"Pages fetched in the latest completed audit.", siteLabels, nil)
	descCrawlErrors = prometheus.NewDesc(MetricSiteCrawlErrors,
		"Fetch errors in the latest completed audit.", siteLabels, nil)
	descLastAudit = prometheus.NewDesc(MetricSiteLastAudit,
		"End time of the latest completed audit, Unix seconds.", siteLabels, nil)
	descDuration = prometheus.NewDesc(MetricSiteDuration,
		"Duration of the latest completed audit, seconds.", siteLabels, nil)
	descGrade = prometheus.NewDesc(MetricSiteGradeInfo,
		"Grade (优秀, 良好, 合格, 不合格) of the latest completed audit, as a series of value 1.",
		[]string{"site", "level", "grade"}, nil)
)

// siteCollector reads the per-site series from the store at each collection.
// Cardinality is bounded by sites × enabled rules (one severity per rule).
type siteCollector struct {
	st    MetricsStore
	sites func() []facts.Site
	log   *slog.Logger
}

func (c *siteCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descScore, descVeto, descFindings, descPages, descCrawlErrors, descLastAudit, descDuration, descGrade} {
		ch <- d
	}
}

func (c *siteCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), metricsReadTimeout)
	defer cancel()
	runs, err := c.latest(ctx)
	if err != nil {
		c.log.Error("metrics: read latest audits", "err", err)
		ch <- prometheus.NewInvalidMetric(descScore, err)
		return
	}
	for _, r := range runs {
		site, level := r.Site.Name, string(r.Site.Level)
		gauge := func(d *prometheus.Desc, v float64, extra ...string) {
			ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, append([]string{site, level}, extra...)...)
		}
		gauge(descScore, r.Score)
		gauge(descVeto, boolGauge(r.Veto))
		gauge(descPages, float64(r.Pages))
		gauge(descCrawlErrors, float64(r.Errors))
		if !r.FinishedAt.IsZero() {
			gauge(descLastAudit, float64(r.FinishedAt.UnixMilli())/1000)
			if !r.StartedAt.IsZero() {
				gauge(descDuration, r.FinishedAt.Sub(r.StartedAt).Seconds())
			}
		}
		if r.Grade != "" {
			gauge(descGrade, 1, r.Grade)
		}
		rrs, err := c.st.RuleResults(ctx, r.ID)
		if err != nil {
			c.log.Error("metrics: read rule results", "site", site, "err", err)
			ch <- prometheus.NewInvalidMetric(descFindings, err)
			continue
		}
		for _, rr := range rrs {
			gauge(descFindings, float64(rr.Findings), rr.ID, string(rr.Severity))
		}
	}
}

// latest returns the latest completed site run of each exported site, one per site
// name (two stored sites may share a name, e.g. after a unit's URL changed: the most
// recently finished wins, as the registry refuses duplicate series).
func (c *siteCollector) latest(ctx context.Context) ([]store.SiteRun, error) {
	runs, err := c.st.LatestSiteRuns(ctx)
	if err != nil {
		return nil, err
	}
	var keep map[int64]bool
	if c.sites != nil {
		keep = map[int64]bool{}
		for _, s := range c.sites() {
			id, ok, err := c.st.SiteByURL(ctx, s.URL)
			if err != nil {
				return nil, err
			}
			if ok {
				keep[id] = true
			}
		}
	}
	byName := map[string]int{}
	var out []store.SiteRun
	for _, r := range runs {
		if keep != nil && !keep[r.SiteID] {
			continue
		}
		if i, dup := byName[r.Site.Name]; dup {
			if r.FinishedAt.After(out[i].FinishedAt) {
				out[i] = r
			}
			continue
		}
		byName[r.Site.Name] = len(out)
		out = append(out, r)
	}
	return out, nil
}

func boolGauge(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// slogAdapter lets promhttp log through slog.
type slogAdapter struct{ log *slog.Logger }

func (a slogAdapter) Println(v ...any) { a.log.Error("metrics: " + fmt.Sprint(v...)) }

package report

import (
	"context"
	"fmt"
	"log/slog"
	"sort"
	"strconv"
	"time"

	"github.com/gongkai/gongkai/facts"
	"github.com/gongkai/gongkai/rules"
	"github.com/gongkai/gongkai/store"
)

// DirOptions tune what WriteDir and LoadOverview take from the store.
type DirOptions struct {
	// Sites limits the scorecards to these units (sites.yaml of an audit, the URL of a
	// scan), in any order; a unit listed but never audited shows as such. Empty: every
	// site in the store.
	Sites []facts.Site
	// History is how many completed audits a unit's trend shows (default 30, at least 2).
	History int
	// Runs is how many recent runs get a run page (default 20); the runs of the audits
	// shown always get one.
	Runs int
	// Now is the time shown as "generated at" (default: the current time).
	Now    time.Time
	Logger *slog.Logger
}

func (o *DirOptions) defaults() {
	if o.History <= 0 {
		o.History = 30
	}
	if o.History < 2 {
		o.History = 2
	}
	if o.Runs <= 0 {
		o.Runs = 20
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
}

// Overview is what the scorecards show across units: the latest completed audit of
// each, ranked, without the findings themselves (LoadDetail loads those per unit).
type Overview struct {
	// Units in ranking order: ranked units first, then units with no completed audit.
	Units  []*SiteReport
	Runs   []store.Run // recent runs, newest first
	Grades []rules.Grade
	// Generated is when the overview was made.
	Generated time.Time
}

// LoadOverview reads the latest completed audit of every unit from the store, scores
// it from its stored rule results with cfg's grade bounds (so the score is the one the
// audit recorded, reproducible from the store alone), and ranks the units.
func LoadOverview(ctx context.Context, st *store.Store, cfg *rules.Config, opts DirOptions) (*Overview, error) {
	opts.defaults()
	attempts, err := st.LatestSiteAttempts(ctx)
	if err != nil {
		return nil, err
	}
	latest, err := st.LatestSiteRuns(ctx)
	if err != nil {
		return nil, err
	}
	okBySite := map[int64]store.SiteRun{}
	for _, sr := range latest {
		okBySite[sr.SiteID] = sr
	}
	type unit struct {
		site    facts.Site
		siteID  int64
		attempt *store.SiteRun
	}
	var units []unit
	if len(opts.Sites) == 0 {
		for i := range attempts {
			units = append(units, unit{site: attempts[i].Site, siteID: attempts[i].SiteID, attempt: &attempts[i]})
		}
	} else {
		bySite := map[int64]*store.SiteRun{}
		for i := range attempts {
			bySite[attempts[i].SiteID] = &attempts[i]
		}
		seen := map[int64]bool{}
		for _, s := range opts.Sites {
			id, ok, err := st.SiteByURL(ctx, s.URL)
			if err != nil {
				return nil, err
			}
			if ok && seen[id] {
				continue
			}
			seen[id] = true
			u := unit{site: s, siteID: id}
			if a := bySite[id]; ok && a != nil {
				u.site, u.attempt = a.Site, a
			}
			units = append(units, u)
		}
	}

	ov := &Overview{Grades: cfg.Scoring.Grades, Generated: opts.Now}
	for _, u := range units {
		r := &SiteReport{Site: u.site, SiteID: u.siteID}
		ok, completed := okBySite[u.siteID]
		if completed && u.siteID != 0 {
			if err := loadCompleted(ctx, st, cfg, r, ok, opts); err != nil {
				return nil, err
			}
		}
		if a := u.attempt; a != nil && (!completed || a.ID != ok.ID) {
			r.LastAttempt = &Attempt{RunID: a.RunID, Status: a.Status, StartedAt: a.StartedAt, Err: a.Err}
			if !completed {
				r.RunID, r.SiteRunID = a.RunID, a.ID
				r.AsOf, r.StartedAt, r.FinishedAt = a.AsOf, a.StartedAt, a.FinishedAt
				r.Pages, r.ErrorCount = a.Pages, a.Errors
				r.Failed = attemptText(a.Status, a.Err)
			}
		}
		if u.attempt == nil && !completed {
			r.Failed = "尚未检查"
		}
		ov.Units = append(ov.Units, r)
	}
	assignSlugs(ov.Units)
	rankUnits(ov.Units, cfg.Scoring.Grades)
	ov.Runs, err = st.Runs(ctx, opts.Runs)
	if err != nil {
		return nil, err
	}
	return ov, nil
}

func attemptText(status, errText string) string {
	switch {
	case status == store.StatusRunning:
		return "正在检查，尚无完成的结果"
	case errText != "":
		return errText
	}
	return "检查" + runStatusName(status)
}

// loadCompleted fills r from a completed site run: its score (recomputed from the
// stored rule results), counts, history and previous audit.
func loadCompleted(ctx context.Context, st *store.Store, cfg *rules.Config, r *SiteReport, sr store.SiteRun, opts DirOptions) error {
	r.Completed = true
	r.Site = sr.Site
	r.SiteRunID, r.RunID, r.RulesHash = sr.ID, sr.RunID, sr.RulesHash
	r.AsOf, r.StartedAt, r.FinishedAt = sr.AsOf, sr.StartedAt, sr.FinishedAt
	r.Pages, r.ErrorCount = sr.Pages, sr.Errors
	rr, err := st.RuleResults(ctx, sr.ID)
	if err != nil {
		return err
	}
	if len(rr) > 0 {
		r.Score = Compute(cfg, rr)
		if r.Score.Score != sr.Score {
			// Same counts, same weights: only a changed Compute could differ. Show the
			// recomputed score, whose breakdown the unit page adds up, and say so.
			opts.Logger.Warn("stored score differs from the score recomputed from rule results",
				"site", sr.Site.Name, "site_run", sr.ID, "stored", sr.Score, "recomputed", r.Score.Score)
		}
	} else {
		// Judged before rule results were stored: only the score is known.
		r.Score = Score{Score: sr.Score, Grade: sr.Grade, Veto: sr.Veto}
	}
	counts, err := st.FindingCounts(ctx, sr.ID)
	if err != nil {
		return err
	}
	r.Tally = &Tally{ByRule: map[string]*RuleTally{}}
	for _, c := range counts {
		r.Tally.add(c.Rule, c.Status, c.N)
	}
	hist, err := st.SiteHistory(ctx, sr.SiteID, opts.History)
	if err != nil {
		return err
	}
	for i := len(hist) - 1; i >= 0; i-- {
		h := hist[i]
		p := Past{SiteRunID: h.ID, RunID: h.RunID, AsOf: h.AsOf, StartedAt: h.StartedAt, Score: h.Score, Grade: h.Grade, Veto: h.Veto}
		if h.ID == sr.ID {
			p.Score, p.Grade, p.Veto = r.Score.Score, r.Score.Grade, r.Score.Veto
		}
		r.History = append(r.History, p)
	}
	if n := len(r.History); n >= 2 && r.History[n-1].SiteRunID == sr.ID {
		prev := r.History[n-2]
		r.Previous = &prev
	}
	return nil
}

// LoadDetail loads what a unit page shows beyond the overview: the findings with their
// status, what could not be judged, and the crawl errors.
func LoadDetail(ctx context.Context, st *store.Store, r *SiteReport) error {
	if r.SiteRunID == 0 {
		return nil
	}
	var err error
	if r.Completed {
		fs, err := st.Findings(ctx, r.SiteRunID)
		if err != nil {
			return err
		}
		r.Findings = make([]Finding, len(fs))
		for i, f := range fs {
			r.Findings[i] = Finding{Finding: f.Finding, Status: f.Status, FirstSeen: f.FirstSeen}
		}
		if r.Undetermined, err = st.Undetermined(ctx, r.SiteRunID); err != nil {
			return err
		}
	}
	if r.Errors, err = st.CrawlErrors(ctx, r.SiteRunID); err != nil {
		return err
	}
	if r.Errors == nil {
		r.Errors = []facts.CrawlError{}
	}
	return nil
}

// Unload drops the details LoadDetail loaded, keeping the overview's counts.
func (r *SiteReport) Unload() {
	if r.Tally == nil {
		r.Tally = r.Counts()
	}
	r.ErrorCount = r.CrawlErrors()
	r.Findings, r.Undetermined, r.Errors = nil, nil, nil
}

// assignSlugs gives every unit a unique page name, from its URL's host and path.
func assignSlugs(units []*SiteReport) {
	used := map[string]bool{"index": true}
	for _, r := range units {
		s := slugify(r.Site.URL)
		if s == "" {
			s = "site"
		}
		if used[s] {
			s += "-" + strconv.FormatInt(r.SiteID, 10)
		}
		for i := 2; used[s]; i++ {
			s = fmt.Sprintf("%s-%d", slugify(r.Site.URL), i)
		}
		used[s] = true
		r.Slug = s
	}
}

// rankUnits orders the units for the ranking (排名) and numbers them: by grade (a veto
// puts a unit among the lowest grade whatever its points), then score, then fewer open
// findings, then name. Units with equal grade and score share a place (1, 2, 2, 4).
// Units with no completed audit come last, unranked.
func rankUnits(units []*SiteReport, grades []rules.Grade) {
	gi := gradeIndexer(grades)
	sort.SliceStable(units, func(i, j int) bool {
		a, b := units[i], units[j]
		if a.Completed != b.Completed {
			return a.Completed
		}
		if !a.Completed {
			return a.Name() < b.Name()
		}
		if ga, gb := gi(a.Score.Grade), gi(b.Score.Grade); ga != gb {
			return ga < gb
		}
		if a.Score.Score != b.Score.Score {
			return a.Score.Score > b.Score.Score
		}
		if oa, ob := a.Counts().Open, b.Counts().Open; oa != ob {
			return oa < ob
		}
		return a.Name() < b.Name()
	})
	for i, r := range units {
		r.Rank = 0
		if !r.Completed {
			continue
		}
		r.Rank = i + 1
		if i > 0 {
			p := units[i-1]
			if p.Completed && gi(p.Score.Grade) == gi(r.Score.Grade) && p.Score.Score == r.Score.Score {
				r.Rank = p.Rank
			}
		}
	}
	// The previous ranking, among the units that had a previous audit.
	var prev []*SiteReport
	for _, r := range units {
		r.PrevRank = 0
		if r.Previous != nil {
			prev = append(prev, r)
		}
	}
	sort.SliceStable(prev, func(i, j int) bool {
		a, b := prev[i].Previous, prev[j].Previous
		if ga, gb := gi(a.Grade), gi(b.Grade); ga != gb {
			return ga < gb
		}
		return a.Score > b.Score
	})
	for i, r := range prev {
		r.PrevRank = i + 1
		if i > 0 {
			p := prev[i-1]
			if gi(p.Previous.Grade) == gi(r.Previous.Grade) && p.Previous.Score == r.Previous.Score {
				r.PrevRank = p.PrevRank
			}
		}
	}
}

// gradeIndexer returns the position of a grade among the configured ones (best
// first); an unknown grade sorts after them all.
func gradeIndexer(grades []rules.Grade) func(string) int {
	idx := map[string]int{}
	for i, g := range grades {
		idx[g.Name] = i
	}
	return func(name string) int {
		if i, ok := idx[name]; ok {
			return i
		}
		return len(grades)
	}
}

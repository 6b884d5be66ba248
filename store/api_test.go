package store

import (
	"context"

	"github.com/gongkai/gongkai/facts"
	"github.com/gongkai/gongkai/rules"
)

// The API the audit orchestration, reports and metrics are written against: a change
// of signature fails to compile here first.
var (
	_ func(context.Context, string) (*Store, error)                           = Open
	_ func(*Store) error                                                      = (*Store).Close
	_ func(*Store, context.Context, RunInfo) (int64, error)                   = (*Store).BeginRun
	_ func(*Store, context.Context, int64, string, string) error              = (*Store).FinishRun
	_ func(*Store, context.Context, int64, facts.Site) (int64, error)         = (*Store).BeginSite
	_ func(*Store, context.Context, int64, *facts.Page) error                 = (*Store).SavePage
	_ func(*Store, context.Context, int64, string) (*facts.Page, bool, error) = (*Store).PreviousPage
	_ func(*Store, context.Context, int64) (int64, error)                     = (*Store).SiteID
	_ func(*Store, context.Context, int64, func(*facts.Page) error) error     = (*Store).Pages
	_ func(*Store, context.Context, int64, string) (*facts.Page, error)       = (*Store).Page
	_ func(*Store, context.Context, int64) ([]*facts.Page, error)             = (*Store).PageSummaries
	_ func(*Store, context.Context, int64, facts.LinkCheck) error             = (*Store).SaveLinkCheck
	_ func(*Store, context.Context, int64) ([]facts.LinkCheck, error)         = (*Store).LinkChecks
	_ func(*Store, context.Context, int64, facts.CrawlError) error            = (*Store).SaveCrawlError
	_ func(*Store, context.Context, int64) ([]facts.CrawlError, error)        = (*Store).CrawlErrors
	_ func(*Store, context.Context, int64, Judgement) error                   = (*Store).SaveJudgement
	_ func(*Store, context.Context, int64, SiteStats) error                   = (*Store).FinishSite
	_ func(*Store, context.Context, int64) (SiteRun, error)                   = (*Store).SiteRun
	_ func(*Store, context.Context) ([]SiteRun, error)                        = (*Store).LatestSiteRuns
	_ func(*Store, context.Context, int64, int) ([]SiteRun, error)            = (*Store).SiteHistory
	_ func(*Store, context.Context, int64) (SiteRun, bool, error)             = (*Store).PreviousSiteRun
	_ func(*Store, context.Context, int64) ([]StoredFinding, error)           = (*Store).Findings
	_ func(*Store, context.Context, int64) ([]rules.Undetermined, error)      = (*Store).Undetermined
	_ func(*Store, context.Context, int) ([]Run, error)                       = (*Store).Runs
	_ func(*Store, context.Context, int64) (Run, error)                       = (*Store).Run
	_ func(*Store, context.Context) (int, error)                              = (*Store).MarkAbandoned

	_ = RunInfo{Command: "", AsOf: facts.Date{}, RulesHash: "", Args: ""}
	_ = Judgement{Findings: nil, Undetermined: nil, Score: 0, Grade: "", Veto: false}
	_ = SiteStats{Pages: 0, Errors: 0, Status: "", Err: ""}
	_ = SiteRun{ID: 0, RunID: 0, SiteID: 0, Site: facts.Site{}, Status: "", Pages: 0, Errors: 0, Score: 0, Grade: "", Veto: false, AsOf: facts.Date{}, Err: ""}
	_ = StoredFinding{Finding: rules.Finding{}, Status: "", FirstRunID: 0}
	_ = Run{ID: 0, Command: "", Status: "", AsOf: facts.Date{}, RulesHash: "", Err: ""}
)

package audit

import (
	"context"
	"net/url"
	"strings"
)

// Scheduling the sites of a run.
//
// A run audits up to Auditor.Concurrency sites at once (the global budget), and each
// crawl keeps its own per-host politeness (Crawl.Parallelism requests in flight and
// Crawl.Delay between them, per host). Politeness lives in the crawler of one site,
// so two sites on one host audited at once would each keep it and together double the
// host's load. That is common: the 部门 and 乡镇 of a county often publish under paths
// of the county portal's host (www.x.gov.cn/bm/…). So sites that share a host (their
// start URL's, a listed extra host or the host of a pinned column) form one group, the
// sites of a group are audited one after the other, and groups run side by side within
// the budget. A host therefore never sees more than one crawl at a time.

// hostGroups partitions the indexes of specs into groups of sites connected by a shared
// host, each in sites.yaml order; groups are ordered by their first site.
func hostGroups(specs []SiteSpec) [][]int {
	parent := make([]int, len(specs))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		if parent[i] != i {
			parent[i] = find(parent[i])
		}
		return parent[i]
	}
	owner := map[string]int{} // host → first site using it
	for i, s := range specs {
		for _, h := range siteHosts(s) {
			j, seen := owner[h]
			if !seen {
				owner[h] = i
				continue
			}
			// Union: the smaller index is the root, so a group's root is its first site.
			ri, rj := find(i), find(j)
			if ri != rj {
				parent[max(ri, rj)] = min(ri, rj)
			}
		}
	}
	at := map[int]int{} // root → index in groups
	var groups [][]int
	for i := range specs {
		r := find(i)
		g, ok := at[r]
		if !ok {
			g = len(groups)
			at[r] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], i)
	}
	return groups
}

// siteHosts returns the hosts a site's crawl may request: the start URL's, the listed
// extra hosts and those of pinned columns, as host[:port] in lower case without the
// scheme's default port (the crawler's notion of a host).
func siteHosts(s SiteSpec) []string {
	var hs []string
	add := func(raw string) {
		if h := hostKey(raw); h != "" {
			hs = append(hs, h)
		}
	}
	add(s.URL)
	for _, h := range s.Hosts {
		add(h)
	}
	for _, pin := range s.Columns {
		add(pin)
	}
	return hs
}

func hostKey(raw string) string {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return ""
	}
	if !strings.Contains(raw, "://") {
		raw = "http://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return ""
	}
	host := strings.ToLower(u.Host)
	port := u.Port()
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		host = strings.ToLower(u.Hostname())
	}
	return host
}

// auditGroup audits the sites of one host group in turn, each within the run's global
// budget sem. Sites not reached before ctx ends are recorded as not audited.
func (a *Auditor) auditGroup(ctx context.Context, sem chan struct{}, runID int64, specs []SiteSpec, group []int, out []SiteResult) {
	for _, i := range group {
		spec := specs[i]
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			out[i] = SiteResult{Site: spec.Site(), AsOf: a.AsOf, Err: ctx.Err()}
			continue
		}
		if err := ctx.Err(); err != nil {
			// Both cases were ready: do not start a site after the cancel.
			<-sem
			out[i] = SiteResult{Site: spec.Site(), AsOf: a.AsOf, Err: err}
			continue
		}
		r := a.site(ctx, runID, spec)
		<-sem
		out[i] = r
		if a.OnSite != nil {
			a.OnSite(r)
		}
	}
}

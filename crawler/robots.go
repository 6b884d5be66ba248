package crawler

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"sync"

	"github.com/temoto/robotstxt"
)

// robotsCache fetches robots.txt once per scheme and host through the crawl's own client
// (so it gets the same scope, address guard, retries and size cap) and answers whether
// a URL may be fetched. colly's built-in check is not used: it ignores the request
// context, so a cancelled crawl could hang on it.
type robotsCache struct {
	client *http.Client
	agent  string
	log    *slog.Logger

	mu    sync.Mutex
	hosts map[string]*robotsRules
}

type robotsRules struct {
	ready chan struct{}
	data  *robotstxt.RobotsData // nil: allow everything
}

func newRobotsCache(client *http.Client, agent string, log *slog.Logger) *robotsCache {
	return &robotsCache{client: client, agent: agent, log: log, hosts: map[string]*robotsRules{}}
}

// allowed reports whether robots.txt lets our User-Agent fetch u. Concurrent callers for
// a new host wait for the one fetch.
func (rc *robotsCache) allowed(ctx context.Context, u *url.URL) bool {
	key := u.Scheme + "://" + u.Host
	rc.mu.Lock()
	r, ok := rc.hosts[key]
	if !ok {
		r = &robotsRules{ready: make(chan struct{})}
		rc.hosts[key] = r
		rc.mu.Unlock()
		r.data = rc.fetch(ctx, key)
		close(r.ready)
	} else {
		rc.mu.Unlock()
		select {
		case <-r.ready:
		case <-ctx.Done():
			return true // the crawl is ending; the fetch will not be made anyway
		}
	}
	if r.data == nil {
		return true
	}
	p := u.EscapedPath()
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return r.data.TestAgent(p, rc.agent)
}

// fetch follows RFC 9309: 2xx is parsed, 4xx means no restrictions, 5xx (after retries)
// means full disallow. A robots.txt that cannot be fetched at all (connection refused,
// timeout) or parsed allows everything, with a warning: the pages' own fetches will tell
// the real story.
func (rc *robotsCache) fetch(ctx context.Context, base string) *robotstxt.RobotsData {
	target := base + "/robots.txt"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return nil
	}
	req.Header.Set("User-Agent", rc.agent)
	resp, err := rc.client.Do(req)
	if err != nil {
		if ctx.Err() == nil {
			rc.log.Warn("robots.txt not available, crawling without it", "url", target, "err", err)
		}
		return nil
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil
	}
	if resp.StatusCode/100 == 3 {
		return nil // a redirect the client would not follow (out of scope): nothing to obey
	}
	data, err := robotstxt.FromStatusAndBytes(resp.StatusCode, body)
	if err != nil {
		rc.log.Warn("robots.txt unreadable, crawling without it", "url", target, "err", fmt.Errorf("parsing %s: %w", target, err))
		return nil
	}
	return data
}

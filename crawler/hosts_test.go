package crawler

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"strings"
	"sync"
	"testing"
)

// hostNet serves several test sites under public-looking host names: each name resolves
// to its own TEST-NET-3 address (so the address guard sees a public host) and a dial to
// that address on port 80 reaches the name's server. Names it does not know fail to
// resolve (NXDOMAIN); unreachable names resolve but refuse connections.
type hostNet struct {
	mu          sync.Mutex
	addrs       map[string]netip.Addr
	servers     map[netip.Addr]*site
	unreachable map[string]bool
	dials       map[string]int // dials per host name (by address)
}

func newHostNet(t testing.TB, sites map[string]*site) *hostNet {
	t.Helper()
	h := &hostNet{addrs: map[string]netip.Addr{}, servers: map[netip.Addr]*site{}, unreachable: map[string]bool{}, dials: map[string]int{}}
	i := 10
	for name, s := range sites {
		a := netip.MustParseAddr(fmt.Sprintf("203.0.113.%d", i))
		i++
		h.addrs[name] = a
		h.servers[a] = s
	}
	return h
}

func (h *hostNet) lookup(_ context.Context, host string) ([]netip.Addr, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if a, ok := h.addrs[host]; ok {
		return []netip.Addr{a}, nil
	}
	if h.unreachable[host] {
		return []netip.Addr{netip.MustParseAddr("198.51.100.7")}, nil
	}
	return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
}

func (h *hostNet) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return nil, err
	}
	h.mu.Lock()
	s := h.servers[a]
	for name, x := range h.addrs {
		if x == a {
			h.dials[name]++
		}
	}
	h.mu.Unlock()
	if s == nil {
		return nil, &net.OpError{Op: "dial", Net: network, Err: fmt.Errorf("connect: network is unreachable")}
	}
	var d net.Dialer
	return d.DialContext(ctx, network, s.Listener.Addr().String())
}

// options sets o's name resolution and dialling to h.
func (h *hostNet) options(o *Options) {
	o.LookupIP, o.Dial = h.lookup, h.dial
}

// pageURLs are the URLs of the recorded pages, without fragments of POST keys.
func pageURLs(r *recorder) map[string]bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := map[string]bool{}
	for _, p := range r.pages {
		u, _, _ := strings.Cut(p.URL, "#")
		out[u] = true
	}
	return out
}

// reach reports how many of want (absolute URLs) were recorded as pages, and which not.
func reach(r *recorder, want []string) (int, []string) {
	got := pageURLs(r)
	n := 0
	var missing []string
	for _, u := range want {
		if got[u] {
			n++
		} else {
			missing = append(missing, u)
		}
	}
	return n, missing
}

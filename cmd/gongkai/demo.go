package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"github.com/gongkai/gongkai/audit"
	"github.com/gongkai/gongkai/demosite"
	"github.com/gongkai/gongkai/facts"
)

// demoAddr is tried first so that repeated demos audit the same site URL (and the
// second run shows what is new and what persists); any free port is used otherwise.
const demoAddr = "127.0.0.1:8731"

func (a *app) demoCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "demo",
		Short: "Serve the built-in sample county site on 127.0.0.1 and audit it",
		Long: `Serve the built-in sample site of ` + demosite.Name + ` (embedded in the binary; works
offline) on 127.0.0.1, audit it, print the summary and write the scorecard.

The sample site is a snapshot dated ` + demosite.AsOf + `, so deadlines are judged at that date
unless --as-of says otherwise. It has planted violations and compliant look-alikes
(有效性 written as 现行有效 or 有效期至…, a publication on time only thanks to a 调休
weekend, …), so the summary shows both findings and passes.`,
		Example: `  gongkai demo
  gongkai demo --format json
  gongkai demo --out /tmp/demo --db /tmp/demo/gongkai.db`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if err := a.checkCommon(); err != nil {
				return err
			}
			asOf, err := a.asOfDate(facts.MustParseDate(demosite.AsOf))
			if err != nil {
				return err
			}
			if !c.Flags().Changed("out") {
				a.outDir = "gongkai-demo"
			}
			ln, err := net.Listen("tcp", demoAddr)
			if err != nil {
				ln, err = net.Listen("tcp", "127.0.0.1:0")
			}
			if err != nil {
				return failedErr(fmt.Errorf("serve the demo site: %w", err))
			}
			srv := &http.Server{Handler: demosite.Handler(), ReadHeaderTimeout: 10 * time.Second}
			go func() {
				if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
					a.logger().Error("demo site server", "err", err)
				}
			}()
			defer func() {
				ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				defer cancel()
				srv.Shutdown(ctx)
			}()
			url := "http://" + ln.Addr().String() + "/"
			if a.format == "text" {
				fmt.Fprintf(a.stdout, "Serving the sample site of %s at %s (snapshot of %s)\n\n", demosite.Name, url, demosite.AsOf)
			}
			spec := audit.SiteSpec{Name: demosite.Name, URL: url, Level: facts.LevelGovernment}
			return a.auditAndReport(c.Context(), "demo", "demo", []audit.SiteSpec{spec}, asOf, "")
		},
	}
	// A loopback server needs no politeness delay.
	a.crawlFlags(c, 0)
	return c
}

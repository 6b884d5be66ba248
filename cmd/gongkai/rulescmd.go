package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/gongkai/gongkai/rules"
)

func (a *app) rulesCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "rules",
		Short: "List the rules with their basis; 'rules check FILE' validates a rule file",
		Long: `List the rules of the rule set (--rules FILE, or the embedded rules.yaml) with their
severity, weight and the legal basis a scorecard quotes.`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if err := a.checkCommon(); err != nil {
				return err
			}
			cfg, err := a.loadRules()
			if err != nil {
				return err
			}
			type row struct {
				ID       string         `json:"id"`
				Enabled  bool           `json:"enabled"`
				Severity rules.Severity `json:"severity"`
				Weight   float64        `json:"weight"`
				Veto     bool           `json:"veto"`
				Doc      string         `json:"doc"`
				Basis    string         `json:"basis"`
				Params   any            `json:"params,omitempty"`
			}
			var rows []row
			for _, r := range rules.All() {
				rc, ok := cfg.Rules[r.ID]
				if !ok {
					rows = append(rows, row{ID: r.ID, Doc: r.Doc, Basis: "(no entry in the rule set: disabled)"})
					continue
				}
				rows = append(rows, row{ID: r.ID, Enabled: rc.IsEnabled(), Severity: rc.Severity, Weight: rc.Weight,
					Veto: rc.Veto, Doc: r.Doc, Basis: rc.Basis, Params: rc.Decoded()})
			}
			if a.format == "json" {
				enc := json.NewEncoder(a.stdout)
				enc.SetEscapeHTML(false)
				enc.SetIndent("", "  ")
				return enc.Encode(rows)
			}
			fmt.Fprintf(a.stdout, "rule set: %s (%s)\n\n", cfg.File, cfg.Hash)
			tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintf(tw, "rule\tseverity\tweight\tstate\n")
			for _, r := range rows {
				state := "on"
				if !r.Enabled {
					state = "off"
				}
				if r.Veto {
					state += ", veto"
				}
				fmt.Fprintf(tw, "%s\t%s\t%g\t%s\n", r.ID, r.Severity, r.Weight, state)
			}
			tw.Flush()
			fmt.Fprintln(a.stdout)
			for _, r := range rows {
				fmt.Fprintf(a.stdout, "%s — %s\n  依据: %s\n", r.ID, r.Doc, r.Basis)
			}
			return nil
		},
	}
	c.AddCommand(&cobra.Command{
		Use:   "check FILE",
		Short: "Validate a rule file (exit 2 with file:line:col on error)",
		Args: func(c *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErr("rules check takes exactly one file")
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			cfg, err := rules.LoadFile(args[0])
			if err != nil {
				return configErr(err)
			}
			for _, w := range cfg.Warnings {
				fmt.Fprintf(a.stderr, "warning: %s\n", w)
			}
			enabled := 0
			for _, rc := range cfg.Rules {
				if rc.IsEnabled() {
					enabled++
				}
			}
			fmt.Fprintf(a.stdout, "%s: ok (%d rules, %d enabled, %d column kinds, calendar %v)\n",
				args[0], len(cfg.Rules), enabled, len(cfg.Columns), cfg.CalendarOf().Years())
			return nil
		},
	})
	return c
}

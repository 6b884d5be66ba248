// Package gongkai embeds the default rule set; the program lives in cmd/gongkai.
package gongkai

import _ "embed"

// DefaultRules is rules.yaml as shipped: the column vocabulary, rule parameters, weights
// and legal basis. `--rules FILE` replaces it.
//
//go:embed rules.yaml
var DefaultRules []byte

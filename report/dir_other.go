//go:build !linux

package report

import "errors"

// exchange is not available here; the caller falls back to replacing file by file.
func exchange(a, b string) error { return errors.ErrUnsupported }

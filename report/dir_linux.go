package report

import "golang.org/x/sys/unix"

// exchange swaps two paths at once (renameat2 RENAME_EXCHANGE): a reader of b sees
// either the old folder or the new one, never neither. It fails on file systems
// without support and when b is a mount point; the caller then falls back.
func exchange(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}

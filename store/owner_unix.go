//go:build unix

package store

import (
	"errors"
	"os"
	"strings"
	"syscall"
)

// hostIdentity names the PID space this process lives in: the hostname, and on Linux
// the PID namespace and boot id, so that two containers sharing a hostname, or one
// host before and after a reboot, do not compare pids.
func hostIdentity() string {
	h, _ := os.Hostname()
	parts := []string{h}
	if ns, err := os.Readlink("/proc/self/ns/pid"); err == nil {
		parts = append(parts, ns)
	}
	if b, err := os.ReadFile("/proc/sys/kernel/random/boot_id"); err == nil {
		parts = append(parts, strings.TrimSpace(string(b)))
	}
	return strings.Join(parts, "|")
}

// processAlive reports whether a process with that pid exists on this host.
func processAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

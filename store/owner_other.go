//go:build !unix

package store

import "os"

func hostIdentity() string {
	h, _ := os.Hostname()
	return h
}

// processAlive cannot tell here; MarkAbandoned falls back on the heartbeat.
func processAlive(pid int) bool { return pid > 0 }

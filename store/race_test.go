//go:build race

package store

// raceEnabled: the race detector slows the store ~10×; big-volume tests shrink.
const raceEnabled = true

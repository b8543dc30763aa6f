package account

import "sync/atomic"

// CountHashes makes h count the argon2 computations it performs, so that
// tests can tell that every failed login costs the same work.
func CountHashes(h *Hasher) *atomic.Int64 {
	var n atomic.Int64
	derive := h.derive
	h.derive = func(password, salt []byte, time, memory uint32, threads uint8, keyLen uint32) []byte {
		n.Add(1)
		return derive(password, salt, time, memory, threads, keyLen)
	}
	return &n
}

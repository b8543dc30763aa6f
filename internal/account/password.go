package account

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Params are argon2id's cost parameters.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes over the memory
	Threads uint8  // lanes computed in parallel
	SaltLen uint32 // bytes
	KeyLen  uint32 // bytes
}

// DefaultParams returns the parameters new hashes are made with: 64 MiB,
// 2 passes, 2 lanes, a 16-byte salt and a 32-byte key. That is above
// OWASP's argon2id minimum (46 MiB with 1 pass) and RFC 9106's second
// recommendation (64 MiB, 3 passes, 4 lanes) scaled to a small server:
// about 50-100 ms per hash on two cores, slow enough for guessing from a
// stolen database to be expensive and fast enough for a login page.
func DefaultParams() Params {
	return Params{Memory: 64 * 1024, Time: 2, Threads: 2, SaltLen: 16, KeyLen: 32}
}

// DefaultMaxConcurrent is how many hashes a Hasher computes at once unless
// told otherwise: with DefaultParams at most 256 MiB of memory, whatever
// the number of login requests arriving together.
const DefaultMaxConcurrent = 4

// Bounds on the parameters a stored hash may name. A hash is data read from
// the database; without a ceiling, one row edited to ask for terabytes would
// take the server down at the next login.
const (
	maxMemory  = 1024 * 1024 // KiB: 1 GiB
	maxTime    = 32
	maxThreads = 64
	maxKeyLen  = 128
	maxSaltLen = 128
)

func (p Params) check() error {
	switch {
	case p.Time < 1 || p.Time > maxTime:
		return fmt.Errorf("argon2 time %d out of range 1-%d", p.Time, maxTime)
	case p.Threads < 1 || p.Threads > maxThreads:
		return fmt.Errorf("argon2 threads %d out of range 1-%d", p.Threads, maxThreads)
	case p.Memory < 8*uint32(p.Threads) || p.Memory > maxMemory:
		// argon2 needs 8 KiB per lane.
		return fmt.Errorf("argon2 memory %d KiB out of range %d-%d", p.Memory, 8*uint32(p.Threads), maxMemory)
	case p.SaltLen < 8 || p.SaltLen > maxSaltLen:
		return fmt.Errorf("argon2 salt length %d out of range 8-%d", p.SaltLen, maxSaltLen)
	case p.KeyLen < 16 || p.KeyLen > maxKeyLen:
		return fmt.Errorf("argon2 key length %d out of range 16-%d", p.KeyLen, maxKeyLen)
	}
	return nil
}

// ErrMalformedHash is returned when a stored password hash is not a PHC
// argon2id string this package can read.
var ErrMalformedHash = errors.New("account: malformed password hash")

// Hasher hashes and verifies passwords with argon2id. Each hash holds
// Params.Memory of memory for its duration, so a Hasher computes at most a
// fixed number at once and makes the others wait: a flood of login requests
// then queues instead of exhausting memory. A Hasher is safe for concurrent
// use; make one per process and share it.
type Hasher struct {
	params Params
	sem    chan struct{}
	// derive is argon2.IDKey; tests replace it to observe concurrency.
	derive func(password, salt []byte, time, memory uint32, threads uint8, keyLen uint32) []byte
}

// NewHasher returns a Hasher that makes new hashes with p and computes at
// most maxConcurrent hashes at once (DefaultMaxConcurrent when 0 or less).
func NewHasher(p Params, maxConcurrent int) (*Hasher, error) {
	if err := p.check(); err != nil {
		return nil, fmt.Errorf("new password hasher: %w", err)
	}
	if maxConcurrent <= 0 {
		maxConcurrent = DefaultMaxConcurrent
	}
	return &Hasher{params: p, sem: make(chan struct{}, maxConcurrent), derive: argon2.IDKey}, nil
}

// Params returns the parameters new hashes are made with.
func (h *Hasher) Params() Params { return h.params }

// acquire takes a hashing slot, waiting for one until ctx is done. A free
// slot is taken even when ctx is already done, so that a full semaphore is
// the only reason to give up.
func (h *Hasher) acquire(ctx context.Context) error {
	select {
	case h.sem <- struct{}{}:
		return nil
	default:
	}
	select {
	case h.sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (h *Hasher) release() { <-h.sem }

func (h *Hasher) key(ctx context.Context, password string, salt []byte, p Params) ([]byte, error) {
	if err := h.acquire(ctx); err != nil {
		return nil, err
	}
	defer h.release()
	return h.derive([]byte(password), salt, p.Time, p.Memory, p.Threads, p.KeyLen), nil
}

// Hash returns the PHC string of password under a fresh random salt:
// $argon2id$v=19$m=65536,t=2,p=2$<salt>$<key>, salt and key in unpadded
// standard base64. It waits for a free slot until ctx is done.
func (h *Hasher) Hash(ctx context.Context, password string) (string, error) {
	salt := make([]byte, h.params.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	key, err := h.key(ctx, password, salt, h.params)
	if err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	return encodePHC(h.params, salt, key), nil
}

// Verify reports whether password matches the PHC string phc, computed with
// the parameters phc names (so hashes made with older parameters still
// verify; see NeedsRehash). The comparison takes the same time wherever the
// keys differ. It waits for a free slot until ctx is done.
func (h *Hasher) Verify(ctx context.Context, password, phc string) (bool, error) {
	p, salt, want, err := decodePHC(phc)
	if err != nil {
		return false, err
	}
	got, err := h.key(ctx, password, salt, p)
	if err != nil {
		return false, fmt.Errorf("verify password: %w", err)
	}
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// NeedsRehash reports whether phc was made with other parameters than the
// Hasher's (or cannot be read), so that a successful login should store a
// new hash of the password it was given.
func (h *Hasher) NeedsRehash(phc string) bool {
	p, _, _, err := decodePHC(phc)
	return err != nil || p != h.params
}

var b64 = base64.RawStdEncoding

func encodePHC(p Params, salt, key []byte) string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// decodePHC reads a PHC argon2id string. It accepts only what encodePHC
// writes: the parameters in the order m, t, p and no others.
func decodePHC(phc string) (p Params, salt, key []byte, err error) {
	fail := func(why string) (Params, []byte, []byte, error) {
		return Params{}, nil, nil, fmt.Errorf("%w: %s", ErrMalformedHash, why)
	}
	parts := strings.Split(phc, "$")
	if len(parts) != 6 || parts[0] != "" {
		return fail("not a PHC string")
	}
	if parts[1] != "argon2id" {
		return fail("algorithm " + strconv.Quote(parts[1]))
	}
	if parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return fail("version " + strconv.Quote(parts[2]))
	}
	fields := strings.Split(parts[3], ",")
	if len(fields) != 3 {
		return fail("parameters " + strconv.Quote(parts[3]))
	}
	var vals [3]uint64
	for i, name := range []string{"m=", "t=", "p="} {
		s, ok := strings.CutPrefix(fields[i], name)
		if !ok {
			return fail("parameters " + strconv.Quote(parts[3]))
		}
		if vals[i], err = strconv.ParseUint(s, 10, 32); err != nil {
			return fail("parameters " + strconv.Quote(parts[3]))
		}
	}
	if vals[2] > maxThreads {
		return fail("parameters " + strconv.Quote(parts[3]))
	}
	if salt, err = b64.DecodeString(parts[4]); err != nil {
		return fail("salt")
	}
	if key, err = b64.DecodeString(parts[5]); err != nil {
		return fail("key")
	}
	p = Params{Memory: uint32(vals[0]), Time: uint32(vals[1]), Threads: uint8(vals[2]),
		SaltLen: uint32(len(salt)), KeyLen: uint32(len(key))}
	if err := p.check(); err != nil {
		return fail(err.Error())
	}
	return p, salt, key, nil
}

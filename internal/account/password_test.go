package account

import (
	"bytes"
	"context"
	"errors"
	"regexp"
	"sync"
	"sync/atomic"
	"testing"

	"golang.org/x/crypto/argon2"
)

// cheap keeps tests fast; production uses DefaultParams.
var cheap = Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

func newHasher(t *testing.T, p Params, n int) *Hasher {
	t.Helper()
	h, err := NewHasher(p, n)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestHashRoundTrip(t *testing.T) {
	ctx := context.Background()
	h := newHasher(t, cheap, 1)
	phc, err := h.Hash(ctx, "correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	shape := regexp.MustCompile(`^\$argon2id\$v=19\$m=64,t=1,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$`)
	if !shape.MatchString(phc) {
		t.Fatalf("hash %q is not a PHC argon2id string", phc)
	}
	// The key is argon2id of the password under the salt and parameters
	// the string names, so other implementations can verify it.
	p, salt, key, err := decodePHC(phc)
	if err != nil {
		t.Fatal(err)
	}
	if p != cheap {
		t.Errorf("decoded params %+v, want %+v", p, cheap)
	}
	if want := argon2.IDKey([]byte("correct horse battery staple"), salt, 1, 64, 1, 32); !bytes.Equal(key, want) {
		t.Error("stored key is not argon2id of the password")
	}
	for _, tt := range []struct {
		password string
		want     bool
	}{
		{"correct horse battery staple", true},
		{"correct horse battery stapl", false},
		{"Correct horse battery staple", false},
		{"", false},
	} {
		ok, err := h.Verify(ctx, tt.password, phc)
		if err != nil || ok != tt.want {
			t.Errorf("Verify(%q) = %v, %v; want %v", tt.password, ok, err, tt.want)
		}
	}
	again, _ := h.Hash(ctx, "correct horse battery staple")
	if again == phc {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
}

func TestVerifyUsesTheStoredParameters(t *testing.T) {
	ctx := context.Background()
	old := newHasher(t, cheap, 1)
	phc, _ := old.Hash(ctx, "a long enough password")
	stronger := cheap
	stronger.Time = 2
	h := newHasher(t, stronger, 1)
	if ok, err := h.Verify(ctx, "a long enough password", phc); !ok || err != nil {
		t.Errorf("a hash made with older parameters no longer verifies: %v, %v", ok, err)
	}
	if !h.NeedsRehash(phc) {
		t.Error("NeedsRehash = false for a hash made with other parameters")
	}
	if old.NeedsRehash(phc) {
		t.Error("NeedsRehash = true for a hash made with the same parameters")
	}
	if !h.NeedsRehash("not a hash") {
		t.Error("NeedsRehash = false for garbage")
	}
}

func TestMalformedHashes(t *testing.T) {
	ctx := context.Background()
	h := newHasher(t, cheap, 1)
	salt, key := "c29tZXNhbHRzb21lc2FsdA", "S2V5S2V5S2V5S2V5S2V5S2V5S2V5S2V5S2V5S2V5S2U"
	// The pieces make a well-formed hash (of some other password).
	if ok, err := h.Verify(ctx, "password", "$argon2id$v=19$m=64,t=1,p=1$"+salt+"$"+key); ok || err != nil {
		t.Fatalf("Verify of a well-formed hash = %v, %v; want false, nil", ok, err)
	}
	for _, phc := range []string{
		"",
		"plain text",
		"$argon2i$v=19$m=64,t=1,p=1$" + salt + "$" + key,
		"$argon2id$v=16$m=64,t=1,p=1$" + salt + "$" + key,
		"$argon2id$v=19$t=1,m=64,p=1$" + salt + "$" + key,
		"$argon2id$v=19$m=64,t=1$" + salt + "$" + key,
		"$argon2id$v=19$m=64,t=0,p=1$" + salt + "$" + key,
		"$argon2id$v=19$m=4,t=1,p=1$" + salt + "$" + key,
		"$argon2id$v=19$m=4294967295,t=1,p=1$" + salt + "$" + key, // 4 TiB: refused, not attempted
		"$argon2id$v=19$m=64,t=1,p=300$" + salt + "$" + key,
		"$argon2id$v=19$m=64,t=1,p=1$" + salt + "$" + key + "=",
		"$argon2id$v=19$m=64,t=1,p=1$c2FsdA$" + key, // a 4-byte salt
		"$argon2id$v=19$m=64,t=1,p=1$" + salt + "$a2V5",
		"$argon2id$v=19$m=64,t=1,p=1$" + salt + "$" + key + "$",
	} {
		if ok, err := h.Verify(ctx, "password", phc); ok || !errors.Is(err, ErrMalformedHash) {
			t.Errorf("Verify(%q) = %v, %v; want ErrMalformedHash", phc, ok, err)
		}
	}
}

func TestNewHasherRefusesBadParams(t *testing.T) {
	for _, p := range []Params{
		{},
		{Memory: 64, Time: 1, Threads: 1, SaltLen: 4, KeyLen: 32},
		{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 8},
		{Memory: 8, Time: 1, Threads: 2, SaltLen: 16, KeyLen: 32},
		{Memory: 2 << 20, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32},
	} {
		if _, err := NewHasher(p, 1); err == nil {
			t.Errorf("NewHasher(%+v) succeeded", p)
		}
	}
	if _, err := NewHasher(DefaultParams(), 0); err != nil {
		t.Errorf("NewHasher(DefaultParams()): %v", err)
	}
}

// TestConcurrencyBound holds hashes inside the key derivation and checks
// that no more than the bound run at once, and that a caller finding every
// slot taken gives up when its context ends.
func TestConcurrencyBound(t *testing.T) {
	const bound, callers = 3, 10
	h := newHasher(t, cheap, bound)
	var running, most atomic.Int64
	entered := make(chan struct{})
	release := make(chan struct{})
	h.derive = func(password, salt []byte, time, memory uint32, threads uint8, keyLen uint32) []byte {
		n := running.Add(1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		entered <- struct{}{}
		<-release
		running.Add(-1)
		return make([]byte, keyLen)
	}
	var wg sync.WaitGroup
	for range callers {
		wg.Go(func() {
			if _, err := h.Hash(context.Background(), "a long enough password"); err != nil {
				t.Error(err)
			}
		})
	}
	for range bound {
		<-entered
	}
	// Every slot is taken: a caller whose context is over gives up rather
	// than run a fourth hash.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := h.Hash(ctx, "a long enough password"); !errors.Is(err, context.Canceled) {
		t.Errorf("Hash with every slot taken and a cancelled context = %v, want context.Canceled", err)
	}
	// Let the rest through one at a time.
	for range callers - bound {
		release <- struct{}{}
		<-entered
	}
	for range bound {
		release <- struct{}{}
	}
	wg.Wait()
	if got := most.Load(); got != bound {
		t.Errorf("at most %d hashes ran at once, want %d", got, bound)
	}
}

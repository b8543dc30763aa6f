package account

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/netip"
	"strings"
	"unicode/utf8"
)

// tokenBytes is the size of session and setup tokens: 256 bits, beyond any
// guessing.
const tokenBytes = 32

// newToken returns a fresh random token, base64url-encoded for a cookie or
// a link, and the hash under which it is stored.
func newToken() (token, hash string, err error) {
	b := make([]byte, tokenBytes)
	if _, err := rand.Read(b); err != nil {
		return "", "", fmt.Errorf("new token: %w", err)
	}
	sum := sha256.Sum256(b)
	return base64.RawURLEncoding.EncodeToString(b), hex.EncodeToString(sum[:]), nil
}

// hashToken returns the stored hash of a token from a cookie or a link, and
// false when it cannot be one of ours, so that garbage never reaches the
// database.
func hashToken(token string) (string, bool) {
	if base64.RawURLEncoding.DecodedLen(len(token)) != tokenBytes {
		return "", false
	}
	b, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil || len(b) != tokenBytes {
		return "", false
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), true
}

// throttleKey names a counter of failed logins. Keys are hashed because what
// people type into an email field is sometimes their password, and the
// failures table should not keep it.
func throttleKey(kind, value string) string {
	sum := sha256.Sum256([]byte(kind + ":" + value))
	return kind + ":" + hex.EncodeToString(sum[:16])
}

// addressKey groups a client address for throttling: an IPv4 address alone,
// an IPv6 address by its /64 network, since one subscriber commonly holds a
// whole /64 and could otherwise rotate through it. A port is dropped; what
// does not parse as an address is used as given.
func addressKey(remote string) string {
	s := strings.TrimSpace(remote)
	var a netip.Addr
	if ap, err := netip.ParseAddrPort(s); err == nil {
		a = ap.Addr()
	} else if x, err := netip.ParseAddr(s); err == nil {
		a = x
	} else {
		return s
	}
	a = a.Unmap().WithZone("")
	if a.Is6() {
		p, _ := a.Prefix(64) // cannot fail for an IPv6 address and 64
		return p.String()
	}
	return a.String()
}

// clip shortens s to at most n bytes without splitting a character, for
// client-supplied strings (the user agent) kept beside a session.
func clip(s string, n int) string {
	s = strings.ToValidUTF8(s, "")
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

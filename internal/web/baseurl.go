package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// ParseBaseURL checks the public address ogpp is reached at (--base-url),
// such as https://ogp.example.org/, and returns it with a trailing slash.
// It must be http or https with a host, and no query or fragment. ogpp's
// links are absolute paths, so it must be served at the root of its host:
// a path other than "/" is refused rather than producing broken links.
func ParseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, fmt.Errorf("base URL %q: %w", raw, err)
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, fmt.Errorf("base URL %q: want an http:// or https:// URL", raw)
	case u.Host == "" || u.User != nil:
		return nil, fmt.Errorf("base URL %q: want a host and no user name", raw)
	case u.RawQuery != "" || u.Fragment != "" || u.ForceQuery:
		return nil, fmt.Errorf("base URL %q: want no query or fragment", raw)
	case u.Path != "" && u.Path != "/":
		return nil, fmt.Errorf("base URL %q: ogpp must be served at the root of its host, not under %s", raw, u.Path)
	}
	u.Path = "/"
	return u, nil
}

type secureKey struct{}

// withSecureCookies marks every request as one whose cookies must be
// Secure when the public base URL is https: TLS then ends at a proxy, and
// ogpp sees plain HTTP although the browser does not.
func withSecureCookies(base *url.URL, next http.Handler) http.Handler {
	if base == nil || base.Scheme != "https" {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), secureKey{}, true)))
	})
}

// secureCookies reports whether cookies set in answer to r must be Secure:
// the request came over TLS, or the public base URL is https.
func secureCookies(r *http.Request) bool {
	on, _ := r.Context().Value(secureKey{}).(bool)
	return r.TLS != nil || on
}

// publicURL returns the absolute URL of a path on this site: under the
// configured base URL, or else the scheme and host the request came to,
// which is what a browser on the admin's side of any proxy used.
func (s *Server) publicURL(r *http.Request, path string) string {
	if s.baseURL != nil {
		return strings.TrimSuffix(s.baseURL.String(), "/") + path
	}
	scheme := "http"
	if secureCookies(r) {
		scheme = "https"
	}
	return scheme + "://" + r.Host + path
}

// loggedPath is a request path as logs may keep it: the token of a
// one-time link (/setup/…, /invite/…, /event-cancel/…) is replaced, since whoever reads the
// logs could otherwise use a link that has not been used yet.
func loggedPath(p string) string {
	for _, prefix := range []string{"/setup/", "/invite/", "/event-cancel/", "/subscribe/confirm/", "/unsubscribe/"} {
		if strings.HasPrefix(p, prefix) && len(p) > len(prefix) {
			return prefix + "…"
		}
	}
	return p
}

package web

import (
	"net/http"
	"strings"
)

// robotsDisallowed are the paths crawlers have no business in: sign-in,
// accounts and administration, the workspace, forms and their one-time
// links, and what only works for a signed-in user.
var robotsDisallowed = []string{
	"/admin/", "/account", "/login", "/setup/", "/invite/", "/event-cancel/", "/monitoring", "/meetings",
	"/surveys", "/resources", "/s/", "/*/new", "/*/edit", "/*/delete", "/*/register", "/search",
}

// robotsTxt lets crawlers read the public pages and points them at the
// sitemap.
func (s *Server) robotsTxt(w http.ResponseWriter, r *http.Request) {
	var b strings.Builder
	b.WriteString("User-agent: *\nAllow: /\n")
	for _, p := range robotsDisallowed {
		b.WriteString("Disallow: " + p + "\n")
	}
	b.WriteString("\nSitemap: " + s.publicURL(r, "/sitemap.xml") + "\n")
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	w.Write([]byte(b.String()))
}

package web

import "net/http"

// aboutPage says what the platform is, its goals and what it has done, in
// the words of its own project report.
func (s *Server) aboutPage(w http.ResponseWriter, r *http.Request) {
	l := locale{Lang: langOf(r)}
	s.render(w, r, http.StatusOK, "about", page{Title: l.T("about.title"), Crumbs: []crumb{{Label: l.T("nav.home"), URL: "/"}}})
}

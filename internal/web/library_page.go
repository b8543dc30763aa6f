package web

import (
	"html/template"
	"net/http"

	"ogpp/internal/access"
	"ogpp/internal/library"
	"ogpp/internal/markdown"
	"ogpp/internal/plan"
)

// documentView is a document's page.
type documentView struct {
	D           library.Document
	Description template.HTML
	Files       []documentFileView
	Related     []documentRelatedGroup
	Manage      bool
	// FileError explains a refused upload, beside the file input.
	FileError string
	Errors    []fieldError
}

// documentFileView is a file as the page lists it.
type documentFileView struct {
	F    library.File
	Size string
}

// documentRelatedGroup is what a document is tied to of one target.
type documentRelatedGroup struct {
	Target library.Target
	Items  []library.Related
}

// documentPage shows a document with its files to download, its links and
// what it is tied to. The guard lets the public in once it is published.
func (s *Server) documentPage(w http.ResponseWriter, r *http.Request) {
	d, ok := s.documentFor(w, r)
	if !ok {
		return
	}
	s.renderDocument(w, r, http.StatusOK, documentView{D: d})
}

func (s *Server) renderDocument(w http.ResponseWriter, r *http.Request, status int, v documentView) {
	l := locale{Lang: langOf(r)}
	v.Manage = s.mayManageLibrary(r)
	v.Description = markdown.ToHTML(v.D.Description)
	for _, f := range v.D.Files {
		v.Files = append(v.Files, documentFileView{F: f, Size: humanSize(l, f.Size)})
	}
	readsDrafts := access.Can(s.subjectOf(r), access.ReadDrafts, access.Resource{})
	for _, t := range library.Targets {
		g := documentRelatedGroup{Target: t}
		for _, rel := range v.D.Related {
			if rel.Target == t && (rel.Public || readsDrafts) {
				g.Items = append(g.Items, rel)
			}
		}
		if len(g.Items) > 0 {
			v.Related = append(v.Related, g)
		}
	}
	if v.Manage {
		noStore(w)
	}
	s.render(w, r, status, "library_document", page{Title: v.D.Title, Data: v,
		Crumbs: []crumb{{Label: l.T("library.title"), URL: "/library"}}})
}

// Date is the document's day, for the date formatter.
func (v documentView) Date() *plan.Date { return &v.D.Date }

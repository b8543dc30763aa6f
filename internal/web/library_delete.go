package web

import (
	"errors"
	"net/http"
	"strconv"

	"ogpp/internal/library"
	"ogpp/internal/plan"
)

// libraryConfirmView asks whether to delete a document or to remove one of
// its files.
type libraryConfirmView struct {
	Action   string
	Kind     string // document or file: picks the messages
	Name     string
	Version  int
	Cancel   string
	Conflict bool
}

func (s *Server) renderLibraryConfirm(w http.ResponseWriter, r *http.Request, status int, v libraryConfirmView) {
	l := locale{Lang: langOf(r)}
	noStore(w)
	s.render(w, r, status, "library_delete", page{Title: l.T("library.delete." + v.Kind + ".title"), Data: v,
		Crumbs: []crumb{{l.T("library.title"), "/library"}}})
}

func documentDeleteView(d library.Document) libraryConfirmView {
	return libraryConfirmView{Action: documentURL(d.ID) + "/delete", Kind: "document", Name: d.Title, Version: d.Version, Cancel: documentURL(d.ID)}
}

// deleteDocumentPage asks whether to delete a document.
func (s *Server) deleteDocumentPage(w http.ResponseWriter, r *http.Request) {
	d, ok := s.documentFor(w, r)
	if !ok {
		return
	}
	s.renderLibraryConfirm(w, r, http.StatusOK, documentDeleteView(d))
}

// deleteDocument soft-deletes a document, as confirmed on the version
// shown; one changed since is shown again to confirm anew.
func (s *Server) deleteDocument(w http.ResponseWriter, r *http.Request) {
	d, ok := s.documentFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	err := s.library.DeleteDocument(r.Context(), s.actorOf(r), d.ID, postedVersion(r))
	var stale *plan.ConflictError[library.Document]
	switch {
	case errors.As(err, &stale):
		v := documentDeleteView(stale.Current)
		v.Conflict = true
		s.renderLibraryConfirm(w, r, http.StatusConflict, v)
	case err != nil:
		s.answerLoad(w, r, err)
	default:
		http.Redirect(w, r, "/library?done=library_deleted", http.StatusSeeOther)
	}
}

// fileOf finds the live file the path's {fid} names among the document's.
func (s *Server) fileOf(w http.ResponseWriter, r *http.Request, d library.Document) (library.File, bool) {
	fid, ok := pathInt(r, "fid")
	if ok {
		for _, f := range d.Files {
			if f.ID == fid {
				return f, true
			}
		}
	}
	s.notFound(w, r)
	return library.File{}, false
}

// removeFilePage asks whether to remove a file from a document.
func (s *Server) removeFilePage(w http.ResponseWriter, r *http.Request) {
	d, ok := s.documentFor(w, r)
	if !ok {
		return
	}
	f, ok := s.fileOf(w, r, d)
	if !ok {
		return
	}
	s.renderLibraryConfirm(w, r, http.StatusOK, fileRemoveView(d, f))
}

// removeFile takes a file off a document.
func (s *Server) removeFile(w http.ResponseWriter, r *http.Request) {
	d, ok := s.documentFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	f, ok := s.fileOf(w, r, d)
	if !ok {
		return
	}
	err := s.library.RemoveDocumentFile(r.Context(), s.actorOf(r), d.ID, f.ID, postedVersion(r))
	var stale *plan.ConflictError[library.Document]
	switch {
	case errors.As(err, &stale):
		v := fileRemoveView(stale.Current, f)
		v.Conflict = true
		s.renderLibraryConfirm(w, r, http.StatusConflict, v)
	case err != nil:
		s.answerLoad(w, r, err)
	default:
		http.Redirect(w, r, documentURL(d.ID)+"?done=library_file_removed#files", http.StatusSeeOther)
	}
}

func fileRemoveView(d library.Document, f library.File) libraryConfirmView {
	return libraryConfirmView{Kind: "file", Name: f.FileName, Version: d.Version, Cancel: documentURL(d.ID) + "#files",
		Action: documentURL(d.ID) + "/files/" + strconv.FormatInt(f.ID, 10) + "/remove"}
}

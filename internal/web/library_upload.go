package web

import (
	"errors"
	"io"
	"net/http"

	"ogpp/internal/library"
	"ogpp/internal/plan"
)

// uploadDocumentFile keeps an uploaded file with a document. Its type is
// judged by its content, never by the name or what the browser claims; a
// file too large or of a kind the library does not keep is explained
// beside the file input, with the rest of the page as it was.
func (s *Server) uploadDocumentFile(w http.ResponseWriter, r *http.Request) {
	d, ok := s.documentFor(w, r)
	if !ok {
		return
	}
	l := locale{Lang: langOf(r)}
	refuse := func(status int, key string) {
		msg := fieldMessage(l, key)
		s.renderDocument(w, r, status, documentView{D: d, FileError: msg, Errors: []fieldError{{Field: "file", Message: msg}}})
	}
	r.Body = http.MaxBytesReader(w, r.Body, library.MaxFileBytes+uploadMargin)
	file, header, err := r.FormFile("file")
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		refuse(http.StatusRequestEntityTooLarge, "library.file.too_large")
		return
	case errors.Is(err, http.ErrMissingFile), errors.Is(err, http.ErrNotMultipart):
		refuse(http.StatusUnprocessableEntity, "library.file.required")
		return
	case err != nil:
		s.badRequest(w, r, l.T("form.invalid"))
		return
	}
	defer file.Close()
	// One byte past the limit tells a file too large from one that fits.
	data, err := io.ReadAll(io.LimitReader(file, library.MaxFileBytes+1))
	if err != nil {
		s.badRequest(w, r, l.T("form.invalid"))
		return
	}
	if len(data) > library.MaxFileBytes {
		refuse(http.StatusRequestEntityTooLarge, "library.file.too_large")
		return
	}
	_, err = s.library.AddDocumentFile(r.Context(), s.actorOf(r), d.ID, library.FileUpload{Name: header.Filename, Data: data})
	var fe plan.FieldErrors
	switch {
	case errors.As(err, &fe):
		key, status := fe["file"], http.StatusUnprocessableEntity
		if key == "" {
			key = "library.file.type"
		}
		if key == "library.file.too_large" {
			status = http.StatusRequestEntityTooLarge
		}
		refuse(status, key)
	case err != nil:
		s.answerLoad(w, r, err)
	default:
		http.Redirect(w, r, documentURL(d.ID)+"?done=library_file_added#files", http.StatusSeeOther)
	}
}

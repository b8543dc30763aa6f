package web

import (
	"errors"
	"io"
	"net/http"

	"ogpp/internal/monitor"
	"ogpp/internal/plan"
)

// uploadMargin is what a multipart body carries beside the file itself:
// boundaries, part headers, the file's name.
const uploadMargin = 64 << 10

// addEvidence keeps an uploaded file as evidence of the measure's
// assessment. Its type is judged by its content, never by the name or what
// the browser claims; a file too large or of a kind ogpp does not keep is
// explained beside the file input, with the rest of the page as it was.
func (s *Server) addEvidence(w http.ResponseWriter, r *http.Request) {
	round, p, m, ok := s.roundMeasureFor(w, r)
	if !ok {
		return
	}
	l := locale{Lang: langOf(r)}
	f, err := s.loadAssessmentForm(r, round, p, m)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if f.Frozen {
		s.renderAssessment(w, r, http.StatusConflict, f)
		return
	}
	refuse := func(status int, key string) {
		f.FileError = fieldMessage(l, key)
		f.Errors = []fieldError{{Field: "file", Message: f.FileError}}
		s.renderAssessment(w, r, status, f)
	}
	if !f.Exists {
		refuse(http.StatusConflict, "monitor.file.save_first")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, monitor.MaxEvidenceBytes+uploadMargin)
	file, header, err := r.FormFile("file")
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		refuse(http.StatusRequestEntityTooLarge, "monitor.file.too_large")
		return
	case errors.Is(err, http.ErrMissingFile):
		refuse(http.StatusUnprocessableEntity, "monitor.file.required")
		return
	case err != nil:
		s.badRequest(w, r, l.T("form.invalid"))
		return
	}
	defer file.Close()
	// One byte past the limit tells a file too large from one that fits,
	// whatever the multipart margin let through.
	data, err := io.ReadAll(io.LimitReader(file, monitor.MaxEvidenceBytes+1))
	if err != nil {
		s.badRequest(w, r, l.T("form.invalid"))
		return
	}
	if len(data) > monitor.MaxEvidenceBytes {
		refuse(http.StatusRequestEntityTooLarge, "monitor.file.too_large")
		return
	}
	_, err = s.monitor.AddEvidenceFile(r.Context(), s.actorOf(r), f.Saved.A.ID, monitor.FileUpload{Name: header.Filename, Data: data})
	var fe plan.FieldErrors
	switch {
	case errors.Is(err, monitor.ErrFrozen):
		f.Frozen = true
		s.renderAssessment(w, r, http.StatusConflict, f)
	case errors.As(err, &fe):
		key := fe["file"]
		if key == "" {
			key = "monitor.file.type"
		}
		status := http.StatusUnprocessableEntity
		if key == "monitor.file.too_large" {
			status = http.StatusRequestEntityTooLarge
		}
		refuse(status, key)
	case err != nil:
		s.answerLoad(w, r, err)
	default:
		http.Redirect(w, r, assessmentURL(round.ID, m.ID)+"?done=evidence_added#evidence", http.StatusSeeOther)
	}
}

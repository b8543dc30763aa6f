package web

import (
	"mime"
	"net/http"
	"strconv"

	"ogpp/internal/monitor"
)

// evidenceDownload sends an evidence file as an attachment, with the type
// ogpp judged from its content when it was uploaded: a browser never
// renders an uploaded file in ogpp's origin, whatever it holds. The
// SHA-256 the page shows travels as a header too, for scripts that check.
func (s *Server) evidenceDownload(w http.ResponseWriter, r *http.Request) {
	id, ok := pathInt(r, "id")
	if !ok {
		s.notFound(w, r)
		return
	}
	e, data, _, err := s.monitor.EvidenceFile(r.Context(), id)
	if !s.answerLoad(w, r, err) {
		return
	}
	if e.Kind != monitor.EvidenceFile {
		s.notFound(w, r)
		return
	}
	h := w.Header()
	ct := e.ContentType
	if ct == "" {
		ct = "application/octet-stream"
	}
	h.Set("Content-Type", ct)
	name := e.FileName
	if name == "" {
		name = "evidence"
	}
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Length", strconv.Itoa(len(data)))
	if e.SHA256 != "" {
		h.Set("X-Checksum-SHA256", e.SHA256)
	}
	// Files of unpublished rounds are for monitors' eyes only; published
	// ones never change, but may be withdrawn, so no shared cache keeps
	// them either.
	h.Set("Cache-Control", "private, no-cache")
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

package web

import (
	"mime"
	"net/http"
	"strconv"
)

// documentFileDownload sends a document's file as an attachment under its
// original name, with the type ogpp judged from its content when it was
// uploaded: a browser never renders an uploaded file in ogpp's origin,
// whatever it holds.
func (s *Server) documentFileDownload(w http.ResponseWriter, r *http.Request) {
	id, ok := pathInt(r, "id")
	fid, fok := pathInt(r, "fid")
	if !ok || !fok {
		s.notFound(w, r)
		return
	}
	f, data, err := s.library.DocumentFile(r.Context(), id, fid)
	if !s.answerLoad(w, r, err) {
		return
	}
	h := w.Header()
	ct := f.ContentType
	if ct == "" {
		ct = "application/octet-stream"
	}
	h.Set("Content-Type", ct)
	name := f.FileName
	if name == "" {
		name = "document"
	}
	// FormatMediaType writes a name beyond ASCII as RFC 2231's filename*,
	// which every current browser reads.
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("X-Checksum-SHA256", f.SHA256)
	// A document may be withdrawn from the public: no shared cache keeps
	// its files.
	h.Set("Cache-Control", "private, no-cache")
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

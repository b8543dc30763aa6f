package web

import (
	"errors"
	"maps"
	"net/http"
	"slices"
	"strconv"

	"ogpp/internal/i18n"
	"ogpp/internal/plan"
)

// restoreDeleted brings back the soft-deleted entity the path names and
// returns to the deleted items with a confirmation and a link to it. A
// restore that would clash with a live row (a measure whose clause another
// measure of its plan took meanwhile) is refused with the reason on top of
// the list, as is one of an entity that is no longer deleted.
func (s *Server) restoreDeleted(w http.ResponseWriter, r *http.Request) {
	entityType := r.PathValue("type")
	restore, ok := s.restorer(entityType)
	id, idOK := positiveID(r.PathValue("id"))
	if !ok || !idOK {
		s.notFound(w, r)
		return
	}
	l := locale{Lang: langOf(r)}
	anchor := "restore-" + entityType + "-" + strconv.FormatInt(id, 10)
	err := restore(r.Context(), s.actorOf(r), id)
	var fe plan.FieldErrors
	switch {
	case err == nil:
		http.Redirect(w, r, "/admin/deleted?done=item_restored&type="+entityType+"&id="+strconv.FormatInt(id, 10), http.StatusSeeOther)
	case errors.As(err, &fe):
		s.renderDeleted(w, r, http.StatusConflict, []fieldError{{Field: anchor, Message: restoreConflictMessage(l, fe)}})
	case errors.Is(err, plan.ErrNotFound):
		s.renderDeleted(w, r, http.StatusNotFound, []fieldError{{Field: "deleted-list", Message: l.T("deleted.gone")}})
	default:
		s.serverError(w, r, err)
	}
}

// restoreConflictMessage says why a restore was refused: the editor's own
// message for the field when the catalog has one, else a general one.
func restoreConflictMessage(l locale, fe plan.FieldErrors) string {
	for _, field := range slices.Sorted(maps.Keys(fe)) {
		if key := fe[field]; i18n.Has(l.Lang, key) {
			return l.T("deleted.conflict", l.T(key))
		}
	}
	return l.T("deleted.conflict", l.T("deleted.conflict.general"))
}

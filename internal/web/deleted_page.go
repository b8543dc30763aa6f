package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"ogpp/internal/audit"
	"ogpp/internal/plan"
)

// restoreFunc brings back one soft-deleted entity.
type restoreFunc func(ctx context.Context, actor audit.Actor, id int64) error

// deletedTypes are the entity types the deleted items page lists, in its
// order: the ones a registry is built of, from the top.
var deletedTypes = append([]string{audit.EntityPlan, audit.EntityArea, audit.EntityMeasure, audit.EntityMilestone, audit.EntityOrganisation},
	workDeletedTypes...)

// restorer returns how the editor restores an entity type, and false for
// a type that is never soft-deleted (or a server without an editor).
func (s *Server) restorer(entityType string) (restoreFunc, bool) {
	if s.editor == nil {
		return nil, false
	}
	if _, restore, ok := s.workDeleted(entityType); ok {
		return restore, true
	}
	switch entityType {
	case audit.EntityPlan:
		return s.editor.RestorePlan, true
	case audit.EntityArea:
		return s.editor.RestoreArea, true
	case audit.EntityMeasure:
		return s.editor.RestoreMeasure, true
	case audit.EntityMilestone:
		return s.editor.RestoreMilestone, true
	case audit.EntityOrganisation:
		return s.editor.RestoreOrganisation, true
	}
	return nil, false
}

// deletedItem is one soft-deleted entity as the page lists it.
type deletedItem struct {
	Anchor     string // the row's id, which an error message links to
	Name       string
	Context    string // a measure's plan and clause, an organisation's member
	When       string
	WhenISO    string
	Who        string
	WhoDetail  string
	HistoryURL string // "" for types without a history tab
	RestoreURL string
}

type deletedGroup struct {
	Type, Label string
	Items       []deletedItem
}

type deletedData struct {
	Groups []deletedGroup
	Total  int
	Errors []fieldError
	// RestoredURL and RestoredName name the entity just restored, for a
	// link to it.
	RestoredURL, RestoredName string
}

// ErrorFor returns why restoring the item of a row's anchor was refused,
// or "".
func (d deletedData) ErrorFor(anchor string) string { return fieldErrorFor(d.Errors, anchor) }

// deletedPage lists the soft-deleted entities, newest deletion first, each
// with who deleted it (from the audit log) and a button that restores it.
func (s *Server) deletedPage(w http.ResponseWriter, r *http.Request) {
	s.renderDeleted(w, r, http.StatusOK, nil)
}

// renderDeleted shows the deleted items with errs, the problems of a
// refused restore, on top.
func (s *Server) renderDeleted(w http.ResponseWriter, r *http.Request, status int, errs []fieldError) {
	if s.editor == nil {
		s.notFound(w, r)
		return
	}
	ctx := r.Context()
	l := locale{Lang: langOf(r)}
	viewer := s.newAuditViewer(ctx, l)
	d := deletedData{Errors: errs}
	for _, t := range deletedTypes {
		if _, ok := s.restorer(t); !ok {
			continue
		}
		list, err := s.listDeleted(ctx, t)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		g := deletedGroup{Type: t, Label: l.T("deleted.group." + t)}
		for _, x := range list {
			item, err := s.deletedItem(ctx, viewer, x)
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			g.Items = append(g.Items, item)
		}
		d.Total += len(g.Items)
		d.Groups = append(d.Groups, g)
	}
	if status == http.StatusOK {
		d.RestoredURL, d.RestoredName = s.restoredLink(ctx, l, r)
	}
	title := l.T("deleted.title")
	if len(errs) > 0 {
		title = l.T("form.error.prefix") + ": " + title
	}
	s.render(w, r, status, "deleted", page{Title: title, Crumbs: []crumb{{l.T("nav.plans"), "/"}}, Data: d})
}

// deletedItem describes x, with who deleted it and when as the audit log
// says (the row's own time when the log has no entry, as for rows deleted
// before ogpp kept one).
func (s *Server) deletedItem(ctx context.Context, v *auditViewer, x plan.Deleted) (deletedItem, error) {
	l := v.l
	id := strconv.FormatInt(x.ID, 10)
	item := deletedItem{Anchor: "restore-" + x.EntityType + "-" + id, Name: l.Plain(x.Title), Context: x.Context,
		RestoreURL: "/admin/deleted/" + x.EntityType + "/" + id + "/restore"}
	if item.Name == "" {
		item.Name = auditTypeLabel(l, x.EntityType) + " " + id
	}
	at := x.DeletedAt
	if s.audit != nil {
		entries, _, err := s.audit.ListAudit(ctx, audit.Filter{EntityType: x.EntityType, EntityID: id, Action: audit.ActionDelete, Limit: 1})
		if err != nil {
			return item, err
		}
		if len(entries) > 0 {
			item.Who, item.WhoDetail = v.actor(entries[0].Actor)
			if !entries[0].At.IsZero() {
				at = entries[0].At
			}
		}
		switch x.EntityType {
		case audit.EntityMeasure, audit.EntityOrganisation:
			item.HistoryURL = "/" + x.EntityType + "s/" + id + "/history"
		}
	}
	if !at.IsZero() {
		item.When, item.WhenISO = l.Time(at), at.UTC().Format(time.RFC3339)
	}
	return item, nil
}

// restoredLink reads which entity a restore just brought back from the
// redirect's ?type= and ?id=, and returns its page and name while it is
// live; nothing for anything else, so a crafted link shows nothing.
func (s *Server) restoredLink(ctx context.Context, l locale, r *http.Request) (string, string) {
	q := r.URL.Query()
	id := q.Get("id")
	n, ok := positiveID(id)
	if !ok {
		return "", ""
	}
	if url, name := s.workRestoredLink(ctx, l, q.Get("type"), n); url != "" {
		return url, name
	}
	switch q.Get("type") {
	case audit.EntityMeasure:
		if m, err := s.reg.GetMeasure(ctx, id); err == nil && m.ID == n {
			name := l.Plain(m.Title)
			if m.Clause != "" {
				name = m.Clause + " " + name
			}
			return "/measures/" + id, name
		}
	case audit.EntityOrganisation:
		if o, err := s.reg.GetOrganisation(ctx, n); err == nil {
			return "/organisations/" + id, l.Plain(o.Name)
		}
	case audit.EntityPlan:
		if p, err := s.reg.GetPlan(ctx, id); err == nil && p.ID == n {
			return "/plans/" + id, l.Plain(p.Title)
		}
	}
	return "", ""
}

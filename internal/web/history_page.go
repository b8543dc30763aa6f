package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"ogpp/internal/audit"
	"ogpp/internal/library"
	"ogpp/internal/news"
	"ogpp/internal/plan"
)

// historyPerPage is how many entries a history tab shows at once.
const historyPerPage = 20

type historyData struct {
	EntityType string
	// Name is the entity's name for the heading.
	Name string
	// DetailsURL is the entity's page, "" when it is deleted; HistoryURL
	// this tab.
	DetailsURL, HistoryURL string
	Entries                []auditEntryView
	Pager                  pager
}

// measureHistoryPage shows who changed a measure, when and how.
func (s *Server) measureHistoryPage(w http.ResponseWriter, r *http.Request) {
	s.historyPage(w, r, audit.EntityMeasure)
}

// organisationHistoryPage shows who changed an organisation, when and how.
func (s *Server) organisationHistoryPage(w http.ResponseWriter, r *http.Request) {
	s.historyPage(w, r, audit.EntityOrganisation)
}

// documentHistoryPage is a library document's history tab.
func (s *Server) documentHistoryPage(w http.ResponseWriter, r *http.Request) {
	s.historyPage(w, r, library.EntityDocument)
}

// newsHistoryPage is a news item's history tab.
func (s *Server) newsHistoryPage(w http.ResponseWriter, r *http.Request) {
	s.historyPage(w, r, news.EntityNews)
}

// portalHistoryName names a library document or a news item for its
// history and says where its pages are; plan.ErrNotFound when it is gone
// or the server keeps no such thing.
func (s *Server) portalHistoryName(ctx context.Context, entityType string, id int64) (name, base string, err error) {
	switch {
	case entityType == library.EntityDocument && s.library != nil:
		d, err := s.library.GetDocument(ctx, id)
		return d.Title, "/library/", err
	case entityType == news.EntityNews && s.news != nil:
		it, err := s.news.GetNews(ctx, id)
		return it.Title, "/news/", err
	case entityType == news.EntityNews:
		return "", "/news/", plan.ErrNotFound
	}
	return "", "/library/", plan.ErrNotFound
}

// historyPage lists one entity's audit entries, newest first, each with its
// changes field by field. It is the audit log seen from the entity, so it
// is guarded as the log is (access.ReadAudit): it names the people who made
// each change, which the public pages do not. A deleted entity keeps its
// history, reachable by id from the log browser and the deleted items.
func (s *Server) historyPage(w http.ResponseWriter, r *http.Request, entityType string) {
	if s.audit == nil {
		s.notFound(w, r)
		return
	}
	ctx := r.Context()
	l := locale{Lang: langOf(r)}
	param := r.PathValue("id")
	var (
		id     int64
		name   string
		crumbs = []crumb{{l.T("nav.plans"), "/"}}
		err    error
	)
	base := "/organisations/"
	switch entityType {
	case audit.EntityMeasure:
		base = "/measures/"
		var m plan.Measure
		m, err = s.reg.GetMeasure(ctx, param)
		if err == nil {
			id, name = m.ID, l.Plain(m.Title)
			if m.Clause != "" {
				name = m.Clause + " " + name
			}
			crumbs = append(crumbs, crumb{l.Plain(m.Plan.Title), "/plans/" + strconv.FormatInt(m.PlanID, 10)})
		}
	case library.EntityDocument, news.EntityNews:
		if id, err = strconv.ParseInt(param, 10, 64); err == nil {
			name, base, err = s.portalHistoryName(ctx, entityType, id)
		}
		crumbs = []crumb{{l.T("library.title"), "/library"}}
		if entityType == news.EntityNews {
			crumbs = []crumb{{l.T("news.title"), "/news"}}
		}
	case audit.EntityOrganisation:
		crumbs = append(crumbs, crumb{l.T("orgs.title"), "/organisations"})
		var o plan.Organisation
		if id, err = strconv.ParseInt(param, 10, 64); err == nil {
			o, err = s.reg.GetOrganisation(ctx, id)
			name = l.Plain(o.Name)
		}
	}
	live := err == nil
	if !live {
		// Gone from the registry (deleted) or never there: a numeric id
		// with entries in the log still has a history.
		if !errors.Is(err, plan.ErrNotFound) && !errors.Is(err, strconv.ErrSyntax) && !errors.Is(err, strconv.ErrRange) {
			s.serverError(w, r, err)
			return
		}
		if id, err = strconv.ParseInt(param, 10, 64); err != nil || id <= 0 {
			s.notFound(w, r)
			return
		}
	}
	idText := strconv.FormatInt(id, 10)
	entries, total, n, err := s.listAuditPage(ctx, audit.Filter{EntityType: entityType, EntityID: idText}, pageNumber(r), historyPerPage)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !live && total == 0 {
		s.notFound(w, r)
		return
	}
	d := historyData{EntityType: entityType, Name: name, HistoryURL: base + idText + "/history",
		Pager: newPager(base+idText+"/history", n, historyPerPage, total)}
	if live {
		d.DetailsURL = base + idText
		crumbs = append(crumbs, crumb{name, d.DetailsURL})
	} else {
		// The newest entry names it as it last was; on a later page it is
		// read apart.
		latest := entries
		if n > 1 {
			if latest, _, err = s.audit.ListAudit(ctx, audit.Filter{EntityType: entityType, EntityID: idText, Limit: 1}); err != nil {
				s.serverError(w, r, err)
				return
			}
		}
		if len(latest) > 0 {
			d.Name = recordName(l, entityType, latest[0].Before)
			if name := recordName(l, entityType, latest[0].After); name != "" {
				d.Name = name
			}
		}
		if d.Name == "" {
			d.Name = auditTypeLabel(l, entityType) + " " + idText
		}
	}
	d.Entries = s.newAuditViewer(ctx, l).views(entries)
	for i := range d.Entries {
		// An update is what a reader of a history comes for; a creation,
		// deletion or restore lists every field and stays folded.
		d.Entries[i].Open = d.Entries[i].Action == audit.ActionUpdate
	}
	s.render(w, r, http.StatusOK, "history", page{Title: l.T("history.title", d.Name), Crumbs: crumbs, Data: d})
}

package web

import (
	"errors"
	"net/http"
	"strconv"

	"ogpp/internal/plan"
	"ogpp/internal/platform"
)

type measureData struct {
	Measure plan.Measure
	// Executors groups the measure's executors by role, in display order.
	Executors []executorGroup
	// Monitoring is the measure's assessment history across rounds.
	Monitoring measureMonitoring
	// Activities are the platform's activities serving the measure.
	Activities []platform.ActivityRef
	// Materials are the library's documents about the measure.
	Materials materialsView
}

type executorGroup struct {
	Role          plan.ExecutorRole
	Organisations []plan.Organisation
}

// measurePage shows every field of a measure, its executors by role, its
// milestones and where its content comes from.
func (s *Server) measurePage(w http.ResponseWriter, r *http.Request) {
	m, err := s.reg.GetMeasure(r.Context(), r.PathValue("id"))
	if errors.Is(err, plan.ErrNotFound) {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	l := locale{Lang: langOf(r)}
	title := l.Plain(m.Title)
	if m.Clause != "" {
		title = m.Clause + " " + title
	}
	crumbs := []crumb{{l.T("nav.plans"), "/"}, {l.Plain(m.Plan.Title), "/plans/" + strconv.FormatInt(m.PlanID, 10)}}
	if m.AreaID != 0 {
		crumbs = append(crumbs, crumb{l.Plain(m.Area.Title), "/plans/" + strconv.FormatInt(m.PlanID, 10) + "?area=" + strconv.FormatInt(m.AreaID, 10)})
	}
	mon, err := s.monitoringOf(r, m)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	activities, err := s.measureActivities(r, m.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "measure", page{Title: title, Crumbs: crumbs, Data: measureData{Measure: m, Executors: groupExecutors(m.Executors), Monitoring: mon,
		Activities: activities, Materials: s.measureMaterials(r, m.ID)}})
}

func groupExecutors(es []plan.Executor) []executorGroup {
	var out []executorGroup
	for _, role := range plan.ExecutorRoles {
		g := executorGroup{Role: role}
		for _, e := range es {
			if e.Role == role {
				g.Organisations = append(g.Organisations, e.Organisation)
			}
		}
		if len(g.Organisations) > 0 {
			out = append(out, g)
		}
	}
	return out
}

package web

import (
	"context"
	"errors"
	"html/template"
	"net/http"
	"strconv"

	"ogpp/internal/access"
	"ogpp/internal/markdown"
	"ogpp/internal/monitor"
	"ogpp/internal/plan"
)

// needMonitor answers 404 on a server built without a monitoring store (a
// read-only mirror, or tests of other parts), as the editing routes do
// without an editor.
func (s *Server) needMonitor(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.monitor == nil {
			s.notFound(w, r)
			return
		}
		h(w, r)
	})
}

// pathInt reads a numeric id from the path; anything else names nothing.
func pathInt(r *http.Request, name string) (int64, bool) {
	n, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	return n, err == nil && n > 0
}

// answerLoad finishes a failed read: an unknown id is 404, anything else a
// server error. It reports whether the handler may go on.
func (s *Server) answerLoad(w http.ResponseWriter, r *http.Request, err error) bool {
	switch {
	case err == nil:
		return true
	case errors.Is(err, plan.ErrNotFound):
		s.notFound(w, r)
	default:
		s.serverError(w, r, err)
	}
	return false
}

// roundFor reads the round the path's {name} names and its plan.
func (s *Server) roundFor(w http.ResponseWriter, r *http.Request, name string) (monitor.Round, plan.Plan, bool) {
	id, ok := pathInt(r, name)
	if !ok {
		s.notFound(w, r)
		return monitor.Round{}, plan.Plan{}, false
	}
	round, err := s.monitor.GetRound(r.Context(), id)
	if !s.answerLoad(w, r, err) {
		return round, plan.Plan{}, false
	}
	p, err := s.reg.GetPlan(r.Context(), strconv.FormatInt(round.PlanID, 10))
	return round, p, s.answerLoad(w, r, err)
}

// roundMeasureFor reads the round {rid} and the measure {mid} of a path.
// A measure of another plan than the round's is not in the round: 404.
func (s *Server) roundMeasureFor(w http.ResponseWriter, r *http.Request) (monitor.Round, plan.Plan, plan.Measure, bool) {
	round, p, ok := s.roundFor(w, r, "rid")
	if !ok {
		return round, p, plan.Measure{}, false
	}
	m, err := s.measureInRound(r.Context(), round, r.PathValue("mid"))
	return round, p, m, s.answerLoad(w, r, err)
}

// measureInRound reads a measure of the round's plan, plan.ErrNotFound for
// any other.
func (s *Server) measureInRound(ctx context.Context, round monitor.Round, ref string) (plan.Measure, error) {
	if _, err := strconv.ParseInt(ref, 10, 64); err != nil {
		// Only ids: an external id could name a measure of another plan
		// that happens to share it.
		return plan.Measure{}, plan.ErrNotFound
	}
	m, err := s.reg.GetMeasure(ctx, ref)
	if err == nil && m.PlanID != round.PlanID {
		err = plan.ErrNotFound
	}
	return m, err
}

// assessmentFor reads the assessment the path's {id} names, with its round,
// plan and measure.
func (s *Server) assessmentFor(w http.ResponseWriter, r *http.Request) (monitor.Assessment, monitor.Round, plan.Plan, plan.Measure, bool) {
	var (
		round monitor.Round
		p     plan.Plan
		m     plan.Measure
	)
	id, ok := pathInt(r, "id")
	if !ok {
		s.notFound(w, r)
		return monitor.Assessment{}, round, p, m, false
	}
	ctx := r.Context()
	a, err := s.monitor.AssessmentByID(ctx, id)
	if !s.answerLoad(w, r, err) {
		return a, round, p, m, false
	}
	if round, err = s.monitor.GetRound(ctx, a.RoundID); !s.answerLoad(w, r, err) {
		return a, round, p, m, false
	}
	if p, err = s.reg.GetPlan(ctx, strconv.FormatInt(round.PlanID, 10)); !s.answerLoad(w, r, err) {
		return a, round, p, m, false
	}
	m, err = s.measureInRound(ctx, round, strconv.FormatInt(a.MeasureID, 10))
	return a, round, p, m, s.answerLoad(w, r, err)
}

// currentAssessment reads a measure's assessment in a round; ok is false
// when there is none yet, which is no error.
func (s *Server) currentAssessment(ctx context.Context, roundID, measureID int64) (monitor.Assessment, bool, error) {
	a, err := s.monitor.GetAssessment(ctx, roundID, measureID)
	if errors.Is(err, plan.ErrNotFound) {
		return monitor.Assessment{}, false, nil
	}
	return a, err == nil, err
}

// The resolvers tell the guard what a monitoring request acts on.

// reviewResolver gives the author of the assessment's current version, so
// that the policy refuses them its review.
func (s *Server) reviewResolver(r *http.Request) (access.Resource, error) {
	if !s.can(r, access.Review, access.Resource{}) {
		// Refused whatever the assessment: say so without looking it up,
		// so that the answer does not tell which ids exist.
		return access.Resource{}, nil
	}
	id, ok := pathInt(r, "id")
	if s.monitor == nil || !ok {
		return access.Resource{}, plan.ErrNotFound
	}
	a, err := s.monitor.AssessmentByID(r.Context(), id)
	if err != nil {
		return access.Resource{}, err
	}
	return access.Resource{AuthorID: a.AuthorID}, nil
}

// executorsResolver gives the organisations executing the path's measure
// {mid}, so that a focal point answers only for its own body's measures.
func (s *Server) executorsResolver(r *http.Request) (access.Resource, error) {
	var own []int64
	if sub := s.subjectOf(r); !sub.Anonymous() {
		own = []int64{sub.User.OrganisationID}
	}
	if !s.can(r, access.AnswerForMeasure, access.Resource{ExecutorIDs: own}) {
		// Not even for a measure of its own body: refused without a
		// look-up, as for a review.
		return access.Resource{}, nil
	}
	rid, ok := pathInt(r, "rid")
	if s.monitor == nil || !ok {
		return access.Resource{}, plan.ErrNotFound
	}
	round, err := s.monitor.GetRound(r.Context(), rid)
	if err != nil {
		return access.Resource{}, err
	}
	m, err := s.measureInRound(r.Context(), round, r.PathValue("mid"))
	if err != nil {
		return access.Resource{}, err
	}
	return access.Resource{ExecutorIDs: executorIDs(m)}, nil
}

// evidenceResolver makes a file public only once its round is published
// and the file belongs to the version the public sees (the last approved
// one); drafts' files stay with the monitors.
func (s *Server) evidenceResolver(r *http.Request) (access.Resource, error) {
	id, ok := pathInt(r, "id")
	if s.monitor == nil || !ok {
		return access.Resource{}, plan.ErrNotFound
	}
	ctx := r.Context()
	_, _, a, err := s.monitor.EvidenceFile(ctx, id)
	if err != nil {
		return access.Resource{}, err
	}
	round, err := s.monitor.GetRound(ctx, a.RoundID)
	if err != nil {
		return access.Resource{}, err
	}
	if !round.Public() {
		return access.Resource{Unpublished: true}, nil
	}
	history, err := s.monitor.MeasureHistory(ctx, a.MeasureID, true)
	if err != nil {
		return access.Resource{}, err
	}
	for _, h := range history {
		if h.Round.ID != round.ID {
			continue
		}
		for _, e := range h.Assessment.Evidence {
			if e.ID == id {
				return access.Resource{}, nil
			}
		}
	}
	return access.Resource{Unpublished: true}, nil
}

// executorIDs lists the organisations executing a measure, in any role.
func executorIDs(m plan.Measure) []int64 {
	ids := make([]int64, 0, len(m.Executors))
	for _, e := range m.Executors {
		if monitor.AnswersFor(e.Role) {
			ids = append(ids, e.OrganisationID)
		}
	}
	return ids
}

// can asks the policy about the request's sender, for pages that offer
// only what will work; the guard still decides when the link is followed.
func (s *Server) can(r *http.Request, a access.Action, res access.Resource) bool {
	return access.Can(s.subjectOf(r), a, res)
}

// userID is the signed-in user's id, 0 for the public.
func (s *Server) userID(r *http.Request) int64 {
	if sub := s.subjectOf(r); !sub.Anonymous() {
		return sub.User.ID
	}
	return 0
}

// assessmentView is an assessment as the read-only summary shows it: its
// narrative rendered, its evidence split into links and files, and the
// government's accounts beside it.
type assessmentView struct {
	A         monitor.Assessment
	Narrative template.HTML
	Links     []monitor.Evidence
	Files     []monitor.Evidence
	// Milestones pairs each of the measure's milestones with its rating.
	Milestones []milestoneRating
	Self       []selfView
	// Disagree is set when any state body's completion differs from
	// civil society's.
	Disagree bool
}

// milestoneRating is a milestone and the completion it was rated at.
type milestoneRating struct {
	Milestone  plan.Milestone
	Completion monitor.Completion
}

// selfView is a state body's self-assessment beside civil society's.
type selfView struct {
	S            monitor.SelfAssessment
	Organisation plan.Text
	Narrative    template.HTML
	Disagrees    bool
}

// newAssessmentView prepares an assessment (zero when there is none) and
// the self-assessments of its measure for display.
func newAssessmentView(a monitor.Assessment, m plan.Measure, selfs []monitor.SelfAssessment) assessmentView {
	v := assessmentView{A: a, Narrative: markdown.ToHTML(a.Narrative)}
	for _, e := range a.Evidence {
		if e.Kind == monitor.EvidenceFile {
			v.Files = append(v.Files, e)
		} else {
			v.Links = append(v.Links, e)
		}
	}
	rated := map[int64]monitor.Completion{}
	for _, mc := range a.Milestones {
		rated[mc.MilestoneID] = mc.Completion
	}
	for _, ms := range m.Milestones {
		v.Milestones = append(v.Milestones, milestoneRating{Milestone: ms, Completion: rated[ms.ID]})
	}
	names := map[int64]plan.Text{}
	for _, e := range m.Executors {
		names[e.OrganisationID] = e.Organisation.Name
	}
	for _, sa := range selfs {
		sv := selfView{S: sa, Organisation: names[sa.OrganisationID], Narrative: markdown.ToHTML(sa.Narrative),
			Disagrees: a.ID != 0 && sa.Disagrees(a)}
		v.Disagree = v.Disagree || sv.Disagrees
		v.Self = append(v.Self, sv)
	}
	return v
}

// Relevant reports whether the assessment rates the measure relevant to
// the OGP value.
func (v assessmentView) Relevant(x plan.OGPValue) bool {
	for _, r := range v.A.Relevance {
		if r == x {
			return true
		}
	}
	return false
}

// humanSize writes a file size the way people read it.
func humanSize(l locale, n int64) string {
	switch {
	case n >= 1<<20:
		return l.T("monitor.size.mb", strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64))
	case n >= 1<<10:
		return l.T("monitor.size.kb", strconv.FormatInt((n+512)>>10, 10))
	}
	return l.T("monitor.size.bytes", strconv.FormatInt(n, 10))
}

// Size is the file's size for people.
func (v assessmentView) Size(l locale, e monitor.Evidence) string { return humanSize(l, e.Size) }

// The monitoring partials' helpers, added to the shared function map
// under names of their own before any template is parsed.
func init() {
	templateFuncs["monTag"] = func(l locale, c monitor.Completion) monTag { return monTag{L: l, C: c} }
	templateFuncs["monView"] = func(l locale, v assessmentView) monAssessment { return monAssessment{L: l, V: v} }
	templateFuncs["monFiles"] = func(l locale, v assessmentView, editable bool, version int, action string) monFileList {
		return monFileList{L: l, V: v, Editable: editable, Version: version, Action: action}
	}
	templateFuncs["monBool"] = func(b *bool) bool { return b != nil && *b }
}

// monTag is a completion level for the "mon-completion" tag.
type monTag struct {
	L locale
	C monitor.Completion
}

// monAssessment is an assessment for the "mon-assessment" and "mon-self"
// partials.
type monAssessment struct {
	L locale
	V assessmentView
}

// monFileList is the evidence files' table: with Remove buttons posting
// to Action when Editable.
type monFileList struct {
	L        locale
	V        assessmentView
	Editable bool
	Version  int
	Action   string
}

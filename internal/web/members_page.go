package web

import (
	"net/http"

	"ogpp/internal/plan"
	"ogpp/internal/platform"
)

const platformMembersPerPage = 50

// membersData is what the member list shows.
type membersData struct {
	Members  []platform.Membership
	Status   string
	Kind     string
	Statuses []platform.MembershipStatus
	Kinds    []plan.OrganisationKind
	Pager    pager
	// CSV is the list's open-data twin with the same filters.
	CSV string
}

// memberFilter reads ?status= and ?kind=; an unknown value is a problem
// (a message key) rather than an empty list that would look like no
// members.
func memberFilter(r *http.Request) (platform.MembershipFilter, string) {
	q := r.URL.Query()
	f := platform.MembershipFilter{Status: platform.MembershipStatus(q.Get("status")), Kind: plan.OrganisationKind(q.Get("kind"))}
	if f.Status != "" && !f.Status.Valid() {
		return f, "members.filter.status.invalid"
	}
	if f.Kind != "" && !f.Kind.Valid() {
		return f, "members.filter.kind.invalid"
	}
	return f, ""
}

// membersPage lists the platform's member organisations with their
// representatives, filtered by status and kind. It shows what the public
// may know: no contacts.
func (s *Server) membersPage(w http.ResponseWriter, r *http.Request) {
	l := locale{Lang: langOf(r)}
	f, problem := memberFilter(r)
	if problem != "" {
		s.badRequest(w, r, l.T(problem))
		return
	}
	n := pageNumber(r)
	f.Limit, f.Offset = platformMembersPerPage, (n-1)*platformMembersPerPage
	res, err := s.members.ListMemberships(r.Context(), f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	base := setQuery("/members", "status", string(f.Status), "kind", string(f.Kind))
	s.render(w, r, http.StatusOK, "members", page{Title: l.T("members.title"),
		Data: membersData{Members: res.Items, Status: string(f.Status), Kind: string(f.Kind), Statuses: platform.MembershipStatuses,
			Kinds: memberKinds(), Pager: newPager(base, n, platformMembersPerPage, res.Total),
			CSV: setQuery("/members.csv", "status", string(f.Status), "kind", string(f.Kind))}})
}

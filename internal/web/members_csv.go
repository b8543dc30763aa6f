package web

import (
	"net/http"
	"strings"

	"ogpp/internal/platform"
)

// membersCSV serves the public member list as CSV, with the page's
// filters: each organisation, its kind, since when it is a member, its
// status, and its representatives' names and positions. People's contacts
// are not in it: the store's lists never read them.
func (s *Server) membersCSV(w http.ResponseWriter, r *http.Request) {
	f, problem := memberFilter(r)
	if problem != "" {
		s.badRequest(w, r, locale{Lang: langOf(r)}.T(problem))
		return
	}
	list, err := s.members.MemberList(r.Context(), f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	header := append(append([]string{"membership_id", "organisation_id"}, textHeader("organisation")...),
		"kind", "member_since", "status", "status_since", "representatives", "representative_positions")
	cw := csvWriter(w, "members.csv", header)
	for _, m := range list {
		row := append(append([]string{membersID(m.ID), membersID(m.OrganisationID)}, textColumns(m.Organisation.Name)...),
			string(m.Organisation.Kind), m.Since.String(), string(m.Status), dateString(m.StatusSince),
			joinRefs(m.Representatives, func(p platform.PersonRef) string { return p.Name.String() }),
			joinRefs(m.Representatives, func(p platform.PersonRef) string { return p.Position.String() }))
		cw.Write(row)
	}
	cw.Flush()
}

// joinRefs lists one thing of each person in a cell, a person a line, so
// that names and positions line up between the two columns.
func joinRefs(refs []platform.PersonRef, of func(platform.PersonRef) string) string {
	parts := make([]string, len(refs))
	for i, p := range refs {
		parts[i] = of(p)
	}
	return strings.Join(parts, "\n")
}

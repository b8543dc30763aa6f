package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"ogpp/internal/plan"
	"ogpp/internal/platform"
)

// groupFieldOrder is the group form's field order, for the error summary.
var groupFieldOrder = []string{"name", "purpose", "formed_for", "activity", "draft", "status", "lead", "members"}

// groupForm is what the expert group form shows.
type groupForm struct {
	formView
	New     bool
	GroupID int64
	// People are those the group may have: people of active members, and
	// the group's own people.
	People   []platform.PersonRef
	Statuses []platform.GroupStatus
	Conflict *conflictView
}

// Text describes a translatable field for the "textfield" partial.
func (f groupForm) Text(l locale, field, legend, hint string, area, required bool) textFieldView {
	return textField(l, f.formView.Values, f.Errors, field, legend, hint, area, required)
}

// Checked reports whether a person's box is ticked.
func (f groupForm) Checked(id int64) bool { return f.Values["member."+membersID(id)] != "" }

// groupFormValues turns a stored group into form values.
func groupFormValues(g platform.Group) map[string]string {
	v := map[string]string{"status": string(g.Status), "version": strconv.Itoa(g.Version)}
	if g.ActivityID != 0 {
		v["activity"] = membersID(g.ActivityID)
	}
	if g.DraftID != 0 {
		v["draft"] = membersID(g.DraftID)
	}
	if g.LeadID != 0 {
		v["lead"] = membersID(g.LeadID)
	}
	for _, m := range g.Members {
		v["member."+membersID(m.ID)] = "on"
	}
	putText(v, "name", g.Name)
	putText(v, "purpose", g.Purpose)
	putText(v, "formed_for", g.FormedFor)
	return v
}

// groupEdit reads a posted group form; members are ticked boxes named
// "member" with a person's id as value.
func groupEdit(form url.Values) (platform.GroupEdit, map[string]string) {
	v := map[string]string{}
	keep(form, v, "activity", "draft", "lead", "status", "version")
	keepText(form, v, "name", "purpose", "formed_for")
	version, _ := formInt(form, "version")
	e := platform.GroupEdit{Name: formText(form, "name"), Purpose: formText(form, "purpose"), FormedFor: formText(form, "formed_for"),
		Status: platform.GroupStatus(form.Get("status")), Version: int(version)}
	var ok bool
	if e.ActivityID, ok = formInt(form, "activity"); !ok {
		e.ActivityID = -1
	}
	if e.DraftID, ok = formInt(form, "draft"); !ok {
		e.DraftID = -1
	}
	if e.LeadID, ok = formInt(form, "lead"); !ok {
		e.LeadID = -1
	}
	for _, s := range form["member"] {
		id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil || id <= 0 {
			id = -1
		}
		e.MemberIDs = append(e.MemberIDs, id)
		v["member."+s] = "on"
	}
	return e, v
}

// newGroupPage shows an empty group form; ?activity= and ?draft= say
// beforehand what it is formed for, for links from those pages.
func (s *Server) newGroupPage(w http.ResponseWriter, r *http.Request) {
	v := map[string]string{"status": string(platform.GroupActive)}
	keep(r.URL.Query(), v, "activity", "draft")
	s.renderGroupForm(w, r, http.StatusOK, groupForm{New: true, formView: formView{Values: v}})
}

// createGroup adds the posted group and shows it.
func (s *Server) createGroup(w http.ResponseWriter, r *http.Request) {
	if !s.readEditForm(w, r) {
		return
	}
	e, v := groupEdit(r.PostForm)
	f := groupForm{New: true, formView: formView{Values: v}}
	id, err := s.members.CreateGroup(r.Context(), s.actorOf(r), e)
	answerSave[platform.Group](s, w, r, err, "/groups/"+membersID(id)+"?done=created",
		func(fe plan.FieldErrors) { s.refuseGroup(w, r, f, fe) }, nil)
}

// editGroupPage shows a group's form with its stored values.
func (s *Server) editGroupPage(w http.ResponseWriter, r *http.Request) {
	g, ok := s.groupFor(w, r)
	if !ok {
		return
	}
	s.renderGroupForm(w, r, http.StatusOK, groupForm{GroupID: g.ID, formView: formView{Values: groupFormValues(g)}})
}

// updateGroup saves the posted form over the group unless someone saved
// it meanwhile.
func (s *Server) updateGroup(w http.ResponseWriter, r *http.Request) {
	g, ok := s.groupFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	e, v := groupEdit(r.PostForm)
	f := groupForm{GroupID: g.ID, formView: formView{Values: v}}
	err := s.members.UpdateGroup(r.Context(), s.actorOf(r), g.ID, e)
	answerSave(s, w, r, err, "/groups/"+membersID(g.ID)+"?done=saved",
		func(fe plan.FieldErrors) { s.refuseGroup(w, r, f, fe) },
		func(current platform.Group) {
			f.Conflict = s.groupConflict(r.Context(), locale{Lang: langOf(r)}, current, v)
			f.formView.Values["version"] = strconv.Itoa(current.Version)
			s.renderGroupForm(w, r, http.StatusConflict, f)
		})
}

// groupConflict compares the stored group with the form; the members are
// compared as one list of names.
func (s *Server) groupConflict(ctx context.Context, l locale, current platform.Group, yours map[string]string) *conflictView {
	labels := map[string]string{"activity": l.T("groups.activity"), "draft": l.T("groups.draft"), "status": l.T("groups.status"),
		"lead": l.T("groups.lead"), "members": l.T("groups.members")}
	textLabels(l, labels, map[string]string{"name": l.T("groups.name"), "purpose": l.T("groups.purpose"), "formed_for": l.T("groups.formed_for")})
	names := map[string]string{}
	for _, m := range current.Members {
		names[membersID(m.ID)] = l.Plain(m.Name)
	}
	readable := func(v map[string]string) map[string]string {
		out := map[string]string{}
		var members []string
		for k, x := range v {
			if id, ok := strings.CutPrefix(k, "member."); ok {
				if n := names[id]; n != "" {
					members = append(members, n)
				} else {
					members = append(members, "#"+id)
				}
				continue
			}
			out[k] = x
		}
		slices.Sort(members)
		out["members"] = strings.Join(members, ", ")
		if st := v["status"]; st != "" {
			out["status"] = l.T("groups.status." + st)
		}
		if id := v["lead"]; names[id] != "" {
			out["lead"] = names[id]
		}
		return out
	}
	order := append(textOrder("name", "purpose", "formed_for"), "activity", "draft", "status", "lead", "members")
	c := &conflictView{Changes: compareForms(order, labels, readable(groupFormValues(current)), readable(yours))}
	c.By, c.At = s.lastChange(ctx, platform.EntityGroup, current.ID)
	return c
}

func (s *Server) refuseGroup(w http.ResponseWriter, r *http.Request, f groupForm, fe plan.FieldErrors) {
	l := locale{Lang: langOf(r)}
	anchor := map[string]string{"members": "members-list"}
	textAnchors(anchor, "name", "purpose", "formed_for")
	f.Errors = editErrors(l, fe, groupFieldOrder, anchor)
	s.renderGroupForm(w, r, http.StatusUnprocessableEntity, f)
}

func (s *Server) renderGroupForm(w http.ResponseWriter, r *http.Request, status int, f groupForm) {
	l := locale{Lang: langOf(r)}
	ctx := r.Context()
	cands, err := s.members.GroupCandidates(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	seen := map[int64]bool{}
	if !f.New {
		g, err := s.members.GetGroup(ctx, f.GroupID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		// The group's own people stay offered, even those whose
		// organisation has left since.
		for _, m := range g.Members {
			f.People, seen[m.ID] = append(f.People, m), true
		}
	}
	for _, p := range cands {
		if !seen[p.ID] {
			f.People = append(f.People, platform.PersonRef{ID: p.ID, Name: p.Name, Position: p.Position, OrganisationID: p.OrganisationID,
				Organisation: p.Organisation.Name})
			seen[p.ID] = true
		}
	}
	f.Statuses = platform.GroupStatuses
	crumbs := groupsCrumbs(l)
	title := l.T("groups.new")
	f.Action = "/groups/new"
	if !f.New {
		title = l.T("groups.edit")
		f.Action = "/groups/" + membersID(f.GroupID) + "/edit"
		crumbs = append(crumbs, crumb{l.Plain(formText(valuesForm(f.Values), "name")), "/groups/" + membersID(f.GroupID)})
	}
	if len(f.Errors) > 0 {
		title = l.T("form.error.prefix") + ": " + title
	}
	noStore(w)
	s.render(w, r, status, "group_edit", page{Title: title, Crumbs: crumbs, Data: f})
}

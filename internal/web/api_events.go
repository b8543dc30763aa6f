package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"ogpp/internal/events"
	"ogpp/internal/plan"
)

// The events as open data: what the public event pages show, never a
// participant's name, organisation or anything else a registration holds —
// only how many registered and, for held events, how many took part by
// category.

type apiEvent struct {
	ID           int64               `json:"id"`
	URL          string              `json:"url"`
	PageURL      string              `json:"page_url"`
	Kind         events.Kind         `json:"kind"`
	Status       events.Status       `json:"status"`
	Title        plan.Text           `json:"title"`
	Start        string              `json:"start"`
	End          string              `json:"end"`
	Place        string              `json:"place"`
	Region       string              `json:"region"`
	OnlineURL    string              `json:"online_url,omitempty"`
	RecordingURL string              `json:"recording_url,omitempty"`
	ActivityID   *int64              `json:"activity_id"`
	MeasureIDs   []int64             `json:"measure_ids"`
	Partners     []events.Partner    `json:"partners"`
	Agenda       []events.AgendaItem `json:"agenda"`
	Capacity     int                 `json:"capacity"`
	Registered   int                 `json:"registered"`
	Waiting      int                 `json:"waiting"`
	// Participants is the count of a held event by the counting rule;
	// absent for the others.
	Participants *apiParticipants `json:"participants,omitempty"`
}

// apiParticipants counts an event's participants, never naming one.
type apiParticipants struct {
	Total      int                `json:"total"`
	ByCategory []apiCategoryCount `json:"by_category"`
}

// apiCategoryCount is a category's figure.
type apiCategoryCount struct {
	Code  events.Category `json:"code"`
	Label plan.Text       `json:"label"`
	Count int             `json:"count"`
}

func toAPIEvent(ev events.Event) apiEvent {
	id := strconv.FormatInt(ev.ID, 10)
	out := apiEvent{ID: ev.ID, URL: "/api/v1/events/" + id, PageURL: "/events/" + id, Kind: ev.Kind, Status: ev.Status, Title: ev.Title,
		Start: stamp(ev.Start), End: stamp(ev.End), Place: ev.Place, Region: ev.Region, OnlineURL: ev.OnlineURL, RecordingURL: ev.RecordingURL,
		MeasureIDs: ev.MeasureIDs, Partners: ev.Partners, Agenda: ev.Agenda, Capacity: ev.Capacity, Registered: ev.Registered, Waiting: ev.Waiting}
	if ev.ActivityID > 0 {
		a := ev.ActivityID
		out.ActivityID = &a
	}
	if out.MeasureIDs == nil {
		out.MeasureIDs = []int64{}
	}
	if out.Partners == nil {
		out.Partners = []events.Partner{}
	}
	if out.Agenda == nil {
		out.Agenda = []events.AgendaItem{}
	}
	return out
}

// apiCategoryCounts lists counts in the categories' order: every active
// category, an inactive one only when something was counted under it.
func apiCategoryCounts(cats events.CategoryList, by map[events.Category]int) []apiCategoryCount {
	out := []apiCategoryCount{}
	for _, c := range categoryCounts(cats, by) {
		out = append(out, apiCategoryCount{Code: c.Code, Label: c.Label, Count: c.Count})
	}
	return out
}

// apiEventsFilter reads kind, status, region and year; problem says what
// is wrong with one.
func apiEventsFilter(r *http.Request) (f events.Filter, status events.Status, problem string) {
	q := r.URL.Query()
	f.Kind, status, f.Region = events.Kind(q.Get("kind")), events.Status(q.Get("status")), strings.TrimSpace(q.Get("region"))
	if f.Kind != "" && !f.Kind.Valid() {
		return f, status, fmt.Sprintf("kind must be one of %s, not %q", joinKinds(), q.Get("kind"))
	}
	if status != "" && !status.Valid() {
		return f, status, fmt.Sprintf("status must be one of planned, held, cancelled, not %q", q.Get("status"))
	}
	if len(f.Region) > 300 {
		return f, status, "region must be at most 300 characters"
	}
	if y := q.Get("year"); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 1900 || n > 9999 {
			return f, status, fmt.Sprintf("year must be a four-digit year, not %q", y)
		}
		f.Year = n
	}
	return f, status, ""
}

func joinKinds() string {
	var ks []string
	for _, k := range events.Kinds {
		ks = append(ks, string(k))
	}
	return strings.Join(ks, ", ")
}

// apiEvents lists events by start time, filtered by kind, status, region
// and year, a page at a time.
func (s *Server) apiEvents(w http.ResponseWriter, r *http.Request) {
	f, status, problem := apiEventsFilter(r)
	limit, offset, pageProblem := paging(r.URL.Query(), false)
	if problem == "" {
		problem = pageProblem
	}
	if problem != "" {
		badParam(w, problem)
		return
	}
	evs, err := s.events.ListEvents(r.Context(), f)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	var kept []events.Event
	for _, ev := range evs {
		if status == "" || ev.Status == status {
			kept = append(kept, ev)
		}
	}
	out := apiList[apiEvent]{Items: []apiEvent{}, Total: len(kept), Limit: limit, Offset: offset}
	for i := offset; i < len(kept) && i < offset+limit; i++ {
		out.Items = append(out.Items, toAPIEvent(kept[i]))
	}
	writeJSON(w, http.StatusOK, out)
}

// apiEvent answers one event; a held one with its participants counted
// by category.
func (s *Server) apiEvent(w http.ResponseWriter, r *http.Request) {
	id, ok := positiveID(r.PathValue("id"))
	if !ok {
		writeJSON(w, http.StatusNotFound, apiError{"not found: " + r.URL.Path})
		return
	}
	ev, err := s.events.GetEvent(r.Context(), id)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	out := toAPIEvent(ev)
	if ev.Status == events.Held {
		ts, err := s.events.Tallies(r.Context(), events.Filter{Year: events.YearOf(ev.Start), Kind: ev.Kind})
		if err != nil {
			s.apiFail(w, r, err)
			return
		}
		cats, err := s.events.ListCategories(r.Context())
		if err != nil {
			s.apiFail(w, r, err)
			return
		}
		for _, t := range ts {
			if t.Event.ID == ev.ID {
				out.Participants = &apiParticipants{Total: t.Total(), ByCategory: apiCategoryCounts(cats, t.Count())}
			}
		}
	}
	writeJSON(w, http.StatusOK, out)
}

// apiEventStatistics is the statistics of held events: by kind, region
// and year, and participants by category.
type apiEventStatistics struct {
	Events       int                `json:"events"`
	InRegions    int                `json:"in_regions"`
	Participants int                `json:"participants"`
	ByKind       map[string]int     `json:"by_kind"`
	ByRegion     map[string]int     `json:"by_region"`
	ByYear       map[string]int     `json:"by_year"`
	ByCategory   []apiCategoryCount `json:"by_category"`
}

// apiEventsStatistics answers the statistics page's figures, filtered
// like the list (the status filter aside: only held events count).
func (s *Server) apiEventsStatistics(w http.ResponseWriter, r *http.Request) {
	f, _, problem := apiEventsFilter(r)
	if problem != "" {
		badParam(w, problem)
		return
	}
	ts, err := s.events.Tallies(r.Context(), f)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	cats, err := s.events.ListCategories(r.Context())
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	st := events.Summarise(ts)
	out := apiEventStatistics{Events: st.Events, InRegions: st.InRegions, Participants: st.Participants,
		ByKind: map[string]int{}, ByRegion: map[string]int{}, ByYear: map[string]int{}, ByCategory: apiCategoryCounts(cats, st.ByCategory)}
	for k, n := range st.ByKind {
		out.ByKind[string(k)] = n
	}
	for k, n := range st.ByRegion {
		out.ByRegion[k] = n
	}
	for y, n := range st.ByYear {
		out.ByYear[strconv.Itoa(y)] = n
	}
	writeJSON(w, http.StatusOK, out)
}

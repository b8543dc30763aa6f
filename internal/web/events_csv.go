package web

import (
	"net/http"
	"strconv"
	"strings"

	"ogpp/internal/events"
)

// eventsCSVHeader is the header of the events' open data; its types are
// declared in the open-data registry.
var eventsCSVHeader = func() []string {
	h := []string{"id", "kind"}
	h = append(h, textHeader("title")...)
	return append(h, "start", "end", "place", "region", "status", "online_url", "recording_url", "activity_id", "measure_ids",
		"capacity", "updated_at")
}()

// eventsCSV serves every event as CSV: what, when and where, its status and
// what it served. Participants are not in it, neither names nor counts of
// registrations: who comes to an event is not public.
func (s *Server) eventsCSV(w http.ResponseWriter, r *http.Request) {
	evs, err := s.events.ListEvents(r.Context(), events.Filter{})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	cw := csvWriter(w, "events.csv", eventsCSVHeader)
	for _, ev := range evs {
		measures := make([]string, len(ev.MeasureIDs))
		for i, id := range ev.MeasureIDs {
			measures[i] = strconv.FormatInt(id, 10)
		}
		capacity := ""
		if ev.Capacity > 0 {
			capacity = strconv.Itoa(ev.Capacity)
		}
		row := []string{strconv.FormatInt(ev.ID, 10), string(ev.Kind)}
		row = append(row, textColumns(ev.Title)...)
		row = append(row, stamp(ev.Start), stamp(ev.End), ev.Place, ev.Region, string(ev.Status), ev.OnlineURL, ev.RecordingURL,
			outreachOptionalID(ev.ActivityID), strings.Join(measures, ";"), capacity, stamp(ev.UpdatedAt))
		cw.Write(row)
	}
	cw.Flush()
}

package web

import (
	"net/http"
	"strconv"

	"ogpp/internal/library"
)

// maxMaterials bounds the documents a page lists as its materials.
const maxMaterials = 100

// latestPublications is how many entries the home page shows.
const latestPublications = 5

// materialsView is the "Materials" section of an event's, an activity's
// or a measure's page: the library's documents tied to it.
type materialsView struct {
	L    locale
	Rows []libraryEntryView
	// Add is the link that adds a document tied to the page's thing, for
	// who keeps the library; empty for others.
	Add string
	// On says the server keeps a library: without one the section is not
	// shown at all.
	On bool
	// Heading is the section's heading's message key: "Materials", or
	// "In the library" on a page that has materials of its own.
	Heading string
}

// libraryMaterials lists the documents tied to one thing, the published
// ones for the public and all for who keeps the library. A failure to
// read them costs the page its section, not the page: it is logged.
func (s *Server) libraryMaterials(r *http.Request, t library.Target, id int64) materialsView {
	v := materialsView{L: locale{Lang: langOf(r)}, Heading: "library.materials"}
	if t == library.TargetActivity {
		v.Heading = "library.materials.in_library"
	}
	if s.library == nil || id <= 0 {
		return v
	}
	v.On = true
	manage := s.mayManageLibrary(r)
	if manage {
		v.Add = "/library/new?" + string(t) + "=" + strconv.FormatInt(id, 10)
	}
	entries, err := s.library.ListLibrary(r.Context(), library.Filter{Target: t, TargetID: id, PublishedOnly: !manage, Limit: maxMaterials})
	if err != nil {
		s.log.Error("library materials", "target", t, "id", id, "err", err)
		return v
	}
	for _, e := range entries.Items {
		v.Rows = append(v.Rows, libraryEntryView{L: v.L, E: e})
	}
	return v
}

// latestView is the home page's "Latest publications": the newest
// published entries of the library.
type latestView struct {
	L    locale
	Rows []libraryEntryView
	On   bool
}

// libraryLatest reads the home page's latest publications; a failure is
// logged and costs the section only.
func (s *Server) libraryLatest(r *http.Request) latestView {
	v := latestView{L: locale{Lang: langOf(r)}}
	if s.library == nil {
		return v
	}
	v.On = true
	entries, err := s.library.ListLibrary(r.Context(), library.Filter{PublishedOnly: true, Limit: latestPublications})
	if err != nil {
		s.log.Error("latest publications", "err", err)
		return v
	}
	for _, e := range entries.Items {
		v.Rows = append(v.Rows, libraryEntryView{L: v.L, E: e})
	}
	return v
}

// eventMaterials are an event's materials, for its page.
func (s *Server) eventMaterials(r *http.Request, id int64) materialsView {
	return s.libraryMaterials(r, library.TargetEvent, id)
}

// activityMaterials are the library's documents of an activity, for its
// page.
func (s *Server) activityMaterials(r *http.Request, id int64) materialsView {
	return s.libraryMaterials(r, library.TargetActivity, id)
}

// measureMaterials are the library's documents about a measure, for its
// page.
func (s *Server) measureMaterials(r *http.Request, id int64) materialsView {
	return s.libraryMaterials(r, library.TargetMeasure, id)
}

package web

import (
	"net/http"
	"strconv"

	"ogpp/internal/drafts"
)

// draftDiffPage compares two versions of a draft section by section, and
// each changed section word by word.
type draftDiffPage struct {
	D        drafts.Draft
	From, To drafts.Revision
	Numbers  []int // every version, for the choice of two
	Sections []draftSectionDiff
	Changed  int // sections that differ
}

// draftSectionDiff is one section of the comparison, as the history tab's
// readable diff shows a long field: the older text with what the newer
// lacks struck through, the newer with what it adds marked.
type draftSectionDiff struct {
	drafts.SectionDiff
	Label              string
	OldParts, NewParts []wordPart
}

// draftDiffGet shows the comparison of ?from= with ?to=: by default the
// latest version with the one before.
func (s *Server) draftDiffGet(w http.ResponseWriter, r *http.Request) {
	d, ok := s.draftOr404(w, r)
	if !ok {
		return
	}
	l := locale{Lang: langOf(r)}
	if d.Current == 0 {
		s.notFound(w, r)
		return
	}
	pick := func(key string, def int) int {
		n, err := strconv.Atoi(r.URL.Query().Get(key))
		if err != nil || n < 1 || n > d.Current {
			return def
		}
		return n
	}
	to := pick("to", d.Current)
	from := pick("from", max(1, to-1))
	v := draftDiffPage{D: d}
	var err error
	if v.From, err = s.drafts.GetRevision(r.Context(), d.ID, from); !s.answerLoad(w, r, err) {
		return
	}
	if v.To, err = s.drafts.GetRevision(r.Context(), d.ID, to); !s.answerLoad(w, r, err) {
		return
	}
	for n := d.Current; n >= 1; n-- {
		v.Numbers = append(v.Numbers, n)
	}
	for _, sd := range drafts.Diff(v.From.Body, v.To.Body) {
		row := draftSectionDiff{SectionDiff: sd, Label: sd.Heading}
		if sd.Level == 0 {
			row.Label = l.T("drafts.section.preamble")
		}
		if sd.Change != drafts.Unchanged {
			v.Changed++
			row.OldParts, row.NewParts = wordDiff(sd.Old, sd.New)
		}
		v.Sections = append(v.Sections, row)
	}
	s.render(w, r, http.StatusOK, "draft_diff", page{Title: l.T("drafts.diff.title", from, to) + " · " + l.Plain(d.Title),
		Crumbs: []crumb{{l.T("drafts.list.title"), "/drafts"}, {l.Plain(d.Title), draftURL(d.ID)}}, Data: v})
}

// Renamed reports whether the section's heading changed.
func (d draftSectionDiff) Renamed() bool {
	return d.Change == drafts.Changed && d.OldHeading != d.Heading
}

// draftDiffTable is the "draft-diff-table" partial's data: sections
// compared, under the two sides' names.
type draftDiffTable struct {
	L                  locale
	Caption            string
	OldLabel, NewLabel string
	Sections           []draftSectionDiff
}

// Table is the comparison as the partial shows it.
func (v draftDiffPage) Table(l locale) draftDiffTable {
	return draftDiffTable{L: l, Caption: l.T("drafts.diff.title", v.From.Number, v.To.Number),
		OldLabel: l.T("drafts.version.number", v.From.Number), NewLabel: l.T("drafts.version.number", v.To.Number), Sections: v.Sections}
}

// Table is the comparison of the newer version with the user's text.
func (c draftVersionConflict) Table(l locale) draftDiffTable {
	return draftDiffTable{L: l, Caption: l.T("drafts.conflict.caption"),
		OldLabel: l.T("drafts.version.number", c.Theirs.Number), NewLabel: l.T("drafts.conflict.yours"), Sections: c.Sections}
}

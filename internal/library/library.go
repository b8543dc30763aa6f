// Package library is the platform's library of materials: reports,
// proposal packages, strategic plans, presentations, press releases,
// videos and photo sets, each with its language, date, description, files
// and links, tied to the platform's activities, events, the plan's
// measures and drafts. Coordinators publish a document; the public sees
// published documents only, and the drafts a meeting adopted and the
// platform published beside them. It holds the domain and its rules; no
// HTTP, no SQL.
package library

import (
	"context"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"ogpp/internal/audit"
	"ogpp/internal/plan"
)

// EntityDocument is the audit log's entity type of a library document;
// one entry covers the document with its links, relations and files, so
// that its history reads as the item changing.
const EntityDocument = "library_document"

// Limits on what a document's form may hold.
const (
	maxTitle       = 500
	maxDescription = 50000
	maxLinks       = 50
	maxRelations   = 100
	maxURL         = 2000
)

// Kind is what sort of material a document is.
type Kind string

// The kinds of material. The first three are also the kinds of draft
// (internal/drafts), so that an adopted draft sits beside them.
const (
	KindReport        Kind = "report"
	KindProposals     Kind = "proposal_package"
	KindStrategicPlan Kind = "strategic_plan"
	KindPresentation  Kind = "presentation"
	KindPressRelease  Kind = "press_release"
	KindVideo         Kind = "video"
	KindPhotoSet      Kind = "photo_set"
	KindOther         Kind = "other"
)

// Kinds lists the kinds in the order forms and filters offer them.
var Kinds = []Kind{KindReport, KindProposals, KindStrategicPlan, KindPresentation, KindPressRelease, KindVideo, KindPhotoSet, KindOther}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return slices.Contains(Kinds, k) }

// Languages lists the languages a document may be written in; "other"
// covers any further one.
var Languages = []string{"az", "en", "ru", "other"}

// Target is what a document may be tied to.
type Target string

// The things a document may be tied to: the platform's activities and
// events, the plan's measures, and drafts.
const (
	TargetActivity Target = "activity"
	TargetEvent    Target = "event"
	TargetMeasure  Target = "measure"
	TargetDraft    Target = "draft"
)

// Targets lists the targets in the order forms and pages show them.
var Targets = []Target{TargetActivity, TargetEvent, TargetMeasure, TargetDraft}

// Link is a web address a document points to: a video, an album, the
// page of a press release.
type Link struct {
	Title string `json:"title,omitempty"`
	URL   string `json:"url"`
}

// Related is a thing a document is tied to, with the name reads find for
// it; Title is empty when it no longer exists (deleted since).
type Related struct {
	Target Target
	ID     int64
	Title  plan.Text
	// Number is an activity's number or a measure's clause, when it has
	// one.
	Number string
	// Public is false for a draft not published yet, which only who may
	// read drafts sees.
	Public bool
}

// File is a file kept with a document, in the database.
type File struct {
	ID          int64
	DocumentID  int64
	FileName    string
	ContentType string
	Size        int64
	SHA256      string
	// HasText says whether text was extracted from it for search.
	HasText bool
	AddedBy string
	AddedAt time.Time
}

// Document is one item of the library.
type Document struct {
	ID          int64
	Kind        Kind
	Title       string
	Language    string
	Date        plan.Date
	Description string // markdown
	Links       []Link
	Published   bool
	PublishedAt *time.Time
	Related     []Related
	Files       []File
	Version     int
	UpdatedAt   time.Time
}

// RelatedIDs returns the ids of the things of one target the document is
// tied to.
func (d Document) RelatedIDs(t Target) []int64 {
	var out []int64
	for _, r := range d.Related {
		if r.Target == t {
			out = append(out, r.ID)
		}
	}
	return out
}

// Edit is what a coordinator's form sets on a document. Relations maps
// each target to the ids of the things the document is tied to.
type Edit struct {
	Kind        Kind
	Title       string
	Language    string
	Date        string // YYYY-MM-DD
	Description string
	Links       []Link
	Relations   map[Target][]int64
	Version     int
}

// Validate tidies e and checks it; the store checks that the things it is
// tied to exist.
func (e *Edit) Validate() plan.FieldErrors {
	fe := plan.FieldErrors{}
	e.Title = strings.Join(strings.Fields(e.Title), " ")
	e.Description = strings.TrimSpace(strings.ReplaceAll(e.Description, "\r\n", "\n"))
	e.Date = strings.TrimSpace(e.Date)
	if !e.Kind.Valid() {
		fe["kind"] = "library.kind.invalid"
	}
	if e.Title == "" {
		fe["title"] = "library.title.required"
	}
	checkString(fe, "title", e.Title, maxTitle)
	if !slices.Contains(Languages, e.Language) {
		fe["language"] = "library.language.invalid"
	}
	if e.Date == "" {
		fe["date"] = "library.date.required"
	} else if _, err := plan.ParseDate(e.Date); err != nil {
		fe["date"] = "library.date.invalid"
	}
	checkString(fe, "description", e.Description, maxDescription)
	links := make([]Link, 0, len(e.Links))
	for _, l := range e.Links {
		l.Title, l.URL = strings.Join(strings.Fields(l.Title), " "), strings.TrimSpace(l.URL)
		if l.URL == "" && l.Title == "" {
			continue
		}
		if !checkString(fe, "links", l.Title, maxTitle) || !checkString(fe, "links", l.URL, maxURL) {
			continue
		}
		if !WebURL(l.URL) {
			fe["links"] = "library.links.invalid"
			continue
		}
		links = append(links, l)
	}
	if len(links) > maxLinks {
		fe["links"] = "library.links.too_many"
	}
	e.Links = links
	rel := map[Target][]int64{}
	for _, t := range Targets {
		ids := slices.Clone(e.Relations[t])
		slices.Sort(ids)
		ids = slices.Compact(ids)
		if len(ids) > 0 && ids[0] <= 0 {
			fe[string(t)] = "library." + string(t) + ".invalid"
		}
		if len(ids) > maxRelations {
			fe[string(t)] = "library.relations.too_many"
		}
		if len(ids) > 0 {
			rel[t] = ids
		}
	}
	for t := range e.Relations {
		if !slices.Contains(Targets, t) {
			fe["relations"] = "library.relations.invalid"
		}
	}
	e.Relations = rel
	return fe
}

// ParseIDs reads a list of ids as a form holds it, "3, 7 12": numbers
// separated by commas or spaces. ok is false when a part is not a
// positive number.
func ParseIDs(s string) (ids []int64, ok bool) {
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\n' || r == '\r' || r == '\t' }) {
		n, err := strconv.ParseInt(strings.TrimPrefix(part, "#"), 10, 64)
		if err != nil || n <= 0 {
			return nil, false
		}
		ids = append(ids, n)
	}
	return ids, true
}

// FormatIDs writes ids as ParseIDs reads them.
func FormatIDs(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, ", ")
}

// ParseLinks reads links as a form's text area holds them: one a line, the
// address first and an optional title after it.
func ParseLinks(s string) []Link {
	var out []Link
	for _, line := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		// The address ends at the first space or tab.
		address, title := line, ""
		if i := strings.IndexAny(line, " \t"); i >= 0 {
			address, title = line[:i], line[i+1:]
		}
		out = append(out, Link{URL: address, Title: strings.TrimSpace(title)})
	}
	return out
}

// FormatLinks writes links as ParseLinks reads them.
func FormatLinks(links []Link) string {
	lines := make([]string, len(links))
	for i, l := range links {
		lines[i] = strings.TrimSpace(l.URL + " " + l.Title)
	}
	return strings.Join(lines, "\n")
}

// WebURL reports whether s is an absolute http or https address: a
// javascript: or data: one would run in readers' browsers.
func WebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// checkString records "library.<field>.invalid" for text no database can
// store and "library.<field>.too_long" past limit characters.
func checkString(fe plan.FieldErrors, field, s string, limit int) bool {
	if !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool {
		return r < 0x20 && r != '\n' && r != '\r' && r != '\t' || r == 0x7f
	}) {
		fe[field] = "library." + field + ".invalid"
		return false
	}
	if utf8.RuneCountInString(s) > limit {
		fe[field] = "library." + field + ".too_long"
		return false
	}
	return true
}

// Entry is one line of the library's list: a document, or a draft the
// platform adopted and published.
type Entry struct {
	ID int64
	// Draft says the entry is an adopted draft (its page is /drafts/ID).
	Draft bool
	Kind  Kind
	// Title is a document's title; TitleText a draft's translations.
	Title     string
	TitleText plan.Text
	Language  string
	Date      plan.Date
	Published bool
	Files     int
}

// URL is the entry's page.
func (e Entry) URL() string {
	if e.Draft {
		return "/drafts/" + strconv.FormatInt(e.ID, 10)
	}
	return "/library/" + strconv.FormatInt(e.ID, 10)
}

// Filter selects the library's entries. Zero fields do not filter.
type Filter struct {
	Kind       Kind
	Year       int
	ActivityID int64
	// Language keeps documents in that language; adopted drafts, written
	// in several, are then left out.
	Language string
	// Target and TargetID keep the documents tied to one thing (an
	// event's materials); adopted drafts are then left out.
	Target   Target
	TargetID int64
	// PublishedOnly leaves out unpublished documents: what the public
	// sees.
	PublishedOnly bool
	// Oldest sorts the oldest first; newest first otherwise.
	Oldest        bool
	Limit, Offset int
}

// FileUpload is a file a coordinator adds to a document.
type FileUpload struct {
	Name string
	Data []byte
}

// Store keeps the library; the store implements it for both databases.
// Every write checks the version it was given (a stale one is refused with
// a *plan.ConflictError[Document]), validates its input (refused with
// plan.FieldErrors) and appends its audit entry in its transaction.
type Store interface {
	// ListLibrary returns a page of the entries f selects: documents and,
	// unless f says otherwise, published drafts.
	ListLibrary(ctx context.Context, f Filter) (plan.Page[Entry], error)
	// LibraryYears lists the years of the entries, newest first.
	LibraryYears(ctx context.Context, publishedOnly bool) ([]int, error)
	// GetDocument returns a live document with its relations and files.
	GetDocument(ctx context.Context, id int64) (Document, error)
	CreateDocument(ctx context.Context, actor audit.Actor, e Edit) (int64, error)
	UpdateDocument(ctx context.Context, actor audit.Actor, id int64, e Edit) error
	// PublishDocument publishes a document or withdraws it.
	PublishDocument(ctx context.Context, actor audit.Actor, id int64, version int, published bool) error
	DeleteDocument(ctx context.Context, actor audit.Actor, id int64, version int) error
	// RestoreDocument brings back a soft-deleted document; one that is
	// not deleted is plan.ErrNotFound.
	RestoreDocument(ctx context.Context, actor audit.Actor, id int64) error
	// ListDeletedDocuments lists the soft-deleted documents, latest
	// deletion first.
	ListDeletedDocuments(ctx context.Context) ([]plan.Deleted, error)
	// AddDocumentFile checks a file by its content (CheckFile; a problem
	// is plan.FieldErrors{"file": key}), extracts a PDF's text for search
	// and keeps the file with the document.
	AddDocumentFile(ctx context.Context, actor audit.Actor, documentID int64, f FileUpload) (File, error)
	// RemoveDocumentFile takes a file off a document whose stored version
	// is version: the removal was confirmed on the document as it was.
	RemoveDocumentFile(ctx context.Context, actor audit.Actor, documentID, fileID int64, version int) error
	// DocumentFile returns a live file of a live document with its
	// content.
	DocumentFile(ctx context.Context, documentID, fileID int64) (File, []byte, error)
}

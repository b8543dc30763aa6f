package web

import (
	"context"
	"html/template"
	"net/http"
	"strconv"

	"ogpp/internal/access"
	"ogpp/internal/drafts"
	"ogpp/internal/markdown"
)

// draftPage is a draft's page: a version's text section by section, the
// comment threads beside the sections they are about, the versions, and
// where the draft stands (on an agenda, decided, published). The public
// sees the adopted text of a published draft and the decision, nothing
// else.
type draftPage struct {
	D      drafts.Draft
	Public bool
	// Rev is the version shown; nil before the first.
	Rev                                         *drafts.Revision
	Latest                                      bool
	Sections                                    []draftSection
	Orphans                                     []draftThread // threads on sections the version shown lacks
	Revisions                                   []drafts.Revision
	Decision                                    *draftDecision
	Agenda                                      *drafts.Meeting // the meeting whose agenda the draft is on
	CanWrite, CanComment, CanPublish, CanManage bool
	// CanResolve lets the user resolve threads, also once the draft is
	// decided, to tidy up.
	CanResolve bool
	// Errors is a refused comment's problem, for the error summary.
	Errors []fieldError
	// Problem says why an action was refused (a stale form, a closed
	// draft), shown above the text.
	Problem string
}

// draftSection is one section of the version shown.
type draftSection struct {
	Slug, ID   string
	Heading    template.HTML // rendered, "" for the preamble
	Title      string        // the heading as text, for labels
	Paragraphs []draftParagraph
	Threads    []draftThread
	Form       draftCommentForm
}

// draftParagraph is a numbered block of a section.
type draftParagraph struct {
	N       int
	ID      string
	HTML    template.HTML
	Excerpt string
}

// draftThread is a comment with its replies, and what its partial needs
// of the page.
type draftThread struct {
	L       locale
	DraftID int64
	// CanReply and CanResolve offer the reply form and the resolve button.
	CanReply, CanResolve bool
	C                    drafts.Comment
	Where                string // which version and paragraph it is about
	Quote                string // the paragraph it is about, shortened
	Body                 template.HTML
	Replies              []draftReply
	Reply                draftCommentForm
}

// draftReply is a reply in a thread.
type draftReply struct {
	C    drafts.Comment
	Body template.HTML
}

// draftCommentForm is a form adding a comment on a section, or a reply in
// a thread when Parent is set.
type draftCommentForm struct {
	ID        string // the text area's id
	Section   string
	Version   int
	Parent    int64
	Paragraph int
	Options   []draftParagraph // the paragraphs to choose from
	Value     string
	Error     string
}

// draftDecision is the meeting's decision on the draft.
type draftDecision struct {
	Meeting drafts.Meeting
	Item    drafts.AgendaItem
}

// draftCommentState carries a refused comment back to its form.
type draftCommentState struct {
	Section string
	Parent  int64
	Para    int
	Value   string
	Error   string
}

// draftPageGet shows a draft: its latest version, or ?version=N.
func (s *Server) draftPageGet(w http.ResponseWriter, r *http.Request) {
	d, ok := s.draftOr404(w, r)
	if !ok {
		return
	}
	version, _ := strconv.Atoi(r.URL.Query().Get("version"))
	s.renderDraftPage(w, r, http.StatusOK, d, version, nil, "")
}

// renderDraftPage renders draft d at version (0 for the latest; the public
// always reads the adopted one), with a refused comment's state or a
// problem when an action was refused.
func (s *Server) renderDraftPage(w http.ResponseWriter, r *http.Request, status int, d drafts.Draft, version int, cs *draftCommentState, problem string) {
	l := locale{Lang: langOf(r)}
	res, err := s.draftResource(r, d)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := draftPage{D: d, Public: !s.can(r, access.ReadDrafts, access.Resource{}), Problem: problem,
		CanWrite: s.can(r, access.WriteDraft, res) && d.Status.Writable(), CanComment: s.can(r, access.CommentDraft, res) && d.Status.Discussable(),
		CanPublish: s.can(r, access.PublishDraft, res) && d.Status == drafts.StatusAdopted, CanManage: s.can(r, access.ManageMeetings, res),
		CanResolve: s.can(r, access.WriteDraft, res)}
	if v.Public {
		version = d.Adopted
		v.CanComment, v.CanWrite = false, false
	} else if version < 1 || version > d.Current {
		version = d.Current
	}
	v.Latest = version == d.Current
	ctx := r.Context()
	if version > 0 {
		rev, err := s.drafts.GetRevision(ctx, d.ID, version)
		if !s.answerLoad(w, r, err) {
			return
		}
		v.Rev = &rev
	}
	if err := s.draftStanding(ctx, &v); err != nil {
		s.serverError(w, r, err)
		return
	}
	if !v.Public {
		if v.Revisions, err = s.drafts.Revisions(ctx, d.ID); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	if err := s.draftSections(ctx, l, &v, cs); err != nil {
		s.serverError(w, r, err)
		return
	}
	if cs != nil && cs.Error != "" {
		v.Errors = []fieldError{{Field: draftFormID(cs.Section, cs.Parent), Message: cs.Error}}
	}
	title := l.Plain(d.Title)
	if len(v.Errors) > 0 {
		title = l.T("form.error.prefix") + ": " + title
	}
	crumbs := []crumb{{l.T("drafts.list.title"), "/drafts"}}
	if v.Public {
		crumbs = []crumb{{l.T("drafts.list.title_public"), "/drafts"}}
	}
	if cs != nil || problem != "" {
		noStore(w)
	}
	s.render(w, r, status, "draft", page{Title: title, Crumbs: crumbs, Data: v})
}

// draftStanding finds the meeting that decided on the draft, or whose
// agenda it is on.
func (s *Server) draftStanding(ctx context.Context, v *draftPage) error {
	d := v.D
	if d.DecidedBy > 0 {
		m, err := s.drafts.GetMeeting(ctx, d.DecidedBy)
		if err != nil {
			return err
		}
		for _, it := range m.Agenda {
			if it.DraftID == d.ID && it.Outcome != "" {
				v.Decision = &draftDecision{Meeting: m, Item: it}
			}
		}
	}
	if d.Status != drafts.StatusOnAgenda || v.Public {
		return nil
	}
	ms, err := s.drafts.ListMeetings(ctx)
	if err != nil {
		return err
	}
	for i := range ms {
		for _, it := range ms[i].Agenda {
			if it.DraftID == d.ID && it.Outcome == "" {
				v.Agenda = &ms[i]
				return nil
			}
		}
	}
	return nil
}

// draftSections renders the version shown section by section, each with
// its threads and comment form.
func (s *Server) draftSections(ctx context.Context, l locale, v *draftPage, cs *draftCommentState) error {
	if v.Rev == nil {
		return nil
	}
	sections := drafts.Split(v.Rev.Body)
	bySlug := map[string]int{}
	for i, sec := range sections {
		ds := draftSection{Slug: sec.Slug, ID: "s-" + sec.Slug, Title: sec.Heading}
		if sec.Level > 0 {
			ds.Heading = markdown.ToHTML(sec.HeadingMarkdown())
		} else {
			ds.Title = l.T("drafts.section.preamble")
		}
		for n, p := range sec.Paragraphs {
			ds.Paragraphs = append(ds.Paragraphs, draftParagraph{N: n + 1, ID: "p-" + sec.Slug + "-" + strconv.Itoa(n+1),
				HTML: markdown.ToHTML(p), Excerpt: drafts.Excerpt(p, 60)})
		}
		ds.Form = draftCommentForm{ID: draftFormID(sec.Slug, 0), Section: sec.Slug, Version: v.Rev.Number, Options: ds.Paragraphs}
		if cs != nil && cs.Parent == 0 && cs.Section == sec.Slug {
			ds.Form.Paragraph, ds.Form.Value, ds.Form.Error = cs.Para, cs.Value, cs.Error
		}
		bySlug[sec.Slug] = i
		v.Sections = append(v.Sections, ds)
	}
	if v.Public {
		return nil
	}
	threads, err := s.drafts.Comments(ctx, v.D.ID)
	if err != nil {
		return err
	}
	bodies := map[int]string{v.Rev.Number: v.Rev.Body}
	for _, c := range threads {
		th := draftThread{L: l, DraftID: v.D.ID, CanReply: v.CanComment, CanResolve: v.CanResolve,
			C: c, Body: markdown.ToHTML(c.Body), Where: l.T("drafts.comment.on_version", c.Revision),
			Reply: draftCommentForm{ID: draftFormID(c.Section, c.ID), Parent: c.ID}}
		if c.Paragraph > 0 {
			th.Where = l.T("drafts.comment.on_paragraph", c.Revision, c.Paragraph)
			body, ok := bodies[c.Revision]
			if !ok {
				rev, err := s.drafts.GetRevision(ctx, v.D.ID, c.Revision)
				if err != nil {
					return err
				}
				body, bodies[c.Revision] = rev.Body, rev.Body
			}
			if sec, ok := drafts.SectionOf(body, c.Section); ok && c.Paragraph <= len(sec.Paragraphs) {
				th.Quote = drafts.Excerpt(sec.Paragraphs[c.Paragraph-1], 160)
			}
		}
		for _, rp := range c.Replies {
			th.Replies = append(th.Replies, draftReply{C: rp, Body: markdown.ToHTML(rp.Body)})
		}
		if cs != nil && cs.Parent == c.ID {
			th.Reply.Value, th.Reply.Error = cs.Value, cs.Error
		}
		if i, ok := bySlug[c.Section]; ok {
			v.Sections[i].Threads = append(v.Sections[i].Threads, th)
		} else {
			v.Orphans = append(v.Orphans, th)
		}
	}
	return nil
}

// draftFormID is the id of a comment form's text area: a section's, or a
// thread's reply form.
func draftFormID(section string, parent int64) string {
	if parent != 0 {
		return "reply-" + strconv.FormatInt(parent, 10)
	}
	return "comment-" + section
}

// Open reports whether a comment form starts unfolded: when it comes back
// with a problem or with what was typed.
func (f draftCommentForm) Open() bool { return f.Error != "" || f.Value != "" }

// KindKey is the message key of the draft's kind.
func (v draftPage) KindKey() string { return "drafts.kind." + string(v.D.Kind) }

// StatusKey is the message key of the draft's status.
func (v draftPage) StatusKey() string { return "drafts.status." + string(v.D.Status) }

package drafts

import (
	"reflect"
	"strings"
	"testing"
)

// TestQuorum checks the quorum rule on the edges where rounding would
// cheat: exactly half is not more than half, two thirds of 9 is 6.
func TestQuorum(t *testing.T) {
	half := DefaultQuorum
	twoThirds := Quorum{Num: 2, Den: 3, AtLeast: true}
	tests := []struct {
		name              string
		q                 Quorum
		present, eligible int
		want              bool
		needed            int
	}{
		{"half of 12 is not more than half", half, 6, 12, false, 7},
		{"7 of 12 is", half, 7, 12, true, 7},
		{"3 of 5", half, 3, 5, true, 3},
		{"2 of 5", half, 2, 5, false, 3},
		{"1 of 1", half, 1, 1, true, 1},
		{"nobody present", half, 0, 12, false, 7},
		{"no members", half, 0, 0, false, 0},
		{"6 of 9 is two thirds", twoThirds, 6, 9, true, 6},
		{"5 of 9 is not", twoThirds, 5, 9, false, 6},
		{"7 of 10 is at least two thirds", twoThirds, 7, 10, true, 7},
		{"6 of 10 is not", twoThirds, 6, 10, false, 7},
		{"all of them", Quorum{Num: 1, Den: 1, AtLeast: true}, 4, 4, true, 4},
		{"more than all is no rule", Quorum{Num: 1, Den: 1}, 4, 4, false, 0},
		{"a zero denominator is no rule", Quorum{Num: 1}, 4, 4, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.q.Met(tt.present, tt.eligible); got != tt.want {
				t.Errorf("Met(%d, %d) = %v, want %v", tt.present, tt.eligible, got, tt.want)
			}
			if got := tt.q.Needed(tt.eligible); got != tt.needed {
				t.Errorf("Needed(%d) = %d, want %d", tt.eligible, got, tt.needed)
			}
			// Needed is the edge of Met.
			if n := tt.q.Needed(tt.eligible); n > 0 && (!tt.q.Met(n, tt.eligible) || tt.q.Met(n-1, tt.eligible)) {
				t.Errorf("Needed(%d) = %d is not where the quorum starts", tt.eligible, n)
			}
		})
	}
}

// TestCheckDecision is the table of the decision rule: adopting needs the
// quorum and a majority of the votes cast, abstentions counting as no
// support; rejecting needs the quorum and no majority for; returning needs
// neither.
func TestCheckDecision(t *testing.T) {
	q := DefaultQuorum
	tests := []struct {
		name              string
		attendance        bool
		present, eligible int
		v                 Votes
		o                 Outcome
		want              map[string]string
	}{
		{"adopted with quorum and majority", true, 7, 12, Votes{5, 1, 1}, OutcomeAdopted, nil},
		{"adopted without quorum", true, 6, 12, Votes{6, 0, 0}, OutcomeAdopted, map[string]string{"outcome": "drafts.outcome.no_quorum"}},
		{"adopted before attendance", false, 0, 0, Votes{}, OutcomeAdopted, map[string]string{"outcome": "drafts.outcome.no_attendance"}},
		{"a tie is no majority", true, 8, 12, Votes{4, 4, 0}, OutcomeAdopted, map[string]string{"outcome": "drafts.outcome.no_majority"}},
		{"abstentions count as no support", true, 8, 12, Votes{4, 1, 3}, OutcomeAdopted, map[string]string{"outcome": "drafts.outcome.no_majority"}},
		{"more for than the rest", true, 8, 12, Votes{5, 1, 2}, OutcomeAdopted, nil},
		{"nobody voted", true, 8, 12, Votes{}, OutcomeAdopted, map[string]string{"outcome": "drafts.outcome.no_majority"}},
		{"more votes than present", true, 7, 12, Votes{6, 2, 0}, OutcomeAdopted, map[string]string{"votes": "drafts.votes.too_many"}},
		{"negative votes", true, 7, 12, Votes{-1, 0, 0}, OutcomeReturned, map[string]string{"votes": "drafts.votes.invalid"}},
		{"rejected with quorum", true, 7, 12, Votes{2, 4, 1}, OutcomeRejected, nil},
		{"rejected against a majority for", true, 7, 12, Votes{5, 2, 0}, OutcomeRejected, map[string]string{"outcome": "drafts.outcome.majority_for"}},
		{"rejected without quorum", true, 3, 12, Votes{0, 3, 0}, OutcomeRejected, map[string]string{"outcome": "drafts.outcome.no_quorum"}},
		{"returned without quorum", true, 3, 12, Votes{}, OutcomeReturned, nil},
		{"returned before attendance", false, 0, 0, Votes{}, OutcomeReturned, nil},
		{"no outcome", true, 7, 12, Votes{5, 0, 0}, "", map[string]string{"outcome": "drafts.outcome.invalid"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CheckDecision(q, tt.attendance, tt.present, tt.eligible, tt.v, tt.o)
			if len(got) == 0 && len(tt.want) == 0 {
				return
			}
			if !reflect.DeepEqual(map[string]string(got), tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

const v1 = `The platform proposes to the government.

# Registration of NGOs

Registration takes too long.

- one
- two

# Grants

State grants should be open to all NGOs.

## Reporting

Reports once a year.
`

func TestSplit(t *testing.T) {
	s := Split(v1)
	var slugs []string
	for _, x := range s {
		slugs = append(slugs, x.Slug)
	}
	if want := []string{Preamble, "registration-of-ngos", "grants", "reporting"}; !reflect.DeepEqual(slugs, want) {
		t.Fatalf("slugs %q, want %q", slugs, want)
	}
	if got := s[1].Paragraphs; !reflect.DeepEqual(got, []string{"Registration takes too long.", "- one\n- two"}) {
		t.Errorf("paragraphs %q", got)
	}
	if s[3].Level != 2 || s[3].Heading != "Reporting" {
		t.Errorf("subsection: %+v", s[3])
	}
	if s[0].Source != "The platform proposes to the government." {
		t.Errorf("preamble %q", s[0].Source)
	}
}

func TestSplitEdges(t *testing.T) {
	src := "# Qeydiyyat\n\n```\n# not a heading\n\nstill code\n```\n\n- loose\n\n- list\n\n  continued\n\nAfter.\n\n# Qeydiyyat\n\n#NoSpace is text\n\n## İctimai ŞURA ##\n"
	s := Split(src)
	if len(s) != 3 {
		t.Fatalf("%d sections: %+v", len(s), s)
	}
	if s[0].Slug != "qeydiyyat" || s[1].Slug != "qeydiyyat-2" || s[2].Slug != "ictimai-şura" {
		t.Errorf("slugs %q %q %q", s[0].Slug, s[1].Slug, s[2].Slug)
	}
	if len(s[0].Paragraphs) != 3 || !strings.Contains(s[0].Paragraphs[0], "still code") || !strings.Contains(s[0].Paragraphs[1], "continued") {
		t.Errorf("blocks %q", s[0].Paragraphs)
	}
	if s[1].Paragraphs[0] != "#NoSpace is text" {
		t.Errorf("#NoSpace: %q", s[1].Paragraphs)
	}
	if Slug("!!!") != "section" || Slug("  Şəffaflıq   və   hesabatlılıq ") != "şəffaflıq-və-hesabatlılıq" || Slug("Grants (2017)") != "grants-2017" {
		t.Errorf("Slug: %q %q %q", Slug("!!!"), Slug("  Şəffaflıq   və   hesabatlılıq "), Slug("Grants (2017)"))
	}
	if Split("") != nil || Split("\n\n") != nil {
		t.Errorf("empty text has sections")
	}
}

func TestDiff(t *testing.T) {
	v2 := strings.NewReplacer(
		"Registration takes too long.", "Registration takes too long: 30 days on average.",
		"# Grants", "# State grants",
		"## Reporting\n\nReports once a year.\n", "",
	).Replace(v1) + "\n# Access to information\n\nNew section.\n"
	d := Diff(v1, v2)
	type row struct {
		slug   string
		change Change
	}
	var got []row
	for _, x := range d {
		got = append(got, row{x.Slug, x.Change})
	}
	want := []row{
		{Preamble, Unchanged},
		{"registration-of-ngos", Changed},
		{"state-grants", Changed}, // renamed: paired, not removed and added
		{"reporting", Removed},
		{"access-to-information", Added},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("diff %v, want %v", got, want)
	}
	if d[2].OldHeading != "Grants" || d[2].Heading != "State grants" {
		t.Errorf("renamed section: %+v", d[2])
	}
	if d[3].Old == "" || d[3].New != "" || d[4].New == "" || d[4].Old != "" {
		t.Errorf("sides of removed and added: %+v %+v", d[3], d[4])
	}
	for _, x := range Diff(v1, v1) {
		if x.Change != Unchanged {
			t.Errorf("a version compared with itself: %+v", x)
		}
	}
}

func TestStatusRules(t *testing.T) {
	for _, s := range Statuses {
		want := s == StatusDrafting || s == StatusOnAgenda || s == StatusReturned
		if s.Writable() != want {
			t.Errorf("%s writable = %v", s, s.Writable())
		}
	}
	if !StatusReturned.CanGoOnAgenda() || StatusOnAgenda.CanGoOnAgenda() || StatusAdopted.CanGoOnAgenda() {
		t.Error("agenda rule")
	}
	if OutcomeAdopted.Status() != StatusAdopted || OutcomeReturned.Status() != StatusReturned || OutcomeRejected.Status() != StatusRejected {
		t.Error("outcome statuses")
	}
}

func TestValidate(t *testing.T) {
	e := DraftEdit{Kind: "memo", Title: map[string]string{"en": "  "}, Body: "x\x00"}
	fe := e.Validate()
	if fe["kind"] != "drafts.kind.invalid" || fe["title"] != "drafts.title.required" || fe["body"] != "drafts.body.invalid" {
		t.Errorf("draft: %v", fe)
	}
	m := MeetingEdit{Date: "2017-02-30", Quorum: Quorum{Num: 3, Den: 2}, Agenda: []int64{4, 4, 0}}
	fe = m.Validate()
	if fe["date"] != "drafts.date.invalid" || fe["place"] != "drafts.place.required" || fe["quorum"] != "drafts.quorum.invalid" || fe["agenda"] != "drafts.agenda.unknown" {
		t.Errorf("meeting: %v", fe)
	}
	c := CommentEdit{DraftID: 1, Revision: 1, Section: "grants", Body: "  \r\n "}
	if fe := c.Validate(); fe["comment"] != "drafts.comment.required" {
		t.Errorf("comment: %v", fe)
	}
}

func TestExcerpt(t *testing.T) {
	if got := Excerpt("short  text", 20); got != "short text" {
		t.Errorf("%q", got)
	}
	if got := Excerpt("Registration of NGOs takes too long", 20); got != "Registration of…" {
		t.Errorf("%q", got)
	}
}

package plan

import (
	"fmt"
	"reflect"
	"strings"
	"unicode/utf8"
)

// Bundle is a whole data set in ogpp's own terms: what an import writes and
// an export reads. Entities refer to each other by stable keys (a member's
// slug, a plan's external id, an area's key, an organisation's name), never
// by database ids, so that a bundle moves between installations.
type Bundle struct {
	Members       []Member             `json:"members"`
	Organisations []BundleOrganisation `json:"organisations"`
	Plans         []BundlePlan         `json:"plans"`
}

// BundleOrganisation is an organisation keyed by its member and name.
type BundleOrganisation struct {
	Member string           `json:"member,omitempty"` // member slug; empty for none
	Name   Text             `json:"name"`
	Kind   OrganisationKind `json:"kind"`
}

// BundlePlan is a plan with its areas and measures.
type BundlePlan struct {
	ExternalID string          `json:"id"`
	Member     string          `json:"member"`
	Number     int             `json:"number,omitempty"`
	Title      Text            `json:"title"`
	Period     Period          `json:"period"`
	Approved   string          `json:"approved,omitempty"`
	Source     string          `json:"source,omitempty"`
	SourceURL  string          `json:"source_url,omitempty"`
	Note       Text            `json:"note,omitempty"`
	Areas      []BundleArea    `json:"areas,omitempty"`
	Measures   []BundleMeasure `json:"measures"`
}

// BundleArea is an area keyed within its plan.
type BundleArea struct {
	Key        string `json:"key"` // its number, or its folded title when unnumbered
	Number     string `json:"number,omitempty"`
	ExternalID string `json:"external_id,omitempty"`
	Title      Text   `json:"title"`
	Source     string `json:"source,omitempty"`
}

// BundleMeasure is a measure referring to its area by key and to its
// executors by name.
type BundleMeasure struct {
	ExternalID  string            `json:"external_id,omitempty"`
	Clause      string            `json:"clause,omitempty"`
	Area        string            `json:"area,omitempty"`
	Title       Text              `json:"title"`
	Description Text              `json:"description,omitempty"`
	Indicator   Text              `json:"indicator,omitempty"`
	Period      Period            `json:"period"`
	Values      []OGPValue        `json:"values,omitempty"`
	Tags        []string          `json:"tags,omitempty"`
	Source      string            `json:"source,omitempty"`
	SourceURL   string            `json:"source_url,omitempty"`
	Executors   []BundleExecutor  `json:"executors,omitempty"`
	Milestones  []BundleMilestone `json:"milestones,omitempty"`
}

// BundleExecutor names an organisation of the plan's member (or of no
// member) and its role.
type BundleExecutor struct {
	Name Text         `json:"name"`
	Role ExecutorRole `json:"role"`
}

// BundleMilestone is a milestone of a measure.
type BundleMilestone struct {
	Title  Text   `json:"title"`
	Period Period `json:"period"`
}

// Problem is one thing wrong with input: where it is and why it is refused.
// Row counts from 1 for the first data row (a CSV file's header is row 1, so
// importers report file lines); Column is the column's or field's name.
type Problem struct {
	Row    int
	Column string
	Value  string
	Reason string
}

func (p Problem) String() string {
	var b strings.Builder
	if p.Row > 0 {
		fmt.Fprintf(&b, "row %d", p.Row)
	}
	if p.Column != "" {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "column %q", p.Column)
	}
	if p.Value != "" {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "value %q", p.Value)
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(p.Reason)
	return b.String()
}

// Problems is a list of problems that together refuse an input.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return fmt.Sprintf("%d problem(s):\n%s", len(ps), strings.Join(lines, "\n"))
}

// Validate checks the references and required fields of a bundle: every
// plan's member exists, every measure names an existing area, has a title
// and can be matched on re-import (an external id or a clause).
func (b *Bundle) Validate() Problems {
	var ps Problems
	members := map[string]bool{}
	for i, m := range b.Members {
		where := fmt.Sprintf("members[%d]", i)
		if m.Slug == "" {
			ps = append(ps, Problem{Column: where + ".slug", Reason: "a member needs a slug"})
		}
		if members[m.Slug] {
			ps = append(ps, Problem{Column: where + ".slug", Value: m.Slug, Reason: "duplicate member"})
		}
		members[m.Slug] = true
		if m.Name.IsEmpty() {
			ps = append(ps, Problem{Column: where + ".name", Reason: "a member needs a name"})
		}
		if m.Kind != MemberCountry && m.Kind != MemberLocality {
			ps = append(ps, Problem{Column: where + ".kind", Value: string(m.Kind), Reason: `kind must be "country" or "locality"`})
		}
	}
	orgs := map[string]bool{}
	for i, o := range b.Organisations {
		where := fmt.Sprintf("organisations[%d]", i)
		if key := o.Member + "|" + o.Name.Key(); orgs[key] {
			ps = append(ps, Problem{Column: where + ".name", Value: o.Name.String(), Reason: "the same organisation is listed twice (names differing only in capitals and spaces are one)"})
		} else {
			orgs[key] = true
		}
		if o.Member != "" && !members[o.Member] {
			ps = append(ps, Problem{Column: where + ".member", Value: o.Member, Reason: "no such member in the file"})
		}
		if o.Name.IsEmpty() {
			ps = append(ps, Problem{Column: where + ".name", Reason: "an organisation needs a name"})
		}
		if !o.Kind.Valid() {
			ps = append(ps, Problem{Column: where + ".kind", Value: string(o.Kind), Reason: "unknown organisation kind"})
		}
	}
	ps = append(ps, badStrings(reflect.ValueOf(b).Elem(), "")...)
	plans := map[string]bool{}
	for i, p := range b.Plans {
		where := fmt.Sprintf("plans[%d]", i)
		if p.ExternalID == "" {
			ps = append(ps, Problem{Column: where + ".id", Reason: "a plan needs an id"})
		} else if plans[p.ExternalID] {
			ps = append(ps, Problem{Column: where + ".id", Value: p.ExternalID, Reason: "duplicate plan"})
		}
		plans[p.ExternalID] = true
		if !members[p.Member] {
			ps = append(ps, Problem{Column: where + ".member", Value: p.Member, Reason: "no such member in the file"})
		}
		if p.Title.IsEmpty() {
			ps = append(ps, Problem{Column: where + ".title", Reason: "a plan needs a title"})
		}
		areas := map[string]bool{}
		for j, a := range p.Areas {
			if a.Key == "" {
				ps = append(ps, Problem{Column: fmt.Sprintf("%s.areas[%d].key", where, j), Reason: "an area needs a key"})
			}
			if areas[a.Key] {
				ps = append(ps, Problem{Column: fmt.Sprintf("%s.areas[%d].key", where, j), Value: a.Key, Reason: "duplicate area"})
			}
			areas[a.Key] = true
		}
		seen := map[string]bool{}
		for j, m := range p.Measures {
			mw := fmt.Sprintf("%s.measures[%d]", where, j)
			key := m.MatchKey()
			if key == "" {
				ps = append(ps, Problem{Column: mw, Reason: "a measure needs an external id or a clause"})
			} else if seen[key] {
				ps = append(ps, Problem{Column: mw, Value: key, Reason: "duplicate measure"})
			}
			seen[key] = true
			if m.Area != "" && !areas[m.Area] {
				ps = append(ps, Problem{Column: mw + ".area", Value: m.Area, Reason: "no such area in the plan"})
			}
			if m.Title.IsEmpty() {
				ps = append(ps, Problem{Column: mw + ".title", Reason: "a measure needs a title"})
			}
			for _, v := range m.Values {
				if !v.Valid() {
					ps = append(ps, Problem{Column: mw + ".values", Value: string(v), Reason: "unknown OGP value"})
				}
			}
			for k, e := range m.Executors {
				if e.Name.IsEmpty() {
					ps = append(ps, Problem{Column: fmt.Sprintf("%s.executors[%d].name", mw, k), Reason: "an executor needs a name"})
				}
				if !e.Role.Valid() {
					ps = append(ps, Problem{Column: fmt.Sprintf("%s.executors[%d].role", mw, k), Value: string(e.Role), Reason: `role must be "responsible", "recommended" or "supporting"`})
				}
			}
		}
	}
	return ps
}

// MatchKey is what identifies a measure within its plan on re-import: its
// external id, or failing that its clause.
func (m BundleMeasure) MatchKey() string {
	if m.ExternalID != "" {
		return "id:" + m.ExternalID
	}
	if m.Clause != "" {
		return "clause:" + m.Clause
	}
	return ""
}

// badStrings finds text a database cannot store: NUL bytes (which
// PostgreSQL refuses) and invalid UTF-8 (usually a file saved in another
// encoding). It walks the bundle's fields, naming each by its path.
func badStrings(v reflect.Value, path string) Problems {
	var ps Problems
	switch v.Kind() {
	case reflect.String:
		s := v.String()
		if strings.ContainsRune(s, 0) {
			ps = append(ps, Problem{Column: path, Reason: "contains a NUL character; remove it"})
		} else if !utf8.ValidString(s) {
			ps = append(ps, Problem{Column: path, Reason: "is not valid UTF-8: save the file as UTF-8 and import it again"})
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if f.IsExported() {
				ps = append(ps, badStrings(v.Field(i), strings.TrimPrefix(path+"."+jsonName(f), "."))...)
			}
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			ps = append(ps, badStrings(v.Index(i), fmt.Sprintf("%s[%d]", path, i))...)
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			ps = append(ps, badStrings(iter.Value(), path+"."+iter.Key().String())...)
		}
	case reflect.Pointer:
		if !v.IsNil() {
			ps = append(ps, badStrings(v.Elem(), path)...)
		}
	}
	return ps
}

// jsonName is a field's name as the JSON format spells it.
func jsonName(f reflect.StructField) string {
	if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); name != "" && name != "-" {
		return name
	}
	return f.Name
}

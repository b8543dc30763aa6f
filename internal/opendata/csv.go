package opendata

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"ogpp/internal/plan"
)

// csvColumns are the columns of ogpp's CSV format, in order. Text fields
// have a column per UI language. See WriteCSV for how rows are laid out.
var csvColumns = []string{
	"member_slug", "member_name_az", "member_name_en", "member_name_ru", "member_kind", "member_region", "member_code",
	"plan_id", "plan_number", "plan_title_az", "plan_title_en", "plan_title_ru", "plan_period", "plan_start", "plan_end",
	"plan_approved", "plan_source", "plan_source_url", "plan_note_az", "plan_note_en", "plan_note_ru",
	"area_key", "area_number", "area_position", "area_external_id", "area_title_az", "area_title_en", "area_title_ru", "area_source",
	"measure_external_id", "clause", "title_az", "title_en", "title_ru", "description_az", "description_en", "description_ru",
	"indicator_az", "indicator_en", "indicator_ru", "period", "start", "end", "values", "tags", "source", "source_url",
	"executors", "milestones",
	"organisation_name_az", "organisation_name_en", "organisation_name_ru", "organisation_kind",
}

// The column groups, for telling what a row describes.
var (
	memberColumns       = []string{"member_slug", "member_name_az", "member_name_en", "member_name_ru", "member_kind", "member_region", "member_code"}
	planColumns         = []string{"plan_id", "plan_number", "plan_title_az", "plan_title_en", "plan_title_ru", "plan_period", "plan_start", "plan_end", "plan_approved", "plan_source", "plan_source_url", "plan_note_az", "plan_note_en", "plan_note_ru"}
	areaColumns         = []string{"area_key", "area_number", "area_position", "area_external_id", "area_title_az", "area_title_en", "area_title_ru", "area_source"}
	measureColumns      = []string{"measure_external_id", "clause", "title_az", "title_en", "title_ru", "description_az", "description_en", "description_ru", "indicator_az", "indicator_en", "indicator_ru", "period", "start", "end", "values", "tags", "source", "source_url", "executors", "milestones"}
	organisationColumns = []string{"organisation_name_az", "organisation_name_en", "organisation_name_ru", "organisation_kind"}
)

// listSep joins the values and tags of a measure in one cell.
const listSep = ";"

// csvRow is one row being written, addressed by column name.
type csvRow map[string]string

func (r csvRow) text(prefix string, t plan.Text) error {
	for lang, v := range t {
		if v == "" {
			continue
		}
		if !slices.Contains(plan.Languages, lang) {
			return fmt.Errorf("%s has a text in %q: the CSV format carries only %s (use JSON)", strings.TrimSuffix(prefix, "_"), lang, strings.Join(plan.Languages, ", "))
		}
		r[prefix+lang] = v
	}
	return nil
}

func (r csvRow) clone() csvRow {
	c := make(csvRow, len(r))
	for k, v := range r {
		c[k] = v
	}
	return c
}

// WriteCSV writes a bundle in ogpp's CSV format, made to be opened in a
// spreadsheet: UTF-8 with a byte order mark (so that Excel reads
// Azerbaijani letters right), a header row, and one row per measure that
// repeats its member's, plan's and area's columns, so that any row can be
// filtered and read on its own. Text fields have a column per language (az,
// en, ru); values and tags are joined by ";"; executors and milestones are
// JSON lists in one cell each, because names can contain any separator.
//
// What has no measure still gets a row, so that nothing is lost on the way
// back: an area without measures gets a row with its plan's and area's
// columns, a plan without measures or areas one with its plan's columns, a
// member without plans or organisations one with its member's columns, and
// every organisation one with its member's (none, for an organisation of no
// member) and the organisation columns, which carry its kind. A cell that a
// spreadsheet would run as a formula (starting with =, +, - or @) is written
// with a leading apostrophe, which ReadCSV removes again.
func WriteCSV(w io.Writer, b *plan.Bundle) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(bom)
	cw := csv.NewWriter(bw)
	write := func(r csvRow) error {
		rec := make([]string, len(csvColumns))
		for i, c := range csvColumns {
			rec[i] = escapeCell(r[c])
		}
		return cw.Write(rec)
	}
	if err := cw.Write(csvColumns); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	members := map[string]plan.Member{}
	for _, m := range b.Members {
		members[m.Slug] = m
	}
	memberRow := func(slug string) (csvRow, error) {
		r := csvRow{}
		if slug == "" {
			return r, nil
		}
		m, ok := members[slug]
		if !ok {
			return nil, fmt.Errorf("no member %q in the bundle", slug)
		}
		r["member_slug"], r["member_kind"], r["member_region"], r["member_code"] = m.Slug, string(m.Kind), m.Region, m.Code
		return r, r.text("member_name_", m.Name)
	}
	written := map[string]bool{}
	for _, p := range b.Plans {
		base, err := memberRow(p.Member)
		if err != nil {
			return fmt.Errorf("write CSV: plan %s: %w", p.ExternalID, err)
		}
		written[p.Member] = true
		if err := planRow(base, p); err != nil {
			return fmt.Errorf("write CSV: plan %s: %w", p.ExternalID, err)
		}
		areas := map[string]csvRow{}
		for i, a := range p.Areas {
			r := base.clone()
			r["area_key"], r["area_number"], r["area_position"], r["area_external_id"], r["area_source"] = a.Key, a.Number, strconv.Itoa(i+1), a.ExternalID, a.Source
			if err := r.text("area_title_", a.Title); err != nil {
				return fmt.Errorf("write CSV: plan %s: area %s: %w", p.ExternalID, a.Key, err)
			}
			areas[a.Key] = r
		}
		used := map[string]bool{}
		for _, m := range p.Measures {
			r := base
			if m.Area != "" {
				if r = areas[m.Area]; r == nil {
					return fmt.Errorf("write CSV: plan %s: measure %s: no area %q", p.ExternalID, m.MatchKey(), m.Area)
				}
				used[m.Area] = true
			}
			r = r.clone()
			if err := measureRow(r, m); err != nil {
				return fmt.Errorf("write CSV: plan %s: measure %s: %w", p.ExternalID, m.MatchKey(), err)
			}
			if err := write(r); err != nil {
				return fmt.Errorf("write CSV: %w", err)
			}
		}
		for _, a := range p.Areas {
			if !used[a.Key] {
				if err := write(areas[a.Key]); err != nil {
					return fmt.Errorf("write CSV: %w", err)
				}
			}
		}
		if len(p.Measures) == 0 && len(p.Areas) == 0 {
			if err := write(base); err != nil {
				return fmt.Errorf("write CSV: %w", err)
			}
		}
	}
	for _, o := range b.Organisations {
		written[o.Member] = true
	}
	for _, m := range b.Members {
		if written[m.Slug] {
			continue
		}
		r, err := memberRow(m.Slug)
		if err != nil {
			return fmt.Errorf("write CSV: %w", err)
		}
		if err := write(r); err != nil {
			return fmt.Errorf("write CSV: %w", err)
		}
	}
	for _, o := range b.Organisations {
		r, err := memberRow(o.Member)
		if err != nil {
			return fmt.Errorf("write CSV: organisation %q: %w", o.Name.String(), err)
		}
		r["organisation_kind"] = string(o.Kind)
		if err := r.text("organisation_name_", o.Name); err != nil {
			return fmt.Errorf("write CSV: organisation %q: %w", o.Name.String(), err)
		}
		if err := write(r); err != nil {
			return fmt.Errorf("write CSV: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	return nil
}

func planRow(r csvRow, p plan.BundlePlan) error {
	r["plan_id"], r["plan_period"], r["plan_start"], r["plan_end"] = p.ExternalID, p.Period.Text, dateCell(p.Period.Start), dateCell(p.Period.End)
	r["plan_approved"], r["plan_source"], r["plan_source_url"] = p.Approved, p.Source, p.SourceURL
	if p.Number != 0 {
		r["plan_number"] = strconv.Itoa(p.Number)
	}
	if err := r.text("plan_title_", p.Title); err != nil {
		return err
	}
	return r.text("plan_note_", p.Note)
}

func measureRow(r csvRow, m plan.BundleMeasure) error {
	r["measure_external_id"], r["clause"] = m.ExternalID, m.Clause
	r["period"], r["start"], r["end"] = m.Period.Text, dateCell(m.Period.Start), dateCell(m.Period.End)
	r["source"], r["source_url"] = m.Source, m.SourceURL
	values := make([]string, len(m.Values))
	for i, v := range m.Values {
		values[i] = string(v)
	}
	r["values"] = strings.Join(values, listSep)
	for _, t := range m.Tags {
		if strings.Contains(t, listSep) {
			return fmt.Errorf("tag %q contains %q, which separates tags in CSV (use JSON)", t, listSep)
		}
	}
	r["tags"] = strings.Join(m.Tags, listSep)
	var err error
	if len(m.Executors) > 0 {
		if r["executors"], err = compactJSON(m.Executors); err != nil {
			return err
		}
	}
	if len(m.Milestones) > 0 {
		if r["milestones"], err = compactJSON(m.Milestones); err != nil {
			return err
		}
	}
	for _, f := range []struct {
		prefix string
		t      plan.Text
	}{{"title_", m.Title}, {"description_", m.Description}, {"indicator_", m.Indicator}} {
		if err := r.text(f.prefix, f.t); err != nil {
			return err
		}
	}
	return nil
}

func compactJSON(v any) (string, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return strings.TrimSuffix(buf.String(), "\n"), nil
}

func dateCell(d *plan.Date) string {
	if d == nil {
		return ""
	}
	return d.String()
}

// escapeCell guards a cell against being run as a formula by a spreadsheet
// (CSV injection): one starting with =, +, - or @ — or with apostrophes
// before one, so that unescapeCell can tell them apart — gets an
// apostrophe in front.
func escapeCell(s string) string {
	if t := strings.TrimLeft(s, "'"); t != "" && strings.ContainsRune("=+-@", rune(t[0])) {
		return "'" + s
	}
	return s
}

// unescapeCell undoes escapeCell.
func unescapeCell(s string) string {
	if t := strings.TrimLeft(s, "'"); len(t) < len(s) && t != "" && strings.ContainsRune("=+-@", rune(t[0])) {
		return s[1:]
	}
	return s
}

// csvReader collects a bundle from the rows of ogpp's CSV format.
type csvReader struct {
	cols map[string]int
	ps   plan.Problems
	b    *plan.Bundle

	// first rows and cells of each member, plan and area, to check that
	// the rows repeating them agree
	members map[string]seenCells
	plans   map[string]seenCells
	areas   map[string]seenCells // plan id + "\x00" + area key
	orgs    map[string]int       // member + "\x00" + folded name → row

	planAt    map[string]int
	areaOrder map[string]map[string]int // plan id → area key → position
	measureAt map[string]int            // plan id + "\x00" + match key → row
}

type seenCells struct {
	row   int
	cells []string
}

// ReadCSV reads a bundle in ogpp's CSV format, as WriteCSV writes it, with
// or without the byte order mark. Columns may come in any order and extra
// columns are ignored; a missing column is one problem. Each row is checked
// on its own (a bad date, an unknown kind, a measure without title or
// plan) and against the rows before it that repeat the same member, plan
// or area, which must agree. Problems name the row as a spreadsheet
// numbers it (the header is row 1) and the column. With any problem the
// bundle is nil. The error is for a file that cannot be read as CSV.
func ReadCSV(r io.Reader) (*plan.Bundle, plan.Problems, error) {
	cr := csv.NewReader(stripBOM(r))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err == io.EOF {
		return nil, plan.Problems{{Row: 1, Reason: "the file is empty; expected ogpp's CSV with its header row"}}, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("read CSV: %w", err)
	}
	cr.ReuseRecord = true
	rd := &csvReader{
		cols:    map[string]int{},
		b:       &plan.Bundle{Members: []plan.Member{}, Organisations: []plan.BundleOrganisation{}, Plans: []plan.BundlePlan{}},
		members: map[string]seenCells{}, plans: map[string]seenCells{}, areas: map[string]seenCells{}, orgs: map[string]int{},
		planAt: map[string]int{}, areaOrder: map[string]map[string]int{}, measureAt: map[string]int{},
	}
	for i, h := range header {
		if _, dup := rd.cols[h]; !dup {
			rd.cols[h] = i
		}
	}
	for _, c := range csvColumns {
		if _, ok := rd.cols[c]; !ok {
			rd.ps = append(rd.ps, plan.Problem{Row: 1, Column: c, Reason: "required column is missing"})
		}
	}
	if len(rd.ps) > 0 {
		return nil, rd.ps, nil
	}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				rd.ps = append(rd.ps, plan.Problem{Row: line, Reason: "not valid CSV: " + pe.Err.Error()})
				break
			}
			return nil, nil, fmt.Errorf("read CSV: %w", err)
		}
		rd.row(line, rec)
	}
	for i := range rd.b.Plans {
		p := &rd.b.Plans[i]
		pos := rd.areaOrder[p.ExternalID]
		slices.SortStableFunc(p.Areas, func(a, b plan.BundleArea) int { return pos[a.Key] - pos[b.Key] })
	}
	if len(rd.ps) > 0 {
		return nil, rd.ps, nil
	}
	if ps := checkBundle(rd.b); len(ps) > 0 {
		return nil, ps, nil
	}
	return rd.b, nil, nil
}

// row reads one record.
func (rd *csvReader) row(line int, rec []string) {
	get := func(c string) string {
		if i := rd.cols[c]; i < len(rec) {
			return unescapeCell(rec[i])
		}
		return ""
	}
	filled := func(cols []string) bool {
		for _, c := range cols {
			if get(c) != "" {
				return true
			}
		}
		return false
	}
	bad := func(c, v, reason string) {
		rd.ps = append(rd.ps, plan.Problem{Row: line, Column: c, Value: v, Reason: reason})
	}
	text := func(prefix string) plan.Text {
		var t plan.Text
		for _, l := range plan.Languages {
			if v := get(prefix + l); v != "" {
				if t == nil {
					t = plan.Text{}
				}
				t[l] = v
			}
		}
		return t
	}
	date := func(c string) *plan.Date {
		v := get(c)
		if v == "" {
			return nil
		}
		d, err := plan.ParseDate(v)
		if err != nil {
			bad(c, v, "expected a date as YYYY-MM-DD")
			return nil
		}
		return &d
	}
	// agree records the cells of the first row naming an entity and
	// reports the columns in which a later row differs.
	agree := func(seen map[string]seenCells, key, what string, cols []string) bool {
		cells := make([]string, len(cols))
		for i, c := range cols {
			cells[i] = get(c)
		}
		first, ok := seen[key]
		if !ok {
			seen[key] = seenCells{line, cells}
			return true
		}
		same := true
		for i, c := range cols {
			if cells[i] != first.cells[i] {
				bad(c, cells[i], fmt.Sprintf("%s is given as %q in row %d; every row must give it alike", what, first.cells[i], first.row))
				same = false
			}
		}
		return same
	}

	hasPlan, hasArea, hasMeasure, hasOrg := get("plan_id") != "", filled(areaColumns), filled(measureColumns), filled(organisationColumns)
	slug := get("member_slug")
	switch {
	case hasOrg && (hasPlan || hasArea || hasMeasure):
		bad("", "", "a row describes either an organisation or a plan's content, not both")
		return
	case !hasPlan && (hasArea || hasMeasure):
		bad("plan_id", "", "an area or a measure needs the plan it belongs to")
		return
	case slug == "" && !hasOrg:
		bad("member_slug", "", "a plan or a member needs the member's slug")
		return
	case slug == "" && filled(memberColumns):
		bad("member_slug", "", "the member's columns are filled but its slug is empty")
		return
	}

	if slug != "" && agree(rd.members, slug, "member "+slug, memberColumns) && rd.members[slug].row == line {
		m := plan.Member{Slug: slug, Name: text("member_name_"), Kind: plan.MemberKind(get("member_kind")), Region: get("member_region"), Code: get("member_code")}
		if m.Name.IsEmpty() {
			bad("member_name_en", "", "a member needs a name in at least one language")
		}
		if m.Kind != plan.MemberCountry && m.Kind != plan.MemberLocality {
			bad("member_kind", string(m.Kind), `expected "country" or "locality"`)
		}
		rd.b.Members = append(rd.b.Members, m)
	}

	if hasOrg {
		o := plan.BundleOrganisation{Member: slug, Name: text("organisation_name_"), Kind: plan.OrganisationKind(get("organisation_kind"))}
		if o.Name.IsEmpty() {
			bad("organisation_name_en", "", "an organisation needs a name in at least one language")
		}
		if !o.Kind.Valid() {
			bad("organisation_kind", string(o.Kind), "expected one of "+kindList())
		}
		key := slug + "\x00" + o.Name.Key()
		if first, ok := rd.orgs[key]; ok {
			bad("organisation_name_en", o.Name.String(), fmt.Sprintf("the same organisation is in row %d", first))
			return
		}
		rd.orgs[key] = line
		rd.b.Organisations = append(rd.b.Organisations, o)
		return
	}
	if !hasPlan {
		return // a member's own row
	}

	id := get("plan_id")
	if !agree(rd.plans, id, "plan "+id, append([]string{"member_slug"}, planColumns...)) {
		return
	}
	pi, ok := rd.planAt[id]
	if !ok {
		p := plan.BundlePlan{ExternalID: id, Member: slug, Title: text("plan_title_"), Approved: get("plan_approved"),
			Source: get("plan_source"), SourceURL: get("plan_source_url"), Note: text("plan_note_"), Measures: []plan.BundleMeasure{}}
		p.Period = plan.Period{Text: get("plan_period"), Start: date("plan_start"), End: date("plan_end")}
		if v := get("plan_number"); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				bad("plan_number", v, "expected a whole number, the member's nth action plan")
			}
			p.Number = n
		}
		if p.Title.IsEmpty() {
			bad("plan_title_en", "", "a plan needs a title in at least one language")
		}
		pi = len(rd.b.Plans)
		rd.planAt[id] = pi
		rd.areaOrder[id] = map[string]int{}
		rd.b.Plans = append(rd.b.Plans, p)
	}
	p := &rd.b.Plans[pi]

	areaKey := get("area_key")
	if hasArea && areaKey == "" {
		bad("area_key", "", "the area's columns are filled but its key is empty")
		return
	}
	if areaKey != "" {
		if !agree(rd.areas, id+"\x00"+areaKey, "area "+areaKey, areaColumns) {
			return
		}
		if _, ok := rd.areaOrder[id][areaKey]; !ok {
			pos := len(p.Areas) + 1_000_000 // after the numbered ones
			if v := get("area_position"); v != "" {
				n, err := strconv.Atoi(v)
				if err != nil || n < 1 {
					bad("area_position", v, "expected a whole number from 1, the area's place in its plan")
				}
				pos = n
			}
			rd.areaOrder[id][areaKey] = pos
			p.Areas = append(p.Areas, plan.BundleArea{Key: areaKey, Number: get("area_number"), ExternalID: get("area_external_id"),
				Title: text("area_title_"), Source: get("area_source")})
		}
	}
	if !hasMeasure {
		return
	}

	m := plan.BundleMeasure{ExternalID: get("measure_external_id"), Clause: get("clause"), Area: areaKey,
		Title: text("title_"), Description: text("description_"), Indicator: text("indicator_"),
		Period: plan.Period{Text: get("period"), Start: date("start"), End: date("end")},
		Source: get("source"), SourceURL: get("source_url")}
	if m.Title.IsEmpty() {
		bad("title_en", "", "a measure needs a title in at least one language")
	}
	key := m.MatchKey()
	if key == "" {
		bad("measure_external_id", "", "a measure needs an external id or a clause, to be found again on the next import")
	} else if first, ok := rd.measureAt[id+"\x00"+key]; ok {
		bad("measure_external_id", strings.TrimPrefix(strings.TrimPrefix(key, "id:"), "clause:"), fmt.Sprintf("the same measure of plan %s is in row %d", id, first))
	} else {
		rd.measureAt[id+"\x00"+key] = line
	}
	if v := get("values"); v != "" {
		for _, s := range strings.Split(v, listSep) {
			val := plan.OGPValue(strings.TrimSpace(s))
			if !val.Valid() {
				bad("values", string(val), "expected OGP values separated by ;, each one of "+valueList())
				continue
			}
			m.Values = append(m.Values, val)
		}
	}
	if v := get("tags"); v != "" {
		for _, s := range strings.Split(v, listSep) {
			if s = strings.TrimSpace(s); s != "" {
				m.Tags = append(m.Tags, s)
			}
		}
	}
	if v := get("executors"); v != "" {
		if err := strictJSON(v, &m.Executors); err != nil {
			bad("executors", v, `expected a JSON list such as [{"name":{"en":"Ministry of Justice"},"role":"responsible"}]: `+err.Error())
		}
		for _, e := range m.Executors {
			if e.Name.IsEmpty() {
				bad("executors", v, "an executor needs a name")
			}
			if !e.Role.Valid() {
				bad("executors", string(e.Role), `an executor's role is "responsible", "recommended" or "supporting"`)
			}
		}
	}
	if v := get("milestones"); v != "" {
		if err := strictJSON(v, &m.Milestones); err != nil {
			bad("milestones", v, `expected a JSON list of milestones with a title and a period: `+err.Error())
		}
	}
	p.Measures = append(p.Measures, m)
}

// strictJSON decodes a cell holding JSON, refusing fields the type does
// not have: a misspelt "name" must not quietly become an empty name.
func strictJSON(cell string, v any) error {
	dec := json.NewDecoder(strings.NewReader(cell))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return errors.New(strings.TrimPrefix(err.Error(), "json: "))
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("more data after the list")
	}
	return nil
}

func kindList() string {
	kinds := make([]string, len(plan.OrganisationKinds))
	for i, k := range plan.OrganisationKinds {
		kinds[i] = string(k)
	}
	return strings.Join(kinds, ", ")
}

func valueList() string {
	values := make([]string, len(plan.OGPValues))
	for i, v := range plan.OGPValues {
		values[i] = string(v)
	}
	return strings.Join(values, ", ")
}

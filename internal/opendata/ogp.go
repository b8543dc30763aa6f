package opendata

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"ogpp/internal/i18n"
	"ogpp/internal/monitor"
	"ogpp/internal/plan"
)

// OGPSource is the source ogpp records for everything read from OGP's
// commitment data set.
const OGPSource = "OGP commitment data set"

// The columns of OGP's commitment data set that ogpp reads.
const (
	colID          = "Commitment Unique Identifier"
	colMember      = "Country/Locality"
	colPlanID      = "Action Plan ID"
	colPlanNumber  = "Action Plan Number"
	colNumber      = "Commitment Number"
	colYear        = "Year Of Submission"
	colEndYear     = "Action Plan End Year"
	colLocal       = "National Or Local"
	colRegion      = "Region"
	colCode        = "Code"
	colTheme       = "Theme"
	colTitle       = "Commitment Title"
	colShortTitle  = "Short Title"
	colFullText    = "Full Text"
	colStart       = "Start Date"
	colEnd         = "End Date"
	colLead        = "Lead Institution"
	colSupporting  = "Supporting Institution(s)"
	colURL         = "URL"
	colValueAccess = "OGP Value Access To Information"
	colValueCivic  = "OGP Value Civic Participation"
	colValueAcct   = "OGP Value Public Accountability"
	colValueTech   = "OGP Value Technology"
)

// requiredOGPColumns are the identity and commitment columns without which
// a row cannot become a measure of a plan of a member. The IRM's ratings,
// the OGP values and the policy areas are read when present.
var requiredOGPColumns = []string{
	colID, colMember, colPlanID, colPlanNumber, colNumber, colYear, colEndYear, colLocal, colRegion,
	colTheme, colTitle, colShortTitle, colFullText, colStart, colEnd, colLead, colSupporting,
}

// ogpValueColumns maps OGP's value columns, each 1 or 0, to the values.
var ogpValueColumns = []struct {
	column string
	value  plan.OGPValue
}{
	{colValueAccess, plan.ValueAccessToInformation},
	{colValueCivic, plan.ValueCivicParticipation},
	{colValueAcct, plan.ValuePublicAccountability},
	{colValueTech, plan.ValueTechnology},
}

// PolicyAreas are the names of the data set's policy-area columns, each 1
// when the commitment concerns the area. They become a measure's tags, in
// this order.
var PolicyAreas = []string{
	"Anti-Corruption and Integrity", "Anti-corruption Institutions", "Anti-Corruption Strategies", "Asset Disclosure", "Audits",
	"Beneficial Ownership", "Conflicts Of Interest", "Elections", "Political Finance", "Lobbying", "Open Contracting",
	"Public Procurement", "Right To Information", "Whistleblower Protections", "Civic Space and Enabling Environment",
	"Freedom of Assembly", "Freedom of Association", "Freedom of Expression", "Democratizing Decision-Making",
	"Digital Participation", "Mainstreaming Participation", "Regulatory Governance", "Social Accountability",
	"Digital Governance", "Automated Decision-making", "Data Stewardship and Privacy", "Digital Inclusion",
	"Disinformation/Misinformation", "Online Civic Space", "Environment & Climate", "Climate Finance",
	"Climate Mitigation and Adaptation", "Environmental Regulation", "International Environmental Agreements",
	"Fiscal Openness", "Publication Of Budget/Fiscal Information", "Public Participation In Budget/Fiscal Policy",
	"Oversight Of Budget/Fiscal Policies", "Stimulus and Economic Recovery", "Tax", "Debt", "Inclusion", "Gender",
	"Gender-Based Violence", "Economic Inclusion", "LGBTQIA+", "People with Disabilities", "Youth", "Justice",
	"Access to Justice", "Open Justice", "Policing & Corrections", "Judiciary", "Open Parliaments",
	"Public Service Delivery", "Citizenship & Immigration", "Education", "Health & Nutrition",
	"Infrastructure & Transport", "Water & Sanitation", "Capacity Building", "Digital Transformation", "Legislation",
	"Regulation", "Legislative Oversight", "Open Data", "Public Participation", "Aid", "Energy", "Extractive Industries",
	"Land and Spatial Planning", "Media & Telecommunications", "Science & Technology", "Security & Public Safety",
	"Labor", "Private Sector", "Subnational", "Human Rights", "Open Parliament Plan", "Sustainable Development Goals",
	"Open Data (Water/Sanitation)", "Open Data (Health)", "Open Data (Education)", "Participation in Lawmaking",
	"Access to information", "Money in Politics",
}

// The IRM's scales, as the data set spells them.
var (
	didItOpen         = []string{"Worsens", "Did Not Change", "Marginal", "Major", "Outstanding", "No early results to report yet"}
	completion        = []string{"Withdrawn", "Unclear", "Not Started", "Limited", "Substantial", "Complete"}
	binary            = []string{"0", "1"}
	didItOpenPerValue = append([]string{"Not Applicable"}, didItOpen...)
)

// ratingColumns lists the values each IRM rating column may hold besides
// the absent codes. Some become monitoring (ogp_irm.go); the others are
// not stored, but a value that fits no scale in any of them means the file
// is not what it claims to be.
var ratingColumns = map[string][]string{
	"Specificity":                  {"None", "Low", "Medium", "High"},
	"Verifiable":                   {"Yes", "No", "1"}, // one row says 1 for yes
	colValueAccess:                 binary,
	colValueCivic:                  binary,
	colValueAcct:                   binary,
	colValueTech:                   binary,
	"Potential Impact":             {"None", "Minor", "Moderate", "Transformative"},
	"Completion (Progress Report)": completion,
	"Completion (End Of Term)":     completion,
	"Starred (2015 Only)":          binary,
	"Starred (Current Formula) Progress Report":      binary,
	"Starred (Current Formula) End of Term":          binary,
	"Did It Open Government (Overall)":               didItOpen,
	"Did It Open Government (Access To Information)": didItOpenPerValue,
	"Did It Open Government (Civic Participation)":   didItOpenPerValue,
	"Did It Open Government: Public Accountability":  didItOpenPerValue,
	"Potential for Results":                          {"Unclear", "Modest", "Substantial"},
	"Early Results":                                  {"No notable results", "Moderate", "Significant"},
	"Change In Completion":                           {"Increase", "No Change", "Decrease"},
}

// noValue reports whether a cell holds one of the data set's codes for an
// absent value: ND (no data), NR (not reviewed), NA (not applicable), or
// nothing.
func noValue(s string) bool {
	switch strings.TrimSpace(s) {
	case "", "ND", "NR", "NA":
		return true
	}
	return false
}

// ReadOGP reads OGP's commitment data set (CSV, one row per commitment)
// into a bundle: each row becomes a measure of its action plan, each plan
// belongs to its member (a country or a locality), the row's theme becomes
// the plan's area, and its lead and supporting institutions become the
// organisations executing it.
//
// Every problem of the file is reported, not only the first: a missing
// required column (once), and for each row a value that fits no known
// shape, named by row (as a spreadsheet numbers it: the header is row 1),
// column and value. When there is any problem the bundle is nil, so that a
// bad file changes nothing; ReadOGPSkipping imports the good rows instead.
// The error is for a file that cannot be read as CSV at all.
func ReadOGP(r io.Reader) (*plan.Bundle, plan.Problems, error) {
	b, _, ps, err := readOGP(r, false)
	if err != nil || len(ps) > 0 {
		return nil, ps, err
	}
	return b, nil, nil
}

// ReadOGPSkipping reads OGP's data set like ReadOGP but leaves out the rows
// with problems instead of refusing the file: it returns the bundle of the
// valid rows together with the problems of the others. A problem with the
// file as a whole (a missing column, broken CSV) still gives no bundle, so
// callers must check for nil.
func ReadOGPSkipping(r io.Reader) (*plan.Bundle, plan.Problems, error) {
	b, _, ps, err := readOGP(r, true)
	return b, ps, err
}

// ogpRow is a row of the data set checked and turned into ogpp's terms.
type ogpRow struct {
	line                  int
	member                plan.Member
	plan                  plan.BundlePlan
	theme                 string
	measure               plan.BundleMeasure
	leads, supporters     []string
	planCells, memberCell []string // the cells that must agree across rows
	ratings               ogpRatings
}

// readOGP reads the data set into the plans' bundle and the IRM's
// monitoring bundle (see ReadOGPAll).
func readOGP(r io.Reader, skip bool) (*plan.Bundle, *monitor.Bundle, plan.Problems, error) {
	cr := csv.NewReader(stripBOM(r))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err == io.EOF {
		return nil, nil, plan.Problems{{Row: 1, Reason: "the file is empty; expected OGP's commitment data set with its header row"}}, nil
	}
	if err != nil {
		return nil, nil, nil, fmt.Errorf("read OGP data set: %w", err)
	}
	cols := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		if _, dup := cols[h]; !dup {
			cols[h] = i
		}
	}
	var ps plan.Problems
	for _, c := range requiredOGPColumns {
		if _, ok := cols[c]; !ok {
			ps = append(ps, plan.Problem{Row: 1, Column: c, Reason: "required column is missing"})
		}
	}
	fatal := len(ps) > 0

	var rows []ogpRow
	seenIDs := map[string]int{}
	plans := map[string]ogpRow{}
	members := map[string]ogpRow{}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				ps = append(ps, plan.Problem{Row: line, Reason: "not valid CSV: " + pe.Err.Error()})
				// The reader cannot find the next row reliably, so no row
				// count can be trusted: refuse the file even when skipping.
				fatal = true
				break
			}
			return nil, nil, nil, fmt.Errorf("read OGP data set: %w", err)
		}
		// Rows are checked even when a column is missing, so that one
		// report lists everything to fix; a missing column's cells read
		// as empty and are not reported again row by row.
		cell := func(c string) string {
			i, ok := cols[c]
			if !ok || i >= len(rec) {
				return ""
			}
			return strings.TrimSpace(rec[i])
		}
		row, rps := parseOGPRow(line, cols, cell)
		if prev, ok := seenIDs[row.measure.ExternalID]; ok && row.measure.ExternalID != "" {
			rps = append(rps, plan.Problem{Row: line, Column: colID, Value: row.measure.ExternalID,
				Reason: fmt.Sprintf("the same commitment is in row %d", prev)})
		}
		if len(rps) == 0 {
			rps = append(rps, agree(row, plans, members)...)
		}
		ps = append(ps, rps...)
		if len(rps) > 0 {
			continue
		}
		seenIDs[row.measure.ExternalID] = line
		if _, ok := plans[row.plan.ExternalID]; !ok {
			plans[row.plan.ExternalID] = row
		}
		if _, ok := members[row.member.Slug]; !ok {
			members[row.member.Slug] = row
		}
		rows = append(rows, row)
	}
	if fatal || (len(ps) > 0 && !skip) {
		return nil, nil, ps, nil
	}
	b := assembleOGP(rows)
	if vps := b.Validate(); len(vps) > 0 {
		// The rows were checked one by one; this would be a bug here.
		return nil, nil, append(ps, vps...), nil
	}
	return b, assembleIRM(rows), ps, nil
}

// agree checks that a row describes its plan and member as the rows before
// it did: a plan's id with two members or two periods is a broken file.
func agree(row ogpRow, plans, members map[string]ogpRow) plan.Problems {
	var ps plan.Problems
	if first, ok := plans[row.plan.ExternalID]; ok {
		for i, c := range []string{colMember, colPlanNumber, colYear, colEndYear} {
			if first.planCells[i] != row.planCells[i] {
				ps = append(ps, plan.Problem{Row: row.line, Column: c, Value: row.planCells[i],
					Reason: fmt.Sprintf("plan %s has %q here but %q in row %d", row.plan.ExternalID, row.planCells[i], first.planCells[i], first.line)})
			}
		}
	}
	if first, ok := members[row.member.Slug]; ok {
		for i, c := range []string{colMember, colLocal, colRegion, colCode} {
			if first.memberCell[i] != row.memberCell[i] {
				ps = append(ps, plan.Problem{Row: row.line, Column: c, Value: row.memberCell[i],
					Reason: fmt.Sprintf("member %s has %q here but %q in row %d", row.member.Slug, row.memberCell[i], first.memberCell[i], first.line)})
			}
		}
	}
	return ps
}

// parseOGPRow checks one row and turns it into ogpp's terms.
func parseOGPRow(line int, cols map[string]int, cell func(string) string) (ogpRow, plan.Problems) {
	var ps plan.Problems
	bad := func(c, v, reason string) {
		ps = append(ps, plan.Problem{Row: line, Column: c, Value: v, Reason: reason})
	}
	has := func(c string) bool {
		_, ok := cols[c]
		return ok
	}
	required := func(c string) string {
		v := cell(c)
		if noValue(v) && has(c) {
			bad(c, v, "a commitment needs a value here")
			return ""
		}
		return v
	}
	row := ogpRow{line: line}

	// The member.
	name := required(colMember)
	local := cell(colLocal)
	kind := plan.MemberCountry
	switch l := strings.ToLower(local); {
	case strings.Contains(l, "local"):
		kind = plan.MemberLocality
	case l == "national" || l == "other" || l == "":
		// "Other" is how the data set files Kosovo: a national government
		// that is not a member state, still no locality.
	default:
		bad(colLocal, local, `expected "National", "Local", "Legacy Local" or "Other"`)
	}
	row.member = plan.Member{Slug: Slug(name), Name: plan.EN(name), Kind: kind, Region: optional(cell(colRegion)), Code: optional(cell(colCode))}
	if name != "" && row.member.Slug == "" {
		bad(colMember, name, "the name has no letters or digits to make an identifier of")
	}
	row.memberCell = []string{name, local, cell(colRegion), cell(colCode)}

	// The plan.
	planID := required(colPlanID)
	number := 0
	if v := cell(colPlanNumber); !noValue(v) {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			bad(colPlanNumber, v, "expected a whole number from 1, the member's nth action plan")
		}
		number = n
	}
	start, end := year(cell(colYear)), year(cell(colEndYear))
	if start == 0 && has(colYear) {
		bad(colYear, cell(colYear), "expected a year from 1900 to 2100")
	}
	if end == 0 && has(colEndYear) {
		bad(colEndYear, cell(colEndYear), "expected a year from 1900 to 2100")
	}
	if start != 0 && end != 0 && end < start {
		bad(colEndYear, cell(colEndYear), fmt.Sprintf("the plan ends before it is submitted (%d)", start))
	}
	row.plan = plan.BundlePlan{ExternalID: planID, Member: row.member.Slug, Number: number, Source: OGPSource}
	if start != 0 && end != 0 {
		text := fmt.Sprintf("%d-%d", start, end)
		if start == end {
			text = strconv.Itoa(start)
		}
		row.plan.Period = plan.Period{Text: text, Start: &plan.Date{Year: start, Month: 1, Day: 1}, End: &plan.Date{Year: end, Month: 12, Day: 31}}
		row.plan.Title = plan.EN(fmt.Sprintf("%s action plan %s", name, text))
	}
	row.planCells = []string{name, cell(colPlanNumber), cell(colYear), cell(colEndYear)}

	// The commitment.
	m := plan.BundleMeasure{ExternalID: required(colID), Clause: optional(cell(colNumber)), Source: OGPSource}
	long, short := optional(cell(colTitle)), optional(cell(colShortTitle))
	title := oneLine(short)
	if title == "" {
		title = oneLine(long)
	}
	if title == "" && (has(colShortTitle) || has(colTitle)) {
		bad(colShortTitle, cell(colShortTitle), "a commitment needs a title here or in "+strconv.Quote(colTitle))
	}
	m.Title = plan.EN(title)
	var desc []string
	if long != "" && i18n.Fold(oneLine(long)) != i18n.Fold(title) {
		desc = append(desc, tidyText(long))
	}
	if full := optional(cell(colFullText)); full != "" {
		desc = append(desc, tidyText(full))
	}
	m.Description = plan.EN(strings.Join(desc, "\n\n"))
	if theme := optional(cell(colTheme)); theme != "" {
		row.theme = oneLine(theme)
		m.Area = i18n.FoldIn("en", row.theme)
	}

	startText, endText := cell(colStart), cell(colEnd)
	order := plan.GuessDateOrder(startText, endText)
	from, err := plan.ParsePeriodBoundOrder(startText, false, order)
	if err != nil {
		bad(colStart, startText, err.Error())
	}
	to, err := plan.ParsePeriodBoundOrder(endText, true, order)
	if err != nil {
		bad(colEnd, endText, err.Error())
	}
	if from != nil && to != nil && to.Before(*from) {
		bad(colEnd, endText, fmt.Sprintf("the commitment ends (%s) before it starts (%s)", to, from))
	}
	m.Period = plan.Period{Text: periodText(startText, endText), Start: from, End: to}

	for _, v := range ogpValueColumns {
		if cell(v.column) == "1" {
			m.Values = append(m.Values, v.value)
		}
	}
	for _, tag := range PolicyAreas {
		if _, ok := cols[tag]; !ok {
			continue
		}
		switch v := cell(tag); {
		case v == "1":
			m.Tags = append(m.Tags, tag)
		case v != "0" && !noValue(v):
			bad(tag, v, "expected 1 (the commitment concerns this policy area), 0, or ND/NR/NA")
		}
	}
	for c, allowed := range ratingColumns {
		if _, ok := cols[c]; !ok {
			continue
		}
		if v := cell(c); !noValue(v) && !oneOf(v, allowed) {
			bad(c, v, "expected one of "+strings.Join(allowed, ", ")+", or ND/NR/NA")
		}
	}
	if u := cell(colURL); strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://") {
		m.SourceURL = u
		// The commitment's page sits under its member's page on OGP's site.
		if i := strings.Index(u, "/commitments/"); i > 0 {
			row.plan.SourceURL = u[:i+1]
		}
	}
	row.measure = m
	row.ratings = parseRatings(cell)
	row.leads = SplitInstitutions(cell(colLead))
	row.supporters = SplitInstitutions(cell(colSupporting))
	sortProblems(ps, cols)
	return row, ps
}

// assembleOGP builds the bundle from checked rows, keeping the order in
// which the file first names each member, plan, area and organisation.
func assembleOGP(rows []ogpRow) *plan.Bundle {
	b := &plan.Bundle{Members: []plan.Member{}, Organisations: []plan.BundleOrganisation{}, Plans: []plan.BundlePlan{}}
	memberAt := map[string]bool{}
	planAt := map[string]int{}
	areaAt := map[string]bool{} // plan id + "\x00" + area key
	orgAt := map[string]int{}   // member slug + "\x00" + folded name
	for _, r := range rows {
		if !memberAt[r.member.Slug] {
			memberAt[r.member.Slug] = true
			b.Members = append(b.Members, r.member)
		}
		pi, ok := planAt[r.plan.ExternalID]
		if !ok {
			pi = len(b.Plans)
			planAt[r.plan.ExternalID] = pi
			p := r.plan
			p.Measures = []plan.BundleMeasure{}
			b.Plans = append(b.Plans, p)
		}
		p := &b.Plans[pi]
		if r.measure.Area != "" && !areaAt[p.ExternalID+"\x00"+r.measure.Area] {
			areaAt[p.ExternalID+"\x00"+r.measure.Area] = true
			p.Areas = append(p.Areas, plan.BundleArea{Key: r.measure.Area, Title: plan.EN(r.theme), Source: OGPSource})
		}
		m := r.measure
		// Organisations are keyed the way the store matches them: by member
		// and folded name. The first spelling met names the organisation;
		// a lead institution anywhere makes it a state body.
		addOrg := func(name string, role plan.ExecutorRole) {
			key := r.member.Slug + "\x00" + plan.EN(name).Key()
			oi, ok := orgAt[key]
			if !ok {
				oi = len(b.Organisations)
				orgAt[key] = oi
				b.Organisations = append(b.Organisations, plan.BundleOrganisation{Member: r.member.Slug, Name: plan.EN(name), Kind: plan.OrgOther})
			}
			if role == plan.RoleResponsible {
				b.Organisations[oi].Kind = plan.OrgStateBody
			}
			e := plan.BundleExecutor{Name: b.Organisations[oi].Name, Role: role}
			for _, have := range m.Executors {
				if have.Role == e.Role && have.Name.Key() == plan.EN(name).Key() {
					return
				}
			}
			m.Executors = append(m.Executors, e)
		}
		for _, n := range r.leads {
			addOrg(n, plan.RoleResponsible)
		}
		for _, n := range r.supporters {
			addOrg(n, plan.RoleSupporting)
		}
		p.Measures = append(p.Measures, m)
	}
	return b
}

// optional returns a cell's value, or "" for the absent codes.
func optional(s string) string {
	if noValue(s) {
		return ""
	}
	return s
}

// year reads a plan's year, or 0 when the cell holds none.
func year(s string) int {
	y, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || y < 1900 || y > 2100 {
		return 0
	}
	return y
}

// oneOf reports whether v is one of allowed, ignoring letter case and
// surrounding space, which typists vary without meaning anything.
func oneOf(v string, allowed []string) bool {
	for _, a := range allowed {
		if strings.EqualFold(strings.TrimSpace(v), a) {
			return true
		}
	}
	return false
}

// periodText is a measure's period as the data set wrote it: its start and
// end cells joined by an en dash, an absent bound left out.
func periodText(start, end string) string {
	start, end = optional(start), optional(end)
	switch {
	case start != "" && end != "":
		return start + " – " + end
	case start != "":
		return start + " –"
	case end != "":
		return "– " + end
	}
	return ""
}

// oneLine collapses a title's line breaks and runs of space.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

var blankLinesRE = regexp.MustCompile(`\n{3,}`)

// tidyText keeps a long text's paragraphs and line breaks but drops the
// space at the ends of its lines and runs of blank lines left by copying
// from word processors.
func tidyText(s string) string {
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRightFunc(l, unicode.IsSpace)
	}
	return strings.TrimSpace(blankLinesRE.ReplaceAllString(strings.Join(lines, "\n"), "\n\n"))
}

// Slug makes the identifier of a member from its name: lowercase ASCII
// letters and digits joined by hyphens, accents dropped
// ("Côte d'Ivoire" → "cote-d-ivoire", "Buenos Aires, Argentina" →
// "buenos-aires-argentina", "Şəki" → "seki"). Letters with no ASCII form,
// such as Cyrillic, are kept.
func Slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKD.String(strings.ToLower(name)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// An accent split off its letter by NFKD.
		case r == 'ı' || r == 'ə':
			// Azerbaijani letters without a decomposition, written the
			// way Azerbaijani names are spelt in ASCII.
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteByte(map[rune]byte{'ı': 'i', 'ə': 'e'}[r])
			dash = false
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
	}
	return norm.NFC.String(b.String())
}

// sortProblems orders a row's problems by the columns' order in the file,
// so a report reads left to right.
func sortProblems(ps plan.Problems, cols map[string]int) {
	pos := func(p plan.Problem) int {
		if i, ok := cols[p.Column]; ok {
			return i
		}
		return len(cols)
	}
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && pos(ps[j]) < pos(ps[j-1]); j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}

// stripBOM drops a UTF-8 byte order mark at the start of r, which Excel
// writes and encoding/csv would read as part of the first column's name.
func stripBOM(r io.Reader) io.Reader {
	br := bufio.NewReader(r)
	if head, _ := br.Peek(len(bom)); string(head) == bom {
		br.Discard(len(bom))
	}
	return br
}

// bom is the UTF-8 byte order mark.
const bom = "\xef\xbb\xbf"

package plan

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Period is when a measure is carried out: the text as written plus the parsed dates.
type Period struct {
	Text  string // original text, e.g. "2016-2018", "IV quarter of 2021", "Ongoing"
	Start *Date  // nil when unknown / open
	End   *Date
}

// Date is a calendar day without time zone.
//
// Plans speak of days, never of instants; a time.Time would drag a zone
// along and shift a deadline by a day for readers east or west of UTC.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// String returns the date as ISO 8601, e.g. "2016-01-01".
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// Before reports whether d is an earlier day than o.
func (d Date) Before(o Date) bool {
	return d.Compare(o) < 0
}

// Compare returns -1, 0 or +1 as d is before, the same day as, or after o,
// so dates can be handed to slices.SortFunc.
func (d Date) Compare(o Date) int {
	switch {
	case d.Year != o.Year:
		return cmpInt(d.Year, o.Year)
	case d.Month != o.Month:
		return cmpInt(int(d.Month), int(o.Month))
	default:
		return cmpInt(d.Day, o.Day)
	}
}

// Time returns midnight UTC of the day, for arithmetic and formatting.
func (d Date) Time() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
}

// MarshalText writes the date as "2016-01-01", so JSON and CSV exports carry
// the ISO form rather than three numbers.
func (d Date) MarshalText() ([]byte, error) {
	return []byte(d.String()), nil
}

// UnmarshalText reads the form MarshalText writes.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// ParseDate parses a strict ISO 8601 calendar date, "YYYY-MM-DD", and checks
// that the day exists. It is the form ogpp itself stores and exports; text
// typed by people goes through ParsePeriod or ParsePeriodBound instead.
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' || !allDigits(s[:4]) || !allDigits(s[5:7]) || !allDigits(s[8:]) {
		return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	y, _ := strconv.Atoi(s[:4])
	m, _ := strconv.Atoi(s[5:7])
	d, _ := strconv.Atoi(s[8:])
	if reason := checkDay(y, m, d); reason != "" {
		return Date{}, fmt.Errorf("date %q: %s", s, reason)
	}
	return Date{y, time.Month(m), d}, nil
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// checkDay returns why y-m-d is not a real day, or "" when it is.
func checkDay(y, m, d int) string {
	if m < 1 || m > 12 {
		return fmt.Sprintf("there is no month %d", m)
	}
	if d < 1 || d > daysIn(y, time.Month(m)) {
		return fmt.Sprintf("%s %d has no day %d", time.Month(m), y, d)
	}
	return ""
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func firstDay(y int, m time.Month) *Date { return &Date{y, m, 1} }
func lastDay(y int, m time.Month) *Date  { return &Date{y, m, daysIn(y, m)} }

// span returns the first day of (y, from) or the last day of the month that
// is n-1 months later, as a start or an end bound asks. Months past December
// roll into the next year, which is what winter needs.
func span(y int, from time.Month, n int, end bool) *Date {
	if !end {
		return firstDay(y, from)
	}
	t := time.Date(y, from+time.Month(n-1), 1, 0, 0, 0, 0, time.UTC)
	return lastDay(t.Year(), t.Month())
}

// DateOrder says how to read a numeric date such as 1/7/2014, whose first two
// numbers could each be the month.
type DateOrder int

const (
	// MonthFirst reads 1/7/2014 as 7 January 2014, the way OGP's data set
	// mostly writes dates.
	MonthFirst DateOrder = iota
	// DayFirst reads 1/7/2014 as 1 July 2014.
	DayFirst
)

// GuessDateOrder looks at the cells typed for one commitment and returns
// DayFirst when one of them can only have been typed day first: a first
// number over 12 (31/12/2014), or a zero-padded day before an unpadded month
// (01/5/2015), a habit of day-first typists that US-style cells in the data
// set never show. The other cell of the row was typed by the same hand, so
// its ambiguous dates are best read the same way. Evidence both ways, or
// none, gives MonthFirst.
func GuessDateOrder(cells ...string) DateOrder {
	dayFirst, monthFirst := false, false
	for _, c := range cells {
		m := slashDateRE.FindStringSubmatch(strings.TrimSpace(c))
		if m == nil {
			continue
		}
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[2])
		switch {
		case a > 12 && b <= 12:
			dayFirst = true
		case b > 12 && a <= 12:
			monthFirst = true
		case len(m[1]) == 2 && m[1][0] == '0' && len(m[2]) == 1:
			dayFirst = true
		}
	}
	if dayFirst && !monthFirst {
		return DayFirst
	}
	return MonthFirst
}

// openEnded holds the words people write instead of an end date when a
// measure has none, in the languages of the UI.
var openEnded = foldSet(map[string]bool{
	"ongoing": true, "on-going": true, "in progress": true, "underway": true, "under way": true,
	"permanent": true, "permanent activity": true, "continuous": true, "continuing": true,
	"daimi": true, "davamlı": true, "mütəmadi": true,
	"постоянно": true, "на постоянной основе": true,
})

// noData holds the codes OGP's data set uses for an absent value.
var noData = map[string]bool{"na": true, "nd": true, "nr": true, "n/a": true}

// IsOpenEnded reports whether s is a word for a period without an end
// ("Ongoing", "In progress", "Permanent activity", …), in any letter case.
// ParsePeriodBound returns a nil date both for these and for absent values
// (empty, NA, ND, NR); this tells the two apart.
func IsOpenEnded(s string) bool {
	return openEnded[normWords(s)]
}

// normWords folds s, collapses white space and drops a trailing full stop,
// the differences that do not change what a typed word means.
func normWords(s string) string {
	return strings.TrimSuffix(strings.Join(strings.Fields(foldWord(s)), " "), ".")
}

// foldWord lowercases s and merges dotless ı into i. Go lowercases I to i,
// not to the Azerbaijani ı, so "DAVAMLI" and "davamlı" only meet if both
// end up with i.
func foldWord(s string) string {
	return strings.ReplaceAll(strings.ToLower(s), "ı", "i")
}

// foldSet returns m with its keys folded by foldWord, so the tables below can
// be written in proper spelling.
func foldSet[V any](m map[string]V) map[string]V {
	out := make(map[string]V, len(m))
	for k, v := range m {
		out[foldWord(k)] = v
	}
	return out
}

// acceptedShapes is appended to every parse error so the person fixing a
// cell or a form field learns what would have worked.
const acceptedShapes = "accepted: a day (2018-01-31, 1/31/2018 or 31/1/2018 — month first unless the first number is over 12 — 1/31/18, 31.01.2018, 1 August 2014), " +
	"a month (August 2014, 8/2014), a quarter (IV quarter of 2021, Quarter 1 2014, Q1 2014), a half year (first half of 2015, H1 2015), " +
	"a season (Spring 2015), a year (2014), an Excel day number (43525), " +
	"a word for no end (Ongoing, In progress, Underway, Permanent activity, Continuous), or NA/ND/NR/empty for no date"

func shapeError(s, reason string) error {
	if reason == "" {
		return fmt.Errorf("%q is not a date; %s", s, acceptedShapes)
	}
	return fmt.Errorf("%q is not a date (%s); %s", s, reason, acceptedShapes)
}

// ParsePeriodBound parses one date cell as OGP's commitment data set writes it; end=true picks the last day of a month/quarter/year/season, false the first.
//
// It returns a nil date and no error for an empty cell, for NA, ND and NR,
// and for words of an open end (see IsOpenEnded). Ambiguous numeric dates
// are read month first; use ParsePeriodBoundOrder with GuessDateOrder to
// read a row typed day first.
func ParsePeriodBound(s string, end bool) (d *Date, err error) {
	return ParsePeriodBoundOrder(s, end, MonthFirst)
}

var (
	slashDateRE = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$`)
	dotDateRE   = regexp.MustCompile(`^(\d{1,2})\.(\d{1,2})\.(\d{4})$`)
	ymdRE       = regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$`)
	monthYearRE = regexp.MustCompile(`^(\d{1,2})[/.](\d{4})$`)
	serialRE    = regexp.MustCompile(`^\d{5}$`)
)

// ParsePeriodBoundOrder parses one date cell like ParsePeriodBound, reading
// numeric dates whose first two numbers could each be the month in the given
// order. Dates that can be read only one way are read that way whatever the
// order.
func ParsePeriodBoundOrder(s string, end bool, order DateOrder) (*Date, error) {
	t := strings.TrimSpace(s)
	if t == "" || noData[strings.ToLower(t)] || IsOpenEnded(t) {
		return nil, nil
	}
	if m := slashDateRE.FindStringSubmatch(t); m != nil {
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[2])
		y, _ := strconv.Atoi(m[3])
		if len(m[3]) == 2 {
			// Spreadsheets shorten the year; every plan is of this century.
			y += 2000
		}
		mon, day := a, b
		if a > 12 || (order == DayFirst && b <= 12) {
			mon, day = b, a
		}
		return numericDate(s, y, mon, day, end)
	}
	if m := dotDateRE.FindStringSubmatch(t); m != nil {
		// Dots are the European way of writing a date: always day first.
		day, _ := strconv.Atoi(m[1])
		mon, _ := strconv.Atoi(m[2])
		y, _ := strconv.Atoi(m[3])
		return numericDate(s, y, mon, day, end)
	}
	if m := ymdRE.FindStringSubmatch(t); m != nil {
		y, _ := strconv.Atoi(m[1])
		mon, _ := strconv.Atoi(m[2])
		day, _ := strconv.Atoi(m[3])
		return numericDate(s, y, mon, day, end)
	}
	if m := monthYearRE.FindStringSubmatch(t); m != nil {
		mon, _ := strconv.Atoi(m[1])
		y, _ := strconv.Atoi(m[2])
		if mon < 1 || mon > 12 {
			return nil, shapeError(s, fmt.Sprintf("there is no month %d", mon))
		}
		if err := checkYear(s, y); err != nil {
			return nil, err
		}
		return span(y, time.Month(mon), 1, end), nil
	}
	if serialRE.MatchString(t) {
		n, _ := strconv.Atoi(t)
		if n < 20000 || n > 80000 {
			return nil, shapeError(s, "a five-digit number is read as an Excel day number, from 20000 to 80000")
		}
		d := fromExcelSerial(n)
		return &d, nil
	}
	if strings.ContainsAny(t[:1], "-/") || strings.ContainsAny(t[len(t)-1:], "-/") {
		// "2016-" may mean "from 2016 on"; better to ask than to guess.
		return nil, shapeError(s, "")
	}
	return parseWords(s, t, end)
}

// numericDate checks a day typed as numbers. Years 1900-1910 are undone
// first: typing "2023" into a cell formatted as a date makes Excel store day
// number 2023, which it shows as 7/15/1905, so such a date stands for the
// year whose number is its day number.
func numericDate(s string, y, mon, day int, end bool) (*Date, error) {
	if reason := checkDay(y, mon, day); reason != "" {
		return nil, shapeError(s, reason)
	}
	if y >= 1900 && y <= 1910 {
		if n := excelSerial(Date{y, time.Month(mon), day}); n >= 1990 && n <= 2100 {
			return span(n, time.January, 12, end), nil
		}
	}
	if err := checkYear(s, y); err != nil {
		return nil, err
	}
	return &Date{y, time.Month(mon), day}, nil
}

// checkYear turns away years no action plan can have, which are typing
// slips ("2/1/2201") rather than dates.
func checkYear(s string, y int) error {
	if y < 1900 || y > 2100 {
		return shapeError(s, fmt.Sprintf("year %d is out of range 1900-2100", y))
	}
	return nil
}

// excelEpoch is day 0 of Excel's day numbers. It is 30, not 31, December
// because Excel counts a 29 February 1900 that never was; from March 1900
// on, counting from here matches Excel.
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

func fromExcelSerial(n int) Date {
	t := excelEpoch.AddDate(0, 0, n)
	return Date{t.Year(), t.Month(), t.Day()}
}

func excelSerial(d Date) int {
	return int(d.Time().Sub(excelEpoch).Hours() / 24)
}

var monthNames = func() map[string]time.Month {
	m := map[string]time.Month{"sept": time.September}
	lists := [][]string{
		// English, English abbreviations, Azerbaijani, Russian nominative and genitive.
		{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"},
		{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"},
		{"yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avqust", "sentyabr", "oktyabr", "noyabr", "dekabr"},
		{"январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"},
		{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
	}
	for _, l := range lists {
		for i, name := range l {
			m[name] = time.Month(i + 1)
		}
	}
	return foldSet(m)
}()

// seasons maps a season's name to its first month; each lasts three months,
// so winter runs from December into the next year.
var seasons = foldSet(map[string]time.Month{
	"spring": time.March, "summer": time.June, "autumn": time.September, "fall": time.September, "winter": time.December,
	"yaz": time.March, "yay": time.June, "payız": time.September, "qış": time.December,
	"весна": time.March, "лето": time.June, "осень": time.September, "зима": time.December,
})

// partUnits maps the words for a quarter or a half of a year to its length
// in months.
var partUnits = foldSet(map[string]int{
	"quarter": 3, "qtr": 3, "rüb": 3, "rübü": 3, "rübündə": 3, "квартал": 3, "квартала": 3, "квартале": 3,
	"half": 6, "yarımil": 6, "yarımili": 6, "yarımilində": 6, "полугодие": 6, "полугодия": 6, "полугодии": 6,
})

var ordinals = foldSet(map[string]int{
	"1": 1, "i": 1, "1st": 1, "first": 1, "birinci": 1,
	"2": 2, "ii": 2, "2nd": 2, "second": 2, "ikinci": 2,
	"3": 3, "iii": 3, "3rd": 3, "third": 3, "üçüncü": 3,
	"4": 4, "iv": 4, "4th": 4, "fourth": 4, "dördüncü": 4,
})

// fillers are words that only glue a date phrase together ("IV quarter of
// 2021", "2017-ci ilin I rübü", "I квартал 2017 г.") and carry no meaning
// of their own once the other words are known.
var fillers = foldSet(map[string]bool{
	"of": true, "the": true, "year": true, "years": true, "in": true, "during": true,
	"ci": true, "cı": true, "cu": true, "cü": true, "il": true, "ilin": true, "ildə": true, "illər": true, "illərdə": true,
	"ərzində": true, "ay": true, "ayı": true, "ayında": true,
	"г": true, "гг": true, "года": true, "год": true, "годы": true, "й": true, "в": true,
})

var compactPartRE = regexp.MustCompile(`^([qh])([1-4])$`)

// parseWords reads the shapes made of words: months, quarters, halves,
// seasons and years, in the word orders English, Azerbaijani and Russian
// writers use.
func parseWords(s, t string, end bool) (*Date, error) {
	var toks []string
	for _, f := range strings.FieldsFunc(foldWord(t), func(r rune) bool {
		return r == ' ' || r == '\t' || r == '-' || r == ',' || r == '/' || r == '\u00a0'
	}) {
		f = strings.Trim(f, ".")
		if f != "" && !fillers[f] {
			toks = append(toks, f)
		}
	}
	year := func(tok string) (int, bool) {
		if len(tok) != 4 || !allDigits(tok) {
			return 0, false
		}
		y, _ := strconv.Atoi(tok)
		return y, true
	}
	// part returns the first month and length of "Q1", "H2", or an ordinal
	// next to a unit word.
	part := func(ord, unit string) (time.Month, int, bool) {
		n, okU := partUnits[unit]
		k, okO := ordinals[ord]
		if !okU || !okO || k > 12/n {
			return 0, 0, false
		}
		return time.Month((k-1)*n + 1), n, true
	}
	compact := func(tok string) (time.Month, int, bool) {
		m := compactPartRE.FindStringSubmatch(tok)
		if m == nil {
			return 0, 0, false
		}
		unit := "quarter"
		if m[1] == "h" {
			unit = "half"
		}
		return part(m[2], unit)
	}

	switch len(toks) {
	case 1:
		if y, ok := year(toks[0]); ok {
			if err := checkYear(s, y); err != nil {
				return nil, err
			}
			return span(y, time.January, 12, end), nil
		}
	case 2:
		for _, o := range [][2]string{{toks[0], toks[1]}, {toks[1], toks[0]}} {
			word, ytok := o[0], o[1]
			y, ok := year(ytok)
			if !ok {
				continue
			}
			if err := checkYear(s, y); err != nil {
				return nil, err
			}
			if m, ok := monthNames[word]; ok {
				return span(y, m, 1, end), nil
			}
			if m, ok := seasons[word]; ok {
				return span(y, m, 3, end), nil
			}
			if m, n, ok := compact(word); ok {
				return span(y, m, n, end), nil
			}
		}
	case 3:
		// The year may come first ("2021 IV quarter", "2017-ci ilin I rübü")
		// or last; the other two are an ordinal and a unit in either order,
		// or a day and a month.
		var y int
		var rest [2]string
		if v, ok := year(toks[2]); ok {
			y, rest = v, [2]string{toks[0], toks[1]}
		} else if v, ok := year(toks[0]); ok {
			y, rest = v, [2]string{toks[1], toks[2]}
		} else {
			break
		}
		if err := checkYear(s, y); err != nil {
			return nil, err
		}
		for _, o := range [][2]string{rest, {rest[1], rest[0]}} {
			if m, n, ok := part(o[0], o[1]); ok {
				return span(y, m, n, end), nil
			}
			if m, ok := monthNames[o[1]]; ok && len(o[0]) <= 2 && allDigits(o[0]) {
				day, _ := strconv.Atoi(o[0])
				if reason := checkDay(y, int(m), day); reason != "" {
					return nil, shapeError(s, reason)
				}
				return &Date{y, m, day}, nil
			}
		}
	}
	return nil, shapeError(s, "")
}

// ParsePeriod parses free text typed for a whole period: "2016-2018", "2016–2017" (en dash), "2016", "2017-2018-ci illər", "2016-01-01/2018-12-31", "" (empty → zero Period, no error).
//
// Text that is one bound's shape ("IV quarter of 2021", "2016") spans from
// its first to its last day. Two bounds are joined by a dash, a slash or
// "to"; the second may be a year shortened to two digits ("2016-18"), and
// either may be open ("2016 - ongoing"). A period that ends before it starts
// is an error.
func ParsePeriod(text string) (Period, error) {
	t := strings.TrimSpace(text)
	p := Period{Text: t}
	if t == "" {
		return Period{}, nil
	}
	t = strings.Join(strings.Fields(normDashes(t)), " ")

	order := GuessDateOrder(t)
	if start, err := ParsePeriodBoundOrder(t, false, order); err == nil {
		p.Start = start
		p.End, _ = ParsePeriodBoundOrder(t, true, order)
		return p, nil
	}

	for _, sep := range rangeSeps(t) {
		left := strings.TrimSpace(t[:sep.at])
		right := strings.TrimSpace(t[sep.at+sep.width:])
		if left == "" || right == "" {
			continue
		}
		if len(right) == 2 && allDigits(right) && len(left) == 4 && allDigits(left) {
			right = left[:2] + right
		}
		order := GuessDateOrder(left, right)
		start, err1 := ParsePeriodBoundOrder(left, false, order)
		end, err2 := ParsePeriodBoundOrder(right, true, order)
		if err1 != nil || err2 != nil {
			continue
		}
		p.Start, p.End = start, end
		if start != nil && end != nil && end.Before(*start) {
			return Period{}, fmt.Errorf("period %q ends (%s) before it starts (%s)", text, end, start)
		}
		return p, nil
	}
	return Period{}, fmt.Errorf("%q is not a period; write one date or two joined by a dash (2016-2018, 1/1/2016 - 12/31/2018, 2016-01-01/2018-12-31); %s", text, acceptedShapes)
}

// normDashes turns the dashes people and word processors type between two
// years (en dash, em dash, minus sign, …) into a hyphen-minus.
func normDashes(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212':
			return '-'
		}
		return r
	}, s)
}

type rangeSep struct{ at, width int }

// rangeSeps lists every place t could be cut into two bounds, in order. Both
// the hyphen and the slash also occur inside a single date, so each one is
// tried and the cut that leaves two valid bounds wins.
func rangeSeps(t string) []rangeSep {
	var seps []rangeSep
	lower := strings.ToLower(t)
	for i := 0; i < len(t); i++ {
		switch {
		case t[i] == '-' || t[i] == '/':
			seps = append(seps, rangeSep{i, 1})
		case strings.HasPrefix(lower[i:], " to "):
			seps = append(seps, rangeSep{i, 4})
		}
	}
	return seps
}

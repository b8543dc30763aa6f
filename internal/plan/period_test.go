package plan

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"strings"
	"testing"
	"time"
)

// dataSet is OGP's commitment data set shipped with the project.
const dataSet = "../../../shared/data/ogp-commitments-open-parliament.csv"

func dateStr(d *Date) string {
	if d == nil {
		return "nil"
	}
	return d.String()
}

func TestDateString(t *testing.T) {
	tests := []struct {
		d    Date
		want string
	}{
		{Date{2016, time.January, 1}, "2016-01-01"},
		{Date{2018, time.December, 31}, "2018-12-31"},
		{Date{987, time.March, 5}, "0987-03-05"},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    Date
		wantErr bool
	}{
		{"2016-01-01", Date{2016, time.January, 1}, false},
		{"2020-02-29", Date{2020, time.February, 29}, false},
		{"2000-02-29", Date{2000, time.February, 29}, false},
		{"1900-02-29", Date{}, true},
		{"2019-02-29", Date{}, true},
		{"2019-13-45", Date{}, true},
		{"2019-00-10", Date{}, true},
		{"2019-04-31", Date{}, true},
		{"2019-04-00", Date{}, true},
		{"2019-4-3", Date{}, true},
		{"2019/04/03", Date{}, true},
		{" 2019-04-03", Date{}, true},
		{"2019-04-03T00:00:00Z", Date{}, true},
		{"+201-04-03", Date{}, true},
		{"", Date{}, true},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseDate(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseDate(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestDateOrdering(t *testing.T) {
	tests := []struct {
		a, b Date
		want int
	}{
		{Date{2016, 1, 1}, Date{2016, 1, 2}, -1},
		{Date{2016, 1, 31}, Date{2016, 2, 1}, -1},
		{Date{2016, 12, 31}, Date{2017, 1, 1}, -1},
		{Date{2016, 5, 5}, Date{2016, 5, 5}, 0},
		{Date{2017, 1, 1}, Date{2016, 12, 31}, 1},
	}
	for _, tt := range tests {
		if got := tt.a.Compare(tt.b); got != tt.want {
			t.Errorf("%v.Compare(%v) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := tt.a.Before(tt.b); got != (tt.want < 0) {
			t.Errorf("%v.Before(%v) = %v, want %v", tt.a, tt.b, got, tt.want < 0)
		}
	}
}

func TestDateJSON(t *testing.T) {
	in := struct{ D Date }{Date{2016, time.March, 7}}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `{"D":"2016-03-07"}`; got != want {
		t.Fatalf("json.Marshal = %s, want %s", got, want)
	}
	var out struct{ D Date }
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if out != in {
		t.Fatalf("round trip = %v, want %v", out, in)
	}
	if err := json.Unmarshal([]byte(`{"D":"2016-02-30"}`), &out); err == nil {
		t.Fatal("json.Unmarshal of 2016-02-30: want error")
	}
}

func TestParsePeriodBound(t *testing.T) {
	tests := []struct {
		in         string
		start, end string // what the bound gives as a start and as an end
	}{
		// US month first.
		{"1/1/2018", "2018-01-01", "2018-01-01"},
		{"12/31/2018", "2018-12-31", "2018-12-31"},
		{"10/1/18", "2018-10-01", "2018-10-01"},
		{"12/31/15", "2015-12-31", "2015-12-31"},
		{"08/01/2022", "2022-08-01", "2022-08-01"},
		{"08/30/2023", "2023-08-30", "2023-08-30"},
		{"01/5/2015", "2015-01-05", "2015-01-05"},
		{"2/28/2020", "2020-02-28", "2020-02-28"},
		{"2/29/2020", "2020-02-29", "2020-02-29"},
		// Day first, because the first number cannot be a month.
		{"28/5/2014", "2014-05-28", "2014-05-28"},
		{"31/12/2013", "2013-12-31", "2013-12-31"},
		{"30/6/2015", "2015-06-30", "2015-06-30"},
		// Dots are always day first.
		{"01.05.2015", "2015-05-01", "2015-05-01"},
		{"31.12.2016", "2016-12-31", "2016-12-31"},
		// ISO and its relatives.
		{"2016-01-01", "2016-01-01", "2016-01-01"},
		{"2016/1/31", "2016-01-31", "2016-01-31"},
		// Days with a month name.
		{"1 August 2014", "2014-08-01", "2014-08-01"},
		{"August 15, 2014", "2014-08-15", "2014-08-15"},
		{"1 yanvar 2017", "2017-01-01", "2017-01-01"},
		{"15 января 2017", "2017-01-15", "2017-01-15"},
		// Months.
		{"August 2014", "2014-08-01", "2014-08-31"},
		{"February 2016", "2016-02-01", "2016-02-29"},
		{"February 2015", "2015-02-01", "2015-02-28"},
		{"december 2022", "2022-12-01", "2022-12-31"},
		{"Sept 2014", "2014-09-01", "2014-09-30"},
		{"Aug. 2014", "2014-08-01", "2014-08-31"},
		{"8/2014", "2014-08-01", "2014-08-31"},
		{"08.2014", "2014-08-01", "2014-08-31"},
		{"2017-ci ilin yanvar ayı", "2017-01-01", "2017-01-31"},
		{"İyun 2017", "2017-06-01", "2017-06-30"},
		{"IYUN 2017", "2017-06-01", "2017-06-30"},
		{"Март 2017", "2017-03-01", "2017-03-31"},
		// Years.
		{"2014", "2014-01-01", "2014-12-31"},
		{"2008", "2008-01-01", "2008-12-31"},
		{"2017-ci il", "2017-01-01", "2017-12-31"},
		{"2017 г.", "2017-01-01", "2017-12-31"},
		// Quarters.
		{"IV quarter of 2021", "2021-10-01", "2021-12-31"},
		{"I quarter of 2022", "2022-01-01", "2022-03-31"},
		{"II quarter of 2021", "2021-04-01", "2021-06-30"},
		{"III quarter of 2022", "2022-07-01", "2022-09-30"},
		{"Quarter 1 2014", "2014-01-01", "2014-03-31"},
		{"Quarter 3 2014", "2014-07-01", "2014-09-30"},
		{"Quarter 4 2016", "2016-10-01", "2016-12-31"},
		{"Q2 2015", "2015-04-01", "2015-06-30"},
		{"2015 Q2", "2015-04-01", "2015-06-30"},
		{"2015-Q2", "2015-04-01", "2015-06-30"},
		{"Q2/2015", "2015-04-01", "2015-06-30"},
		{"first quarter of 2015", "2015-01-01", "2015-03-31"},
		{"4th quarter 2015", "2015-10-01", "2015-12-31"},
		{"2017-ci ilin I rübü", "2017-01-01", "2017-03-31"},
		{"2017-ci ilin IV rübündə", "2017-10-01", "2017-12-31"},
		{"III квартал 2017 г.", "2017-07-01", "2017-09-30"},
		{"1-й квартал 2017 года", "2017-01-01", "2017-03-31"},
		// Halves.
		{"first half of 2015", "2015-01-01", "2015-06-30"},
		{"H2 2015", "2015-07-01", "2015-12-31"},
		{"2018-ci ilin II yarımili", "2018-07-01", "2018-12-31"},
		{"2018-CI İLİN II YARIMİLİ", "2018-07-01", "2018-12-31"},
		// Seasons.
		{"Spring 2015", "2015-03-01", "2015-05-31"},
		{"summer 2015", "2015-06-01", "2015-08-31"},
		{"Autumn 2015", "2015-09-01", "2015-11-30"},
		{"Fall 2015", "2015-09-01", "2015-11-30"},
		{"Winter 2015", "2015-12-01", "2016-02-29"},
		{"Winter 2016", "2016-12-01", "2017-02-28"},
		// Excel day numbers.
		{"43525", "2019-03-01", "2019-03-01"},
		{"44439", "2021-08-31", "2021-08-31"},
		{"20000", "1954-10-03", "1954-10-03"},
		{"80000", "2119-01-11", "2119-01-11"},
		// A year typed into a date-formatted cell.
		{"7/15/1905", "2023-01-01", "2023-12-31"},
		{"7/16/1905", "2024-01-01", "2024-12-31"},
		{"7/19/1905", "2027-01-01", "2027-12-31"},
		{"7/20/1905", "2028-01-01", "2028-12-31"},
		{"6/12/1905", "1990-01-01", "1990-12-31"},
		{"1905-07-15", "2023-01-01", "2023-12-31"},
		// Years 1900-1910 whose day number is no plausible year stay as typed.
		{"1/1/1901", "1901-01-01", "1901-01-01"},
		// No date at all.
		{"", "nil", "nil"},
		{"  ", "nil", "nil"},
		{"NA", "nil", "nil"},
		{"nd", "nil", "nil"},
		{"NR", "nil", "nil"},
		{"N/A", "nil", "nil"},
		{"Ongoing", "nil", "nil"},
		{"ONGOING", "nil", "nil"},
		{"In progress", "nil", "nil"},
		{"in  Progress", "nil", "nil"},
		{"Underway", "nil", "nil"},
		{"Permanent activity", "nil", "nil"},
		{"Continuous", "nil", "nil"},
		{"Daimi", "nil", "nil"},
		{"DAVAMLI", "nil", "nil"},
		{"Постоянно", "nil", "nil"},
		// Surrounding white space is not part of the value.
		{" 1/1/2018 ", "2018-01-01", "2018-01-01"},
	}
	for _, tt := range tests {
		for _, end := range []bool{false, true} {
			want := tt.start
			if end {
				want = tt.end
			}
			d, err := ParsePeriodBound(tt.in, end)
			if err != nil {
				t.Errorf("ParsePeriodBound(%q, %v): %v", tt.in, end, err)
				continue
			}
			if got := dateStr(d); got != want {
				t.Errorf("ParsePeriodBound(%q, %v) = %s, want %s", tt.in, end, got, want)
			}
		}
	}
}

func TestParsePeriodBoundErrors(t *testing.T) {
	tests := []struct {
		in     string
		reason string // a part of the message; every message also lists the shapes
	}{
		{"2019-13-45", "no month 13"},
		{"13/13/2020", "no month 13"},
		{"31/2/2020", "February 2020 has no day 31"},
		{"2/30/2020", "February 2020 has no day 30"},
		{"2/29/2019", "February 2019 has no day 29"},
		{"4/31/2018", "April 2018 has no day 31"},
		{"0/1/2018", "no month 0"},
		{"1/0/2018", "January 2018 has no day 0"},
		{"31.13.2016", "no month 13"},
		{"13/2018", "no month 13"},
		{"soon", ""},
		{"2019-13", ""},
		{"V quarter of 2021", ""},
		{"III half of 2021", ""},
		{"Q5 2021", ""},
		{"quarter of 2021", ""},
		{"Augustus 2014", ""},
		{"32 August 2014", "August 2014 has no day 32"},
		{"12345", "Excel day number"},
		{"99999", "Excel day number"},
		{"201", ""},
		{"0201", "out of range"},
		{"2/1/2201", "out of range"},
		{"1/1/1850", "out of range"},
		{"2016-2018", ""},
		{"2016 2018", ""},
		{"Ongoing until 2018", ""},
		{"43525.5", ""},
		{"2016-", ""},
		{"/2016", ""},
	}
	for _, tt := range tests {
		for _, end := range []bool{false, true} {
			d, err := ParsePeriodBound(tt.in, end)
			if err == nil {
				t.Errorf("ParsePeriodBound(%q, %v) = %s, want error", tt.in, end, dateStr(d))
				continue
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.reason) {
				t.Errorf("ParsePeriodBound(%q) error %q does not say %q", tt.in, msg, tt.reason)
			}
			for _, shape := range []string{"1/31/2018", "August 2014", "IV quarter of 2021", "43525", "Ongoing"} {
				if !strings.Contains(msg, shape) {
					t.Errorf("ParsePeriodBound(%q) error %q does not name the shape %q", tt.in, msg, shape)
				}
			}
		}
	}
}

func TestParsePeriodBoundOrder(t *testing.T) {
	tests := []struct {
		in    string
		order DateOrder
		want  string
	}{
		{"1/7/2014", MonthFirst, "2014-01-07"},
		{"1/7/2014", DayFirst, "2014-07-01"},
		{"01/5/2015", DayFirst, "2015-05-01"},
		// Dates that read only one way ignore the order.
		{"31/12/2014", MonthFirst, "2014-12-31"},
		{"12/31/2014", DayFirst, "2014-12-31"},
		{"31.12.2014", MonthFirst, "2014-12-31"},
		{"12/12/2014", DayFirst, "2014-12-12"},
	}
	for _, tt := range tests {
		d, err := ParsePeriodBoundOrder(tt.in, false, tt.order)
		if err != nil {
			t.Errorf("ParsePeriodBoundOrder(%q, %v): %v", tt.in, tt.order, err)
			continue
		}
		if got := dateStr(d); got != tt.want {
			t.Errorf("ParsePeriodBoundOrder(%q, %v) = %s, want %s", tt.in, tt.order, got, tt.want)
		}
	}
}

func TestGuessDateOrder(t *testing.T) {
	tests := []struct {
		cells []string
		want  DateOrder
	}{
		{[]string{"1/7/2014", "31/12/2016"}, DayFirst},
		{[]string{"NA", "30/6/2015"}, DayFirst},
		{[]string{"NA", "01/5/2015"}, DayFirst},
		{[]string{"01/6/2011", "01/9/2015"}, DayFirst},
		{[]string{"1/1/2013", "02/3/2014"}, DayFirst},
		{[]string{"1/1/2018", "12/31/2019"}, MonthFirst},
		{[]string{"08/01/2022", "08/30/2023"}, MonthFirst},
		{[]string{"11/01/2022", "11/05/2023"}, MonthFirst},
		{[]string{"1/1/2018", "6/1/2019"}, MonthFirst},
		{[]string{"31/12/2014", "12/31/2015"}, MonthFirst},
		{[]string{"November 2014", "30/6/2016"}, DayFirst},
		{[]string{"Ongoing", "2016"}, MonthFirst},
		{nil, MonthFirst},
	}
	for _, tt := range tests {
		if got := GuessDateOrder(tt.cells...); got != tt.want {
			t.Errorf("GuessDateOrder(%q) = %v, want %v", tt.cells, got, tt.want)
		}
	}
}

func TestIsOpenEnded(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Ongoing", true},
		{"ongoing", true},
		{"ONGOING ", true},
		{"In progress", true},
		{"IN PROGRESS", true},
		{"Underway", true},
		{"Permanent activity", true},
		{"permanent  activity", true},
		{"Continuous", true},
		{"Continuous.", true},
		{"Daimi", true},
		{"DAİMİ", true},
		{"davamlı", true},
		{"", false},
		{"NA", false},
		{"ND", false},
		{"NR", false},
		{"2016", false},
		{"soon", false},
	}
	for _, tt := range tests {
		if got := IsOpenEnded(tt.in); got != tt.want {
			t.Errorf("IsOpenEnded(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		in         string
		text       string
		start, end string
	}{
		{"", "", "nil", "nil"},
		{"   ", "", "nil", "nil"},
		{"2016-2018", "2016-2018", "2016-01-01", "2018-12-31"},
		{"2016–2017", "2016–2017", "2016-01-01", "2017-12-31"},
		{"2016 — 2017", "2016 — 2017", "2016-01-01", "2017-12-31"},
		{"2016 - 2018", "2016 - 2018", "2016-01-01", "2018-12-31"},
		{"2016-18", "2016-18", "2016-01-01", "2018-12-31"},
		{"2011-12", "2011-12", "2011-01-01", "2012-12-31"},
		{"2016/2018", "2016/2018", "2016-01-01", "2018-12-31"},
		{"2016 to 2018", "2016 to 2018", "2016-01-01", "2018-12-31"},
		{"2016", "2016", "2016-01-01", "2016-12-31"},
		{"2016-2016", "2016-2016", "2016-01-01", "2016-12-31"},
		{"2017-2018-ci illər", "2017-2018-ci illər", "2017-01-01", "2018-12-31"},
		{"2017–2018-ci illər ərzində", "2017–2018-ci illər ərzində", "2017-01-01", "2018-12-31"},
		{"2017-ci il", "2017-ci il", "2017-01-01", "2017-12-31"},
		{"2016-2018 гг.", "2016-2018 гг.", "2016-01-01", "2018-12-31"},
		{"2016-01-01/2018-12-31", "2016-01-01/2018-12-31", "2016-01-01", "2018-12-31"},
		{"2016-01-01 - 2018-12-31", "2016-01-01 - 2018-12-31", "2016-01-01", "2018-12-31"},
		{"1/1/2016 - 12/31/2018", "1/1/2016 - 12/31/2018", "2016-01-01", "2018-12-31"},
		{"1/7/2014-31/12/2016", "1/7/2014-31/12/2016", "2014-07-01", "2016-12-31"},
		{"01.07.2016-31.12.2018", "01.07.2016-31.12.2018", "2016-07-01", "2018-12-31"},
		{"I quarter of 2017 - IV quarter of 2018", "I quarter of 2017 - IV quarter of 2018", "2017-01-01", "2018-12-31"},
		{"2017-ci ilin I rübü - 2018-ci ilin IV rübü", "2017-ci ilin I rübü - 2018-ci ilin IV rübü", "2017-01-01", "2018-12-31"},
		{"March 2016 – December 2017", "March 2016 – December 2017", "2016-03-01", "2017-12-31"},
		{"01/2016-06/2017", "01/2016-06/2017", "2016-01-01", "2017-06-30"},
		{"IV quarter of 2021", "IV quarter of 2021", "2021-10-01", "2021-12-31"},
		{"Spring 2015", "Spring 2015", "2015-03-01", "2015-05-31"},
		{"2016-05-01", "2016-05-01", "2016-05-01", "2016-05-01"},
		{"01/5/2015", "01/5/2015", "2015-05-01", "2015-05-01"},
		{"Ongoing", "Ongoing", "nil", "nil"},
		{"Daimi", "Daimi", "nil", "nil"},
		{"2016 - ongoing", "2016 - ongoing", "2016-01-01", "nil"},
		{"2016-davamlı", "2016-davamlı", "2016-01-01", "nil"},
		{"NA", "NA", "nil", "nil"},
		{" 2016-2018 ", "2016-2018", "2016-01-01", "2018-12-31"},
	}
	for _, tt := range tests {
		p, err := ParsePeriod(tt.in)
		if err != nil {
			t.Errorf("ParsePeriod(%q): %v", tt.in, err)
			continue
		}
		if p.Text != tt.text || dateStr(p.Start) != tt.start || dateStr(p.End) != tt.end {
			t.Errorf("ParsePeriod(%q) = {%q %s %s}, want {%q %s %s}",
				tt.in, p.Text, dateStr(p.Start), dateStr(p.End), tt.text, tt.start, tt.end)
		}
	}
}

func TestParsePeriodErrors(t *testing.T) {
	tests := []struct {
		in     string
		reason string
	}{
		{"2018-2016", "before it starts"},
		{"2016-12", "before it starts"},
		{"12/31/2018 - 1/1/2018", "before it starts"},
		{"soon", "is not a period"},
		{"2016-2017-2018", "is not a period"},
		{"2019-13-45", "is not a period"},
		{"2016 2018", "is not a period"},
		{"2016-", "is not a period"},
		{"-2016", "is not a period"},
		{"2016 - soon", "is not a period"},
	}
	for _, tt := range tests {
		p, err := ParsePeriod(tt.in)
		if err == nil {
			t.Errorf("ParsePeriod(%q) = {%q %s %s}, want error", tt.in, p.Text, dateStr(p.Start), dateStr(p.End))
			continue
		}
		if !strings.Contains(err.Error(), tt.reason) {
			t.Errorf("ParsePeriod(%q) error %q does not say %q", tt.in, err, tt.reason)
		}
	}
}

// readDataSet returns the rows of OGP's commitment data set as maps from
// column name to value, skipping the test when the file is not there.
func readDataSet(t *testing.T) []map[string]string {
	t.Helper()
	f, err := os.Open(dataSet)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s is absent", dataSet)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) < 2 {
		t.Fatalf("%s has no rows", dataSet)
	}
	head := recs[0]
	rows := make([]map[string]string, 0, len(recs)-1)
	for _, rec := range recs[1:] {
		row := make(map[string]string, len(head))
		for i, name := range head {
			row[name] = rec[i]
		}
		rows = append(rows, row)
	}
	return rows
}

// TestParsePeriodBoundDataSet feeds every distinct Start Date and End Date
// of the real data set, so a shape OGP uses can never be left out.
func TestParsePeriodBoundDataSet(t *testing.T) {
	rows := readDataSet(t)
	seen := map[string]bool{}
	for _, row := range rows {
		for _, col := range []string{"Start Date", "End Date"} {
			v, ok := row[col]
			if !ok {
				t.Fatalf("%s has no column %q", dataSet, col)
			}
			seen[v] = true
		}
	}
	if len(seen) < 100 {
		t.Fatalf("only %d distinct dates in %s; is it the right file?", len(seen), dataSet)
	}
	for v := range seen {
		for _, end := range []bool{false, true} {
			if _, err := ParsePeriodBound(v, end); err != nil {
				t.Errorf("ParsePeriodBound(%q, %v): %v", v, end, err)
			}
		}
	}
}

// TestParsePeriodBoundDataSetRows reads each commitment's two cells the way
// an import would, with the row's own date order, and checks the periods
// make sense.
func TestParsePeriodBoundDataSetRows(t *testing.T) {
	rows := readDataSet(t)
	for i, row := range rows {
		id, start, end := row["Commitment Unique Identifier"], row["Start Date"], row["End Date"]
		order := GuessDateOrder(start, end)
		s, err := ParsePeriodBoundOrder(start, false, order)
		if err != nil {
			t.Errorf("row %d (%s) Start Date: %v", i+2, id, err)
		}
		e, err := ParsePeriodBoundOrder(end, true, order)
		if err != nil {
			t.Errorf("row %d (%s) End Date: %v", i+2, id, err)
		}
		if s != nil && e != nil && e.Before(*s) {
			t.Errorf("row %d (%s): %q - %q reads as %s - %s, ending before it starts", i+2, id, start, end, s, e)
		}
	}
}

// TestParsePeriodBoundDataSetSamples pins how some cells of the data set
// read, the ones that needed a decision.
func TestParsePeriodBoundDataSetSamples(t *testing.T) {
	rows := readDataSet(t)
	byID := map[string]map[string]string{}
	for _, row := range rows {
		byID[row["Commitment Unique Identifier"]] = row
	}
	tests := []struct {
		id         string
		start, end string
	}{
		{"LK0032", "2019-03-01", "2021-08-31"}, // Excel day numbers
		{"KE0037", "2024-01-01", "2027-12-31"}, // years typed into date cells
		{"NL0058", "2023-01-01", "2027-12-31"},
		{"BG0027", "2014-07-01", "2016-12-31"}, // 1/7/2014 beside 31/12/2016
		{"NL0015", "2011-06-01", "2015-09-01"}, // 01/6/2011 and 01/9/2015
		{"UA0034", "nil", "2015-05-01"},        // 01/5/2015 among day-first cells
		{"BR0106", "2018-10-01", "2021-12-31"}, // 10/1/18
		{"LV0024", "2012-11-08", "nil"},        // Permanent activity
	}
	for _, tt := range tests {
		row, ok := byID[tt.id]
		if !ok {
			t.Errorf("%s is not in %s", tt.id, dataSet)
			continue
		}
		order := GuessDateOrder(row["Start Date"], row["End Date"])
		s, err1 := ParsePeriodBoundOrder(row["Start Date"], false, order)
		e, err2 := ParsePeriodBoundOrder(row["End Date"], true, order)
		if err1 != nil || err2 != nil {
			t.Errorf("%s: %v, %v", tt.id, err1, err2)
			continue
		}
		if dateStr(s) != tt.start || dateStr(e) != tt.end {
			t.Errorf("%s %q - %q = %s - %s, want %s - %s",
				tt.id, row["Start Date"], row["End Date"], dateStr(s), dateStr(e), tt.start, tt.end)
		}
	}
}

package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"ogpp/internal/app"
	"ogpp/internal/store/storetest"
)

// ogpCSV is OGP's commitment data set as shipped beside the project.
const ogpCSV = "../../../shared/data/ogp-commitments-open-parliament.csv"

// databases returns the --db values the CLI tests run against: a SQLite
// file and, when configured, a PostgreSQL schema.
func databases(t *testing.T) map[string]string {
	dbs := map[string]string{"sqlite": filepath.Join(t.TempDir(), "cli.db")}
	if os.Getenv(storetest.PostgresEnv) != "" {
		dbs["postgres"] = storetest.PostgresDSN(t)
	}
	return dbs
}

func ogp(t *testing.T) string {
	if _, err := os.Stat(ogpCSV); err != nil {
		t.Skipf("OGP data set not beside the project: %v", err)
	}
	return ogpCSV
}

func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func counts(t *testing.T, dsn string) string {
	t.Helper()
	db, err := app.OpenStore(context.Background(), dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c, err := db.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join([]string{itoa(c.Members), itoa(c.Plans), itoa(c.Measures)}, "/")
}

func TestImportOGPDataSet(t *testing.T) {
	file := ogp(t)
	for name, dsn := range databases(t) {
		t.Run(name, func(t *testing.T) {
			code, out, errOut := runCLI(t, "import", "--db", dsn, "--format", "ogp", file)
			if code != 0 {
				t.Fatalf("import: exit %d\n%s%s", code, out, errOut)
			}
			if got, want := counts(t, dsn), "75/214/558"; got != want {
				t.Fatalf("members/plans/measures = %s, want %s", got, want)
			}
			// The IRM's 85 progress and 132 end-of-term reports.
			for _, want := range []string{"  measures         558 created,", "  rounds           217 created,", "  assessments      551 created,"} {
				if !strings.Contains(out, want) {
					t.Errorf("first import's report lacks %q:\n%s", want, out)
				}
			}
			code, out, _ = runCLI(t, "import", "--db", dsn, "--format", "ogp", file)
			if code != 0 || !strings.HasPrefix(out, "Nothing changed") {
				t.Errorf("second import: exit %d, %q", code, out)
			}
			for _, want := range []string{"  rounds             0 created,     0 updated,   217 unchanged", "  assessments        0 created,     0 updated,   551 unchanged"} {
				if !strings.Contains(out, want) {
					t.Errorf("second import's report lacks %q:\n%s", want, out)
				}
			}
		})
	}
}

func TestBadFileIsRefusedWithEveryProblem(t *testing.T) {
	rows := readCSV(t, ogp(t))
	header := rows[0]
	start := indexOf(header, "Start Date")
	title := indexOf(header, "Commitment Title")
	rows[10][start] = "2019-13-45"
	var bad [][]string
	for _, r := range rows {
		bad = append(bad, append(append([]string{}, r[:title]...), r[title+1:]...))
	}
	path := filepath.Join(t.TempDir(), "bad.csv")
	writeCSV(t, path, bad)
	for name, dsn := range databases(t) {
		t.Run(name, func(t *testing.T) {
			code, _, errOut := runCLI(t, "import", "--db", dsn, "--format", "ogp", path)
			if code == 0 {
				t.Fatal("a bad file was accepted")
			}
			for _, want := range []string{`column "Commitment Title"`, `row 11, column "Start Date", value "2019-13-45"`, "nothing was imported"} {
				if !strings.Contains(errOut, want) {
					t.Errorf("errors lack %q:\n%s", want, errOut)
				}
			}
			if got := counts(t, dsn); got != "0/0/0" {
				t.Errorf("database changed: %s", got)
			}
		})
	}
}

// --skip-invalid imports the other rows' plans and ratings and names the
// row left out.
func TestImportSkippingInvalidRows(t *testing.T) {
	rows := readCSV(t, ogp(t))
	header := rows[0]
	// Row 4 of the file, AL0050, is rated in both of AP_ALB03's reports.
	if rows[3][indexOf(header, "Commitment Unique Identifier")] != "AL0050" {
		t.Fatalf("row 4 is %s, want AL0050", rows[3][0])
	}
	rows[3][indexOf(header, "Completion (End Of Term)")] = "Mostly"
	path := filepath.Join(t.TempDir(), "bad.csv")
	writeCSV(t, path, rows)
	for name, dsn := range databases(t) {
		t.Run(name, func(t *testing.T) {
			code, _, _ := runCLI(t, "import", "--db", dsn, "--format", "ogp", path)
			if code == 0 || counts(t, dsn) != "0/0/0" {
				t.Fatalf("without --skip-invalid: exit %d, counts %s", code, counts(t, dsn))
			}
			code, out, errOut := runCLI(t, "import", "--db", dsn, "--format", "ogp", "--skip-invalid", path)
			if code != 0 {
				t.Fatalf("import: exit %d\n%s%s", code, out, errOut)
			}
			if want := `row 4, column "Completion (End Of Term)", value "Mostly"`; !strings.Contains(errOut, want) {
				t.Errorf("problems lack %q:\n%s", want, errOut)
			}
			if got, want := counts(t, dsn), "75/214/557"; got != want {
				t.Errorf("members/plans/measures = %s, want %s", got, want)
			}
			// AP_ALB03 keeps its rounds through its other commitment.
			for _, want := range []string{"  rounds           217 created,", "  assessments      549 created,"} {
				if !strings.Contains(out, want) {
					t.Errorf("report lacks %q:\n%s", want, out)
				}
			}
		})
	}
}

func TestExportImportExportIsIdentical(t *testing.T) {
	for _, format := range []string{"json", "csv"} {
		t.Run(format, func(t *testing.T) {
			dir := t.TempDir()
			first, second := filepath.Join(dir, "first."+format), filepath.Join(dir, "second."+format)
			a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
			for _, args := range [][]string{
				{"demo", "--db", a},
				{"export", "--db", a, "--format", format, "--out", first},
				{"import", "--db", b, "--format", format, first},
				{"export", "--db", b, "--format", format, "--out", second},
			} {
				if code, out, errOut := runCLI(t, args...); code != 0 {
					t.Fatalf("%v: exit %d\n%s%s", args, code, out, errOut)
				}
			}
			x, _ := os.ReadFile(first)
			y, _ := os.ReadFile(second)
			if len(x) < 100000 || !bytes.Equal(x, y) {
				t.Errorf("exports differ (%d and %d bytes)", len(x), len(y))
			}
		})
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"frobnicate"}, {"import", "--format", "ogp"}, {"serve", "--no-such-flag"}} {
		if code, _, _ := runCLI(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if code, out, _ := runCLI(t, "version"); code != 0 || !strings.HasPrefix(out, "ogpp ") {
		t.Errorf("version: %d %q", code, out)
	}
	dir := t.TempDir()
	if code, _, errOut := runCLI(t, "import", "--db", filepath.Join(dir, "x.db"), "--format", "xml", filepath.Join(dir, "none.csv")); code != 1 || !strings.Contains(errOut, "none.csv") {
		t.Errorf("missing file: exit %d, %q", code, errOut)
	}
}

func readCSV(t *testing.T, path string) [][]string {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func writeCSV(t *testing.T, path string, rows [][]string) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(f)
	w.WriteAll(rows)
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func indexOf(xs []string, x string) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	panic("no column " + x)
}

func itoa(n int) string { return strconv.Itoa(n) }

package app

import (
	"context"
	"errors"
	"fmt"
	"io"

	"ogpp/internal/audit"
	"ogpp/internal/monitor"
	"ogpp/internal/opendata"
	"ogpp/internal/plan"
)

// Formats a file can be imported from.
const (
	FormatOGP  = "ogp"
	FormatJSON = "json"
	FormatCSV  = "csv"
)

// ImportOptions says what to import and how.
type ImportOptions struct {
	Format string
	// SkipInvalid imports the valid rows of a file with bad rows, reporting
	// the bad ones, instead of refusing the whole file.
	SkipInvalid bool
}

// ErrInvalid is returned (wrapped) when an import was refused because of
// problems in the file; the problems have already been written out.
var ErrInvalid = fmt.Errorf("the file has problems; nothing was imported")

// Importer is what imports write to: the plan registry and monitoring,
// both in one transaction (the store implements it).
type Importer interface {
	plan.Loader
	ImportAll(ctx context.Context, actor audit.Actor, reg *plan.Bundle, mon *monitor.Bundle) (plan.ImportReport, monitor.ImportReport, error)
}

// Report is what an import did to the registry and to monitoring.
type Report struct {
	Registry   plan.ImportReport
	Monitoring monitor.ImportReport
}

// Changed reports whether the import wrote anything.
func (r Report) Changed() bool { return r.Registry.Changed() || r.Monitoring.Changed() }

// Add sums two reports, for imports done in parts.
func (r Report) Add(o Report) Report {
	add := func(a, b plan.Tally) plan.Tally {
		return plan.Tally{Created: a.Created + b.Created, Updated: a.Updated + b.Updated, Unchanged: a.Unchanged + b.Unchanged}
	}
	return Report{Registry: r.Registry.Add(o.Registry), Monitoring: monitor.ImportReport{
		Rounds:      add(r.Monitoring.Rounds, o.Monitoring.Rounds),
		Assessments: add(r.Monitoring.Assessments, o.Monitoring.Assessments),
	}}
}

// Import reads a file in the given format and writes it in one transaction:
// for OGP's data set, its plans together with the IRM's rounds and
// assessments. Problems are written to out one per line; unless SkipInvalid
// is set, any problem refuses the whole file and changes nothing.
func Import(ctx context.Context, db Importer, r io.Reader, opt ImportOptions, out io.Writer) (Report, error) {
	var b *plan.Bundle
	var mon *monitor.Bundle
	var problems plan.Problems
	var err error
	switch opt.Format {
	case FormatOGP:
		b, mon, problems, err = opendata.ReadOGPAll(r, opt.SkipInvalid)
	case FormatJSON:
		b, problems, err = opendata.ReadJSON(r)
	case FormatCSV:
		b, problems, err = opendata.ReadCSV(r)
	default:
		return Report{}, fmt.Errorf("unknown format %q: use ogp, json or csv", opt.Format)
	}
	if err != nil {
		return Report{}, err
	}
	for _, p := range problems {
		fmt.Fprintln(out, p.String())
	}
	switch {
	case len(problems) == 0 && b != nil:
	case b == nil || !opt.SkipInvalid || opt.Format != FormatOGP:
		// A file whose columns are wrong cannot be imported row by row.
		fmt.Fprintf(out, "%d problem(s) found; nothing was imported.\n", len(problems))
		return Report{}, ErrInvalid
	default:
		fmt.Fprintf(out, "%d problem(s) found; the rows named were skipped.\n", len(problems))
	}
	var report Report
	if mon != nil {
		report.Registry, report.Monitoring, err = db.ImportAll(ctx, audit.System("import"), b, mon)
	} else {
		report.Registry, err = db.Import(ctx, b)
	}
	if err != nil {
		var ps plan.Problems
		if errors.As(err, &ps) {
			for _, p := range ps {
				fmt.Fprintln(out, p.String())
			}
			return Report{}, ErrInvalid
		}
		return Report{}, err
	}
	if report.Changed() {
		if err := searchChanged(ctx, db); err != nil {
			return report, err
		}
	}
	return report, nil
}

// Export writes the whole registry in the given format.
func Export(ctx context.Context, db plan.Loader, format string, w io.Writer) error {
	b, err := db.Export(ctx)
	if err != nil {
		return err
	}
	switch format {
	case FormatJSON:
		return opendata.WriteJSON(w, b)
	case FormatCSV:
		return opendata.WriteCSV(w, b)
	default:
		return fmt.Errorf("unknown format %q: use json or csv", format)
	}
}

// FormatReport describes an import's outcome in one line per entity kind,
// monitoring's rounds and assessments after the registry's.
func FormatReport(r Report) string {
	line := func(name string, t plan.Tally) string {
		return fmt.Sprintf("  %-14s %5d created, %5d updated, %5d unchanged\n", name, t.Created, t.Updated, t.Unchanged)
	}
	g := r.Registry
	return line("members", g.Members) + line("plans", g.Plans) + line("areas", g.Areas) +
		line("measures", g.Measures) + line("organisations", g.Organisations) +
		line("rounds", r.Monitoring.Rounds) + line("assessments", r.Monitoring.Assessments)
}

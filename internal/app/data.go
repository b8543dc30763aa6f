package app

import (
	"context"
	"fmt"
	"io"

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

// Import reads a file in the given format and writes it in one transaction.
// Problems are written to out one per line; unless SkipInvalid is set, any
// problem refuses the whole file and changes nothing.
func Import(ctx context.Context, db plan.Loader, r io.Reader, opt ImportOptions, out io.Writer) (plan.ImportReport, error) {
	var b *plan.Bundle
	var problems plan.Problems
	var err error
	switch opt.Format {
	case FormatOGP:
		if opt.SkipInvalid {
			b, problems, err = opendata.ReadOGPSkipping(r)
		} else {
			b, problems, err = opendata.ReadOGP(r)
		}
	case FormatJSON:
		b, problems, err = opendata.ReadJSON(r)
	case FormatCSV:
		b, problems, err = opendata.ReadCSV(r)
	default:
		return plan.ImportReport{}, fmt.Errorf("unknown format %q: use ogp, json or csv", opt.Format)
	}
	if err != nil {
		return plan.ImportReport{}, err
	}
	for _, p := range problems {
		fmt.Fprintln(out, p.String())
	}
	switch {
	case len(problems) == 0 && b != nil:
	case b == nil || !opt.SkipInvalid || opt.Format != FormatOGP:
		// A file whose columns are wrong cannot be imported row by row.
		fmt.Fprintf(out, "%d problem(s) found; nothing was imported.\n", len(problems))
		return plan.ImportReport{}, ErrInvalid
	default:
		fmt.Fprintf(out, "%d problem(s) found; the rows named were skipped.\n", len(problems))
	}
	report, err := db.Import(ctx, b)
	if err != nil {
		if ps, ok := err.(plan.Problems); ok {
			for _, p := range ps {
				fmt.Fprintln(out, p.String())
			}
			return report, ErrInvalid
		}
		return report, err
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

// FormatReport describes an import's outcome in one line per entity kind.
func FormatReport(r plan.ImportReport) string {
	line := func(name string, t plan.Tally) string {
		return fmt.Sprintf("  %-14s %5d created, %5d updated, %5d unchanged\n", name, t.Created, t.Updated, t.Unchanged)
	}
	return line("members", r.Members) + line("plans", r.Plans) + line("areas", r.Areas) +
		line("measures", r.Measures) + line("organisations", r.Organisations)
}

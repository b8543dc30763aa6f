package web

import (
	"strconv"
	"testing"

	"ogpp/internal/store"
)

// BenchmarkRoundReportPDF generates the PDF report of the latest published
// round of the demo's largest plan, reading its figures included.
func BenchmarkRoundReportPDF(b *testing.B) {
	eachDialect(b, func(b *testing.B, db *store.DB) {
		s, round, _ := dashboardBench(b, db)
		benchPage(b, s, "/rounds/"+strconv.FormatInt(round, 10)+"/report.pdf")
	})
}

// BenchmarkRoundReportXLSX generates the same report as a workbook.
func BenchmarkRoundReportXLSX(b *testing.B) {
	eachDialect(b, func(b *testing.B, db *store.DB) {
		s, round, _ := dashboardBench(b, db)
		benchPage(b, s, "/rounds/"+strconv.FormatInt(round, 10)+"/report.xlsx")
	})
}

// BenchmarkRoundReportPage renders the report's page for printing.
func BenchmarkRoundReportPage(b *testing.B) {
	eachDialect(b, func(b *testing.B, db *store.DB) {
		s, round, _ := dashboardBench(b, db)
		benchPage(b, s, "/rounds/"+strconv.FormatInt(round, 10)+"/report")
	})
}

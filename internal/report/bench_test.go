package report

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"ogpp/internal/monitor"
	"ogpp/internal/plan"
)

// bigRound is a plan far larger than any in the demo — 600 measures in 20
// areas, every one assessed with a narrative of a few paragraphs and two
// pieces of evidence — to see how the formats grow.
func bigRound() Round {
	levels := []monitor.Completion{monitor.NotStarted, monitor.Limited, monitor.Substantial, monitor.Complete}
	var ms []plan.Measure
	as := map[int64]monitor.Assessment{}
	narrative := strings.Repeat("Şuranın iclasları keçirilib, **hesabat** dərc edilib; ictimai müzakirə davam edir. ", 6) + "\n\n- birinci\n- ikinci"
	for i := range 600 {
		area := plan.Area{ID: int64(i/30 + 1), Number: fmt.Sprint(i/30 + 1), Title: plan.Text{"az": fmt.Sprintf("Sahə %d: şəffaflıq və hesabatlılıq", i/30+1)}}
		m := plan.Measure{ID: int64(i + 1), AreaID: area.ID, Area: area, Clause: fmt.Sprintf("%d.%d", i/30+1, i%30+1),
			Title: plan.Text{"az": fmt.Sprintf("Tədbir %d: açıq məlumatların dərc edilməsi", i+1)}}
		ms = append(ms, m)
		as[m.ID] = monitor.Assessment{Rating: monitor.Rating{Completion: levels[i%4], Narrative: narrative},
			Evidence: []monitor.Evidence{{Title: "Protokol", URL: "https://example.org/p"}, {FileName: "qərar.pdf", SHA256: strings.Repeat("ab", 32)}}}
	}
	asOf := plan.Date{Year: 2018, Month: 12, Day: 31}
	return NewRound(RoundInput{Lang: "az", Plan: plan.Plan{Title: plan.Text{"az": "Böyük plan"}}, Measures: ms, Assessments: as,
		Progress: monitor.Summarise(ms, as, nil, asOf), AsOf: asOf, Generated: generated})
}

// countingWriter counts what is written.
type countingWriter struct{ n int }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += len(p); return len(p), nil }

var _ io.Writer = (*countingWriter)(nil)

func BenchmarkBigRoundPDF(b *testing.B) {
	r := bigRound()
	var size int
	for b.Loop() {
		var c countingWriter
		if err := r.WritePDF(&c, generated); err != nil {
			b.Fatal(err)
		}
		size = c.n
	}
	b.ReportMetric(float64(size), "bytes")
}

func BenchmarkBigRoundXLSX(b *testing.B) {
	r := bigRound()
	var size int
	for b.Loop() {
		var c countingWriter
		if err := r.WriteXLSX(&c); err != nil {
			b.Fatal(err)
		}
		size = c.n
	}
	b.ReportMetric(float64(size), "bytes")
}

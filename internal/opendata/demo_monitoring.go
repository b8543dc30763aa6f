package opendata

import (
	"bytes"
	"fmt"

	"ogpp/internal/monitor"
	"ogpp/internal/plan"
)

// AzerbaijanRoundID is the external id of the demo's open round of the
// platform's own monitoring of Azerbaijan's NAP 2016-2018.
const AzerbaijanRoundID = AzerbaijanNAPID + "/cso-2018"

// AzerbaijanMonitoring returns the demo's monitoring of Azerbaijan's NAP
// 2016-2018: one open round of the civil-society platform's monitoring of
// the whole plan, for monitors to work in. It holds no assessments: the
// public sources give none of the platform's ratings, and ogpp invents
// none.
func AzerbaijanMonitoring() *monitor.Bundle {
	return &monitor.Bundle{Rounds: []monitor.BundleRound{{
		ExternalID: AzerbaijanRoundID,
		Plan:       AzerbaijanNAPID,
		Name: plan.Text{
			"en": "OGP Platform's civil-society monitoring, 2016-2018",
			"az": "AHT Platformasının vətəndaş cəmiyyəti monitorinqi, 2016-2018",
			"ru": "Общественный мониторинг Платформы ОГП, 2016-2018",
		},
		Kind: monitor.KindEndOfTerm,
		Period: plan.Period{Text: "2016-2018",
			Start: &plan.Date{Year: 2016, Month: 1, Day: 1}, End: &plan.Date{Year: 2018, Month: 12, Day: 31}},
		Status: monitor.RoundOpen,
	}}}
}

// DemoSet is one source of the demo data: plans and their monitoring,
// imported together.
type DemoSet struct {
	Registry   *plan.Bundle
	Monitoring *monitor.Bundle
}

// DemoSets returns the demo data set in the order to import it: Azerbaijan's
// NAP 2016-2018 with its open round, then OGP's commitment data set with the
// IRM's rounds. DemoBundles gives the same plans without monitoring.
func DemoSets() ([]DemoSet, error) {
	az, err := AzerbaijanNAP()
	if err != nil {
		return nil, err
	}
	ogp, irm, ps, err := ReadOGPAll(bytes.NewReader(ogpCSV), false)
	if err != nil {
		return nil, fmt.Errorf("embedded OGP data set: %w", err)
	}
	if len(ps) > 0 {
		return nil, fmt.Errorf("embedded OGP data set: %w", ps)
	}
	return []DemoSet{{az, AzerbaijanMonitoring()}, {ogp, irm}}, nil
}

// Package opendata moves plans in and out of ogpp: OGP's commitment data
// set, the Azerbaijan NAP known from public sources, and ogpp's own JSON and
// CSV formats. Every reader returns a plan.Bundle for store.Import and the
// problems of its input, by row, column and value, so that a bad file is
// refused as a whole with everything wrong in it listed.
package opendata

import (
	"bytes"
	_ "embed"
	"fmt"

	"ogpp/internal/plan"
)

// The demo data set, embedded so that the binary needs no files beside it.
var (
	//go:embed data/az-nap-2016-2018.json
	azNAPJSON []byte
	//go:embed data/ogp-commitments-open-parliament.csv
	ogpCSV []byte
)

// OGPDataSet returns the embedded slice of OGP's commitment data set (558
// commitments in 214 action plans of 75 members).
func OGPDataSet() (*plan.Bundle, error) {
	b, ps, err := ReadOGP(bytes.NewReader(ogpCSV))
	if err != nil {
		return nil, fmt.Errorf("embedded OGP data set: %w", err)
	}
	if len(ps) > 0 {
		return nil, fmt.Errorf("embedded OGP data set: %w", ps)
	}
	return b, nil
}

// DemoBundles returns the demo data set, in the order to import it:
// Azerbaijan's NAP 2016-2018, then OGP's commitment data set. They are two
// bundles because they come from two sources and share no plan.
func DemoBundles() ([]*plan.Bundle, error) {
	az, err := AzerbaijanNAP()
	if err != nil {
		return nil, err
	}
	ogp, err := OGPDataSet()
	if err != nil {
		return nil, err
	}
	return []*plan.Bundle{az, ogp}, nil
}

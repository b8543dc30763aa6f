package plan

import (
	"bytes"
	"encoding/json"
	"errors"
)

// periodJSON is the JSON form of a Period: lowercase keys like the rest of a
// bundle, dates as "2016-01-01" (Date's MarshalText), and the parts a period
// lacks left out.
type periodJSON struct {
	Text  string `json:"text,omitempty"`
	Start *Date  `json:"start,omitempty"`
	End   *Date  `json:"end,omitempty"`
}

// MarshalJSON writes {"text": "2016-2018", "start": "2016-01-01", "end": "2018-12-31"}.
func (p Period) MarshalJSON() ([]byte, error) {
	return json.Marshal(periodJSON(p))
}

// UnmarshalJSON reads the form MarshalJSON writes. Unknown keys are refused
// (a misspelt "start" must not quietly become an open period), and so is a
// date that is not YYYY-MM-DD.
func (p *Period) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*p = Period{}
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var j periodJSON
	if err := dec.Decode(&j); err != nil {
		return errors.New("period: " + err.Error())
	}
	*p = Period(j)
	return nil
}

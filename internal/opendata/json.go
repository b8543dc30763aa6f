package opendata

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"ogpp/internal/plan"
)

// WriteJSON writes a bundle in ogpp's JSON format: the bundle as one
// object, indented by two spaces, in the bundle's own order and with the
// languages of every text sorted, so that the same bundle always gives the
// same bytes and an export can be compared with another by diff.
func WriteJSON(w io.Writer, b *plan.Bundle) error {
	out := *b
	if out.Members == nil {
		out.Members = []plan.Member{}
	}
	if out.Organisations == nil {
		out.Organisations = []plan.BundleOrganisation{}
	}
	out.Plans = slices.Clone(b.Plans)
	if out.Plans == nil {
		out.Plans = []plan.BundlePlan{}
	}
	for i := range out.Plans {
		if out.Plans[i].Measures == nil {
			out.Plans[i].Measures = []plan.BundleMeasure{}
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // the file is data, not HTML: keep "&" and "<" readable
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("write JSON: %w", err)
	}
	return nil
}

// ReadJSON reads a bundle in ogpp's JSON format. A file that is not JSON,
// or not a bundle (a field of the wrong type, an unknown field, a bad date),
// gives one problem naming its line; a bundle whose parts do not fit
// together gives a problem for each, from plan.Bundle.Validate and a check
// that no organisation is listed twice. With any problem the bundle is nil.
// A UTF-8 byte order mark is allowed. The error is for a reader that fails.
func ReadJSON(r io.Reader) (*plan.Bundle, plan.Problems, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, fmt.Errorf("read JSON: %w", err)
	}
	data = bytes.TrimPrefix(data, []byte(bom))
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var b plan.Bundle
	if err := dec.Decode(&b); err != nil {
		return nil, plan.Problems{jsonProblem(data, dec.InputOffset(), err)}, nil
	}
	if _, err := dec.Token(); err != io.EOF {
		line, col := position(data, dec.InputOffset())
		return nil, plan.Problems{{Row: line, Reason: fmt.Sprintf("line %d, column %d: more data after the bundle's closing brace", line, col)}}, nil
	}
	if ps := checkBundle(&b); len(ps) > 0 {
		return nil, ps, nil
	}
	return &b, nil, nil
}

// jsonProblem turns a decoding error into a problem that names the line
// and column where the decoder stopped, for the person fixing the file.
func jsonProblem(data []byte, at int64, err error) plan.Problem {
	if errors.Is(err, io.EOF) {
		return plan.Problem{Row: 1, Reason: "the file is empty; expected a JSON object with members, organisations and plans"}
	}
	var p plan.Problem
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	msg := strings.ReplaceAll(err.Error(), "json: ", "")
	switch {
	case errors.As(err, &syntax):
		at = syntax.Offset
		msg = "not valid JSON: " + msg
	case errors.As(err, &typ):
		at = typ.Offset
		p.Column = typ.Field
		msg = fmt.Sprintf("expected %s, found a JSON %s", typ.Type, typ.Value)
	case errors.Is(err, io.ErrUnexpectedEOF):
		at = int64(len(data))
		msg = "the file ends in the middle of the bundle"
	default:
		// An unknown field or a bad date: the decoder has read the whole
		// value by now, so point at the first place the quoted name or
		// value the message gives occurs.
		if q := quotedRE.FindString(msg); q != "" {
			if i := bytes.Index(data, []byte(q)); i >= 0 {
				at = int64(i)
			}
		}
		if strings.Contains(msg, "unknown field ") {
			msg += " (a typing slip, or a file of another version of ogpp?)"
		}
	}
	line, col := position(data, at)
	p.Row = line
	p.Reason = fmt.Sprintf("line %d, column %d: %s", line, col, msg)
	return p
}

var quotedRE = regexp.MustCompile(`"[^"\\]*"`)

// position returns the 1-based line and column of a byte offset.
func position(data []byte, at int64) (line, col int) {
	if at > int64(len(data)) {
		at = int64(len(data))
	}
	before := data[:at]
	line = bytes.Count(before, []byte("\n")) + 1
	col = len(before) - bytes.LastIndexByte(before, '\n')
	return line, col
}

// checkBundle returns what is wrong with a bundle read from a file: what
// Validate finds, and organisations listed twice (the store matches them by
// member and folded name, so two entries would overwrite each other and
// re-importing would never settle).
func checkBundle(b *plan.Bundle) plan.Problems {
	ps := b.Validate()
	seen := map[string]bool{}
	for i, o := range b.Organisations {
		key := o.Member + "\x00" + o.Name.Key()
		if seen[key] {
			ps = append(ps, plan.Problem{Column: fmt.Sprintf("organisations[%d].name", i), Value: o.Name.String(), Reason: "the same organisation of the same member is listed twice"})
		}
		seen[key] = true
	}
	return ps
}

package audit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Change is one difference between an entity's before and after, down to a
// single field: what a history tab shows as one line.
type Change struct {
	// Path names the field: "title.en", "executors[1].role"; "" for the
	// value as a whole. A key that is not a plain name is quoted:
	// `tags["a.b"]`.
	Path string
	// Old and New are the field's values as canonical JSON; nil where the
	// field is absent on that side.
	Old, New json.RawMessage
}

// Kind says whether the field was "added", "removed" or "changed".
func (c Change) Kind() string {
	switch {
	case c.Old == nil:
		return "added"
	case c.New == nil:
		return "removed"
	}
	return "changed"
}

// OldText is the old value for display: a string as itself, anything else
// as JSON, and "" when absent.
func (c Change) OldText() string { return displayText(c.Old) }

// NewText is the new value for display, as OldText.
func (c Change) NewText() string { return displayText(c.New) }

func (c Change) String() string {
	path := c.Path
	if path == "" {
		path = "(value)"
	}
	switch c.Kind() {
	case "added":
		return fmt.Sprintf("%s: added %s", path, c.New)
	case "removed":
		return fmt.Sprintf("%s: removed %s", path, c.Old)
	}
	return fmt.Sprintf("%s: %s → %s", path, c.Old, c.New)
}

func displayText(raw json.RawMessage) string {
	if raw == nil {
		return ""
	}
	var s string
	if len(raw) > 0 && raw[0] == '"' && json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(raw)
}

// Diff lists field by field how after differs from before, in path order:
// objects are compared key by key, arrays position by position (an element
// removed from the middle of a list shows as changes to the elements after
// it and the removal of the last), and a field added or removed whole is
// listed leaf by leaf. Either side may be nil, for a create or a delete.
func Diff(before, after json.RawMessage) ([]Change, error) {
	var a, b any
	var aok, bok bool
	var err error
	if len(bytes.TrimSpace(before)) > 0 {
		if a, err = decode(before); err != nil {
			return nil, fmt.Errorf("diff: before: %w", err)
		}
		aok = a != nil
	}
	if len(bytes.TrimSpace(after)) > 0 {
		if b, err = decode(after); err != nil {
			return nil, fmt.Errorf("diff: after: %w", err)
		}
		bok = b != nil
	}
	var d differ
	if err := d.walk("", a, aok, b, bok); err != nil {
		return nil, fmt.Errorf("diff: %w", err)
	}
	return d.changes, nil
}

type differ struct {
	changes []Change
}

func (d *differ) walk(path string, a any, aok bool, b any, bok bool) error {
	if !aok && !bok {
		return nil
	}
	am, aIsMap := a.(map[string]any)
	bm, bIsMap := b.(map[string]any)
	as, aIsList := a.([]any)
	bs, bIsList := b.([]any)
	switch {
	case aok && bok && aIsMap && bIsMap,
		!aok && bIsMap && len(bm) > 0,
		!bok && aIsMap && len(am) > 0:
		keys := make([]string, 0, len(am)+len(bm))
		for k := range am {
			keys = append(keys, k)
		}
		for k := range bm {
			if _, ok := am[k]; !ok {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		for _, k := range keys {
			av, aok := am[k]
			bv, bok := bm[k]
			if err := d.walk(joinKey(path, k), av, aok, bv, bok); err != nil {
				return err
			}
		}
		return nil
	case aok && bok && aIsList && bIsList,
		!aok && bIsList && len(bs) > 0,
		!bok && aIsList && len(as) > 0:
		for i := range max(len(as), len(bs)) {
			var av, bv any
			if i < len(as) {
				av = as[i]
			}
			if i < len(bs) {
				bv = bs[i]
			}
			if err := d.walk(path+"["+strconv.Itoa(i)+"]", av, i < len(as), bv, i < len(bs)); err != nil {
				return err
			}
		}
		return nil
	}
	var c Change
	c.Path = path
	if aok {
		if c.Old = encodeValue(a); c.Old == nil {
			return fmt.Errorf("%s: cannot encode the old value", path)
		}
	}
	if bok {
		if c.New = encodeValue(b); c.New == nil {
			return fmt.Errorf("%s: cannot encode the new value", path)
		}
	}
	if !bytes.Equal(c.Old, c.New) {
		d.changes = append(d.changes, c)
	}
	return nil
}

// encodeValue writes a decoded value canonically; nil only on failure, as
// a JSON null encodes as "null".
func encodeValue(v any) json.RawMessage {
	var buf bytes.Buffer
	if err := writeCanonical(&buf, v); err != nil {
		return nil
	}
	return buf.Bytes()
}

// joinKey appends an object key to a path, quoting keys that would read
// as more than one step.
func joinKey(path, key string) string {
	if key == "" || strings.ContainsAny(key, ".[]\"") {
		return path + "[" + strconv.Quote(key) + "]"
	}
	if path == "" {
		return key
	}
	return path + "." + key
}

package store

import (
	"strconv"
	"strings"
)

// conds builds a WHERE clause from conditions written with ? placeholders,
// numbering them $1, $2, … as both dialects accept.
type conds struct {
	parts []string
	args  []any
}

// cleanArg makes a string from a request safe to send to either database:
// PostgreSQL refuses NUL bytes and invalid UTF-8 in text, and neither can be
// in stored text, so removing them changes no match.
func cleanArg(s string) string {
	return strings.ToValidUTF8(strings.ReplaceAll(s, "\x00", ""), "")
}

// add appends a condition; each ? in it takes the next argument.
func (c *conds) add(cond string, args ...any) {
	var b strings.Builder
	i := 0
	for _, r := range cond {
		if r == '?' && i < len(args) {
			if s, ok := args[i].(string); ok {
				args[i] = cleanArg(s)
			}
			c.args = append(c.args, args[i])
			i++
			b.WriteString("$" + strconv.Itoa(len(c.args)))
			continue
		}
		b.WriteRune(r)
	}
	c.parts = append(c.parts, b.String())
}

// matchWords requires every word of q to occur in the search index of one
// of the given table aliases (each has columns search and search_intl).
func (c *conds) matchWords(q string, aliases ...string) {
	for _, w := range searchWords(q) {
		var alts []string
		az, intl := likePattern(w.az), likePattern(w.intl)
		for _, a := range aliases {
			alts = append(alts, a+`.search LIKE `+c.arg(az)+` ESCAPE '\'`, a+`.search_intl LIKE `+c.arg(intl)+` ESCAPE '\'`)
		}
		c.parts = append(c.parts, "("+strings.Join(alts, " OR ")+")")
	}
}

// where returns " WHERE a AND b", or "" when there is no condition.
func (c *conds) where() string {
	if len(c.parts) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(c.parts, " AND ")
}

// arg adds an argument used outside the conditions (LIMIT, OFFSET) and
// returns its placeholder.
func (c *conds) arg(v any) string {
	if s, ok := v.(string); ok {
		v = cleanArg(s)
	}
	c.args = append(c.args, v)
	return "$" + strconv.Itoa(len(c.args))
}

// pageLimits turns a requested limit and offset into safe ones.
func pageLimits(limit, offset int) (int, int) {
	if limit <= 0 {
		limit = 50
	}
	if limit > 1000 {
		limit = 1000
	}
	if offset < 0 {
		offset = 0
	}
	return limit, offset
}

// andWhere adds cond to a WHERE clause that may be empty.
func andWhere(where, cond string) string {
	if where == "" {
		return " WHERE " + cond
	}
	return where + " AND " + cond
}

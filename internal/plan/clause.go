package plan

import (
	"fmt"
	"strings"
	"unicode"
)

// clauseDigits is the width numbers are padded to in a clause key; no plan
// numbers its clauses into the millions.
const clauseDigits = 6

// ClauseKey returns a string whose byte order sorts clause numbers naturally: "4.1.3" < "4.1.10" < "4.2" < "10"; non-numeric parts ("4.1.a", "IV") sort after numbers deterministically; empty sorts last. Used as a stored sort column in both SQLite and PostgreSQL, so it must be plain ASCII and compare correctly with byte-wise ordering (COLLATE "C").
//
// The clause is cut into runs of digits and runs of letters; anything else
// (dots, dashes, brackets, spaces) only separates runs, so "4.1.a", "4.1a"
// and "4.1 (a)" share a key. In the key each run becomes one segment and
// segments are joined by '.', which sorts below every character a segment
// holds, so a clause sorts before the clauses numbered under it. A number
// is zero-padded to six digits ("000004"). A run of letters is lowercased
// and starts with ':', the character after '9', so letters follow numbers;
// letters outside a-z are written as '{' and six hex digits of the code
// point, after 'z'. Roman numerals are letters here: "IX" sorts before "V".
// An empty clause is "~", after every key that begins with a digit or ':'.
func ClauseKey(clause string) string {
	var b strings.Builder
	seg := 0
	runes := []rune(clause)
	for i := 0; i < len(runes); {
		r := runes[i]
		switch {
		case r >= '0' && r <= '9':
			j := i
			for j < len(runes) && runes[j] >= '0' && runes[j] <= '9' {
				j++
			}
			if seg > 0 {
				b.WriteByte('.')
			}
			writeClauseNumber(&b, string(runes[i:j]))
			seg++
			i = j
		case isClauseLetter(r):
			j := i
			for j < len(runes) && isClauseLetter(runes[j]) {
				j++
			}
			if seg > 0 {
				b.WriteByte('.')
			}
			b.WriteByte(':')
			for _, l := range runes[i:j] {
				l = unicode.ToLower(l)
				if l >= 'a' && l <= 'z' {
					b.WriteRune(l)
				} else {
					fmt.Fprintf(&b, "{%06x", l)
				}
			}
			seg++
			i = j
		default:
			i++
		}
	}
	if seg == 0 {
		return "~"
	}
	return b.String()
}

// isClauseLetter reports whether r belongs in a run of letters. Digits of
// other scripts count as letters: they are rare enough that ordering them
// by code point will do, but they must not vanish from the key.
func isClauseLetter(r rune) bool {
	return (unicode.IsLetter(r) || unicode.IsNumber(r)) && (r < '0' || r > '9')
}

// writeClauseNumber writes the digits of one number so that byte order is
// numeric order. Numbers too long for the padding get a '~' and their
// length after the six nines, which puts them after 999999 and after each
// other by length, then by digits.
func writeClauseNumber(b *strings.Builder, digits string) {
	digits = strings.TrimLeft(digits, "0")
	if len(digits) <= clauseDigits {
		b.WriteString(strings.Repeat("0", clauseDigits-len(digits)))
		b.WriteString(digits)
		return
	}
	fmt.Fprintf(b, "%s~%03d%s", strings.Repeat("9", clauseDigits), len(digits), digits)
}

// CompareClauses orders two clause numbers the way ClauseKey does, returning
// -1, 0 or +1. Clauses with the same key ("4.1.a" and "4.1.A") fall back to
// the byte order of the text, so the order is total and a sort gives the
// same result every time.
func CompareClauses(a, b string) int {
	if c := strings.Compare(ClauseKey(a), ClauseKey(b)); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

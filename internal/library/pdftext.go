package library

import (
	"io"
	"strings"
	"unicode/utf16"

	"github.com/ledongthuc/pdf"
)

// The PDF reader's own plain-text walk decodes a ToUnicode range by
// adding to the last byte of the code only, which turns every character
// past U+00FF of a two-byte font (ş, ə, ı, all of Cyrillic) into another;
// the walk here decodes those fonts with toUnicode, which adds across the
// whole code, and leaves other fonts to the reader.

// decoder turns the bytes a text operator shows into text.
type decoder interface{ Decode(raw string) string }

// pageText appends the text a page shows to b.
func pageText(b *strings.Builder, p pdf.Page) {
	if p.V.IsNull() || p.V.Key("Contents").Kind() == pdf.Null {
		return
	}
	fonts := p.Resources().Key("Font")
	decoders := map[string]decoder{}
	decoderOf := func(name string) decoder {
		if d, ok := decoders[name]; ok {
			return d
		}
		v := fonts.Key(name)
		var d decoder
		if cm := readToUnicode(v.Key("ToUnicode")); cm != nil {
			d = cm
		} else {
			f := pdf.Font{V: v}
			d = f.Encoder()
		}
		decoders[name] = d
		return d
	}
	var current decoder
	show := func(raw string) {
		if current == nil {
			b.WriteString(raw)
			return
		}
		b.WriteString(current.Decode(raw))
	}
	pdf.Interpret(p.V.Key("Contents"), func(stk *pdf.Stack, op string) {
		n := stk.Len()
		args := make([]pdf.Value, n)
		for i := n - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		switch op {
		case "BT", "T*":
			b.WriteString("\n")
		case "Tf":
			if len(args) == 2 {
				current = decoderOf(args[0].Name())
			}
		case "Tj", "'":
			if len(args) == 1 {
				show(args[0].RawString())
			}
		case "\"":
			if len(args) == 3 {
				show(args[2].RawString())
			}
		case "TJ":
			if len(args) == 1 {
				for i := 0; i < args[0].Len(); i++ {
					if x := args[0].Index(i); x.Kind() == pdf.String {
						show(x.RawString())
					}
				}
			}
		}
	})
}

// cmapRange maps the codes lo…hi (of the same length) to consecutive
// characters from first, or each to its own in each.
type cmapRange struct {
	lo, hi uint32
	size   int
	first  []uint16 // UTF-16 of lo's text
	each   [][]uint16
}

// toUnicode is a font's ToUnicode map: codes of one to four bytes to text.
type toUnicode struct {
	sizes  []int // the code lengths of the code space, shortest first
	chars  map[string]string
	ranges []cmapRange
}

// readToUnicode parses a ToUnicode stream; nil when the font has none or
// it cannot be read. The stream is a small PostScript program whose only
// parts that matter are the code space and the bfchar and bfrange lists.
func readToUnicode(v pdf.Value) *toUnicode {
	if v.Kind() != pdf.Stream {
		return nil
	}
	rd := v.Reader()
	defer rd.Close()
	src, err := io.ReadAll(io.LimitReader(rd, 1<<20))
	if err != nil {
		return nil
	}
	return parseToUnicode(src)
}

// parseToUnicode reads a ToUnicode CMap program; nil when it maps nothing.
func parseToUnicode(src []byte) *toUnicode {
	m := &toUnicode{chars: map[string]string{}}
	// sized are the code lengths the code space declares; mapped those the
	// map's entries use, which stand in when a map declares none.
	sized, mapped := map[int]bool{}, map[int]bool{}
	var stk []cmapToken
	pop := func() cmapToken {
		if len(stk) == 0 {
			return cmapToken{}
		}
		t := stk[len(stk)-1]
		stk = stk[:len(stk)-1]
		return t
	}
	lex := cmapLexer{src: src}
	for {
		t, ok := lex.next()
		if !ok {
			break
		}
		if t.op == "" {
			stk = append(stk, t)
			continue
		}
		switch t.op {
		case "endcodespacerange":
			for len(stk) >= 2 {
				pop()
				if lo := pop(); len(lo.str) > 0 && len(lo.str) <= 4 {
					sized[len(lo.str)] = true
				}
			}
		case "endbfchar":
			for len(stk) >= 2 {
				dst, src := pop(), pop()
				if len(src.str) == 0 || len(src.str) > 4 {
					continue
				}
				m.chars[src.str] = utf16Text(units(dst.str))
				mapped[len(src.str)] = true
			}
		case "endbfrange":
			for len(stk) >= 3 {
				dst, hi, lo := pop(), pop(), pop()
				if len(lo.str) == 0 || len(lo.str) != len(hi.str) || len(lo.str) > 4 {
					continue
				}
				r := cmapRange{lo: code(lo.str), hi: code(hi.str), size: len(lo.str)}
				mapped[r.size] = true
				if dst.array != nil {
					for _, d := range dst.array {
						r.each = append(r.each, units(d))
					}
				} else {
					r.first = units(dst.str)
				}
				m.ranges = append(m.ranges, r)
			}
		}
		// Every other operator (begincmap, def, the begin… of the lists)
		// ends what came before it.
		stk = stk[:0]
	}
	if len(sized) == 0 {
		sized = mapped
	}
	for size := 1; size <= 4; size++ {
		if sized[size] {
			m.sizes = append(m.sizes, size)
		}
	}
	if len(m.chars) == 0 && len(m.ranges) == 0 {
		return nil
	}
	return m
}

// cmapToken is an operand (a string, an array of strings, or anything
// else, kept empty) or an operator.
type cmapToken struct {
	op    string
	str   string
	array []string
}

// cmapLexer splits a CMap program into tokens.
type cmapLexer struct {
	src []byte
	pos int
}

func (l *cmapLexer) next() (cmapToken, bool) {
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		switch {
		case c == '%':
			for l.pos < len(l.src) && l.src[l.pos] != '\n' && l.src[l.pos] != '\r' {
				l.pos++
			}
		case c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0:
			l.pos++
		case c == '<' && l.pos+1 < len(l.src) && l.src[l.pos+1] == '<', c == '>' && l.pos+1 < len(l.src) && l.src[l.pos+1] == '>':
			l.pos += 2
			return cmapToken{}, true
		case c == '<':
			return cmapToken{str: l.hex()}, true
		case c == '(':
			return cmapToken{str: l.literal()}, true
		case c == '[':
			l.pos++
			var arr []string
			for {
				t, ok := l.next()
				if !ok || t.op == "]" {
					return cmapToken{array: arr}, true
				}
				arr = append(arr, t.str)
			}
		case c == ']':
			l.pos++
			return cmapToken{op: "]"}, true
		default:
			start := l.pos
			for l.pos < len(l.src) && !strings.ContainsRune(" \n\r\t\f\x00<>[]()/%", rune(l.src[l.pos])) {
				l.pos++
			}
			if l.pos == start { // a name's slash
				l.pos++
				for l.pos < len(l.src) && !strings.ContainsRune(" \n\r\t\f\x00<>[]()/%", rune(l.src[l.pos])) {
					l.pos++
				}
				return cmapToken{}, true
			}
			word := string(l.src[start:l.pos])
			if strings.Trim(word, "0123456789.+-") == "" {
				return cmapToken{}, true
			}
			return cmapToken{op: word}, true
		}
	}
	return cmapToken{}, false
}

// hex reads <…> as bytes.
func (l *cmapLexer) hex() string {
	l.pos++
	var out []byte
	var half byte
	odd := false
	for l.pos < len(l.src) && l.src[l.pos] != '>' {
		c := l.src[l.pos]
		l.pos++
		var v byte
		switch {
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v = c - 'A' + 10
		default:
			continue
		}
		if odd {
			out = append(out, half<<4|v)
		} else {
			half = v
		}
		odd = !odd
	}
	if odd {
		out = append(out, half<<4)
	}
	l.pos++
	return string(out)
}

// literal reads (…) with its escapes of one character.
func (l *cmapLexer) literal() string {
	l.pos++
	var out []byte
	depth := 1
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		l.pos++
		switch c {
		case '\\':
			if l.pos < len(l.src) {
				out = append(out, l.src[l.pos])
				l.pos++
			}
			continue
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return string(out)
			}
		}
		out = append(out, c)
	}
	return string(out)
}

// Decode reads raw code by code: at each place the shortest code the map
// knows, or else one of the code space's longest length, skipped.
func (m *toUnicode) Decode(raw string) string {
	var b strings.Builder
	for len(raw) > 0 {
		matched := false
		for _, size := range m.sizes {
			if len(raw) < size {
				break
			}
			if s, ok := m.lookup(raw[:size]); ok {
				b.WriteString(s)
				raw = raw[size:]
				matched = true
				break
			}
		}
		if !matched {
			skip := m.sizes[len(m.sizes)-1]
			raw = raw[min(skip, len(raw)):]
		}
	}
	return b.String()
}

func (m *toUnicode) lookup(c string) (string, bool) {
	if s, ok := m.chars[c]; ok {
		return s, true
	}
	n := code(c)
	for _, r := range m.ranges {
		if r.size != len(c) || n < r.lo || n > r.hi {
			continue
		}
		off := n - r.lo
		if r.each != nil {
			if int(off) < len(r.each) {
				return utf16Text(r.each[off]), true
			}
			return "", false
		}
		if len(r.first) == 0 {
			return "", false
		}
		u := append([]uint16(nil), r.first...)
		u[len(u)-1] += uint16(off)
		return utf16Text(u), true
	}
	return "", false
}

// code reads a code's bytes as a big-endian number.
func code(s string) uint32 {
	var n uint32
	for i := 0; i < len(s); i++ {
		n = n<<8 | uint32(s[i])
	}
	return n
}

// units reads UTF-16BE bytes.
func units(s string) []uint16 {
	out := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		out = append(out, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return out
}

func utf16Text(u []uint16) string { return string(utf16.Decode(u)) }

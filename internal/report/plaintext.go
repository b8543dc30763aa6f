package report

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// markdownParser parses narratives; it is safe for concurrent use.
var markdownParser = goldmark.New().Parser()

// PlainText turns markdown into plain paragraphs separated by a blank line:
// emphasis and links keep their words (a link its address too, in
// brackets), list items start with "• ", and HTML is dropped, so a PDF or
// a spreadsheet cell shows what a reader of the page reads.
func PlainText(src string) string {
	if strings.TrimSpace(src) == "" {
		return ""
	}
	source := []byte(src)
	doc := markdownParser.Parse(text.NewReader(source))
	type para struct {
		text string
		item bool
	}
	var paras []para
	var b strings.Builder
	// bullet is written before the next text of a list item, so that the
	// item's paragraph stays on its bullet's line.
	bullet, inItem := "", false
	flush := func() {
		if s := strings.TrimSpace(b.String()); s != "" {
			paras = append(paras, para{s, inItem})
		}
		b.Reset()
	}
	// hidden is set inside an inline script or style element.
	hidden := false
	write := func(p []byte) {
		if hidden {
			return
		}
		if bullet != "" {
			b.WriteString(bullet)
			bullet = ""
		}
		b.Write(p)
	}
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.Paragraph, *ast.Heading, *ast.TextBlock, *ast.FencedCodeBlock, *ast.CodeBlock, *ast.ThematicBreak:
			if entering {
				flush()
				if code, ok := n.(interface{ Lines() *text.Segments }); ok && isCode(n) {
					lines := code.Lines()
					for i := 0; i < lines.Len(); i++ {
						seg := lines.At(i)
						write(seg.Value(source))
					}
					return ast.WalkSkipChildren, nil
				}
			} else {
				flush()
			}
		case *ast.ListItem:
			flush()
			inItem = entering
			if entering {
				bullet = "• "
			}
		case *ast.Text:
			if entering {
				write(n.Segment.Value(source))
				if n.SoftLineBreak() || n.HardLineBreak() {
					b.WriteByte(' ')
				}
			}
		case *ast.String:
			if entering {
				write(n.Value)
			}
		case *ast.CodeSpan:
			if entering {
				for c := n.FirstChild(); c != nil; c = c.NextSibling() {
					if t, ok := c.(*ast.Text); ok {
						write(t.Segment.Value(source))
					}
				}
				return ast.WalkSkipChildren, nil
			}
		case *ast.Link:
			if !entering {
				if dest := string(n.Destination); dest != "" {
					b.WriteString(" (" + dest + ")")
				}
			}
		case *ast.AutoLink:
			if entering {
				write(n.URL(source))
				return ast.WalkSkipChildren, nil
			}
		case *ast.RawHTML:
			// Tags are dropped; what a script or style element holds is
			// not text either, as the sanitised page does not show it.
			if entering {
				var raw strings.Builder
				for i := 0; i < n.Segments.Len(); i++ {
					seg := n.Segments.At(i)
					raw.Write(seg.Value(source))
				}
				tag := strings.ToLower(raw.String())
				switch {
				case strings.HasPrefix(tag, "<script"), strings.HasPrefix(tag, "<style"):
					hidden = true
				case strings.HasPrefix(tag, "</script"), strings.HasPrefix(tag, "</style"):
					hidden = false
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	flush()
	var out strings.Builder
	for i, p := range paras {
		switch {
		case i == 0:
		case p.item && paras[i-1].item:
			// The items of a list are lines of one block.
			out.WriteString("\n")
		default:
			out.WriteString("\n\n")
		}
		out.WriteString(p.text)
	}
	return out.String()
}

// isCode reports whether n is a block of code, whose lines are its text.
func isCode(n ast.Node) bool {
	switch n.(type) {
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		return true
	}
	return false
}

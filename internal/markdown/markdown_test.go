package markdown

import (
	"strings"
	"testing"
)

func TestToHTML(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // substrings the output must hold
		never     []string // and must not
	}{
		{"emphasis and lists", "Some *progress*:\n\n- a\n- b", []string{"<em>progress</em>", "<li>a</li>"}, nil},
		{"a link gets rel", "[report](https://example.org/r.pdf)", []string{`<a href="https://example.org/r.pdf" rel="nofollow noopener">report</a>`}, nil},
		{"a bare address becomes a link", "See https://example.org/x today", []string{`href="https://example.org/x"`, `rel="nofollow noopener"`}, nil},
		{"script tags are not passed through", "<script>alert(1)</script>", nil, []string{"<script", "alert(1)</script>"}},
		{"inline raw HTML is dropped", "a <img src=x onerror=alert(1)> b <b onclick=x>c</b>", nil, []string{"<img", "onerror", "onclick", "<b"}},
		{"javascript: links lose their href", "[click](javascript:alert(1))", []string{"click"}, []string{"javascript:", "href"}},
		{"encoded javascript: too", "[click](jAvAsCrIpT&#58;alert(1))", []string{"click"}, []string{"alert(1)\""}},
		{"data: links lose their href", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", nil, []string{"data:"}},
		{"an autolink to javascript: is no link", "<javascript:alert(1)>", nil, []string{`href="javascript`}},
		{"images become links, never requests", "![chart](https://tracker.example/x.png)", []string{`<a href="https://tracker.example/x.png" rel="nofollow noopener">chart</a>`}, []string{"<img"}},
		{"headings sit under the page's", "# Findings\n\n## Detail", []string{"<h3>Findings</h3>", "<h4>Detail</h4>"}, []string{"<h1", "<h2"}},
		{"quotes in link titles stay in the attribute", `[a](https://example.org "x\" onmouseover=\"alert(1)")`, nil, []string{` onmouseover="`}},
		{"html comments are dropped", "a <!-- <script>alert(1)</script> --> b", nil, []string{"<script", "<!--"}},
		{"tables", "| a | b |\n|---|---|\n| 1 | 2 |", []string{"<table>", "<td>1</td>"}, nil},
		{"Azerbaijani text survives", "Şəffaflıq **İctimai** ığ", []string{"Şəffaflıq <strong>İctimai</strong> ığ"}, nil},
	}
	for _, tt := range tests {
		got := string(ToHTML(tt.src))
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q lacks %q", tt.name, got, w)
			}
		}
		for _, n := range tt.never {
			if strings.Contains(got, n) {
				t.Errorf("%s: %q holds %q", tt.name, got, n)
			}
		}
	}
	if ToHTML("") != "" {
		t.Error("empty text renders something")
	}
}

func TestToHTMLBoundsLongText(t *testing.T) {
	src := strings.Repeat("ə", maxSource) // two bytes a letter: cut mid-letter
	got := string(ToHTML(src))
	if !strings.HasPrefix(got, "<p>ə") || strings.Contains(got, "\uFFFD") {
		t.Errorf("long text rendered as %.40q…", got)
	}
}

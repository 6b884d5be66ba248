package extract

import (
	"bytes"

	"golang.org/x/net/html"
)

// flattenDepth is the nesting kept by flatten, well under the parser's limit of 512 open
// elements (implied end tags make the parser's stack shallower than this count).
const flattenDepth = 256

// voidTags have no end tag and do not nest.
var voidTags = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "source": true, "track": true,
	"wbr": true, "param": true, "keygen": true,
}

// flatten drops start tags nested deeper than flattenDepth, keeping all text, comments
// and shallower markup. golang.org/x/net/html refuses documents with more than 512
// open elements, and old pages exported from word processors, with thousands of
// unclosed <span>/<font> tags, reach that; flattening keeps their text readable.
func flatten(body []byte) []byte {
	z := html.NewTokenizer(bytes.NewReader(body))
	var out bytes.Buffer
	out.Grow(len(body))
	depth := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out.Bytes()
		case html.StartTagToken:
			name, _ := z.TagName()
			if !voidTags[string(name)] {
				if depth >= flattenDepth {
					continue
				}
				depth++
			}
		case html.EndTagToken:
			depth = max(0, depth-1)
		}
		out.Write(z.Raw())
	}
}

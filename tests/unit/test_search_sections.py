"""Our search sections are Material's, found faster: both parsers run on the same HTML."""

from __future__ import annotations

from html import escape

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from material.plugins.search.plugin import Parser

from handbook.mkdocs.search_sections import page_sections


def material_sections(html: str) -> list[tuple]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    # whether a title was found at all matters too: if not, the entry gets the page's title
    return [
        (s.id, "".join(s.title).strip(), "".join(s.text).strip(), s.is_excluded(), bool(s.title)) for s in parser.data
    ]


def our_sections(html: str) -> list[tuple]:
    return [
        (s.id, "".join(s.title).strip(), "".join(s.text).strip(), s.excluded, bool(s.title))
        for s in page_sections(html)
    ]


CASES = {
    "preface before the first heading": "<p>Before</p><h2 id='a'>A</h2><p>under a</p>",
    "first heading is not h1": "<h2 id='a'>A</h2><p>x</p><h3 id='b'>B <code>c</code></h3><p>y</p>",
    "permalink left out of the title": '<h1 id="t">Title<a class="headerlink" href="#t">¶</a></h1><p>body</p>',
    "tooltip excluded, link text kept": '<p>See <a href="/t/">carers<span role="tooltip" data-search-exclude="">'
    "people who care</span></a> here.</p>",
    "heading nested in a section": '<h1 id="p">P</h1><p>one</p><section><h2 id="s">S</h2><p>in s</p></section>'
    "<p>after the section</p>",
    "empty kept tags dropped": "<h1 id='x'>X</h1><p> </p><ul>\n<li>a</li>\n<li></li></ul>",
    "pre keeps its whitespace": "<h1 id='x'>X</h1><pre><code>a  = 1\n\n  b</code></pre><p>x\ny</p>",
    "escaping": "<h1 id='x'>&lt;X&gt; &amp; Y</h1><p>5 &lt; 6 &amp; \"q\" ŵ ŷ</p>",
    "scripts and styles left out": "<h1 id='x'>X</h1><script>var a = '<p>';</script><style>p{}</style><p>kept</p>",
    "excluded heading": "<h1 id='x'>X</h1><h2 id='y' data-search-exclude>Y</h2><p>under y</p>",
    "void elements": "<h1 id='x'>X</h1><p>a<br>b<img alt='pic' src='x.png'>c</p><hr><p>d</p>",
    "heading without id in a section": "<h2 id='a'>A</h2><p>x</p><h2>not a section</h2><p>y</p>",
    "nothing": "",
    "text only": "just text",
    # where the walk takes its shortcuts: plain elements, void ones, left-out ones, and
    # the first section opened by each kind of thing
    "void element before anything": "<br>tail<h1 id='x'>X</h1><p>a</p>",
    "lone void element": "<hr>",
    "excluded element opens the first section": "<span data-search-exclude>x</span><h1 id='a'>A</h1><p>b</p>",
    "script opens the first section": "<script>x</script><h2 id='a'>A</h2>",
    "plain element opens the first section": "<div><h1 id='a'>A</h1></div><p>b</p>",
    "whitespace around excluded elements": "<p>a <span data-search-exclude>x</span> \n <span data-search-exclude>y"
    "</span>\nb<em> </em> <em>c\n</em></p>",
    "entities and no-break spaces at text boundaries": "<p>&amp;<a href='#'>&lt;b&gt;</a>&nbsp;<em>&nbsp;</em>"
    "x&nbsp;\n<code>&lt;</code>\t</p>",
    "permalink only": "<h1 id='x'>X</h1><h2 id='a'><a class='headerlink' href='#a'>¶</a></h2><p>x</p>",
    "whitespace title": "<h1 id='x'>X</h1><h2 id='a'> <a class='headerlink' href='#a'>¶</a></h2>",
    "class headerlink on a span is title": "<h1 id='x'>X</h1><h2 id='a'>A<span class='headerlink'>¶</span></h2>",
    "kept tags in a heading": "<h2 id='a'>A <code>c</code><sup> </sup></h2><p>x</p>",
    "empty kept tag after a full one": "<h1 id='x'>X</h1><ul><li>a</li> <li> </li><li></li></ul><p></p>",
    "nested heading, plain and void elements after it": "<h1 id='p'>P</h1><div><h2 id='a'>A</h2><p>x<br>y</p>"
    "<span>s</span></div><p>after</p>",
    "heading in a kept element": "<h1 id='p'>P</h1><ul><li><h2 id='a'>A</h2>in a</li><li>b</li></ul>c",
    "line numbers left out": "<h1 id='x'>X</h1><table><tr><td class='linenodiv'><pre>1\n2</pre></td>"
    "<td><pre><code>a\n\n  b</code></pre></td></tr></table>",
    "pre with whitespace-only text": "<h1 id='x'>X</h1><pre>\n<code>\n\n</code>  </pre><p>y</p>",
    "comment": "<h1 id='x'>X</h1><p>a<!-- c -->b</p>",
}


@pytest.mark.parametrize("html", CASES.values(), ids=CASES.keys())
def test_same_sections_as_materials_parser(html):
    assert our_sections(html) == material_sections(html)


# Random fragments built from the elements our pages contain.
_words = st.sampled_from(
    ["care", "Relational", "council", "a & b", "<x>", "ŵ", "  ", "\n", "one\ntwo", " \n ", "\u00a0", "\t"]
)
_text = st.lists(_words, max_size=3).map(lambda words: escape("".join(words), quote=False))


def _tag(tag, content, attrs=""):
    return st.tuples(_text, st.lists(content, max_size=3), _text).map(
        lambda parts: f"<{tag}{attrs}>{parts[0]}{''.join(parts[1])}{parts[2]}</{tag}>"
    )


# Inline elements hold only inline content, blocks hold either: the nesting HTML allows,
# so that both parsers see the same tree.
_inline = st.recursive(
    _text,
    lambda inner: st.one_of(
        _tag("em", inner),
        _tag("sup", inner),
        _tag("code", _text),
        # a link inside a link is not HTML: the two parsers mend it differently
        _tag("a", st.one_of(_text, _tag("em", _text)), ' href="#x"'),
        _text.map(lambda t: f'<span role="tooltip" data-search-exclude="">{t}</span>'),
        st.just("<br>"),
    ),
    max_leaves=6,
)
_heading = st.tuples(st.sampled_from(["h1", "h2", "h3"]), st.booleans(), _inline).map(
    lambda h: (
        f"<{h[0]}{' id=' + repr(h[0] + str(len(h[2]))) if h[1] else ''}>{h[2]}"
        f'<a class="headerlink" href="#">¶</a></{h[0]}>'
    )
)
_block = st.recursive(
    st.one_of(
        _tag("p", _inline), _heading, _tag("pre", _tag("code", _text)), _text.map(lambda t: f"<script>{t}</script>")
    ),
    lambda inner: st.one_of(
        _tag("div", inner),
        _tag("section", inner),
        _tag("ul", _tag("li", st.one_of(_tag("p", _inline), _inline))),
        # not recursive: see the test below
        _tag("aside", _tag("p", _inline), " data-search-exclude"),
    ),
    max_leaves=10,
)
_fragments = st.lists(st.one_of(_block, _inline), max_size=6).map("".join)


@settings(max_examples=150, deadline=None)
@given(_fragments)
def test_same_sections_on_random_fragments(html):
    assume(html.strip())  # see the test below
    assert our_sections(html) == material_sections(html)


def test_a_page_of_only_whitespace_has_no_sections():
    # Material makes an untitled section of it, an entry with the page's title and no text
    assert our_sections(" \n ") == []
    assert material_sections(" \n ") == [(None, "", "", False, False)]


def test_an_excluded_element_stays_excluded_after_a_nested_element_of_its_kind():
    # Material's parser matches elements by tag name, so the end of the inner <div>
    # lifts the exclusion of the outer one and "visible" is indexed; ours leaves out
    # the whole excluded element, as data-search-exclude asks.
    html = "<h1 id='x'>X</h1><div data-search-exclude><div>hidden</div>visible?</div><p>kept</p>"
    assert our_sections(html) == [(None, "X", "<p>kept</p>", False, True)]
    assert "visible?" in material_sections(html)[0][2]


def test_a_heading_inside_an_excluded_element_starts_no_section():
    # Material still starts a section there, which becomes an empty entry under the
    # page's title; ours leaves the excluded element out whole.
    html = "<h1 id='x'>X</h1><p>kept</p><section data-search-exclude><h2 id='u'>Used in</h2><p>a</p></section>"
    assert our_sections(html) == [(None, "X", "<p>kept</p>", False, True)]
    assert [section[0] for section in material_sections(html)] == [None, "u"]

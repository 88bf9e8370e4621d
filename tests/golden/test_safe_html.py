"""Golden tests: Markdown in, HTML out, for the safe HTML extension; and generated hostile Markdown."""

from __future__ import annotations

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from handbook.markdown import SITE_EXTENSIONS  # the site's, in the build's order: ours after them, prefilters last
from handbook.markdown.safe_html import SafeHtmlExtension
from handbook.mkdocs.speedups.block_prefilter import BlockPrefilterExtension
from handbook.mkdocs.speedups.inline_prefilter import InlinePrefilterExtension
from handbook.safety.urls import Use, refusal


def convert(text: str, safe: bool = True) -> str:
    extensions = [
        *SITE_EXTENSIONS,
        *([SafeHtmlExtension()] if safe else []),
        InlinePrefilterExtension(),
        BlockPrefilterExtension(),
    ]
    return markdown.Markdown(extensions=extensions).convert(text)


GOLDEN = {
    "javascript link neutralised": (
        "[click](javascript:alert(1)) [ok](https://example.org) ![pic](data:image/svg+xml,x)",
        '<p><a>click</a> <a href="https://example.org">ok</a> <img alt="pic" /></p>',
    ),
    "entity and whitespace tricks in a link": (
        "[a](&#106;avascript:alert(1)) [b](java\tscript:alert(1)) [c](JAVASCRIPT&colon;alert(1))",
        "<p><a>a</a> <a>b</a> <a>c</a></p>",
    ),
    "reference definition": (
        "[x][r]\n\n[r]: <vbscript:msgbox(1)>",
        "<p><a>x</a></p>",
    ),
    "script block gone": (
        "Before\n\n<script>alert(1)</script>\n\nAfter",
        "<p>Before</p>\n<p>\n</p>\n<p>After</p>",  # the block's paragraph stays, empty
    ),
    "inline script tag gone, its text left as text": (
        "Text <script>alert(1)</script> more",
        "<p>Text alert(1) more</p>",
    ),
    "img onerror cleaned": (
        '<img src="pic.png" alt="A picture" onerror="alert(1)">',
        '<p><img src="pic.png" alt="A picture"></p>',
    ),
    "iframe and style attribute": (
        '<iframe src="https://example.org"></iframe>\n\nText <span style="position:fixed" class="note">x</span>',
        '<p>\n</p>\n<p>Text <span class="note">x</span></p>',
    ),
    "event handler on a markdown block": (
        '<div class="box" markdown onmouseover="alert(1)">\n**bold** <a href="javascript:x">a</a>\n</div>',
        '<div class="box">\n<p><strong>bold</strong> <a>a</a></p>\n</div>',
    ),
    "script inside a markdown block": (
        '<div markdown="1">\nText\n\n<script>alert(1)</script>\n</div>',
        "<div>\n<p>Text</p>\n<p></p>\n</div>",
    ),
    "attr_list cannot add a handler or a script URL": (
        '# Heading {: onclick="alert(1)" }\n\n[x](https://example.org){: href="javascript:alert(1)" }',
        '<h1 id="heading">Heading</h1>\n<p><a>x</a></p>',
    ),
    # Allowed markup comes out as written.
    "table": (
        '<table>\n<thead><tr><th colspan="2">Head</th></tr></thead>\n<tbody><tr><td>a</td><td>b</td></tr></tbody>\n</table>',
        '<table>\n<thead><tr><th colspan="2">Head</th></tr></thead>\n<tbody><tr><td>a</td><td>b</td></tr></tbody>\n</table>',
    ),
    "details": (
        "<details><summary>More</summary>\n<p>Hidden</p>\n</details>",
        "<details><summary>More</summary>\n<p>Hidden</p>\n</details>",
    ),
    "abbr and no-term-links span": (
        'The <abbr title="World Health Organization">WHO</abbr> and <span class="no-term-links">a phrase</span>.',
        '<p>The <abbr title="World Health Organization">WHO</abbr> and <span class="no-term-links">a phrase</span>.</p>',
    ),
    "no-term-links block with Markdown inside": (
        '<div class="no-term-links" markdown>\nSome *text* with a [link](../page/).\n</div>',
        '<div class="no-term-links">\n<p>Some <em>text</em> with a <a href="../page/">link</a>.</p>\n</div>',
    ),
    "figure": (
        '<figure>\n<img src="map.png" alt="Map" width="300">\n<figcaption>The map</figcaption>\n</figure>',
        '<figure>\n<img src="map.png" alt="Map" width="300">\n<figcaption>The map</figcaption>\n</figure>',
    ),
    "code containing script stays escaped code": (
        '```html\n<script>alert("x")</script>\n```\n\nInline `<script>` too.',
        '<div class="highlight"><pre><span></span><code><span class="p">&lt;</span><span class="nt">script</span>'
        '<span class="p">&gt;</span><span class="nx">alert</span><span class="p">(</span><span class="s2">&quot;x&quot;'
        '</span><span class="p">)&lt;/</span><span class="nt">script</span><span class="p">&gt;</span>\n</code></pre></div>\n'
        "<p>Inline <code>&lt;script&gt;</code> too.</p>",
    ),
    "safe links untouched": (
        "[a](https://example.org) [b](/handbooks/) [c](#part) [d](mailto:a@example.org) [e](//example.org/x)",
        '<p><a href="https://example.org">a</a> <a href="/handbooks/">b</a> <a href="#part">c</a> '
        '<a href="mailto:a@example.org">d</a> <a href="//example.org/x">e</a></p>',
    ),
}


@pytest.mark.parametrize("name", GOLDEN)
def test_golden(name):
    source, expected = GOLDEN[name]
    assert convert(source) == expected


@pytest.mark.parametrize(
    "name",
    [name for name in GOLDEN if name.startswith(("table", "details", "abbr", "no-term", "figure", "code", "safe"))],
)
def test_allowed_markup_is_what_python_markdown_makes_without_the_extension(name):
    source, _ = GOLDEN[name]
    assert convert(source) == convert(source, safe=False)


# -- generated hostile Markdown -------------------------------------------------------------------
URLS = st.sampled_from(
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "javascript&#58;alert(1)",
        "&#106;avascript:alert(1)",
        "\x01javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:x",
        "https://example.org",
        "/ok/",
        "#ok",
        "mailto:a@example.org",
        "term:co-production",
    ]
)
TAGS = st.sampled_from(
    [
        "script",
        "iframe",
        "object",
        "embed",
        "form",
        "style",
        "img",
        "a",
        "div",
        "span",
        "svg",
        "details",
        "table",
        "td",
        "p",
        "button",
        "input",
        "math",
        "template",
        "video",
    ]
)
ATTRIBUTES = st.sampled_from(
    [
        "onclick",
        "onerror",
        "onload",
        "ONMOUSEOVER",
        "style",
        "srcdoc",
        "href",
        "src",
        "formaction",
        "action",
        "class",
        "markdown",
        "title",
        "data",
        "xlink:href",
    ]
)


@st.composite
def html_fragment(draw) -> str:
    tag = draw(TAGS)
    attributes = " ".join(f'{draw(ATTRIBUTES)}="{draw(URLS)}"' for _ in range(draw(st.integers(0, 3))))
    inner = draw(st.sampled_from(["", "text", "alert(1)", "**bold**", "[x](javascript:y)"]))
    closing = draw(st.sampled_from([f"</{tag}>", ""]))
    return f"<{tag} {attributes}>{inner}{closing}"


@st.composite
def markdown_piece(draw) -> str:
    kind = draw(st.sampled_from(["link", "image", "definition", "autolink", "html", "block", "attr", "text"]))
    url = draw(URLS)
    if kind == "link":
        return f"[text]({url})"
    if kind == "image":
        return f"![alt]({url})"
    if kind == "definition":
        return f"[ref][r]\n\n[r]: {url}\n"
    if kind == "autolink":
        return f"<{url}>"
    if kind == "html":
        return draw(html_fragment())
    if kind == "block":
        return f"\n{draw(html_fragment())}\n\n<div markdown>\n{draw(html_fragment())}\n</div>\n"
    if kind == "attr":
        return f'\n# H {{: {draw(ATTRIBUTES)}="{url}" }}\n'
    return draw(st.sampled_from(["plain words", "\n\n", "`<script>code</script>`", "\n```\n<script>x</script>\n```\n"]))


UNSAFE_ELEMENTS = {"script", "iframe", "object", "embed", "form", "style", "svg", "math", "template", "input", "button"}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(markdown_piece(), min_size=1, max_size=6).map(" ".join))
def test_no_generated_markdown_gets_script_onto_the_page(source):
    page = convert(source)
    tree = lxml_html.fragment_fromstring(page, create_parent="div")
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        assert element.tag not in UNSAFE_ELEMENTS, (source, page)
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (source, page)
            # (style stays possible: tables align their cells with it; the source check reports authors' own)
            assert name.lower() not in ("srcdoc", "formaction", "action"), (source, page)
            if name.lower() in ("href", "src", "data", "xlink:href"):
                assert refusal(value, Use.RENDERED) is None, (source, page)


def test_one_converter_for_many_pages():
    """The build converts every page with one converter, reset between pages: nothing carries over."""
    md = markdown.Markdown(
        extensions=[*SITE_EXTENSIONS, SafeHtmlExtension(), InlinePrefilterExtension(), BlockPrefilterExtension()]
    )
    pages = [source for source, _ in GOLDEN.values()]
    for source in [*pages, *reversed(pages)]:
        md.reset()
        assert md.convert(source) == convert(source)

"""Extensions configured once per build are safe to share between page converters."""

from __future__ import annotations

import markdown
from markdown.extensions import Extension

from handbook.mkdocs.speedups.shared_extensions import KEEP_STATE_BETWEEN_CONVERTERS, configured_once
from handbook_bench.floor import markdown_extensions
from tests.support import REPO


def _sizes(extension: Extension) -> dict[str, int]:
    return {
        name: len(value)
        for name, value in vars(extension).items()
        if isinstance(value, (list, dict, set, tuple)) and name != "config"
    }


def _site_extensions():
    names, configs = markdown_extensions(REPO / "mkdocs.yml")
    return configured_once(names, configs)


def test_shared_extensions_keep_nothing_between_converters():
    extensions = _site_extensions()
    shared = [entry for entry in extensions if isinstance(entry, Extension)]
    assert shared, "mkdocs.yml names extensions that should be configured once"
    markdown.Markdown(extensions=extensions).convert("# One\n\ntext[^1]\n\n[^1]: a note")
    before = [_sizes(extension) for extension in shared]
    for _ in range(50):
        markdown.Markdown(extensions=extensions).convert("# Two\n\n```\ncode\n```\n\ntext[^2]\n\n[^2]: b")
    assert [_sizes(extension) for extension in shared] == before


def test_an_extension_that_keeps_state_stays_per_page():
    # SuperFences appends to a list on its instance for every converter it joins.
    superfences = markdown.Markdown().build_extension("pymdownx.superfences", {})
    for _ in range(3):
        markdown.Markdown(extensions=[superfences])
    assert len(superfences.superfences) == 3
    assert "pymdownx.superfences" in KEEP_STATE_BETWEEN_CONVERTERS
    assert "pymdownx.superfences" in _site_extensions()


def test_shared_and_per_page_extensions_give_the_same_html():
    names, configs = markdown_extensions(REPO / "mkdocs.yml")
    text = '# Title\n\n!!! tip "A tip"\n    Some *text*.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nNote[^n]\n\n[^n]: here'
    shared = _site_extensions()
    for _ in range(3):
        expected = markdown.Markdown(extensions=names, extension_configs=configs).convert(text)
        assert markdown.Markdown(extensions=shared).convert(text) == expected


PAGES = [
    "# One\n\n!!! note\n    An admonition[^1].\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[^1]: a note\n",
    '# Two {#second}\n\n??? info "More"\n    Details.\n\n```python\nx = 1\n```\n\n<div markdown>*in HTML*</div>\n',
    "## Three\n\nA [link][l] and a footnote[^n].\n\n[l]: https://example.org\n[^n]: another\n",
]


def test_pages_convert_the_same_with_extensions_configured_once_or_per_page():
    names, configs = markdown_extensions(REPO / "mkdocs.yml")
    shared = configured_once(names, configs)
    for text in PAGES * 2:  # twice: the second round uses instances that have served before
        stock = markdown.Markdown(extensions=names, extension_configs=configs).convert(text)
        assert markdown.Markdown(extensions=shared).convert(text) == stock

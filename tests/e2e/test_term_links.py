"""End-to-end: glossary terms are linked on first mention, with tooltips, in a real build."""

from __future__ import annotations

import json

import pytest

CHAPTER = "handbooks/starter/going-further/"


@pytest.fixture(scope="module")
def built(sample_site):
    return sample_site


def test_first_mention_in_a_chapter_links_the_term_with_a_tooltip(built):
    html = built.html(CHAPTER)
    assert (
        '<a aria-describedby="hb-tip-1" class="hb-term" href="../../../glossary/relational-council/">'
        'Relational councils</a><span class="hb-tooltip" data-search-exclude="" id="hb-tip-1" role="tooltip">'
        "A local authority that puts relationships at the centre of how it works.</span>"
    ) in html
    assert (
        html.count('class="hb-term" href="../../../glossary/relational-council/"') == 1
    )  # the later mention stays text
    assert "Every relational council is different" in html


def test_tooltip_definition_is_escaped_and_intact(built):
    html = built.html(CHAPTER)
    assert (
        'role="tooltip">The painful gap between the relationships we have and those we want: '
        '"&lt;not&gt; &amp; {{ escaped }}" ŵ ŷ.</span>'
    ) in html


def test_tooltip_script_and_styles_are_on_the_page(built):
    html = built.html(CHAPTER)
    assert 'src="../../../assets/term-tooltips.js"' in html
    assert 'href="../../../assets/term-tooltips.css"' in html
    assert (built.site / "assets" / "term-tooltips.js").is_file()


def test_definitions_stay_out_of_the_search_index(built):
    index = json.loads((built.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    chapter = [doc for doc in index["docs"] if doc["location"].startswith(CHAPTER)]
    assert chapter and any("Relational councils take" in doc["text"] for doc in chapter)
    assert not any("puts relationships at the centre" in doc["text"] for doc in chapter)


def test_build_log_summarises_term_links(built):
    assert "glossary term links on" in built.log
    assert "`handbook mentions` lists them" in built.log


def test_cross_linking_switched_off_in_mkdocs_yml(tmp_path, make_project, git_commit, build):
    root = make_project(tmp_path, git=False)
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("cross_linking: true", "cross_linking: false"), encoding="utf-8"
    )
    git_commit(root, "cross-linking off")
    result = build(root, "--strict")
    assert result.returncode == 0, result.log
    assert "hb-term" not in result.html(CHAPTER)
    assert "glossary term links on" not in result.log


def test_all_mentions_mode_and_a_bad_mode(tmp_path, make_project, git_commit, build):
    root = make_project(tmp_path, git=False)
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("term_links: first", "term_links: every"), encoding="utf-8"
    )
    git_commit(root, "bad mode")
    result = build(root)
    assert result.returncode != 0
    line = next(n for n, text in enumerate(config.read_text(encoding="utf-8").splitlines(), 1) if "term_links:" in text)
    assert (
        f"mkdocs.yml:{line}: extra.handbook.term_links: Expected one of: ('first', 'all') but received: 'every'"
        in result.log
    ), result.log
    assert "Traceback" not in result.log
    config.write_text(
        config.read_text(encoding="utf-8").replace("term_links: every", "term_links: all"), encoding="utf-8"
    )
    result = build(root, "--strict")
    assert result.returncode == 0, result.log
    assert result.html(CHAPTER).count('class="hb-term" href="../../../glossary/relational-council/"') == 2

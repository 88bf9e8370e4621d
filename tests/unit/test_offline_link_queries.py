"""Offline copy: a link's query string survives the rewrite to files (the explorer's filters live there)."""

from __future__ import annotations

from handbook.outputs.offline_links import rewrite_for_files


def test_query_and_fragment_survive_the_rewrite():
    html = '<p><a href="../?theme=loneliness&amp;outcome=trust#top">cell</a> <a href="../">plain</a></p>'
    rewritten = rewrite_for_files(html, "evidence/gap-map.html", {"evidence/": "evidence/index.html"})
    assert '<a href="index.html?theme=loneliness&amp;outcome=trust#top">cell</a>' in rewritten
    assert '<a href="index.html">plain</a>' in rewritten


def test_a_pages_own_script_is_loaded_from_the_files_folder():
    """The engine writes a script's address as if the page were a folder (contribute/suggest/):
    in the offline copy the page is contribute/suggest.html, one folder up."""
    html = '<div id="form"></div><script src="../../assets/javascripts/hb-suggest.js" defer></script>'
    assets = frozenset({"assets/javascripts/hb-suggest.js"})
    rewritten = rewrite_for_files(html, "contribute/suggest.html", {}, assets)
    assert '<script src="../assets/javascripts/hb-suggest.js" defer' in rewritten

"""Offline copy: a link's query string survives the rewrite to files (the explorer's filters live there)."""

from __future__ import annotations

from handbook.outputs.offline_links import rewrite_for_files


def test_query_and_fragment_survive_the_rewrite():
    html = '<p><a href="../?theme=loneliness&amp;outcome=trust#top">cell</a> <a href="../">plain</a></p>'
    rewritten = rewrite_for_files(html, "evidence/gap-map.html", {"evidence/": "evidence/index.html"})
    assert '<a href="index.html?theme=loneliness&amp;outcome=trust#top">cell</a>' in rewritten
    assert '<a href="index.html">plain</a>' in rewritten

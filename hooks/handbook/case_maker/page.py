"""The page /case-maker/ ("My case") and its data file, ``case-maker/items.json``.

The page is a frame: ``templates/generated/case_maker.html`` writes its heading, an
introduction, what the items share as JSON (the confidence scale, directions, themes and
the number of shards: ``page_data``) and the place
``overrides/assets/javascripts/hb-case-maker.js`` fills with the reader's case, kept in their
browser. The items themselves are in shards (``shards.py``), script files the page loads for
the items of a case only, so the page's weight does not grow with the content and it still
works from the offline copy (a script may load a script there, not fetch a file). The data
is made once per build, when first asked for: by the exports (``case_maker_exports``) or by
the page, whichever comes first; ``handbook check``, which does neither, never makes it.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from handbook.case_maker.data import CASE_ITEMS_JSON, FORMAT, case_data, case_json
from handbook.case_maker.shards import SHARD_FOLDER, shard_count, shard_files
from handbook.content import kinds
from handbook.content.corpus import Corpus
from handbook.languages import N_
from handbook.languages.catalogue import Messages
from handbook.pages.exports import ExportFile
from handbook.pages.generated import GeneratedPage

CASE_MAKER_URI = "case-maker/index.md"
CASE_MAKER_URL = "case-maker/"
TITLE = N_("My case")
TEMPLATE = "generated/case_maker.html"
SUMMARY = N_(
    "Build your own brief from the handbooks: the evidence with its confidence ratings, stories, "
    "terms and sections you add, in the order you choose, with your notes, to print or share."
)
CONTEXT_KEY = "case"  # the page's context entry holding its CaseView


class CaseView:
    """The data of one build's case maker, made on first use and kept for the build."""

    def __init__(self, corpus: Corpus, messages: Messages | None = None):
        self._corpus = corpus
        self._messages = messages

    @cached_property
    def data(self) -> dict[str, Any]:
        return case_data(self._corpus, self._messages)

    @cached_property
    def json(self) -> bytes:
        """The data file's bytes."""
        return case_json(self.data)

    @property
    def count(self) -> int:
        return len(self.data["items"])

    @cached_property
    def shards(self) -> int:
        """How many shard files hold the items."""
        return shard_count(self.data["items"], self.data["chapters"])

    @cached_property
    def page_data(self) -> dict[str, Any]:
        """What the page embeds: the whole document but its items and their chapters (in the
        shards), and the number of shards: its size does not grow with the content."""
        shared = {key: value for key, value in self.data.items() if key not in ("items", "chapters")}
        return {**shared, "shards": self.shards}

    def files(self) -> list[ExportFile]:
        """The data file and the shards."""
        return [
            ExportFile(CASE_ITEMS_JSON, self.json),
            *shard_files(self.data["items"], self.data["chapters"], self.shards, FORMAT),
        ]


def case_maker_page(corpus: Corpus, messages: Messages | None = None) -> GeneratedPage:
    """The page at /case-maker/, its title, summary and data in the language of ``messages``
    (English when None)."""
    messages = messages or Messages()
    # The shards' folder relative to the page, written as is: the page is always its folder's
    # index.html, online and in the offline copy (whose link rewriting does not see a data- attribute).
    shards = SHARD_FOLDER.removeprefix(CASE_MAKER_URL)
    context = {CONTEXT_KEY: CaseView(corpus, messages), "items_json": CASE_ITEMS_JSON, "shard_base": shards}
    # Its edit link opens the handbooks, where most of what a case holds is written.
    return GeneratedPage(
        CASE_MAKER_URI,
        messages.gettext(TITLE),
        TEMPLATE,
        kinds.HANDBOOK.source,
        context,
        summary=messages.gettext(SUMMARY),
    )


def case_maker_exports(page: GeneratedPage | None) -> list[ExportFile]:
    """``case-maker/items.json`` and the shards, from the page's own data (none when the build has no such page)."""
    if page is None or not isinstance(page.context.get(CONTEXT_KEY), CaseView):
        return []
    return page.context[CONTEXT_KEY].files()

"""The page /contribute/suggest/: a form per kind of suggestion, made once per build.

The forms are real HTML written at build time from the content schema
(``contributions.forms``; template ``generated/suggest.html``), so they are labelled and
readable with no script. The page embeds the definitions they are checked against and the
glossary's terms as JSON (no request: it works from the offline copy too); the scripts
``hb-suggest-validate.js``, ``hb-suggest-file.js`` and ``hb-suggest.js`` check the answers
as the reader types, make the file and offer the ways to send it.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from handbook.content import kinds
from handbook.content.corpus import Corpus
from handbook.content.model import Term
from handbook.contributions.field_help import field_help
from handbook.contributions.forms import SuggestForm, definitions, page_data, suggest_forms
from handbook.contributions.schema import SCHEMA_URI, content_schema
from handbook.languages import N_
from handbook.languages.catalogue import Messages
from handbook.pages.generated import GeneratedPage

SUGGEST_URI = "contribute/suggest.md"
SUGGEST_URL = "contribute/suggest/"
TITLE = N_("Suggest an addition or a correction")
TEMPLATE = "generated/suggest.html"
SUMMARY = N_(
    "A form for each thing you can add or correct: a term, a perspective on a term, a story, an organisation, "
    "a piece of evidence, or a correction to any page. Each is checked by the same rules as the site."
)
ISSUE_FORMS_PATH = ".github/ISSUE_TEMPLATE"
VOCABULARIES = kinds.THEME.source  # docs/vocabularies.yml: where the forms' options come from


class SuggestView:
    """What the page's template reads, made when the page is rendered (the list of generated
    pages is asked for more than once per build, and `handbook check` never renders it)."""

    def __init__(self, corpus: Corpus):
        self._corpus = corpus

    @cached_property
    def _kinds(self) -> dict[str, Any]:
        """The content schema's definitions, with the content model's help text."""
        return content_schema(self._corpus.vocabularies, None, field_help(self._corpus.root))["$defs"]

    @cached_property
    def forms(self) -> list[SuggestForm]:
        return suggest_forms(self._kinds, self._corpus.vocabularies)

    @cached_property
    def terms(self) -> list[tuple[str, str, str | None]]:
        """The glossary's terms to choose from, by id: (id, name, path), the path only where it
        is not glossary/<id>.md. The page carries them once, in its list of terms (the script
        reads them there), not again in its JSON: at 2,000 terms that would be ~130 kB more."""
        terms = sorted(self._corpus.records(Term), key=lambda term: term.id)
        return [(term.id, term.title, None if term.path == term_path(term.id) else term.path) for term in terms]

    @cached_property
    def data(self) -> dict[str, Any]:
        """The JSON embedded for the scripts: no content text in it, even as escaped data."""
        return page_data(self.forms, definitions(self._kinds))


def term_path(term_id: str) -> str:
    """Where a term's file is, by its id: glossary/<id>.md."""
    return f"{kinds.TERM.source}/{term_id}.md"


def suggest_page(corpus: Corpus, messages: Messages | None = None) -> GeneratedPage:
    """The page at /contribute/suggest/, its title and summary in the language of ``messages``
    (English when None)."""
    messages = messages or Messages()
    context = {
        "suggest": SuggestView(corpus),
        "schema_url": SCHEMA_URI,
        "issue_forms_path": ISSUE_FORMS_PATH,
    }
    # Its edit link opens the vocabularies, where the forms' options come from.
    return GeneratedPage(
        SUGGEST_URI, messages.gettext(TITLE), TEMPLATE, VOCABULARIES, context, summary=messages.gettext(SUMMARY)
    )

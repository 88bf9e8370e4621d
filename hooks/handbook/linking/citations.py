"""Numbered citations: the per-page numbering and the data of each reference entry.

A page numbers the evidence it cites in order of first citation; citing the same item
again reuses its number. ``PageCitations`` holds that state for one page only: the
Markdown extension makes a new one for every conversion (as Python-Markdown's footnotes
extension clears its state in ``reset()``), so numbers never leak from page to page.

The words a reference list shows (its heading, an entry's confidence, the back link's
label) are in the reader's language: the heading is kept as data (marked ``N_``) and
translated where shown, and the functions writing a sentence take the build's
``Messages`` (English when not given).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from handbook.content.model import Evidence
from handbook.content.vocabulary import Vocabularies
from handbook.languages import N_
from handbook.languages.catalogue import Messages

REFERENCES_ID = "hb-references"  # id of the reference list section on a page, the same in every language
REFERENCES_HEADING = N_("References")  # translated where shown: messages.gettext(REFERENCES_HEADING)


def reference_anchor(evidence_id: str) -> str:
    """The id of an evidence item's entry in a page's reference list."""
    return f"hb-ref-{evidence_id}"


def citation_anchor(group: int) -> str:
    """The id of the n-th citation (a ``[@a; @b]`` group) on a page, 1-based."""
    return f"hb-cite-{group}"


@dataclass
class CitedReference:
    number: int
    evidence: Evidence
    first_group: int  # the citation group where it was first cited, for the back link


@dataclass
class PageCitations:
    """The citations of one page: numbers in order of first citation."""

    by_id: dict[str, CitedReference] = field(default_factory=dict)
    groups: int = 0

    def start_group(self) -> int:
        self.groups += 1
        return self.groups

    def cite(self, evidence: Evidence, group: int) -> CitedReference:
        cited = self.by_id.get(evidence.id)
        if cited is None:
            cited = self.by_id[evidence.id] = CitedReference(len(self.by_id) + 1, evidence, group)
        return cited

    @property
    def references(self) -> list[CitedReference]:
        """In number order (dicts keep insertion order, which is the numbering order)."""
        return list(self.by_id.values())


def confidence_label(evidence: Evidence, vocabularies: Vocabularies, messages: Messages | None = None) -> str:
    rating = evidence.confidence.rating
    return (messages or Messages()).gettext(
        "Confidence %(rating)s/4: %(level)s", rating=rating, level=vocabularies.confidence_levels.title(rating)
    )


def back_to_citation_label(number: int, messages: Messages | None = None) -> str:
    """The accessible name of a reference entry's link back to where it was first cited."""
    return (messages or Messages()).gettext("Back to citation %(number)s in the text", number=number)


def link_label(evidence: Evidence) -> str:
    """How the outside link of a reference reads: the DOI when there is one, else the URL."""
    return f"doi:{evidence.doi}" if evidence.doi else (evidence.url or "")


def citation_tooltip(evidence: Evidence, vocabularies: Vocabularies, messages: Messages | None = None) -> str:
    confidence = confidence_label(evidence, vocabularies, messages)
    return f"{evidence.short_authors} ({evidence.year}). {evidence.title}. {confidence}"

"""The evidence explorer, the evidence gap map and the confidence scale: their data.

The explorer is the evidence index page: every item as a plain list (complete without
JavaScript) carrying its facets as data-* attributes, plus filters that a small script
(``overrides/assets/javascripts/hb-explorer.js``) applies and keeps in the URL query.
The gap map counts items for every theme x outcome pair and links each cell to the
explorer with both filters set.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from handbook.content.model import Evidence
from handbook.content.vocabulary import Entry, Vocabularies
from handbook.languages import N_
from handbook.languages.catalogue import Messages

EXPLORER_URL = "evidence/"
CONFIDENCE_SCALE_URL = "evidence/confidence-scale/"
GAP_MAP_URL = "evidence/gap-map/"
# Page titles and summaries (translated where the pages are made, pages/generated.py).
CONFIDENCE_SCALE_TITLE = N_("How we rate confidence")
CONFIDENCE_SCALE_SUMMARY = N_(
    "The five-point scale for how strong a piece of evidence is, kept apart from what it found."
)
GAP_MAP_TITLE = N_("Evidence gap map")
GAP_MAP_SUMMARY = N_("Themes against outcomes: where the evidence is, how strong it is, and where the gaps are.")

# URL query parameters of the explorer's filters (also read by hb-explorer.js).
PARAM_THEME, PARAM_TYPE, PARAM_OUTCOME, PARAM_CONFIDENCE, PARAM_FROM, PARAM_TO = (
    "theme",
    "type",
    "outcome",
    "confidence",
    "from",
    "to",
)


def explorer_query(**filters: object) -> str:
    """The query string that opens the explorer with these filters, e.g. '?theme=power&outcome=trust'."""
    present = {key: value for key, value in filters.items() if value not in (None, "")}
    return "?" + urlencode(present) if present else ""


@dataclass
class Option:
    value: str
    label: str
    count: int
    language: str | None = None  # the label's language when it is a vocabulary's (Entry.language)


@dataclass
class Facet:
    param: str
    label: str
    options: list[Option]  # empty for a number input (years)
    any_label: str = N_("Any")  # the empty choice; callers with Messages give it translated
    minimum: int | None = None
    maximum: int | None = None


def _options(counts: Counter, entries: Iterable[Entry]) -> list[Option]:
    """Vocabulary entries that at least one item carries, in vocabulary order."""
    return [
        Option(entry.id, entry.title, counts[entry.id], entry.language) for entry in entries if counts.get(entry.id)
    ]


def _at_least_label(entry: Entry, strongest: bool, messages: Messages) -> str:
    """A confidence option: '3/4 Good or stronger' (the strongest level alone: '4/4 Strong')."""
    if strongest:
        return messages.gettext("%(rating)s/4 %(label)s", rating=entry.id, label=entry.title)
    return messages.gettext("%(rating)s/4 %(label)s or stronger", rating=entry.id, label=entry.title)


def explorer_facets(items: list[Evidence], v: Vocabularies, messages: Messages | None = None) -> list[Facet]:
    """The explorer's filters, labelled in the language of ``messages`` (English by default)."""
    messages = messages or Messages()
    themes = Counter(theme for e in items for theme in set(e.themes))
    types = Counter(e.evidence_type for e in items)
    outcomes = Counter(outcome for e in items for outcome in set(e.outcomes))
    levels = list(v.confidence_levels)
    at_least = [
        Option(
            entry.id,
            _at_least_label(entry, entry is levels[-1], messages),
            sum(1 for e in items if e.confidence.rating >= int(entry.id)),
        )
        for entry in levels
    ]
    years = sorted({e.year for e in items}) or [0]
    any_value = messages.gettext("Any")
    return [
        Facet(PARAM_THEME, messages.gettext("Theme"), _options(themes, v.themes), any_value),
        Facet(PARAM_TYPE, messages.gettext("Type of evidence"), _options(types, v.evidence_types), any_value),
        Facet(PARAM_OUTCOME, messages.gettext("Outcome"), _options(outcomes, v.outcomes), any_value),
        Facet(PARAM_CONFIDENCE, messages.gettext("Confidence"), at_least, any_value),
        # Years are typed, not chosen, so that any year in a shared URL still applies.
        Facet(PARAM_FROM, messages.gettext("From year"), [], str(years[0]), minimum=years[0], maximum=years[-1]),
        Facet(PARAM_TO, messages.gettext("To year"), [], str(years[-1]), minimum=years[0], maximum=years[-1]),
    ]


def explorer_order(items: Iterable[Evidence]) -> list[Evidence]:
    """Newest first, then by title."""
    return sorted(items, key=lambda e: (-e.year, e.title.casefold(), e.id))


# -- gap map ---------------------------------------------------------------------------------


@dataclass
class GapCell:
    theme: Entry
    outcome: Entry
    ratings: list[int] = field(default_factory=list)  # confidence rating of each item in the cell

    @property
    def count(self) -> int:
        return len(self.ratings)

    @property
    def highest(self) -> int | None:
        return max(self.ratings) if self.ratings else None

    @property
    def median(self) -> float | None:
        return statistics.median(self.ratings) if self.ratings else None

    @property
    def query(self) -> str:
        return explorer_query(**{PARAM_THEME: self.theme.id, PARAM_OUTCOME: self.outcome.id})


@dataclass
class GapRow:
    theme: Entry
    cells: list[GapCell]
    total: int  # items on this theme with any outcome

    @property
    def query(self) -> str:
        return explorer_query(**{PARAM_THEME: self.theme.id})


@dataclass
class GapMap:
    outcomes: list[Entry]
    rows: list[GapRow]
    outcome_totals: list[int]
    empty_cells: int
    unmapped: int  # items with no theme or no outcome, so in no cell

    @property
    def cells(self) -> int:
        return len(self.rows) * len(self.outcomes)


def gap_map(items: Iterable[Evidence], v: Vocabularies) -> GapMap:
    """Themes (rows) x outcomes (columns): how many items, and how strong, in each cell."""
    themes, outcomes = list(v.themes), list(v.outcomes)
    cells = {(t.id, o.id): GapCell(t, o) for t in themes for o in outcomes}
    theme_totals: Counter = Counter()
    outcome_totals: Counter = Counter()
    unmapped = 0
    for evidence in items:
        item_themes = [t for t in dict.fromkeys(evidence.themes) if t in v.themes]
        item_outcomes = [o for o in dict.fromkeys(evidence.outcomes) if o in v.outcomes]
        if not item_themes or not item_outcomes:
            unmapped += 1
        for theme in item_themes:
            theme_totals[theme] += bool(item_outcomes)
        for outcome in item_outcomes:
            outcome_totals[outcome] += bool(item_themes)
        for theme in item_themes:
            for outcome in item_outcomes:
                cells[(theme, outcome)].ratings.append(evidence.confidence.rating)
    rows = [GapRow(t, [cells[(t.id, o.id)] for o in outcomes], theme_totals[t.id]) for t in themes]
    empty = sum(1 for cell in cells.values() if not cell.count)
    return GapMap(outcomes, rows, [outcome_totals[o.id] for o in outcomes], empty, unmapped)


# -- confidence scale ---------------------------------------------------------------------------


@dataclass
class ScaleLevel:
    rating: int
    title: str
    description: str
    count: int  # items rated exactly this
    language: str | None = None  # of its title and description (Entry.language)

    @property
    def query(self) -> str:
        return explorer_query(**{PARAM_CONFIDENCE: self.rating})


def confidence_scale(items: Iterable[Evidence], v: Vocabularies) -> list[ScaleLevel]:
    counts = Counter(e.confidence.rating for e in items)
    return [
        ScaleLevel(int(entry.id), entry.title, entry.description, counts[int(entry.id)], entry.language)
        for entry in v.confidence_levels
    ]

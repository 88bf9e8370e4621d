"""Fellow travellers: organisations working on the same things, in the same places, that are
not yet connected with each other (issue 21, item 6).

Two organisations are *already acquainted*, and so never suggested to each other, when
either declares a connection with the other (partner, member, funder...) or when they took
part in the same activity: hosts and partners of one convening know each other.

The others are *fellow travellers* when they share at least one theme or one named place
(the same town, city or area: the same name, without regard to case or spacing, in the same
nation, so that Newport in Wales is not Newport on the Isle of Wight).
A shared nation alone is not enough: most organisations work in England or across the UK,
and "also works in England" would say nothing about the work. The nation still counts
towards the ranking and the explanation.

Ranking, highest score first, ties by name then id:

* each shared theme ``THEME_POINTS`` (6): the work is the point;
* each shared named place ``PLACE_POINTS`` (3);
* a shared UK nation, or both UK-wide, ``NATION_POINTS`` (2), counted once;
* one UK-wide and the other in one of the nations: ``UK_WIDE_POINTS`` (1), weakly, since
  "across the UK" includes that nation only in a general way.

So one shared theme outranks a shared place and nation together. Each organisation keeps
its top ``LIMIT`` (5), each with a plain explanation made from the vocabularies' titles:
"also works on loneliness and isolation in Wales", "also works on place and kindness",
"also works in Swansea".

Computed once per build for every organisation. Candidates come from inverted indexes
(theme -> organisations, place name -> organisations), so an organisation is compared only
with those that share something with it, never with every other one; shared themes and
places are counted through the indexes, and only candidates that can still reach the top
are scored further and explained. The work grows with the number of pairs sharing a theme
(about n² / number of themes when themes are spread evenly): 0.1 s for 1,000 organisations
and 1.7 s for 5,000 with one to three of 18 themes each (the real site has 29).
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from handbook.content.model import UK_WIDE, Convening, Organisation
from handbook.content.vocabulary import Vocabularies
from handbook.languages.catalogue import Messages

LIMIT = 5
THEME_POINTS = 6
PLACE_POINTS = 3
NATION_POINTS = 2
UK_WIDE_POINTS = 1

# The nations of the UK (ids of the `nations` vocabulary); "uk-wide" is all of them at once.
UK_NATIONS = ("england", "scotland", "wales", "northern-ireland")
UK_WIDE_NATION = "uk-wide"


@dataclass(frozen=True)
class FellowTraveller:
    """One organisation suggested to another, with what they share and why in plain words."""

    organisation: Organisation
    score: int
    themes: tuple[str, ...]  # theme ids both work on, in the suggested organisation's order
    places: tuple[str, ...]  # place names both have, as the suggested organisation writes them
    nations: tuple[str, ...]  # UK nations both work in
    explanation: str


@dataclass(frozen=True)
class _Whereabouts:
    """What an organisation's record says about where it works, ready for comparing."""

    places: dict[tuple[str, str | None], str]  # (place_key, nation) -> the name as written
    nations: frozenset[str]  # UK nations, from `nations` and from its places' points
    uk_wide: bool


def place_key(name: str) -> str:
    """A place name for comparing: "Swansea", " swansea " and "SWANSEA" are one place."""
    return " ".join(name.split()).casefold()


def _whereabouts(org: Organisation) -> _Whereabouts:
    places = {(place_key(p.name), p.nation): p.name for p in org.places if p.located}
    nations = {n for n in org.nations if n in UK_NATIONS}
    nations |= {p.nation for p in org.places if p.nation in UK_NATIONS}
    uk_wide = UK_WIDE_NATION in org.nations or any(p.name == UK_WIDE for p in org.places)
    return _Whereabouts(places, frozenset(nations), uk_wide)


def acquaintances(organisations: Iterable[Organisation], convenings: Iterable[Convening]) -> dict[str, set[str]]:
    """Organisation id -> the ids of those it already knows: a connection declared either way,
    or a convening both hosted or partnered."""
    known: dict[str, set[str]] = defaultdict(set)
    for org in organisations:
        for connection in org.connections:
            known[org.id].add(connection.target)
            known[connection.target].add(org.id)
    for convening in convenings:
        together = set(convening.hosts) | set(convening.partners)
        for org_id in together:
            known[org_id] |= together - {org_id}
    return known


def lower_first(title: str) -> str:
    """A vocabulary title inside a sentence: "Loneliness and isolation" -> "loneliness and
    isolation"; a title starting with an abbreviation ("NHS ...") is kept as it is."""
    if len(title) > 1 and title[1].isupper():
        return title
    return title[:1].lower() + title[1:]


def _join(words: list[str], messages: Messages) -> str:
    """A list in a sentence: "a", "a and b", "a, b and c" (in the reader's language)."""
    if len(words) == 1:
        return words[0]
    return messages.gettext("%(items)s and %(last)s", items=", ".join(words[:-1]), last=words[-1])


def explain(
    themes: list[str],
    places: list[str],
    nations: list[str],
    across_uk: bool,
    vocabularies: Vocabularies,
    messages: Messages | None = None,
) -> str:
    """The explanation shown beside a fellow traveller: what it also works on, and where."""
    messages = messages or Messages()
    titles = [lower_first(vocabularies.themes.title(t)) for t in themes]
    if places:
        where = messages.gettext("in %(places)s", places=_join(places, messages))
    elif nations:
        where = messages.gettext(
            "in %(places)s", places=_join([vocabularies.nations.title(n) for n in nations], messages)
        )
    elif across_uk:
        where = messages.gettext("across the UK")
    else:
        where = ""
    if not titles:
        return messages.gettext("also works %(where)s", where=where)
    # "on place and kindness", but "on loneliness and isolation and on power": a title that
    # holds an "and" itself would run into the next one.
    if len(titles) > 1 and any(" and " in title for title in titles):
        what = _join([messages.gettext("on %(themes)s", themes=title) for title in titles], messages)
    else:
        what = messages.gettext("on %(themes)s", themes=_join(titles, messages))
    if where:
        return messages.gettext("also works %(what)s %(where)s", what=what, where=where)
    return messages.gettext("also works %(what)s", what=what)


def _nation_points(mine: _Whereabouts, theirs: _Whereabouts) -> int:
    if mine.nations & theirs.nations or (mine.uk_wide and theirs.uk_wide):
        return NATION_POINTS
    if (mine.uk_wide and theirs.nations) or (theirs.uk_wide and mine.nations):
        return UK_WIDE_POINTS
    return 0


def _compare(
    org: Organisation,
    mine: _Whereabouts,
    other: Organisation,
    theirs: _Whereabouts,
    vocabularies: Vocabularies,
    messages: Messages,
) -> FellowTraveller:
    my_themes = set(org.themes)
    themes = [t for t in dict.fromkeys(other.themes) if t in my_themes]
    places = [name for key, name in theirs.places.items() if key in mine.places]
    nations = [n for n in UK_NATIONS if n in mine.nations and n in theirs.nations]
    both_uk_wide = mine.uk_wide and theirs.uk_wide
    weakly = (
        not nations and not both_uk_wide and bool(mine.uk_wide and theirs.nations or theirs.uk_wide and mine.nations)
    )
    score = THEME_POINTS * len(themes) + PLACE_POINTS * len(places) + _nation_points(mine, theirs)
    if nations:
        where_nations = nations
    elif weakly and not theirs.uk_wide:
        # This one works across the UK, the other in some of its nations: say which.
        where_nations = [n for n in UK_NATIONS if n in theirs.nations]
    else:
        where_nations = []
    across_uk = both_uk_wide or (weakly and theirs.uk_wide)
    explanation = explain(themes, places, where_nations, across_uk, vocabularies, messages)
    return FellowTraveller(other, score, tuple(themes), tuple(places), tuple(nations), explanation)


def fellow_travellers(
    organisations: Iterable[Organisation],
    convenings: Iterable[Convening],
    vocabularies: Vocabularies,
    limit: int = LIMIT,
    messages: Messages | None = None,
) -> dict[str, list[FellowTraveller]]:
    """Organisation id -> its fellow travellers, best first (at most ``limit``); every
    organisation has an entry, an empty list when none qualifies. The explanations are in
    the language of ``messages`` (English when None)."""
    messages = messages or Messages()
    by_id = {org.id: org for org in sorted(organisations, key=lambda o: o.id)}
    known = acquaintances(by_id.values(), convenings)
    where = {org_id: _whereabouts(org) for org_id, org in by_id.items()}
    sort_name = {org_id: org.title.casefold() for org_id, org in by_id.items()}
    by_theme: dict[str, list[str]] = defaultdict(list)
    by_place: dict[tuple[str, str | None], list[str]] = defaultdict(list)
    for org_id, org in by_id.items():
        for theme in dict.fromkeys(org.themes):
            by_theme[theme].append(org_id)
        for key in where[org_id].places:
            by_place[key].append(org_id)
    result: dict[str, list[FellowTraveller]] = {}
    for org_id, org in by_id.items():
        mine = where[org_id]
        # Points for shared themes and places, counted through the indexes: only organisations
        # that share something with this one are ever looked at.
        points: dict[str, int] = defaultdict(int)
        for theme in dict.fromkeys(org.themes):
            for other_id in by_theme[theme]:
                points[other_id] += THEME_POINTS
        for key in mine.places:
            for other_id in by_place[key]:
                points[other_id] += PLACE_POINTS
        for other_id in known.get(org_id, ()):
            points.pop(other_id, None)
        points.pop(org_id, None)
        if not points:
            result[org_id] = []
            continue
        # A nation adds at most NATION_POINTS: whoever is further than that below the
        # limit-th best cannot make the list, so is not compared further.
        cutoff = heapq.nlargest(limit, points.values())[-1] - NATION_POINTS
        ranked = heapq.nsmallest(
            limit,
            (
                (-(base + _nation_points(mine, where[other_id])), sort_name[other_id], other_id)
                for other_id, base in points.items()
                if base >= cutoff
            ),
        )
        result[org_id] = [
            _compare(org, mine, by_id[other_id], where[other_id], vocabularies, messages) for *_, other_id in ranked
        ]
    return result

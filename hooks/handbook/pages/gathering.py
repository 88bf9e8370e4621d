"""The data of the pages that gather a collection: glossary A to Z, stories by type,
nation and theme, convenings by year, resources by kind, organisations by nation and type.

Plain functions from items to ordered groups; the templates in
``hooks/handbook/templates/generated/`` write the markup.
"""

from __future__ import annotations

import string
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from handbook.content.model import Convening, Item, Organisation, Resource, Story, Term
from handbook.content.vocabulary import Vocabularies, Vocabulary
from handbook.languages import N_
from handbook.languages.catalogue import Messages

OTHER_LETTER = "#"  # terms that start with a digit or a symbol
# The headings of items that carry no value of a vocabulary (translated where grouped).
PLACE_NOT_GIVEN = N_("Place not given")
NO_THEME_YET = N_("No theme yet")
TYPE_NOT_GIVEN = N_("Type not given")

# The A to Z of a language, in its order: Welsh files "Llesiant" under Ll, after L, and
# "Chwarae" under Ch, after C. A letter is one or more characters; English has none of two.
_ENGLISH_LETTERS = tuple(string.ascii_uppercase)
_WELSH_LETTERS = ("A", "B", "C", "CH", "D", "DD", "E", "F", "FF", "G", "NG", "H", "I", "J", "L", "LL", "M", "N", "O", "P", "PH", "R", "RH", "S", "T", "TH", "U", "W", "Y")  # fmt: skip
# Letters a language's words do not use but titles left in English may start with
# (K, Q, V, X, Z in Welsh): filed in their place in the Latin alphabet, shown only when used.
_BORROWED = {"cy": ("K", "Q", "V", "X", "Z")}
LETTERS = {"en": _ENGLISH_LETTERS, "cy": _WELSH_LETTERS}
ItemT = TypeVar("ItemT", bound=Item)


@dataclass
class Group:
    """A heading and the items under it; ``id`` is stable and usable as an HTML id."""

    id: str
    title: str
    items: list
    language: str | None = None  # a vocabulary label's language when said (Entry.language); None: the page's


def _letters(language: str) -> tuple[str, ...]:
    """Every letter of the language (borrowed ones included), in alphabetical order."""
    own = LETTERS.get(language, _ENGLISH_LETTERS)
    borrowed = _BORROWED.get(language, ())
    latin = {letter: index for index, letter in enumerate(string.ascii_uppercase)}
    # a borrowed letter goes after the last of the language's letters that comes before it
    ordered = list(own)
    for letter in borrowed:
        after = max(i for i, own_letter in enumerate(ordered) if latin.get(own_letter[0], -1) < latin[letter])
        ordered.insert(after + 1, letter)
    return tuple(ordered)


def _split(text: str, letters: tuple[str, ...]) -> list[str]:
    """``text`` (folded) cut into the language's letters, longest first: 'llan' -> ['LL', 'A', 'N']."""
    longest = max(len(letter) for letter in letters)
    known = set(letters)
    upper, parts, i = text.upper(), [], 0
    while i < len(upper):
        for size in range(longest, 0, -1):
            if upper[i : i + size] in known or size == 1:
                parts.append(upper[i : i + size])
                i += size
                break
    return parts


def by_title(items: Iterable[Item], language: str = "en") -> list:
    """Items in the alphabetical order of their titles in ``language`` (English by default)."""
    if language not in LETTERS or language == "en":
        return sorted(items, key=lambda item: (_fold(item.title), item.id))
    letters = _letters(language)
    rank = {letter: index for index, letter in enumerate(letters)}

    def key(item: Item) -> tuple:
        # a letter of the language sorts by its place; anything else (digits, spaces, symbols)
        # by its character, before the letters
        parts = _split(_fold(item.title), letters)
        return tuple((1, rank[p], "") if p in rank else (0, 0, p) for p in parts), item.id

    return sorted(items, key=key)


def _fold(text: str) -> str:
    """Case- and accent-blind sort key, so that 'Ŵ' sorts with 'W'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def letter_of(title: str, language: str = "en") -> str:
    """The A to Z letter a title files under in ``language``: its first letter without
    accents ('Ll' for 'Llesiant' in Welsh), else '#'."""
    letters = _letters(language)
    longest = max(len(letter) for letter in letters)
    folded = _fold(title)
    for index, char in enumerate(folded):
        if char.isalnum():
            first = _split(folded[index : index + longest], letters)[0]
            return first.capitalize() if first in letters else OTHER_LETTER
    return OTHER_LETTER


def _letter_id(letter: str) -> str:
    return f"letter-{'other' if letter == OTHER_LETTER else letter.lower()}"


def glossary_by_letter(terms: Iterable[Term], language: str = "en") -> list[Group]:
    """Terms under the letter of their title, in the alphabetical order of ``language``."""
    letters: dict[str, list[Term]] = defaultdict(list)
    for term in terms:
        letters[letter_of(term.title, language)].append(term)
    order = [letter.capitalize() for letter in _letters(language)] + [OTHER_LETTER]
    return [
        Group(_letter_id(letter), letter, by_title(letters[letter], language))
        for letter in order
        if letters.get(letter)
    ]


def alphabet(groups: Sequence[Group], language: str = "en") -> list[tuple[str, str | None]]:
    """Every letter of the language (and '#', or a borrowed letter, when used) with the id to
    jump to, or None when no term starts with it."""
    present = {group.title: group.id for group in groups}
    borrowed = {letter.capitalize() for letter in _BORROWED.get(language, ())}
    letters = [letter.capitalize() for letter in _letters(language)] + [OTHER_LETTER]
    return [
        (letter, present.get(letter))
        for letter in letters
        if letter in present or (letter != OTHER_LETTER and letter not in borrowed)
    ]


def group_by_vocabulary(
    items: Iterable[ItemT],
    vocabulary: Vocabulary,
    values: Callable[[ItemT], Iterable[str | None]],
    prefix: str,
    missing: str | None = None,
) -> list[Group]:
    """Items grouped under each vocabulary entry they carry, in the vocabulary's order.

    An item with several values appears under each; with none, under ``missing`` (if given).
    """
    grouped: dict[str, list[ItemT]] = defaultdict(list)
    for item in items:
        found = [value for value in values(item) if value]
        if not found and missing:
            grouped[""].append(item)
        for value in dict.fromkeys(found):
            grouped[value].append(item)
    groups = [
        Group(f"{prefix}-{entry.id}", entry.title, by_title(grouped[entry.id]), entry.language)
        for entry in vocabulary
        if grouped.get(entry.id)
    ]
    if missing and grouped.get(""):
        groups.append(Group(f"{prefix}-none", missing, by_title(grouped[""])))
    return groups


def glossary_by_term_group(terms: Iterable[Term], v: Vocabularies) -> list[Group]:
    return group_by_vocabulary(terms, v.term_groups, lambda t: [t.group], "group")


def stories_by_type(stories: Iterable[Story], v: Vocabularies) -> list[Group]:
    return group_by_vocabulary(stories, v.story_types, lambda s: [s.story_type], "type")


def stories_by_nation(stories: Iterable[Story], v: Vocabularies, messages: Messages | None = None) -> list[Group]:
    missing = (messages or Messages()).gettext(PLACE_NOT_GIVEN)
    return group_by_vocabulary(stories, v.nations, lambda s: [s.place.nation if s.place else None], "nation", missing)


def by_theme(items: Iterable[Item], v: Vocabularies, messages: Messages | None = None) -> list[Group]:
    missing = (messages or Messages()).gettext(NO_THEME_YET)
    return group_by_vocabulary(items, v.themes, lambda i: i.themes, "theme", missing)


def convenings_by_year(convenings: Iterable[Convening]) -> list[Group]:
    """Newest year first; within a year, newest first."""
    years: dict[int, list[Convening]] = defaultdict(list)
    for convening in convenings:
        years[convening.year].append(convening)
    return [
        Group(f"year-{year}", str(year), sorted(years[year], key=lambda c: (str(c.date), c.id), reverse=True))
        for year in sorted(years, reverse=True)
    ]


def resources_by_kind(resources: Iterable[Resource], v: Vocabularies) -> list[Group]:
    return group_by_vocabulary(resources, v.resource_kinds, lambda r: [r.resource_kind], "kind")


def listed(organisations: Iterable[Organisation]) -> list[Organisation]:
    """Only organisations whose listing basis is recorded (self-listed or from a public source)."""
    return [o for o in organisations if o.listing is not None]


def organisations_by_nation(organisations: Iterable[Organisation], v: Vocabularies) -> list[Group]:
    return group_by_vocabulary(listed(organisations), v.nations, lambda o: o.nations, "nation")


def organisations_by_type(
    organisations: Iterable[Organisation], v: Vocabularies, messages: Messages | None = None
) -> list[Group]:
    missing = (messages or Messages()).gettext(TYPE_NOT_GIVEN)
    return group_by_vocabulary(listed(organisations), v.organisation_types, lambda o: [o.org_type], "type", missing)

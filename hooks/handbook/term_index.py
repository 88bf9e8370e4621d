"""Finding glossary term names in plain text, fast for any number of terms.

A term's names are its title and aliases. The index is built once per build: each name
is split into words, and a dict maps a name's first word to the names that start with it,
longest first. Text is split into words once and each word is looked up once, so finding
mentions costs time in proportion to the text, not to the number of terms (one big
alternation regex of every name would grow with terms x text).

Matching is case-insensitive, respects word boundaries (a name never matches inside a
longer word, and "co-production" is one word), accepts a simple plural (-s, -es, -ies) or a
possessive ('s, ’s) on a name's last word, and prefers the longest name at each place.
A capitalised mention beside another capitalised word is taken to be part of a proper
name ("Carnegie UK Trust") and is not a mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate
from typing import Iterable, Sequence

from .model import Term
from .urls import url_for

# A word: letters or digits, joined by inner hyphens or apostrophes ("co-production",
# "council's"). Python's \w covers Welsh ŵ and ŷ (and the underscore, as \b does).
WORD = re.compile(r"\w+(?:[-'’‐]\w+)*")
# Python-Markdown keeps raw inline HTML out of the text as STX...ETX placeholders.
PLACEHOLDER = re.compile("\x02[^\x03]*\x03")
_WORD_OR_GAP = re.compile(f"({WORD.pattern})")  # split() keeps the words, between the gaps


def normalise(text: str) -> str:
    """Lower case, with typographic apostrophes and hyphens made plain."""
    return text.lower().replace("’", "'").replace("‐", "-")


def base_forms(word: str) -> tuple[str, ...]:
    """What a normalised word could be the plural or possessive of."""
    if word.endswith("'s"):
        return (word[:-2],)
    if word.endswith("ies"):  # "communities", "policies"
        return (word[:-3] + "y", word[:-1], word[:-2])
    if word.endswith("es"):
        return (word[:-1], word[:-2])
    if word.endswith("s"):
        return (word[:-1],)
    return ()


def _gap(between: str) -> str:
    """What separates two words, ignoring whitespace: "" for spaces or line breaks, "," for ", "."""
    return "".join(between.split())


def _inside_a_proper_name(text: str, words: Sequence[tuple[int, int, str]], first: int, last: int) -> bool:
    """A capitalised mention next to another capitalised word: "Carnegie UK Trust", "The
    Community Paradigm", "Changing Our Permissions". Such names are not uses of the term.
    A capitalised word that starts a sentence does not count as part of a name."""
    if not text[words[first][0]].isupper():
        return False
    if last + 1 < len(words):
        following = words[last + 1]
        if _adjacent(text[words[last][1]:following[0]]) and text[following[0]].isupper():
            return True
    if first >= 2:  # the first word of a text is taken to start a sentence
        before, previous = words[first - 2], words[first - 1]
        if not _may_start_sentence(text[before[1]:previous[0]]) and _adjacent(text[previous[1]:words[first][0]]) \
                and text[previous[0]].isupper():
            return True
    return False


def _may_start_sentence(gap: str) -> bool:
    """Whether the word after ``gap`` could start a sentence: anything but spaces, one line
    break, commas and quotes before it (a full stop, a blank line, markup) says it could."""
    return gap.count("\n") > 1 or any(not (char.isspace() or char in _WITHIN_SENTENCE) for char in gap)


_WITHIN_SENTENCE = frozenset(",'\"‘’“”")


def _adjacent(gap: str) -> bool:
    """Only spaces, or one line break, between two words: they belong to the same phrase."""
    return gap.isspace() and gap.count("\n") < 2


class _Words(Sequence[tuple[int, int, str]]):
    """The words of a text as (start, end, normalised word), from its split into gap, word,
    gap, word, ..., gap: the offsets are running sums of the parts' lengths, made in C, and
    a tuple is only made for the few words a lookup looks at."""

    __slots__ = ("strings", "_ends")

    def __init__(self, parts: list[str]):
        self.strings = parts[1::2]
        self._ends = list(accumulate(map(len, parts)))

    def __len__(self) -> int:
        return len(self.strings)

    def __getitem__(self, at: int) -> tuple[int, int, str]:
        return self._ends[2 * at], self._ends[2 * at + 1], self.strings[at]


@dataclass(frozen=True)
class Name:
    """One name of one term, as words and the punctuation between them."""

    words: tuple[str, ...]
    gaps: tuple[str, ...]  # len(words) - 1 separators, whitespace removed
    term_id: str

    @classmethod
    def parse(cls, text: str, term_id: str) -> "Name | None":
        matches = list(WORD.finditer(text))
        if not matches:
            return None
        words = tuple(normalise(m.group()) for m in matches)
        gaps = tuple(_gap(text[a.end():b.start()]) for a, b in zip(matches, matches[1:]))
        return cls(words, gaps, term_id)


@dataclass(frozen=True)
class Mention:
    """A place in a text where a term is named."""

    start: int
    end: int
    term_id: str
    text: str  # the words as written, e.g. "Relational councils"


class TermIndex:
    """Every term name, ready for word-by-word lookup. Build once per build."""

    def __init__(self, terms: Iterable[Term]):
        self.terms: dict[str, Term] = {}
        self.by_url: dict[str, str] = {}  # site-relative URL of a term page -> term id
        self._by_first_word: dict[str, list[Name]] = {}
        # Names of two or more words by their first two words, longest first: many names can
        # share a first word ("relational ..."), and trying each of them in turn would make
        # every lookup grow with the glossary. (Added by the benchmark work; see docs/about/performance.md.)
        self._by_first_two: dict[tuple[str, str], list[Name]] = {}
        self._one_word: dict[str, Name] = {}  # names of a single word, which may be inflected
        for term in terms:
            self.terms[term.id] = term
            self.by_url[url_for("term", term.id)] = term.id
            for text in term.names:
                name = Name.parse(text, term.id)
                if name is not None:
                    self._by_first_word.setdefault(name.words[0], []).append(name)
                    if len(name.words) == 1:
                        self._one_word.setdefault(name.words[0], name)
                    else:
                        self._by_first_two.setdefault(name.words[:2], []).append(name)
        for names in (*self._by_first_word.values(), *self._by_first_two.values()):
            names.sort(key=lambda name: len(name.words), reverse=True)
        # What each word of the text could start, worked out once per distinct word (and
        # word pair): a page repeats the same few thousand words, so most lookups are one
        # dict access. Per index, and the index is made fresh for every build.
        self._first_of_several = {first for first, _ in self._by_first_two}
        self._starts: dict[str, tuple[bool, Name | None] | None] = {}
        self._starters: set[str] = set()  # the words looked up so far that could start a name
        self._pairs: dict[tuple[str, str], tuple[Name, ...]] = {}

    def __len__(self) -> int:
        return len(self.terms)

    def find(self, text: str) -> list[Mention]:
        """Every mention in ``text``, left to right, longest name first, never overlapping."""
        lowered = normalise(text)
        words: Sequence[tuple[int, int, str]]
        if len(lowered) == len(text):  # the usual case: offsets in both texts agree
            words = _Words(_WORD_OR_GAP.split(lowered))
            strings = words.strings
            if not self._may_start_a_name(strings):
                return []
        else:  # a few characters (such as İ) change length in lower case
            words = [(m.start(), m.end(), normalise(m.group())) for m in WORD.finditer(text)]
            strings = [word for _, _, word in words]
            self._may_start_a_name(strings)
        if "\x02" in text:
            hidden = [m.span() for m in PLACEHOLDER.finditer(text)]
            words = [w for w in (words[at] for at in range(len(words))) if not any(a <= w[0] < b for a, b in hidden)]
            strings = [word for _, _, word in words]
        mentions: list[Mention] = []
        starters, starts = self._starters, self._starts
        free = 0  # words before this one are part of a mention already found
        for position in [at for at, word in enumerate(strings) if word in starters]:
            if position < free:
                continue
            found = self._match_at(text, words, strings, position, *starts[strings[position]])
            if found is None:
                continue
            last = position + len(found.words) - 1
            start, end = words[position][0], words[last][1]
            if not _inside_a_proper_name(text, words, position, last):
                mentions.append(Mention(start, end, found.term_id, text[start:end]))
            free = position + len(found.words)
        return mentions

    def _may_start_a_name(self, words: list[str]) -> bool:
        """Whether any of these (normalised) words could start a name; words not seen before are
        looked up once (set operations in C, so a text of words that start nothing costs little)."""
        for word in set(words).difference(self._starts):
            self._start_info(word)
        return not self._starters.isdisjoint(words)

    def _start_info(self, word: str) -> tuple[bool, Name | None] | None:
        """Whether names of several words start with ``word``, and the one-word name it is
        (perhaps inflected: "councils", "churches", "council's"); None if neither."""
        several = word in self._first_of_several
        single = self._one_word.get(word)
        if single is None and word.endswith("s"):
            single = next((self._one_word[base] for base in base_forms(word) if base in self._one_word), None)
        info = (several, single) if several or single is not None else None
        self._starts[word] = info
        if info is not None:
            self._starters.add(word)
        return info

    def _match_at(self, text: str, words: Sequence[tuple[int, int, str]], strings: list[str], position: int,
                  several: bool, single: Name | None) -> Name | None:
        """The longest name starting at ``position``: one of several words, else ``single``."""
        if several and position + 1 < len(strings):
            first, second = strings[position], strings[position + 1]
            candidates = self._pairs.get((first, second))
            if candidates is None:
                candidates = self._pairs[(first, second)] = self._candidates(first, second)
            for name in candidates:  # longest first
                if self._matches_from(text, words, strings, position, name):
                    return name
        return single

    def _candidates(self, first: str, second: str) -> tuple[Name, ...]:
        """Names of two or more words starting with these two words, longest first."""
        candidates = self._by_first_two.get((first, second), ())
        if second.endswith("s"):  # a name of two words, its last word inflected
            inflected = [name for base in base_forms(second) for name in self._by_first_two.get((first, base), ())
                         if len(name.words) == 2]
            if inflected:
                candidates = sorted((*candidates, *inflected), key=lambda name: len(name.words), reverse=True)
        return tuple(candidates)

    @staticmethod
    def _matches_from(text: str, words: Sequence[tuple[int, int, str]], strings: list[str], position: int,
                      name: Name) -> bool:
        last = len(name.words) - 1
        if position + last >= len(strings):
            return False
        # The words first (a list lookup each), then the punctuation between them.
        for offset in range(1, last + 1):
            wanted, current = name.words[offset], strings[position + offset]
            if current != wanted and (offset != last or wanted not in base_forms(current)):
                return False
        for offset in range(1, last + 1):
            previous, current_word = words[position + offset - 1], words[position + offset]
            if _gap(text[previous[1]:current_word[0]]) != name.gaps[offset - 1]:
                return False
        return True

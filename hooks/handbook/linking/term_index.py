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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate, compress, pairwise

from handbook.content.model import Term
from handbook.linking.urls import url_for

# A word: letters or digits, joined by inner hyphens or apostrophes ("co-production",
# "council's"). Python's \w covers Welsh ŵ and ŷ (and the underscore, as \b does).
WORD = re.compile(r"\w+(?:[-'’‐]\w+)*")
# Python-Markdown keeps raw inline HTML out of the text as STX...ETX placeholders.
PLACEHOLDER = re.compile("\x02[^\x03]*\x03")
_SEPARATOR = "\x00"  # between the texts of one page, looked up together
_PLACEHOLDER_IN_ONE_TEXT = re.compile("\x02[^\x03\x00]*\x03")  # in joined texts: never across a separator
_WORD_OR_GAP = re.compile(f"({WORD.pattern})")  # split() keeps the words, between the gaps
# In ASCII text \w means the same with or without re.ASCII, and the ASCII pattern is a
# third faster: most pages are ASCII once apostrophes and hyphens are made plain.
_WORD_OR_GAP_IN_ASCII = re.compile(_WORD_OR_GAP.pattern, re.ASCII)


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


def _inside_a_proper_name(text: str, bounds: list[int], count: int, first: int, last: int) -> bool:
    """A capitalised mention next to another capitalised word: "Carnegie UK Trust", "The
    Community Paradigm", "Changing Our Permissions". Such names are not uses of the term.
    A capitalised word that starts a sentence does not count as part of a name.
    (Word ``i`` of the ``count`` words runs from ``bounds[2 * i]`` to ``bounds[2 * i + 1]``.)"""
    if not text[bounds[2 * first]].isupper():
        return False
    if last + 1 < count:
        following = bounds[2 * last + 2]
        if _adjacent(text[bounds[2 * last + 1] : following]) and text[following].isupper():
            return True
    if first >= 2:  # the first word of a text is taken to start a sentence
        previous = bounds[2 * first - 2]
        if (
            not _may_start_sentence(text[bounds[2 * first - 3] : previous])
            and _adjacent(text[bounds[2 * first - 1] : bounds[2 * first]])
            and text[previous].isupper()
        ):
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


def _outside_placeholders(
    text: str, bounds: list[int], strings: list[str], placeholder: re.Pattern[str]
) -> tuple[list[int], list[str]]:
    """The words that are not inside a raw HTML placeholder (both in text order: one merge)."""
    hidden = [m.span() for m in placeholder.finditer(text)]
    kept_bounds: list[int] = []
    kept: list[str] = []
    at = 0
    for position, word in enumerate(strings):
        start = bounds[2 * position]
        while at < len(hidden) and hidden[at][1] <= start:
            at += 1
        if at == len(hidden) or start < hidden[at][0]:
            kept_bounds += (start, bounds[2 * position + 1])
            kept.append(word)
    return kept_bounds, kept


@dataclass(frozen=True)
class Name:
    """One name of one term, as words and the punctuation between them."""

    words: tuple[str, ...]
    gaps: tuple[str, ...]  # len(words) - 1 separators, whitespace removed
    term_id: str

    @classmethod
    def parse(cls, text: str, term_id: str) -> Name | None:
        matches = list(WORD.finditer(text))
        if not matches:
            return None
        words = tuple(normalise(m.group()) for m in matches)
        gaps = tuple(_gap(text[a.end() : b.start()]) for a, b in pairwise(matches))
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
                        self._by_first_two.setdefault((name.words[0], name.words[1]), []).append(name)
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
        return [Mention(start, end, term_id, text[start:end]) for start, end, term_id in self._spans(text) or ()]

    def find_each(self, texts: Sequence[str]) -> list[list[Mention]]:
        """``find`` for each of many texts (the text nodes of one page), in one lookup.

        The texts are joined with a NUL between them: it is never part of a word nor of a
        name's punctuation, and it is neither a space nor inside a sentence, so no name
        reaches across it and a capitalised word beside it is judged as at the edge of its
        own text. One split and one scan per page instead of one per text node (most of
        which hold a few words or none); the result is what ``find`` gives each text alone.
        """
        joined = _SEPARATOR.join(texts)
        if joined.count(_SEPARATOR) != len(texts) - 1:  # a text holds a NUL itself: keep them apart
            return [self.find(text) for text in texts]
        found: list[list[Mention]] = [[] for _ in texts]
        spans = self._spans(joined, joined=True)
        if spans is None:  # a character changed length in lower case: the texts one by one
            return [self.find(text) for text in texts]
        if spans:
            ends = list(accumulate(len(text) + 1 for text in texts))  # each text's end, plus its separator
            at = 0
            for start, end, term_id in spans:
                while start >= ends[at]:
                    at += 1
                offset = ends[at] - len(texts[at]) - 1
                found[at].append(Mention(start - offset, end - offset, term_id, joined[start:end]))
        return found

    def _spans(self, text: str, joined: bool = False) -> list[tuple[int, int, str]] | None:
        """(start, end, term id) of every mention. For ``joined`` texts, None where a character
        changes length in lower case (such texts are read one by one)."""
        lowered = normalise(text)
        if len(lowered) == len(text):  # the usual case: offsets in both texts agree
            parts = (_WORD_OR_GAP_IN_ASCII if lowered.isascii() else _WORD_OR_GAP).split(lowered)  # gap, word, ..., gap
            strings = parts[1::2]
            if not self._may_start_a_name(strings):
                return []
            # Running sums of the parts' lengths, made in C: word i runs from bounds[2i] to bounds[2i+1].
            bounds = list(accumulate(map(len, parts)))
        elif joined:
            return None
        else:  # a few characters (such as İ) change length in lower case
            matches = list(WORD.finditer(text))
            bounds = [offset for match in matches for offset in match.span()]
            strings = [normalise(match.group()) for match in matches]
            self._may_start_a_name(strings)
        if "\x02" in text:
            bounds, strings = _outside_placeholders(
                text, bounds, strings, _PLACEHOLDER_IN_ONE_TEXT if joined else PLACEHOLDER
            )
        return self._scan(text, bounds, strings)

    def _scan(self, text: str, bounds: list[int], strings: list[str]) -> list[tuple[int, int, str]]:
        """The mentions among these words: at each word that may start a name, the longest
        name of several words that matches, else the one-word name it is."""
        spans: list[tuple[int, int, str]] = []
        starts, pairs = self._starts, self._pairs
        count = len(strings)
        free = 0  # words before this one are part of a mention already found
        for position in compress(range(count), map(self._starters.__contains__, strings)):
            if position < free:
                continue
            first = strings[position]
            info = starts[first]
            assert info is not None  # a word in _starters starts something
            several, found = info
            if several and position + 1 < count:
                second = strings[position + 1]
                candidates = pairs.get((first, second))
                if candidates is None:
                    candidates = pairs[(first, second)] = self._candidates(first, second)
                if candidates:
                    gap = text[bounds[2 * position + 1] : bounds[2 * position + 2]]
                    gap = "" if gap == " " else _gap(gap)
                    for name in candidates:  # longest first
                        if name.gaps[0] == gap and (
                            len(name.words) == 2 or _matches_after_two(text, bounds, strings, position, name)
                        ):
                            found = name
                            break
            if found is None:
                continue
            last = position + len(found.words) - 1
            start = bounds[2 * position]
            if not (text[start].isupper() and _inside_a_proper_name(text, bounds, count, position, last)):
                spans.append((start, bounds[2 * last + 1], found.term_id))
            free = last + 1
        return spans

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

    def _candidates(self, first: str, second: str) -> tuple[Name, ...]:
        """Names of two or more words starting with these two words, longest first."""
        candidates = self._by_first_two.get((first, second), ())
        if second.endswith("s"):  # a name of two words, its last word inflected
            inflected = [
                name
                for base in base_forms(second)
                for name in self._by_first_two.get((first, base), ())
                if len(name.words) == 2
            ]
            if inflected:
                candidates = sorted((*candidates, *inflected), key=lambda name: len(name.words), reverse=True)
        return tuple(candidates)


def _matches_after_two(text: str, bounds: list[int], strings: list[str], position: int, name: Name) -> bool:
    """Whether the rest of ``name`` follows its first two words at ``position`` (those two, and
    the punctuation between them, were matched by the pair the name was found under)."""
    last = len(name.words) - 1
    if position + last >= len(strings):
        return False
    # The words first (a list lookup each), then the punctuation between them.
    for offset in range(2, last + 1):
        wanted, current = name.words[offset], strings[position + offset]
        if current != wanted and (offset != last or wanted not in base_forms(current)):
            return False
    for offset in range(2, last + 1):
        at = position + offset
        if _gap(text[bounds[2 * at - 1] : bounds[2 * at]]) != name.gaps[offset - 1]:
            return False
    return True

"""One error grammar for every content problem: ``path:line: field: message``."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str
    expected: str | None = None
    suggestion: str | None = None

    def __str__(self) -> str:
        hints = []
        if self.expected:
            hints.append(f"expected {self.expected}")
        if self.suggestion:
            hints.append(f"did you mean {self.suggestion}?")
        tail = f" ({'; '.join(hints)})" if hints else ""
        return f"{self.path}:{self.line}: {self.field}: {self.message}{tail}"


def did_you_mean(value: object, candidates: Iterable[str]) -> str | None:
    """The closest candidate to a misspelt value, quoted, or None."""
    if not isinstance(value, str):
        return None
    pool = list(candidates)
    match = difflib.get_close_matches(value, pool, n=1, cutoff=0.6)
    if not match:
        lowered = {c.lower(): c for c in pool}
        if value.lower() in lowered:
            match = [lowered[value.lower()]]
    return f"'{match[0]}'" if match else None


def one_of(values: Iterable[str], limit: int = 8) -> str:
    """A short 'one of a, b, c' list for the expected part of a message."""
    items = list(values)
    shown = ", ".join(items[:limit])
    more = f", ... ({len(items)} in all)" if len(items) > limit else ""
    return f"one of {shown}{more}"


class ContentError(Exception):
    """Raised by adapters when the corpus has problems; carries all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        count = len(problems)
        super().__init__(f"{count} content problem{'s' if count != 1 else ''} found")

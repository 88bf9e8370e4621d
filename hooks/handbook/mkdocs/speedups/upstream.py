"""What a speed-up checks about the package it reaches into before it is used.

A speed-up relies on a shape that its package does not promise: private names, the exact
code of a function it stands in for. Each one declares the versions it was checked
against and a check of that shape; ``why_not_usable`` says, in words for the build log,
why the stock behaviour has to be used instead (or None when the speed-up fits).
"""

from __future__ import annotations

import hashlib
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import metadata


def installed_version(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def fingerprint(function: Callable) -> str:
    """A short hash of a function's source: changes whenever upstream edits it."""
    return hashlib.sha256(inspect.getsource(function).encode("utf-8")).hexdigest()[:16]


def missing(owner: object, *names: str) -> list[str]:
    """Those of ``names`` (dotted paths below ``owner``) that ``owner`` lacks."""
    absent = []
    for path in names:
        target = owner
        for part in path.split("."):
            target = getattr(target, part, None)
            if target is None:
                absent.append(path)
                break
    return absent


@dataclass(frozen=True)
class SpeedUp:
    """One speed-up: what it replaces, the upstream versions checked, how to turn it off."""

    name: str
    replaces: str
    checked: Mapping[str, tuple[str, ...]]  # distribution -> versions whose shape was checked
    shape_differs: Callable[[], str | None]  # what differs in the installed shape, if anything
    switch: str | None = None  # a finer environment override, beside HANDBOOK_SPEEDUPS

    def why_not_usable(self) -> str | None:
        for distribution, versions in self.checked.items():
            version = installed_version(distribution)
            if version is None:
                return f"{distribution} is not installed"
            if version not in versions:
                return f"{distribution} {version} is not a version it was checked with ({', '.join(versions)})"
        try:
            return self.shape_differs()
        except Exception as error:  # noqa: BLE001  # any surprise in the shape means: not this one
            return f"its check of {', '.join(self.checked)} failed ({error!r})"

"""Related content: for every page, a few other pages that share its themes or references.

Computed once per build with inverted indexes (theme -> items, used item -> items that
use it), so the work grows with the number of shared features, not with pages x pages.
Each shared feature adds its weight scaled by how rare it is (a theme on half the site
says little); a direct link between the two pages adds most.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from handbook.content import kinds
from handbook.content.model import Item

Key = tuple[str, str]

# The kinds of item that show, and appear in, related lists.
RELATED_KINDS = tuple(kind.name for kind in kinds.KINDS if kind.related)
LIMIT = 5


@dataclass(frozen=True)
class Weights:
    shared_theme: float = 1.0
    shared_reference: float = 2.0  # both cite the same evidence, link the same item...
    direct_link: float = 3.0  # one links to, cites or lists the other
    # Features on more items than this are too common to say two items are related
    # (and would make the pairing work grow with their square).
    max_feature_items: int = 300
    # A list of five chapters says less than a mix: at most this many of one kind.
    max_per_kind: int = 3


def _rarity(count: int, total: int) -> float:
    return math.log(1 + total / count)


def _units(score: float) -> int:
    """Scores are summed as whole thousandths, so equal scores are exactly equal."""
    return max(1, round(score * 1000))


def _varied(ranked: list[Item], limit: int, max_per_kind: int) -> list[Item]:
    """The best ``limit`` in rank order, passing over an item whose kind is already full.

    When too few kinds compete, the passed-over items fill the remaining places.
    """
    chosen: list[Item] = []
    passed: list[Item] = []
    per_kind: dict[str, int] = defaultdict(int)
    for item in ranked:
        if per_kind[item.kind] < max_per_kind:
            per_kind[item.kind] += 1
            chosen.append(item)
        else:
            passed.append(item)
        if len(chosen) == limit:
            return chosen
    order = {id(item): rank for rank, item in enumerate(ranked)}
    return sorted(chosen + passed[: limit - len(chosen)], key=lambda item: order[id(item)])


def related_items(
    items: Iterable[Item], uses: Mapping[Key, set[Key]], limit: int = LIMIT, weights: Weights = Weights()
) -> dict[Key, list[Item]]:
    """For each item, up to ``limit`` others ranked by score (ties by title), never itself.

    ``uses`` maps an item's key to the keys of the items it uses (links, cites, mentions,
    lists in its front matter).
    """
    candidates = {item.key: item for item in items if item.kind in RELATED_KINDS}
    total = max(len(candidates), 1)
    # Inverted indexes: feature -> items having it.
    by_theme: dict[str, list[Key]] = defaultdict(list)
    by_reference: dict[Key, list[Key]] = defaultdict(list)
    direct: dict[Key, set[Key]] = defaultdict(set)
    for key, item in candidates.items():
        for theme in set(item.themes):
            by_theme[theme].append(key)
        for target in uses.get(key, ()):
            by_reference[target].append(key)
            if target in candidates:
                direct[key].add(target)
                direct[target].add(key)

    # Items become list positions, so that scoring a row is list arithmetic: the first,
    # dict-of-dicts version took seconds on a thousand pages.
    keys = sorted(candidates, key=lambda k: (candidates[k].title.casefold(), k))  # position = title order
    position = {key: index for index, key in enumerate(keys)}
    item_features: list[list[tuple[list[int], int]]] = [[] for _ in keys]
    for index, weight in ((by_theme, weights.shared_theme), (by_reference, weights.shared_reference)):
        for members in index.values():
            if len(members) < 2 or len(members) > weights.max_feature_items:
                continue
            value = _units(weight * _rarity(len(members), total))
            positions = [position[key] for key in members]
            for at in positions:
                item_features[at].append((positions, value))
    # A direct link is a feature only the two share, so it is as rare as a feature can be.
    direct_value = _units(weights.direct_link * _rarity(1, total))

    scores = [0] * len(keys)
    span = len(keys) + 1  # greater than any position
    related: dict[Key, list[Item]] = {}
    for at, key in enumerate(keys):
        touched: set[int] = set()
        for positions, value in item_features[at]:
            touched.update(positions)
            for other in positions:
                scores[other] += value
        for other_key in direct.get(key, ()):
            other = position[other_key]
            touched.add(other)
            scores[other] += direct_value
        touched.discard(at)
        # Highest score first; equal scores in title order (positions follow titles). Score and
        # position are packed into one integer, so the heap compares plain ints in C rather
        # than calling a key function for every touched item.
        best = heapq.nlargest(limit * 4, [scores[other] * span - other for other in touched])
        related[key] = _varied([candidates[keys[-packed % span]] for packed in best], limit, weights.max_per_kind)
        for other in touched:
            scores[other] = 0
        scores[at] = 0
    return related

"""Related content: for every page, a few other pages that share its themes or references.

Computed once per build with inverted indexes (theme -> items, used item -> items that
use it), so the work grows with the number of shared features, not with pages x pages.
Each shared feature adds its weight scaled by how rare it is (a theme on half the site
says little); a direct link between the two pages adds most.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Mapping

from .model import Item

Key = tuple[str, str]

# The kinds of item that show, and appear in, related lists.
RELATED_KINDS = ("handbook", "chapter", "term", "evidence", "story", "convening", "resource", "organisation")
LIMIT = 5


@dataclass(frozen=True)
class Weights:
    shared_theme: float = 1.0
    shared_reference: float = 2.0  # both cite the same evidence, link the same item...
    direct_link: float = 3.0  # one links to, cites or lists the other
    # Features on more items than this are too common to say two items are related
    # (and would make the pairing work grow with their square).
    max_feature_items: int = 300


def _rarity(count: int, total: int) -> float:
    return math.log(1 + total / count)


def related_items(items: Iterable[Item], uses: Mapping[Key, set[Key]], limit: int = LIMIT,
                  weights: Weights = Weights()) -> dict[Key, list[Item]]:
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

    scores: dict[Key, dict[Key, float]] = defaultdict(lambda: defaultdict(float))
    for index, weight in ((by_theme, weights.shared_theme), (by_reference, weights.shared_reference)):
        for members in index.values():
            if len(members) < 2 or len(members) > weights.max_feature_items:
                continue
            value = weight * _rarity(len(members), total)
            for a in members:
                row = scores[a]
                for b in members:
                    if a != b:
                        row[b] += value
    for a, others in direct.items():
        for b in others:
            if a != b:
                scores[a][b] += weights.direct_link

    related: dict[Key, list[Item]] = {}
    for key in candidates:
        row = scores.get(key, {})
        ranked = sorted(row.items(), key=lambda pair: (-pair[1], candidates[pair[0]].title.lower(), pair[0]))
        related[key] = [candidates[other] for other, _score in ranked[:limit]]
    return related

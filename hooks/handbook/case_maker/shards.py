"""The case maker's items in shards: small script files the page loads only for the items in a case.

Embedding every item in the page /case-maker/ does not scale (9,080 items are 7.8 MB), and
the page must work from the offline copy, where a script may not fetch a file but may load
a script. So each build writes the items as ``case-maker/data/<n>.js`` files, each calling
``window.hbCaseData.add({...})`` with its items and the chapters of its sections (a chapter
whose sections fall in several shards is in each: the page's weight must not grow with the
chapters either), and the page carries only what every item shares (the confidence scale,
directions, themes) and the number of shards; its script inserts a ``<script>`` for each
shard that holds an item of the case.

An item's shard is ``fnv1a32(reference) % count``: FNV-1a, 32 bits, over the reference's
UTF-8 bytes, the same in hb-case-maker.js (``shardOf``). The count is chosen per build so that
a shard is about ``TARGET_BYTES``. Keys sorted, items by reference: same content, same bytes.
"""

from __future__ import annotations

import json
import math
from typing import Any

from handbook.pages.exports import ExportFile

SHARD_FOLDER = "case-maker/data/"  # where the shards are written, relative to the site's root
TARGET_BYTES = 64_000  # about what a shard weighs: a few shards for a case, each quick to load
FNV_OFFSET = 0x811C9DC5
FNV_PRIME = 0x01000193
# Characters escaped in a shard's JSON, though a script file has no </script> to break out of:
# <, > and & so the text is inert if ever pasted into markup; U+2028/9, line ends to old parsers.
_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def fnv1a32(text: str) -> int:
    """The 32-bit FNV-1a hash of the text's UTF-8 bytes."""
    value = FNV_OFFSET
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * FNV_PRIME) & 0xFFFFFFFF
    return value


def shard_of(ref: str, count: int) -> int:
    """The shard holding the item with this reference."""
    return fnv1a32(ref) % count


def _json(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.translate(_ESCAPES)


def _size(value: Any) -> int:
    return len(_json(value).encode("utf-8"))


def shard_count(items: dict[str, Any], chapters: dict[str, Any]) -> int:
    """How many shards make each about TARGET_BYTES (at least one), counting each section's chapter."""
    size = sum(_size(ref) + _size(entry) for ref, entry in items.items())
    size += sum(_size(chapters.get(entry.get("chapter"), "")) for entry in items.values())
    return max(1, math.ceil(size / TARGET_BYTES))


def shard_path(number: int) -> str:
    return f"{SHARD_FOLDER}{number}.js"


def shard_script(number: int, count: int, items: dict[str, Any], chapters: dict[str, Any], data_format: int) -> bytes:
    """One shard's file: ``window.hbCaseData.add({"format", "shard", "shards", "items", "chapters"});``."""
    used = {entry["chapter"] for entry in items.values() if entry.get("chapter") in chapters}
    payload = {"format": data_format, "shard": number, "shards": count, "items": items}
    if used:
        payload["chapters"] = {url: chapters[url] for url in sorted(used)}
    return f"window.hbCaseData.add({_json(payload)});\n".encode()


def shard_files(items: dict[str, Any], chapters: dict[str, Any], count: int, data_format: int) -> list[ExportFile]:
    """Every shard, empty ones too (a case never asks for a file that is not there)."""
    shards: list[dict[str, Any]] = [{} for _ in range(count)]
    for ref in sorted(items):
        shards[shard_of(ref, count)][ref] = items[ref]
    return [
        ExportFile(shard_path(number), shard_script(number, count, shard, chapters, data_format))
        for number, shard in enumerate(shards)
    ]

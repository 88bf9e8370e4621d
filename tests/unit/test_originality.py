"""The content is written in our own words: no sentence is copied from the seed documents.

The seeds are the Relationships Project's own pages. Facts, names, dates and figures carry
over from them; sentences do not. The check: no run of ``RUN_LENGTH`` or more consecutive
words of a content file (lower-cased, punctuation stripped) appears in any seed. The seeds
themselves are not in the repository: the test compares against the fingerprints of their
runs in ``tests/fixtures/seed-fingerprints.txt`` (see ``tests/seed_fingerprints.py``, which
also says how to regenerate them), so it runs on a clone with nothing beside it.

What is checked in each file: its Markdown body and every text value of its front matter,
except ``title`` values. A title is the exact name of an event, a publication or a story
("Can a transactional approach to co-production ever be appropriate?") and is carried over
as a fact, like a date. Quoted text is *not* exempt: the volunteers' short quotations in
the stories are short enough to pass.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from handbook.content.source import read_source
from tests.seed_fingerprints import (
    FIXTURE,
    RUN_LENGTH,
    fingerprint,
    fingerprints,
    read,
    render,
    runs_of,
    seed_texts,
    words,
)

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "seeds"  # only beside this repository's CI, to regenerate the fingerprints
EXEMPT_KEYS = {"title"}  # exact names of events, publications and stories


def copied_passages(text: str, seeds: set[str], n: int = RUN_LENGTH) -> list[str]:
    """The longest copied passages of ``text``: overlapping copied runs are merged."""
    tokens = words(text)
    spans: list[list[int]] = []
    for start, run in runs_of(tokens, n):
        if fingerprint(run) in seeds:
            if spans and start <= spans[-1][1]:
                spans[-1][1] = start + n
            else:
                spans.append([start, start + n])
    return [" ".join(tokens[a:b]) for a, b in spans]


def front_matter_text(value: Any, key: str | None = None) -> Iterator[str]:
    if key in EXEMPT_KEYS:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from front_matter_text(v, str(k))
    elif isinstance(value, list):
        for v in value:
            yield from front_matter_text(v)


def checked_text(path: Path) -> str:
    problems: list = []
    doc = read_source(path, path.relative_to(REPO).as_posix(), problems, front_matter_required=False)
    assert doc is not None, problems
    # Each value is its own passage: a run never spans two fields.
    return "\n\n".join([*front_matter_text(doc.data), doc.body])


def content_files() -> list[Path]:
    found = [*(REPO / "handbooks").rglob("*.md"), *(REPO / "glossary").rglob("*.md"), *(REPO / "docs").rglob("*.md")]
    return sorted(found)


@pytest.fixture(scope="module")
def seeds() -> set[str]:
    prints = read(FIXTURE)
    assert len(prints) > 1000, f"too few seed fingerprints in {FIXTURE}"
    return prints


def test_the_check_finds_a_copied_sentence_and_allows_a_shorter_echo():
    seed = "Our shared and uniting goal is to build a world that is designed for and around relationships."
    runs = fingerprints([seed])
    copied = "As they put it, our shared and uniting goal is to build a world that is designed, they said."
    assert copied_passages(copied, runs) == ["our shared and uniting goal is to build a world that is designed"]
    echo = "Their aim is to build a world that is designed for relationships."  # 9 words in common
    assert copied_passages(echo, runs) == []


def test_titles_are_exempt_but_every_other_front_matter_value_is_checked():
    data = {"title": "A title", "summary": "A summary", "perspectives": [{"definition": "D", "source": {"title": "T"}}]}
    assert list(front_matter_text(data)) == ["A summary", "D"]


def test_there_is_content_to_check():
    files = content_files()
    assert len(files) > 150, len(files)


def test_no_content_file_copies_ten_words_in_a_row_from_the_seeds(seeds):
    copied = [
        f"{path.relative_to(REPO)}: {passage}"
        for path in content_files()
        for passage in copied_passages(checked_text(path), seeds)
    ]
    assert not copied, "passages copied from the seeds (rewrite them in your own words):\n" + "\n".join(copied)


def test_a_passage_pasted_from_a_seed_is_found(seeds):
    """The fingerprints stand for the seeds: ten words of one, pasted into a page, are caught."""
    page = (
        "We met in the village hall. Drawing on conversations with over 100 people in late 2020 "
        "and early 2021, they explored what gets in the way."
    )
    assert copied_passages(page, seeds) == ["drawing on conversations with over 100 people in late 2020 and early 2021"]


def test_the_fingerprints_hold_no_words():
    text = FIXTURE.read_text(encoding="utf-8")
    body = [line for line in text.splitlines() if not line.startswith("#")]
    assert body == sorted(body) and all(len(line) == 12 and int(line, 16) >= 0 for line in body)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents are not beside the clone (only in CI)")
def test_the_fingerprints_are_up_to_date_with_the_seeds():
    assert FIXTURE.read_text(encoding="utf-8") == render(fingerprints(seed_texts(SEEDS))), (
        "regenerate them: python3 tests/seed_fingerprints.py ../shared/seeds"
    )

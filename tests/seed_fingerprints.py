"""Fingerprints of the seed documents, so the originality test needs nothing beside the clone.

The seeds (the Relationships Project's own pages) sit in ``../shared/seeds/`` beside this
repository's CI, not in the repository. What the test needs from them is only whether a run
of ``RUN_LENGTH`` words appears in one, so the repository keeps, in
``tests/fixtures/seed-fingerprints.txt``, a short hash of every such run (its words
lower-cased, punctuation stripped, joined by spaces) and nothing else: sorted, so the order
of the runs is lost, and 48 bits long, so the words cannot be read back from them. (As
with any fingerprint meant for matching, someone who already holds nine words in a row
of a seed could test guesses for the tenth.)

After the seeds change, regenerate the file and commit it:

    python3 tests/seed_fingerprints.py ../shared/seeds
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

RUN_LENGTH = 10
DIGEST_BYTES = 6
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "seed-fingerprints.txt"
_HEADER = f"run_length={RUN_LENGTH} digest=blake2b-{DIGEST_BYTES * 8}"

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")


def words(text: str) -> list[str]:
    """Lower-cased words, punctuation stripped; curly apostrophes count as straight ones."""
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def runs_of(tokens: list[str], n: int = RUN_LENGTH) -> Iterator[tuple[int, tuple[str, ...]]]:
    for start in range(len(tokens) - n + 1):
        yield start, tuple(tokens[start : start + n])


def fingerprint(run: tuple[str, ...]) -> str:
    return hashlib.blake2b(" ".join(run).encode("utf-8"), digest_size=DIGEST_BYTES).hexdigest()


def fingerprints(texts: Iterable[str], n: int = RUN_LENGTH) -> set[str]:
    """The fingerprint of every run of ``n`` words in ``texts``."""
    return {fingerprint(run) for text in texts for _, run in runs_of(words(text), n)}


def seed_texts(folder: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(folder.iterdir()) if p.is_file()]


def render(prints: set[str]) -> str:
    lines = [
        "# Fingerprints of the seed documents for tests/unit/test_originality.py: a 48-bit",
        "# blake2b hash of each run of words, sorted. Made by tests/seed_fingerprints.py",
        "# (python3 tests/seed_fingerprints.py ../shared/seeds); do not edit by hand.",
        f"# {_HEADER}",
        *sorted(prints),
    ]
    return "\n".join(lines) + "\n"


def read(path: Path = FIXTURE) -> set[str]:
    """The fingerprints kept in the repository; an error if they were made with other settings."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if f"# {_HEADER}" not in lines:
        raise ValueError(
            f"{path} was not made with {_HEADER}: regenerate it (python3 tests/seed_fingerprints.py ../shared/seeds)"
        )
    return {line for line in lines if line and not line.startswith("#")}


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python3 tests/seed_fingerprints.py SEEDS_FOLDER (usually ../shared/seeds)", file=sys.stderr)
        return 2
    folder = Path(argv[0])
    texts = seed_texts(folder) if folder.is_dir() else []
    if not texts:
        print(f"{folder}: no seed documents there", file=sys.stderr)
        return 1
    prints = fingerprints(texts)
    FIXTURE.write_text(render(prints), encoding="utf-8")
    print(f"{FIXTURE}: {len(prints)} fingerprints of {len(texts)} seed documents")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

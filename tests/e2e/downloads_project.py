"""The sample project with its downloads (PDFs and offline copy), for the ``downloads_site``
build in conftest.py that the PDF and offline-copy tests share, so the suite pays for it once.

The sample gets one glossary term and one evidence item that no handbook uses, so that
"the appendix holds exactly what the handbook uses" can fail.
"""

from __future__ import annotations

from pathlib import Path

from tests.support import REPO

UNUSED_TERM = """---
term: Quokka wrangling
group: other
working_definition: A made-up term that no handbook uses, for the tests.
perspectives:
  - definition: Nothing at all.
    attributed_to: The tests
    stance: origin
---
"""

UNCITED_EVIDENCE = """---
title: "A study that no handbook cites"
authors: ["Nobody, Ann"]
year: 2001
evidence_type: survey
confidence:
  rating: 1
  rationale: Made up for the tests.
---
"""


def add_downloads(root: Path) -> Path:
    """Write the unused term, the uncited study and the real downloads pages into the project at ``root``."""
    (root / "glossary" / "quokka-wrangling.md").write_text(UNUSED_TERM, encoding="utf-8")
    (root / "docs" / "evidence" / "nobody-2001.md").write_text(UNCITED_EVIDENCE, encoding="utf-8")
    for page in ("downloads.md", "about/offline.md"):  # the real downloads page and the page it links to
        (root / "docs" / page).write_text((REPO / "docs" / page).read_text(encoding="utf-8"), encoding="utf-8")
    return root

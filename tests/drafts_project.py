"""The sample project with one draft of each kind the drafts tests follow (issue 17).

A draft chapter in the published starter handbook (between its two chapters, so the
chapters after it are numbered again), a draft handbook with one chapter of its own, a
draft term, a draft evidence item and a draft free-form page. Every draft carries a word
found nowhere else, so "absent from the site" can be searched for in any output.
"""

from __future__ import annotations

from pathlib import Path

# Words that appear only in the drafts: searched for in pages, search index, exports, PDFs.
MARKERS = {
    "chapter": "Zanzibarchapter",
    "handbook": "Xylophonehandbook",
    "handbook_chapter": "Quetzalchapter",
    "term": "Wombatterm",
    "evidence": "Yodelstudy",
    "page": "Vellumpage",
}

DRAFT_CHAPTER = f"""---
title: Unfinished thoughts {MARKERS["chapter"]}
status: draft
---
## Half a chapter

Still being written: {MARKERS["chapter"]}. It cites [@draft-study] and links [[term:{"kitchen-table"}]].
"""

DRAFT_HANDBOOK = f"""---
title: A secret handbook {MARKERS["handbook"]}
summary: Not ready yet {MARKERS["handbook"]}.
editors: ["@example/starter-editors"]
status: draft
chapters: [only-chapter]
---
The introduction of {MARKERS["handbook"]}.
"""

DRAFT_HANDBOOK_CHAPTER = f"""---
title: The only chapter {MARKERS["handbook_chapter"]}
---
Its chapter, itself marked published by default: {MARKERS["handbook_chapter"]}.
"""

DRAFT_TERM = f"""---
term: Kitchen table {MARKERS["term"]}
group: other
status: draft
working_definition: A term still being written, {MARKERS["term"]}.
perspectives:
  - definition: Nothing settled yet.
    attributed_to: The tests
    stance: origin
---
"""

DRAFT_EVIDENCE = f"""---
title: "A study in progress {MARKERS["evidence"]}"
authors: ["Draft, Dana"]
year: 2024
evidence_type: survey
status: draft
confidence:
  rating: 2
  rationale: Not rated yet, {MARKERS["evidence"]}.
---
"""

DRAFT_PAGE = f"""---
title: Plans {MARKERS["page"]}
status: draft
---
What we might do next: {MARKERS["page"]}.
"""


def add_drafts(root: Path) -> Path:
    """Write the drafts into a copy of the sample project at ``root``."""
    starter = root / "handbooks/starter"
    index = starter / "index.md"
    text = index.read_text(encoding="utf-8")
    index.write_text(
        text.replace("chapters: [first-steps, going-further]", "chapters: [first-steps, unfinished, going-further]"),
        encoding="utf-8",
    )
    (starter / "unfinished.md").write_text(DRAFT_CHAPTER, encoding="utf-8")
    (root / "handbooks/secret").mkdir()
    (root / "handbooks/secret/index.md").write_text(DRAFT_HANDBOOK, encoding="utf-8")
    (root / "handbooks/secret/only-chapter.md").write_text(DRAFT_HANDBOOK_CHAPTER, encoding="utf-8")
    (root / "glossary/kitchen-table.md").write_text(DRAFT_TERM, encoding="utf-8")
    (root / "docs/evidence/draft-study.md").write_text(DRAFT_EVIDENCE, encoding="utf-8")
    (root / "docs/about/plans.md").write_text(DRAFT_PAGE, encoding="utf-8")
    return root

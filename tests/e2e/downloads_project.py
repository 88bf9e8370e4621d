"""One build of the sample project with its downloads (PDFs and offline copy), shared by
the PDF and offline-copy tests so the suite pays for it once.

The sample gets one glossary term and one evidence item that no handbook uses, so that
"the appendix holds exactly what the handbook uses" can fail.
"""

from __future__ import annotations

from pathlib import Path

from support import BuildResult, build, make_project

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

_builds: dict[str, BuildResult] = {}


def downloads_build(tmp_path_factory) -> BuildResult:
    """The sample with downloads, built once per test session (strict)."""
    if "sample" not in _builds:
        root = tmp_path_factory.mktemp("downloads")
        make_project(root, git=False)
        (root / "glossary" / "quokka-wrangling.md").write_text(UNUSED_TERM, encoding="utf-8")
        (root / "docs" / "evidence" / "nobody-2001.md").write_text(UNCITED_EVIDENCE, encoding="utf-8")
        docs = Path(__file__).resolve().parents[2] / "docs"
        for page in ("downloads.md", "about/offline.md"):  # the real downloads page and the page it links to
            (root / "docs" / page).write_text((docs / page).read_text(encoding="utf-8"), encoding="utf-8")
        from support import git_commit

        git_commit(root, "Sample with downloads")
        result = build(root, "--strict")
        assert result.returncode == 0, result.log
        _builds["sample"] = result
    return _builds["sample"]

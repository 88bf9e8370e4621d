"""A build prints what a person should read: no list of the pages left out of the navigation on purpose."""

from __future__ import annotations

NOT_IN_NAV = 'are not included in the "nav" configuration'

# A page the engine knows nothing of, added by another hook: left out of the
# navigation by nobody's decision, so MkDocs still names it.
FORGETFUL_HOOK = """
from mkdocs.structure.files import File


def on_files(files, config):
    files.append(File.generated(config, "notes/forgotten.md", content="# Forgotten\\n"))
    return files
"""


def test_the_sample_build_names_no_page_left_out_of_the_navigation(sample_site):
    assert NOT_IN_NAV not in sample_site.log
    assert "glossary/co-production.md" not in sample_site.log and "evidence/" not in sample_site.log
    # Still built and reachable, only not listed in the navigation.
    assert "Co-production" in sample_site.html("glossary/co-production/")


def test_a_page_nobody_placed_is_still_named(tmp_path, make_project, build):
    # In git: with HANDBOOK_SPEEDUPS=0 the git-revision-date plugin runs a git log per page itself.
    root = make_project(tmp_path / "project")
    (root / "hooks" / "forgetful.py").write_text(FORGETFUL_HOOK, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "hooks:\n  - hooks/mkdocs_hooks.py\n", "hooks:\n  - hooks/mkdocs_hooks.py\n  - hooks/forgetful.py\n"
        ),
        encoding="utf-8",
    )
    result = build(root, env={"HANDBOOK_PDF": "0", "HANDBOOK_OFFLINE_COPY": "0"})
    assert result.returncode == 0, result.log
    assert f"{NOT_IN_NAV}:\n  - notes/forgotten.md\n" in result.log
    assert "glossary/" not in result.log.split(NOT_IN_NAV, 1)[1]  # the only page named

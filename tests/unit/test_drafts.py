"""Drafts (issue 17): which items a build includes, decided once in handbook.content.drafts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from handbook import load_corpus
from handbook.cli.main import main
from handbook.content.drafts import drafts_included, select
from handbook.outputs.pdf_document import document_plans
from handbook.pages.exports import export_files
from handbook.settings import read_settings
from handbook.site import Site
from tests.drafts_project import MARKERS, add_drafts

DRAFT_KEYS = {
    ("chapter", "starter/unfinished"),
    ("handbook", "secret"),
    ("chapter", "secret/only-chapter"),
    ("term", "kitchen-table"),
    ("evidence", "draft-study"),
    ("page", "about/plans"),
}


@pytest.fixture
def project(tmp_path: Path, make_project) -> Path:
    return add_drafts(make_project(tmp_path / "project", git=False))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    "command, environ, included",
    [
        ("serve", {}, True),
        ("build", {}, False),
        ("gh-deploy", {}, False),
        ("check", {}, False),
        (None, {}, False),
        ("build", {"HANDBOOK_DRAFTS": "1"}, True),
        ("check", {"HANDBOOK_DRAFTS": "1"}, True),
        ("serve", {"HANDBOOK_DRAFTS": "0"}, False),
        ("build", {"HANDBOOK_DRAFTS": ""}, False),
    ],
)
def test_previews_include_drafts_and_production_builds_do_not(command, environ, included):
    assert drafts_included(command, read_settings(environ=environ).drafts) is included


def test_the_drafts_of_every_kind_are_valid_and_known(project):
    result = load_corpus(project)
    assert result.problems == []
    assert select(result, include_drafts=True).drafts == DRAFT_KEYS


def test_a_production_build_leaves_every_draft_out(project):
    selection = select(load_corpus(project), include_drafts=False)
    corpus = selection.corpus
    assert {item.key for item in selection.left_out} == DRAFT_KEYS
    assert not DRAFT_KEYS & {item.key for item in corpus}
    assert [handbook.id for handbook in corpus.handbooks] == ["starter"]
    starter = corpus.handbooks[0]
    # The chapters after a left-out draft are numbered again, in the records the build uses.
    assert [(c.id, c.number) for c in starter.chapters] == [("starter/first-steps", 1), ("starter/going-further", 2)]
    assert corpus.get("chapter", "starter/going-further") is starter.chapters[1]
    assert selection.problems == []


def test_a_preview_builds_the_drafts_unchanged(project):
    result = load_corpus(project)
    selection = select(result, include_drafts=True)
    assert selection.corpus is result.corpus and selection.left_out == ()
    assert [c.number for c in selection.corpus.get("handbook", "starter").chapters] == [1, 2, 3]
    assert selection.is_draft(selection.corpus.get("chapter", "secret/only-chapter"))  # by way of its handbook
    assert not selection.is_draft(selection.corpus.get("chapter", "starter/first-steps"))


def test_the_whole_corpus_is_not_changed_by_leaving_drafts_out(project):
    result = load_corpus(project)
    select(result, include_drafts=False)
    assert [c.number for c in result.corpus.get("handbook", "starter").chapters] == [1, 2, 3]
    assert len(result.corpus.get("handbook", "starter").chapters) == 3


def test_exports_and_pdf_inputs_hold_no_draft(project):
    corpus = select(load_corpus(project), include_drafts=False).corpus
    exported = b"".join(
        export.content if isinstance(export.content, bytes) else export.content.encode()
        for export in export_files(corpus)
    )
    assert b"kitchen-table" not in exported and b"draft-study" not in exported
    for marker in MARKERS.values():
        assert marker.encode() not in exported
    plans = {plan.slug: plan for plan in document_plans(corpus)}
    assert set(plans) == {"handbook-starter", "glossary", "evidence-base"}
    printed = {(item.kind, item.id) for plan in plans.values() for _, _, item in plan.pages if item is not None}
    assert not printed & DRAFT_KEYS
    assert [label for _, label, _ in plans["handbook-starter"].pages] == ["Introduction", "Chapter 1", "Chapter 2"]
    # With the drafts built, they are printed too.
    with_drafts = {plan.slug for plan in document_plans(select(load_corpus(project), include_drafts=True).corpus)}
    assert "handbook-secret" in with_drafts


def test_a_production_site_has_no_page_nav_entry_or_gathering_of_a_draft(project):
    site = Site.build(project)
    assert site.result.problems == []
    assert site.left_out_files() == {"evidence/draft-study.md", "about/plans.md"}
    served = set(site.sources)
    assert (
        not {
            "handbooks/secret/index.md",
            "handbooks/secret/only-chapter.md",
            "handbooks/starter/unfinished.md",
            "glossary/kitchen-table.md",
            "evidence/draft-study.md",
            "about/plans.md",
        }
        & served
    )
    nav = json.dumps(site.nav())
    for marker in MARKERS.values():
        assert marker not in nav
    assert "secret" not in nav and "plans" not in nav
    gathered = json.dumps([repr(source.generated.context) for source in site.generated_sources()])
    for marker in MARKERS.values():
        assert marker not in gathered


def test_a_preview_site_builds_the_drafts_with_a_banner(project):
    site = Site.build(project, include_drafts=True)
    assert site.result.problems == []
    assert site.left_out_files() == set()
    for src_uri, title in (
        ("glossary/kitchen-table.md", "Kitchen table"),
        ("handbooks/secret/only-chapter.md", "only chapter"),
        ("evidence/draft-study.md", "study in progress"),
        ("about/plans.md", "Plans"),
    ):
        source = site.source_for(src_uri)
        assert source is not None and title in source.item.title
        html = site.render_content(source, "<p>body</p>", "x/")
        assert 'class="admonition warning hb-draft" role="note"' in html
        assert '<p class="admonition-title">Draft</p>' in html
    chapter = site.render_content(site.source_for("handbooks/secret/only-chapter.md"), "", "x/")
    assert "This chapter&#39;s handbook is a draft" in chapter or "This chapter's handbook is a draft" in chapter
    published = site.render_content(site.source_for("handbooks/starter/first-steps.md"), "<p>body</p>", "x/")
    assert "hb-draft" not in published


def test_a_reference_from_a_published_item_to_a_draft_is_a_problem_in_production(project):
    chapter = project / "handbooks/starter/going-further.md"
    edit(
        chapter,
        "The UCLA scale is one option [@russell-1996].",
        "The UCLA scale is one option [@russell-1996; @draft-study]. See [[chapter:secret/only-chapter]].",
    )
    edit(
        project / "glossary/loneliness.md",
        "related_terms: [co-production]",
        "related_terms: [co-production, kitchen-table]",
    )
    expected = [
        "glossary/loneliness.md:9: related_terms[1]: term 'kitchen-table' is a draft, left out of the published site "
        "(expected a published term: publish 'kitchen-table' first (remove its status: draft), mark this item draft too, "
        "or leave the reference out until then)",
        "handbooks/starter/going-further.md:6: citation: evidence 'draft-study' is a draft, left out of the published site "
        "(expected a published evidence: publish 'draft-study' first (remove its status: draft), mark this item draft too, "
        "or leave the reference out until then)",
        "handbooks/starter/going-further.md:6: link: chapter 'secret/only-chapter' is in the draft handbook 'secret', "
        "left out of the published site (expected a published chapter: publish 'secret/only-chapter' first (remove its "
        "status: draft), mark this item draft too, or leave the reference out until then)",
    ]
    assert sorted(str(p) for p in Site.build(project).result.problems) == expected
    # A preview builds the drafts: the references work, and are only noted.
    preview = Site.build(project, include_drafts=True)
    assert preview.result.problems == []
    assert sorted(str(p) for p in preview.drafts.references_to_drafts) == expected


def test_handbook_check_reports_references_to_drafts_as_the_production_build_does(project, capsys, monkeypatch):
    edit(project / "handbooks/starter/going-further.md", "[@russell-1996]", "[@draft-study]")
    monkeypatch.delenv("HANDBOOK_DRAFTS", raising=False)
    assert main(["--root", str(project), "check"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1 and out[0].startswith(
        "handbooks/starter/going-further.md:6: citation: evidence 'draft-study' is a draft, left out of the published site"
    )
    monkeypatch.setenv("HANDBOOK_DRAFTS", "1")
    assert main(["--root", str(project), "check"]) == 0


def test_a_reference_from_a_draft_to_a_draft_is_fine(project):
    # The draft chapter cites the draft evidence and links the draft term (drafts_project).
    assert Site.build(project).result.problems == []


@pytest.mark.parametrize(
    "path, line",
    [("handbooks/starter/going-further.md", 3), ("docs/evidence/russell-1996.md", 13), ("docs/about/index.md", 2)],
)
def test_a_status_is_draft_or_published(project, path, line):
    target = project / path
    text = target.read_text(encoding="utf-8")
    if text.startswith("---\n"):
        target.write_text(
            text.replace("---\n", "---\nstatus: drafty\n", 1)
            if line == 2
            else text.replace("\n---\n", "\nstatus: drafty\n---\n", 1),
            encoding="utf-8",
        )
    else:
        target.write_text("---\nstatus: drafty\n---\n" + text, encoding="utf-8")
    assert [str(p) for p in load_corpus(project).problems] == [
        f"{path}:{line}: status: 'drafty' is not in the item statuses vocabulary "
        "(expected one of draft, published; did you mean 'draft'?)"
    ]


def test_a_handbook_may_still_be_archived_and_is_published(project):
    edit(project / "handbooks/starter/index.md", "status: published", "status: archived")
    selection = select(load_corpus(project), include_drafts=False)
    assert selection.corpus.get("handbook", "starter") is not None


def test_a_relative_link_from_a_published_page_to_a_draft_page_is_a_problem_in_production(project):
    index = project / "docs/about/index.md"
    index.write_text(
        index.read_text(encoding="utf-8") + "\nSee [our plans](plans.md) and [the glossary](../glossary/index.md).\n",
        encoding="utf-8",
    )
    assert [str(p) for p in Site.build(project).result.problems] == [
        "docs/about/index.md:5: link: 'plans.md' is not a page of the site (looked for about/plans.md): it is a draft's "
        "page, left out of the published site (expected a published page: publish that page first (remove its status: "
        "draft), mark this item draft too, or leave the reference out until then)"
    ]
    assert Site.build(project, include_drafts=True).result.problems == []


def _png(path: Path) -> None:
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (4, 4), "white").save(path)


def test_a_picture_only_a_draft_chapter_shows_stays_out_with_it(project):
    starter = project / "handbooks/starter"
    _png(starter / "images/draft-only.png")
    _png(starter / "images/published.png")
    _png(starter / "images/unused.png")
    edit(starter / "unfinished.md", "## Half a chapter\n", "## Half a chapter\n\n![A sketch](images/draft-only.png)\n")
    first_steps = starter / "first-steps.md"
    first_steps.write_text(
        first_steps.read_text(encoding="utf-8") + "\n![A map](images/published.png)\n", encoding="utf-8"
    )
    assert load_corpus(project).problems == []
    production = {a.repo_path for a in Site.build(project).attachments()}
    assert production == {"handbooks/starter/images/published.png"}
    preview = {a.repo_path for a in Site.build(project, include_drafts=True).attachments()}
    assert preview == {"handbooks/starter/images/published.png", "handbooks/starter/images/draft-only.png"}

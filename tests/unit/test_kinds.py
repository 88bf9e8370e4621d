"""The registry of content kinds (content/kinds.py): complete, consistent with the files it
names, and read the same way by everything that lists kinds."""

from __future__ import annotations

import inspect
import re
import shutil

import pytest

from handbook import load_corpus
from handbook.cli import scaffold
from handbook.cli.scaffold import TEMPLATES_DIR
from handbook.content import kinds, model, readers
from handbook.content.kinds import (
    CHAPTER,
    EVIDENCE,
    HANDBOOK,
    KINDS,
    ORGANISATION,
    PAGE,
    STORY,
    TERM,
    THEME,
    by_folder,
    by_name,
    by_section,
)
from handbook.content.vocabulary import VOCABULARIES_PATH
from handbook.linking.references import KINDS as LINKABLE_KINDS
from handbook.linking.urls import src_uri_for, url_for
from handbook.pages.render import ENGINE_TEMPLATES
from handbook.safety.content_files import CONTENT_FOLDERS
from tests.support import REPO, SAMPLE


def _record_classes() -> set[type[model.Item]]:
    return {
        cls
        for _, cls in inspect.getmembers(model, inspect.isclass)
        if issubclass(cls, model.Item) and cls is not model.Item and cls.__module__ == model.__name__
    }


def test_every_record_class_of_the_model_has_one_entry():
    registered = [kind.record for kind in KINDS]
    assert len(registered) == len(set(registered)), "a record class is registered twice"
    assert set(registered) == _record_classes(), "model.py and kinds.py disagree: register the new kind in kinds.py"


def test_each_entry_is_named_as_its_record_and_names_are_unique():
    assert [kind.name for kind in KINDS] == [kind.record.kind for kind in KINDS]
    assert len({kind.name for kind in KINDS}) == len(KINDS)


def test_every_reader_named_exists_and_reads_its_record():
    for kind in KINDS:
        if kind.reader is None:
            assert not kind.collection, f"the {kind.name} collection has no reader"
            with pytest.raises(LookupError):
                _ = kind.read
            continue
        function = getattr(readers, kind.reader, None)
        assert callable(function), f"readers.{kind.reader} does not exist"
        assert kind.read is function
        assert inspect.signature(function).return_annotation in (kind.record.__name__, kind.record)


def test_every_template_named_exists():
    fragments = ENGINE_TEMPLATES
    for kind in KINDS:
        assert (fragments / kind.template).is_file(), kind.template
        if kind.index is not None:
            assert (fragments / kind.index.template).is_file(), kind.index.template
        if kind.new_template is not None:
            assert (REPO / TEMPLATES_DIR / kind.new_template).is_file(), kind.new_template


def test_every_item_template_in_the_fragments_belongs_to_a_kind():
    """A template left behind by a renamed or removed kind would never be used."""
    templates = {f"items/{path.name}" for path in (ENGINE_TEMPLATES / "items").glob("*.html")}
    assert templates == {kind.template for kind in KINDS if kind.template.startswith("items/")}


def test_every_source_named_exists_in_the_repository():
    for kind in KINDS:
        assert (REPO / kind.source).exists(), kind.source
        if kind.collection:
            assert (REPO / kind.source).is_dir()
        if kind.index is not None:
            assert (REPO / kind.index.gathers).exists(), kind.index.gathers


def test_themes_come_from_the_vocabularies_file():
    assert THEME.source == VOCABULARIES_PATH  # kinds.py imports only the model, so it names the file itself


def test_index_pages_have_sections_of_their_own():
    sections = [kind.section for kind in KINDS if kind.index is not None]
    assert None not in sections
    assert len(sections) == len(set(sections))


def test_content_roots_are_walked_by_the_content_scan():
    """safety/content_files.py keeps its own list (it imports nothing above it): every
    folder the kinds live in must be on it, or a new kind's files would go unchecked."""
    assert kinds.CONTENT_ROOTS == ("handbooks", "glossary", "docs")
    assert set(kinds.CONTENT_ROOTS) <= set(CONTENT_FOLDERS)


def test_lookup_by_name():
    assert by_name("story") is STORY
    assert by_name("chapter") is CHAPTER
    with pytest.raises(KeyError):
        by_name("stories")


def test_lookup_by_folder():
    assert by_folder("glossary") is TERM
    assert by_folder("docs/evidence/") is EVIDENCE
    assert by_folder("docs/organisations") is ORGANISATION
    assert by_folder("handbooks") is HANDBOOK  # not the chapters, which live there too
    assert by_folder("docs") is PAGE
    assert by_folder("docs/vocabularies.yml") is THEME
    assert by_folder("docs/about") is None
    assert by_folder("stories") is None  # a URL section, not a folder


def test_lookup_by_section():
    assert by_section("stories") is STORY
    assert by_section("glossary/") is TERM
    assert by_section("themes") is THEME
    assert by_section("handbooks") is HANDBOOK
    assert by_section("about") is None
    assert by_section("docs/stories") is None


def test_lookup_of_an_item():
    term = model.Term(id="x", path="glossary/x.md", title="X", group="other", working_definition="")
    assert kinds.of(term) is TERM


@pytest.mark.parametrize("kind", [kind for kind in KINDS if kind.section is not None], ids=lambda kind: kind.name)
def test_addresses_start_with_the_section(kind):
    item_id = "handbook-a/chapter-b" if kind is CHAPTER else "an-id"
    assert url_for(kind.name, item_id) == f"{kind.section}/{item_id}/"
    assert src_uri_for(kind.name, item_id).startswith(f"{kind.section}/{item_id}")
    # An address leads back to its kind (a chapter's, to its handbook's section).
    assert by_section(kind.section) is (HANDBOOK if kind is CHAPTER else kind)


def test_consumers_list_every_kind_they_should():
    assert set(LINKABLE_KINDS) == {kind.name for kind in KINDS} - {"page"}
    assert set(scaffold.FOLDERS) == {kind.name for kind in kinds.COLLECTIONS}
    assert {"handbook", "chapter", "perspective"} <= set(scaffold.KINDS)


def test_a_page_at_a_collection_index_address_is_reported(tmp_path):
    """docs/stories.md would be the page stories/, which the stories' index page is."""
    shutil.copytree(SAMPLE, tmp_path, dirs_exist_ok=True)
    for name in ("stories.md", "glossary.md"):
        (tmp_path / "docs" / name).write_text("# A page\n", encoding="utf-8")
    problems = [str(p) for p in load_corpus(tmp_path).problems]
    assert problems == [
        f"docs/{name}:1: file: takes the place of a generated page "
        f"(expected content in {name[:-3]}/ to live in its own collection)"
        for name in ("glossary.md", "stories.md")
    ]


def test_the_content_model_page_names_every_linkable_kind():
    """docs/contribute/content-model.md lists the kinds a link may name; a new one belongs there."""
    text = (REPO / "docs" / "contribute" / "content-model.md").read_text(encoding="utf-8")
    paragraph = text[text.index("The kinds are") :].split("\n\n", 1)[0]
    assert {kind.name for kind in KINDS if kind.referable} == set(re.findall(r"`([a-z]+)`", paragraph))

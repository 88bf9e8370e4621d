"""Quality bars for the real starter corpus (handbooks/, glossary/, docs/), without MkDocs.

These tests load the repository's own content with ``handbook.load_corpus`` and check
what a reader would notice if it slipped: thin chapters, terms nobody uses, evidence
nobody cites, stories without consent, pages nothing links to. When one fails, fix the
content (mention the term where it fits, cite the evidence where it is relevant, link the
orphan from a related page), not the threshold.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from handbook.content.corpus import Corpus, load_corpus
from handbook.content.model import Evidence, Story, Term
from handbook.linking.backlinks import front_matter_uses
from handbook.linking.references import scan_markdown
from handbook.linking.term_index import TermIndex

REPO = Path(__file__).resolve().parents[2]

Key = tuple[str, str]

MIN_CHAPTER_WORDS = 400
ACTIVE_NEIGHBOURS = [
    "Wendy",
    "Sarah",
    "Rachel",
    "Patricia",
    "Nick",
    "Marie",
    "Kate",
    "Julie",
    "Josie",
    "Jen",
    "James",
    "Isabel",
    "Brianne",
    "Anna",
    "Alan",
    "Elizabeth",
]
HEATMAP_IN_ACTION = [
    "heatmap-in-action-good-business",
    "heatmap-in-action-carnegie-uk-trust",
    "heatmap-in-action-enrol-yourself",
]
NAMED_RESOURCES = [
    "relationships-heatmap",
    "case-maker",
    "community-weavers-companion",
    "permissions-game",
    "relationships-map",
]
# Kinds of item that must be reachable from some other page, not only from their own index.
MUST_BE_LINKED = ("story", "convening", "resource", "organisation", "evidence", "term")


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    result = load_corpus(REPO)
    assert not result.problems, "\n".join(str(p) for p in result.problems)
    return result.corpus


@pytest.fixture(scope="module")
def cited_in_bodies(corpus) -> dict[str, set[Key]]:
    """evidence id -> the other items whose body cites or links it."""
    cited: dict[str, set[Key]] = defaultdict(set)
    for item in corpus:
        for ref in scan_markdown(item.body):
            if ref.kind == "evidence" and ref.id != item.id:
                cited[ref.id].add(item.key)
    return cited


@pytest.fixture(scope="module")
def term_mentions(corpus) -> dict[str, set[Key]]:
    """term id -> the other items whose body uses it: names it (title or alias, found as the
    site's term linker finds it) or links it explicitly ([[term:id]], [text](term:id))."""
    index = TermIndex(corpus.terms)
    mentioned: dict[str, set[Key]] = defaultdict(set)
    for item in corpus:
        used = {mention.term_id for mention in index.find(item.body)}
        used |= {ref.id for ref in scan_markdown(item.body) if ref.kind == "term"}
        for term_id in used - {item.id if item.kind == "term" else None}:
            mentioned[term_id].add(item.key)
    return mentioned


@pytest.fixture(scope="module")
def inbound(corpus, term_mentions) -> dict[Key, set[Key]]:
    """item key -> every other item that refers to it: body references, front matter, term mentions."""
    sources: dict[Key, set[Key]] = defaultdict(set)
    for item in corpus:
        for ref in scan_markdown(item.body):
            sources[(ref.kind, ref.id)].add(item.key)
    for target, source, _how in front_matter_uses(corpus):
        sources[target].add(source.key)
    for term_id, keys in term_mentions.items():
        sources[("term", term_id)] |= keys
    for key in list(sources):
        sources[key].discard(key)
    return sources


def word_count(markdown: str) -> int:
    return len(markdown.split())


# --- the corpus loads cleanly --------------------------------------------------------------


def test_the_corpus_loads_with_no_problems():
    result = load_corpus(REPO)
    assert result.problems == []
    assert len(result.corpus) > 150


# --- handbooks -----------------------------------------------------------------------------


def test_at_least_three_handbooks_each_with_four_to_eight_chapters(corpus):
    assert len(corpus.handbooks) >= 3
    for handbook in corpus.handbooks:
        assert 4 <= len(handbook.chapters) <= 8, f"{handbook.path}: {len(handbook.chapters)} chapters"


def test_every_chapter_has_at_least_400_words(corpus):
    short = [
        f"{chapter.path}: {word_count(chapter.body)} words"
        for handbook in corpus.handbooks
        for chapter in handbook.chapters
        if word_count(chapter.body) < MIN_CHAPTER_WORDS
    ]
    assert not short, "chapters under 400 words:\n" + "\n".join(short)


# --- glossary ------------------------------------------------------------------------------


def test_at_least_forty_terms_each_with_a_perspective(corpus):
    terms: list[Term] = corpus.terms
    assert len(terms) >= 40
    assert all(term.perspectives for term in terms)


def test_at_least_ten_terms_hold_perspectives_of_different_stances(corpus):
    plural = [term.id for term in corpus.terms if len({p.stance for p in term.perspectives}) >= 2]
    assert len(plural) >= 10, plural


def test_every_term_is_used_on_some_other_page(corpus, term_mentions):
    unused = [term.path for term in corpus.terms if not term_mentions.get(term.id)]
    assert not unused, "terms no other page names or links:\n" + "\n".join(unused)


# --- evidence ------------------------------------------------------------------------------


def test_at_least_thirty_evidence_items_each_rated_with_a_rationale(corpus):
    evidence = corpus.records(Evidence)
    assert len(evidence) >= 30
    for item in evidence:
        assert 0 <= item.confidence.rating <= 4, item.path
        assert len(item.confidence.rationale.split()) >= 5, (
            f"{item.path}: the rationale is too thin to explain the rating"
        )


def test_every_evidence_item_is_cited_somewhere(corpus, cited_in_bodies):
    uncited = [item.path for item in corpus.of_kind("evidence") if not cited_in_bodies.get(item.id)]
    assert not uncited, "evidence cited nowhere:\n" + "\n".join(uncited)


# --- stories, convenings, resources ----------------------------------------------------------


def story(corpus, story_id: str) -> Story:
    item = corpus.get("story", story_id)
    assert isinstance(item, Story), f"no story '{story_id}'"
    assert item.publication is not None, f"{item.path}: how it came to be published is not recorded"
    return item


def test_the_three_heatmap_in_action_stories_exist_with_consent(corpus):
    for story_id in HEATMAP_IN_ACTION:
        assert "relationships-heatmap" in story(corpus, story_id).tools_used


def test_the_sixteen_active_neighbours_stories_exist_with_first_names_and_consent(corpus):
    for name in ACTIVE_NEIGHBOURS:
        item = story(corpus, f"active-neighbours-{name.lower()}")
        assert [(s.name, s.naming) for s in item.storytellers] == [(name, "first-name")], item.path


def test_the_swansea_spirit_of_lockdown_story_exists_with_consent(corpus):
    item = story(corpus, "swansea-spirit-of-lockdown")
    assert item.place is not None and item.place.town == "Swansea"


def test_every_story_records_how_it_came_to_be_published(corpus):
    for item in corpus.of_kind("story"):
        publication = item.publication
        assert publication is not None, item.path
        if publication.basis == "contributed":
            assert publication.recorded_by and publication.date and publication.record, item.path
        else:
            assert publication.page and publication.page.startswith("https://"), item.path


def test_every_organisation_records_its_listing_basis(corpus):
    for item in corpus.of_kind("organisation"):
        listing = item.listing
        assert listing is not None, item.path
        if listing.basis == "self-listed":
            assert listing.by and listing.record, item.path
        else:
            assert listing.source and not item.what_we_do, item.path


def test_active_neighbours_stories_give_no_count_of_the_collection(corpus):
    for name in ACTIVE_NEIGHBOURS:
        assert "sixteen" not in story(corpus, f"active-neighbours-{name.lower()}").body


def test_actup_is_not_listed_as_a_partner(corpus):
    # The source says only that its team opened the conversation at Changing Our Permissions.
    assert corpus.get("organisation", "actup").connections == []
    assert "actup" not in corpus.get("convening", "changing-our-permissions-2024").partners


def test_more_than_twenty_convenings(corpus):
    assert len(corpus.of_kind("convening")) > 20


def test_the_named_resources_exist(corpus):
    missing = [resource_id for resource_id in NAMED_RESOURCES if corpus.get("resource", resource_id) is None]
    assert not missing


# --- coverage and links ----------------------------------------------------------------------


def test_every_theme_has_content(corpus):
    used = {theme for item in corpus if item.kind != "theme" for theme in item.themes}
    empty = [theme.id for theme in corpus.of_kind("theme") if theme.id not in used]
    assert not empty, f"themes no item carries: {empty}"


def test_every_theme_has_a_whole_sentence_as_its_description(corpus):
    # An unquoted comma in docs/vocabularies.yml's flow mappings cuts a description short.
    cut = [
        f"{theme.id}: {theme.description!r}"
        for theme in corpus.of_kind("theme")
        if not theme.description.endswith(".") or len(theme.description.split()) < 3
    ]
    assert not cut, cut


def test_no_orphans(corpus, inbound):
    orphans = [item.path for kind in MUST_BE_LINKED for item in corpus.of_kind(kind) if not inbound.get(item.key)]
    assert not orphans, "items nothing links to (besides their own index):\n" + "\n".join(orphans)


def test_the_home_page_leads_to_every_handbook_and_the_about_and_contributing_pages(corpus):
    home = corpus.get("page", "index")
    assert home is not None, "docs/index.md is missing"
    linked = {(ref.kind, ref.id) for ref in scan_markdown(home.body)}
    missing = [h.id for h in corpus.handbooks if ("handbook", h.id) not in linked]
    assert not missing, f"handbooks the home page does not link: {missing}"
    for page_id in ("about/index", "contribute/index"):
        assert corpus.get("page", page_id) is not None, f"docs/{page_id}.md is missing"

"""The browser's validator gives the build's messages (issue 18 item 2: "fill with invalid data
and see the same messages the build gives").

Each bad item below is read twice: by the build's reader (``build_problems``, as ``handbook
check`` reads a file) and by ``window.hbSuggest.validate`` in Chromium, on a page of the real
site built with mkdocs.yml (which loads hb-suggest-validate.js on every page), against the
schema that build published. The two must report the same problems: the same fields, the
same messages, the same expected values and the same suggestions. What the browser cannot
know is listed in ``EXCEPTIONS`` and tested as such.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import string
from pathlib import Path
from typing import Any

import pytest

from handbook.content.corpus import Corpus, _check_references, load_corpus
from handbook.content.fields import FieldReader
from handbook.content.placeholders import placeholder_problems
from handbook.content.problems import Problem, did_you_mean
from handbook.content.source import SourceDoc, read_source
from handbook.content.vocabulary import Vocabularies, load_vocabularies
from handbook.contributions.schema import REFINEMENTS
from tests.support import REPO
from tests.unit.test_content_schema import (
    BAD_ITEMS,
    CONDITIONAL_CASES,
    DELETE,
    KIND_NAMES,
    build_problems,
    changed,
    valid_items,
)

pytestmark = pytest.mark.browser

SCRIPT = REPO / "overrides" / "assets" / "javascripts" / "hb-suggest-validate.js"
Found = tuple[str, str, str | None, str | None]  # field, message, expected, suggestion


@pytest.fixture(scope="module")
def vocabularies() -> Vocabularies:
    problems: list[Problem] = []
    loaded = load_vocabularies(REPO, problems)
    assert not problems
    return loaded


@pytest.fixture(scope="module")
def schema(real_site) -> dict:
    """The schema the real site's build published (what the suggest page embeds)."""
    return json.loads((real_site.folder / "contribute" / "schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def tab(desktop, real_site):
    """The real site's contribution page, which loads the validator."""
    page = desktop.new_page()
    errors: list = []
    page.on("pageerror", lambda error: errors.append(error))
    page.goto(real_site.url("contribute/suggest/"))
    assert page.evaluate("typeof (window.hbSuggest && window.hbSuggest.validate)") == "function"
    yield page
    assert not errors, errors
    page.close()


def in_browser(tab, schema: dict, cases: list[tuple[str, Any]], known: dict | None = None) -> list[set[Found]]:
    """``validate`` for each (kind, values), all in one round trip; ``known``: the ids of existing items."""
    results = tab.evaluate(
        """([schema, cases, known]) => cases.map(([kind, values]) =>
            window.hbSuggest.validate(schema.$defs[kind], values, schema, known))""",
        [schema, [[kind, jsonable(values)] for kind, values in cases], known],
    )
    return [{(p["field"], p["message"], p["expected"], p["suggestion"]) for p in found} for found in results]


def by_build(kind: str, values: dict, vocabularies: Vocabularies, corpus: Corpus | None = None) -> set[Found]:
    """What handbook check reports on an item: its reader, its placeholders, and (given the
    corpus it would join) its references to items that do not exist."""
    problems, references = build_problems(kind, values, vocabularies)
    doc = SourceDoc(path="item.md", abs_path=Path("item.md"), data=values, body="", body_line=1)
    problems += placeholder_problems(doc)
    if corpus is not None:
        _check_references(corpus, references, problems, set())
    return {(p.field, p.message, p.expected, p.suggestion) for p in problems}


@pytest.fixture(scope="module")
def real_corpus() -> Corpus:
    result = load_corpus(REPO)
    assert not result.problems
    return result.corpus


def known_ids(corpus: Corpus) -> dict[str, list[str]]:
    """What a page can pass to validate(): the ids of each kind's items."""
    return {kind: list(corpus.items.get(kind, {})) for kind in KIND_NAMES}


def comparable(build: set[Found]) -> set[Found]:
    """The build's findings but those the browser cannot make (EXCEPTIONS, each tested below):
    a chapter's missing title (it may be the body's heading), a point against the boundaries."""
    return {found for found in build if found[1] != NO_TITLE and not found[1].startswith("coordinates ")}


def as_sent(value: Any) -> Any:
    """Values as the browser holds them: JSON knows no 2019.0 apart from 2019 (EXCEPTIONS)."""
    if isinstance(value, dict):
        return {key: as_sent(entry) for key, entry in value.items()}
    if isinstance(value, list):
        return [as_sent(entry) for entry in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def jsonable(value: Any) -> Any:
    """Front matter as JSON holds it: YAML's dates as the text they were written as."""
    if isinstance(value, dict):
        return {key: jsonable(entry) for key, entry in value.items()}
    if isinstance(value, list):
        return [jsonable(entry) for entry in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


# -- more bad items: one per message of FieldReader and of the readers' own checks -------------------
ONE_PERSPECTIVE = "perspectives.0"
MORE_BAD_ITEMS: list[tuple[str, str, Any]] = [
    # text
    ("resource", "title", {"a": 1}),
    ("resource", "title", True),
    ("resource", "summary", "Tab\tand line\nbreaks are text; a bell\x07 is not"),
    ("resource", "summary", "&#7; written as a reference is no bell"),
    ("resource", "summary", "A reference &#x9f; read as HTML reads it, and &amp; and &notit;"),
    ("resource", "summary", "\x1c the separators are whitespace to Python \x1f"),
    ("term", "working_definition", " ".join(["many"] * 52)),
    ("term", "working_definition", "forty\u2003one\u3000words " + " ".join(["w"] * 39)),
    ("story", "title", 2024),
    # integer
    ("evidence", "year", 2019.5),
    ("evidence", "year", True),
    ("evidence", "year", 2200),
    ("evidence", "confidence.rating", -1),
    ("evidence", "confidence.rating", "three"),
    # number
    ("organisation", "places.0.lat", "51°37'N"),
    ("organisation", "places.0.lat", " 5_1.6e0 "),
    ("organisation", "places.0.lat", "inf"),
    ("organisation", "places.0.lat", True),
    ("organisation", "places.0.lat", [51]),
    ("organisation", "places.0.lat", 100),
    ("organisation", "places.0.lon", -180.5),
    # boolean
    ("evidence", "open_access", 1),
    ("evidence", "open_access", None),
    ("term", "contested", "true"),
    # web addresses
    ("resource", "url", "mailto:someone@example.org"),
    ("resource", "url", "java&#115;cript:alert(1)"),
    ("resource", "url", "  //example.org/protocol-relative  "),
    ("resource", "url", "https://example.org/" + "long/" * 30),
    ("resource", "url", "HTTPS://EXAMPLE.ORG/shouting"),
    ("resource", "url", ["https://example.org"]),
    ("organisation", "website", "example.org"),
    ("story", "publication.page", "javascript:alert(1)"),
    ("story", "publication.page", "https://exa mple.org/ok-for-the-build"),
    ("organisation", "listing.source", "https://example.org/\x01"),
    ("organisation", "listing.source", "story:Not_An_Id"),
    ("organisation", "listing.source", "Story:an-id"),
    ("organisation", "places.0.source", "just words"),
    ("organisation", "places.0.source", "data:text/html,hi"),
    # dates
    ("evidence", "last_reviewed", "2024-02-30"),
    ("evidence", "last_reviewed", "2024-W01-3"),
    ("evidence", "last_reviewed", "20240712"),
    ("evidence", "last_reviewed", "2024-W53"),
    ("evidence", "last_reviewed", "2024-07"),
    ("evidence", "review_due", 2024),
    ("evidence", "review_due", False),
    ("story", "date", "2022-6"),
    ("story", "date", 2022),
    ("convening", "date", "2022-06-31"),
    # vocabularies
    ("term", "group", "Practice"),
    ("term", "group", "practise"),
    ("term", "group", 7),
    ("term", "group", ["a", "list"]),
    ("chapter", "themes", ["lonelines", "plaec", "zzzzzz"]),
    ("chapter", "themes", "place"),
    ("chapter", "themes", {"place": True}),
    ("chapter", "themes", ["place", None, "place", None]),
    ("term", f"{ONE_PERSPECTIVE}.stance", "critiqe"),
    ("story", "storytellers.0.naming", "anonymous-ish"),
    ("organisation", "nations", ["Wales", "wales"]),
    ("organisation", "org_type", "charty"),
    ("organisation", "connections.0.type", "partners"),
    ("organisation", "connections.0.strength", 5),
    ("convening", "format", "in person"),
    ("evidence", "outcomes", ["not-an-outcome"]),
    # ids of other items
    ("story", "organisation", 12),
    ("story", "organisation", {"id": "x"}),
    ("story", "organisation", "An Organisation"),
    ("story", "tools_used", ["a-tool", 3, "Bad Id", "a-tool"]),
    ("term", "related_terms", "another-term"),
    ("organisation", "connections.0.target", "Another Org"),
    # lists of text
    ("evidence", "authors", "Surname, Given"),
    ("evidence", "authors", ["One", None, {"a": 1}, ["b"], "Bell\x07", 1999]),
    ("evidence", "key_findings", ["Repeated", "Repeated"]),
    ("term", "aliases", {"weaver": 1}),
    # sets of fields
    ("evidence", "confidence", "high"),
    ("evidence", "confidence", {}),
    ("term", f"{ONE_PERSPECTIVE}.source", "A report"),
    ("term", f"{ONE_PERSPECTIVE}.source", {"title": "A report", "yaer": 2020}),
    ("term", "perspectives", ["a paraphrase", {"definition": "x"}]),
    ("term", "use_with_care", {"alternatives": "instead"}),
    ("organisation", "listing", ["public-source"]),
    # unknown fields, with and without a likely meaning
    ("resource", "summry", "What it helps with."),
    ("resource", "zzz", 1),
    ("organisation", "places.0.nme", "Swansea"),
    ("story", "Title", "A story"),
    # text beyond ASCII: Welsh, emoji (outside the BMP), references to them
    ("term", "group", "practice\U0001f600"),
    ("chapter", "themes", ["lleoedd-ŵyl", "plâce"]),
    ("story", "tîtle", "Stori"),
    ("resource", "summary", "&#128512; &#x1F600; &#xD800; &#0; &#1114112;\x85"),
    ("resource", "title", "\U0001f600\x9f"),
    ("evidence", "authors", ["Ŵ\x80"]),
    ("handbook", "editors", ["@ŵyl", "@a\U0001f600"]),
    # handles
    ("handbook", "editors", ["Jane Smith", "@a b", "@-dash", "@ok", "@org/Team", "@zero\u200bwidth", 5]),
    ("handbook", "editors", "@someone"),
    # forms a reader checks itself
    ("evidence", "doi", "DOI:10.1000/xyz123"),
    ("evidence", "doi", "doi.org/10.1000/xyz123"),
    ("evidence", "doi", "HTTP://dx.doi.org/10.1000/xyz123"),
    ("organisation", "connections.0.strength", "Strong"),
    ("organisation", "listing.basis", "self listed"),
    ("story", "publication.basis", "contributed-here"),
]

# Whole changes (several fields at once), for the rules where one value decides another.
MORE_CASES: list[tuple[str, dict[str, Any]]] = [
    ("organisation", {"places": [{"name": "Onlin", "source": "https://example.org"}]}),
    ("organisation", {"places": [{"name": "Swansea", "lat": 51.6}]}),
    ("organisation", {"places": [{"lat": 51.6, "lon": -3.9, "source": "story:x", "nation": "wales"}]}),
    ("organisation", {"places": [{"name": "  uk-WIDE ", "lat": 1, "lon": 2, "source": "story:x", "other": 1}]}),
    ("organisation", {"places": [{"name": "UK-wide"}], "nations": ["not-a-nation"]}),
    ("organisation", {"places": [{"name": "UK-wide"}, {"name": "uk-wide"}], "nations": ["wales", "uk-wide"]}),
    (
        "organisation",
        {
            "places": [
                {"name": "Swansea", "lat": 51.62, "lon": -3.94, "source": "story:a"},
                {"name": " swansea", "lat": 51.62, "lon": -3.94, "source": "story:a"},
                "Cardiff",
            ]
        },
    ),
    ("organisation", {"listing": {"basis": "self-listed", "by": "", "record": "", "source": ""}}),
    ("organisation", {"listing": {"basis": "self-listed", "by": [], "record": "javascript:x"}}),
    ("organisation", {"listing": {"basis": "public-source", "source": "TODO: the source"}}),
    ("organisation", {"listing": {"basis": "not-a-basis", "by": "@a", "source": "story:a"}}),
    ("organisation", {"listing": {"basis": "self-listed", "by": "@a", "record": "https://x.org/1"}, "what_we_do": "W"}),
    ("organisation", {"listing": DELETE, "what_we_do": "We weave."}),
    ("organisation", {"listing": "public", "what_we_do": "We weave."}),
    ("organisation", {"listed_with_consent": True, "unknown": 1}),
    ("story", {"consent": "yes", "titl": "x"}),
    ("story", {"publication": {"basis": "contributed", "recorded_by": "@m", "date": "2024-03-02", "record": "/etc/x"}}),
    (
        "story",
        {"publication": {"basis": "contributed", "recorded_by": "@m", "date": "2024-03-02", "record": "ftp://x"}},
    ),
    (
        "story",
        {"publication": {"basis": "contributed", "recorded_by": "@m", "date": "2024-3-2", "record": "https://x.org/1"}},
    ),
    ("story", {"publication": {"basis": "contributed", "record": "consent/a b.md", "page": ""}}),
    ("story", {"publication": {"page": "https://example.org/s"}}),
    ("story", {"summary": "TODO: what happened", "storytellers": [{"name": "TODO, Name", "naming": "TODO"}]}),
    ("resource", {"summary": "  TODO  ", "url": "TODO: the address", "title": "TODO " + "long words " * 20}),
    ("organisation", {"listing": {"basis": "public-source", "source": "TODO"}, "places": [{"name": "todo: x"}]}),
    (
        "term",
        {"related_terms": ["co-production", "no-such-term", "co-productio"], "perspectives.0.source.title": "TODO:"},
    ),
    ("story", {"organisation": "no-such-organisation", "tools_used": ["a-tool"]}),
    ("organisation", {"listing": {"basis": "public-source", "source": "story:no-such-story"}}),
    ("organisation", {"places.0.source": "evidence:no-such-evidence", "connections.0.target": "relationships-projec"}),
    ("story", {"publication": {}}),
    ("convening", {"format": "hybrid", "location": {"venue": "A hall", "town": "  "}}),
    ("convening", {"format": "online", "location": DELETE}),
    ("convening", {"format": "in-person", "location": "Leeds"}),
    ("term", {"contested": True, "contested_note": "   "}),
    ("term", {"contested": "yes", "contested_note": DELETE}),
    ("term", {"perspectives": DELETE, "working_definition": "", "term": None}),
    ("evidence", {"confidence": {"rating": 5, "rationale": "", "extra": 1}}),
]

NO_TITLE = "is missing: there is no title field and no '# Title' heading"
# What the browser cannot know, so that the build alone says it (each tested below).
EXCEPTIONS = {
    "references": "a referenced item must exist: checked only when the page passes the site's ids (known); "
    "a term may not list itself: the browser does not know the new item's id",
    "boundaries": "a place's point must fall in the organisation's nations: the map's boundary data",
    "heading": "a chapter's title may be its text's '# Title' heading: the browser sees front matter only",
    "decimal point": "JSON has no 2019.0 apart from 2019: a whole number with a decimal point is one to the browser",
    # Not the reader's either, so not in the tables: handbook check on the whole site.
    "site": "ids unique across the site, a term's names neither common words nor another term's, whether a "
    "referenced item is published, and a story's body (its Markdown links, raw HTML and images)",
}


def all_cases(vocabularies: Vocabularies) -> list[tuple[str, str, dict]]:
    """(name, kind, values) for every bad item: the schema's own, its rules', and the ones above."""
    valid = valid_items(vocabularies)
    cases = [
        (f"{kind}-{path}-{value!r}", kind, changed(valid[kind], path, value)) for kind, path, value, _ in BAD_ITEMS
    ]
    cases += [
        (f"{kind}-{path}-{value!r}", kind, changed(valid[kind], path, value)) for kind, path, value in MORE_BAD_ITEMS
    ]
    for rule, kind, changes, field in CONDITIONAL_CASES:
        data = valid[kind]
        for path, value in changes.items():
            data = changed(data, path, value)
        cases.append((f"{rule}-{field}", kind, data))
    for index, (kind, changes) in enumerate(MORE_CASES):
        data = valid[kind]
        for path, value in changes.items():
            data = changed(data, path, value)
        cases.append((f"{kind}-case-{index}", kind, data))
    return cases


# -- the tests ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("with_ids", [False, True], ids=["alone", "knowing-the-sites-ids"])
def test_every_bad_item_gets_the_builds_messages(tab, schema, vocabularies, real_corpus, with_ids):
    """Alone, the browser checks each item by itself; given the site's ids (as a page may embed
    them), also that what an item refers to exists, as handbook check does once the corpus is loaded."""
    cases = all_cases(vocabularies)
    known = known_ids(real_corpus) if with_ids else None
    browser = in_browser(tab, schema, [(kind, values) for _, kind, values in cases], known)
    corpus = real_corpus if with_ids else None
    disagreements = []
    messages, fields, refused = set(), set(), 0
    for (name, kind, values), found in zip(cases, browser, strict=True):
        build = comparable(by_build(kind, as_sent(values), vocabularies, corpus))
        if found != build:
            disagreements.append(
                f"{name}:\n  build only:   {sorted(build - found)}\n  browser only: {sorted(found - build)}"
            )
        messages |= {message for _, message, _, _ in build}
        fields |= {(kind, re.sub(r"\[\d+\]", ".*", field)) for field, _, _, _ in build}
        refused += bool(build)
    assert not disagreements, "\n".join(disagreements)
    # The table is wide: most cases are refused (a few are values the build takes), with many messages,
    # and each field a reader checks itself (schema.REFINEMENTS) is among those refused.
    assert refused >= 165 and len(messages) >= 100, (refused, len(messages))
    assert any(message.startswith("is still a template placeholder") for message in messages)
    referring = {message.split(" '")[0] for message in messages if message.startswith(("no such ", "no "))}
    assert referring == (
        {"no such term", "no such organisation", "no such story", "no such evidence", "no such resource"}
        if with_ids
        else set()
    )
    refined = {(kind, path) for kind, table in REFINEMENTS.items() for path in table}
    refined.discard(("handbook", "chapters"))  # the loader checks them against the files, not the reader
    assert refined <= fields, refined - fields


# Values a contributor might type, or a form might send, anywhere: the random cases' pool.
ANY_VALUE = [
    *(None, "", " ", "x", "TODO", "TODO: x", "2024", "2024-07", "2024-07-12", "2024-13-01", 2024, 2024.5, 0, -1),
    *(True, False, [], ["x"], ["x", "x"], {}, {"a": 1}, "https://example.org", "http://a b", "javascript:x"),
    *("story:a-story", "story:Bad", "blog:x", "@someone", "Jane", "weak", "Strong", "UK-wide", "online", "Online "),
    *("self-listed", "public-source", "contributed", "published-by-relationships-project", "in-person", "hybrid"),
    *("consent/a.md", "../x", "/abs", "a\x07b", "&amp;", "&#7;", "10.1/x", "doi:10.1/x", 51.6, -3.9, 200, "51.6"),
    *("place", "plce", "wales", "uk-wide", "england", "co-production", "word " * 45, DELETE),
]


def random_cases(vocabularies: Vocabularies, schema: dict, count: int, seed: int) -> list[tuple[str, dict]]:
    """Valid items with one to three random changes: any field (known, unknown, nested) set to
    any value of ANY_VALUE, or taken out."""
    rng = random.Random(seed)
    valid = valid_items(vocabularies)
    cases = []
    for _ in range(count):
        kind = rng.choice(sorted(valid))
        item = valid[kind]
        for _ in range(rng.randint(1, 3)):
            places = _paths(item) + list(schema["$defs"][kind]["properties"]) + ["nme"]
            path, value = rng.choice(places), rng.choice(ANY_VALUE)
            if value is DELETE and path not in _paths(item):
                continue
            item = changed(item, path, value)
        cases.append((kind, item))
    return cases


def _paths(value: Any, prefix: str = "") -> list[str]:
    """Every path in a value ("places.0.lat"), as ``changed`` takes them."""
    entries = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    out = []
    for key, inner in entries:
        path = f"{prefix}.{key}" if prefix else str(key)
        out += [path, *_paths(inner, path)]
    return out


def test_random_changes_get_the_builds_messages(tab, schema, vocabularies):
    cases = random_cases(vocabularies, schema, 800, seed=18)
    browser = in_browser(tab, schema, [(kind, as_sent(values)) for kind, values in cases])
    refused = 0
    for (kind, values), found in zip(cases, browser, strict=True):
        build = comparable(by_build(kind, as_sent(values), vocabularies))
        assert found == build, (kind, values, sorted(build - found), sorted(found - build))
        refused += bool(build)
    assert refused > 600  # most random changes break something


def test_the_valid_examples_and_every_real_item_pass_in_the_browser(tab, schema, vocabularies):
    items: list[tuple[str, str, dict]] = [(kind, kind, data) for kind, data in valid_items(vocabularies).items()]
    result = load_corpus(REPO)
    assert not result.problems
    for item in result.corpus:
        if item.kind in KIND_NAMES:
            doc = read_source(REPO / item.path, item.path, [], front_matter_required=False)
            assert doc is not None
            items.append((item.path, item.kind, doc.data))
    found = in_browser(tab, schema, [(kind, data) for _, kind, data in items])
    failures = {name: problems for (name, _, _), problems in zip(items, found, strict=True) if problems}
    assert not failures, failures
    assert len(items) > 150 and {kind for _, kind, _ in items} == set(KIND_NAMES)


def test_the_perspective_form_is_one_entry_of_a_terms_perspectives(tab, schema, vocabularies):
    """The perspective form validates one perspective; its fields are named from it."""
    perspective = valid_items(vocabularies)["term"]["perspectives"][0]
    bad = [
        changed(perspective, "stance", "critiqe"),
        changed(perspective, "definition", DELETE),
        changed(perspective, "source", {"title": "", "year": "2020", "url": "www.example.org"}),
        {**perspective, "note": "x"},
    ]
    found = tab.evaluate(
        """([schema, bad]) => bad.map(values => window.hbSuggest.validate(
            schema.$defs.term.properties.perspectives.items, values, schema))""",
        [schema, bad],
    )
    term = valid_items(vocabularies)["term"]
    for values, problems in zip(bad, found, strict=True):
        build = by_build("term", {**term, "perspectives": [values]}, vocabularies)
        expected = {(field.removeprefix("perspectives[0]."), m, e, s) for field, m, e, s in build}
        assert {(p["field"], p["message"], p["expected"], p["suggestion"]) for p in problems} == expected


def test_did_you_mean_is_the_builds(tab, vocabularies):
    """difflib's close match, ported: ties, case, long values (difflib's autojunk), no match."""
    rng = random.Random(18)
    pools = [vocabularies.themes.ids, vocabularies.nations.ids, ["online", "UK-wide"], ["ab", "ba", "abc", "acb"]]
    values = ["lonelines", "Place", "uk wide", "ONLINE", "", "b", "ab", "ba", "x" * 250, "placeplace" * 25]
    values += ["".join(rng.choice(string.ascii_lowercase + "-") for _ in range(rng.randint(1, 14))) for _ in range(150)]
    values += [rng.choice(pool)[::-1] for pool in pools for _ in range(5)]
    values += [rng.choice(pool).replace("e", "", 1) for pool in pools for _ in range(5)]
    for pool in pools:  # near misses: a letter dropped, added or changed
        for _ in range(30):
            word = list(rng.choice(pool))
            at = rng.randrange(len(word) + 1)
            word[at : at + rng.randint(0, 1)] = rng.choice(["", rng.choice(string.ascii_letters)])
            values.append("".join(word))
    cases = [(value, pool) for value in values for pool in pools]
    cases.append(("a" + "b" * 300, ["a" + "b" * 290 + "c" * 10, "b" * 299]))
    found = tab.evaluate("cases => cases.map(([v, pool]) => window.hbSuggest.didYouMean(v, pool))", cases)
    wrong = [(v, pool, f, did_you_mean(v, pool)) for (v, pool), f in zip(cases, found, strict=True)]
    wrong = [entry for entry in wrong if entry[2] != entry[3]]
    assert not wrong, wrong[:5]
    assert sum(1 for f in found if f) > 100  # many values had a suggestion to agree on


def test_the_suggest_pages_own_definitions_get_the_builds_messages(desktop, real_site, vocabularies):
    """The definitions /contribute/suggest/ embeds (no request for the schema): an empty form and a
    few bad answers per form, against the build's reader; the correction form, which is no file,
    against FieldReader.text reading its answers (its definition carries no annotation)."""
    page = desktop.new_page()
    try:
        page.goto(real_site.url("contribute/suggest/"))
        embedded = json.loads(
            page.inner_text("#hb-suggest-schema") or page.eval_on_selector("#hb-suggest-schema", "e => e.textContent")
        )
        definitions = embedded["$defs"]
        term = valid_items(vocabularies)["term"]
        cases: list[tuple[str, dict, set[Found]]] = []
        for kind in ("term", "story", "organisation", "evidence"):
            for values in (
                {},
                {"title": ["x"], "zzz": 1},
                changed(valid_items(vocabularies)[kind], "themes", ["plce"]),
            ):
                cases.append((kind, values, by_build(kind, values, vocabularies)))
        # The rules, whose messages the definitions carry (x-messages): the page's copy must keep them.
        for _, kind, values in all_cases(vocabularies):
            if kind in definitions and kind != "correction":
                cases.append((kind, values, comparable(by_build(kind, as_sent(values), vocabularies))))
        for values in ({}, {"stance": "critiqe", "source": {"url": "www.example.org"}}):
            build = by_build("term", {**term, "perspectives": [values]}, vocabularies)
            cases.append(
                ("perspective", values, {(f.removeprefix("perspectives[0]."), m, e, x) for f, m, e, x in build})
            )
        for values in ({}, {"page": "a\x07", "wrong": ["x"], "correction": " ", "source": "", "extra": 1}):
            cases.append(("correction", values, read_as_text(definitions["correction"], values)))
        found = page.evaluate(
            """([root, cases]) => cases.map(([name, values]) => window.hbSuggest.validate(root.$defs[name], values, root))""",
            [embedded, [[name, jsonable(as_sent(values))] for name, values, _ in cases]],
        )
        assert sum(bool(build) for _, _, build in cases) > 150
        for (name, values, build), problems in zip(cases, found, strict=True):
            assert {(p["field"], p["message"], p["expected"], p["suggestion"]) for p in problems} == build, (
                name,
                values,
            )
    finally:
        page.close()


def read_as_text(definition: dict, values: dict) -> set[Found]:
    """A FieldReader reading each field of ``definition`` as text, then refusing any other."""
    problems: list[Problem] = []
    doc = SourceDoc(path="suggestion", abs_path=Path("suggestion"), data=values, body="", body_line=1)
    reader = FieldReader(doc, values, problems, [])
    for name in definition["properties"]:
        reader.text(name, required=name in definition.get("required", []))
    reader.finish()
    return {(p.field, p.message, p.expected, p.suggestion) for p in problems}


# -- the listed exceptions: the build says more, and nothing else differs ---------------------------------
def test_references_are_for_the_build_unless_the_page_knows_the_ids(tab, schema, vocabularies, real_corpus):
    term = changed(valid_items(vocabularies)["term"], "related_terms", ["no-such-term", "co-production", "the-item"])
    alone, knowing = in_browser(tab, schema, [("term", term)]) + in_browser(
        tab, schema, [("term", term)], known_ids(real_corpus)
    )
    build = by_build("term", term, vocabularies, real_corpus)
    assert not alone
    itself = ("related_terms", "lists the term itself ('the-item')", "other terms only", None)
    assert itself in build and knowing == build - {itself}  # the new term's own id is the build's to know
    assert {field for field, *_ in knowing} == {"related_terms[0]", "related_terms[2]"}
    assert "must exist" in EXCEPTIONS["references"]


def test_a_point_in_the_wrong_nation_is_for_the_build(tab, schema, vocabularies):
    organisation = changed(valid_items(vocabularies)["organisation"], "nations", ["scotland"])
    (found,) = in_browser(tab, schema, [("organisation", organisation)])
    assert not found
    assert [field for field, *_ in by_build("organisation", organisation, vocabularies)] == ["places[0].lat"]
    assert "boundary data" in EXCEPTIONS["boundaries"]


def test_a_chapters_title_from_its_heading_is_for_the_build(tab, schema, vocabularies):
    chapter = changed(valid_items(vocabularies)["chapter"], "title", DELETE)
    (found,) = in_browser(tab, schema, [("chapter", chapter)])
    assert not found and [(f, m) for f, m, *_ in by_build("chapter", chapter, vocabularies)] == [("title", NO_TITLE)]
    assert "heading" in EXCEPTIONS["heading"]


def test_a_whole_number_with_a_decimal_point_is_one_in_the_browser(tab, schema, vocabularies):
    evidence = changed(valid_items(vocabularies)["evidence"], "year", 2019.0)
    organisation = changed(valid_items(vocabularies)["organisation"], "places.0.lon", 200.0)
    found = in_browser(tab, schema, [("evidence", evidence), ("organisation", organisation)])
    assert by_build("evidence", evidence, vocabularies) == {
        ("year", "'2019.0' is not a whole number", "a whole number", None)
    }
    assert found[0] == set()
    assert {m for _, m, _, _ in by_build("organisation", organisation, vocabularies)} == {"200.0 is out of range"}
    assert {m for _, m, _, _ in found[1]} == {"200 is out of range"}
    assert "2019.0" in EXCEPTIONS["decimal point"]


# -- cost -------------------------------------------------------------------------------------------------
def test_validating_a_form_takes_well_under_a_millisecond(tab, schema, vocabularies, measurements):
    valid = valid_items(vocabularies)
    bad = changed(valid["organisation"], "places.0.source", "blog:a-post")
    elapsed = tab.evaluate(
        """([schema, values]) => {
            const run = () => values.forEach(([kind, v]) => window.hbSuggest.validate(schema.$defs[kind], v, schema));
            run();  // warmed up
            const rounds = 50, batches = [];
            for (let b = 0; b < 5; b++) {  // the best batch: another process's load is not the script's cost
                const start = performance.now();
                for (let i = 0; i < rounds; i++) run();
                batches.push((performance.now() - start) / rounds / values.length);
            }
            return Math.min(...batches);
        }""",
        [schema, [["organisation", valid["organisation"]], ["organisation", bad], ["term", valid["term"]]]],
    )
    measurements["hb-suggest validate(), one form, real schema"] = f"{elapsed * 1000:.1f} µs"
    assert elapsed < 0.5, f"{elapsed:.3f} ms per form"

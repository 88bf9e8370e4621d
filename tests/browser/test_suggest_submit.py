"""Submitting without git (issue 18, item 3): hb-suggest-file.js in real Chromium.

fileFor makes the file a suggestion becomes; these tests write it into a copy of the sample
project and run `handbook check` on it, read hostile answers back through the build's own
front matter reader, hold the id rule and the carried tables to the Python they port
(python-slugify with text-unidecode, handbook new's folders, the issue forms), and check the
destinations: GitHub's new-file page under the address bound and none above it, the issue
form's prefill, the email, and that nothing here makes a request.
"""

from __future__ import annotations

import re
import unicodedata
from html.entities import name2codepoint
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from text_unidecode import _replaces as unidecode_values  # what python-slugify transliterates with here

from handbook.cli.main import main
from handbook.cli.scaffold import FOLDERS
from handbook.cli.yaml_edit import append_to_sequence
from handbook.content.corpus import load_corpus
from handbook.content.fields import slugify
from handbook.content.source import read_source
from handbook.contributions.issue_forms import FORMS, new_issue_url
from tests.browser import own_requests
from tests.support import REPO

SCRIPT = REPO / "overrides" / "assets" / "javascripts" / "hb-suggest-file.js"
REPO_URL = "https://github.com/relationships-project/handbooks"
CONTEXT = {"repoUrl": REPO_URL, "branch": "main"}
ORIGIN = "http://localhost:8765"
BLANK = "<!doctype html><html lang='en'><head><title>Suggest</title></head><body></body></html>"

# -- the tables the script carries, as Python makes them -------------------------------------
RANGES = [
    (0x80, 0x700),
    (0x900, 0xB00),
    (0x1D00, 0x2500),
    (0x2C60, 0x2C80),
    (0xA720, 0xA800),
    (0xFB00, 0xFB50),
    (0xFE00, 0xFE10),
    (0xFE20, 0xFE30),
    (0xFF00, 0xFFF0),
]


def _canonical(value: str) -> str:
    """What can change an id in a transliteration: a run of other characters is one separator."""
    return re.sub(r"[^A-Za-z0-9',&#;]+", "-", value)


def transliteration_table() -> str:
    """text-unidecode's values for RANGES, as the script writes them: runs of consecutive code
    points ("hex v1 v2 ...", joined by "|"), decomposed characters and "-" values left out."""
    values = {}
    for start, end in RANGES:
        for code in range(start, end):
            if unicodedata.normalize("NFKD", chr(code)) != chr(code):
                continue
            value = _canonical(unidecode_values[code - 1])
            if value != "-":
                values[code] = value
    runs: list[tuple[int, list[str]]] = []
    for code in sorted(values):
        if runs and code == runs[-1][0] + len(runs[-1][1]):
            runs[-1][1].append(values[code])
        else:
            runs.append((code, [values[code]]))
    return "|".join(f"{start:x} " + " ".join(run) for start, run in runs)


def entity_table() -> str:
    return " ".join(f"{name}:{code:x}" for name, code in sorted(name2codepoint.items()))


# -- the page ------------------------------------------------------------------------------------
class Script:
    """hb-suggest-file.js alone in a blank page, every request the page makes recorded."""

    def __init__(self, page):
        self.page = page
        self.requests: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        # A page of the site's own (localhost, a secure context as a site served over https is,
        # so the clipboard works), answered here: any other request is one that left the site.
        page.route(f"{ORIGIN}/**", lambda route: route.fulfill(body=BLANK, content_type="text/html"))
        page.goto(f"{ORIGIN}/contribute/suggest/")
        page.add_script_tag(content=SCRIPT.read_text(encoding="utf-8"))

    def call(self, name: str, *args):
        return self.page.evaluate("([name, args]) => window.hbSuggest[name](...args)", [name, list(args)])

    def file(self, kind: str, values: dict, body: str = "", context: dict | None = None) -> dict:
        return self.call("fileFor", kind, values, body, {**CONTEXT, **(context or {})})

    def destinations(self, file: dict, context: dict | None = None) -> dict:
        return self.call("destinations", file, {**CONTEXT, **(context or {})})


@pytest.fixture
def script(page) -> Script:
    return Script(page)


@pytest.fixture
def project(tmp_path, make_project) -> Path:
    return make_project(tmp_path / "project", git=False)


def check(root: Path, capsys) -> str:
    """`handbook check` on the project: its output ("" when every file passes)."""
    code = main(["--root", str(root), "check"])
    out = capsys.readouterr().out
    assert (code == 0) == (out == ""), out
    return out


# -- ids -------------------------------------------------------------------------------------------
TRICKY_TITLES = [
    "Mother's day",
    "Mother\u2019s day and the modifier letter \u02bcapostrophe",
    "Cymraeg: \u0174yl",
    "Llwybrau'r Gymuned: \u0176 \u0175 \u1e81 \u1e83 \u1e85 \u1ef3",
    "Mynd i'r afael \u00e2\u2019r argyfwng: C\u00f4r Caerdydd",
    "Gaeilge: F\u00e1ilte go dt\u00ed an Ghaeltacht",
    "G\u00e0idhlig: F\u00e0ilte gu Alba",
    "Stra\u00dfe, \u00c6r\u00f8, \u00deorn, \u00f0e, \u0141\u00f3d\u017a caf\u00e9",
    "Rom\u00e2n\u0103: \u0219tiin\u021b\u0103 \u021bar\u0103",
    "\u0130stanbul \u0131i",
    "\u0414\u0440\u0443\u0436\u0431\u0430 \u044c \u043d\u0430\u0440\u043e\u0434\u043e\u0432",
    "\u0395\u03bb\u03bb\u03b7\u03bd\u03b9\u03ba\u03ac \u03a8\u03c5\u03c7\u03ae",
    "\u05e2\u05d1\u05e8\u05d9\u05ea \u0627\u0644\u0639\u0631\u0628\u064a\u0629 \u0939\u093f\u0928\u094d\u0926\u0940 \u0a2a\u0a70\u0a1c\u0a3e\u0a2c\u0a40 \u09ac\u09be\u0982\u09b2\u09be",
    "Health &amp; care, caf&eacute; r&eacute;sum&eacute;, &AMP; &nosuch;",
    "&#65;&#x42; &#99999999; &#66;",
    "1,000 voices, 2,5 and 3, 4",
    "\ufb01nance \u00bd \u00b2 \u2122 \u2116 \u01c4emal",
    "\u00c9milie \u201cquoted\u201d \u2014 dash\u2026 ok",
    "C++ & C#: 50% off \u2014 \u00a35 \u20ac10 $3",
    "emoji \U0001f600 here",
    "Tab\there\nnewline",
    "x&lt;script&gt;y",
    " ".join(["A very long title about relational practice, community and belonging"] * 8),
]


@pytest.mark.parametrize("title", TRICKY_TITLES)
def test_the_id_is_the_one_handbook_new_makes(script, title):
    made = script.call("idFor", title)
    assert made == {"id": slugify(title), "exact": True}


def test_a_title_in_a_script_the_table_lacks_is_flagged_not_guessed(script):
    title = "\u793e\u533a anchor"  # Chinese: text-unidecode spells it, the carried table does not
    made = script.call("idFor", title)
    assert made["exact"] is False and made["id"] == "anchor" and slugify(title) != made["id"]
    file = script.file("term", {"term": title})
    assert file["exact"] is False and file["path"] == "glossary/anchor.md"
    # Nothing in the title the table can spell: a stand-in name, the same for the same title.
    only = script.file("term", {"term": "\u793e\u533a"})
    assert only["exact"] is False and only["problem"] is None
    assert re.fullmatch(r"glossary/new-term-[0-9a-f]{8}\.md", only["path"]) and slugify("\u793e\u533a")
    assert (
        script.file("term", {"term": "\u793e\u533a"})["path"]
        == only["path"]
        != script.file("term", {"term": "\u793e"})["path"]
    )


def _carried(character: str) -> bool:
    return ord(character) < 0x80 or any(start <= ord(character) < end for start, end in RANGES)


def test_every_character_the_table_carries_gives_pythons_id(script):
    characters = [chr(code) for start, end in RANGES for code in range(start, end) if not 0xD800 <= code <= 0xDFFF] + [
        "\U0001f600",
        "\U0001d400",
        "\x01",
    ]
    titles = [f"a{character}b c" for character in characters]
    made = script.page.evaluate(
        "titles => titles.map(t => [window.hbSuggest.idFor(t), Array.from(t)[1].normalize('NFKD')])", titles
    )
    differing, newer_unicode, flagged = [], [], []
    for character, title, (found, decomposed) in zip(characters, titles, made, strict=True):
        if decomposed != unicodedata.normalize("NFKD", character):
            # The browser's Unicode is newer than Python's: a letter Python does not know yet.
            newer_unicode.append(character)
        elif not found["exact"]:
            # It decomposes into letters the table does not carry (half-width kana into kana).
            flagged.append(character)
            assert not all(_carried(part) for part in decomposed), hex(ord(character))
        elif slugify(title) != found["id"]:
            differing.append((hex(ord(character)), slugify(title), found["id"]))
    assert len(titles) > 4800 and differing == []
    assert all(unicodedata.category(character) == "Cn" for character in newer_unicode), newer_unicode
    assert len(newer_unicode) + len(flagged) < 200


def test_the_carried_tables_are_pythons(script):
    tables = script.page.evaluate("window.hbSuggest.submitTables")
    expected = transliteration_table()
    assert tables["translit"] == expected, f"regenerate TRANSLIT in hb-suggest-file.js: {expected!r}"
    assert tables["translitRanges"] == " ".join(f"{start:x}-{end:x}" for start, end in RANGES)
    assert tables["entities"] == entity_table()
    assert tables["folders"] == FOLDERS


def test_the_issue_forms_and_their_text_questions_are_pythons(script):
    carried = script.page.evaluate("window.hbSuggest.submitTables.issueForms")
    special = {("perspective", "term"): "@term", ("story", "story"): "@body", ("correction", "page"): "@address"}
    # The correction form's values name the evidence 'source' (forms.py's correction definition).
    renamed = {("correction", "evidence"): "source"}
    assert set(carried) == {form.kind for form in FORMS}
    for form in FORMS:
        file_name, questions = carried[form.kind]
        prefix = f"{form.part}." if form.part else ""
        expected = [
            [
                question.id,
                special.get((form.kind, question.id))
                or renamed.get((form.kind, question.id))
                or (question.field or question.id).removeprefix(prefix),
            ]
            for question in form.questions
            if question.type in ("input", "textarea")
        ]
        assert (file_name, questions) == (form.file_name, expected), form.kind


# -- files that pass the build -------------------------------------------------------------------
# Text a contributor may type that is YAML or front matter syntax elsewhere, and other scripts.
HOSTILE = "She said: \"---\" then 'yes' #1 {{ name }} [a, b] {c: d} *star &amp !tag | > % @ ` \\ ok? \u0174yl \u793e \U0001f600"
HOSTILE_LINES = "First line: ---\n---\n- not a list\n  indented: still text\n"


def _values(kind: str) -> dict:
    return {
        "term": {
            "term": 'Neighbourly "care": ---',
            "aliases": ["neighbourly: care", "neighbourly --- care", "{{ care }}"],
            "group": "the-work",
            "working_definition": HOSTILE,
            "perspectives": [
                {
                    "definition": HOSTILE_LINES,
                    "attributed_to": "Mair O'Brien",
                    "stance": "origin",
                    "source": {
                        "title": 'A: title, with "quotes"',
                        "year": 2019,
                        "url": "https://example.org/a?b=c&d=e",
                    },
                }
            ],
            "themes": ["loneliness", "co-production"],
        },
        "story": {
            "title": "Cymraeg: \u0174yl --- a story",
            "summary": HOSTILE,
            "story_type": "tool-in-action",
            "storytellers": [{"name": "Anonymous", "naming": "anonymous", "role": 'Volunteer: "helper"'}],
            # What only a maintainer records (the form leaves it to them): here so the file passes.
            "publication": {
                "basis": "contributed",
                "recorded_by": "Dana Maintainer",
                "date": "2024-01-05",
                "record": "https://github.com/relationships-project/handbooks/issues/7",
            },
            "place": {"town": "Ystradgynlais", "nation": "wales"},
            "date": "2024-05",
            "themes": ["measurement"],
        },
        "organisation": {
            "name": 'Cwmni \u0174yl: "Neighbours" & Co',
            "org_type": "social-enterprise",
            "nations": ["wales", "england"],
            "what_we_do": HOSTILE_LINES,
            "website": "https://example.org/",
            "listing": {
                "basis": "self-listed",
                "by": "@neighbours",
                "record": "https://github.com/relationships-project/handbooks/issues/8",
            },
            "themes": ["loneliness"],
        },
        "evidence": {
            "title": 'Loneliness: a "review" --- of {{ things }}',
            "authors": ["\u00d3 Br\u00e1in, M\u00e1ire", "Smith, Jo"],
            "year": 2021,
            "evidence_type": "meta-analysis",
            "publisher": "Journal: of things",
            "doi": "10.1000/xyz123",
            "outcomes": ["mortality"],
            "key_findings": [HOSTILE, "Second: finding"],
            "findings_direction": "positive",
            "confidence": {"rating": 3, "rationale": HOSTILE_LINES},
            "themes": ["loneliness"],
        },
    }[kind]


STORY_BODY = "---\ntitle: not front matter\n---\n\nThe story, told with consent. {{ not a placeholder }}\r\n"


@pytest.mark.parametrize(
    "kind, path",
    [
        ("term", "glossary/neighbourly-care.md"),
        ("story", "docs/stories/cymraeg-wyl-a-story.md"),
        ("organisation", "docs/organisations/cwmni-wyl-neighbours-co.md"),
        ("evidence", "docs/evidence/o-brain-smith-2021.md"),
    ],
)
def test_each_kind_of_file_passes_handbook_check(script, project, capsys, kind, path):
    values = _values(kind)
    file = script.file(kind, values, STORY_BODY if kind == "story" else "")
    assert (file["path"], file["mode"], file["problem"], file["exact"]) == (path, "new", None, True)
    assert file["path"] == f"{FOLDERS[kind]}/{file['id']}.md"
    (project / path).write_text(file["text"], encoding="utf-8")
    assert check(project, capsys) == ""
    problems: list = []
    document = read_source(project / path, path, problems)
    assert problems == [] and document is not None
    assert document.data == values  # every text as typed: nothing added, lost or turned into YAML
    if kind == "story":
        assert document.body.strip() == STORY_BODY.replace("\r\n", "\n").strip()


def test_a_perspective_is_the_block_to_add_under_the_terms_perspectives(script, project, capsys):
    values = _values("term")["perspectives"][0]
    file = script.file("perspective", values, "", {"term": "co-production"})
    assert (file["path"], file["mode"]) == ("glossary/co-production.md", "append")
    lines = file["text"].splitlines()
    assert lines[0].startswith("  - definition: ") and all(line.startswith("    ") for line in lines[1:])
    term_file = project / file["path"]
    before = term_file.read_text(encoding="utf-8")
    # As a contributor pastes it: after the list's last item, before the next field.
    next_field = before.index("\ncontested:")
    term_file.write_text(before[: next_field + 1] + file["text"] + before[next_field + 1 :], encoding="utf-8")
    assert check(project, capsys) == ""
    term = next(t for t in load_corpus(project).corpus.terms if t.id == "co-production")
    added = term.perspectives[-1]
    assert (added.attributed_to, added.stance, added.source.title, added.source.year) == (
        "Mair O'Brien",
        "origin",
        values["source"]["title"],
        2019,
    )
    # The same block as handbook new and from-issue add it (yaml_edit.append_to_sequence).
    appended = append_to_sequence(before, "perspectives", [line[2:] for line in lines])
    assert appended.count("Mair O'Brien") == 1


@pytest.mark.parametrize(
    "text",
    [
        HOSTILE,
        HOSTILE_LINES,
        "---",
        "...",
        "",
        " leading and trailing spaces ",
        "line\u2028separator\u2029paragraph\u0085next",
        "del\x7f c1\x80\x9f bom\ufeff nonchar\ufffe tab\t cr\r nul\x00 esc\x1b",
        "true",
        "2024-01-05",
        "0x1F",
        "~",
        "null",
        "yes",
        "\U0001f600 \U0001d400",
    ],
)
def test_hostile_text_round_trips_exactly_through_the_front_matter_reader(script, tmp_path, text):
    values = {"title": text or "x", "summary": text, "themes": [text, "b"], "deep": {"list": [{"a": text}]}}
    file = script.file("story", values)
    path = tmp_path / "item.md"
    path.write_bytes(file["text"].encode("utf-8"))
    problems: list = []
    document = read_source(path, "item.md", problems)
    assert problems == [] and document is not None
    expected = {key: value for key, value in values.items() if value != ""}
    if text == "":  # an empty text is left out, as the form leaves out an empty answer
        expected["themes"] = ["b"]
        expected.pop("deep")  # nothing in it but an empty text
    assert document.data == expected


def test_a_lone_surrogate_becomes_the_replacement_character(script, tmp_path):
    file = script.page.evaluate(
        "() => window.hbSuggest.fileFor('story', {title: 'a\\ud800b', summary: 'c\\udc00'}, '', {})"
    )
    path = tmp_path / "item.md"
    path.write_bytes(file["text"].encode("utf-8"))
    problems: list = []
    document = read_source(path, "item.md", problems)
    assert problems == [] and document is not None
    assert document.data == {"title": "a\ufffdb", "summary": "c\ufffd"}


def test_numbers_and_switches_are_written_as_the_readers_take_them(script, tmp_path):
    values = {"title": "t", "year": 2021, "lat": 51.621, "lon": -3.944, "tiny": 0.0000001, "open_access": True}
    file = script.file("story", values)
    assert "year: 2021\n" in file["text"] and "lat: 51.621\n" in file["text"] and "lon: -3.944\n" in file["text"]
    path = tmp_path / "item.md"
    path.write_text(file["text"], encoding="utf-8")
    document = read_source(path, "item.md", [])
    assert document is not None and document.data == values


def test_no_id_without_letters_or_digits(script):
    file = script.file("term", {"term": "\u2014 --- \u2014"})
    assert file["path"] is None and "no letters or digits" in file["problem"]
    assert script.destinations(file)["newFileUrl"] is None


# -- where it goes ---------------------------------------------------------------------------------
def test_the_new_file_page_carries_the_path_and_the_text(script):
    file = script.file("evidence", _values("evidence"))
    found = script.destinations(file)
    url = urlsplit(found["newFileUrl"])
    assert (url.scheme, url.netloc, url.path) == (
        "https",
        "github.com",
        "/relationships-project/handbooks/new/main/docs/evidence",
    )
    query = parse_qs(url.query, keep_blank_values=True)
    assert query == {"filename": ["o-brain-smith-2021.md"], "value": [file["text"]]}
    assert len(found["newFileUrl"]) <= found["limit"] == 8000 and not found["tooLong"]
    assert found["uploadUrl"] == f"{REPO_URL}/upload/main/docs/evidence" and found["editUrl"] is None


def test_above_the_bound_there_is_no_new_file_page_but_the_upload_page(script):
    body = "Stori am y gymuned yn Ystradgynlais, \u0175yl a chymdogion. " * 120  # about 7,000 characters
    file = script.file("story", _values("story"), body)
    found = script.destinations(file)
    assert found["newFileUrl"] is None and found["tooLong"]
    assert found["uploadUrl"] == f"{REPO_URL}/upload/main/docs/stories"
    # The issue form still opens, with what fits: the story itself is left for the contributor to paste.
    assert len(found["issueUrl"]) <= 8000 and found["issueLeftOut"] == ["story"]
    assert parse_qs(urlsplit(found["issueUrl"]).query)["title"] == [_values("story")["title"]]
    # Just under the bound, the page is offered.
    short = script.file("story", _values("story"), body[:1000])
    assert len(script.destinations(short)["newFileUrl"]) <= 8000


def test_a_perspective_and_a_correction_open_the_existing_files_edit_page(script):
    perspective = script.file(
        "perspective", {"definition": "d", "attributed_to": "A", "stance": "extends"}, "", {"term": "co-production"}
    )
    assert script.destinations(perspective)["editUrl"] == f"{REPO_URL}/edit/main/glossary/co-production.md"
    assert script.destinations(perspective)["newFileUrl"] is None
    correction = script.file(
        "correction",
        {
            "page": "https://relationships-project.github.io/handbooks/glossary/co-production/",
            "wrong": "x",
            "correction": "y",
            "source": "z",
        },
        "",
        {
            "page": "glossary/co-production.md",
            "address": "https://relationships-project.github.io/handbooks/glossary/co-production/",
        },
    )
    assert (correction["mode"], correction["path"]) == ("note", "glossary/co-production.md")
    assert "What is wrong:\nx\n" in correction["text"] and "How they know:\nz\n" in correction["text"]
    found = script.destinations(correction)
    assert found["editUrl"] == f"{REPO_URL}/edit/main/glossary/co-production.md"
    query = parse_qs(urlsplit(found["issueUrl"]).query)
    assert query["page"] == ["https://relationships-project.github.io/handbooks/glossary/co-production/"]
    assert query["evidence"] == ["z"] and query["template"] == ["suggest-correction.yml"]
    # A path that is not a file of the repository is not edited.
    for page in ("../etc/passwd", "/glossary/x.md", "https://evil.example/x.md", "glossary//x.md"):
        assert script.file("correction", {"page": page}, "", {"page": page})["path"] is None


@pytest.mark.parametrize("kind", ["term", "perspective", "story", "organisation", "evidence"])
def test_the_issue_url_is_new_issue_urls(script, kind):
    values = _values("term")["perspectives"][0] if kind == "perspective" else _values(kind)
    file = script.file(kind, values, "The story." if kind == "story" else "", {"term": "co-production"})
    found = urlsplit(script.destinations(file)["issueUrl"])
    answers = dict(file["answers"])
    expected = urlsplit(new_issue_url(REPO_URL, next(form for form in FORMS if form.kind == kind), answers))
    assert (found.netloc, found.path) == (expected.netloc, expected.path)
    assert parse_qs(found.query) == parse_qs(expected.query)
    assert len(answers) >= 3


def test_no_github_links_without_a_github_repository(script):
    file = script.file("term", _values("term"))
    for repo_url in ("", "https://gitlab.com/a/b", "javascript:alert(1)//github.com/a/b"):
        found = script.destinations(file, {"repoUrl": repo_url})
        assert (found["newFileUrl"], found["uploadUrl"], found["editUrl"], found["issueUrl"]) == (None,) * 4


def test_the_email_only_with_an_address_and_the_file_in_it_when_short(script):
    short = script.file(
        "perspective", {"definition": "d", "attributed_to": "A", "stance": "extends"}, "", {"term": "co-production"}
    )
    assert script.destinations(short)["mailto"] is None
    assert script.destinations(short, {"email": "not an address?cc=x@evil.org"})["mailto"] is None
    found = script.destinations(short, {"email": "handbooks@example.org"})
    url = urlsplit(found["mailto"])
    assert (url.scheme, url.path, found["attach"]) == ("mailto", "handbooks@example.org", False)
    assert short["text"] in unquote(parse_qs(url.query)["body"][0]) or short["text"] in parse_qs(url.query)["body"][0]
    long = script.file("evidence", {**_values("evidence"), "summary": "A plain summary, in my own words. " * 60})
    found = script.destinations(long, {"email": "handbooks@example.org"})
    body = parse_qs(urlsplit(found["mailto"]).query)["body"][0]
    assert found["attach"] and "attached (o-brain-smith-2021.md" in body and long["text"] not in body
    assert len(found["mailto"]) < 1800


# -- nothing leaves the page -------------------------------------------------------------------------
def test_nothing_here_makes_a_request(script, desktop):
    desktop.grant_permissions(["clipboard-read", "clipboard-write"])
    file = script.file("story", _values("story"), "A story.")
    found = script.destinations(file, {"email": "handbooks@example.org"})
    assert found["newFileUrl"] and found["issueUrl"] and found["mailto"]
    assert script.page.evaluate("text => window.hbSuggest.copyText(text)", file["text"]) is True
    assert script.page.evaluate("() => navigator.clipboard.readText()") == file["text"]
    with script.page.expect_download() as downloading:
        assert script.call("download", file) == "cymraeg-wyl-a-story.md"
    download = downloading.value
    assert download.suggested_filename == "cymraeg-wyl-a-story.md"
    assert Path(download.path()).read_text(encoding="utf-8") == file["text"]
    assert script.page.url == f"{ORIGIN}/contribute/suggest/"  # nothing navigated: GitHub opens only from a button
    assert [url for url in script.requests if not url.startswith(("blob:", "data:"))] == [script.page.url]


# -- on the built site -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sample_served(tmp_path_factory, make_project, mkdocs_build, serve):
    root = make_project(tmp_path_factory.mktemp("suggest-sample") / "project", git=False)
    out = root / "site"
    site = serve(out, mkdocs_build(root, out))
    yield site
    site.close()


def test_only_the_form_page_loads_the_script_and_it_asks_nothing_elsewhere(sample_served, browser):
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    try:
        page = context.new_page()
        page.goto(sample_served.url("glossary/co-production/"))
        # The forms' scripts are the form page's own: other pages do not carry them.
        assert page.evaluate("typeof window.hbSuggest") == "undefined"
        page.click("a.hb-suggest-link, .hb-suggest-link a")  # "Suggest a perspective"
        page.wait_for_load_state()
        assert page.url == sample_served.url("contribute/suggest/?form=perspective&term=co-production")
        assert page.evaluate("typeof window.hbSuggest.fileFor") == "function"
        file = page.evaluate(
            "() => window.hbSuggest.fileFor('perspective', {definition: 'd', attributed_to: 'A', stance: 'extends'},"
            " '', {term: 'co-production', repoUrl: document.querySelector('[data-hb-suggest]').dataset.repoUrl})"
        )
        assert file["path"] == "glossary/co-production.md"
        # The published site's origin is the site's own (tests/browser/own_requests.py).
        assert len(requests) > 3 and own_requests.elsewhere(requests, sample_served.origin) == []
    finally:
        context.close()

"""The contribution forms (/contribute/suggest/) in Chromium: each form reachable and labelled,
no serious accessibility violation, usable with the keyboard alone, the address's context
filled in, the build's messages by the fields, and nothing asked of any other site."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from playwright.sync_api import expect

from handbook.cli.yaml_edit import append_to_sequence
from handbook.content.corpus import load_corpus
from handbook.contributions.forms import suggest_forms
from handbook.contributions.schema import content_schema
from tests.browser.own_requests import elsewhere
from tests.browser.test_accessibility import BLOCKING, describe, run_axe
from tests.unit.test_content_schema import build_problems
from tests.unit.test_suggest_forms import collect

pytestmark = pytest.mark.browser

PAGE = "contribute/suggest/"
FORMS = ["term", "perspective", "story", "organisation", "evidence", "correction"]
MISSING = "is required but missing"


def visible_sections(page) -> list[str]:
    return page.eval_on_selector_all("[data-hb-section]", "all => all.filter(s => !s.hidden).map(s => s.id)")


def open_suggest(page, site, query: str = ""):
    errors: list = []
    page.on("pageerror", lambda error: errors.append(error))
    page.goto(site.url(PAGE + query))
    page.wait_for_selector("[data-hb-suggest][data-hb-ready]", state="attached")
    return errors


def test_each_form_is_reachable_from_the_chooser_and_labelled(real_site, page):
    errors = open_suggest(page, real_site)
    assert visible_sections(page) == [], "one form at a time, once chosen"
    expect(page.locator("[data-hb-nojs]")).to_be_hidden()
    for form in FORMS:
        page.click(f"[data-hb-choose='{form}']")
        assert visible_sections(page) == [form]
        expect(page.locator(f"#{form}-heading")).to_be_in_viewport()
        fields = page.locator(f"#{form} form [name]")
        assert fields.count() >= 4
        for index in range(fields.count()):
            field = fields.nth(index)
            name = field.evaluate(
                "e => (e.labels && e.labels.length ? e.labels[0].textContent : '').trim()"
                " || (e.closest('fieldset') && e.closest('fieldset').querySelector('legend').textContent.trim())"
            )
            assert name, f"{form}: {field.get_attribute('name')} has no label"
        expect(page.locator(f"#{form} button[type=submit]")).to_be_visible()
    assert not errors, errors


def settled(page) -> None:
    """Every transition finished: axe measures colours as they are, not half faded in."""
    page.wait_for_timeout(300)  # Material starts the fade on its next scroll event
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")


@pytest.mark.parametrize("form", ["", *FORMS])
def test_no_serious_accessibility_violation(real_site, page, form):
    open_suggest(page, real_site, f"?form={form}" if form else "")
    found = run_axe(page)
    blocking = [v for v in found["violations"] if v["impact"] in BLOCKING]
    assert not blocking, describe(blocking)
    if form:  # and with every problem shown
        page.click(f"#{form} button[type=submit]")
        expect(page.locator(f"#{form} [data-hb-summary]")).to_be_visible()
        # The focus moved the page, so Material's back-to-top button shows; axe scrolls as it
        # checks, catching it half faded (its colours at rest pass on every page: test_accessibility).
        settled(page)
        found = run_axe(page, context={"exclude": [[".md-top"]]})
        blocking = [v for v in found["violations"] if v["impact"] in BLOCKING]
        assert not blocking, describe(blocking)


@pytest.mark.parametrize("form", ["", "term", "organisation"])
def test_no_serious_accessibility_violation_on_a_phone(real_site, phone_page, form):
    open_suggest(phone_page, real_site, f"?form={form}" if form else "")
    if form:
        phone_page.click(f"#{form} button[type=submit]")
        settled(phone_page)
    found = run_axe(phone_page, context={"exclude": [[".md-top"]]})
    blocking = [v for v in found["violations"] if v["impact"] in BLOCKING]
    assert not blocking, describe(blocking)
    assert phone_page.evaluate("() => document.documentElement.scrollWidth") <= 360, "no sideways scrolling"


def test_the_address_chooses_the_form_and_fills_the_term(real_site, page):
    open_suggest(page, real_site, "?form=perspective&term=co-production")
    assert visible_sections(page) == ["perspective"]
    assert page.input_value("#perspective-term") == "co-production"
    open_suggest(page, real_site, "?form=correction&page=glossary/co-production.md&address=/glossary/co-production/")
    assert visible_sections(page) == ["correction"]
    assert page.input_value("#correction-page") == "/glossary/co-production/"
    open_suggest(page, real_site, "?form=not-a-form")
    assert visible_sections(page) == []


def test_the_entry_points_open_the_right_form_with_their_context(real_site, page):
    page.goto(real_site.url("glossary/co-production/"))
    page.click(".hb-suggest-link a")
    page.wait_for_selector("[data-hb-suggest][data-hb-ready]", state="attached")
    assert visible_sections(page) == ["perspective"]
    assert page.input_value("#perspective-term") == "co-production"
    expect(page.locator("#perspective-heading")).to_be_in_viewport()
    page.goto(real_site.url("glossary/co-production/"))
    page.click("a.hb-suggest-correction")
    page.wait_for_selector("[data-hb-suggest][data-hb-ready]", state="attached")
    assert visible_sections(page) == ["correction"]
    assert page.input_value("#correction-page").endswith("/glossary/co-production/")
    page.fill("#correction-wrong", "A date is wrong.")
    page.fill("#correction-correction", "It was 1996.")
    page.click("#correction button[type=submit]")
    expect(page.locator("#correction [data-hb-file-path]")).to_have_text("glossary/co-production.md")


def test_an_empty_form_shows_the_builds_messages_in_govuk_s_pattern(real_site, page):
    errors = open_suggest(page, real_site, "?form=term")
    page.click("#term button[type=submit]")
    summary = page.locator("#term [data-hb-summary]")
    expect(summary).to_be_visible()
    assert page.evaluate("() => document.activeElement.hasAttribute('data-hb-summary')"), "focus moves to the summary"
    links = summary.locator("a")
    texts = links.all_text_contents()
    assert any(text.startswith("The term") and MISSING in text for text in texts), texts
    # Each field with a problem says so beside it, tied to the input for screen readers.
    term = page.locator("#term-term")
    assert term.get_attribute("aria-invalid") == "true"
    assert "term-term-error" in (term.get_attribute("aria-describedby") or "").split()
    expect(page.locator("#term-term-error")).to_contain_text(MISSING)
    # A link in the summary moves to its field.
    summary.locator("a", has_text=re.compile("^The term \u2014")).click()
    assert page.evaluate("() => document.activeElement.id") == "term-term"
    # Put right, the message goes as it is typed.
    page.keyboard.type("Community anchor")
    expect(page.locator("#term-term-error")).to_be_hidden()
    assert term.get_attribute("aria-invalid") is None
    assert not any(text.startswith("The term") for text in summary.locator("a").all_text_contents())
    assert not errors, errors


def test_a_field_is_checked_when_left_not_while_typed(real_site, page):
    open_suggest(page, real_site, "?form=evidence")
    page.fill("#evidence-year", "twenty ten")
    expect(page.locator("#evidence-year-error")).to_be_hidden()  # not while typing
    page.focus("#evidence-publisher")  # left: checked
    if page.evaluate("() => typeof window.hbSuggest.validate === 'function'"):
        expect(page.locator("#evidence-year-error")).to_be_visible()
    # Untouched required fields say nothing until the form is sent, even when tabbed through.
    page.focus("#evidence-title")
    page.keyboard.press("Tab")
    expect(page.locator("#evidence-title-error")).to_be_hidden()
    open_suggest(page, real_site, "?form=organisation")
    page.focus("#organisation-nations input >> nth=0")  # a required list of boxes, tabbed past
    page.keyboard.press("Tab")
    page.focus("#organisation-website")
    expect(page.locator("#organisation-nations-error")).to_be_hidden()
    page.check("#organisation-nations input >> nth=0")
    page.uncheck("#organisation-nations input >> nth=0")  # changed: now it says
    expect(page.locator("#organisation-nations-error")).to_contain_text(MISSING)
    expect(page.locator("#evidence [data-hb-summary]")).to_be_hidden()


def test_pressing_send_straight_from_a_field_with_a_problem_sends(real_site, page):
    # Leaving a field shows its message, which moves what is below it: the press on the send
    # button must not be lost to that (the pointer would end up on something else).
    open_suggest(page, real_site, "?form=perspective&term=co-production")
    page.fill("#perspective-source-year", "19x6")
    assert page.evaluate("() => document.activeElement.id") == "perspective-source-year"
    page.click("#perspective button[type=submit]")
    expect(page.locator("#perspective [data-hb-summary]")).to_be_visible()
    assert page.evaluate("() => document.activeElement.hasAttribute('data-hb-summary')")


def tab_to(page, selector: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"Tab never reached {selector}")


def test_a_perspective_can_be_written_and_sent_with_the_keyboard_alone(real_site, page):
    errors = open_suggest(page, real_site, "?form=perspective&term=co-production")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    tab_to(page, "#perspective-attributed-to")
    page.keyboard.type("Elinor Ostrom")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "perspective-definition"
    page.keyboard.type("Citizens and officials together produce a public service.")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "perspective-stance"
    page.keyboard.press("ArrowDown")  # the first stance, chosen with a key
    assert page.input_value("#perspective-stance") == "origin"
    outline = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.boxShadow]; }"
    )
    assert outline[0] != "none" or outline[1] != "none", f"no visible focus: {outline}"
    tab_to(page, "#perspective button[type=submit]")
    page.keyboard.press("Enter")
    result = page.locator("#perspective [data-hb-result]")
    expect(result).to_be_visible()
    assert page.evaluate("() => document.activeElement.hasAttribute('data-hb-result')"), "focus moves to the result"
    expect(page.locator("#perspective [data-hb-summary]")).to_be_hidden()
    # Nothing left the page: no request at all while the form was filled in and sent.
    assert not elsewhere(requests, real_site.origin), requests
    assert not errors, errors


def test_no_request_leaves_the_site(real_site, browser):
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto(real_site.url(PAGE + "?form=term"), wait_until="networkidle")
    page.click("#term button[type=submit]")
    page.fill("#term-term", "Community anchor")
    page.click("#term button[type=submit]")
    page.wait_for_timeout(200)
    context.close()
    others = elsewhere(requests, real_site.origin)
    assert not others, others


def test_without_javascript_every_form_is_readable_and_says_how_to_send_it(real_site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(real_site.url(PAGE))
    expect(page.locator("[data-hb-nojs]")).to_be_visible()
    for form in FORMS:
        expect(page.locator(f"#{form}-heading")).to_be_visible()
        expect(page.locator(f"#{form} .hb-suggest__issue a")).to_be_visible()
    expect(page.locator("#term button[type=submit]")).to_be_hidden()  # nothing to press that would do nothing
    context.close()


# -- what the page makes passes the build ---------------------------------------------------------
@pytest.fixture(scope="module")
def sample(tmp_path_factory, make_project, mkdocs_build, serve):
    """The sample project, built and served: its forms carry its own vocabularies and terms."""
    project = make_project(tmp_path_factory.mktemp("suggest-sample"))
    out = tmp_path_factory.mktemp("suggest-sample-site") / "site"
    site = serve(out, mkdocs_build(project, out))
    yield project, site
    site.close()


def handbook_check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "handbook", "check"], cwd=project, capture_output=True, text=True, check=False
    )


def fill(page, form: str, answers: dict[str, str | list[str]]) -> None:
    """Answer by input name: text typed, a select's option chosen, a list's boxes ticked."""
    for name, answer in answers.items():
        field = page.locator(f"#{form} [name='{name}']")
        widget = field.first.evaluate("e => e.tagName === 'SELECT' ? 'select' : e.type")
        if widget == "select":
            field.select_option(str(answer))
        elif widget == "checkbox":
            for value in answer:
                page.check(f"#{form} [name='{name}'][value='{value}']")
        else:
            field.fill(str(answer) if not isinstance(answer, list) else "\n".join(answer))


def prepared(page, form: str) -> tuple[str, str]:
    page.click(f"#{form} button[type=submit]")
    expect(page.locator(f"#{form} [data-hb-result]")).to_be_visible()
    expect(page.locator(f"#{form} [data-hb-summary]")).to_be_hidden()
    path = page.locator(f"#{form} [data-hb-file-path]").text_content() or ""
    text = page.locator(f"#{form} [data-hb-file-text]").text_content() or ""
    return path, text


VALID = {
    "term": {
        "term": "Community anchor",
        "aliases": ["community anchors", "anchor organisation"],
        "group": "the-need",
        "working_definition": 'A local organisation that holds a place\'s relationships together: "rooted", lasting.',
        "perspectives[0].attributed_to": "Locality",
        "perspectives[0].definition": "Community-led organisations rooted in a place: they own assets and last.\nSecond line.",
        "perspectives[0].stance": "origin",
        "perspectives[0].source.title": "Places we love: a report",
        "perspectives[0].source.year": "2018",
        "perspectives[0].source.url": "https://example.org/places?x=1&y=2",
        "body": "# Not a heading trick\n\nMore about it, with --- and: colons.",
    },
    "evidence": {
        "title": "A study of kindness: part 2",
        "authors": ["Holt-Lunstad, Julianne", "Smith, Timothy B."],
        "year": "2010",
        "confidence.rating": "3",
        "confidence.rationale": "Many studies pooled, with consistent results.",
        "key_findings": ["Stronger social relationships go with longer lives."],
    },
    "organisation": {
        "name": "A tenants' forum",
        "nations": ["wales"],
        "listing.basis": "public-source",
        "listing.source": "https://example.org/about",
        "places[0].name": "Swansea",
        "places[0].lat": "51.62",
        "places[0].lon": "-3.94",
        "places[0].source": "https://example.org/about",
    },
}


def _with_first_options(page, form: str, answers: dict) -> dict:
    """Selects and lists the sample's vocabularies decide: their first option, read from the page."""
    out = dict(answers)
    for name in {"evidence": ["evidence_type"]}.get(form, []):
        field = page.locator(f"#{form} [name='{name}']")
        first = field.first.evaluate("e => e.tagName === 'SELECT' ? e.options[1].value : e.value")
        out[name] = first if field.first.evaluate("e => e.tagName === 'SELECT'") else [first]
    return out


@pytest.mark.parametrize("form", sorted(VALID))
def test_a_valid_suggestion_makes_a_file_that_passes_handbook_check(sample, page, form):
    project, site = sample
    errors = open_suggest(page, site, f"?form={form}")
    fill(page, form, _with_first_options(page, form, VALID[form]))
    path, text = prepared(page, form)
    assert path and not (project / path).exists(), path
    (project / path).write_text(text, encoding="utf-8")
    try:
        checked = handbook_check(project)
    finally:
        (project / path).unlink()
    assert checked.returncode == 0 and " 0 problems" in checked.stdout + checked.stderr, (
        text + checked.stdout + checked.stderr
    )
    assert not errors, errors


def test_a_perspective_added_to_its_term_passes_handbook_check(sample, page):
    project, site = sample
    open_suggest(page, site, "?form=perspective&term=co-production")
    fill(
        page,
        "perspective",
        {
            "attributed_to": "Elinor Ostrom",
            "definition": "Citizens and officials together produce a public service: 'both' matter.",
            "stance": "origin",
            "source.title": "Crossing the great divide",
            "source.year": "1996",
        },
    )
    path, snippet = prepared(page, "perspective")
    assert path == "glossary/co-production.md"
    term_file = project / path
    before = term_file.read_text(encoding="utf-8")
    # Pasted at the end of the term's perspectives: the lines as the file writes them, two spaces in.
    assert snippet.startswith("  - ")
    lines = textwrap.dedent(snippet).rstrip("\n").splitlines()
    term_file.write_text(append_to_sequence(before, "perspectives", lines), encoding="utf-8")
    try:
        checked = handbook_check(project)
        after = load_corpus(project).corpus.get("term", "co-production")
    finally:
        term_file.write_text(before, encoding="utf-8")
    assert checked.returncode == 0, snippet + checked.stdout + checked.stderr
    assert after is not None and after.perspectives[-1].attributed_to == "Elinor Ostrom"


def test_an_invalid_answer_shows_the_builds_own_message(sample, page):
    project, site = sample
    open_suggest(page, site, "?form=term")
    answers = {
        **VALID["term"],
        "perspectives[0].source.year": "twenty",
        "perspectives[0].source.url": "ftp://example.org",
    }
    fill(page, "term", answers)
    page.click("#term button[type=submit]")
    expect(page.locator("#term [data-hb-summary]")).to_be_visible()
    expect(page.locator("#term [data-hb-result]")).to_be_hidden()
    vocabularies = load_corpus(project).corpus.vocabularies
    form = next(f for f in suggest_forms(content_schema(vocabularies)["$defs"], vocabularies) if f.id == "term")
    problems, _ = build_problems("term", collect(form, answers), vocabularies)
    assert {problem.field for problem in problems} == {"perspectives[0].source.year", "perspectives[0].source.url"}
    summary = page.locator("#term [data-hb-summary] a").all_text_contents()
    for problem in problems:
        said = str(problem).split(f"{problem.field}: ", 1)[1]  # the build's words after the field
        field_id = "term-" + problem.field.replace("[0]", "").replace(".", "-").replace("_", "-")
        expect(page.locator(f"#{field_id}-error")).to_have_text(f"Error: {said}")
        assert any(text.endswith(said) for text in summary), (said, summary)


def test_a_perspective_finds_its_term_by_name_or_address_and_says_when_there_is_none(sample, page):
    _, site = sample
    open_suggest(page, site, "?form=perspective")
    answers = {"attributed_to": "Someone named", "definition": "In their words.", "stance": "origin"}
    for written in ("Co-production", "https://example.org/glossary/co-production/"):
        fill(page, "perspective", {"term": written, **answers})
        assert prepared(page, "perspective")[0] == "glossary/co-production.md", written
    fill(page, "perspective", {"term": "co-prodution"})
    page.click("#perspective button[type=submit]")
    expect(page.locator("#perspective-term-error")).to_contain_text("'co-prodution' is not a term in the glossary")
    expect(page.locator("#perspective-term-error")).to_contain_text("did you mean 'co-production'?")
    expect(page.locator("#perspective [data-hb-result]")).to_be_hidden()


def test_the_forms_work_from_the_offline_copy(offline_copy, browser):
    page_file = offline_copy / "contribute" / "suggest.html"
    assert page_file.is_file()
    context = browser.new_context()
    requests: list[str] = []
    errors: list = []
    context.on("request", lambda request: requests.append(request.url))
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(error))
        page.goto(page_file.as_uri() + "?form=perspective&term=co-production")
        assert visible_sections(page) == ["perspective"]
        page.click("#perspective button[type=submit]")
        expect(page.locator("#perspective-attributed-to-error")).to_contain_text(MISSING)  # checked, with no server
        fill(page, "perspective", {"attributed_to": "Someone", "definition": "In their words.", "stance": "origin"})
        assert prepared(page, "perspective")[0] == "glossary/co-production.md"
    finally:
        context.close()
    assert not errors, errors
    outside = [url for url in requests if not url.startswith(("file://", "data:", "blob:"))]
    assert not outside, f"the offline forms asked the network for: {outside}"


def test_what_only_a_maintainer_can_add_is_left_to_them_and_named_by_the_build(sample, page):
    # A self-listed organisation's record is the pull request's address, unknown until it exists:
    # the form does not ask it, and the file lacks exactly that (a maintainer adds it).
    project, site = sample
    open_suggest(page, site, "?form=organisation")
    fill(
        page,
        "organisation",
        {
            "name": "Our own forum",
            "nations": ["wales"],
            "listing.basis": "self-listed",
            "listing.by": "@someone",
            "what_we_do": "We bring neighbours together.",
        },
    )
    path, text = prepared(page, "organisation")
    (project / path).write_text(text, encoding="utf-8")
    try:
        checked = handbook_check(project)
    finally:
        (project / path).unlink()
    said = [line for line in checked.stdout.splitlines() if line.startswith(path)]
    assert len(said) == 1 and ": listing.record: " in said[0], checked.stdout


def test_the_page_works_without_the_checking_and_file_scripts(real_site, browser):
    # Each script guards for the others: without them the form still checks what it marks
    # required, and says where to go instead of making the file.
    context = browser.new_context()
    context.route("**/hb-suggest-validate.js", lambda route: route.abort())
    context.route("**/hb-suggest-file.js", lambda route: route.abort())
    errors: list = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(error))
        page.goto(real_site.url(PAGE + "?form=perspective&term=co-production"))
        assert page.evaluate("() => typeof (window.hbSuggest || {}).validate") == "undefined"
        page.click("#perspective button[type=submit]")
        expect(page.locator("#perspective-attributed-to-error")).to_contain_text(MISSING)
        page.fill("#perspective-attributed-to", "Someone")
        page.fill("#perspective-definition", "In their words.")
        page.select_option("#perspective-stance", "origin")
        page.click("#perspective button[type=submit]")
        expect(page.locator("#perspective [data-hb-result]")).to_contain_text("use the issue form")
    finally:
        context.close()
    assert not errors, errors


def test_a_story_leaves_only_the_consent_record_to_a_maintainer(sample, page):
    project, site = sample
    open_suggest(page, site, "?form=story")
    answers = {
        "title": "A kitchen table in Swansea",
        "storytellers[0].name": "Anonymous",
        "storytellers[0].naming": "anonymous",
        "body": "It began with a cup of tea.\n\n- and a list\n---\nthat is not front matter",
    }
    answers["story_type"] = page.locator("#story-story-type option").nth(1).get_attribute("value") or ""
    fill(page, "story", answers)
    path, text = prepared(page, "story")
    assert text.rstrip().endswith("that is not front matter")
    (project / path).write_text(text, encoding="utf-8")
    try:
        checked = handbook_check(project)
    finally:
        (project / path).unlink()
    said = [line for line in checked.stdout.splitlines() if line.startswith(path)]
    assert len(said) == 1 and ": publication: " in said[0], checked.stdout

"""My case (/case-maker/) in Chromium: a case of five items shaped (reordered, noted, titled,
a template chosen), kept over a reload, printed on A4 with its references, copied as
Markdown, shared by a link that a fresh browser opens (online and from the offline copy's
files), and hostile links that change nothing but what they say. The page loads only the
shards of the items it shows (case-maker/data/<n>.js, by the same hash as the build's), shows
the items of a shard that fails as not loaded, and loads the shard of an item added later.

The items are taken from the build's data (case-maker/items.json, beside the page), one of
each kind, so the tests follow the content; three of them are added with the buttons on their
pages."""

from __future__ import annotations

import base64
import json
import re
import urllib.parse
import urllib.request

import pytest
from playwright.sync_api import expect

from handbook.case_maker.shards import fnv1a32, shard_of
from tests.browser.own_requests import elsewhere
from tests.browser.served_site import DESKTOP, PHONE
from tests.browser.test_accessibility import BLOCKING, describe, run_axe

pytestmark = pytest.mark.browser

PAGE = "case-maker/"
READY = "[data-hb-case-maker][data-hb-case-ready]"
DRAWN = ".hb-case__document:not([aria-busy])"  # the case drawn, its shards loaded or failed
SHARDS = "/case-maker/data/"
KINDS = ["evidence", "story", "term", "convening", "section"]


@pytest.fixture
def tab(browser):
    """A page in a fresh context of its own: an empty case, nothing shared with other tests."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    errors: list = []
    page.on("pageerror", lambda error: errors.append(error))
    page.errors = errors
    yield page
    context.close()
    assert not errors, errors


def open_case(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(READY, state="attached")
    page.wait_for_selector(DRAWN, state="attached")


def case_data(page) -> dict:
    """The build's whole data, case-maker/items.json beside the page (which embeds only what items share)."""
    with urllib.request.urlopen(urllib.parse.urljoin(page.url.split("#")[0], "items.json")) as response:
        return json.load(response)


def shard_count(page) -> int:
    return page.evaluate("() => JSON.parse(document.getElementById('hb-case-data').textContent).shards")


def five_refs(data: dict) -> list[str]:
    """One item of each kind: the evidence rated lowest (so that the brief has a caveat to
    state), a contested term where there is one, the first of the others by ref."""
    items = data["items"]
    by_kind = {kind: sorted(ref for ref, item in items.items() if item["kind"] == kind) for kind in KINDS}
    assert all(by_kind.values()), f"the data should hold every kind: {[k for k, v in by_kind.items() if not v]}"
    evidence = min(by_kind["evidence"], key=lambda ref: (items[ref]["confidence"]["rating"], ref))
    contested = [ref for ref in by_kind["term"] if items[ref].get("contested")]
    term = (contested or by_kind["term"])[0]
    return [evidence, by_kind["story"][0], term, by_kind["convening"][0], by_kind["section"][0]]


def set_case(page, refs: list[str], title: str = "", notes: dict[str, str] | None = None) -> None:
    page.evaluate(
        "([title, refs, notes]) => hbCase.set({title, template: '', items: refs.map(ref => ({ref, note: notes[ref] || ''}))})",
        [title, refs, notes or {}],
    )


def stored(page) -> dict:
    return page.evaluate("() => hbCase.get()")


def shown_refs(page) -> list[str]:
    page.wait_for_selector(DRAWN, state="attached")
    return page.eval_on_selector_all(
        ".hb-case__items .hb-case__item[data-ref]:not(.hb-case__item--gone)", "rows => rows.map(r => r.dataset.ref)"
    )


def item_row(page, ref: str):
    return page.locator(f".hb-case__item[data-ref={json.dumps(ref)}]")


def printed_document(page) -> str:
    """The document's text as printed: without the controls, with the notes."""
    page.emulate_media(media="print")
    text = page.locator(".hb-case__document").inner_text()
    page.emulate_media(media="screen")
    return text


def share_link(page) -> str:
    page.click("text=Make a link to share")
    field = page.locator(".hb-case__output input")
    expect(field).to_be_visible()
    return field.input_value()


def fragment(payload: object) -> str:
    raw = json.dumps(payload).encode()
    return "#case=" + base64.urlsafe_b64encode(raw).decode().rstrip("=")


def test_a_case_added_from_pages_is_shaped_and_kept_over_a_reload(real_site, tab):
    page = tab
    open_case(page, real_site.url(PAGE))
    data = case_data(page)
    refs = five_refs(data)
    # Three from their pages, with their "Add to my case" buttons (the first on each page is the item's own).
    for ref in refs[:3]:
        page.goto(real_site.url(data["items"][ref]["url"]))
        page.locator(f"button.hb-case-add[data-case-ref={json.dumps(ref)}]").click()
    for ref in refs[3:]:
        page.evaluate("ref => hbCase.add(ref)", ref)
    open_case(page, real_site.url(PAGE))
    assert shown_refs(page) == refs, "the one-page brief keeps the reader's order"

    # Move the first item down with the keyboard: the focus stays on it, and the move is announced.
    first = item_row(page, refs[0])
    first.locator("[data-action=down]").focus()
    page.keyboard.press("Enter")
    assert shown_refs(page)[:2] == [refs[1], refs[0]]
    assert page.evaluate("() => document.activeElement.closest('.hb-case__item').dataset.ref") == refs[0]
    assert page.evaluate("() => document.activeElement.dataset.action") == "down"
    expect(page.locator(".hb-case__status")).to_contain_text("now 2 of 5")
    item_row(page, refs[0]).locator("[data-action=up]").click()
    assert shown_refs(page) == refs

    page.fill("#hb-case-title", "For the adult social care board, 12 March")
    item_row(page, refs[1]).locator("textarea").fill("Ask Sam whether we can quote this.")
    page.locator(".hb-case__template label", has_text="Story pack").click()
    assert shown_refs(page)[0] == refs[1], "the story pack puts the stories first"

    page.reload()
    page.wait_for_selector(READY, state="attached")
    assert [e["ref"] for e in stored(page)["items"]] == refs
    expect(page.locator("#hb-case-title")).to_have_value("For the adult social care board, 12 March")
    expect(page.locator(".hb-case__title")).to_have_text("For the adult social care board, 12 March")
    expect(item_row(page, refs[1]).locator("textarea")).to_have_value("Ask Sam whether we can quote this.")
    expect(page.locator("#hb-case-template-story-pack")).to_be_checked()
    assert shown_refs(page)[0] == refs[1]


def test_each_item_shows_what_the_issue_asks_and_the_caveats_come_from_the_data(real_site, tab):
    page = tab
    open_case(page, real_site.url(PAGE))
    data = case_data(page)
    refs = five_refs(data)
    set_case(page, refs)
    page.locator(".hb-case__template label", has_text="Evidence summary").click()
    evidence, story, term = (data["items"][ref] for ref in refs[:3])
    assert shown_refs(page) == [refs[0], refs[2], refs[4], refs[1], refs[3]], "evidence, terms, sections, the rest"
    expect(item_row(page, refs[1])).not_to_contain_text(story["basis"])  # by title only in this template
    row = item_row(page, refs[0])
    expect(row).to_contain_text(evidence["citation"])
    expect(row).to_contain_text(evidence["confidence"]["label"])
    expect(row).to_contain_text(evidence["confidence"]["rationale"])
    for finding in evidence["key_findings"]:
        expect(row).to_contain_text(finding)
    page.locator(".hb-case__template label", has_text="One-page brief").click()
    expect(item_row(page, refs[1])).to_contain_text(story["basis"])
    expect(item_row(page, refs[2])).to_contain_text(term["definition"])
    if term.get("contested"):
        expect(item_row(page, refs[2])).to_contain_text("Contested")
        for perspective in term.get("contested_by", []):
            expect(item_row(page, refs[2])).to_contain_text(perspective["by"])

    caveats = page.locator(".hb-case__caveats")
    level = next(level for level in data["scale"] if level["rating"] == evidence["confidence"]["rating"])
    top = data["scale"][-1]
    if level["rating"] < top["rating"]:
        expect(caveats).to_contain_text(f"is rated {level['label']}")
        expect(caveats).to_contain_text(level["description"].rstrip("."))
        expect(caveats).to_contain_text(f"rated {top['label']}, the scale's highest level")
    # The brief gives the reason for a rating in its item, in short (its first sentence, which starts so).
    expect(item_row(page, refs[0])).to_contain_text(re.split(r"[.!?]\s", evidence["confidence"]["rationale"])[0])
    expect(caveats).to_contain_text(evidence["short"])


def test_what_the_evidence_does_not_show_counts_only_what_the_case_holds(real_site, tab):
    page = tab
    open_case(page, real_site.url(PAGE))
    data = case_data(page)
    refs = five_refs(data)
    set_case(page, refs[1:3])  # a story and a term: nothing rated
    caveats = page.locator(".hb-case__caveats")
    expect(caveats).to_contain_text("This case holds no evidence item, so nothing in it is rated")
    expect(caveats).to_contain_text("One story is an account told by the people named with it")
    # Two pieces of evidence at one level: both named, with that level's words; none rated at the top.
    by_rating: dict[int, list[str]] = {}
    for ref, item in sorted(data["items"].items()):
        if item["kind"] == "evidence":
            by_rating.setdefault(item["confidence"]["rating"], []).append(ref)
    top = data["scale"][-1]
    rating, pair = next((r, refs_) for r, refs_ in sorted(by_rating.items()) if len(refs_) >= 2 and r < top["rating"])
    level = next(level for level in data["scale"] if level["rating"] == rating)
    set_case(page, pair[:2])
    names = "; ".join(data["items"][ref]["short"] for ref in pair[:2])
    expect(caveats).to_contain_text(
        f"Both evidence items ({names}) are rated {level['label']}, {rating} of {top['rating']}"
    )
    expect(caveats).to_contain_text(level["description"].rstrip("."))
    expect(caveats).to_contain_text(f"None of them is rated {top['label']}")
    expect(caveats).not_to_contain_text("story")


def test_a_removed_item_can_be_put_back_and_one_the_handbook_lost_is_shown(real_site, tab):
    page = tab
    open_case(page, real_site.url(PAGE))
    refs = five_refs(case_data(page))
    set_case(page, [*refs[:2], "evidence:no-longer-here-1999"], notes={refs[1]: "keep this"})
    gone = page.locator(".hb-case__gone")
    expect(gone).to_contain_text("No longer in the handbook")
    expect(gone).to_contain_text("evidence:no-longer-here-1999")
    item_row(page, refs[1]).locator("[data-action=remove]").click()
    assert shown_refs(page) == [refs[0]]
    expect(page.locator(".hb-case__undo")).to_be_visible()
    assert page.evaluate("() => document.activeElement.dataset.action") == "undo"
    page.keyboard.press("Enter")
    assert shown_refs(page) == refs[:2]
    assert stored(page)["items"][1] == {"ref": refs[1], "note": "keep this"}
    gone.locator("[data-action=remove]").click()
    expect(page.locator(".hb-case__gone")).to_have_count(0)
    assert [e["ref"] for e in stored(page)["items"]] == refs[:2]


def test_printed_it_shows_the_document_and_its_references_without_the_controls(real_site, tab):
    page = tab
    open_case(page, real_site.url(PAGE))
    data = case_data(page)
    refs = five_refs(data)
    set_case(page, refs, "For the board", {refs[0]: "Quote the second finding."})
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    page.click("text=Download as PDF")
    assert page.evaluate("() => window.__printed") == 1, "Download as PDF is the browser's print"
    page.emulate_media(media="print")
    site_url = page.get_attribute("[data-hb-case-maker]", "data-hb-site-url")
    references = page.locator(".hb-case__references")
    expect(references).to_be_visible()
    addresses = references.locator(".hb-case__address")
    printed = addresses.all_inner_texts()
    for ref in refs:
        assert site_url + data["items"][ref]["url"] in printed, f"{ref}'s address should be printed"
    for address in printed:
        assert address.startswith("https://"), address
    if data["items"][refs[0]].get("link"):
        assert data["items"][refs[0]]["link"] in printed
    expect(page.locator(".hb-case__cite").first).to_have_text("[1]")
    for hidden in [".hb-case__controls", ".hb-case__tools", "button", ".md-header", ".md-sidebar--primary", "h1"]:
        for index in range(page.locator(hidden).count()):
            expect(page.locator(hidden).nth(index)).to_be_hidden()
    expect(page.locator(".hb-case__note--print").first).to_contain_text("Quote the second finding.")
    colophon = page.locator(".hb-case__colophon")
    expect(colophon).to_be_visible()
    expect(colophon).to_contain_text(site_url)
    expect(colophon).to_contain_text("CC BY 4.0")
    expect(colophon).to_contain_text("Prepared on")
    pdf = page.pdf(prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert boxes and {(round(float(w)), round(float(h))) for w, h in boxes} == {(595, 842)}, "every page A4, in points"


def test_copy_as_text_gives_markdown_with_numbered_references(real_site, browser):
    context = browser.new_context(viewport=DESKTOP, permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        open_case(page, real_site.url(PAGE))
        data = case_data(page)
        refs = five_refs(data)
        set_case(page, refs, "For the board")
        # As a reader would: the document shows the new title before it is copied (under load
        # the page redraws after the store's change a moment later).
        expect(page.locator(".hb-case__title")).to_have_text("For the board")
        page.click("text=Copy as text")
        expect(page.locator(".hb-case__status")).to_contain_text("Copied")
        text = page.evaluate("() => navigator.clipboard.readText()")
        assert text.startswith("# For the board\n")
        assert "\n## What this evidence does not show\n" in text
        assert "\n## References\n" in text
        site_url = page.get_attribute("[data-hb-case-maker]", "data-hb-site-url")
        for number, ref in enumerate(refs, start=1):
            item = data["items"][ref]
            assert f"[{number}]" in text
            assert f"<{site_url}{item['url']}>" in text
        assert "CC BY 4.0" in text
        # The clipboard refused: the same text, selected in a box to copy by hand.
        page.evaluate("() => { navigator.clipboard.writeText = () => Promise.reject(new Error('denied')); }")
        page.click("text=Copy as text")
        box = page.locator(".hb-case__output textarea")
        expect(box).to_be_visible()
        assert box.input_value() == text
        assert page.evaluate("() => document.activeElement.tagName") == "TEXTAREA"
    finally:
        context.close()


def test_a_shared_link_reproduces_the_case_in_a_fresh_browser_and_asks_before_replacing(real_site, browser, tab):
    page = tab
    open_case(page, real_site.url(PAGE))
    refs = five_refs(case_data(page))
    set_case(page, refs, "For the board", {refs[2]: "Define it <b>before</b> the meeting."})
    page.locator(".hb-case__template label", has_text="Evidence summary").click()
    link = share_link(page)
    assert "#case=" in link
    expected = printed_document(page)
    assert "Define it <b>before</b> the meeting." in expected

    other = browser.new_context(viewport=DESKTOP)
    try:
        colleague = other.new_page()
        colleague.goto(real_site.url(PAGE))
        colleague.wait_for_selector(READY, state="attached")
        colleague.evaluate("ref => hbCase.set({title: 'Mine', items: [{ref, note: 'my own'}]})", refs[4])
        colleague.goto(link)
        colleague.wait_for_selector(READY, state="attached")
        notice = colleague.locator(".hb-case__notice")
        expect(notice).to_contain_text("A case shared with you")
        assert printed_document(colleague) == expected
        assert stored(colleague)["title"] == "Mine", "opening a link changes nothing of the reader's own case"
        notice.locator("text=Save as my case").click()
        expect(notice).to_contain_text("Your own case has 1 item")
        notice.locator("text=Keep my case as it is").click()
        assert stored(colleague)["items"] == [{"ref": refs[4], "note": "my own"}]
        colleague.goto(link)
        colleague.reload()
        colleague.wait_for_selector(READY, state="attached")
        colleague.locator(".hb-case__notice >> text=Save as my case").click()
        colleague.locator("text=Replace my case with this one").click()
        saved = stored(colleague)
        assert saved["title"] == "For the board"
        assert saved["template"] == "evidence-summary"
        assert [e["ref"] for e in saved["items"]] == refs
        assert saved["items"][2]["note"] == "Define it <b>before</b> the meeting."
        assert "#case=" not in colleague.url
        expect(colleague.locator(".hb-case__notice")).to_be_hidden()
    finally:
        other.close()


HOSTILE = {
    "not base64": "#case=%%%<script>alert(1)</script>",
    "not JSON": "#case=" + base64.urlsafe_b64encode(b"{not json").decode(),
    "not UTF-8": "#case=" + base64.urlsafe_b64encode(b"\xff\xfe\xfd").decode(),
    "huge": "#case=" + "A" * 200_000,
    "wrong shapes": fragment({"v": 1, "t": {"a": 1}, "m": ["x"], "i": [1, None, {"ref": "x"}, [], [5, 6]]}),
    "not an object": fragment([1, 2, 3]),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_link_is_refused_and_the_page_still_works(real_site, tab, name):
    page = tab
    open_case(page, real_site.url(PAGE))
    refs = five_refs(case_data(page))
    set_case(page, refs[:2], "Mine")
    page.goto(real_site.url(PAGE) + HOSTILE[name])
    page.wait_for_selector(READY, state="attached")
    notice = page.locator(".hb-case__notice")
    expect(notice).to_be_visible()
    if name == "wrong shapes":
        expect(notice).to_contain_text("A case shared with you")
        expect(notice).to_contain_text("5 items in the link are not in this handbook")
        assert shown_refs(page) == []
    else:
        expect(notice).to_contain_text("could not be read" if name != "huge" else "too long")
        assert shown_refs(page) == refs[:2], "the reader's own case is shown instead"
    assert stored(page)["title"] == "Mine"
    assert page.evaluate("() => window.__hacked === undefined")


def test_a_shared_link_s_unknown_items_are_left_out_and_its_notes_are_only_text(real_site, tab):
    page = tab
    open_case(page, real_site.url(PAGE))
    refs = five_refs(case_data(page))
    note = '<img src=x onerror="window.__hacked=1"><script>window.__hacked=2</script>'
    payload = {
        "v": 1,
        "t": "<b>Title</b>\n" + "x" * 500,
        "m": "<script>",
        "i": [[refs[0], note], "evidence:does-not-exist", ["term:" + "z" * 1000, "n"], refs[0], [refs[1], "y" * 5000]],
    }
    page.goto(real_site.url(PAGE) + fragment(payload))
    page.wait_for_selector(READY, state="attached")
    expect(page.locator(".hb-case__notice")).to_contain_text("2 items in the link are not in this handbook")
    assert shown_refs(page) == refs[:2], "a ref given twice is kept once"
    note_element = item_row(page, refs[0]).locator(".hb-case__note-text")
    expect(note_element).to_have_text(note)
    assert page.locator(".hb-case__document img, .hb-case__document script").count() == 0
    assert page.evaluate("() => window.__hacked === undefined")
    title = page.locator(".hb-case__title").inner_text()
    assert title.startswith("<b>Title</b> x") and len(title) == 200
    assert len(item_row(page, refs[1]).locator(".hb-case__note-text").inner_text()) == 2000
    expect(page.locator("#hb-case-template-brief")).to_be_checked()


def test_no_serious_accessibility_violation_with_five_items(real_site, tab):
    page = tab
    open_case(page, real_site.url(PAGE))
    set_case(page, five_refs(case_data(page)), "For the board", {})
    page.locator("[data-action=note]").first.fill("A note")
    share_link(page)
    item_row(page, shown_refs(page)[1]).locator("[data-action=remove]").click()  # the undo shown too
    found = run_axe(page)
    blocking = [v for v in found["violations"] if v["impact"] in BLOCKING]
    assert not blocking, describe(blocking)


def test_no_serious_accessibility_violation_on_a_phone_and_no_sideways_scrolling(real_site, browser):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        open_case(page, real_site.url(PAGE))
        set_case(page, five_refs(case_data(page)), "For the adult social care board, 12 March")
        share_link(page)
        found = run_axe(page)
        blocking = [v for v in found["violations"] if v["impact"] in BLOCKING]
        assert not blocking, describe(blocking)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()


def test_nothing_is_asked_of_any_other_site(real_site, browser):
    context = browser.new_context(viewport=DESKTOP)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    try:
        page = context.new_page()
        open_case(page, real_site.url(PAGE))
        set_case(page, five_refs(case_data(page)), "For the board")
        link = share_link(page)
        page.goto(link)
        page.reload(wait_until="networkidle")
        page.click("text=Copy as text")
    finally:
        context.close()
    assert len(requests) > 3
    others = elsewhere(requests, real_site.origin)
    assert not others, f"the case maker asked other sites for: {others}"


def test_without_the_store_script_a_shared_case_still_opens_and_says_it_is_not_kept(real_site, browser):
    context = browser.new_context(viewport=DESKTOP)
    context.route("**/hb-case-store.js", lambda route: route.abort())
    errors: list = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(error))
        open_case(page, real_site.url(PAGE))
        refs = five_refs(case_data(page))
        page.goto(real_site.url(PAGE) + fragment({"v": 1, "t": "Shared", "i": [refs[0], [refs[1], "a note"]]}))
        page.wait_for_selector(READY, state="attached")
        assert page.evaluate("() => typeof window.hbCase") == "undefined"
        assert shown_refs(page) == refs[:2]
        page.locator(".hb-case__notice >> text=Save as my case").click()
        expect(page.locator(".hb-case__storage")).to_contain_text("lasts only while this page is open")
        assert shown_refs(page) == refs[:2]
        item_row(page, refs[1]).locator("[data-action=up]").click()
        assert shown_refs(page) == [refs[1], refs[0]]
    finally:
        context.close()
    assert not errors, errors


def test_the_case_maker_works_from_the_offline_copy(offline_copy, browser):
    page_file = offline_copy / "case-maker" / "index.html"
    assert page_file.is_file()
    requests: list[str] = []
    errors: list = []
    contexts = [browser.new_context(viewport=DESKTOP), browser.new_context(viewport=DESKTOP)]
    for context in contexts:
        context.on("request", lambda request: requests.append(request.url))
    try:
        page = contexts[0].new_page()
        page.on("pageerror", lambda error: errors.append(error))
        open_case(page, page_file.as_uri())
        data = case_data(page)
        refs = five_refs(data)
        set_case(page, refs, "Offline", {refs[1]: "from disk"})
        item_row(page, refs[0]).locator("[data-action=down]").click()
        refs = [refs[1], refs[0], *refs[2:]]
        page.reload()
        page.wait_for_selector(READY, state="attached")
        assert shown_refs(page) == refs, "kept over a reload from file://"
        shard_scripts = page.eval_on_selector_all("script[src*='data/']", "s => s.map(e => e.getAttribute('src'))")
        count = shard_count(page)
        assert sorted(shard_scripts) == sorted({f"data/{shard_of(ref, count)}.js" for ref in refs})
        # The items' links lead to the offline copy's files.
        for ref in refs:
            href = item_row(page, ref).locator(".hb-case__item-title a").get_attribute("href")
            target = (page_file.parent / href.split("#")[0]).resolve()
            assert target.is_file(), f"{ref}: {href} is not a file of the offline copy"
        link = share_link(page)
        assert link.startswith(page_file.as_uri() + "#case=")
        fresh = contexts[1].new_page()
        fresh.on("pageerror", lambda error: errors.append(error))
        open_case(fresh, link)
        expect(fresh.locator(".hb-case__notice")).to_contain_text("A case shared with you")
        assert shown_refs(fresh) == refs
        expect(item_row(fresh, refs[0]).locator(".hb-case__note-text")).to_have_text("from disk")
        fresh.emulate_media(media="print")
        expect(fresh.locator(".hb-case__references")).to_be_visible()
    finally:
        for context in contexts:
            context.close()
    assert not errors, errors
    outside = [url for url in requests if not url.startswith(("file://", "data:", "blob:"))]
    assert not outside, f"the offline case maker asked the network for: {outside}"


# References a hash could get wrong: Welsh letters (ŵ, ŷ as one code point and as a base
# and a combining mark), an emoji outside the BMP, a joined emoji, a right-to-left script.
TRICKY_REFS = [
    "section:handbooks/cymraeg/perthnasoedd/#ŵyr-a-ŷd",
    "section:handbooks/cymraeg/perthnasoedd/#w\u0302yr-a-y\u0302d",
    "story:llanfair-pwllgwyngyll-ŵŷâêîôû",
    "term:🙂-teatime",
    "story:👩\u200d👩\u200d👧-family",
    "term:علاقات",
    "evidence:",
    "",
]


def test_the_page_and_the_build_give_a_reference_the_same_shard(real_site, tab):
    page = tab
    open_case(page, real_site.url(PAGE))
    count = shard_count(page)
    refs = [*TRICKY_REFS, *sorted(case_data(page)["items"])]
    hashes, shards = page.evaluate("refs => [refs.map(hbCaseData.hash), refs.map(hbCaseData.shardOf)]", refs)
    assert hashes == [fnv1a32(ref) for ref in refs]
    assert shards == [shard_of(ref, count) for ref in refs]
    assert len(set(hashes[:2])) == 2  # one code point and a base with a mark are different bytes


def test_only_the_shards_of_the_case_are_loaded_and_one_added_later_is_loaded_then(real_site, tab):
    page = tab
    loaded: list[str] = []
    page.on("request", lambda request: loaded.append(request.url) if SHARDS in request.url else None)
    open_case(page, real_site.url(PAGE))
    assert loaded == []  # an empty case asks for no item
    items = case_data(page)["items"]
    count = shard_count(page)
    assert count > 1  # so that this test can tell one shard from all
    by_shard: dict[int, str] = {}
    for ref in sorted(items):
        by_shard.setdefault(shard_of(ref, count), ref)
    first, later = list(by_shard.values())[:2]
    set_case(page, [first])
    expect(item_row(page, first).locator(".hb-case__item-title")).to_contain_text(items[first]["title"])
    assert [url.rsplit("/", 1)[1] for url in loaded] == [f"{shard_of(first, count)}.js"]
    page.evaluate("ref => hbCase.add(ref)", later)  # as from another tab: its shard is loaded then
    expect(item_row(page, later).locator(".hb-case__item-title")).to_contain_text(items[later]["title"])
    assert shown_refs(page) == [first, later]
    assert len(loaded) == 2


def test_a_shard_that_fails_to_load_leaves_its_items_shown_as_not_loaded(real_site, browser):
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        open_case(page, real_site.url(PAGE))
        items = case_data(page)["items"]
        count = shard_count(page)
        refs = sorted(items)
        broken = shard_of(refs[0], count)
        fine = next(ref for ref in refs if shard_of(ref, count) != broken)
        context.route(f"**{SHARDS}{broken}.js", lambda route: route.abort())
        link = real_site.url(PAGE) + fragment({"v": 1, "i": [refs[0], fine]})
        fresh = context.new_page()
        fresh.goto(link)
        fresh.wait_for_selector(DRAWN, state="attached", timeout=5000)  # not the 15 s the page waits at most
        expect(item_row(fresh, fine).locator(".hb-case__item-title")).to_contain_text(items[fine]["title"])
        unloaded = fresh.locator("#hb-case-unloaded")
        expect(unloaded).to_have_text("Not loaded")
        expect(item_row(fresh, refs[0])).to_contain_text(refs[0])
        assert fresh.locator("#hb-case-gone").count() == 0  # not said to be gone from the handbook
    finally:
        context.close()

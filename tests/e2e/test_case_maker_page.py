"""End-to-end: /case-maker/ ("My case") in a strict build: the page embeds what the items share
(equal to the exported case-maker/items.json's) and the number of shards; the shard files
case-maker/data/<n>.js hold exactly the items of items.json; every item's address is a page of the
site (a section's heading id is an h2 of its chapter), and every "Add to my case" button on
the site names an item of the data, and every item has its button."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest

from tests.support import BuildResult

# Headings whose ids a simple reading could get wrong: repeated, with references, with an
# id of their own, inside a note; a line that is code, not a heading.
TRICKY_SECTIONS = """
## Measuring

Again, with [[term:co-production]] and a citation [@holt-lunstad-2010, p. 4].

## About [[term:loneliness]]

First paragraph after a heading with a link.

## Cited [@russell-1996]

Cited heading.

## Named {#chosen-id}

```
## Not a heading
```

!!! note
    ## Inside a note

    In the note.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory, make_project, git_commit, build) -> BuildResult:
    root = make_project(tmp_path_factory.mktemp("case-maker"), git=False)
    chapter = root / "handbooks/starter/going-further.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + TRICKY_SECTIONS, encoding="utf-8")
    git_commit(root, "Sample with tricky sections")
    result = build(root, "--strict")
    assert result.returncode == 0, result.log
    return result


@pytest.fixture(scope="module")
def data(built) -> dict:
    return json.loads((built.site / "case-maker/items.json").read_text(encoding="utf-8"))


def parse(path: Path):
    return lxml.html.fromstring(path.read_bytes())


def test_the_page_embeds_the_exported_data(built, data):
    page = parse(built.site / "case-maker/index.html")
    [script] = page.xpath("//script[@id='hb-case-data']")
    assert script.get("type") == "application/json"
    embedded = json.loads(script.text)
    assert embedded == {
        **{key: value for key, value in data.items() if key not in ("items", "chapters")},
        "shards": embedded["shards"],
    }
    assert page.xpath("//*[@data-hb-case-maker]/@data-hb-case-shards") == ["data/"]
    assert page.xpath("//article//h1")[0].text_content().strip() == "My case"
    assert page.xpath("//*[@data-hb-case-maker]") and page.xpath("//*[@data-hb-case-nojs]")
    [own_script] = [s.get("src") for s in page.xpath("//script[@src]") if "hb-case-maker" in s.get("src")]
    assert (built.site / "case-maker" / own_script).resolve().is_file()
    assert page.xpath("//a[@href='items.json']")


def test_the_shards_hold_the_exported_items(built, data):
    shards = sorted((built.site / "case-maker/data").iterdir())
    count = json.loads(parse(built.site / "case-maker/index.html").xpath("//script[@id='hb-case-data']")[0].text)[
        "shards"
    ]
    assert [path.name for path in shards] == sorted(f"{number}.js" for number in range(count))
    items: dict = {}
    chapters: dict = {}
    for path in shards:
        text = path.read_text(encoding="utf-8")
        payload = json.loads(text.removeprefix("window.hbCaseData.add(").removesuffix(");\n"))
        items.update(payload["items"])
        chapters.update(payload.get("chapters", {}))
    assert items == data["items"]
    assert chapters == {
        entry["chapter"]: data["chapters"][entry["chapter"]] for entry in items.values() if "chapter" in entry
    }


def test_the_navigation_has_my_case(built):
    page = parse(built.site / "index.html")
    links = page.xpath("//nav[contains(@class, 'md-nav--primary')]//a[contains(., 'My case')]/@href")
    assert links and links[0].rstrip("/").endswith("case-maker")


def test_every_item_is_a_page_and_every_section_an_h2_of_its_chapter(built, data):
    items = data["items"]
    assert {entry["kind"] for entry in items.values()} == {"evidence", "story", "term", "convening", "section"}
    for ref, entry in items.items():
        path, _, fragment = entry["url"].partition("#")
        assert (built.site / path / "index.html").is_file(), ref
        if entry["kind"] == "section":
            assert ref == f"section:{entry['url']}" and entry["chapter"] == path
            assert parse(built.site / path / "index.html").xpath(f"//article//h2[@id='{fragment}']"), ref
    chapters = {entry["chapter"] for entry in items.values() if entry["kind"] == "section"}
    for chapter in chapters:
        h2_ids = parse(built.site / chapter / "index.html").xpath("//article//h2/@id")
        in_body = [i for i in h2_ids if f"section:{chapter}#{i}" in items]
        assert in_body, chapter
    further = "handbooks/starter/going-further/"
    assert [r for r in items if r.startswith(f"section:{further}")] == [
        f"section:{further}#{heading}"
        for heading in sorted(["measuring", "measuring_1", "about", "cited", "chosen-id", "inside-a-note"])
    ]
    assert items[f"section:{further}#measuring_1"]["summary"] == (
        "Again, with Co-production and a citation (Holt-Lunstad et al. 2010, p. 4)."
    )


def test_every_button_names_an_item_and_every_item_has_a_button(built, data):
    buttons: set[str] = set()
    for page in built.site.rglob("index.html"):
        buttons.update(parse(page).xpath("//button[contains(@class, 'hb-case-add')]/@data-case-ref"))
    assert buttons  # the item pages and chapters have theirs
    assert buttons <= set(data["items"]), sorted(buttons - set(data["items"]))
    assert set(data["items"]) <= buttons, sorted(set(data["items"]) - buttons)

"""The site in Welsh beside English, end to end: the sample with a few Welsh translations
(one up to date and machine-assisted, one reviewed, one whose English changed after it
was made, a plain page that hides its table of contents) built with ``languages: [cy]``.

Every Welsh page says it is Welsh, names its English page and is named by it, and its
switcher leads there and back; an untranslated page shows the English, marked as English,
with a Welsh notice; an outdated translation says so with the date and the difference;
and no English interface string is left on a Welsh page (the scan against the catalogue).
"""

from __future__ import annotations

import json
import posixpath
import subprocess
from pathlib import Path

import pytest
from lxml import html as lxml_html

from handbook.languages.catalogue import messages_for
from handbook.languages.extract import extract_messages
from tests.support import REPO, BuildResult

SITE_URL = "https://relationships-project.github.io/handbooks/"
REPO_URL = "https://github.com/relationships-project/handbooks"
# Elements whose text is not interface text: code as written, scripts and styles.
NOT_TEXT = {"code", "pre", "kbd", "samp", "script", "style", "template"}
ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")


def _commit_of(root: Path, path: str) -> str:
    out = subprocess.run(["git", "log", "-1", "--format=%H", "--", path], cwd=root, capture_output=True, text=True)
    return out.stdout.strip()


def _write(root: Path, path: str, text: str) -> None:
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / path).write_text(text, encoding="utf-8")


def _add_translations(root: Path) -> None:
    loneliness = _commit_of(root, "glossary/loneliness.md")
    co_production = _commit_of(root, "glossary/co-production.md")
    handbook = _commit_of(root, "handbooks/starter/index.md")
    about = _commit_of(root, "docs/about/index.md")
    _write(
        root,
        "glossary/loneliness.cy.md",
        f"""---
translation:
  source_commit: {loneliness}
  machine_assisted: true
title: Unigrwydd
working_definition: Y bwlch poenus rhwng y perthnasoedd sydd gennym a'r rhai rydym eu heisiau.
---
Mae unigrwydd yn deimlad, nid yn gyflwr: gall rhywun fod yn unig mewn tŷ llawn.
""",
    )
    _write(
        root,
        "glossary/co-production.cy.md",
        f"""---
translation:
  source_commit: {co_production}
  machine_assisted: true
title: Cydgynhyrchu
working_definition: Cynllunio a darparu gwasanaethau ar y cyd â'r bobl sy'n eu defnyddio, fel cydradd.
---
Mae cydgynhyrchu yn rhannu grym.
""",
    )
    _write(
        root,
        "handbooks/starter/index.cy.md",
        f"""---
translation:
  source_commit: {handbook}
  machine_assisted: true
  review:
    by: Siân Prydderch
    date: 2026-01-10
    record: {REPO_URL}/pull/12
title: Llawlyfr cychwynnol
summary: Llawlyfr bach y mae'r profion yn ei ddefnyddio.
---
Mae'r llawlyfr hwn yn bodoli i roi prawf ar bob math o gyfeiriad.
""",
    )
    _write(
        root,
        "docs/about/index.cy.md",
        f"""---
translation:
  source_commit: {about}
  machine_assisted: false
  translated_by: Gwyn Jones
title: Ynghylch y llawlyfrau
---
# Ynghylch y llawlyfrau

Tudalen Gymraeg am y llawlyfrau.
""",
    )


@pytest.fixture(scope="module")
def welsh(tmp_path_factory, make_project, git_commit, build) -> BuildResult:
    root = make_project(tmp_path_factory.mktemp("welsh-site"), git=False)
    assert "    languages: [cy]\n" in (root / "mkdocs.yml").read_text(encoding="utf-8"), "the real site builds Welsh"
    about = root / "docs" / "about" / "index.md"
    about_text = about.read_text(encoding="utf-8")
    assert not about_text.startswith("---\n"), "the sample's about page has front matter: update this test"
    about.write_text("---\nhide: [toc]\n---\n" + about_text, encoding="utf-8")
    git_commit(root, "Sample content")
    _add_translations(root)
    git_commit(root, "Welsh translations")
    # The English changes after its translation was made: the translation is now out of date.
    term = root / "glossary" / "co-production.md"
    term.write_text(term.read_text(encoding="utf-8") + "\nA sentence added after the translation.\n", encoding="utf-8")
    git_commit(root, "Co-production: one more sentence")
    quick = {"HANDBOOK_PDF": "0", "HANDBOOK_OFFLINE_COPY": "0"}  # the Welsh PDFs: tests/e2e/test_welsh_outputs.py
    result = build(root, "--strict", env=quick)
    assert result.returncode == 0, result.log
    assert (result.site / "cy" / "index.html").is_file(), "the English build makes the Welsh site in cy/"
    return result


def _tree(path: Path):
    return lxml_html.fromstring(path.read_bytes())


def _pages(site: Path, welsh: bool) -> dict[str, Path]:
    """Every page of one language by its address ('' for the home page), 404 pages left out."""
    root = site / "cy" if welsh else site
    pages = {}
    for path in root.rglob("index.html"):
        relative = path.parent.relative_to(root).as_posix()
        if not welsh and (relative == "cy" or relative.startswith("cy/")):
            continue
        pages["" if relative == "." else relative + "/"] = path
    return pages


def _page(site: Path, address: str, welsh: bool = True) -> object:
    return _tree((site / "cy" if welsh else site) / address / "index.html")


def _alternates(tree) -> dict[str, str]:
    return {link.get("hreflang"): link.get("href") for link in tree.xpath("//head/link[@rel='alternate'][@hreflang]")}


def _switcher(tree):
    found = tree.xpath("//nav[contains(@class, 'hb-language-switcher')]")
    assert len(found) == 1
    return found[0]


def _notices(tree) -> dict[str, str]:
    return {
        n.get("data-hb-notice"): " ".join(n.text_content().split())
        for n in tree.xpath("//div[contains(@class, 'hb-translation-notice')]")
    }


def test_every_welsh_page_is_welsh_and_names_both_languages(welsh):
    english, cymraeg = _pages(welsh.site, welsh=False), _pages(welsh.site, welsh=True)
    assert len(cymraeg) > 20
    assert set(english) == set(cymraeg), "every English page has its Welsh page at the same address"
    for address, path in cymraeg.items():
        tree = _tree(path)
        assert tree.get("lang") == "cy", address
        assert _alternates(tree) == {
            "en": SITE_URL + address,
            "cy": SITE_URL + "cy/" + address,
            "x-default": SITE_URL + address,
        }, address
    for address, path in english.items():
        tree = _tree(path)
        assert tree.get("lang") == "en", address
        assert _alternates(tree)["cy"] == SITE_URL + "cy/" + address, address


def test_switchers_lead_to_the_same_page_and_back(welsh):
    for welsh_side in (True, False):
        for address, path in _pages(welsh.site, welsh=welsh_side).items():
            nav = _switcher(_tree(path))
            assert nav.get("aria-label"), address
            current = nav.xpath(".//*[@aria-current]")
            assert [c.get("lang") for c in current] == ["cy" if welsh_side else "en"], address
            links = nav.xpath(".//a[@href]")
            other_language = "en" if welsh_side else "cy"
            assert [(a.get("hreflang"), a.get("lang")) for a in links] == [(other_language, other_language)], address
            here = posixpath.join("cy" if welsh_side else "", address)
            target = posixpath.normpath(posixpath.join(here, links[0].get("href")))
            other = address if welsh_side else "cy/" + address
            assert target == (other.rstrip("/") or "."), (address, links[0].get("href"))
            assert (welsh.site / target / "index.html").is_file(), address


def test_english_pages_say_which_have_no_welsh_yet(welsh):
    translated = _switcher(_page(welsh.site, "glossary/loneliness/", welsh=False))
    assert " ".join(translated.xpath(".//a")[0].text_content().split()) == "Cymraeg"
    untranslated = _switcher(_page(welsh.site, "handbooks/starter/first-steps/", welsh=False))
    assert " ".join(untranslated.xpath(".//a")[0].text_content().split()) == "Cymraeg: heb ei chyfieithu eto"
    assert _notices(_page(welsh.site, "handbooks/starter/first-steps/", welsh=False)) == {}


def test_untranslated_page_shows_the_english_marked_as_english_with_a_welsh_notice(welsh):
    tree = _page(welsh.site, "handbooks/starter/first-steps/")
    notices = _notices(tree)
    assert list(notices) == ["untranslated"]
    assert notices["untranslated"].startswith("Nid yw’r dudalen hon wedi’i chyfieithu i’r Gymraeg eto")
    # The chapter's Markdown has no h1: its English title is the page's, marked as English.
    h1 = tree.xpath("//article//h1")
    assert [" ".join(h.text_content().split()) for h in h1] == ["First steps"]
    assert h1[0].xpath("ancestor-or-self::*[@lang][1]/@lang") == ["en"]
    assert tree.xpath("//header//*[@lang='en']/text()") == ["First steps"]
    body = tree.xpath("//article//h2[starts-with(normalize-space(), 'Why it matters')]")
    assert body and body[0].xpath("ancestor-or-self::*[@lang][1]/@lang") == ["en"]
    # Its table of contents: the chapter's own headings in English, the sections the engine adds in Welsh.
    toc = tree.xpath("//nav[contains(@class, 'md-nav--secondary')]//a[@class='md-nav__link']")
    langs = {" ".join(a.text_content().split()): a.xpath(".//*[@lang]/@lang") for a in toc}
    assert langs["Why it matters"] == ["en"], langs
    added = [title for title, lang in langs.items() if not lang]
    assert added and "References" not in added, langs


def test_translated_pages_show_the_welsh_and_what_is_true_of_the_translation(welsh):
    term = _page(welsh.site, "glossary/loneliness/")
    article = " ".join(term.xpath("//article")[0].text_content().split())
    assert "gall rhywun fod yn unig mewn tŷ llawn" in article
    assert list(_notices(term)) == ["unreviewed"]
    assert "siaradwr Cymraeg" in _notices(term)["unreviewed"]
    assert not term.xpath("//article//div[@lang='en']")

    handbook = _page(welsh.site, "handbooks/starter/")
    notices = _notices(handbook)
    assert list(notices) == ["reviewed"]
    assert "Siân Prydderch" in notices["reviewed"] and "10 Ionawr 2026" in notices["reviewed"]
    assert handbook.xpath("//div[@data-hb-notice='reviewed']//a/@href") == [f"{REPO_URL}/pull/12"]


def test_outdated_translation_says_when_the_english_changed_and_links_the_difference(welsh):
    tree = _page(welsh.site, "glossary/co-production/")
    notices = _notices(tree)
    assert set(notices) == {"outdated", "unreviewed"}
    assert notices["outdated"].startswith("Efallai fod y cyfieithiad hwn wedi dyddio: newidiodd y Saesneg ar")
    assert "15 Ionawr 2026" in notices["outdated"]  # the English change's date (the tests' commits: 2026-01-15)
    links = tree.xpath("//div[@data-hb-notice='outdated']//a/@href")
    assert len(links) == 1 and links[0].startswith(f"{REPO_URL}/compare/"), links
    assert "outdated" not in _notices(_page(welsh.site, "glossary/loneliness/"))


def test_translated_plain_page_keeps_its_front_matter(welsh):
    tree = _page(welsh.site, "about/")
    assert "Tudalen Gymraeg am y llawlyfrau." in tree.xpath("//article")[0].text_content()
    toc = tree.xpath("//div[@data-md-type='toc']")
    assert toc and toc[0].get("hidden") is not None, "hide: [toc] from the English file's front matter"


def test_translation_files_are_not_pages_and_welsh_search_has_its_own_index(welsh):
    site = welsh.site
    assert not list(site.rglob("*.cy")) and not list(site.rglob("*.cy.md")) and not list(site.rglob("*.cy.yml"))
    assert not (site / "glossary" / "loneliness.cy").exists()
    index = json.loads((site / "cy" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any("Unigrwydd" in doc["title"] for doc in index["docs"])
    assert index["config"].get("pipeline") == []
    assert (site / "cy" / "sitemap.xml").is_file()


def test_a_broken_welsh_catalogue_stops_the_build_with_its_problems(tmp_path, make_project, build):
    root = make_project(tmp_path / "project")
    broken = root / "hooks" / "handbook" / "languages" / "messages" / "cy" / "zz-broken.po"
    broken.write_text(
        'msgid ""\nmsgstr ""\n"Language: cy\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n',
        encoding="utf-8",
    )
    result = build(root, env={"HANDBOOK_PDF": "0", "HANDBOOK_OFFLINE_COPY": "0", "HANDBOOK_LANGUAGES": "cy"})
    assert result.returncode != 0
    assert "zz-broken.po" in result.log and "message catalogue" in result.log, result.log
    assert "Traceback" not in result.log, result.log


# -- the scan: no English interface string on a Welsh page --------------------------------------
def interface_strings() -> dict[str, str]:
    """English msgids (normalised whitespace, no parameters) with a different Welsh translation."""
    welsh_messages = messages_for("cy")
    found = {}
    for message in extract_messages(REPO):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for msgid in ids:
            if "%(" in msgid:
                continue
            english = " ".join(msgid.split())
            if english and welsh_messages.gettext(msgid) != msgid:
                found[english] = msgid
    return found


def _names_a_heading(element) -> bool:
    """A nested list of Material's table of contents, named (aria-label) by its heading's
    text: a heading of the page's content, which an untranslated page has in English."""
    return (
        element.tag == "nav"
        and "md-nav" in (element.get("class") or "").split()
        and bool(element.xpath("ancestor::nav[contains(concat(' ', @class, ' '), ' md-nav--secondary ')]"))
    )


def english_interface_text(tree, strings: dict[str, str]) -> list[str]:
    """The texts and attributes of a page, outside English parts and code, that are English msgids."""
    found: list[str] = []

    def check(text: str | None, where: str) -> None:
        if text and " ".join(text.split()) in strings:
            found.append(f"{where}: {' '.join(text.split())!r}")

    def walk(element, english: bool) -> None:
        if not isinstance(element.tag, str) or element.tag in NOT_TEXT:
            return
        lang = element.get("lang")
        here = english if lang is None else lang.lower().startswith("en")
        if not here:
            for name in ATTRIBUTES:
                if name == "aria-label" and _names_a_heading(element):
                    continue  # the page's own heading, copied by Material: content, not interface
                check(element.get(name), f"<{element.tag} {name}>")
            check(element.text, f"<{element.tag}>")
        for child in element:
            walk(child, here)
            if not here:
                check(child.tail, f"<{element.tag}>")

    walk(tree, False)
    return found


def test_no_english_interface_string_on_a_welsh_page(welsh):
    strings = interface_strings()
    assert "Suggest a correction" in strings, "the catalogue or its extraction changed: update this test"
    found = {}
    for address, path in sorted(_pages(welsh.site, welsh=True).items()):
        left = english_interface_text(_tree(path), strings)
        if left:
            found[address or "(home)"] = left
    report = "\n".join(f"cy/{address}: {', '.join(sorted(set(texts)))}" for address, texts in found.items())
    assert not found, f"English interface strings on {len(found)} Welsh pages:\n{report}"


def test_the_scan_finds_english_outside_english_parts():
    strings = {"Glossary": "Glossary", "Suggest a correction": "Suggest a correction"}
    tree = lxml_html.fromstring(
        """<html lang="cy"><body>
        <p>Glossary</p>
        <div lang="en"><p>Glossary</p><a title="Suggest a correction">x</a></div>
        <code>Glossary</code>
        <a aria-label="Suggest  a correction">y</a>
        <span lang="en">Glossary</span> Glossary
        </body></html>"""
    )
    assert english_interface_text(tree, strings) == [
        "<p>: 'Glossary'",
        "<a aria-label>: 'Suggest a correction'",
        "<body>: 'Glossary'",
    ]

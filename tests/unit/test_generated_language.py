"""The generated pages, the "What's changed" feed and the exports in Welsh.

Every interface string of the generated pages (their templates and the Python that makes
their titles, labels and sentences) has a Welsh translation in ``messages/cy/generated.po``;
rendered with the Welsh messages, no English string of theirs is left on the page; the
English stays what it was; and the exports keep their field names in both languages.
"""

from __future__ import annotations

import csv
import dataclasses
import gettext
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from lxml import html as lxml_html

from handbook.content import kinds
from handbook.content.corpus import load_corpus
from handbook.content.git_history import Change, GitHistory, Revision
from handbook.content.model import Convening, Evidence, Organisation, Term
from handbook.languages.catalogue import Messages
from handbook.linking.urls import url_for
from handbook.pages import exports
from handbook.pages.changes import CHANGES_TITLE, atom_feed, changes_page, recent_changes
from handbook.pages.explorer import explorer_facets
from handbook.pages.gathering import (
    alphabet,
    by_theme,
    by_title,
    glossary_by_letter,
    letter_of,
    organisations_by_type,
    stories_by_nation,
)
from handbook.pages.generated import generated_pages
from handbook.pages.render import ENGINE_TEMPLATES, Renderer
from tests.support import REPO, SAMPLE

HOOKS = REPO / "hooks" / "handbook"
CATALOGUE = HOOKS / "languages" / "messages" / "cy" / "generated.po"
# The generated pages of this area (the map, network, case maker and forms are another's).
OTHER_AREAS = {"map.html", "network.html", "case_maker.html", "suggest.html"}
TEMPLATES = sorted(p for p in (ENGINE_TEMPLATES / "generated").glob("*.html") if p.name not in OTHER_AREAS)
PYTHON = [
    HOOKS / "pages" / name for name in ("generated.py", "changes.py", "explorer.py", "gathering.py", "exports.py")
] + [HOOKS / "content" / "kinds.py"]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def extracted() -> dict[str | tuple[str, str], str]:
    """Every msgid of the area (a plural one as a pair), with the file it comes from."""
    found: dict[str | tuple[str, str], str] = {}
    jinja = {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}
    for path in TEMPLATES:
        for _line, msgid, _comments, _context in extract_from_file(
            "jinja2.ext.babel_extract", str(path), keywords=KEYWORDS, options=jinja
        ):
            found.setdefault(msgid, path.name)
    for path in PYTHON:
        for _line, msgid, _comments, _context in extract_from_file("python", str(path), keywords=KEYWORDS):
            found.setdefault(msgid, path.name)
    return found


def welsh_messages() -> Messages:
    """The Welsh of this area alone, as a build compiles it (strings of other areas stay English)."""
    with CATALOGUE.open("rb") as stream:
        catalog = read_po(stream, locale="cy")
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Messages("cy", gettext.GNUTranslations(buffer))


WELSH = welsh_messages()
ENGLISH = Messages()


@pytest.fixture(scope="module")
def corpus():
    result = load_corpus(SAMPLE)
    assert not result.problems
    return result.corpus


def history(*changes: tuple[str, str, str]) -> GitHistory:
    made = [
        Change(path, status, Revision(f"2026-01-{20 - n:02d}", f"{n:040x}", subject), f"2026-01-{20 - n:02d}T10:00:00Z")
        for n, (path, status, subject) in enumerate(changes)
    ]
    return GitHistory(SAMPLE, {}, changes=made)


CHANGES = history(
    ("glossary/co-production.md", "M", "Glossary: sharpen co-production"),
    ("docs/stories/gone-story.md", "D", "Stories: remove one"),
)


def rendered(corpus, messages: Messages) -> dict[str, str]:
    """The text of each generated page of the area, rendered in the language of ``messages``."""
    renderer = Renderer(SAMPLE, {"vocab": corpus.vocabularies, "corpus": corpus}, False, messages=messages)

    def href(target, fragment: str = "") -> str:
        url = target if isinstance(target, str) else url_for(target.kind, target.id)
        return "/" + url + (f"#{fragment}" if fragment else "")

    helpers = {"href": href, "get": corpus.get, "page_url": "x/", "is_draft": lambda item: False}
    pages = [*generated_pages(corpus, messages), changes_page(corpus, CHANGES, messages)]
    texts = {}
    for page in pages:
        if page.template.split("/")[-1] in OTHER_AREAS:
            continue
        texts[page.src_uri] = renderer.render(page.template, page=page, body="", **page.context, **helpers)
    return texts


def text_of(html: str) -> str:
    """The page's visible text and its labels for assistive technology, in one string."""
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    labels = [value for element in root.iter() for name, value in element.attrib.items() if name.startswith("aria-")]
    return " ".join([root.text_content(), *labels, *root.xpath("//@placeholder"), *root.xpath("//@data-hb-count-text")])


def fragments(msgid: str) -> list[str]:
    """The words of an English string between its parameters and tags: what a page shows of it."""
    return [" ".join(part.split()) for part in re.split(r"%\(\w+\)[sd]|<[^>]+>", msgid) if len(part.split()) >= 2]


# -- the catalogue ------------------------------------------------------------------------------


def test_every_string_of_the_generated_pages_has_its_welsh():
    """In generated.po, or (a string shared with another area, such as "UK-wide") in that area's file."""
    with CATALOGUE.open("rb") as stream:
        catalog = read_po(stream, locale="cy")
    assert catalog.num_plurals == 6
    shared = {}
    for path in sorted(CATALOGUE.parent.glob("*.po")):
        with path.open("rb") as stream:
            shared.update({m.id if isinstance(m.id, str) else m.id[0]: m for m in read_po(stream, locale="cy") if m.id})
    found = extracted()
    assert len(found) > 100  # the extraction sees the templates and the N_-marked data
    missing = []
    for msgid, where in found.items():
        key = msgid if isinstance(msgid, str) else msgid[0]
        message = catalog.get(key) or shared.get(key)
        strings = [] if message is None else [message.string] if isinstance(message.string, str) else message.string
        plural = not isinstance(msgid, str)
        if message is None or not all(strings) or (plural and len(strings) != 6):
            missing.append((where, msgid))
    assert missing == []


def test_the_catalogue_has_no_string_the_area_no_longer_uses():
    with CATALOGUE.open("rb") as stream:
        catalog = read_po(stream, locale="cy")
    used = {msgid if isinstance(msgid, str) else msgid[0] for msgid in extracted()}
    assert sorted({m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id} - used) == []


# -- Welsh pages ---------------------------------------------------------------------------------


def test_welsh_generated_pages_keep_no_english_interface_string(corpus):
    pages = {uri: text_of(html) for uri, html in rendered(corpus, WELSH).items()}
    english = {uri: text_of(html) for uri, html in rendered(corpus, ENGLISH).items()}
    left = []
    for msgid in extracted():
        singular = msgid if isinstance(msgid, str) else msgid[0]
        for fragment in fragments(singular):
            shown_in_english = [uri for uri, text in english.items() if fragment in " ".join(text.split())]
            left += [(uri, fragment) for uri in shown_in_english if fragment in " ".join(pages[uri].split())]
    assert left == []
    # and the check has something to find: the English pages show these strings
    assert "Filter the evidence" in english["evidence/index.md"]
    assert "Hidlo’r dystiolaeth" in pages["evidence/index.md"]


def test_welsh_pages_say_their_sentences_in_welsh(corpus):
    pages = {uri: text_of(html) for uri, html in rendered(corpus, WELSH).items()}
    assert "A i Z" in pages["glossary/index.md"] and "Termau yn ôl y llythyren gyntaf" in pages["glossary/index.md"]
    assert "Ailddefnyddiwch yr eirfa: glossary.json (pob term" in pages["glossary/index.md"]
    evidence = pages["evidence/index.md"]
    total = len(list(corpus.records(Evidence)))
    assert f"Yn dangos {{shown}} o {total} eitem." in evidence  # the script fills in {shown}
    assert "Lawrlwythwch y sylfaen dystiolaeth: JSON, CSV, RIS (mae RIS yn agor mewn rheolwyr cyfeiriadau)." in evidence
    assert "Unrhyw un" in evidence and "neu gryfach" in evidence
    assert "Pob canlyniad" in pages["evidence/gap-map.md"] and "Pob thema" in pages["evidence/gap-map.md"]
    assert "Y raddfa hyder" in pages["evidence/confidence-scale.md"]
    assert "Beth sydd wedi newid" not in pages["changes/index.md"]  # the title is the page's, not the template's
    assert "(newidiwyd)" in pages["changes/index.md"] and "(tynnwyd)" in pages["changes/index.md"]


def test_a_welsh_changes_page_marks_the_commit_subjects_english(corpus):
    html = rendered(corpus, WELSH)["changes/index.md"]
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    subjects = root.xpath("//span[@class='hb-change-summary']")
    assert [(s.text, s.get("lang")) for s in subjects] == [
        ("Glossary: sharpen co-production", "en"),
        ("Stories: remove one", "en"),
    ]
    english = lxml_html.fragment_fromstring(rendered(corpus, ENGLISH)["changes/index.md"], create_parent="div")
    assert [s.get("lang") for s in english.xpath("//span[@class='hb-change-summary']")] == [None, None]


def test_theme_hubs_translate_their_section_headings(corpus):
    pages = rendered(corpus, WELSH)
    hubs = {uri: html for uri, html in pages.items() if uri.startswith("themes/") and uri != "themes/index.md"}
    headings = set()
    for html in hubs.values():
        root = lxml_html.fragment_fromstring(html, create_parent="div")
        headings |= {" ".join(h.text_content().split()).rsplit(" (", 1)[0] for h in root.xpath("//h2")}
    assert headings, "the sample files items under themes"
    assert headings <= {WELSH.gettext(kind.plural) for kind in kinds.KINDS} | {"Pwy sy’n gweithio ar hyn"}
    assert "Termau’r eirfa" in headings or "Tystiolaeth" in headings


def test_titles_and_summaries_follow_the_language(corpus):
    welsh = {page.src_uri: page for page in generated_pages(corpus, WELSH)}
    english = {page.src_uri: page for page in generated_pages(corpus)}
    assert welsh.keys() == english.keys()
    assert (welsh["glossary/index.md"].title, english["glossary/index.md"].title) == ("Geirfa", "Glossary")
    assert welsh["evidence/confidence-scale.md"].title == "Sut rydym yn graddio hyder"
    assert welsh["evidence/gap-map.md"].title == "Map bylchau’r dystiolaeth"
    assert welsh["stories/index.md"].summary == "Straeon achos gan bobl sy’n gwneud y gwaith."
    assert english["stories/index.md"].summary == "Case stories from people doing the work."
    assert changes_page(corpus, CHANGES, WELSH).title == "Beth sydd wedi newid"
    assert changes_page(corpus, CHANGES).title == CHANGES_TITLE == "What's changed"


def test_explorer_filters_in_welsh(corpus):
    evidence = list(corpus.records(Evidence))
    welsh = explorer_facets(evidence, corpus.vocabularies, WELSH)
    english = explorer_facets(evidence, corpus.vocabularies)
    assert [f.label for f in welsh] == [
        "Thema",
        "Math o dystiolaeth",
        "Canlyniad",
        "Hyder",
        "O’r flwyddyn",
        "Hyd at y flwyddyn",
    ]
    assert [f.label for f in english] == ["Theme", "Type of evidence", "Outcome", "Confidence", "From year", "To year"]
    levels = list(corpus.vocabularies.confidence_levels)
    [confidence] = [f for f in welsh if f.param == "confidence"]
    assert confidence.options[0].label == f"0/4 {levels[0].title} neu gryfach"
    assert confidence.options[-1].label == f"4/4 {levels[-1].title}"  # the strongest: nothing is stronger
    assert welsh[0].any_label == "Unrhyw un" and english[0].any_label == "Any"


def test_groups_without_a_value_are_named_in_the_language(corpus):
    story = dataclasses.replace(corpus.get("story", "heatmap-in-action"), place=None, themes=[])
    assert [g.title for g in stories_by_nation([story], corpus.vocabularies, WELSH)] == ["Lle heb ei nodi"]
    assert [g.title for g in stories_by_nation([story], corpus.vocabularies)] == ["Place not given"]
    assert [g.title for g in by_theme([story], corpus.vocabularies, WELSH)] == ["Dim thema eto"]
    assert [g.title for g in by_theme([story], corpus.vocabularies)] == ["No theme yet"]
    listed = [o for o in corpus.records(Organisation) if o.listing is not None]
    assert listed, "the sample lists organisations"
    untyped = dataclasses.replace(listed[0], org_type=None)
    assert [g.title for g in organisations_by_type([untyped], corpus.vocabularies, WELSH)] == ["Math heb ei nodi"]


def test_plurals_follow_the_count(corpus):
    html = rendered(corpus, ENGLISH)["convenings/index.md"]
    shown = [c.participants for c in corpus.records(Convening) if c.participants]
    assert shown and all(f"{n} participants" in html for n in shown if n != 1)
    for count, english, welsh in [(1, "1 participant", "1 cyfranogwr"), (2, "2 participants", "2 cyfranogwr")]:
        assert ENGLISH.ngettext("%(num)d participant", "%(num)d participants", count) == english
        assert WELSH.ngettext("%(num)d participant", "%(num)d participants", count) == welsh
    assert WELSH.ngettext("Showing %(shown)s of %(num)d item.", "Showing %(shown)s of %(num)d items.", 0, shown=0) == (
        "Yn dangos 0 o 0 eitem."
    )


def term(title: str) -> Term:
    return Term(
        id=title.lower().replace(" ", "-"), path="glossary/x.md", title=title, group="o", working_definition="x"
    )


def test_the_welsh_glossary_files_terms_in_the_welsh_alphabet():
    titles = [
        "Lonyddwch",
        "Llesiant",
        "Cydgynhyrchu",
        "Chwarae",
        "Theory of change",
        "Tegwch",
        "Zoom fatigue",
        "2 funud",
    ]
    groups = glossary_by_letter([term(t) for t in titles], "cy")
    assert [(g.title, g.id, [t.title for t in g.items]) for g in groups] == [
        ("C", "letter-c", ["Cydgynhyrchu"]),
        ("Ch", "letter-ch", ["Chwarae"]),
        ("L", "letter-l", ["Lonyddwch"]),
        ("Ll", "letter-ll", ["Llesiant"]),
        ("T", "letter-t", ["Tegwch"]),
        ("Th", "letter-th", ["Theory of change"]),
        ("Z", "letter-z", ["Zoom fatigue"]),  # a letter Welsh words do not use, shown when a title does
        ("#", "letter-other", ["2 funud"]),
    ]
    jump = alphabet(groups, "cy")
    letters = [letter for letter, _target in jump]
    assert letters[:4] == ["A", "B", "C", "Ch"] and "Ng" in letters and "K" not in letters
    assert letters[-3:] == ["Y", "Z", "#"] and dict(jump)["Ll"] == "letter-ll" and dict(jump)["Dd"] is None
    # Welsh order: 'll' after every other 'l', 'ch' after every other 'c'; English: letter by letter
    words = [term(t) for t in ("Llan", "Lyfr", "Lab", "Chwarae", "Cyd")]
    assert [t.title for t in by_title(words, "cy")] == ["Cyd", "Chwarae", "Lab", "Lyfr", "Llan"]
    assert [t.title for t in by_title(words)] == ["Chwarae", "Cyd", "Lab", "Llan", "Lyfr"]
    assert (letter_of("Llesiant"), letter_of("Llesiant", "cy"), letter_of("ŵyl", "cy")) == ("L", "Ll", "W")
    assert len(alphabet(glossary_by_letter([term("Llan")]))) == 26  # English unchanged: A to Z, no '#'


def labelled(corpus, language_of):
    """The corpus with its vocabularies relabelled as a language pass says them: each entry's
    language is ``language_of(vocabulary name, entry)``."""
    from handbook.content.vocabulary import Vocabularies, Vocabulary

    vocabularies = Vocabularies(
        {
            name: Vocabulary(
                name,
                {i: dataclasses.replace(e, language=language_of(name, e)) for i, e in v.entries.items()},
                v.unknown,
            )
            for name, v in corpus.vocabularies.by_name.items()
        }
    )
    return dataclasses.replace(corpus, vocabularies=vocabularies)


def marked_english(html: str) -> list[str]:
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    return [" ".join(element.text_content().split()) for element in root.xpath("//*[@lang='en']")]


def test_labels_left_in_english_are_marked_on_a_welsh_page(corpus):
    nations_in_english = labelled(corpus, lambda name, entry: "en" if name == "nations" else "cy")
    pages = rendered(nations_in_english, WELSH)
    england = corpus.vocabularies.nations.title("england")
    assert england in marked_english(pages["stories/index.md"])  # the group's heading
    assert england in marked_english(pages["organisations/index.md"])
    assert not any(
        text in marked_english(pages["stories/index.md"]) for text in (e.title for e in corpus.vocabularies.story_types)
    )
    # everything translated: nothing marked for its vocabulary; and never on an English page
    translated = rendered(labelled(corpus, lambda name, entry: "cy"), WELSH)
    assert england not in marked_english(translated["stories/index.md"])
    all_english = labelled(corpus, lambda name, entry: "en")
    assert all(not marked_english(html) for html in rendered(all_english, ENGLISH).values())
    welsh_untranslated = rendered(all_english, WELSH)
    scale = marked_english(welsh_untranslated["evidence/confidence-scale.md"])
    assert [e.title for e in corpus.vocabularies.confidence_levels][-1] in scale
    gap = marked_english(welsh_untranslated["evidence/gap-map.md"])
    assert [e.title for e in corpus.vocabularies.outcomes][0] in gap


# -- the feed and the exports ------------------------------------------------------------------


def test_welsh_atom_feed(corpus):
    entries = recent_changes(corpus, CHANGES)
    feed = ET.fromstring(atom_feed(entries, "https://example.org/cy/", "Llawlyfrau", messages=WELSH))
    assert feed.get(XML_LANG) == "cy"
    assert feed.findtext(f"{ATOM}title") == "Llawlyfrau: beth sydd wedi newid"
    titles = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]
    assert titles == ["Co-production (newidiwyd)", "Gone story (tynnwyd)"]
    summaries = list(feed.iter(f"{ATOM}summary"))
    assert [(s.text, s.get(XML_LANG)) for s in summaries] == [
        ("Glossary: sharpen co-production", "en"),
        ("Stories: remove one", "en"),
    ]
    english = ET.fromstring(atom_feed(entries, "https://example.org/", "Handbooks"))
    assert english.get(XML_LANG) == "en" and english.findtext(f"{ATOM}title") == "Handbooks: what's changed"
    assert [e.findtext(f"{ATOM}title") for e in english.iter(f"{ATOM}entry")][0] == "Co-production (changed)"
    assert all(s.get(XML_LANG) is None for s in english.iter(f"{ATOM}summary"))


def test_exports_keep_their_field_names_and_say_their_language(corpus):
    welsh = {f.src_uri: f.content for f in exports.export_files(corpus, WELSH)}
    english = {f.src_uri: f.content for f in exports.export_files(corpus)}
    assert welsh.keys() == english.keys()
    for path in (exports.GLOSSARY_JSON, exports.EVIDENCE_JSON):
        cy, en = json.loads(welsh[path]), json.loads(english[path])
        assert (cy["language"], en["language"]) == ("cy", "en")
        assert cy.keys() == en.keys()
        key = "terms" if path == exports.GLOSSARY_JSON else "evidence"
        assert [sorted(record) for record in cy[key]] == [sorted(record) for record in en[key]]
    header = next(csv.reader(io.StringIO(welsh[exports.EVIDENCE_CSV].decode("utf-8-sig"))))
    assert tuple(header) == exports.CSV_COLUMNS
    notes = [line for line in welsh[exports.EVIDENCE_RIS].decode("utf-8").split("\r\n") if line.startswith("N1")]
    assert notes and all(line.startswith("N1  - Hyder ") for line in notes)
    assert all(
        line.startswith("N1  - Confidence ")
        for line in english[exports.EVIDENCE_RIS].decode("utf-8").split("\r\n")
        if line.startswith("N1")
    )


def test_theme_template_does_not_shadow_gettext():
    text = (ENGINE_TEMPLATES / "generated" / "theme.html").read_text(encoding="utf-8")
    assert not re.search(r"\{%-?\s*set\s+_\s*=", text)


def test_the_catalogue_header_is_the_shared_one():
    head = CATALOGUE.read_text(encoding="utf-8").split("\n\n")[0]
    assert '"Plural-Forms: nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n==3 ? 3 : n==6 ? 4 : 5);\\n"' in head
    assert '"X-Machine-Assisted: yes\\n"' in head and '"Language: cy\\n"' in head


def test_sources_exist():
    assert all(Path(p).exists() for p in [*TEMPLATES, *PYTHON])

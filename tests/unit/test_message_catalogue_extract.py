"""Every interface string the engine uses, compared with the Welsh catalogue
(handbook.languages.extract and `handbook messages`), and the completeness of the real one."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from handbook.cli.main import main
from handbook.cli.messages import run
from handbook.languages.catalogue import MESSAGES_DIR
from handbook.languages.extract import ExtractionError, area_of, compare, extract_messages, missing, obsolete
from tests.support import REPO
from tests.unit.test_message_catalogue import write_po


def write(root: Path, path: str, text: str) -> None:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(textwrap.dedent(text), encoding="utf-8")


@pytest.fixture
def engine(tmp_path: Path) -> Path:
    """A small engine: Python, templates, an override and mkdocs.yml, each using msgids."""
    root = tmp_path / "repo"
    write(
        root,
        "hooks/handbook/content/kinds.py",
        """\
        from handbook.languages import N_

        LABEL = N_("Glossary")
        PLURAL = N_("Glossary terms")
        """,
    )
    write(
        root,
        "hooks/handbook/pages/changes.py",
        """\
        def title(messages, n, name):
            # Translators: the heading of the changes page
            heading = messages.gettext("What's changed")
            count = messages.ngettext("%(num)d change", "%(num)d changes", n)
            unmarked = messages.gettext(name)  # a variable: not a msgid
            return heading, count, unmarked
        """,
    )
    write(
        root,
        "hooks/handbook/templates/items/term.html",
        """\
        {% if item %}
          <h2>{{ _("Where it is used") }}</h2>
          <p>{{ ngettext("%(num)d perspective", "%(num)d perspectives", n) }}</p>
          {% trans %}Contested{% endtrans %}
        {% endif %}
        """,
    )
    write(root, "overrides/main.html", '{% extends "base.html" %}\n{% block content %}{{ _("Home") }}{% endblock %}\n')
    write(
        root,
        "mkdocs.yml",
        """\
        site_name: Relationships Handbooks
        site_description: Open handbooks.
        theme:
          name: material
        markdown_extensions:
          - pymdownx.emoji:
              emoji_index: !!python/name:material.extensions.emoji.twemoji
        copyright: Content CC BY 4.0.
        """,
    )
    return root


def test_every_kind_of_use_is_extracted_with_its_place(engine: Path):
    catalog = extract_messages(engine)
    found = {message.id if isinstance(message.id, str) else message.id: message for message in catalog if message.id}
    assert set(found) == {
        "Glossary",
        "Glossary terms",
        "What's changed",
        ("%(num)d change", "%(num)d changes"),
        "Where it is used",
        ("%(num)d perspective", "%(num)d perspectives"),
        "Contested",
        "Home",
        "Relationships Handbooks",
        "Open handbooks.",
        "Content CC BY 4.0.",
    }
    assert found["Glossary"].locations == [("hooks/handbook/content/kinds.py", 3)]
    assert found["What's changed"].locations == [("hooks/handbook/pages/changes.py", 3)]
    assert found["What's changed"].auto_comments == ["Translators: the heading of the changes page"]
    assert found["Where it is used"].locations == [("hooks/handbook/templates/items/term.html", 2)]
    assert found["Home"].locations == [("overrides/main.html", 2)]
    assert found["Relationships Handbooks"].locations == [("mkdocs.yml", 1)]
    assert found["Content CC BY 4.0."].locations == [("mkdocs.yml", 8)]
    assert "python-format" in found[("%(num)d change", "%(num)d changes")].flags


def test_a_template_jinja_cannot_parse_is_an_error_with_its_place(engine: Path):
    write(engine, "hooks/handbook/templates/items/broken.html", "<p>\n{% if x %}{{ _('Open') }}\n")
    with pytest.raises(ExtractionError, match=r"hooks/handbook/templates/items/broken\.html:\d+: template: "):
        extract_messages(engine)


WELSH = """
msgid "Glossary"
msgstr "Geirfa"

msgid "Where it is used"
msgstr "Lle mae'n cael ei ddefnyddio"

msgid "%(num)d perspective"
msgid_plural "%(num)d perspectives"
msgstr[0] "dim safbwyntiau"
msgstr[1] "%(num)d safbwynt"
msgstr[2] "%(num)d safbwynt"
msgstr[3] "%(num)d safbwynt"
msgstr[4] ""
msgstr[5] "%(num)d safbwynt"

#, fuzzy
msgid "Home"
msgstr "Cartref"

msgid "Glossary term"
msgstr "Term geirfa"
"""


def test_missing_and_obsolete_strings_are_reported_where_they_are_used(engine: Path, tmp_path: Path):
    folder = tmp_path / "messages"
    write_po(folder, "items.po", WELSH)
    report = compare(engine, "cy", folder)
    lines = [str(problem) for problem in report.missing]
    expected_folder = f"{folder}/cy"
    assert (
        f'hooks/handbook/content/kinds.py:4: "Glossary terms": no Welsh translation (expected an entry in {expected_folder}/generated.po)'
        in lines
    )
    assert (
        f'mkdocs.yml:1: "Relationships Handbooks": no Welsh translation (expected an entry in {expected_folder}/core.po)'
        in lines
    )
    assert (
        f'hooks/handbook/templates/items/term.html:3: "%(num)d perspective": the Welsh translation at {expected_folder}/items.po:16 lacks msgstr[4] (expected a complete entry in {expected_folder}/items.po)'
        in lines
    )
    assert (
        f'overrides/main.html:2: "Home": its Welsh translation at {expected_folder}/items.po:26 is marked fuzzy (not used until checked) (expected a complete entry in {expected_folder}/items.po)'
        in lines
    )
    assert not any('"Glossary":' in line or '"Where it is used"' in line for line in lines)
    assert len(lines) == 9  # 11 in use, 2 translated
    assert [str(problem) for problem in report.obsolete] == [
        f'{expected_folder}/items.po:29: "Glossary term": translates a string the engine no longer uses '
        "(expected the entry removed, or its msgid changed to the English now used; did you mean 'Glossary terms'?)"
    ]
    assert report.problems == []
    assert missing("cy", engine, folder) == report.missing
    assert obsolete("cy", engine, folder) == report.obsolete


def test_a_translation_without_the_plural_of_a_string_used_with_one_is_missing(engine: Path, tmp_path: Path):
    folder = tmp_path / "messages"
    write_po(folder, "items.po", '\nmsgid "%(num)d change"\nmsgstr "%(num)d newid"\n')
    [problem] = [p for p in missing("cy", engine, folder) if p.field == '"%(num)d change"']
    assert "is for a different string (used with a plural)" in problem.message


def test_areas_follow_the_owners_of_the_paths():
    assert area_of("hooks/handbook/templates/generated/map.html") == "map"
    assert area_of("hooks/handbook/templates/generated/glossary.html") == "generated"
    assert area_of("hooks/handbook/templates/items/term.html") == "items"
    assert area_of("hooks/handbook/templates/pdf/document.html") == "outputs"
    assert area_of("hooks/handbook/outputs/site_paths.py") == "languages"
    assert area_of("overrides/main.html") == "languages"
    assert area_of("overrides/partials/hb-strings.html") == "case"
    assert area_of("mkdocs.yml") == "core"
    assert area_of("hooks/handbook/somewhere/new.py") == "core"


def test_the_messages_command_prints_the_gaps_and_fails(
    engine: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    folder = tmp_path / "messages"
    write_po(folder, "items.po", WELSH)
    assert run(engine, folder=folder) == 1
    out, err = capsys.readouterr()
    assert '"Glossary terms": no Welsh translation' in out
    assert '"Glossary term": translates a string the engine no longer uses' in out
    assert "Welsh (cy): 11 strings in use, 9 without a translation, 1 obsolete, 0 problems in the catalogue" in err
    assert run(engine, language="fr", folder=folder) == 2
    assert "no message catalogue for language 'fr'" in capsys.readouterr().err


def test_the_messages_command_passes_a_complete_catalogue(engine: Path, tmp_path: Path):
    folder = tmp_path / "messages"
    entries = "".join(
        f'\nmsgid "{text}"\nmsgstr "{text} (cy)"\n'
        for text in (
            "Glossary",
            "Glossary terms",
            "What's changed",
            "Where it is used",
            "Contested",
            "Home",
            "Relationships Handbooks",
            "Open handbooks.",
            "Content CC BY 4.0.",
        )
    )
    plurals = "".join(
        f'\nmsgid "%(num)d {one}"\nmsgid_plural "%(num)d {many}"\n'
        + "".join(f'msgstr[{index}] "%(num)d {one} ({index})"\n' for index in range(6))
        for one, many in (("change", "changes"), ("perspective", "perspectives"))
    )
    write_po(folder, "core.po", entries + plurals)
    assert run(engine, folder=folder) == 0


def test_the_messages_command_writes_a_template(engine: Path, tmp_path: Path):
    target = tmp_path / "handbook.pot"
    assert main(["--root", str(engine), "messages", "--pot", str(target)]) == 0
    with target.open("rb") as stream:
        template = read_po(stream)
    assert {m.id if isinstance(m.id, str) else m.id[0] for m in template if m.id} >= {"Glossary", "%(num)d change"}
    assert template.get("Where it is used").locations == [("hooks/handbook/templates/items/term.html", 2)]
    assert "handbook messages --pot" in target.read_text(encoding="utf-8")


# -- the real repository ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def welsh():
    return compare(REPO, "cy", MESSAGES_DIR)


def test_the_real_welsh_catalogue_has_no_problems(welsh):
    assert not welsh.problems, "\n".join(str(problem) for problem in welsh.problems)


def test_every_interface_string_has_a_welsh_translation(welsh):
    # Fails until every area's cy/<area>.po is complete: `handbook messages --language cy` lists the gaps.
    assert not welsh.missing, f"{len(welsh.missing)} strings without a Welsh translation:\n" + "\n".join(
        str(problem) for problem in welsh.missing
    )


def test_no_obsolete_welsh_translations(welsh):
    assert not welsh.obsolete, "\n".join(str(problem) for problem in welsh.obsolete)


def test_missing_and_obsolete_default_to_this_engine(welsh):
    assert missing("cy") == welsh.missing
    assert obsolete("cy") == welsh.obsolete


def test_the_real_engine_uses_the_site_strings_and_its_templates():
    catalog = extract_messages(REPO)
    assert catalog.get("Relationships Handbooks") is not None
    assert any(path.startswith("hooks/handbook/templates/") for message in catalog for path, _line in message.locations)

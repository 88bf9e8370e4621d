"""The message catalogues: Welsh .po files read with Babel, checked, merged and used by
Python code and by templates (handbook.languages.catalogue)."""

from __future__ import annotations

import datetime as dt
import gettext
import textwrap
import time
from pathlib import Path

import jinja2
import pytest
from babel.messages.plurals import get_plural

from handbook.languages.catalogue import (
    MESSAGES_DIR,
    PLURAL_FORMS,
    CatalogueError,
    Messages,
    UnknownLanguage,
    cldr_disagreement,
    install,
    known_languages,
    load_catalogue,
    long_date,
    messages_for,
    plural_forms_agree,
    plural_rule,
)

WELSH_PLURALS = PLURAL_FORMS["cy"]
BABEL_WELSH_PLURALS = "nplurals=5; plural=(n==1 ? 1 : n==2 ? 2 : n==3 ? 3 : n==6 ? 4 : 0);"


def header(language: str = "cy", plural_forms: str = WELSH_PLURALS) -> str:
    return textwrap.dedent(
        f"""\
        msgid ""
        msgstr ""
        "Language: {language}\\n"
        "MIME-Version: 1.0\\n"
        "Content-Type: text/plain; charset=UTF-8\\n"
        "Content-Transfer-Encoding: 8bit\\n"
        "Plural-Forms: {plural_forms}\\n"
        "X-Machine-Assisted: yes\\n"
        """
    )


ORGANISATIONS = """
#: hooks/handbook/templates/generated/organisations.html
msgid "%(num)d organisation"
msgid_plural "%(num)d organisations"
msgstr[0] "dim sefydliadau"
msgstr[1] "%(num)d sefydliad"
msgstr[2] "%(num)d sefydliad (deuol)"
msgstr[3] "%(num)d sefydliad (ychydig)"
msgstr[4] "%(num)d sefydliad (llawer)"
msgstr[5] "%(num)d sefydliad (arall)"
"""

GLOSSARY = """
msgid "Glossary"
msgstr "Geirfa"
"""


def write_po(folder: Path, name: str, entries: str, language: str = "cy", plural_forms: str = WELSH_PLURALS) -> Path:
    path = folder / language / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header(language, plural_forms) + entries, encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    messages = tmp_path / "messages"
    write_po(messages, "core.po", GLOSSARY + ORGANISATIONS)
    return messages


# -- Python-side use ----------------------------------------------------------------------------
def test_welsh_plurals_pick_the_six_forms(folder: Path):
    messages = messages_for("cy", folder)
    chosen = [messages.ngettext("%(num)d organisation", "%(num)d organisations", n) for n in (0, 1, 2, 3, 6, 7, 11)]
    assert chosen == [
        "dim sefydliadau",
        "1 sefydliad",
        "2 sefydliad (deuol)",
        "3 sefydliad (ychydig)",
        "6 sefydliad (llawer)",
        "7 sefydliad (arall)",
        "11 sefydliad (arall)",
    ]


def test_welsh_plural_forms_header_gives_forms_0_1_2_3_4_5_5():
    # The header every Welsh file carries, evaluated as gettext does.
    count, expression = plural_rule(WELSH_PLURALS)
    choose = gettext.c2py(expression)
    assert count == 6
    assert [choose(n) for n in (0, 1, 2, 3, 6, 7, 11)] == [0, 1, 2, 3, 4, 5, 5]
    # and the real catalogue, compiled, carries it
    assert messages_for("cy").translations.ngettext("%(num)d x", "%(num)d xs", 0) == "%(num)d xs"
    assert messages_for("en").translations.ngettext("%(num)d x", "%(num)d xs", 1) == "%(num)d x"


def test_gettext_returns_the_translation_as_a_plain_string_with_its_parameters(tmp_path: Path):
    write_po(tmp_path, "a.po", '\nmsgid "Changed on %(date)s"\nmsgstr "Newidiwyd ar %(date)s"\n')
    messages = messages_for("cy", tmp_path)
    text = messages.gettext("Changed on %(date)s", date="<b>8 Rhagfyr</b>")
    assert text == "Newidiwyd ar <b>8 Rhagfyr</b>"
    assert type(text) is str  # escaping is the template's business
    assert messages.gettext("Not in the catalogue") == "Not in the catalogue"
    assert messages.gettext("100%% sure") == "100% sure"  # a format string, as in templates
    assert messages.language == "cy"


def test_ngettext_gives_num_and_other_parameters(tmp_path: Path):
    write_po(
        tmp_path,
        "a.po",
        textwrap.dedent(
            """
            msgid "%(num)d item in %(name)s"
            msgid_plural "%(num)d items in %(name)s"
            msgstr[0] "dim eitemau yn %(name)s"
            msgstr[1] "%(num)d eitem yn %(name)s"
            msgstr[2] "%(num)d eitem yn %(name)s"
            msgstr[3] "%(num)d eitem yn %(name)s"
            msgstr[4] "%(num)d eitem yn %(name)s"
            msgstr[5] "%(num)d eitem yn %(name)s"
            """
        ),
    )
    messages = messages_for("cy", tmp_path)
    assert messages.ngettext("%(num)d item in %(name)s", "%(num)d items in %(name)s", 0, name="X") == "dim eitemau yn X"
    assert messages.ngettext("%(num)d item in %(name)s", "%(num)d items in %(name)s", 4, name="X") == "4 eitem yn X"


def test_english_is_the_identity():
    messages = messages_for("en")
    assert messages.language == "en"
    assert messages.gettext("Glossary") == "Glossary"
    assert messages.ngettext("%(num)d organisation", "%(num)d organisations", 1) == "1 organisation"
    assert messages.ngettext("%(num)d organisation", "%(num)d organisations", 0) == "0 organisations"
    assert isinstance(Messages(), Messages) and Messages().language == "en"


def test_an_unknown_language_is_refused_naming_the_known_ones(folder: Path):
    with pytest.raises(UnknownLanguage) as raised:
        messages_for("fr", folder)
    assert "'fr'" in str(raised.value)
    assert "en, cy" in str(raised.value)
    assert known_languages(folder) == ["en", "cy"]


def test_every_po_file_of_the_language_is_merged(folder: Path):
    write_po(folder, "items.po", '\nmsgid "Where it is used"\nmsgstr "Lle mae\'n cael ei ddefnyddio"\n')
    messages = messages_for("cy", folder)
    assert messages.gettext("Glossary") == "Geirfa"
    assert messages.gettext("Where it is used") == "Lle mae'n cael ei ddefnyddio"


# -- problems in the files ---------------------------------------------------------------------------
def test_one_msgid_translated_two_ways_in_two_files_is_an_error_naming_both(folder: Path):
    write_po(folder, "items.po", '\nmsgid "Glossary"\nmsgstr "Rhestr termau"\n')
    with pytest.raises(CatalogueError) as raised:
        messages_for("cy", folder)
    [problem] = raised.value.problems
    assert problem.path.endswith("cy/items.po")
    assert problem.line == 10  # the msgid's line in items.po (after the eight-line header and a blank)
    assert "core.po:" in problem.message
    assert problem.field == '"Glossary"'
    assert "items.po" in str(raised.value) and "core.po" in str(raised.value)


def test_one_msgid_twice_in_one_file_is_an_error(tmp_path: Path):
    write_po(
        tmp_path,
        "a.po",
        GLOSSARY
        + '\nmsgctxt "menu"\nmsgid "Glossary"\nmsgstr "Geirfa"\n'
        + '\nmsgid ""\n"Glos"\n"sary"\nmsgstr "Rhestr termau"\n',
    )
    with pytest.raises(CatalogueError) as raised:
        messages_for("cy", tmp_path)
    [problem] = raised.value.problems
    assert (problem.line, problem.field) == (17, '"Glossary"')
    assert problem.message == "given twice in this file (first at line 10)"


def test_the_same_translation_in_two_files_is_fine(folder: Path):
    write_po(folder, "items.po", GLOSSARY)
    assert messages_for("cy", folder).gettext("Glossary") == "Geirfa"


def test_babels_five_form_welsh_header_is_refused_with_file_and_line(folder: Path):
    path = write_po(folder, "items.po", GLOSSARY, plural_forms=BABEL_WELSH_PLURALS)
    with pytest.raises(CatalogueError) as raised:
        messages_for("cy", folder)
    [problem] = raised.value.problems
    assert (problem.path.endswith("cy/items.po"), problem.line, problem.field) == (True, 7, "Plural-Forms")
    assert path.read_text().splitlines()[6].startswith('"Plural-Forms:')
    assert "has nplurals=5, where Welsh has 6 plural forms (zero, one, two, few, many, other)" in problem.message
    assert WELSH_PLURALS in str(problem)


def test_a_header_that_puts_six_in_the_wrong_form_is_refused(folder: Path):
    wrong = "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n==3 ? 3 : n==7 ? 4 : 5);"
    write_po(folder, "items.po", GLOSSARY, plural_forms=wrong)
    with pytest.raises(
        CatalogueError, match=r"items\.po:7: Plural-Forms: .*puts 6 in form 5, where Welsh takes form 4 \(many\)"
    ):
        messages_for("cy", folder)


@pytest.mark.parametrize(
    ("plural_forms", "complaint"),
    [
        ("nplurals=2; plural=(n != 1);", "has nplurals=2, where Welsh has 6"),
        ("nplurals=6; plural=(n==1 ? 1 : n==2 ? 2 : n==3 ? 3 : n==6 ? 4 : n==0 ? 5 : 0);", "puts 0 in form 5"),
        ("nplurals=7; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n==3 ? 3 : n==6 ? 4 : 5);", "has nplurals=7"),
        ("nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n==3 ? 3 : n==6 ? 4 : 6);", "beyond its nplurals=6"),
        ("nplurals=6; plural=n ==;", "cannot be read"),
        ("plural=(n != 1);", "cannot be read"),
    ],
)
def test_other_wrong_plural_forms_are_refused(folder: Path, plural_forms: str, complaint: str):
    write_po(folder, "items.po", GLOSSARY, plural_forms=plural_forms)
    with pytest.raises(CatalogueError) as raised:
        messages_for("cy", folder)
    assert [p.field for p in raised.value.problems] == ["Plural-Forms"]
    assert complaint in raised.value.problems[0].message


def test_the_welsh_header_agrees_with_cldr_and_babels_gettext_table_does_not():
    assert cldr_disagreement(WELSH_PLURALS, "cy") is None
    # Babel's gettext table puts zero with "other" ("0 sefydliad"): why Welsh files carry ours.
    assert get_plural("cy").plural_forms == BABEL_WELSH_PLURALS
    assert cldr_disagreement(BABEL_WELSH_PLURALS, "cy") == (
        "merges plural categories (few, many, one, other, two, zero) into 5 forms"
    )
    assert plural_forms_agree(WELSH_PLURALS, "cy") is None
    # Other languages: Babel's gettext rule is the expected header.
    assert plural_forms_agree(get_plural("fr").plural_forms, "fr") is None
    assert (
        plural_forms_agree("nplurals=2; plural=(n != 1);", "fr") == "puts 0 in form 1, where French takes form 0 (one)"
    )


@pytest.mark.parametrize("language", sorted(PLURAL_FORMS))
def test_every_header_of_our_own_gives_cldrs_categories(language: str):
    assert cldr_disagreement(PLURAL_FORMS[language], language) is None


def test_a_file_without_plural_forms_or_for_another_language_is_refused(tmp_path: Path):
    path = tmp_path / "cy" / "a.po"
    path.parent.mkdir()
    path.write_text(header(language="ga").replace('"Plural-Forms', '"X-Plural-Forms') + GLOSSARY, encoding="utf-8")
    with pytest.raises(CatalogueError) as raised:
        messages_for("cy", tmp_path)
    assert sorted((p.field, p.line) for p in raised.value.problems) == [("Language", 3), ("Plural-Forms", 1)]
    assert "no Plural-Forms header" in str(raised.value)
    assert "the header says 'ga'" in str(raised.value)


def test_a_translation_that_asks_for_a_parameter_the_english_does_not_give_is_an_error(tmp_path: Path):
    write_po(
        tmp_path,
        "a.po",
        '\nmsgid "Changed on %(date)s"\nmsgstr "Newidiwyd ar %(dyddiad)s"\n\nmsgid "100% sure"\nmsgstr "100% yn siŵr"\n',
    )
    with pytest.raises(CatalogueError) as raised:
        messages_for("cy", tmp_path)
    messages = [str(problem) for problem in raised.value.problems]
    assert len(messages) == 2
    assert "uses the parameter %(dyddiad)s" in messages[0] and "expected only %(date)s" in messages[0]
    assert "not a valid format string" in messages[1]


def test_an_unreadable_po_file_is_a_problem_with_its_line(folder: Path):
    path = folder / "cy" / "broken.po"
    path.write_text(header() + '\nmsgid "Evidence"\nnot a po line\nmsgstr "Tystiolaeth"\n', encoding="utf-8")
    with pytest.raises(CatalogueError) as raised:
        messages_for("cy", folder)
    [problem] = raised.value.problems
    assert problem.path.endswith("cy/broken.po") and problem.field == "po"


def test_fuzzy_entries_are_not_used(folder: Path):
    write_po(
        folder,
        "items.po",
        '\n#, fuzzy\nmsgid "Evidence"\nmsgstr "Tystiolaeth?"\n\n#, fuzzy\nmsgid "Glossary"\nmsgstr "Rhestr"\n',
    )
    messages = messages_for("cy", folder)  # a fuzzy entry does not conflict with a real one
    assert messages.gettext("Evidence") == "Evidence"
    assert messages.gettext("Glossary") == "Geirfa"
    catalogue = load_catalogue("cy", folder)
    assert ("Evidence", None) in catalogue.fuzzy
    assert catalogue.translation("Evidence") is None


def test_an_edited_file_is_read_afresh(folder: Path):
    assert messages_for("cy", folder).gettext("Glossary") == "Geirfa"
    write_po(folder, "core.po", '\nmsgid "Glossary"\nmsgstr "Geirfa newydd"\n')
    assert messages_for("cy", folder).gettext("Glossary") == "Geirfa newydd"


def test_the_real_welsh_catalogue_loads_in_milliseconds():
    messages_for("cy")  # Babel's locale data, once per process
    started = time.perf_counter()
    messages = messages_for("cy")
    elapsed = time.perf_counter() - started
    assert messages.gettext("Relationships Handbooks") == "Llawlyfrau Perthnasoedd"
    assert elapsed < 0.5, f"{elapsed:.3f}s to read {len(load_catalogue('cy').files)} files"


def test_the_real_catalogue_folder_has_welsh():
    assert "cy" in known_languages()
    assert (MESSAGES_DIR / "cy" / "core.po").is_file()


# -- templates -----------------------------------------------------------------------------------------
def render(source: str, messages: Messages, **context: object) -> str:
    env = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    install(env, messages)
    return env.from_string(source).render(**context)


def test_templates_escape_the_parameters_and_not_the_translation(tmp_path: Path):
    write_po(tmp_path, "a.po", '\nmsgid "x %(a)s"\nmsgstr "<i>y</i> %(a)s"\n')
    english = render('{{ _("x %(a)s", a="<b>") }}', messages_for("en"))
    welsh = render('{{ _("x %(a)s", a=value) }}', messages_for("cy", tmp_path), value="<b>")
    assert english == "x &lt;b&gt;"
    assert welsh == "<i>y</i> &lt;b&gt;"


def test_python_and_templates_give_the_same_text(folder: Path):
    for messages in (messages_for("en"), messages_for("cy", folder)):
        for msgid in ("Glossary", "100%% sure", "Not translated"):
            assert render("{{ _(m) }}", messages, m=msgid) == messages.gettext(msgid)


def test_templates_get_ngettext_with_num_and_the_language(folder: Path):
    source = '{{ language }}: {{ ngettext("%(num)d organisation", "%(num)d organisations", n) }}'
    assert render(source, messages_for("cy", folder), n=0) == "cy: dim sefydliadau"
    assert render(source, messages_for("cy", folder), n=6) == "cy: 6 sefydliad (llawer)"
    assert render(source, messages_for("en"), n=6) == "en: 6 organisations"
    assert render('{{ gettext("Glossary") }}', messages_for("cy", folder)) == "Geirfa"


def test_the_long_date_filter_in_both_languages(folder: Path):
    source = "{{ d | long_date }}"
    day = dt.date(2026, 12, 8)
    assert render(source, messages_for("en"), d=day) == "8 December 2026"
    assert render(source, messages_for("cy", folder), d=day) == "8 Rhagfyr 2026"
    assert render(source, messages_for("cy", folder), d="2026-12-08") == "8 Rhagfyr 2026"
    assert render(source, messages_for("cy", folder), d="2022-06") == "Mehefin 2022"


@pytest.mark.parametrize(
    ("value", "english", "welsh"),
    [
        (dt.date(2026, 12, 8), "8 December 2026", "8 Rhagfyr 2026"),
        (dt.datetime(2026, 3, 1, 14, 30), "1 March 2026", "1 Mawrth 2026"),
        ("2026-12-08", "8 December 2026", "8 Rhagfyr 2026"),
        ("2026-12-08T10:00:00+00:00", "8 December 2026", "8 Rhagfyr 2026"),
        ("2022-06", "June 2022", "Mehefin 2022"),
        ("2022", "2022", "2022"),
        ("not a date", "not a date", "not a date"),
        ("2022-13", "2022-13", "2022-13"),
    ],
)
def test_long_date(value: object, english: str, welsh: str):
    assert long_date(value, "en") == english
    assert long_date(value, "cy") == welsh
    assert Messages("cy").long_date(value) == welsh

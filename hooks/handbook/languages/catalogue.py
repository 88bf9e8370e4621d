"""Interface strings in the reader's language, from gettext message catalogues read with Babel.

English is the source language: a msgid is the English text itself, so English needs no
catalogue (``messages_for("en")`` is the identity). Every other language has a folder
``messages/<language>/`` of ``.po`` files, one per area of the engine (core, items,
generated pages, map...). For a build they are read, checked and merged, then compiled in
memory into a ``gettext.GNUTranslations``; nothing is kept between builds, so a ``.po``
file edited during ``mkdocs serve`` is seen by the next rebuild (the real catalogues load
in a few milliseconds).

What is checked, all at once (:class:`CatalogueError` carries every problem):

- each file's ``Plural-Forms`` header gives the language's plural forms as CLDR (through
  Babel) defines them: Welsh has six (zero, one, two, few = 3, many = 6, other). Babel's
  gettext table (``babel.messages.plurals``) lumps the Welsh zero in with "other", which
  would write "0 sefydliad" where Welsh says "dim sefydliadau", so Welsh's header is ours;
- one msgid translated differently in two files (the same translation twice is fine);
- a translation whose ``%(name)s`` parameters the English does not give (it would fail
  when shown).

Fuzzy entries (``#, fuzzy``: a translation waiting for review after its English changed)
and empty ones are not used: the English shows until they are translated.

Templates use Jinja's i18n extension in its new style: ``_("Changed on %(date)s",
date=d)`` autoescapes its parameters, ``ngettext`` gives ``num``, and every translated
string is a format string (a literal percent sign is written ``%%``).
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import PoFileError, read_po, unescape

from handbook.content.problems import Problem, one_of
from handbook.languages import SOURCE_LANGUAGE

# The catalogues of the languages other than English, one folder per language.
MESSAGES_DIR = Path(__file__).resolve().parent / "messages"
# The repository holding the engine (paths in problems are shown relative to it).
REPOSITORY = MESSAGES_DIR.parents[3]

# The Plural-Forms header each language's files carry, where Babel's gettext table is not
# the one to copy. Welsh: CLDR's six forms (zero, one, two, few, many, other), see above.
PLURAL_FORMS = {
    "cy": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n==3 ? 3 : n==6 ? 4 : 5);",
}
# Counts over which a header's plural rule is compared with CLDR's categories (the rules
# look at n, n % 10 and n % 100, and a few at millions).
PLURAL_SAMPLE = (*range(0, 201), 1000, 10_000, 100_000, 1_000_000)

# The locale long dates are written in: British English ("8 December 2026").
DATE_LOCALES = {"en": "en_GB"}

MessageKey = tuple[str, str | None]  # (msgid, context): how a catalogue files a message


class CatalogueError(Exception):
    """A language's catalogue cannot be used; carries every problem found in its files."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        count = len(problems)
        lines = "\n".join(str(problem) for problem in problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the message catalogues:\n{lines}")


class UnknownLanguage(ValueError):
    """No catalogue for the language asked for."""


class Messages:
    """One language's interface strings, for Python code and for templates.

    ``gettext`` and ``ngettext`` return plain strings (templates escape them where they
    are shown); ``ngettext`` gives the count as ``num``. As in templates (Jinja's new
    style), every string is a format string, parameters or not: ``%%`` is a percent sign.
    """

    def __init__(self, language: str = SOURCE_LANGUAGE, translations: gettext.NullTranslations | None = None):
        self.language = language
        self.translations = translations or gettext.NullTranslations()

    def gettext(self, message: str, **params: object) -> str:
        return self.translations.gettext(message) % params

    def ngettext(self, singular: str, plural: str, count: int, **params: object) -> str:
        text = self.translations.ngettext(singular, plural, count)
        return text % {"num": count, **params}

    def long_date(self, value: object) -> str:
        """A date for prose in this language: 8 December 2026, 8 Rhagfyr 2026."""
        return long_date(value, self.language)

    def __repr__(self) -> str:
        return f"Messages({self.language!r})"


# -- the catalogues on disk ----------------------------------------------------------------
@dataclass
class Catalogue:
    """A language's ``.po`` files, read, checked and merged (what ``messages_for`` compiles)."""

    language: str
    files: list[Path]
    catalog: Catalog  # the translations in use: not fuzzy, not empty
    sources: dict[MessageKey, tuple[str, int]] = field(default_factory=dict)  # where each was found
    fuzzy: dict[MessageKey, tuple[str, int]] = field(default_factory=dict)  # set aside, where
    problems: list[Problem] = field(default_factory=list)

    def translation(self, msgid: str, context: str | None = None) -> Message | None:
        return self.catalog.get(msgid, context)


def shown_path(path: Path) -> str:
    """A catalogue file as problems name it: relative to the repository (or the working folder)."""
    for base in (REPOSITORY, Path.cwd()):
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            continue
    return path.as_posix()


def known_languages(folder: Path | None = None) -> list[str]:
    """English and every language with a folder of catalogues."""
    folder = folder or MESSAGES_DIR
    found = sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []
    return [SOURCE_LANGUAGE, *(code for code in found if code != SOURCE_LANGUAGE)]


def language_name(language: str) -> str:
    """The language's name in English ("Welsh"), for messages to contributors."""
    try:
        return Locale.parse(language).get_display_name("en") or language
    except (ValueError, UnknownLocaleError):
        return language


def catalogue_files(language: str, folder: Path | None = None) -> list[Path]:
    return sorted(((folder or MESSAGES_DIR) / language).glob("*.po"))


def load_catalogue(language: str, folder: Path | None = None) -> Catalogue:
    """Reads and merges ``<folder>/<language>/*.po``; problems are collected, not raised."""
    folder = folder or MESSAGES_DIR
    known = known_languages(folder)
    if language not in known or language == SOURCE_LANGUAGE:
        raise UnknownLanguage(
            f"no message catalogue for language {language!r} (expected {one_of(known)}: "
            f"a folder of .po files under {shown_path(folder)}/, English needing none)"
        )
    expected_forms = expected_plural_forms(language)
    merged = Catalog(locale=language, charset="utf-8")
    merged.mime_headers = [("Plural-Forms", expected_forms)]
    files = catalogue_files(language, folder)
    catalogue = Catalogue(language, files, merged)
    checked: dict[str, str | None] = {}  # each Plural-Forms value's verdict, for this load only
    for path in files:
        shown = shown_path(path)
        try:
            with path.open("rb") as stream:
                read = read_po(stream, locale=language, ignore_obsolete=True, abort_invalid=True)
        except PoFileError as error:
            catalogue.problems.append(Problem(shown, error.lineno, "po", f"not a readable .po file: {error}"))
            continue
        except (OSError, UnicodeDecodeError, ValueError) as error:
            catalogue.problems.append(Problem(shown, 1, "po", f"cannot be read: {error}"))
            continue
        catalogue.problems.extend(_header_problems(path, shown, language, expected_forms, checked))
        catalogue.problems.extend(_duplicate_problems(path, shown))
        for message in read:
            if message.id:
                _merge(catalogue, message, shown)
    return catalogue


def _merge(catalogue: Catalogue, message: Message, shown: str) -> None:
    key: MessageKey = (_singular(message.id), message.context)
    where = (shown, message.lineno or 1)
    if message.fuzzy:
        catalogue.fuzzy.setdefault(key, where)
        return
    if not any(_strings(message)):
        return  # not translated yet
    catalogue.problems.extend(_parameter_problems(message, where))
    current = catalogue.catalog.get(*key)
    if current is None:
        catalogue.catalog.add(message.id, message.string, context=message.context, lineno=message.lineno)
        catalogue.sources[key] = where
        return
    if (current.id, _strings(current)) != (message.id, _strings(message)):
        first = catalogue.sources[key]
        catalogue.problems.append(
            Problem(
                shown,
                where[1],
                _quoted(key[0]),
                f"translated differently in {first[0]}:{first[1]} and here",
                expected="one translation of a string across the language's .po files: keep one",
            )
        )


def _duplicate_problems(path: Path, shown: str) -> list[Problem]:
    """A msgid given twice in one file (Babel's reader would keep the first silently; a
    merge of two branches that both added it leaves this)."""
    seen: dict[tuple[str | None, str], int] = {}
    problems = []
    context: str | None = None
    entry: tuple[str, list[str], int] | None = None  # (keyword, its quoted lines, first line)

    def finish() -> None:
        nonlocal context
        if entry is None:
            return
        keyword, parts, line = entry
        text = "".join(unescape(part) for part in parts)
        if keyword == "msgctxt":
            context = text
            return
        key = (context, text)
        context = None
        if text and key in seen:
            problems.append(
                Problem(
                    shown,
                    line,
                    _quoted(text),
                    f"given twice in this file (first at line {seen[key]})",
                    expected="one entry per msgid: keep one",
                )
            )
        seen.setdefault(key, line)

    for number, source_line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        text = source_line.strip()
        keyword, _, rest = text.partition(" ")
        if keyword in ("msgctxt", "msgid"):
            finish()
            entry = (keyword, [rest.strip()], number)
        elif text.startswith('"') and entry is not None:
            entry[1].append(text)
        elif text:
            finish()
            entry = None
    finish()
    return problems


def _singular(msgid: str | tuple[str, ...] | list[str]) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]


def _strings(message: Message) -> tuple[str, ...]:
    string = message.string
    return (string,) if isinstance(string, str) else tuple(string or ())


def _quoted(msgid: str) -> str:
    text = msgid if len(msgid) <= 60 else msgid[:57] + "..."
    return '"' + text.replace("\n", "\\n") + '"'


class _Parameters(Mapping[str, object]):
    """What a translation may ask of its parameters: the names the English gives."""

    def __init__(self, names: set[str]):
        self.names = names

    def __getitem__(self, name: str) -> object:
        if name in self.names:
            return 0
        raise KeyError(name)

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


def _parameter_names(text: str) -> set[str]:
    """The ``%(name)s`` parameters of an English string."""
    names: set[str] = set()
    for part in text.split("%(")[1:]:
        name, closed, _ = part.partition(")")
        if closed:
            names.add(name)
    return names


def _parameter_problems(message: Message, where: tuple[str, int]) -> list[Problem]:
    """A translation that asks for a parameter the English does not give, or cannot be
    formatted (templates format every string, parameters or not)."""
    english = [message.id] if isinstance(message.id, str) else list(message.id)
    names = set().union(*(_parameter_names(text) for text in english))
    if not isinstance(message.id, str):
        names.add("num")
    problems = []
    for index, string in enumerate(_strings(message)):
        if not string:
            continue
        try:
            string % _Parameters(names)
        except KeyError as error:
            problem = f"the translation uses the parameter %({error.args[0]})s, which the English does not give"
        except (ValueError, TypeError) as error:
            problem = f"the translation is not a valid format string ({error}; a literal percent sign is %%)"
        else:
            continue
        form = "" if isinstance(message.id, str) else f" (msgstr[{index}])"
        problems.append(
            Problem(
                where[0],
                where[1],
                _quoted(_singular(message.id)),
                problem + form,
                expected="only " + (", ".join(f"%({n})s" for n in sorted(names)) or "no parameters"),
            )
        )
    return problems


# -- plural forms ----------------------------------------------------------------------------
def expected_plural_forms(language: str) -> str:
    """The Plural-Forms header a language's files carry."""
    return PLURAL_FORMS.get(language) or get_plural(language).plural_forms


def plural_rule(header: str) -> tuple[int, str]:
    """``nplurals`` and the ``plural`` expression of a Plural-Forms value."""
    params: dict[str, str] = {}
    for part in header.split(";"):
        name, equals, value = part.partition("=")
        if equals:
            params[name.strip()] = value.strip()
    if "nplurals" not in params or "plural" not in params:
        raise ValueError("expected nplurals=N; plural=EXPRESSION;")
    return int(params["nplurals"]), params["plural"]


def plural_forms_agree(header: str, language: str) -> str | None:
    """None when a Plural-Forms value puts every count in the form the language's expected
    header does (``expected_plural_forms``); else what is wrong."""
    try:
        count, expression = plural_rule(header)
        choose = gettext.c2py(expression)
    except (ValueError, SyntaxError) as error:
        return f"cannot be read ({error})"
    expected_count, expected_expression = plural_rule(expected_plural_forms(language))
    expected = gettext.c2py(expected_expression)
    name = language_name(language)
    categories = Locale.parse(language).plural_form
    if count != expected_count:
        return (
            f"has nplurals={count}, where {name} has {expected_count} plural forms ({', '.join(_categories(language))})"
        )
    for n in PLURAL_SAMPLE:
        form = choose(n)
        if not 0 <= form < count:
            return f"gives form {form} for n = {n}, beyond its nplurals={count}"
        if form != expected(n):
            return f"puts {n} in form {form}, where {name} takes form {expected(n)} ({categories(n)})"
    return None


def _categories(language: str) -> list[str]:
    """CLDR's plural categories of a language, in gettext's usual order."""
    order = ("zero", "one", "two", "few", "many", "other")
    tags = {*Locale.parse(language).plural_form.tags, "other"}  # "other" is implicit in CLDR's rules
    return [tag for tag in order if tag in tags]


def cldr_disagreement(header: str, language: str) -> str | None:
    """None when a Plural-Forms value gives CLDR's plural categories of the language for
    whole numbers (one form per category; Babel's CLDR data); else how it differs. Our
    table of headers (PLURAL_FORMS) is tested with it."""
    count, expression = plural_rule(header)
    choose = gettext.c2py(expression)
    categories = Locale.parse(language).plural_form
    forms: dict[str, int] = {}
    for n in range(0, 201):
        category, form = categories(n), choose(n)
        if forms.setdefault(category, form) != form:
            return f"puts {n} in form {form}, apart from the other '{category}' counts (form {forms[category]})"
    if len(set(forms.values())) != len(forms):
        return f"merges plural categories ({', '.join(sorted(forms))}) into {len(set(forms.values()))} forms"
    if count != len(forms):
        return f"has nplurals={count} for {len(forms)} categories"
    return None


def _header_problems(
    path: Path, shown: str, language: str, expected_forms: str, checked: dict[str, str | None]
) -> list[Problem]:
    """The header's Language and Plural-Forms, with the line each is on."""
    headers: dict[str, tuple[str, int]] = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, source_line in enumerate(lines, start=1):
        text = source_line.strip()
        if text.startswith("msgid") and text != 'msgid ""':
            break  # the header is the first entry
        if text.startswith('"') and ":" in text:
            name, _, value = text.strip('"').partition(":")
            headers[name.strip().lower()] = (value.strip().removesuffix("\\n").strip(), number)
    problems = []
    name = language_name(language)
    value, line = headers.get("plural-forms", ("", 1))
    if not value:
        problems.append(
            Problem(
                shown, line, "Plural-Forms", "no Plural-Forms header", expected=f'"Plural-Forms: {expected_forms}\\n"'
            )
        )
    else:
        if value not in checked:
            checked[value] = plural_forms_agree(value, language)
        wrong = checked[value]
        if wrong:
            problems.append(
                Problem(
                    shown,
                    line,
                    "Plural-Forms",
                    f"{value!r} {wrong}",
                    expected=f"{name}'s plural forms, as in every {language} file: {expected_forms}",
                )
            )
    code, line = headers.get("language", ("", 1))
    if code.replace("_", "-") != language:
        problems.append(
            Problem(
                shown,
                line,
                "Language",
                f"the header says {code!r}" if code else "no Language header",
                expected=f'"Language: {language}\\n", the folder the file is in',
            )
        )
    return problems


# -- loading for a build ------------------------------------------------------------------------
def compile_catalogue(catalogue: Catalogue) -> gettext.GNUTranslations:
    """The merged catalogue as gettext reads it, compiled in memory (no .mo file on disk)."""
    buffer = io.BytesIO()
    write_mo(buffer, catalogue.catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def messages_for(language: str = SOURCE_LANGUAGE, folder: Path | None = None) -> Messages:
    """The interface strings of a language, read afresh from its catalogues.

    ``folder`` holds one folder of ``.po`` files per language (default: the engine's
    ``messages/``; tests give their own). Raises :class:`UnknownLanguage` for a language
    without catalogues and :class:`CatalogueError` when its files have problems.
    """
    if language == SOURCE_LANGUAGE:
        return Messages(language)
    catalogue = load_catalogue(language, folder)
    if catalogue.problems:
        raise CatalogueError(sorted(catalogue.problems))
    return Messages(language, compile_catalogue(catalogue))


# -- dates in prose -------------------------------------------------------------------------------
def long_date(value: object, language: str = SOURCE_LANGUAGE) -> str:
    """A date written out in a language: ``2026-12-08`` -> 8 December 2026 / 8 Rhagfyr 2026.

    Takes a date, a datetime or an ISO string; a partial date keeps its precision
    (``2022-06`` -> June 2022 / Mehefin 2022, ``2022`` -> 2022). Anything else is shown
    as it is (content dates are validated where they are read).
    """
    locale = DATE_LOCALES.get(language, language)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return format_date(value, format="long", locale=locale)
    text = str(value).strip()
    try:
        if len(text) == 4 and text.isdigit():
            return text
        if len(text) == 7 and text[4] == "-":
            month = dt.date(int(text[:4]), int(text[5:]), 1)
            return format_skeleton("yMMMM", month, locale=locale)
        return format_date(dt.date.fromisoformat(text[:10]), format="long", locale=locale)
    except ValueError:
        return text


def install(env: jinja2.Environment, messages: Messages) -> None:
    """``_``, ``gettext`` and ``ngettext`` in templates, autoescaped (Jinja's new-style
    gettext), the global ``language`` and the filter ``long_date`` in that language."""
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_translations(messages.translations, newstyle=True)  # type: ignore[attr-defined]  # added by jinja2.ext.i18n
    env.globals["language"] = messages.language
    env.filters["long_date"] = messages.long_date

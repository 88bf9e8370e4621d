"""The engine's options, declared once: type, default, description, mkdocs.yml key, environment override.

Every option is a field of ``Settings`` below. It is set in mkdocs.yml under
``extra: {handbook: {<name>: ...}}`` and, for one run, by its environment variable
(``HANDBOOK_<NAME>``), which wins over mkdocs.yml. This is the only module that reads
environment variables for options; docs/contribute/configuration.md lists them all.

The MkDocs adapter validates ``extra.handbook`` with MkDocs' own config classes
(handbook.mkdocs.config) and then calls ``read_settings``; the command-line tool, which
runs without MkDocs, reads mkdocs.yml with ``read_project`` and gets the same
validation here. Either way a wrong value is a problem in the one error grammar
(``mkdocs.yml:42: extra.handbook.pdf: ...``) and nothing is guessed.

Not options: the variables the offline copy's first build passes to its second
(``HANDBOOK_OFFLINE`` and friends, handbook.outputs.offline), and the ones the English
build passes to its language passes (``HANDBOOK_LANGUAGE_PASS`` and friends,
handbook.mkdocs.language_pass). They are a protocol between processes of one build, set
by the engine, never by a person.
"""

from __future__ import annotations

import dataclasses
import os
import re
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from handbook.content.problems import Problem, did_you_mean, one_of

CONFIG_FILE = "mkdocs.yml"
SECTION = "extra.handbook"  # where the options live in mkdocs.yml
ENVIRONMENT = "environment"  # the "path" of a problem in an environment variable
ON = ("1", "true", "yes", "on")
OFF = ("0", "false", "no", "off")


# An email address, as a mailto: link can carry it: one '@', a domain with a dot, and none
# of the characters that would end the address or start a query in a mailto: URL (space,
# '?', '&', '%', quotes, angle brackets, commas).
EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$'*+/=^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$"
)
# pattern name -> (pattern, what the message says is expected)
SHAPES = {"email": (EMAIL, "an email address such as handbooks@example.org")}
# The interface's message catalogues, one folder per language (handbook.languages).
MESSAGES = Path(__file__).resolve().parent / "languages" / "messages"
SOURCE_LANGUAGE = "en"  # the language every string is written in: never a language pass


def catalogue_languages(messages: Path = MESSAGES) -> tuple[str, ...]:
    """The languages the interface can speak besides English: a folder per language in
    ``languages/messages/``."""
    try:
        return tuple(
            sorted(entry.name for entry in messages.iterdir() if entry.is_dir() and entry.name != "__pycache__")
        )
    except OSError:
        return ()


def option(default: Any, description: str, *, choices: tuple[str, ...] = (), shape: str | None = None) -> Any:
    """One option: a dataclass field whose metadata documents it (``shape``: a text's shape, from SHAPES)."""
    return field(default=default, metadata={"description": description, "choices": choices, "shape": shape})


@dataclass(frozen=True)
class Settings:
    """What one build (or one run of the command-line tool) is asked to do."""

    term_links: str = option(
        "first", "Which mentions of a glossary term each page links: the first, or all.", choices=("first", "all")
    )
    cross_linking: bool = option(
        True,
        "Automatic cross-linking: term links, backlinks, related lists and numbered "
        "citations. Off only to measure what it costs.",
    )
    drafts: bool | None = option(
        None,
        "Whether drafts are built. Unset: `mkdocs serve` builds them (with a banner), "
        "`mkdocs build`, `gh-deploy` and `handbook check` leave them out.",
    )
    pdf: bool = option(
        True,
        "Whether `mkdocs build` makes the PDFs. Off, the build makes no offline copy either and "
        "shows no download links, as a preview does (quick local and benchmark builds).",
    )
    offline_copy: bool = option(True, "Whether `mkdocs build` makes the offline copy (a second build, zipped).")
    pdf_cache: str = option(
        ".cache/pdf",
        "Folder of the rendered PDFs kept between builds, relative to the "
        "repository (an empty one times rendering everything).",
    )
    template_cache: bool = option(True, "Compiled Jinja templates kept on disk between builds (.cache/jinja).")
    speedups: bool = option(
        True,
        "The speed-ups that reach into MkDocs', Material's and Python-Markdown's "
        "internals (handbook.mkdocs.speedups). Off: their stock behaviour, same pages.",
    )
    prefilters: bool = option(
        True,
        "Inline and block prefilters that skip Python-Markdown's patterns on text "
        "that cannot match them. Off: Python-Markdown's own passes.",
    )
    shared_converter: bool = option(
        True,
        "One Python-Markdown converter for the whole build, reset between pages. Off: MkDocs' new converter per page.",
    )
    fragment_cache: bool = option(
        True,
        "Page-template parts shared by many pages rendered once per build. Off: every part rendered for every page.",
    )
    languages: tuple[str, ...] = option(
        (),
        "The languages the site is built in besides English, each a second build into "
        "<site>/<language>/ (a language with a message catalogue: handbook/languages/messages/<language>/).",
    )
    contributions_email: str | None = option(
        None,
        "The maintainers' address that the contribution forms (/contribute/suggest/) offer for "
        "sending a suggested file by email. Unset: no email is offered.",
        shape="email",
    )

    def speedup(self, name: str) -> bool:
        """Whether one speed-up runs: ``speedups`` on and its own switch (``prefilters``,
        ``shared_converter``) on, if it has one; ``speedups: false`` turns every one off."""
        return self.speedups and bool(getattr(self, name, True))


@dataclass(frozen=True)
class Option:
    """One option as documentation and validation see it."""

    name: str
    kind: type  # bool, str, or list (a list of texts: mkdocs.yml's YAML list, the variable's comma-separated words)
    optional: bool  # None is a value (unset: decided elsewhere)
    default: Any
    description: str
    choices: tuple[str, ...]
    shape: str | None = None  # a text's shape, a key of SHAPES ("email")

    @property
    def key(self) -> str:
        return f"{SECTION}.{self.name}"

    @property
    def environment(self) -> str:
        return f"HANDBOOK_{self.name.upper()}"


def _options() -> tuple[Option, ...]:
    hints = typing.get_type_hints(Settings)
    options = []
    for spec in dataclasses.fields(Settings):
        hint = hints[spec.name]
        kinds = [k for k in typing.get_args(hint) if k is not type(None)] or [hint]
        listed = typing.get_origin(hint) is tuple  # a list of texts, kept as a tuple (Settings is frozen)
        options.append(
            Option(
                spec.name,
                list if listed else kinds[0],
                type(None) in typing.get_args(hint),
                list(typing.cast(tuple, spec.default)) if listed else spec.default,
                spec.metadata["description"],
                spec.metadata["choices"],
                spec.metadata["shape"],
            )
        )
    return tuple(options)


OPTIONS: tuple[Option, ...] = _options()
BY_NAME = {o.name: o for o in OPTIONS}
ENVIRONMENT_VARIABLES = tuple(o.environment for o in OPTIONS)
# The offline copy's parent -> child protocol (handbook.outputs.offline): not options, and
# never reported as misspelt ones.
# And the English build -> language pass protocol (handbook.mkdocs.language_pass).
INTERNAL_VARIABLES = (
    "HANDBOOK_OFFLINE",
    "HANDBOOK_DOWNLOADS_MANIFEST",
    "HANDBOOK_PDF_DIR",
    "HANDBOOK_FIRST_PASS_PID",
    "HANDBOOK_LANGUAGE_PASS",
    "HANDBOOK_LANGUAGE_BASE_URL",
    "HANDBOOK_LANGUAGE_HANDOVER",
    "HANDBOOK_LANGUAGE_PARENT_PID",
)


class SettingsError(Exception):
    """Options with wrong values; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(describe(p) for p in problems))


def describe(problem: Problem) -> str:
    """A problem as one line: ``mkdocs.yml:42: extra.handbook.pdf: ...``, or for an
    environment variable, which has no line, ``environment: HANDBOOK_PDF: ...``."""
    text = str(problem)
    prefix = f"{ENVIRONMENT}:0:"
    return f"{ENVIRONMENT}:{text[len(prefix) :]}" if text.startswith(prefix) else text


# -- reading -----------------------------------------------------------------------------
def check_value(spec: Option, value: Any) -> tuple[Any, str | None, str | None]:
    """A value from mkdocs.yml as the option's type: (value, what is wrong, expected)."""
    if spec.kind is list:
        return check_languages(value)
    if spec.kind is bool:
        if isinstance(value, bool):
            return value, None, None
        return None, f"{value!r} is not true or false", "true or false"
    if not isinstance(value, str):
        return None, f"{value!r} is not text", one_of(spec.choices) if spec.choices else "text"
    if spec.choices and value not in spec.choices:
        return None, f"'{value}' is not one of the choices", one_of(spec.choices)
    if spec.shape is not None:
        pattern, expected = SHAPES[spec.shape]
        if not pattern.match(value):
            return None, f"'{value}' is not {expected.split(' such as ')[0]}", expected
    return value, None, None


def check_languages(value: Any) -> tuple[Any, str | None, str | None]:
    """The ``languages`` option: a list of distinct catalogue languages, never English."""
    known = catalogue_languages()
    expected = f"a list of languages with a message catalogue, {one_of(known) if known else 'none yet'}"
    if not isinstance(value, (list, tuple)):
        return None, f"{value!r} is not a list", expected
    seen: list[str] = []
    for code in value:
        if not isinstance(code, str):
            return None, f"{code!r} is not a language code", expected
        if code == SOURCE_LANGUAGE:
            return None, f"'{code}' is the source language, always built", expected
        if code not in known:
            return None, f"'{code}' is not a language with a message catalogue", expected
        if code in seen:
            return None, f"'{code}' is listed twice", expected
        seen.append(code)
    return tuple(seen), None, None


def check_environment(spec: Option, text: str) -> tuple[Any, str | None, str | None]:
    """An environment variable's text as the option's type."""
    if spec.kind is list:  # "cy", "cy,ga" or "cy ga"; empty: none (read_settings)
        return check_languages(text.replace(",", " ").split())
    if spec.kind is bool:
        lowered = text.strip().lower()
        if lowered in ON:
            return True, None, None
        if lowered in OFF:
            return False, None, None
        return None, f"'{text}' is not a switch", "1 or 0, true or false, yes or no, on or off"
    return check_value(spec, text)


def read_settings(
    values: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
    *,
    path: str = CONFIG_FILE,
    lines: Mapping[str, int] | None = None,
) -> Settings:
    """Settings from mkdocs.yml's ``extra.handbook`` (``values``) and the environment.

    ``environ`` defaults to this process's environment; an empty variable counts as unset,
    except for a list (``HANDBOOK_LANGUAGES=``), where it is the empty list.
    ``lines`` gives the mkdocs.yml line of each option's key, for the messages. Raises
    SettingsError with every problem found.
    """
    environ = os.environ if environ is None else environ
    lines = lines or {}
    problems: list[Problem] = []
    chosen: dict[str, Any] = {}
    for name, value in (values or {}).items():
        spec = BY_NAME.get(name)
        line = lines.get(name, lines.get("", 1))
        if spec is None:
            problems.append(
                Problem(
                    path,
                    line,
                    f"{SECTION}.{name}",
                    f"'{name}' is not an option",
                    expected=one_of(BY_NAME, limit=len(BY_NAME)),
                    suggestion=did_you_mean(name, BY_NAME),
                )
            )
            continue
        if value is None:  # "pdf:" with no value, or an !ENV without its variable: unset, as MkDocs has it
            continue
        checked, wrong, expected = check_value(spec, value)
        if wrong:
            suggestion = _suggestion(wrong, catalogue_languages()) if spec.kind is list else None
            problems.append(
                Problem(
                    path,
                    line,
                    spec.key,
                    wrong,
                    expected=expected,
                    suggestion=suggestion or did_you_mean(value, spec.choices),
                )
            )
        else:
            chosen[name] = checked
    for spec in OPTIONS:
        text = environ.get(spec.environment, "")
        if not text.strip() and (spec.kind is not list or spec.environment not in environ):
            continue
        checked, wrong, expected = check_environment(spec, text)
        if wrong:
            problems.append(
                Problem(
                    ENVIRONMENT,
                    0,
                    spec.environment,
                    wrong,
                    expected=expected,
                    suggestion=_suggestion(wrong, catalogue_languages())
                    if spec.kind is list
                    else did_you_mean(text, spec.choices),
                )
            )
        else:
            chosen[spec.name] = checked
    for name in environ:  # a misspelt override would otherwise be ignored without a word
        if name.startswith("HANDBOOK_") and name not in ENVIRONMENT_VARIABLES and name not in INTERNAL_VARIABLES:
            suggestion = did_you_mean(name, ENVIRONMENT_VARIABLES)
            if suggestion:
                problems.append(Problem(ENVIRONMENT, 0, name, "is not an option's variable", suggestion=suggestion))
    if problems:
        raise SettingsError(problems)
    return Settings(**chosen)


def _suggestion(wrong: str, candidates: typing.Iterable[str]) -> str | None:
    """ "did you mean" for a misspelt language ('kw' in "'kw' is not a language ...")."""
    quoted = wrong.split("'")
    if " is not a language" in wrong and len(quoted) > 2:
        return did_you_mean(quoted[1], candidates)
    if wrong.endswith(" is not a list") and len(quoted) > 2:  # languages: cy
        return f"[{quoted[1]}]"
    return None


# -- mkdocs.yml without MkDocs (the command-line tool) ----------------------------------
@dataclass(frozen=True)
class SiteIdentity:
    """What mkdocs.yml says about the site as a whole, for pages and feeds the engine writes."""

    name: str
    url: str = ""
    repo_url: str | None = None


@dataclass(frozen=True)
class Project:
    """mkdocs.yml as the engine reads it: the site's identity and the engine's options."""

    site: SiteIdentity
    settings: Settings


class _NodeLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]  # C parser if built
    """Builds plain values from the nodes of mkdocs.yml's sections the engine reads."""

    environ: Mapping[str, str] = {}

    def environment_value(self, node: yaml.Node) -> Any:
        """``!ENV NAME`` or ``!ENV [NAME, OTHER, default]``, read as MkDocs reads it
        (pyyaml-env-tag): the first variable set, as YAML would type it, else the default."""
        if isinstance(node, yaml.ScalarNode):
            names, default = [node], None
        elif isinstance(node, yaml.SequenceNode) and node.value:
            names = node.value[:-1] if len(node.value) > 1 else node.value
            default = self.construct_object(node.value[-1]) if len(node.value) > 1 else None
        else:
            raise yaml.constructor.ConstructorError(None, None, "!ENV takes a name or a list", node.start_mark)
        for name in names:
            text = self.environ.get(str(self.construct_scalar(name)))
            if text is not None:
                return self.construct_object(yaml.ScalarNode(self.resolve(yaml.ScalarNode, text, (True, False)), text))
        return default


_NodeLoader.add_constructor("!ENV", _NodeLoader.environment_value)


def _section(root_node: yaml.Node | None, *keys: str) -> yaml.Node | None:
    node = root_node
    for key in keys:
        if not isinstance(node, yaml.MappingNode):
            return None
        node = next(
            (value for name, value in node.value if isinstance(name, yaml.ScalarNode) and name.value == key), None
        )
    return node


def option_lines(text: str) -> dict[str, int]:
    """The mkdocs.yml line of each key under ``extra.handbook`` ("" -> the line of ``handbook:``)."""
    try:
        return _option_lines(yaml.compose(text, Loader=_NodeLoader))
    except yaml.YAMLError:
        return {}


def _option_lines(document: yaml.Node | None) -> dict[str, int]:
    extra = _section(document, "extra")
    if not isinstance(extra, yaml.MappingNode):
        return {}
    found = next(
        (
            (name, value)
            for name, value in extra.value
            if isinstance(name, yaml.ScalarNode) and name.value == "handbook"
        ),
        None,
    )
    if found is None:
        return {}
    key, node = found
    lines = {"": key.start_mark.line + 1}
    if isinstance(node, yaml.MappingNode):
        lines.update(
            {name.value: name.start_mark.line + 1 for name, _ in node.value if isinstance(name, yaml.ScalarNode)}
        )
    return lines


def read_project(root: Path | str, environ: Mapping[str, str] | None = None) -> Project:
    """mkdocs.yml's site name, URLs and ``extra.handbook``, validated, with the environment's overrides.

    Only the nodes the engine needs are turned into values, so the tags mkdocs.yml may
    hold elsewhere (``!ENV``, ``!!python/name``) are neither run nor an error; a tag in the
    sections read is one.
    """
    path = Path(root) / CONFIG_FILE
    if not path.is_file():  # a bare content folder: the defaults, and the environment's overrides
        return Project(SiteIdentity(name=""), read_settings({}, environ))
    try:
        text = path.read_text(encoding="utf-8")
        document = yaml.compose(text, Loader=_NodeLoader)
    except OSError as error:
        raise SettingsError([Problem(CONFIG_FILE, 1, "", f"cannot be read: {error.strerror}")]) from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        what = getattr(error, "problem", None) or error
        raise SettingsError(
            [Problem(CONFIG_FILE, mark.line + 1 if mark else 1, "", f"is not valid YAML: {what}")]
        ) from error

    def value(*keys: str) -> tuple[Any, Problem | None]:
        node = _section(document, *keys)
        if node is None:
            return None, None
        loader = _NodeLoader("")
        loader.environ = os.environ if environ is None else environ
        try:
            return loader.construct_object(node, deep=True), None
        except yaml.YAMLError as error:  # one line: what, and where the YAML library found it
            mark = getattr(error, "problem_mark", None) or node.start_mark
            return None, Problem(
                CONFIG_FILE,
                mark.line + 1,
                ".".join(keys),
                f"cannot be read here: {getattr(error, 'problem', None) or error}",
            )

    problems = []
    read = {}
    for keys in (("site_name",), ("site_url",), ("repo_url",), ("extra", "handbook")):
        read[keys], problem = value(*keys)
        if problem:
            problems.append(problem)
    handbook = read[("extra", "handbook")]
    lines = _option_lines(document)
    if handbook is not None and not isinstance(handbook, dict):
        problems.append(
            Problem(
                CONFIG_FILE,
                lines.get("", 1),
                SECTION,
                "is not a mapping of options",
                expected=f"{SECTION}: {{term_links: first, ...}}",
            )
        )
        handbook = None
    try:
        settings = read_settings(handbook, environ, lines=lines)
    except SettingsError as error:
        problems += error.problems
    if problems:
        raise SettingsError(problems)
    site = SiteIdentity(
        str(read[("site_name",)] or ""),
        str(read[("site_url",)] or ""),
        str(read[("repo_url",)]) if read[("repo_url",)] else None,
    )
    return Project(site, settings)

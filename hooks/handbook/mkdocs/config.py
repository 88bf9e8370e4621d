"""``extra.handbook`` in mkdocs.yml, validated with MkDocs' own config classes.

The options are declared once, in handbook.settings; here each becomes a MkDocs
``config_options`` entry of a ``Config`` schema, so a wrong value gets MkDocs' own
message ("Expected type: <class 'bool'> but received: <class 'str'>"), and an unknown
key, which MkDocs would only warn about, fails the build with a "did you mean". Every
problem is reported at once, with its mkdocs.yml line, then the build stops with a
PluginError (a message, no traceback).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from handbook.content.problems import Problem, did_you_mean, one_of
from handbook.settings import (
    BY_NAME,
    CONFIG_FILE,
    OPTIONS,
    SECTION,
    Option,
    Settings,
    SettingsError,
    SiteIdentity,
    describe,
    option_lines,
    read_settings,
)


def _config_option(spec: Option) -> c.BaseConfigOption:
    if spec.choices:
        checked: c.BaseConfigOption = c.Choice(spec.choices, default=spec.default)
    else:
        checked = c.Type(spec.kind, default=spec.default)
    return c.Optional(checked) if spec.optional else checked


# The schema MkDocs validates with, made from the one declaration of the options.
HandbookConfig: type[base.Config] = type(
    "HandbookConfig",
    (base.Config,),
    {
        "__doc__": "extra.handbook in mkdocs.yml (handbook.settings declares each option).",
        **{spec.name: _config_option(spec) for spec in OPTIONS},
    },
)


def validation_problems(values: Any, lines: dict[str, int], path: str = CONFIG_FILE) -> list[Problem]:
    """Every problem of ``extra.handbook``, in the one error grammar, with MkDocs' messages."""
    section_line = lines.get("", 1)
    if not isinstance(values, dict):
        return [
            Problem(
                path,
                section_line,
                SECTION,
                "is not a mapping of options",
                expected=f"{SECTION}: {{term_links: first, ...}}",
            )
        ]
    problems = []
    for name, value in values.items():
        line = lines.get(name, section_line)
        if name not in BY_NAME:
            problems.append(
                Problem(
                    path,
                    line,
                    f"{SECTION}.{name}",
                    f"Unrecognised configuration name: {name}",
                    expected=one_of(BY_NAME, limit=len(BY_NAME)),
                    suggestion=did_you_mean(name, BY_NAME),
                )
            )
            continue
        # One option at a time: MkDocs' Config.validate stops at the first failing option.
        config = HandbookConfig()
        config.load_dict({name: value})
        failed, _ = config.validate()
        for _key, error in failed:
            problems.append(
                Problem(
                    path, line, f"{SECTION}.{name}", str(error), suggestion=did_you_mean(value, BY_NAME[name].choices)
                )
            )
    return problems


def handbook_settings(config: MkDocsConfig) -> Settings:
    """This build's settings: mkdocs.yml's ``extra.handbook``, validated, with the environment's overrides.

    Raises PluginError listing every problem, so the build stops before anything is made.
    """
    values = config.extra.get("handbook")
    values = {} if values is None else values
    config_file = Path(config.config_file_path) if config.config_file_path else None
    path = config_file.name if config_file else CONFIG_FILE

    def problems_found(lines: dict[str, int]) -> tuple[Settings | None, list[Problem]]:
        problems = validation_problems(values, lines, path)
        if problems:
            return None, problems
        try:
            return read_settings(values, lines=lines, path=path), []  # also checks the HANDBOOK_* overrides
        except SettingsError as error:
            return None, error.problems

    settings, problems = problems_found({})
    if settings is not None:
        return settings
    # Only now is mkdocs.yml parsed again, for the line of each problem.
    if config_file is not None and config_file.is_file():
        _, problems = problems_found(option_lines(config_file.read_text(encoding="utf-8")))
    count = len(problems)
    raise PluginError(
        "\n".join(
            [f"{count} configuration problem{'s' if count != 1 else ''} found:", *(describe(p) for p in problems)]
        )
    )


def site_identity(config: MkDocsConfig) -> SiteIdentity:
    """The site's name and addresses as mkdocs.yml gives them, for what the engine writes (the Atom feed)."""
    return SiteIdentity(config.site_name, config.site_url or "", config.repo_url)

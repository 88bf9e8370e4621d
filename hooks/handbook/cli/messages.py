"""``handbook messages``: which interface strings a language still lacks, and a template for translators.

For each language with a catalogue (or the one given), prints the strings the engine uses
without a complete translation, the translations of strings it no longer uses, and the
catalogue's own problems (one msgid translated two ways, a wrong Plural-Forms header),
each as ``path:line: "msgid": what is wrong (expected ...)``. ``--pot FILE`` writes every
msgid, with where it is used, as a gettext template (.pot) that translation tools open.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import write_po

from handbook.languages import SOURCE_LANGUAGE
from handbook.languages.catalogue import MESSAGES_DIR, UnknownLanguage, known_languages, language_name
from handbook.languages.extract import ExtractionError, compare, extract_messages


def write_template(root: Path, target: Path) -> int:
    """Writes the .pot template of every msgid in use; returns how many."""
    catalog = extract_messages(root)
    with target.open("wb") as stream:
        write_po(stream, catalog, width=76, sort_by_file=True, include_lineno=True)
    return len(catalog)


def run(root: Path, language: str | None = None, pot: Path | None = None, folder: Path | None = None) -> int:
    """The command's work: 0 when every language is complete and tidy, 1 otherwise."""
    folder = folder or MESSAGES_DIR
    try:
        if pot is not None:
            count = write_template(root, pot)
            print(f"{pot}: {count} messages", file=sys.stderr)
            return 0
        used = extract_messages(root)
    except ExtractionError as error:
        print(error, file=sys.stderr)
        return 1
    known = [code for code in known_languages(folder) if code != SOURCE_LANGUAGE]
    languages = [language] if language else known
    failed = False
    for code in languages:
        try:
            report = compare(root, code, folder, used=used)
        except UnknownLanguage as error:
            print(f"handbook messages: {error}", file=sys.stderr)
            return 2
        for problem in report.problems + report.missing + report.obsolete:
            print(problem)
        failed = failed or bool(report.problems or report.missing or report.obsolete)
        print(
            f"{language_name(code)} ({code}): {len(used)} strings in use, {len(report.missing)} without a "
            f"translation, {len(report.obsolete)} obsolete, {len(report.problems)} problems in the catalogue",
            file=sys.stderr,
        )
    if not languages:
        print(f"handbook messages: no catalogues under {folder} (English needs none)", file=sys.stderr)
    return 1 if failed else 0

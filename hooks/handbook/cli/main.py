"""The ``handbook`` command-line tool, over the same core the site build uses.

Each command is a small ``add_*`` function below that declares its arguments and names
the function that runs it; the work itself lives in its own module (scaffold, codeowners,
review, linkcheck...). To add a command, write ``add_<name>`` and list it in ``COMMANDS``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def _find_root(start: Path) -> Path:
    for candidate in (start, *start.parents):
        if (candidate / "mkdocs.yml").exists():
            return candidate
    return start


def _settings(root: Path):
    """mkdocs.yml's options for the engine (handbook.settings) as a build would see them;
    None, after printing what is wrong, if an option has a wrong value."""
    from handbook.settings import SettingsError, describe, read_project

    try:
        return read_project(root).settings
    except SettingsError as error:
        for problem in error.problems:
            print(describe(problem), file=sys.stderr)
        return None


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)


# -- check -------------------------------------------------------------------------------
def cmd_check(args: argparse.Namespace) -> int:
    from handbook.cli import codeowners
    from handbook.cli.translation_report import check_warnings
    from handbook.content.corpus import load_corpus
    from handbook.content.drafts import drafts_included, select
    from handbook.pages.generated import generated_pages
    from handbook.site import address_clashes, item_sources

    started = time.perf_counter()
    settings = _settings(args.root)
    if settings is None:
        return 1
    result = load_corpus(args.root, languages=settings.languages)  # translations in the site's languages checked too
    clashes = address_clashes(item_sources(result.corpus), generated_pages(result.corpus))
    # As `mkdocs build` would: references from published items to drafts it leaves out.
    drafts = select(result, drafts_included("check", settings.drafts)).problems
    problems = sorted(
        result.problems + clashes + drafts + codeowners.check(args.root, result.corpus),
        key=lambda p: (p.path, p.line, p.field),
    )
    for problem in problems:
        print(problem)
    # Outdated translations: said, never failing the check (the English moved on; the site says so too).
    warnings = check_warnings(args.root, result, settings.languages)
    for line in warnings:
        print(line)
    count = len(problems)
    summary = (
        f"{result.files} files, {len(result.corpus)} items checked in {time.perf_counter() - started:.2f}s: "
        f"{count} problem{'s' if count != 1 else ''}"
        + (f", {len(warnings)} warning{'s' if len(warnings) != 1 else ''}" if warnings else "")
    )
    print(summary, file=sys.stderr)
    return 1 if count else 0


def add_check(commands) -> None:
    check = commands.add_parser("check", help="validate every content file (and CODEOWNERS) without building the site")
    check.set_defaults(run=cmd_check)


# -- new ---------------------------------------------------------------------------------
def cmd_new(args: argparse.Namespace) -> int:
    from handbook.cli import codeowners
    from handbook.cli.scaffold import InvalidId, Scaffolder, ScaffoldError

    scaffolder = Scaffolder(args.root)
    options = {name: value for name, value in vars(args).items() if name.startswith("opt_") and value is not None}
    options = {name[len("opt_") :]: value for name, value in options.items()}
    try:
        if args.kind == "perspective":
            outcome = scaffolder.new_perspective(args.term, args.by, stance=args.stance, definition=args.definition)
        elif args.kind == "chapter":
            outcome = scaffolder.new_chapter(args.handbook, args.title, chapter_id=args.id)
        elif args.kind == "handbook":
            outcome = scaffolder.new_handbook(args.title, args.editor or [], handbook_id=args.id)
        else:
            outcome = scaffolder.new_item(args.kind, args.title, item_id=args.id, **options)
    except ScaffoldError as error:
        print(f"handbook new {args.kind}: {error}", file=sys.stderr)
        return 2 if isinstance(error, InvalidId) else 1  # 2: a bad argument, as argparse reports one
    for path in outcome.created:
        print(_relative(path, args.root))
    for path in outcome.changed:
        print(f"{_relative(path, args.root)} (updated)")
    if args.kind == "handbook" and (args.root / codeowners.CODEOWNERS_PATH).is_file():
        from handbook.content.corpus import load_corpus

        path = codeowners.write(args.root, load_corpus(args.root).corpus)
        print(f"{_relative(path, args.root)} (updated)")
    return 0


def add_new(commands) -> None:
    from handbook.content.kinds import CONVENING, EVIDENCE, HANDBOOK, ORGANISATION, RESOURCE, STORY, TERM

    new = commands.add_parser(
        "new",
        help="create a new content file from its template",
        description="Create a correctly named file from .github/content-templates/ and print its path.",
    )
    kinds = new.add_subparsers(dest="kind", required=True, metavar="KIND")

    def kind(name: str, help_: str, title: bool = True) -> argparse.ArgumentParser:
        parser = kinds.add_parser(name, help=help_)
        parser.set_defaults(run=cmd_new)
        if title:
            parser.add_argument("title", help="the title (the id is made from it unless --id is given)")
            parser.add_argument("--id", help="the id, i.e. the file name without .md (lower-case-with-hyphens)")
        return parser

    term = kind("term", f"a glossary term: {TERM.source}/<id>.md")
    term.add_argument("--group", dest="opt_group", help="a term_groups id (default: other)")
    term.add_argument(
        "--by", dest="opt_attributed_to", help="who the first perspective is attributed to (default: This handbook)"
    )

    perspective = kind("perspective", "a perspective appended to an existing term", title=False)
    perspective.add_argument("term", help="the term's id, e.g. co-production")
    perspective.add_argument("--by", required=True, help="the named person or organisation it is attributed to")
    perspective.add_argument(
        "--stance", default="extends", help="origin, extends, contests, critiques or alternative (default: extends)"
    )
    perspective.add_argument("--definition", help="the definition, paraphrased (default: a TODO to replace)")

    evidence = kind("evidence", f"an evidence item: {EVIDENCE.source}/<id>.md (id: <surname>-<year>)")
    evidence.add_argument("--year", dest="opt_year", type=int, help="year of publication")
    evidence.add_argument("--type", dest="opt_evidence_type", help="an evidence_types id (default: think-piece)")

    story = kind("story", f"a case story: {STORY.source}/<id>.md")
    story.add_argument("--type", dest="opt_story_type", help="a story_types id (default: practitioner-story)")
    story.add_argument("--storyteller", dest="opt_storyteller", help="the storyteller's name as they chose it")
    story.add_argument("--naming", dest="opt_naming", help="full-name, first-name, pseudonym or anonymous (default)")
    story.add_argument("--consent-date", dest="opt_consent_date", help="the date consent was recorded (YYYY-MM-DD)")

    convening = kind("convening", f"a convening write-up: {CONVENING.source}/<id>.md")
    convening.add_argument("--date", dest="opt_date", help="YYYY-MM-DD, YYYY-MM or YYYY (default: today)")
    convening.add_argument("--format", dest="opt_format", help="in-person, online (default) or hybrid")
    convening.add_argument("--town", dest="opt_town", help="where it took place (needed for in-person and hybrid)")

    resource = kind("resource", f"a resource: {RESOURCE.source}/<id>.md")
    resource.add_argument("--kind", dest="opt_resource_kind", help="a resource_kinds id (default: tool)")

    organisation = kind("organisation", f"an organisation: {ORGANISATION.source}/<id>.md")
    organisation.add_argument("--nation", dest="opt_nation", help="a nations id (default: uk-wide)")

    chapter = kinds.add_parser("chapter", help="a chapter, added to its handbook's chapters list")
    chapter.set_defaults(run=cmd_new)
    chapter.add_argument("handbook", help="the handbook's id (its folder under handbooks/)")
    chapter.add_argument("title")
    chapter.add_argument("--id", help="the chapter id (default: made from the title)")

    handbook = kind("handbook", f"a handbook: {HANDBOOK.source}/<id>/index.md with a first chapter")
    handbook.add_argument("--editor", action="append", help="a GitHub handle or team who reviews it (repeatable)")


# -- codeowners --------------------------------------------------------------------------
def cmd_codeowners(args: argparse.Namespace) -> int:
    from handbook.cli import codeowners
    from handbook.content.corpus import load_corpus

    result = load_corpus(args.root)
    # The loader leaves out editors that are not handles: the file would silently lose them.
    refused = [p for p in result.problems if p.field.startswith("editors")]
    for problem in refused:
        print(problem, file=sys.stderr)
    if refused:
        print(
            f"handbook codeowners: fix the editors above first; {codeowners.CODEOWNERS_PATH} left as it was",
            file=sys.stderr,
        )
        return 1
    try:
        if args.write:
            path = codeowners.write(args.root, result.corpus)
            print(_relative(path, args.root))
        else:
            sys.stdout.write(codeowners.render(result.corpus))
    except codeowners.CodeownersError as refusal:
        print(f"{refusal} ({codeowners.CODEOWNERS_PATH} left as it was)", file=sys.stderr)
        return 1
    return 0


def add_codeowners(commands) -> None:
    parser = commands.add_parser("codeowners", help="print (or --write) .github/CODEOWNERS from the handbooks' editors")
    parser.add_argument("--write", action="store_true", help="write .github/CODEOWNERS instead of printing it")
    parser.set_defaults(run=cmd_codeowners)


# -- review ------------------------------------------------------------------------------
def cmd_review(args: argparse.Namespace) -> int:
    from handbook.cli.review import ReviewError, review_refs

    try:
        report = review_refs(args.root, args.base, args.head)
    except ReviewError as error:
        print(f"handbook review: {error}", file=sys.stderr)
        return 2
    if args.output:
        args.output.write_text(report, encoding="utf-8")
    else:
        sys.stdout.write(report)
    return 0


def add_review(commands) -> None:
    parser = commands.add_parser(
        "review",
        help="a Markdown report of the content changes since a git ref, work in progress included",
        description="Compare the content at BASE with a second git ref or, by default, with the working tree: the "
        "last commit with its staged and unstaged changes and the new files git does not ignore. "
        "Give HEAD as the second ref to compare commits only (as the pull request check does).",
    )
    parser.add_argument("base", help="the git ref before the change, e.g. origin/main")
    parser.add_argument(
        "head",
        nargs="?",
        default=None,
        help="the git ref after the change; without it, the working tree (give HEAD to compare commits only)",
    )
    parser.add_argument("--output", "-o", type=Path, help="write the report to this file")
    parser.set_defaults(run=cmd_review)


# -- links -------------------------------------------------------------------------------
def cmd_links(args: argparse.Namespace) -> int:
    from handbook.cli.linkcheck import check_links, collect_links, report_markdown
    from handbook.content.corpus import load_corpus

    links = collect_links(load_corpus(args.root).corpus)
    results = check_links(links, timeout=args.timeout, workers=args.workers)
    broken = [result for result in results if not result.ok]
    if args.markdown:
        text = report_markdown(results)
        if args.output:
            args.output.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
    else:
        for result in broken:
            for where in result.link.places:
                print(f"{where}: {result.link.url}: {result.reason}")
    print(f"{len(results)} external links checked: {len(broken)} broken", file=sys.stderr)
    return 1 if broken else 0


def add_links(commands) -> None:
    parser = commands.add_parser("links", help="check the external links (url, doi, website fields and Markdown links)")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown report (for an issue)")
    parser.add_argument("--output", "-o", type=Path, help="with --markdown: write the report to this file")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per request (default: 20)")
    parser.add_argument("--workers", type=int, default=8, help="requests at once (default: 8)")
    parser.set_defaults(run=cmd_links)


# -- mentions ----------------------------------------------------------------------------
def cmd_mentions(args: argparse.Namespace) -> int:
    from handbook.content.corpus import load_corpus
    from handbook.linking.mentions import summary, unlinked_mentions

    settings = _settings(args.root) if args.mode is None else None
    if args.mode is None and settings is None:
        return 1
    mentions = unlinked_mentions(
        load_corpus(args.root).corpus, mode=args.mode if settings is None else settings.term_links
    )
    for mention in sorted(mentions, key=lambda m: (m.term_title.casefold(), m.path, m.line)):
        print(mention)
    print("\n".join(summary(mentions)), file=sys.stderr)
    return 0


def add_mentions(commands) -> None:
    parser = commands.add_parser("mentions", help="list glossary term mentions that the site leaves unlinked, per term")
    parser.add_argument(
        "--mode",
        choices=("first", "all"),
        help="which mentions the site links (default: extra.handbook.term_links in mkdocs.yml)",
    )
    parser.set_defaults(run=cmd_mentions)


# -- import ------------------------------------------------------------------------------
def cmd_import(args: argparse.Namespace) -> int:
    from handbook.cli import codeowners
    from handbook.content.corpus import load_corpus
    from handbook.importing.run import ImportOptions, ImportRefused, import_handbook

    options = ImportOptions(
        args.source, args.handbook, args.editor or [], title=args.title, summary=args.summary, draft=args.draft
    )
    if args.report and args.report.resolve().is_relative_to(args.root / "handbooks"):
        # a report inside handbooks/ would itself be a content file the loader refuses
        print("handbook import: --report must name a file outside handbooks/", file=sys.stderr)
        return 2
    try:
        result = import_handbook(args.root, options)
    except ImportRefused as refusal:
        print(f"handbook import: {refusal}", file=sys.stderr)
        return 2
    report = result.report.render(f"Import of {args.source} into handbooks/{args.handbook}")
    sys.stdout.write(report)
    if args.report:
        args.report.write_text(report, encoding="utf-8")
    for path in result.written:
        print(_relative(path, args.root), file=sys.stderr)
    if (args.root / codeowners.CODEOWNERS_PATH).is_file():
        path = codeowners.write(args.root, load_corpus(args.root).corpus)
        print(f"{_relative(path, args.root)} (updated)", file=sys.stderr)
    mine = f"handbooks/{args.handbook}/"
    problems = [p for p in load_corpus(args.root).problems if p.path.startswith(mine)]
    for problem in problems:
        print(problem, file=sys.stderr)
    print(
        f"handbooks/{args.handbook}: {len(result.chapters)} chapters, {result.images} images, "
        f"{len(result.report.notes)} changes reported, {len(problems)} problems left",
        file=sys.stderr,
    )
    return 1 if problems else 0


def add_import(commands) -> None:
    parser = commands.add_parser(
        "import",
        help="make a handbook from a folder of ordinary Markdown (Jekyll, Hugo, GitBook, Docusaurus, MkDocs...)",
        description="Copy a folder of Markdown into handbooks/ID, mapping titles, order, links, images and "
        "callouts, and report every change (see docs/contribute/importing.md).",
    )
    parser.add_argument("source", type=Path, metavar="SOURCE_DIR", help="the folder of Markdown files (read only)")
    parser.add_argument(
        "--handbook", required=True, metavar="ID", help="the new handbook's id (lower-case-with-hyphens)"
    )
    parser.add_argument(
        "--editor",
        action="append",
        metavar="@HANDLE",
        help="a GitHub handle or team who reviews it (required, repeatable)",
    )
    parser.add_argument("--title", help="the handbook's title (default: the source's README or index page)")
    parser.add_argument("--summary", help="the handbook's summary (default: from the README or index page)")
    parser.add_argument("--draft", action="store_true", help="import as status: draft (previewed, not published)")
    parser.add_argument(
        "--report", type=Path, metavar="FILE", help="also write the report to FILE (outside handbooks/)"
    )
    parser.set_defaults(run=cmd_import)


# -- from-issue ---------------------------------------------------------------------------
def cmd_from_issue(args: argparse.Namespace) -> int:
    import datetime as dt

    from handbook.contributions.from_issue import FromIssueError, RecordOptions, from_issue, write

    name = "handbook from-issue"
    try:
        raw = sys.stdin.read() if args.body == "-" else Path(args.body).read_text(encoding="utf-8")
        date = dt.date.fromisoformat(args.date) if args.date else None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        print(f"{name}: {error}", file=sys.stderr)
        return 2
    record = RecordOptions(args.issue_url, args.by, args.recorded_by, date, args.id)
    shown_as = "<stdin>" if args.body == "-" else args.body
    try:
        draft = from_issue(args.root, raw, shown_as, args.kind, record)
        if draft.kind == "correction":
            for problem in draft.problems:
                print(problem, file=sys.stderr)
            sys.stdout.write(draft.note)
            if args.write:
                print(f"{name}: a correction is made by editing the page's file by hand", file=sys.stderr)
            return 1 if draft.problems or args.write else 0
        for problem in draft.problems:
            print(problem)
        if not draft.ok:
            print(f"{name}: nothing written: {len(draft.problems)} problems", file=sys.stderr)
            return 1
        if args.write:
            path = write(args.root, draft)
            print(_relative(path, args.root) + ("" if draft.new else " (updated)"))
        else:
            sys.stdout.write(draft.text)
            print(f"{name}: {draft.path} passes the checks; --write writes it", file=sys.stderr)
    except FromIssueError as error:
        print(f"{name}: {error}", file=sys.stderr)
        return 2
    return 0


def add_from_issue(commands) -> None:
    from handbook.contributions.issue_forms import KINDS

    parser = commands.add_parser(
        "from-issue",
        help="turn a suggestion issue's body (from an issue form) into its content file, checked",
        description="Read the body of an issue opened with one of the forms in .github/ISSUE_TEMPLATE/, build "
        "the file it suggests, check it as `handbook check` does, and print it (or --write it). Nothing is "
        "written when it has problems. See docs/contribute/reviewing.md.",
    )
    parser.add_argument("body", metavar="ISSUE_BODY_FILE", help="the issue's body, as a file (- reads stdin)")
    parser.add_argument("--kind", choices=KINDS, help="the form it was opened with (default: told from its headings)")
    parser.add_argument("--write", action="store_true", help="write the file into the repository")
    parser.add_argument("--issue-url", help="the issue's address: the record of a self-listing or of a story's consent")
    parser.add_argument("--by", help="an organisation's self-listing: who listed it (default: the form's answer)")
    parser.add_argument(
        "--recorded-by", help="a story: the maintainer who recorded the storytellers' consent (required for a story)"
    )
    parser.add_argument("--date", help="a story: the date consent was recorded, YYYY-MM-DD (default: today)")
    parser.add_argument("--id", help="the new file's id (default: made from its title, as handbook new does)")
    parser.set_defaults(run=cmd_from_issue)


# -- issue-forms --------------------------------------------------------------------------
def cmd_issue_forms(args: argparse.Namespace) -> int:
    from handbook.content.vocabulary import load_vocabularies
    from handbook.contributions.issue_forms import rendered_forms

    problems: list = []
    vocabularies = load_vocabularies(args.root, problems)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1
    stale = []
    for rel_path, text in rendered_forms(vocabularies).items():
        path = args.root / rel_path
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(rel_path)
        if args.write:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        print(rel_path + (" (written)" if args.write else " (out of date)"))
    if stale and not args.write:
        print("handbook issue-forms: run it with --write to update them", file=sys.stderr)
        return 1
    return 0


def add_issue_forms(commands) -> None:
    parser = commands.add_parser(
        "issue-forms",
        help="check (or --write) the GitHub issue forms made from the content model and vocabularies",
    )
    parser.add_argument("--write", action="store_true", help="write the forms that are out of date")
    parser.set_defaults(run=cmd_issue_forms)


# -- schema ------------------------------------------------------------------------------
def cmd_schema(args: argparse.Namespace) -> int:
    import json

    from handbook.content.vocabulary import load_vocabularies
    from handbook.contributions.field_help import field_help
    from handbook.contributions.schema import content_schema, schema_json

    problems: list = []
    vocabularies = load_vocabularies(args.root, problems)
    for problem in problems:  # the schema is still written, with what the vocabularies hold
        print(problem, file=sys.stderr)
    help_text = field_help(args.root)
    if args.kind is None:
        sys.stdout.write(schema_json(vocabularies, help_text=help_text).decode())
    else:
        definition = content_schema(vocabularies, help_text=help_text)["$defs"][args.kind]
        print(json.dumps(definition, indent=2, ensure_ascii=False))
    return 1 if problems else 0


def add_schema(commands) -> None:
    from handbook.contributions.schema import KINDS

    parser = commands.add_parser(
        "schema",
        help="print the JSON Schema of the front matter (published by every build at /contribute/schema.json)",
    )
    parser.add_argument("--kind", choices=[kind.name for kind in KINDS], help="only this kind's definition")
    parser.set_defaults(run=cmd_schema)


# -- messages ----------------------------------------------------------------------------
def cmd_messages(args: argparse.Namespace) -> int:
    from handbook.cli.messages import run

    return run(args.root, language=args.language, pot=args.pot)


def add_messages(commands) -> None:
    parser = commands.add_parser(
        "messages",
        help="list the interface strings a language lacks or no longer needs (or write a .pot template)",
        description="Compare the interface strings the engine uses (templates, code, mkdocs.yml) with each "
        "language's catalogue in hooks/handbook/languages/messages/ and print what is missing or obsolete; "
        "exits 1 if anything is. See docs/contribute/translating.md.",
    )
    parser.add_argument("--language", metavar="CODE", help="only this language, e.g. cy (default: every one)")
    parser.add_argument("--pot", type=Path, metavar="FILE", help="write every string in use as a .pot template")
    parser.set_defaults(run=cmd_messages)


COMMANDS = [
    add_check,
    add_new,
    add_codeowners,
    add_review,
    add_links,
    add_mentions,
    add_import,
    add_from_issue,
    add_issue_forms,
    add_schema,
    add_messages,
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="handbook", description="Work with the relationship-centred practice handbooks."
    )
    parser.add_argument(
        "--root", type=Path, default=None, help="repository root (default: the folder holding mkdocs.yml)"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for add in COMMANDS:
        add(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.root = (args.root or _find_root(Path.cwd())).resolve()
    return args.run(args)

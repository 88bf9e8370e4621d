"""An issue form's body -> the item file it suggests, checked as `handbook check` would.

GitHub writes a form's answers into the issue's body as Markdown: one ``### Label``
heading per question, in the form's order, then the answer; ``_No response_`` for an
empty text, ``None`` for an empty dropdown, the chosen options' titles joined by ", ",
and ``- [X] label`` per ticked checkbox. ``parse`` reads that back by the labels of the
form in ``issue_forms`` (the issue body is untrusted text: bounded in size, control
characters refused, a heading counted only where it is one of the form's labels);
a builder per form turns the answers into front matter (dumped by a YAML dumper, never
pasted together) and a body; ``check`` loads a temporary copy of the content with the
new file in it, through the same loader as `handbook check`, and keeps the problems that
file brings, so an answer's problems and the file's come in one run. Nothing is written
unless every check passes.

What the issue cannot say is never made up: a story's consent is recorded only from the
maintainer's ``--recorded-by`` (with the issue as the record), and a self-listed
organisation's record is the issue's address the maintainer passes.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from handbook.cli.scaffold import FOLDERS, InvalidId, Outcome, Scaffolder, ScaffoldError, item_id_for
from handbook.cli.yaml_edit import EditError, append_to_sequence
from handbook.content import kinds
from handbook.content.corpus import Corpus, LoadResult, load_corpus
from handbook.content.fields import CONTROL_CHARACTER
from handbook.content.model import CONTRIBUTED, SELF_LISTED, Term
from handbook.content.problems import Problem, did_you_mean, one_of
from handbook.contributions.issue_forms import FORMS, RESERVED_OPTION, IssueForm, Question, form_for, options
from handbook.linking.urls import url_for

# GitHub's own limit for an issue's body; anything longer did not come from a form.
MAX_BODY_CHARS = 65_536
NO_RESPONSE = "_No response_"
MAX_REPORTED_LINES = 20  # of a body's lines with control characters: then one line says there are more
_TICK = re.compile(r"^- \[([ xX])\] (.*)$")
_YEAR = re.compile(r"^\d{4}$")
# The top-level folders the loader reads (handbooks/, glossary/, docs/): what a check copies.
# How the readers say a field is missing ("is required but missing", "is missing: a ... entry needs it").
_MISSING = ("is required but missing", "is missing")
CONTENT_FOLDERS = tuple(sorted({kind.source.split("/")[0] for kind in kinds.KINDS}))


class FromIssueError(Exception):
    """The command cannot go on (no form recognised, a file in the way...): a usage error."""


@dataclass(frozen=True)
class Answer:
    value: str | None  # as written, outer blank lines removed; None: not answered
    line: int  # the line of its heading in the body
    ticked: frozenset[str] = frozenset()  # a checkboxes question's ticked boxes


@dataclass(frozen=True)
class RecordOptions:
    """What the maintainer adds: only they can say it."""

    issue_url: str | None = None  # the issue: a self-listing's or a story's consent record
    by: str | None = None  # who listed a self-listed organisation (default: the form's answer)
    recorded_by: str | None = None  # the maintainer who recorded a story's consent
    date: dt.date | None = None  # when consent was recorded (default: today)
    item_id: str | None = None  # the new file's id (default: made from its title, as `handbook new` does)


@dataclass
class Draft:
    """The file an issue suggests, or why it cannot be made."""

    kind: str
    path: str | None = None  # from the repository root; None when no file could be made
    text: str = ""
    new: bool = True  # False: an existing file with something added (a perspective)
    problems: list[Problem] = field(default_factory=list)
    note: str = ""  # a correction: what the reviewer should change by hand

    @property
    def ok(self) -> bool:
        return not self.problems and self.path is not None


# -- reading the body ---------------------------------------------------------------------
def untrusted_text(raw: str, body_path: str) -> tuple[str, list[Problem]]:
    """The body with Windows line ends made plain; problems for what no form produces."""
    if len(raw) > MAX_BODY_CHARS:
        return "", [
            Problem(
                body_path,
                1,
                "body",
                f"has {len(raw):,} characters",
                expected=f"at most {MAX_BODY_CHARS:,}, GitHub's limit for an issue",
            )
        ]
    text = raw.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    problems: list[Problem] = []
    for number, line in enumerate(text.split("\n"), start=1):
        found = CONTROL_CHARACTER.search(line)
        if found and len(problems) == MAX_REPORTED_LINES:
            problems.append(Problem(body_path, number, "body", "has more lines with control characters, from here"))
            break
        if found:
            problems.append(
                Problem(
                    body_path,
                    number,
                    "body",
                    f"contains the control character U+{ord(found.group()):04X}",
                    expected="plain text: letters, digits, punctuation, spaces and line breaks",
                )
            )
    return text, problems


def _heading(line: str) -> str | None:
    return line[4:].strip() if line.startswith("### ") else None


def detect_kind(text: str) -> str | None:
    """The form whose questions the body answers: every label of it is a heading there."""
    headings = {_heading(line) for line in text.split("\n")} - {None}
    found = [form for form in FORMS if all(question.label in headings for question in form.questions)]
    return found[0].kind if len(found) == 1 else None


def parse(text: str, form: IssueForm, body_path: str) -> tuple[dict[str, Answer], list[Problem]]:
    """Each question's answer, by its id. A question whose heading is missing or repeated
    is a problem (an edited body: which text answers it cannot be told)."""
    lines = text.split("\n")
    labels = {question.label: question for question in form.questions}
    where: dict[str, list[int]] = {}
    for index, line in enumerate(lines):
        label = _heading(line)
        if label in labels:
            where.setdefault(label, []).append(index)
    problems = []
    starts = []
    for question in form.questions:
        found = where.get(question.label, [])
        if len(found) != 1:
            problems.append(
                Problem(
                    body_path,
                    found[1] + 1 if found else 1,
                    question.id,
                    f"the heading '### {question.label}' appears {len(found)} times"
                    if found
                    else f"has no '### {question.label}' heading",
                    expected=f"the body as GitHub writes it from the '{form.name}' form: each question's heading once",
                )
            )
            continue
        starts.append((found[0], question))
    starts.sort(key=lambda start: start[0])
    answers = {}
    for position, (start, question) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else len(lines)
        section = lines[start + 1 : end]
        # Problems point at the answer's first line (1-based), or at the heading when it is empty.
        first = next((offset for offset, line in enumerate(section) if line.strip()), None)
        answers[question.id] = _answer(question, section, start + 2 + first if first is not None else start + 1)
    return answers, problems


def _answer(question: Question, lines: list[str], line: int) -> Answer:
    value = "\n".join(lines).strip("\n").rstrip()
    if question.type == "checkboxes":
        ticks = (_TICK.match(each.strip()) for each in lines)
        ticked = frozenset(found.group(2).strip() for found in ticks if found and found.group(1) != " ")
        return Answer(value or None, line, ticked)
    # What GitHub writes for a question left empty: "None" only for a dropdown, where it is no option.
    empty = {"", NO_RESPONSE, RESERVED_OPTION} if question.type == "dropdown" else {"", NO_RESPONSE}
    return Answer(None if value.strip() in empty else value, line)


# -- answers -> fields ---------------------------------------------------------------------
class Answers:
    """The answers of one body, read as fields: each problem goes to the body's line."""

    def __init__(self, form: IssueForm, answers: dict[str, Answer], corpus: Corpus, body_path: str):
        self.form, self.answers, self.corpus, self.body_path = form, answers, corpus, body_path
        self.problems: list[Problem] = []

    def problem(self, question_id: str, message: str, expected: str | None = None, hint: str | None = None) -> None:
        answer = self.answers.get(question_id)
        self.problems.append(
            Problem(self.body_path, answer.line if answer else 1, question_id, message, expected, hint)
        )

    def text(self, question_id: str) -> str | None:
        question = self.form.question(question_id)
        answer = self.answers.get(question_id)
        value = answer.value.strip() if answer and answer.value else None
        if value is None and question.required and answer is not None:
            self.problem(question_id, "is not answered", expected="an answer: the form requires one")
        return value or None

    def lines(self, question_id: str) -> list[str]:
        """One value per line (aliases, authors, findings)."""
        value = self.text(question_id)
        return [line.strip() for line in (value or "").split("\n") if line.strip()]

    def _titles(self, question: Question) -> dict[str, str]:
        vocabulary = getattr(self.corpus.vocabularies, question.vocabulary or "")
        return {entry.title: entry.id for entry in vocabulary}

    def _known(self, question: Question, label: str) -> str | None:
        titles = self._titles(question)
        if label in titles:
            return titles[label]
        by_case = {title.casefold(): entry_id for title, entry_id in titles.items()}
        if label.casefold() in by_case:
            return by_case[label.casefold()]
        self.problem(
            question.id,
            f"'{label}' is not one of the form's options",
            expected=one_of(options(question, self.corpus.vocabularies)),
            hint=did_you_mean(label, titles),
        )
        return None

    def choice(self, question_id: str) -> str | None:
        """The id of the vocabulary entry whose title was chosen."""
        question = self.form.question(question_id)
        label = self.text(question_id)
        return None if label is None else self._known(question, label)

    def choices(self, question_id: str) -> list[str]:
        question = self.form.question(question_id)
        value = self.text(question_id)
        if value is None:
            return []
        found = [self._known(question, label) for label in _split_labels(value, list(self._titles(question)))]
        return list(dict.fromkeys(entry_id for entry_id in found if entry_id is not None))

    def confirmed(self, question_id: str) -> None:
        """Every box of a checkboxes question ticked, as the form requires."""
        question = self.form.question(question_id)
        answer = self.answers.get(question_id)
        if answer is None:
            return  # its heading is missing: reported already
        for label in question.confirmations:
            if label not in answer.ticked:
                self.problem(question_id, f"'{label}' is not ticked", expected="every box of this question ticked")


def _split_labels(value: str, titles: list[str]) -> list[str]:
    """Options joined by ", ", read by the known titles first, so a title holding a comma stays whole."""
    out = []
    position = 0
    longest_first = sorted(titles, key=len, reverse=True)
    while position < len(value):
        title = next(
            (
                title
                for title in longest_first
                if value.startswith(title, position)
                and (position + len(title) == len(value) or value.startswith(", ", position + len(title)))
            ),
            None,
        )
        if title is not None:
            end = position + len(title)
        else:  # not an option: up to the next separator, reported as unknown
            comma = value.find(", ", position)
            end = len(value) if comma == -1 else comma
        out.append(value[position:end].strip())
        position = end + 2
    return [label for label in out if label]


def _omit_empty(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def _year(value: str | None) -> int | str | None:
    return int(value) if value is not None and _YEAR.match(value) else value


def front_matter(data: dict) -> str:
    """The front matter block, dumped by PyYAML: any text stays one quoted or plain scalar."""
    dumped = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    return f"---\n{dumped}---\n"


def _source(a: Answers) -> dict | None:
    source = _omit_empty(
        {"title": a.text("source_title"), "year": _year(a.text("source_year")), "url": a.text("source_url")}
    )
    return source or None


def _perspective(a: Answers) -> dict:
    return _omit_empty(
        {
            "definition": a.text("definition"),
            "attributed_to": a.text("attributed_to"),
            "stance": a.choice("stance"),
            "source": _source(a),
        }
    )


# -- one builder per form: answers -> (path, text) -----------------------------------------
@dataclass
class Context:
    root: Path
    answers: Answers
    record: RecordOptions
    today: dt.date

    def new_path(self, kind: str, title: str | None, question_id: str, made_id: str | None = None) -> str | None:
        """The new file's path, with the id `handbook new` would give it (or --id)."""
        try:
            item_id = Scaffolder(self.root).check_id(self.record.item_id or made_id, title)
        except InvalidId as refusal:
            self.answers.problem(question_id, str(refusal), expected="a title with letters or digits, or --id")
            return None
        return f"{FOLDERS[kind]}/{item_id}.md"


def build_term(c: Context) -> tuple[str | None, str]:
    a = c.answers
    a.confirmed("own_words")
    title = a.text("term")
    data = _omit_empty(
        {
            "term": title,
            "aliases": a.lines("aliases"),
            "group": a.choice("group"),
            "working_definition": a.text("working_definition"),
            "perspectives": [_perspective(a)],
            "themes": a.choices("themes"),
        }
    )
    return c.new_path("term", title, "term") if title else None, front_matter(data)


def build_perspective(c: Context) -> tuple[str | None, str]:
    a = c.answers
    a.confirmed("own_words")
    perspective = _perspective(a)
    term = _find_term(a)
    if term is None:
        return None, ""
    try:
        path = Scaffolder(c.root).inside(term.path)
    except ScaffoldError as refusal:
        raise FromIssueError(str(refusal)) from refusal
    dumped = yaml.safe_dump([perspective], sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    try:
        text = append_to_sequence(path.read_text(encoding="utf-8"), "perspectives", dumped.splitlines())
    except EditError as error:
        raise FromIssueError(f"{term.path}: {error}") from error
    return term.path, text


def _find_term(a: Answers) -> Term | None:
    """The term named by its id, a name or alias, or its page's address."""
    wanted = a.text("term")
    if wanted is None:
        return None
    terms = a.corpus.terms
    key = " ".join(wanted.casefold().split())
    address = [part for part in wanted.split("?")[0].split("#")[0].split("/") if part]
    for term in terms:
        names = {" ".join(name.casefold().split()) for name in term.names}
        if key == term.id or key in names or url_for("term", term.id).strip("/").split("/") == address[-2:]:
            return term
    a.problem(
        "term",
        f"'{wanted}' is not a term in the glossary",
        expected="the name or id of an existing term (a new term has its own form)",
        hint=did_you_mean(key, [term.id for term in terms]),
    )
    return None


def build_story(c: Context) -> tuple[str | None, str]:
    a = c.answers
    a.confirmed("consent")
    title = a.text("title")
    storyteller = _omit_empty({"name": a.text("storyteller"), "naming": a.choice("naming"), "role": a.text("role")})
    place = _omit_empty({"town": a.text("town"), "nation": a.choice("nation")})
    publication = None
    if c.record.recorded_by is None:
        a.problem(
            "consent",
            "the storytellers' consent is not recorded: a story is published only once a maintainer has recorded it",
            expected="--recorded-by NAME (the maintainer who recorded it) and --issue-url URL (where it is recorded)",
        )
    else:
        publication = {
            "basis": CONTRIBUTED,
            "recorded_by": c.record.recorded_by,
            "date": c.record.date or c.today,
            "record": c.record.issue_url,
        }
    data = _omit_empty(
        {
            "title": title,
            "summary": a.text("summary"),
            "story_type": a.choice("story_type"),
            "storytellers": [storyteller],
            "publication": _omit_empty(publication or {}),
            "place": place,
            "date": a.text("date"),
            "themes": a.choices("themes"),
        }
    )
    body = (a.text("story") or "") + "\n"
    return c.new_path("story", title, "title") if title else None, front_matter(data) + body


def build_organisation(c: Context) -> tuple[str | None, str]:
    a = c.answers
    a.confirmed("listing")
    name = a.text("name")
    listed_by = c.record.by or a.text("listed_by")
    data = _omit_empty(
        {
            "name": name,
            "org_type": a.choice("org_type"),
            "nations": a.choices("nations"),
            "what_we_do": a.text("what_we_do"),
            "website": a.text("website"),
            "listing": _omit_empty({"basis": SELF_LISTED, "by": listed_by, "record": c.record.issue_url}),
            "themes": a.choices("themes"),
        }
    )
    return c.new_path("organisation", name, "name") if name else None, front_matter(data)


def build_evidence(c: Context) -> tuple[str | None, str]:
    a = c.answers
    a.confirmed("own_words")
    title = a.text("title")
    authors = a.lines("authors")
    year = _year(a.text("year"))
    rating = a.choice("confidence")
    data = _omit_empty(
        {
            "title": title,
            "authors": authors,
            "year": year,
            "evidence_type": a.choice("evidence_type"),
            "publisher": a.text("publisher"),
            "url": a.text("url"),
            "doi": a.text("doi"),
            "outcomes": a.choices("outcomes"),
            "key_findings": a.lines("key_findings"),
            "findings_direction": a.choice("findings_direction"),
            "confidence": _omit_empty(
                {"rating": int(rating) if rating and rating.isdigit() else rating, "rationale": a.text("rationale")}
            ),
            "summary": a.text("summary"),
            "themes": a.choices("themes"),
        }
    )
    path = c.new_path("evidence", title, "title", _evidence_id(authors, year)) if title else None
    return path, front_matter(data)


def _evidence_id(authors: list[str], year: object) -> str | None:
    """As the evidence files are named: the first author's surname (both, for two authors) and the year."""
    if not authors or not isinstance(year, int):
        return None
    surnames = [author.split(",")[0] for author in authors[: 2 if len(authors) == 2 else 1]]
    return item_id_for(" ".join([*surnames, str(year)])) or None


def build_correction(c: Context) -> tuple[str | None, str]:
    """No file: the page to edit and what to change, for the reviewer."""
    a = c.answers
    page = a.text("page")
    wrong, correction, evidence = a.text("wrong"), a.text("correction"), a.text("evidence")
    source = _page_source(c.answers.corpus, page) if page else None
    if page and source is None:
        a.problem(
            "page", f"'{page}' is not the address of a page made from a content file", expected="a page's address"
        )
    lines = [f"Page: {page}", f"Source: {source or 'not found'}", "", "What is wrong:", wrong or "", ""]
    lines += ["What it should say:", correction or ""]
    if evidence:
        lines += ["", "How they know:", evidence]
    return source, "\n".join(lines) + "\n"


def _page_source(corpus: Corpus, address: str) -> str | None:
    """The content file behind a page's address (the site's own prefix is not known here: its last parts decide)."""
    wanted = [part for part in address.split("?")[0].split("#")[0].split("/") if part]
    if wanted and wanted[-1] == "index.html":
        wanted = wanted[:-1]
    best: tuple[int, str] | None = None
    for item in corpus:
        parts = [part for part in url_for(item.kind, item.id).split("/") if part] if item.kind != "theme" else []
        if parts and wanted[-len(parts) :] == parts and (best is None or len(parts) > best[0]):
            best = (len(parts), item.path)
    return best[1] if best else None


BUILDERS: dict[str, Callable[[Context], tuple[str | None, str]]] = {
    "term": build_term,
    "perspective": build_perspective,
    "story": build_story,
    "organisation": build_organisation,
    "evidence": build_evidence,
    "correction": build_correction,
}


# -- checking --------------------------------------------------------------------------------
def content_problems(root: Path) -> tuple[LoadResult, list[Problem]]:
    """The content as `handbook check` reads it, and its problems: the readers' and the
    loader's, and an id taken by a generated page's address."""
    from handbook.pages.generated import generated_pages  # the pages' stage: only when checking
    from handbook.site import address_clashes, item_sources

    result = load_corpus(root)
    clashes = address_clashes(item_sources(result.corpus), generated_pages(result.corpus))
    return result, result.problems + clashes


def check(root: Path, files: dict[str, str], before: list[Problem]) -> list[Problem]:
    """The problems the files bring: the content checked, as `handbook check` checks it, in a
    temporary copy with them in it, less the problems the repository had already."""
    known = {str(problem) for problem in before}
    with tempfile.TemporaryDirectory(prefix="handbook-from-issue-") as folder:
        copy = Path(folder)
        for name in CONTENT_FOLDERS:
            if (root / name).is_dir():
                shutil.copytree(root / name, copy / name, symlinks=True)
        for rel_path, text in files.items():
            (copy / rel_path).parent.mkdir(parents=True, exist_ok=True)
            (copy / rel_path).write_text(text, encoding="utf-8")
        after = content_problems(copy)[1]
    return [problem for problem in after if str(problem) not in known]


def from_issue(
    root: Path,
    raw: str,
    body_path: str,
    kind: str | None = None,
    record: RecordOptions | None = None,
    today: dt.date | None = None,
) -> Draft:
    """The file an issue's body suggests, checked; its problems when it cannot be made."""
    text, problems = untrusted_text(raw, body_path)
    if problems:
        return Draft(kind or "unknown", problems=problems)
    kind = kind or detect_kind(text)
    if kind is None:
        raise FromIssueError(
            "the body does not answer one of the issue forms (every question's '### ' heading): "
            "give the form with --kind"
        )
    form = form_for(kind)
    answers, problems = parse(text, form, body_path)
    loaded, before = content_problems(root)
    a = Answers(form, answers, loaded.corpus, body_path)
    a.problems.extend(problems)
    context = Context(root, a, record or RecordOptions(), today or dt.date.today())
    path, text = BUILDERS[kind](context)
    draft = Draft(kind, path, text, new=kind not in ("perspective", "correction"), problems=a.problems)
    if kind == "correction":
        draft.note, draft.text = text, ""
        return draft
    if path is None:
        return draft
    if draft.new and (root / path).exists():
        raise FromIssueError(f"{path} already exists: not overwriting it (choose another --id, or edit the file)")
    found = check(root, {path: text}, before)
    if draft.problems:  # an answer reported already left its field out: not reported again as missing
        found = [problem for problem in found if not problem.message.startswith(_MISSING)]
    draft.problems += found
    return draft


def write(root: Path, draft: Draft) -> Path:
    """Write a checked draft: a new file never over an existing one."""
    if not draft.ok or draft.path is None or not draft.text:
        raise FromIssueError("nothing to write: the issue's file has problems")
    scaffolder = Scaffolder(root)
    try:
        if draft.new:
            outcome = Outcome()
            scaffolder.write_new(draft.path, draft.text, outcome)
            return outcome.created[0]
        path = scaffolder.inside(draft.path)
    except ScaffoldError as refusal:
        raise FromIssueError(str(refusal)) from refusal
    path.write_text(draft.text, encoding="utf-8")
    return path

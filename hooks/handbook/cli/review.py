"""``handbook review BASE [HEAD]``: what a pull request changes in the content, for a reviewer.

Both versions of the content are copied into temporary folders and loaded with
``load_corpus``, which returns problems instead of raising, so even a broken head can be
reported on. A git ref is exported from git; without a second ref, the head is the
working tree as git would commit it next: the last commit with staged and unstaged
changes and new files that git does not ignore (so a contributor sees their work in
progress, not only what they committed). The report is Markdown, written to be read as
a PR comment.

Every piece of content text in the report goes through :func:`_escape` (or
:func:`_code` inside a code span): on one line, Markdown and HTML entities escaped, and
``@mentions`` broken so that a stranger's pull request cannot notify anyone. The
report's own fixed text mentions nobody.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import io
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from handbook.content import kinds
from handbook.content.corpus import Corpus, LoadResult, load_corpus
from handbook.content.model import CONTRIBUTED, PUBLISHED_BY_PROJECT, Evidence, Item, Perspective, Story, Term
from handbook.content.problems import Problem
from handbook.content.translations import Translation
from handbook.safety.handles import neutralise_mentions
from handbook.safety.raw_html import raw_html_tags

MARKER = "<!-- handbook-review-report -->"
CONTENT_PATHS = kinds.CONTENT_ROOTS
# GitHub refuses comments longer than 65,536 characters.
MAX_CHARS = 60_000

# The report's sections, one per kind, in the registry's order.
KIND_TITLES = {kind.name: kind.plural for kind in kinds.KINDS}
# The languages' names in the report (English, for maintainers).
LANGUAGE_NAMES = {"cy": "Welsh"}
# Fields compared to say what changed; bookkeeping fields are left out.
_IGNORED_FIELDS = {"path", "body_line", "chapters", "number"}


class ReviewError(Exception):
    """A ref that git does not know, or no git at all."""


# -- loading both sides ------------------------------------------------------------------
def _git(root: Path, *args: str) -> bytes:
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)
    except OSError as error:
        raise ReviewError(f"git is not available ({error})") from error
    if result.returncode != 0:
        raise ReviewError(result.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed")
    return result.stdout


def export_tree(root: Path, ref: str, dest: Path) -> str:
    """Write the content folders of ``ref`` into ``dest``; returns the full commit id."""
    commit = _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").decode().strip()
    top = _git(root, "rev-parse", "--show-prefix").decode().strip()  # the project may sit in a subfolder
    names = set(_git(root, "ls-tree", "--name-only", commit, top or ".").decode().splitlines())
    wanted = [name for name in (f"{top}{p}" for p in CONTENT_PATHS) if name in names]
    if wanted:
        archive = _git(root, "archive", "--format=tar", commit, "--", *wanted)
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(dest, filter="data")
    return commit


@dataclass
class Side:
    ref: str
    commit: str
    result: LoadResult
    uncommitted: int | None = None  # the working tree: how many content files differ from its commit

    @property
    def corpus(self) -> Corpus:
        return self.result.corpus

    def described(self) -> str:
        if self.uncommitted is None:
            return f"`{self.ref}` ({self.commit[:7]})"
        changes = (
            f"{self.uncommitted} uncommitted content file{'s' if self.uncommitted != 1 else ''}"
            if self.uncommitted
            else "no uncommitted content changes"
        )
        return f"the working tree (`HEAD` {self.commit[:7]} with {changes})"


def load_side(root: Path, ref: str, workdir: Path) -> Side:
    top = _git(root, "rev-parse", "--show-prefix").decode().strip()
    commit = export_tree(root, ref, workdir)
    return Side(ref, commit, load_corpus(workdir / top if top else workdir))


def copy_working_tree(root: Path, dest: Path) -> int:
    """Copy the content folders as git would commit them next into ``dest``: tracked files
    as they are on disk (staged or not), and new files git does not ignore. Returns how
    many content files differ from the last commit.

    Symbolic links are copied as links, never followed, so the loader refuses the same
    links it refuses in the repository (handbook.safety.content_files) and a link to a
    file outside it is never read.
    """
    listed = _git(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", *CONTENT_PATHS)
    for name in sorted({n for n in listed.decode("utf-8", "surrogateescape").split("\0") if n}):
        source, target = root / name, dest / name
        if source.is_symlink():
            target.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(os.readlink(source), target)
        elif source.is_file():  # not a file deleted from the working tree, a submodule or a pipe
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    entries = iter(
        _git(root, "status", "-z", "--porcelain", "--untracked-files=all", "--", *CONTENT_PATHS).split(b"\0")
    )
    changed = 0
    for entry in entries:  # "XY path"; a rename or copy is followed by its old path as an entry of its own
        if entry:
            changed += 1
            if b"R" in entry[:2] or b"C" in entry[:2]:
                next(entries, None)
    return changed


def load_working_tree(root: Path, workdir: Path) -> Side:
    commit = _git(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}").decode().strip()
    uncommitted = copy_working_tree(root, workdir)
    return Side("working tree", commit, load_corpus(workdir), uncommitted)


def review_refs(root: Path, base: str, head: str | None = None, today: dt.date | None = None) -> str:
    """The report from ``base`` to ``head``, or to the working tree when ``head`` is None."""
    with tempfile.TemporaryDirectory(prefix="handbook-review-") as tmp:
        before = load_side(root, base, Path(tmp) / "base")
        after = (
            load_working_tree(root, Path(tmp) / "head") if head is None else load_side(root, head, Path(tmp) / "head")
        )
        return render(compare(before, after, today or dt.date.today()))


# -- comparing ---------------------------------------------------------------------------
@dataclass
class ItemChange:
    kind: str
    before: Item | None
    after: Item | None
    fields: list[str] = field(default_factory=list)

    @property
    def item(self) -> Item:
        item = self.after or self.before
        assert item is not None  # a change has a before, an after or both
        return item


@dataclass
class Review:
    base: Side
    head: Side
    today: dt.date
    added: list[ItemChange] = field(default_factory=list)
    changed: list[ItemChange] = field(default_factory=list)
    removed: list[ItemChange] = field(default_factory=list)
    new_problems: list[Problem] = field(default_factory=list)
    fixed_problems: list[Problem] = field(default_factory=list)
    # Changed English files whose translation this change leaves as it was: it will show as out of date.
    stale_translations: list[tuple[ItemChange, Translation]] = field(default_factory=list)

    def of_kind(self, changes: list[ItemChange], kind: str) -> list[ItemChange]:
        return [c for c in changes if c.kind == kind]


def _changed_fields(before: Item, after: Item) -> list[str]:
    names = []
    for f in dataclasses.fields(after):
        if f.name in _IGNORED_FIELDS:
            continue
        if getattr(before, f.name, None) != getattr(after, f.name, None):
            names.append(f.name)
    return names


def _problem_key(problem: Problem) -> tuple:
    return (problem.path, problem.field, problem.message)  # lines move when text is added above


def compare(base: Side, head: Side, today: dt.date) -> Review:
    review = Review(base, head, today)
    before = {item.key: item for item in base.corpus}
    after = {item.key: item for item in head.corpus}
    for key, item in after.items():
        old = before.get(key)
        if old is None:
            review.added.append(ItemChange(item.kind, None, item))
        else:
            fields_ = _changed_fields(old, item)
            if fields_:
                review.changed.append(ItemChange(item.kind, old, item, fields_))
    for key, item in before.items():
        if key not in after:
            review.removed.append(ItemChange(item.kind, item, None))
    for changes in (review.added, review.changed, review.removed):
        changes.sort(
            key=lambda c: (list(KIND_TITLES).index(c.kind) if c.kind in KIND_TITLES else 99, c.item.title.lower())
        )
    review.stale_translations = _stale_translations(review)
    review.new_problems = _not_in(head.result.problems, base.result.problems)
    review.fixed_problems = _not_in(base.result.problems, head.result.problems)
    return review


def _stale_translations(review: Review) -> list[tuple[ItemChange, Translation]]:
    """Changed English items whose translations are the same at the head as at the base."""
    before, after = review.base.result.translations, review.head.result.translations
    if before is None or after is None:
        return []
    out = []
    for change in review.changed:
        assert change.before is not None and change.after is not None  # a change has both sides
        for language in after.languages:
            translation = after.get(change.after, language)
            if translation is not None and translation == before.get(change.before, language):
                out.append((change, translation))
    return out


def _not_in(problems: list[Problem], others: list[Problem]) -> list[Problem]:
    """Problems without a match in ``others``, counted: a second identical broken link is new."""
    remaining = Counter(_problem_key(p) for p in others)
    out = []
    for problem in problems:
        key = _problem_key(problem)
        if remaining[key]:
            remaining[key] -= 1
        else:
            out.append(problem)
    return out


# -- word diffs --------------------------------------------------------------------------
# `&` too: "&#64;team" would otherwise become "@team" after GitHub decodes it.
_MARKDOWN_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_{}[]<>()#+!|~&"})


def _escape(text: str) -> str:
    """Content text as Markdown: one line, no markup, no entity, nobody mentioned."""
    return neutralise_mentions(" ".join(text.split()).translate(_MARKDOWN_SPECIAL))


def _code(text: str) -> str:
    """Content text in a code span: one line (a blank line would end it), no backtick, nobody mentioned."""
    one_line = " ".join(text.replace("`", "'").split())
    return f"`{neutralise_mentions(one_line)}`"


def word_diff(old: str, new: str) -> str:
    """Old and new text as one line: deleted words ~~struck~~, inserted words **bold**."""
    a, b = (old or "").split(), (new or "").split()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(_escape(" ".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            out.append(f"~~{_escape(' '.join(a[i1:i2]))}~~")
        if op in ("insert", "replace"):
            out.append(f"**{_escape(' '.join(b[j1:j2]))}**")
    return " ".join(out)


# -- rendering ---------------------------------------------------------------------------
def _link(item: Item) -> str:
    """The item's title and source file (a PR comment has no site to link to)."""
    return f"**{_escape(item.title)}** ({_code(item.path)})"


def _perspective_label(p: Perspective) -> str:
    return f"{_escape(p.attributed_to)} ({_escape(p.stance)})"


def _term_details(change: ItemChange) -> list[str]:
    old, new = change.before, change.after
    assert isinstance(old, Term) and isinstance(new, Term)
    lines = []
    if old.working_definition != new.working_definition:
        lines.append(f"  - Working definition: {word_diff(old.working_definition, new.working_definition)}")
    old_by = {p.attributed_to: p for p in old.perspectives}
    new_by = {p.attributed_to: p for p in new.perspectives}
    for name, p in new_by.items():
        before = old_by.get(name)
        if before is None:
            lines.append(f"  - Perspective added, {_perspective_label(p)}: **{_escape(p.definition)}**")
        elif before != p:
            detail = word_diff(before.definition, p.definition)
            stance = f" (stance {_escape(before.stance)} → {_escape(p.stance)})" if before.stance != p.stance else ""
            lines.append(f"  - Perspective of {_escape(name)}{stance}: {detail}")
    for name, p in old_by.items():
        if name not in new_by:
            lines.append(f"  - Perspective removed, {_perspective_label(p)}: ~~{_escape(p.definition)}~~")
    if old.contested != new.contested:
        lines.append(f"  - Contested: {old.contested} → {new.contested}")
    return lines


def _rating(corpus: Corpus, rating: int) -> str:
    title = corpus.vocabularies.confidence_levels.title(rating)
    return f"{rating} ({_escape(title)})" if title != str(rating) else _escape(title)


def _consent_gap(story: Story) -> str | None:
    """What is missing from the record of how a story came to be published."""
    publication = story.publication
    if publication is None:
        return "how it came to be published is not recorded"
    if publication.basis == CONTRIBUTED and not (publication.recorded_by and publication.date and publication.record):
        return "consent is not recorded (by whom, when and where)"
    if publication.basis == PUBLISHED_BY_PROJECT and not publication.page:
        return "the Relationships Project's page is not recorded"
    return None


def render(review: Review) -> str:
    base, head = review.base, review.head
    out = [MARKER, "## Content review", ""]
    out.append(
        f"Comparing {base.described()} with {head.described()}: "
        f"**{len(review.added)}** added, **{len(review.changed)}** changed, **{len(review.removed)}** removed."
    )
    out.append("")

    # What needs a reviewer's attention first.
    attention = []
    # New stories, and changed stories whose consent changed: the text of an existing
    # story changing says nothing new about its consent.
    stories = [c.after for c in review.added if c.kind == "story"]
    stories += [c.after for c in review.changed if c.kind == "story" and "publication" in c.fields]
    unconsented = [(s, gap) for s in stories if isinstance(s, Story) and (gap := _consent_gap(s))]
    if unconsented:
        attention.append("### ⚠️ Stories without recorded consent")
        attention.append(
            "A story may be published only with its basis recorded: the storytellers' consent"
            " (by whom, when and where), or the Relationships Project's page that published it."
        )
        attention += [f"- {_link(s)}: {gap}" for s, gap in unconsented]
        attention.append("")
    if review.stale_translations:
        attention.append("### Translations that will be out of date")
        attention.append(
            "These English files change but their translations do not: readers of the translation will see a"
            " notice that it may be out of date, with a link to what changed, until it is brought up to date"
            " (and its `source_commit` set to the new commit)."
        )
        attention += [
            f"- {_link(change.item)}: the {LANGUAGE_NAMES.get(t.language, t.language)} translation"
            f" {_code(t.path)} will show as out of date"
            for change, t in review.stale_translations
        ]
        attention.append("")
    if review.new_problems:
        attention.append("### ❌ Problems introduced by this change")
        attention.append("Broken references and other problems `handbook check` finds at the head but not at the base:")
        attention.append("")
        attention += [f"- {_code(str(p))}" for p in review.new_problems]
        attention.append("")
    ratings = [
        (c, c.before.confidence, c.after.confidence)
        for c in review.changed
        if isinstance(c.before, Evidence)
        and isinstance(c.after, Evidence)
        and "confidence" in c.fields
        and c.before.confidence.rating != c.after.confidence.rating
    ]
    if ratings:
        attention.append("### Evidence ratings changed")
        for c, old, new in ratings:
            attention.append(
                f"- {_link(c.item)}: confidence {_rating(base.corpus, old.rating)} → "
                f"**{_rating(head.corpus, new.rating)}**"
            )
            attention.append(f"  - Before: {_escape(old.rationale)}")
            attention.append(f"  - After: {_escape(new.rationale)}")
        attention.append("")
    touched = [c.after for c in review.added + review.changed if c.after is not None]
    overdue = [i for i in touched if i.review.overdue(review.today)]
    if overdue:
        attention.append("### Review date passed")
        attention += [f"- {_link(i)}: review was due {i.review.review_due}" for i in overdue]
        attention.append("")
    placeholders = [i for i in touched if _PLACEHOLDER.search(_read(head.corpus.root / i.path))]
    if placeholders:
        attention.append("### Placeholders left")
        attention.append("These files still contain `TODO` text from their templates:")
        attention += [f"- {_link(i)}" for i in placeholders]
        attention.append("")
    raw_html = _raw_html_added(review)
    if raw_html:
        attention.append("### Raw HTML added")
        attention.append(
            "HTML written into the text (the site keeps only the elements and attributes handbooks need; "
            "`handbook check` reports the rest):"
        )
        attention += [f"- {_code(f'{path}:{line}')}: {_code(tag[:120])}" for path, line, tag in raw_html]
        attention.append("")
    out += attention or ["No stories without consent, no new problems, no rating changes.", ""]

    for title, changes, describe in (
        ("Added", review.added, _describe_added),
        ("Changed", review.changed, _describe_changed),
        ("Removed", review.removed, _describe_removed),
    ):
        if not changes:
            continue
        out.append(f"### {title}")
        for kind in KIND_TITLES:
            of_kind = review.of_kind(changes, kind)
            if not of_kind:
                continue
            out.append(f"**{KIND_TITLES[kind]}** ({len(of_kind)})")
            out.append("")
            for change in of_kind:
                out += describe(change)
            out.append("")

    all_overdue = sorted((i for i in head.corpus if i.review.overdue(review.today)), key=lambda i: i.path)
    if all_overdue:
        out.append(
            f"<details><summary>{len(all_overdue)} page(s) in the whole site are past their review date</summary>"
        )
        out.append("")
        out += [f"- {_code(i.path)}: due {i.review.review_due}" for i in all_overdue]
        out.append("")
        out.append("</details>")
        out.append("")
    if review.fixed_problems:
        out.append(f"This change also fixes {len(review.fixed_problems)} problem(s) present at the base.")
        out.append("")
    out.append(
        "<sub>Generated by `handbook review`. Deleted words are ~~struck through~~, inserted words **bold**.</sub>"
    )
    text = "\n".join(out) + "\n"
    if len(text) > MAX_CHARS:
        text = (
            text[:MAX_CHARS].rsplit("\n", 1)[0]
            + "\n\n… (report cut short; run `handbook review` locally for all of it)\n"
        )
    return text


def _raw_html_added(review: Review) -> list[tuple[str, int, str]]:
    """Raw HTML start tags in added and changed bodies that the base did not have (counted, as problems are)."""
    out = []
    for change in review.added + review.changed:
        item = change.after
        if item is None or (change.before is not None and "body" not in change.fields):
            continue
        remaining = Counter(tag for _, tag in raw_html_tags(change.before.body)) if change.before else Counter()
        for line, tag in raw_html_tags(item.body):
            if remaining[tag]:
                remaining[tag] -= 1
            else:
                out.append((item.path, item.body_line + line - 1, tag))
    return out


# The "TODO: ..." values the templates leave (not the word TODO written about them).
_PLACEHOLDER = re.compile(r"(?:^|[\s\"'])TODO:", re.M)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _describe_added(change: ItemChange) -> list[str]:
    item = change.item
    line = f"- {_link(item)}"
    if isinstance(item, Term):
        line += f": {_escape(item.working_definition)}"
    elif isinstance(item, Evidence):
        line += f": confidence {item.confidence.rating}"
    return [line]


def _describe_changed(change: ItemChange) -> list[str]:
    shown = {"body": "text", "chapter_ids": "chapters", "resource_kind": "kind"}
    fields_ = ", ".join(shown.get(f, f) for f in change.fields)
    lines = [f"- {_link(change.item)}: {fields_}"]
    if isinstance(change.after, Term):
        lines += _term_details(change)
    return lines


def _describe_removed(change: ItemChange) -> list[str]:
    return [f"- ~~{_escape(change.item.title)}~~ ({_code(change.item.path)})"]

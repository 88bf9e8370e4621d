"""``handbook new``: a new content file from its template, correctly named and valid.

The templates are plain files in ``.github/content-templates/`` that a contributor can
read and copy by hand; here their ``{{ name }}`` placeholders are filled. A placeholder
without a value turns its line into a comment, so an optional field stays visible as a
hint. Files are never overwritten.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from handbook.cli.yaml_edit import EditError, append_to_sequence
from handbook.content import kinds
from handbook.content.fields import SLUG, slugify
from handbook.content.problems import did_you_mean
from handbook.safety.handles import EXPECTED as HANDLE_FORMS
from handbook.safety.handles import is_handle, shown

TEMPLATES_DIR = Path(".github") / "content-templates"
# The templates of the engine's own repository, for projects that carry none.
_ENGINE_TEMPLATES = Path(__file__).resolve().parents[3] / TEMPLATES_DIR

# kind -> folder of its files (chapters and handbooks are placed by their handbook)
FOLDERS = {kind.name: kind.source for kind in kinds.COLLECTIONS if kind.new_template}
# What `handbook new` makes: a perspective is added to a term's file, not a kind of its own.
KINDS = (
    *FOLDERS,
    "perspective",
    *(kind.name for kind in kinds.KINDS if kind.new_template and kind.name not in FOLDERS),
)

_PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
_PLAIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._/()'-]*$")
_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "~"}


# template placeholder -> the vocabulary its value must come from
_VOCABULARY_OPTIONS = {
    "group": "term_groups",
    "evidence_type": "evidence_types",
    "story_type": "story_types",
    "naming": "namings",
    "format": "convening_formats",
    "resource_kind": "resource_kinds",
    "nation": "nations",
}


class ScaffoldError(Exception):
    """Why a file could not be created; printed as is."""


class InvalidId(ScaffoldError):
    """An id given (or made from a title) breaks the id rule: a usage error, refused before any path is made."""


@dataclass
class Outcome:
    created: list[Path] = field(default_factory=list)
    changed: list[Path] = field(default_factory=list)


class _Raw(str):
    """A value already written as YAML (a list's items)."""


def yaml_scalar(value: object) -> str:
    """A value as a YAML scalar: plain where that reads the same, double-quoted otherwise."""
    if isinstance(value, _Raw):
        return str(value)
    if isinstance(value, (int, dt.date)) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    looks_like_other_type = text.lower() in _YAML_WORDS or re.match(r"^[\d.+-]", text) is not None
    if _PLAIN.match(text) and not looks_like_other_type and not text.endswith(" ") and " #" not in text:
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def fill(template: str, values: dict[str, object]) -> str:
    """Replace placeholders; a line whose placeholder has no value becomes a comment."""
    out = []
    for line in template.splitlines(keepends=True):
        names = _PLACEHOLDER.findall(line)
        if any(values.get(name) is None for name in names):
            stripped = line.lstrip()
            indent = line[: len(line) - len(stripped)]
            out.append(f"{indent}# {_PLACEHOLDER.sub(lambda m: m.group(1).upper(), stripped)}")
            continue
        out.append(_PLACEHOLDER.sub(lambda m: yaml_scalar(values[m.group(1)]), line))
    return "".join(out)


def item_id_for(title: str) -> str:
    return slugify(title)


class Scaffolder:
    def __init__(self, root: Path, today: dt.date | None = None):
        self.root = root
        self.today = today or dt.date.today()

    # -- plumbing ----------------------------------------------------------------------
    def template(self, kind: str) -> str:
        name = "perspective.yml" if kind == "perspective" else kinds.by_name(kind).new_template
        if name is None:
            raise ScaffoldError(f"a {kind} is not made with handbook new")
        for folder in (self.root / TEMPLATES_DIR, _ENGINE_TEMPLATES):
            if (folder / name).is_file():
                return (folder / name).read_text(encoding="utf-8")
        raise ScaffoldError(f"no template {TEMPLATES_DIR / name}")

    def inside(self, rel_path: str) -> Path:
        """The path of ``rel_path``, refused if it would land outside the repository (through '..' or a link)."""
        path = self.root / rel_path
        if not path.resolve().is_relative_to(self.root.resolve()):
            raise ScaffoldError(f"{rel_path} is outside the repository: not writing it")
        return path

    def write_new(self, rel_path: str, text: str, outcome: Outcome) -> None:
        path = self.inside(rel_path)
        if path.exists():
            raise ScaffoldError(
                f"{rel_path} already exists: not overwriting it (choose another --id, or edit the file)"
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        outcome.created.append(path)

    def check_id(self, item_id: str | None, title: str | None = None) -> str:
        """``item_id``, or the id made from ``title``, if it follows the id rule; InvalidId otherwise."""
        if item_id is None:
            item_id = item_id_for(title or "")
            if not item_id:
                raise InvalidId(f"the title '{title}' has no letters or digits to make an id from (give one with --id)")
        if not SLUG.match(item_id):
            raise InvalidId(
                f"'{item_id}' is not a valid id (expected lower-case words joined by hyphens, "
                f"such as '{slugify(item_id) or 'my-item'}')"
            )
        return item_id

    def check_choice(self, value: object, vocabulary_name: str) -> None:
        """Refuse an option outside its vocabulary now, rather than write a file check rejects."""
        from handbook.content.vocabulary import load_vocabularies

        vocabulary = getattr(load_vocabularies(self.root, []), vocabulary_name)
        if vocabulary.ids and str(value) not in vocabulary:
            hint = did_you_mean(value, vocabulary.ids)
            raise ScaffoldError(
                f"'{value}' is not in the {vocabulary_name} vocabulary (expected one of "
                f"{', '.join(vocabulary.ids)}" + (f"; did you mean {hint}?)" if hint else ")")
            )

    # -- the kinds ---------------------------------------------------------------------
    def new_item(self, kind: str, title: str, item_id: str | None = None, **options: object) -> Outcome:
        """Terms, evidence, stories, convenings, resources and organisations."""
        item_id = self.check_id(item_id, title)
        values: dict[str, object] = {"title": title, "id": item_id, **options}
        if kind == "term":
            self._refuse_taken_term_name(title)
            values.setdefault("group", "other")
            values.setdefault("attributed_to", "This handbook")
        elif kind == "evidence":
            year = re.search(r"(\d{4})$", item_id)
            values["year"] = options.get("year") or (int(year.group(1)) if year else self.today.year)
            values.setdefault("evidence_type", "think-piece")
        elif kind == "story":
            values.setdefault("story_type", "practitioner-story")
            values["storyteller"] = options.get("storyteller") or "TODO: the name they chose"
            values.setdefault("naming", "anonymous")
            values.setdefault("consent_date", None)
        elif kind == "convening":
            values["date"] = options.get("date") or self.today.isoformat()
            values.setdefault("format", "online")
            if values["format"] in ("in-person", "hybrid"):
                values.setdefault("town", "TODO: the town")  # required for gatherings in a place
            values.setdefault("town", None)
        elif kind == "resource":
            values.setdefault("resource_kind", "tool")
        elif kind == "organisation":
            values.setdefault("nation", "uk-wide")
        for name in ("date", "consent_date"):
            values[name] = _as_date(values.get(name))
        for name, vocabulary in _VOCABULARY_OPTIONS.items():
            if values.get(name) is not None:
                self.check_choice(values[name], vocabulary)
        outcome = Outcome()
        self.write_new(f"{FOLDERS[kind]}/{item_id}.md", fill(self.template(kind), values), outcome)
        return outcome

    def new_perspective(self, term_id: str, by: str, stance: str = "extends", definition: str | None = None) -> Outcome:
        rel = f"{FOLDERS['term']}/{self.check_id(term_id)}.md"
        path = self.inside(rel)
        if not path.is_file():
            existing = (
                [p.stem for p in (self.root / FOLDERS["term"]).glob("*.md")]
                if (self.root / FOLDERS["term"]).is_dir()
                else []
            )
            hint = did_you_mean(term_id, existing)
            raise ScaffoldError(
                f"no term '{term_id}' ({rel} does not exist)" + (f"; did you mean {hint}?" if hint else "")
            )
        self.check_choice(stance, "perspective_stances")
        block = fill(
            self.template("perspective"),
            {
                "definition": definition or "TODO: this perspective's definition, paraphrased in your own words.",
                "attributed_to": by,
                "stance": stance,
            },
        )
        lines = [line for line in block.splitlines() if line.strip() and not line.startswith("#")]
        try:
            text = append_to_sequence(path.read_text(encoding="utf-8"), "perspectives", lines)
        except EditError as error:
            raise ScaffoldError(f"{rel}: {error}") from error
        path.write_text(text, encoding="utf-8")
        return Outcome(changed=[path])

    def new_chapter(self, handbook_id: str, title: str, chapter_id: str | None = None) -> Outcome:
        index_rel = f"{kinds.HANDBOOK.source}/{self.check_id(handbook_id)}/index.md"
        index = self.inside(index_rel)
        if not index.is_file():
            folder = self.root / kinds.HANDBOOK.source
            existing = [p.name for p in folder.iterdir() if p.is_dir()] if folder.is_dir() else []
            hint = did_you_mean(handbook_id, existing)
            raise ScaffoldError(
                f"no handbook '{handbook_id}' ({index_rel} does not exist)"
                + (f"; did you mean {hint}?" if hint else "")
            )
        chapter_id = self.check_id(chapter_id, title)
        outcome = Outcome()
        handbook_title = _front_matter_value(index.read_text(encoding="utf-8"), "title") or handbook_id
        chapter_text = fill(
            self.template("chapter"), {"title": title, "handbook": handbook_id, "handbook_title": handbook_title}
        )
        original = index.read_text(encoding="utf-8")
        listed = _front_matter_list(original, "chapters")
        try:
            index_text = original if chapter_id in listed else append_to_sequence(original, "chapters", chapter_id)
        except EditError as error:
            raise ScaffoldError(f"{index_rel}: {error}") from error
        self.write_new(f"{kinds.HANDBOOK.source}/{handbook_id}/{chapter_id}.md", chapter_text, outcome)
        if index_text != original:  # a chapter listed before its file was written is not listed twice
            index.write_text(index_text, encoding="utf-8")
            outcome.changed.append(index)
        return outcome

    def new_handbook(
        self, title: str, editors: list[str], handbook_id: str | None = None, first_chapter: str = "introduction"
    ) -> Outcome:
        handbook_id = self.check_id(handbook_id, title)
        if not editors:
            raise ScaffoldError("a handbook needs at least one editor (--editor @github-handle or @org/team)")
        for editor in editors:
            if not is_handle(editor):
                raise ScaffoldError(f"editor {shown(editor)} is not a GitHub handle or team (expected {HANDLE_FORMS})")
        if (self.root / kinds.HANDBOOK.source / handbook_id).exists():
            raise ScaffoldError(f"{kinds.HANDBOOK.source}/{handbook_id}/ already exists: not overwriting it")
        outcome = Outcome()
        index_text = fill(
            self.template("handbook"),
            {
                "title": title,
                "id": handbook_id,
                "first_chapter": first_chapter,
                "editors": _Raw(", ".join(yaml_scalar(e) for e in editors)),
            },
        )
        self.write_new(f"{kinds.HANDBOOK.source}/{handbook_id}/index.md", index_text, outcome)
        chapter_text = fill(
            self.template("chapter"),
            {"title": first_chapter.replace("-", " ").capitalize(), "handbook": handbook_id, "handbook_title": title},
        )
        self.write_new(f"{kinds.HANDBOOK.source}/{handbook_id}/{first_chapter}.md", chapter_text, outcome)
        return outcome

    def _refuse_taken_term_name(self, title: str) -> None:
        from handbook.content.corpus import load_corpus  # only when needed: loading takes a moment

        wanted = " ".join(title.lower().split())
        for term in load_corpus(self.root).corpus.terms:
            if wanted in (" ".join(name.lower().split()) for name in term.names):
                raise ScaffoldError(
                    f"'{title}' is already a name of the term '{term.id}' ({term.path}): "
                    f'add a perspective instead (handbook new perspective {term.id} --by "Name")'
                )


def _as_date(value: object) -> object:
    """A full ISO date becomes a date (written unquoted); partial dates stay text."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError as error:
            raise ScaffoldError(f"'{value}' is not a real date ({error})") from error
    if isinstance(value, str) and not re.fullmatch(r"\d{4}(-\d{2})?", value):
        raise ScaffoldError(f"'{value}' is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY)")
    return value


def _front_matter_list(text: str, key: str) -> list[str]:
    from handbook.cli.yaml_edit import FrontMatter

    try:
        node = FrontMatter.of(text).node(key)
    except EditError:
        return []
    if node is None or not isinstance(node.value, list):
        return []
    return [item.value for item in node.value if isinstance(item.value, str)]


def _front_matter_value(text: str, key: str) -> str | None:
    from handbook.cli.yaml_edit import FrontMatter

    try:
        node = FrontMatter.of(text).node(key)
    except EditError:
        return None
    return node.value if node is not None and isinstance(node.value, str) else None

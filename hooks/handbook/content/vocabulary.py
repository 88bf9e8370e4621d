"""The controlled vocabularies in ``docs/vocabularies.yml``.

Every page that shows a vocabulary value's label or description asks the vocabulary
(``vocab.themes.title(id)``, an ``Entry``'s fields), never a table of its own: a build in
another language relabels the vocabularies once (``content.translations.relabelled``, from
``docs/vocabularies.<language>.yml``) and every page follows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from handbook.content.problems import Problem, did_you_mean
from handbook.content.source import _Loader  # same fast loader as the content files
from handbook.safety.yaml_limits import front_matter_problems

VOCABULARIES_PATH = "docs/vocabularies.yml"

# Every vocabulary the model uses; a missing one in the file is a problem.
NAMES = (
    "themes",
    "term_groups",
    "perspective_stances",
    "evidence_types",
    "outcomes",
    "findings_directions",
    "confidence_levels",
    "story_types",
    "namings",
    "nations",
    "convening_formats",
    "resource_kinds",
    "organisation_types",
    "connection_types",
    "handbook_statuses",
)


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    description: str = ""
    # The language of its title and description in a build relabelled for another language:
    # that language when translated, "en" when left in English; None when not said (the
    # English vocabularies as read). A page in another language marks an "en" label lang="en".
    language: str | None = None


@dataclass
class Vocabulary:
    name: str
    entries: dict[str, Entry] = field(default_factory=dict)
    # True when docs/vocabularies.yml could not say what this vocabulary holds (a problem
    # reported once): values are then not reported as outside it, one problem per use in
    # every file, burying the others (fields.FieldReader drops them quietly).
    unknown: bool = False

    def __contains__(self, value: object) -> bool:
        return str(value) in self.entries

    def __iter__(self):
        return iter(self.entries.values())

    def __len__(self) -> int:
        return len(self.entries)

    def title(self, value: object) -> str:
        entry = self.entries.get(str(value))
        return entry.title if entry else str(value)

    def entry(self, value: object) -> Entry | None:
        """The entry of a value (None for a value outside the vocabulary)."""
        return self.entries.get(str(value))

    @property
    def ids(self) -> list[str]:
        return list(self.entries)


@dataclass
class Vocabularies:
    by_name: dict[str, Vocabulary]

    def __getattr__(self, name: str) -> Vocabulary:
        try:
            return self.__dict__["by_name"][name]
        except KeyError:
            raise AttributeError(name) from None


def load_vocabularies(root: Path, problems: list[Problem]) -> Vocabularies:
    path = root / VOCABULARIES_PATH
    vocabularies = {name: Vocabulary(name, unknown=True) for name in NAMES}  # until read
    if not path.exists():
        problems.append(
            Problem(VOCABULARIES_PATH, 1, "file", "is missing", expected="the controlled vocabularies file")
        )
        return Vocabularies(vocabularies)
    try:
        text = path.read_text(encoding="utf-8")
        # Maintainers own this file, but a pull request can still change it: the same
        # refusal of anchors, aliases, tags and runaway nesting as for front matter.
        unsafe = front_matter_problems(text, 1, VOCABULARIES_PATH, _Loader)
        if unsafe:
            problems.extend(unsafe)
            return Vocabularies(vocabularies)
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else {}
        finally:
            loader.dispose()
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        mark = getattr(error, "problem_mark", None)
        problems.append(
            Problem(
                VOCABULARIES_PATH,
                (mark.line + 1) if mark else 1,
                "file",
                f"cannot be read: {getattr(error, 'problem', error)}",
            )
        )
        return Vocabularies(vocabularies)
    lines = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            lines[key_node.value] = key_node.start_mark.line + 1
            if isinstance(value_node, yaml.SequenceNode):
                for index, item in enumerate(value_node.value):
                    lines[(key_node.value, index)] = item.start_mark.line + 1
    data = data or {}
    for name in data:
        if name not in NAMES:
            problems.append(
                Problem(
                    VOCABULARIES_PATH,
                    lines.get(name, 1),
                    name,
                    "is not a known vocabulary",
                    suggestion=did_you_mean(name, NAMES),
                )
            )
    for name in NAMES:
        entries = data.get(name)
        if not isinstance(entries, list):
            problems.append(
                Problem(
                    VOCABULARIES_PATH,
                    lines.get(name, 1),
                    name,
                    "is missing or not a list",
                    expected="a list of {id, title, description}",
                )
            )
            continue
        vocabularies[name].unknown = False
        for index, raw in enumerate(entries):
            line = lines.get((name, index), 1)
            if not isinstance(raw, dict) or "id" not in raw or "title" not in raw:
                problems.append(Problem(VOCABULARIES_PATH, line, f"{name}[{index}]", "needs an id and a title"))
                continue
            entry_id = str(raw["id"])
            if entry_id in vocabularies[name].entries:
                problems.append(
                    Problem(
                        VOCABULARIES_PATH,
                        line,
                        f"{name}[{index}].id",
                        f"'{entry_id}' is given twice",
                        expected="unique ids",
                    )
                )
                continue
            vocabularies[name].entries[entry_id] = Entry(entry_id, str(raw["title"]), str(raw.get("description", "")))
    return Vocabularies(vocabularies)

"""Front matter that would explode, loop or recurse is refused, at its line, before it is composed."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from handbook import load_corpus
from handbook.safety.content_files import MAX_FILE_BYTES
from handbook.safety.yaml_limits import MAX_FRONT_MATTER_BYTES, MAX_FRONT_MATTER_DEPTH, MAX_REPORTED
from tests.support import SAMPLE

PLAIN = "expected plain YAML values: write each value out in full"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLE, tmp_path, dirs_exist_ok=True)
    return tmp_path


def problems(root: Path) -> list[str]:
    return [str(p) for p in load_corpus(root).problems]


def term(root: Path, name: str, fields: str, body: str = "A body.\n") -> None:
    """A valid term with ``fields`` added from line 6 on."""
    (root / "glossary" / f"{name}.md").write_text(
        f"---\nterm: {name.title()}\ngroup: the-work\nworking_definition: A definition.\n"
        f"perspectives: [{{definition: X, attributed_to: Y, stance: origin}}]\n{fields}---\n{body}",
        encoding="utf-8",
    )


def alias_bomb(levels: int) -> str:
    """The 'billion laughs': each level lists the one before ten times; 10**levels strings once expanded."""
    lines = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_quickly_at_its_first_anchor(project):
    term(project, "bomb", alias_bomb(30))  # 10**30 strings if anything expanded it
    started = time.perf_counter()
    found = problems(project)
    assert time.perf_counter() - started < 5
    assert f"glossary/bomb.md:6: l0: sets the YAML anchor '&l0' ({PLAIN})" in found
    assert f"glossary/bomb.md:7: l1: sets the YAML anchor '&l1' ({PLAIN})" in found
    assert f"glossary/bomb.md:7: l1[0]: uses the YAML alias '*l0' ({PLAIN})" in found
    # one line each for the first few, then one line for the rest
    assert len(found) == MAX_REPORTED + 1
    assert (
        f"glossary/bomb.md:7: front matter: has more anchors, aliases or tags than are listed here ({PLAIN})" in found
    )


def test_a_self_referencing_alias_is_a_problem_not_a_traceback(project):
    term(project, "loop", "related_terms: &me [*me]\n")
    assert problems(project) == [
        f"glossary/loop.md:6: related_terms: sets the YAML anchor '&me' ({PLAIN})",
        f"glossary/loop.md:6: related_terms[0]: uses the YAML alias '*me' ({PLAIN})",
    ]


def test_a_merge_key_is_an_alias_too(project):
    term(project, "merged", "extra:\n  - &p {definition: X, attributed_to: Y, stance: origin}\n  - <<: *p\n")
    assert problems(project) == [
        f"glossary/merged.md:7: extra[0]: sets the YAML anchor '&p' ({PLAIN})",
        f"glossary/merged.md:8: extra[1].<<: uses the YAML alias '*p' ({PLAIN})",
    ]


@pytest.mark.parametrize(
    "value, written",
    [
        ("!!binary aGVsbG8=", "!!binary"),
        ("!!python/object/apply:os.system ['echo hi']", "!!python/object/apply:os.system"),
        ("!!set {a, b}", "!!set"),
        ("!custom x", "!custom"),
        ("!!str plain", "!!str"),
    ],
)
def test_tags_are_refused(project, value, written):
    term(project, "tagged", f"contested_note: {value}\n")
    assert problems(project) == [
        f"glossary/tagged.md:6: contested_note: has the YAML tag '{written}' "
        "(expected plain YAML values without '!' tags, quoting any value that starts with '!')"
    ]


def test_a_tag_deep_inside_names_its_field(project):
    term(project, "deep-tag", "extra:\n  - definition: X\n    source: {title: !!binary aGk=}\n")
    [found] = problems(project)
    assert found.startswith("glossary/deep-tag.md:8: extra[0].source.title: has the YAML tag '!!binary'")


def test_quoted_values_that_look_like_yaml_syntax_are_fine(project):
    term(project, "quoted", 'contested_note: "&not an anchor, *not an alias, !not a tag"\n')
    assert problems(project) == []


@pytest.mark.parametrize(
    "nesting",
    [
        "x: " + "[" * 5000 + "]" * 5000 + "\n",
        "x: " + "{a: " * 3000 + "b" + "}" * 3000 + "\n",
        "x:\n" + "".join(" " * level + "-\n" for level in range(1, 300)),
        "x:\n" + "".join(" " * level + f"k{level}:\n" for level in range(1, 300)),
        "x:\n" + "- " * 1000 + "y\n",
    ],
    ids=["flow lists", "flow mappings", "block lists", "block mappings", "compact lists"],
)
def test_deep_nesting_is_refused_not_a_recursion_error(project, nesting):
    term(project, "deep", nesting)
    [found] = problems(project)
    assert found.startswith("glossary/deep.md:")
    assert (
        f": nests more than {MAX_FRONT_MATTER_DEPTH} levels deep (expected at most {MAX_FRONT_MATTER_DEPTH} levels"
        in found
    )


def test_nesting_up_to_the_limit_is_read(project):
    term(project, "nested", "x: " + "[" * (MAX_FRONT_MATTER_DEPTH - 1) + "]" * (MAX_FRONT_MATTER_DEPTH - 1) + "\n")
    [found] = problems(project)
    assert found.startswith("glossary/nested.md:6: x: is not a known field")


def test_front_matter_over_its_size_limit(project):
    term(project, "long", "contested_note: " + "word " * (MAX_FRONT_MATTER_BYTES // 5) + "\n")
    [found] = problems(project)
    assert found.startswith("glossary/long.md:1: front matter: is ")
    assert found.endswith(
        f"bytes long (expected at most {MAX_FRONT_MATTER_BYTES:,} bytes of fields; long text belongs in the body)"
    )


def test_a_huge_file_is_refused_from_its_size_without_reading_it(project, monkeypatch):
    path = project / "glossary/huge.md"
    with path.open("wb") as handle:  # sparse: two gigabytes on paper, nothing on disk
        handle.write(b"---\nterm: Huge\n---\n")
        handle.truncate(2 * 1024**3)
    read_bytes = Path.read_bytes
    monkeypatch.setattr(
        Path, "read_bytes", lambda self: pytest.fail("read whole") if self.name == "huge.md" else read_bytes(self)
    )
    assert problems(project) == [
        f"glossary/huge.md:1: file: is 2,147,483,648 bytes (expected at most {MAX_FILE_BYTES:,} bytes)"
    ]

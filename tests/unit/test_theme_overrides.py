"""Material is extended through its blocks; the few partials we replace are listed, with why.

A replaced partial is a copy that does not follow Material's updates. Each one is kept only
for a reason named here and in its opening comment, with the Material version it was taken
from, and the fingerprint of Material's original at that version: when the installed
Material's original changes, a test fails and asks the maintainer to re-check the copy.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import jinja2
import material
import pytest
from jinja2 import nodes

from handbook.pages.render import ENGINE_TEMPLATES
from tests.support import REPO

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
OVERRIDES = REPO / "overrides"


class Kept:
    def __init__(self, reason: str, version: str, original_sha256: str):
        self.reason, self.version, self.original_sha256 = reason, version, original_sha256


# partial -> why it is replaced, the Material version it was taken from, sha256 of Material's original there.
KEPT_PARTIALS = {
    "partials/search.html": Kept(
        "accessibility", "9.8.1", "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30"
    ),
    "partials/source.html": Kept(
        "privacy", "9.8.1", "6847616d67be4920d39c278c2799bf20222bbc02ee2a8393aca85e3eaa518752"
    ),
    "partials/source-file.html": Kept(
        "a feature we need", "9.8.1", "ce5277decac9a8cf3cd44eaa490f010ae985d81ebf68b84239c02da6946718d0"
    ),
}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _our_templates() -> list[Path]:
    """Our templates: those MkDocs loads before Material's (overrides/ but its assets) and the engine's."""
    theme = [path for path in OVERRIDES.rglob("*.html") if "assets" not in path.relative_to(OVERRIDES).parts]
    return sorted([*theme, *ENGINE_TEMPLATES.rglob("*.html")])


def test_every_replaced_partial_is_listed_with_a_reason():
    # A partial of our own (partials/hb-strings.html: the case store's words) replaces nothing of Material's.
    ours = {path.relative_to(OVERRIDES).as_posix() for path in (OVERRIDES / "partials").rglob("*.html")}
    replaced = {partial for partial in ours if (MATERIAL_TEMPLATES / partial).is_file()}
    assert replaced == set(KEPT_PARTIALS), "a partial is replaced only for a reason listed in KEPT_PARTIALS"
    assert all(name.startswith("partials/hb-") for name in ours - replaced), "a partial of our own is named hb-*"


@pytest.mark.parametrize("partial", sorted(KEPT_PARTIALS))
def test_a_replaced_partial_names_its_reason_and_the_material_version_it_was_taken_from(partial):
    kept = KEPT_PARTIALS[partial]
    source = (OVERRIDES / partial).read_text(encoding="utf-8")
    opening = source[: source.index("-#}")]
    assert f"Kept for {kept.reason}" in opening
    assert f"Material for MkDocs {kept.version}'s {partial}" in opening


@pytest.mark.parametrize("partial", sorted(KEPT_PARTIALS))
def test_materials_original_of_a_replaced_partial_is_the_one_it_was_taken_from(partial):
    kept = KEPT_PARTIALS[partial]
    original = MATERIAL_TEMPLATES / partial
    assert original.is_file(), f"Material {material.__version__} has no {partial}: is overrides/{partial} still used?"
    assert _sha256(original) == kept.original_sha256, (
        f"Material's {partial} changed since {kept.version} (installed: {material.__version__}). Compare "
        f"overrides/{partial} with the new original, carry over what changed (or drop the copy if the reason "
        f"'{kept.reason}' is gone), then record the new version and sha256 in KEPT_PARTIALS and in its comment."
    )


def test_main_extends_materials_base_and_overrides_only_blocks_it_has():
    env = jinja2.Environment()
    ours = env.parse((OVERRIDES / "main.html").read_text(encoding="utf-8"))
    extends = list(ours.find_all(nodes.Extends))
    assert [(type(node.template), getattr(node.template, "value", None)) for node in extends] == [
        (nodes.Const, "base.html")
    ]
    base = env.parse((MATERIAL_TEMPLATES / "base.html").read_text(encoding="utf-8"))
    material_blocks = {block.name for block in base.find_all(nodes.Block)}
    overridden = {block.name for block in ours.find_all(nodes.Block)}
    assert overridden and overridden <= material_blocks, f"not in Material's base.html: {overridden - material_blocks}"
    # Outside its blocks a child template writes nothing: only settings and macros.
    body = [node for node in ours.body if not isinstance(node, (nodes.Extends, nodes.Block, nodes.Macro, nodes.Assign))]
    assert all(
        isinstance(node, nodes.Output)
        and not "".join(child.data for child in node.nodes if isinstance(child, nodes.TemplateData)).strip()
        for node in body
    )


# Material's built asset names carry a content hash (main.57a0d79d.min.css); its base.html names them.
HASHED_ASSET = re.compile(r"\.[0-9a-f]{8}\.min\.(?:css|js)")


@pytest.mark.parametrize("template", _our_templates(), ids=lambda path: path.relative_to(REPO).as_posix())
def test_no_template_of_ours_names_a_hashed_asset_or_materials_version(template):
    source = template.read_text(encoding="utf-8")
    assert not HASHED_ASSET.search(source)
    assert "mkdocs-material-" not in source


def test_the_hashed_asset_pattern_finds_materials_asset_names():
    assert HASHED_ASSET.search((MATERIAL_TEMPLATES / "base.html").read_text(encoding="utf-8"))

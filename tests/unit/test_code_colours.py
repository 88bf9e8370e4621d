"""Code blocks keep WCAG AA contrast: every colour Material gives code text, after our
stylesheets, against the code background and against a highlighted line's background.

The ratios are computed from the CSS itself (Material's installed stylesheets, then ours in
the order mkdocs.yml lists them), with WCAG 2's relative luminance, for every colour scheme
the site offers. A new token colour in a Material release, or a low-contrast colour set in
our stylesheet, fails here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import material
import pytest
import tinycss2
import tinycss2.color4
from mkdocs.utils.yaml import yaml_load

from tests.support import REPO

AA_NORMAL_TEXT = 4.5
MATERIAL_CSS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
CONFIG = yaml_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
SCHEMES = [entry["scheme"] for entry in CONFIG["theme"].get("palette", [{"scheme": "default"}])]
# Where code text sits: the code background, and a line picked out with hl_lines.
BACKGROUNDS = {"code": ["--md-code-bg-color"], "highlighted line": ["--md-code-bg-color", "--md-code-hl-color--light"]}

RGBA = tuple[float, float, float, float]


@dataclass(frozen=True)
class Rule:
    selectors: tuple[str, ...]
    declarations: dict[str, str]


def rules_of(css: str) -> list[Rule]:
    """The style rules at the top level of a stylesheet (at-rules such as @media print left out)."""
    rules = []
    for node in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if node.type != "qualified-rule":
            continue
        selectors = tuple(" ".join(part.split()) for part in tinycss2.serialize(node.prelude).split(","))
        declarations = {
            item.lower_name: tinycss2.serialize(item.value).strip()
            for item in tinycss2.parse_blocks_contents(node.content, skip_comments=True, skip_whitespace=True)
            if item.type == "declaration"
        }
        rules.append(Rule(selectors, declarations))
    return rules


def material_rules() -> list[Rule]:
    # Material's file names carry a content hash that changes with each release.
    (main,) = MATERIAL_CSS.glob("main.*.min.css")
    (palette,) = MATERIAL_CSS.glob("palette.*.min.css")
    return rules_of(main.read_text(encoding="utf-8")) + rules_of(palette.read_text(encoding="utf-8"))


def our_rules() -> list[Rule]:
    """The rules of the stylesheets mkdocs.yml adds, in its order (from docs/ or the theme's custom_dir)."""
    folders = [REPO / CONFIG.get("docs_dir", "docs"), REPO / CONFIG["theme"].get("custom_dir", "overrides")]
    rules = []
    for name in CONFIG.get("extra_css", []):
        paths = [folder / name for folder in folders if (folder / name).is_file()]
        assert paths, f"extra_css {name} is in none of {[str(folder) for folder in folders]}"
        rules += rules_of(paths[0].read_text(encoding="utf-8"))
    return rules


def scheme_properties(rules: list[Rule], scheme: str) -> dict[str, str]:
    """The custom properties the page body gets in ``scheme``: later rules win, as in the cascade."""
    applies = {":root", f"[data-md-color-scheme={scheme}]"}
    properties: dict[str, str] = {}
    for rule in rules:
        if applies & set(rule.selectors):
            properties.update({name: value for name, value in rule.declarations.items() if name.startswith("--")})
    return properties


def resolve(value: str, properties: dict[str, str]) -> str:
    """``value`` with every var(--name) replaced by the property's value (no fallbacks are used here)."""
    for _ in range(20):  # properties refer to properties a few levels deep at most
        start = value.find("var(")
        if start < 0:
            return value
        end = value.index(")", start)
        name = value[start + 4 : end].split(",")[0].strip()
        assert name in properties, f"{name} is not defined"
        value = value[:start] + properties[name] + value[end + 1 :]
    raise AssertionError(f"var() nested too deep in {value}")


def rgba(value: str) -> RGBA:
    colour = tinycss2.color4.parse_color(value)
    assert colour is not None, f"not a colour: {value!r}"
    red, green, blue, alpha = colour.to("srgb")
    return red, green, blue, alpha


def over(top: RGBA, below: RGBA) -> RGBA:
    """``top`` painted over an opaque ``below``, as axe blends what the browser reports.

    Chromium reports a computed alpha to two decimals (#0000008a as rgba(0, 0, 0, 0.54))
    and axe rounds each blended channel to 8 bits: Material's comments come out #717171.
    """
    alpha = round(top[3], 2)
    red, green, blue = (
        round(255 * (alpha * t + (1 - alpha) * b)) / 255 for t, b in zip(top[:3], below[:3], strict=True)
    )
    return red, green, blue, 1.0


def relative_luminance(colour: RGBA) -> float:
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in colour[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: RGBA, second: RGBA) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def code_text_colours(material: list[Rule], ours: list[Rule]) -> dict[str, str]:
    """Each colour Material gives text in code blocks, by selector; ours where we restyle the same selector."""
    restyled = {
        selector: rule.declarations["color"]
        for rule in ours
        if "color" in rule.declarations
        for selector in rule.selectors
    }
    colours = {"inline and block code": "var(--md-code-fg-color)"}
    for rule in material:
        if "color" in rule.declarations:
            for selector in rule.selectors:
                if selector.startswith((".highlight ", ".highlighttable ")):
                    colours[selector] = restyled.get(selector, rule.declarations["color"])
    return colours


def code_contrasts(scheme: str, ours: list[Rule]) -> dict[tuple[str, str], tuple[str, float]]:
    """(selector, background name) -> (colour as written, contrast ratio) in ``scheme``."""
    material = material_rules()
    properties = scheme_properties(material + ours, scheme)
    page = rgba(resolve("var(--md-default-bg-color)", properties))
    ratios = {}
    for background_name, layers in BACKGROUNDS.items():
        background = page
        for layer in layers:
            background = over(rgba(resolve(f"var({layer})", properties)), background)
        for selector, colour in code_text_colours(material, ours).items():
            ratios[selector, background_name] = (
                colour,
                contrast(over(rgba(resolve(colour, properties)), background), background),
            )
    return ratios


@pytest.mark.parametrize("scheme", SCHEMES)
def test_code_text_meets_wcag_aa_on_code_backgrounds(scheme):
    ratios = code_contrasts(scheme, our_rules())
    assert len({selector for selector, _ in ratios}) > 20, "Material's code token rules were not found"
    low = {
        f"{selector} on {background}": f"{colour}: {ratio:.2f}:1"
        for (selector, background), (colour, ratio) in ratios.items()
        if ratio < AA_NORMAL_TEXT
    }
    assert not low, f"code colours under {AA_NORMAL_TEXT}:1 in the {scheme} scheme: {low}"


def test_materials_own_comment_colour_is_what_the_issue_measured():
    """Without our stylesheets the check finds Material's grey comments at 4.47:1, as axe did."""
    ratios = code_contrasts("default", ours=[])
    colour, ratio = ratios[".highlight .c1", "code"]
    assert colour == "var(--md-code-hl-comment-color)"
    assert 4.47 <= ratio < 4.48  # axe truncates the ratio to two decimals


def test_a_low_contrast_colour_in_our_stylesheet_is_caught():
    lowered = our_rules() + rules_of("[data-md-color-scheme=default] { --md-code-hl-string-color: #44aa77 }")
    ratios = code_contrasts("default", lowered)
    assert ratios[".highlight .s2", "code"][1] < AA_NORMAL_TEXT


def test_the_wcag_formula_gives_the_known_extremes():
    black, white = rgba("#000"), rgba("#fff")
    assert contrast(black, white) == pytest.approx(21.0)
    assert contrast(white, white) == pytest.approx(1.0)
    assert contrast(rgba("#767676"), white) == pytest.approx(4.54, abs=0.01)  # the lightest grey that passes on white

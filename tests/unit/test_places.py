"""An organisation's places (issue 21 item 2): read, checked against its nations and the
boundary data, each problem reported with its file, line, field and a fix."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from handbook import load_corpus
from handbook.cli.scaffold import TEMPLATES_DIR
from handbook.content import corpus as corpus_module
from handbook.content.model import ONLINE, UK_WIDE, Organisation, OrganisationPlace
from handbook.geography.boundaries import load_boundaries
from tests.support import REPO, SAMPLE

PATH = "docs/organisations/swansea-test.md"
SOURCE = "https://example.org/contact"
SWANSEA = f"{{name: Swansea, lat: 51.6214, lon: -3.9436, source: {SOURCE}}}"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLE, tmp_path, dirs_exist_ok=True)
    return tmp_path


def write(root: Path, nations: str, *places: str) -> None:
    """An organisation whose places start on line 6: line 6 + i is its places[i]."""
    lines = [
        "---",
        "name: Swansea Test",
        f"nations: [{nations}]",
        'listing: {basis: public-source, source: "https://example.org/"}',
        "places:",
        *(f"  - {place}" for place in places),
        "---",
    ]
    (root / PATH).write_text("\n".join(lines) + "\n", encoding="utf-8")


def problems(root: Path) -> list[str]:
    return [str(p) for p in load_corpus(root).problems]


def organisation(root: Path) -> Organisation:
    result = load_corpus(root)
    item = result.corpus.get("organisation", "swansea-test")
    assert isinstance(item, Organisation), [str(p) for p in result.problems]
    return item


def test_a_place_is_read_and_placed_in_its_nation(project):
    write(project, "wales", SWANSEA)
    assert problems(project) == []
    assert organisation(project).places == [
        OrganisationPlace(name="Swansea", lat=51.6214, lon=-3.9436, source=SOURCE, nation="wales")
    ]


def test_places_in_several_nations_and_places_without_a_point(project):
    write(
        project,
        "uk-wide",
        SWANSEA,
        f"{{name: Glasgow, lat: 55.8642, lon: -4.2518, source: {SOURCE}}}",
        "{name: uk-wide}",
        "{name: Online}",
    )
    assert problems(project) == []
    places = organisation(project).places
    assert [(place.name, place.nation, place.located) for place in places] == [
        ("Swansea", "wales", True),
        ("Glasgow", "scotland", True),
        (UK_WIDE, None, False),  # written in another case: the constant
        (ONLINE, None, False),
    ]


def test_a_source_on_this_site_is_a_checked_reference(project):
    write(project, "wales", "{name: Swansea, lat: 51.6214, lon: -3.9436, source: story:heatmap-in-action}")
    assert problems(project) == []
    assert organisation(project).places[0].source_item == ("story", "heatmap-in-action")
    write(project, "wales", "{name: Swansea, lat: 51.6214, lon: -3.9436, source: story:heatmap-in-acton}")
    [problem] = problems(project)
    assert problem.startswith(f"{PATH}:6: places[0].source: no such story 'heatmap-in-acton'")


def test_a_point_in_another_nation_names_the_nation_it_falls_in(project):
    write(project, "england", SWANSEA)
    assert problems(project) == [
        f"{PATH}:6: places[0].lat: coordinates 51.6214, -3.9436 fall in Wales, but nations lists england "
        "(expected add wales to nations, or check the coordinates: latitude first, then longitude)"
    ]


def test_a_uk_wide_organisation_may_have_a_point_in_any_nation(project):
    write(project, "uk-wide", f"{{name: Belfast, lat: 54.5973, lon: -5.9301, source: {SOURCE}}}")
    assert problems(project) == []
    assert organisation(project).places[0].nation == "northern-ireland"


def test_swapped_coordinates_get_a_hint(project):
    write(project, "wales", f"{{name: Swansea, lat: -3.9436, lon: 51.6214, source: {SOURCE}}}")
    [problem] = problems(project)
    assert problem.startswith(f"{PATH}:6: places[0].lat: coordinates -3.9436, 51.6214 fall outside the British Isles")
    assert problem.endswith("did you mean lat: 51.6214, lon: -3.9436?)")


def test_a_longitude_without_its_minus_sign_gets_a_hint(project):
    write(project, "wales", f"{{name: Swansea, lat: 51.6214, lon: 3.9436, source: {SOURCE}}}")
    [problem] = problems(project)
    assert problem.startswith(f"{PATH}:6: places[0].lat: coordinates 51.6214, 3.9436 fall outside the British Isles")
    assert "did you mean lon: -3.9436 (west of Greenwich, longitudes are negative)?" in problem


def test_a_point_outside_the_british_isles_needs_international(project):
    paris = f"{{name: Paris, lat: 48.8566, lon: 2.3522, source: {SOURCE}}}"
    write(project, "england", paris)
    [problem] = problems(project)
    assert problem.startswith(f"{PATH}:6: places[0].lat: coordinates 48.8566, 2.3522 fall outside the British Isles")
    assert "or international in nations for a place outside the UK" in problem
    write(project, "england, international", paris)
    assert problems(project) == []
    assert organisation(project).places[0].nation is None


def test_a_point_in_the_british_isles_but_not_the_uk(project):
    dublin = f"{{name: Dublin, lat: 53.3498, lon: -6.2603, source: {SOURCE}}}"
    write(project, "uk-wide", dublin)
    [problem] = problems(project)
    assert problem.startswith(
        f"{PATH}:6: places[0].lat: coordinates 53.3498, -6.2603 fall in Ireland, outside the four UK nations"
    )
    write(project, "uk-wide", f"{{name: Irish Sea, lat: 53.8, lon: -5.0, source: {SOURCE}}}")
    [problem] = problems(project)
    assert "fall at sea, more than 10 km from the coast" in problem
    write(project, "uk-wide, international", dublin)
    assert problems(project) == []


def test_a_named_place_needs_coordinates_and_a_source(project):
    write(project, "wales", "{name: Swansea}")
    assert problems(project) == [
        f"{PATH}:6: places[0].lat: is missing: a named place needs its lat and lon "
        "(expected coordinates in decimal degrees, e.g. {name: Swansea, lat: 51.6214, lon: -3.9436, source: https://...}; "
        "or name: UK-wide or online)",
        f"{PATH}:6: places[0].source: is missing: a named place needs the public source that says it is there "
        "(expected a full http(s) address, or an item on this site written kind:id (convening:..., story:..., "
        "resource:..., evidence:..., handbook:...))",
    ]
    assert organisation(project).places[0].located is False


def test_a_misspelt_uk_wide_gets_a_hint(project):
    write(project, "uk-wide", "{name: UK wide}")
    [first, _] = problems(project)
    assert first.startswith(f"{PATH}:6: places[0].lat: is missing: a named place needs its lat and lon")
    assert first.endswith("did you mean 'UK-wide'?)")


def test_uk_wide_and_online_take_no_coordinates_or_source(project):
    write(project, "uk-wide", f"{{name: UK-wide, lat: 54.0, source: {SOURCE}}}", "{name: online, lon: -2.0}")
    assert problems(project) == [
        f"{PATH}:6: places[0].lat: does not belong to UK-wide, which is no point on the map (expected just {{name: UK-wide}})",
        f"{PATH}:6: places[0].source: does not belong to UK-wide, which is no point on the map (expected just {{name: UK-wide}})",
        f"{PATH}:7: places[1].lon: does not belong to online, which is no point on the map (expected just {{name: online}})",
    ]


def test_uk_wide_needs_uk_wide_among_the_nations(project):
    write(project, "wales", "{name: UK-wide}")
    assert problems(project) == [
        f"{PATH}:6: places[0].name: is UK-wide, but nations does not list uk-wide "
        "(expected uk-wide in nations, or the places named one by one)"
    ]


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ('"51.6214"', "'51.6214' is text, not a number (expected a number written without quotes, e.g. 51.62)"),
        (
            "51°37'N",
            "'51°37'N' is text, not a number (expected a number in digits, with a decimal point if needed, e.g. 51.62)",
        ),
        ("true", "is a true/false value (expected a number, e.g. 51.62)"),
        ("[51, 37]", "is a list (expected a number, e.g. 51.62)"),
        (".nan", "'nan' is not a finite number (expected a number, e.g. 51.62)"),
        ("91", "91 is out of range (expected a number from -90 to 90)"),
    ],
)
def test_a_latitude_must_be_a_number_in_range(project, written, message):
    write(project, "wales", f"{{name: Swansea, lat: {written}, lon: -3.9436, source: {SOURCE}}}")
    assert problems(project) == [f"{PATH}:6: places[0].lat: {message}"]


def test_a_longitude_in_range(project):
    write(project, "wales", f"{{name: Swansea, lat: 51.6214, lon: -181, source: {SOURCE}}}")
    assert problems(project) == [f"{PATH}:6: places[0].lon: -181 is out of range (expected a number from -180 to 180)"]


def test_whole_degrees_are_numbers_too(project):
    write(project, "england", f"{{name: Somewhere, lat: 52, lon: -1, source: {SOURCE}}}")
    assert problems(project) == []
    place = organisation(project).places[0]
    assert (place.lat, place.lon, place.nation) == (52.0, -1.0, "england")


def test_the_same_place_twice(project):
    write(project, "uk-wide", SWANSEA, "{name: UK-wide}", SWANSEA.replace("Swansea", "swansea"), "{name: uk-WIDE}")
    assert problems(project) == [
        f"{PATH}:8: places[2].name: 'swansea' is listed twice (expected each place once)",
        f"{PATH}:9: places[3].name: 'uk-WIDE' is listed twice (expected each place once)",
    ]


def test_a_place_without_a_name_and_unknown_fields(project):
    write(project, "wales", f"{{lat: 51.6214, lon: -3.9436, source: {SOURCE}}}", "Swansea", SWANSEA[:-1] + ", town: x}")
    found = problems(project)
    assert found == [
        f"{PATH}:6: places[0].name: is required but missing",
        f"{PATH}:7: places[1]: is a str (expected a set of fields ('- key: value'))",
        f"{PATH}:8: places[2].town: is not a known field (expected one of name, lat, lon, source)",
    ]


def test_block_style_places_report_the_line_of_the_field(project):
    text = "\n".join(
        [
            "---",
            "name: Swansea Test",
            "nations: [england]",
            'listing: {basis: public-source, source: "https://example.org/"}',
            "places:",
            "  - name: Swansea",
            f"    source: {SOURCE}",
            "    lat: 51.6214",
            "    lon: -3.9436",
            "---",
            "",
        ]
    )
    (project / PATH).write_text(text, encoding="utf-8")
    [problem] = problems(project)
    assert problem.startswith(f"{PATH}:8: places[0].lat: coordinates 51.6214, -3.9436 fall in Wales")


def test_the_templates_example_places_are_valid(project):
    """The commented example in `handbook new organisation`'s template, uncommented, passes."""
    template = (REPO / TEMPLATES_DIR / "organisation.md").read_text(encoding="utf-8")
    block = re.search(r"^# places:\n((?:#   - .*\n)+)", template, re.MULTILINE)
    assert block is not None, "the template shows an example of places"
    examples = [line.removeprefix("#   - ").split("  #")[0].strip() for line in block.group(1).splitlines()]
    assert any("lat:" in example for example in examples)
    examples = [example.replace("https://...", SOURCE) for example in examples]
    write(project, "uk-wide", *examples)
    assert problems(project) == []


COLDSTREAM = f"{{name: Coldstream, lat: 55.648, lon: -2.25, source: {SOURCE}}}"  # on the Scottish bank of the Tweed


def test_by_a_border_the_nation_the_organisation_lists_wins(project):
    """The 1:50m outline puts Coldstream a kilometre into England: an organisation there that
    says it works in Scotland is not told otherwise, and its place is in Scotland."""
    write(project, "scotland", COLDSTREAM)
    assert problems(project) == []
    assert organisation(project).places[0].nation == "scotland"
    write(project, "england", COLDSTREAM)
    assert problems(project) == []
    assert organisation(project).places[0].nation == "england"


def test_by_a_border_a_nation_neither_side_is_still_a_problem(project):
    write(project, "wales", COLDSTREAM)
    [problem] = problems(project)
    assert problem.startswith(
        f"{PATH}:6: places[0].lat: coordinates 55.648, -2.25 fall in England, but nations lists wales"
    )


def test_by_the_irish_border_outside_the_uk_wins_for_an_organisation_outside_it(project):
    lifford = f"{{name: Lifford, lat: 54.8341, lon: -7.48, source: {SOURCE}}}"  # in Ireland; the outline says Northern Ireland
    write(project, "international", lifford)
    assert problems(project) == []
    assert organisation(project).places[0].nation is None


def test_the_boundary_data_is_read_once_per_corpus_load(project, monkeypatch):
    calls = []

    def counted():
        calls.append(1)
        return load_boundaries()

    monkeypatch.setattr(corpus_module, "load_boundaries", counted)
    write(project, "wales", SWANSEA)
    (project / "docs/organisations/glasgow-test.md").write_text(
        "---\nname: Glasgow Test\nnations: [scotland]\n"
        'listing: {basis: public-source, source: "https://example.org/"}\n'
        f"places:\n  - {{name: Glasgow, lat: 55.8642, lon: -4.2518, source: {SOURCE}}}\n---\n",
        encoding="utf-8",
    )
    assert problems(project) == []
    assert len(calls) == 1
    problems(project)
    assert len(calls) == 2  # a new load reads it again: nothing kept between builds

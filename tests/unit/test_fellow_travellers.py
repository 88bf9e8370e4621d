"""Fellow travellers: who is suggested to whom, in which order, and in which words."""

from __future__ import annotations

import random

import pytest

from handbook.content.model import UK_WIDE, Connection, Convening, Organisation, OrganisationPlace
from handbook.content.vocabulary import load_vocabularies
from handbook.relationships_map.fellow_travellers import (
    LIMIT,
    NATION_POINTS,
    PLACE_POINTS,
    THEME_POINTS,
    UK_WIDE_POINTS,
    acquaintances,
    fellow_travellers,
    lower_first,
)
from tests.support import SAMPLE


@pytest.fixture(scope="module")
def vocab():
    problems: list = []
    vocabularies = load_vocabularies(SAMPLE, problems)
    assert not problems
    return vocabularies


def org(org_id, *, themes=(), nations=(), places=(), connections=(), title=None):
    return Organisation(
        id=org_id,
        path=f"docs/organisations/{org_id}.md",
        title=title or org_id.replace("-", " ").title(),
        themes=list(themes),
        nations=list(nations),
        places=list(places),
        connections=[Connection(target=t, type="partner") for t in connections],
    )


def swansea():
    return OrganisationPlace(name="Swansea", lat=51.621, lon=-3.944, source="https://example.org", nation="wales")


def cardiff():
    return OrganisationPlace(name="Cardiff", lat=51.48, lon=-3.18, source="https://example.org", nation="wales")


def convening(hosts=(), partners=()):
    return Convening(
        id="c",
        path="docs/convenings/c.md",
        title="C",
        date="2024",
        format="online",
        hosts=list(hosts),
        partners=list(partners),
    )


def ids(found):
    return [f.organisation.id for f in found]


def test_an_organisation_is_never_its_own_fellow_traveller(vocab):
    found = fellow_travellers([org("a", themes=["loneliness"], places=[swansea()])], [], vocab)
    assert found == {"a": []}


def test_connected_organisations_are_left_out_whichever_side_declares_it(vocab):
    orgs = [
        org("a", themes=["loneliness"], connections=["b"]),
        org("b", themes=["loneliness"]),
        org("c", themes=["loneliness"]),
    ]
    found = fellow_travellers(orgs, [], vocab)
    assert ids(found["a"]) == ["c"]
    assert ids(found["b"]) == ["c"]  # b declares nothing, but a declared b
    assert ids(found["c"]) == ["a", "b"]


def test_co_hosts_and_partners_of_a_convening_already_know_each_other(vocab):
    orgs = [org(x, themes=["place"]) for x in "abcd"]
    found = fellow_travellers(orgs, [convening(hosts=["a", "b"], partners=["c"])], vocab)
    assert ids(found["a"]) == ["d"]
    assert ids(found["c"]) == ["d"]
    assert ids(found["d"]) == ["a", "b", "c"]
    assert acquaintances(orgs, [convening(hosts=["a"], partners=["c"])])["c"] == {"a"}


def test_sharing_only_a_nation_is_not_enough(vocab):
    orgs = [org("a", themes=["loneliness"], nations=["wales"]), org("b", themes=["power"], nations=["wales"])]
    assert fellow_travellers(orgs, [], vocab) == {"a": [], "b": []}


def test_a_shared_place_is_enough_and_is_explained(vocab):
    orgs = [org("a", themes=["loneliness"], places=[swansea()]), org("b", themes=["power"], places=[swansea()])]
    [fellow] = fellow_travellers(orgs, [], vocab)["a"]
    assert fellow.organisation.id == "b" and fellow.places == ("Swansea",) and fellow.themes == ()
    assert fellow.score == PLACE_POINTS + NATION_POINTS  # the point's nation is shared too
    assert fellow.explanation == "also works in Swansea"


def test_place_names_are_compared_without_case_or_spacing(vocab):
    other = OrganisationPlace(name=" SWANSEA ", lat=51.6, lon=-3.9, source="https://example.org", nation="wales")
    orgs = [org("a", places=[swansea()]), org("b", places=[other])]
    assert ids(fellow_travellers(orgs, [], vocab)["a"]) == ["b"]


def test_ranking_themes_first_then_places_then_nations_ties_by_name(vocab):
    me = org("me", themes=["loneliness", "place"], nations=["wales"], places=[swansea()])
    two_themes = org("two-themes", themes=["place", "loneliness"], nations=["england"])
    theme_and_nation = org("theme-and-nation", themes=["loneliness"], nations=["wales"])
    theme_only_b = org("theme-only-b", themes=["place"], nations=["england"], title="Beta")
    theme_only_a = org("theme-only-a", themes=["place"], nations=["england"], title="Alpha")
    place_only = org("place-only", themes=["power"], places=[swansea()])
    found = fellow_travellers([me, two_themes, theme_and_nation, theme_only_b, theme_only_a, place_only], [], vocab)
    ranked = found["me"]
    assert ids(ranked) == ["two-themes", "theme-and-nation", "theme-only-a", "theme-only-b", "place-only"]
    assert [f.score for f in ranked] == [
        2 * THEME_POINTS,
        THEME_POINTS + NATION_POINTS,
        THEME_POINTS,
        THEME_POINTS,
        PLACE_POINTS + NATION_POINTS,
    ]
    assert ranked == sorted(ranked, key=lambda f: -f.score)


def test_at_most_five_are_kept_the_best_ones(vocab):
    me = org("me", themes=["place", "power"])
    best = org("z-best", themes=["place", "power"])
    others = [org(f"o{i}", themes=["place"]) for i in range(8)]
    found = fellow_travellers([me, best, *others], [], vocab)["me"]
    assert len(found) == LIMIT == 5
    assert ids(found) == ["z-best", "o0", "o1", "o2", "o3"]


def test_explanations_use_the_vocabularies_titles(vocab):
    me = org("me", themes=["loneliness", "place", "kindness"], nations=["wales"])
    orgs = [
        me,
        org("in-wales", themes=["loneliness"], nations=["wales"]),
        org("two", themes=["place", "kindness"], nations=["england"]),
        org("with-and", themes=["loneliness", "place"], places=[cardiff()]),
    ]
    found = {f.organisation.id: f.explanation for f in fellow_travellers(orgs, [], vocab)["me"]}
    loneliness = lower_first(vocab.themes.title("loneliness"))
    assert found["in-wales"] == f"also works on {loneliness} in Wales"
    assert found["two"] == "also works on place and kindness"
    # The point in Cardiff falls in Wales, which "me" works in.
    assert found["with-and"] == f"also works on {loneliness} and on place in Wales"


def test_uk_wide_shares_every_nation_only_weakly(vocab):
    me = org("me", themes=["power"], nations=["wales"])
    uk_wide = org("uk-wide", themes=["power"], nations=["uk-wide"])
    welsh = org("welsh", themes=["power"], nations=["wales"])
    english = org("english", themes=["power"], nations=["england"])
    found = {f.organisation.id: f for f in fellow_travellers([me, uk_wide, welsh, english], [], vocab)["me"]}
    assert found["welsh"].score == THEME_POINTS + NATION_POINTS
    assert found["uk-wide"].score == THEME_POINTS + UK_WIDE_POINTS
    assert found["english"].score == THEME_POINTS
    assert found["uk-wide"].explanation == "also works on power across the UK"
    # Seen from the UK-wide organisation, the Welsh one works in a nation it covers.
    from_uk = {f.organisation.id: f for f in fellow_travellers([me, uk_wide, welsh], [], vocab)["uk-wide"]}
    assert from_uk["me"].explanation == "also works on power in Wales"


def test_a_uk_wide_place_counts_as_uk_wide(vocab):
    a = org("a", themes=["power"], places=[OrganisationPlace(name=UK_WIDE)])
    b = org("b", themes=["power"], nations=["uk-wide"])
    [fellow] = fellow_travellers([a, b], [], vocab)["a"]
    assert fellow.score == THEME_POINTS + NATION_POINTS
    assert fellow.explanation == "also works on power across the UK"


def test_abbreviations_keep_their_capitals():
    assert lower_first("Loneliness and isolation") == "loneliness and isolation"
    assert lower_first("NHS partnerships") == "NHS partnerships"


def test_the_indexed_ranking_matches_comparing_every_pair(vocab):
    """The indexes and the cut-off only skip work: on random records with many ties the top
    five are those a plain comparison of every pair finds."""
    rng = random.Random(21)
    themes = ["loneliness", "place", "power", "kindness"]
    nations = ["england", "wales", "scotland", "uk-wide"]
    towns = {"Swansea": ("wales", 51.62, -3.94), "Leeds": ("england", 53.8, -1.55), "Oban": ("scotland", 56.4, -5.47)}
    orgs = []
    for i in range(60):
        town = rng.choice([*towns, None])
        places = (
            []
            if town is None
            else [
                OrganisationPlace(
                    name=town, lat=towns[town][1], lon=towns[town][2], source="https://e.org", nation=towns[town][0]
                )
            ]
        )
        orgs.append(
            org(
                f"o{i:02d}",
                title=f"Organisation {rng.randint(0, 9)}",  # repeated names: ties fall to the id
                themes=rng.sample(themes, rng.randint(0, 2)),
                nations=[rng.choice(nations)],
                places=places,
                connections=[f"o{rng.randint(0, 59):02d}"] if rng.random() < 0.3 else [],
            )
        )
    known = acquaintances(orgs, [])

    def nation_points(a, b):
        na = {n for n in a.nations if n != "uk-wide"} | {p.nation for p in a.places}
        nb = {n for n in b.nations if n != "uk-wide"} | {p.nation for p in b.places}
        wa, wb = "uk-wide" in a.nations, "uk-wide" in b.nations
        if na & nb or (wa and wb):
            return NATION_POINTS
        return UK_WIDE_POINTS if (wa and nb) or (wb and na) else 0

    found = fellow_travellers(orgs, [], vocab)
    checked = 0
    for a in orgs:
        expected = []
        for b in orgs:
            shared_themes = set(a.themes) & set(b.themes)
            shared_places = {p.name for p in a.places} & {p.name for p in b.places}
            if b is a or b.id in known[a.id] or not (shared_themes or shared_places):
                continue
            score = THEME_POINTS * len(shared_themes) + PLACE_POINTS * len(shared_places) + nation_points(a, b)
            expected.append((-score, b.title.casefold(), b.id))
        expected.sort()
        assert [(f.score, f.organisation.id) for f in found[a.id]] == [(-s, i) for s, _, i in expected[:LIMIT]]
        checked += bool(expected)
    assert checked > 40


def test_a_place_name_in_another_nation_is_another_place(vocab):
    wales = OrganisationPlace(name="Newport", lat=51.58, lon=-3.0, source="https://e.org", nation="wales")
    wight = OrganisationPlace(name="Newport", lat=50.7, lon=-1.29, source="https://e.org", nation="england")
    orgs = [org("a", themes=["power"], places=[wales]), org("b", themes=["place"], places=[wight])]
    assert fellow_travellers(orgs, [], vocab) == {"a": [], "b": []}

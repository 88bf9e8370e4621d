"""The network of organisations: who has declared a connection with whom, and what they have
done together, from the records alone; and the same in words, for the list under the picture.

Only what the records say: an organisation's `connections`, a convening's `hosts` and
`partners`, a story's `organisation` (who told it), a resource's `organisation` (who made it).
Evidence and handbooks record no organisation (a publisher or an editor is free text), so
they are not in the network: nothing is matched by name. The picture is network_drawing.py's,
the page network_page.py's.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from handbook.content.corpus import Corpus
from handbook.content.model import Convening, Organisation, Resource, Story
from handbook.languages import N_
from handbook.linking.urls import url_for

# An organisation's part in an activity. The first three make an activity worth drawing even
# when one organisation alone is involved: it is that organisation's work.
HOSTED, PARTNER, TOLD, PRODUCED = "hosted", "partner", "told", "produced"
# What the list in words says of an organisation's part in an activity (each role has one kind of activity).
ROLE_SENTENCES = {
    HOSTED: N_("Hosted the convening %(activity)s"),
    PARTNER: N_("Partner in the convening %(activity)s"),
    TOLD: N_("Told the story %(activity)s"),
    PRODUCED: N_("Produced the resource %(activity)s"),
}
PRODUCING_ROLES = frozenset({HOSTED, TOLD, PRODUCED})
ACTIVITY_KINDS = ("convening", "story", "resource")
ACTIVITY_TITLES = {"convening": N_("Convening"), "story": N_("Story"), "resource": N_("Resource")}
STRENGTH_ORDER = {None: 0, "weak": 1, "medium": 2, "strong": 3}
STRENGTH_TITLES = {"weak": N_("weak"), "medium": N_("medium"), "strong": N_("strong")}


@dataclass(frozen=True)
class Node:
    """An organisation or an activity, with the page it links to."""

    kind: str
    id: str
    title: str

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.id}"

    @property
    def url(self) -> str:
        return url_for(self.kind, self.id)


@dataclass(frozen=True)
class Tie:
    """A declared connection between two organisations, however many of the two records declare it."""

    first: str  # organisation ids, first < second
    second: str
    type: str
    strength: str | None  # the strongest declared
    declared_by: tuple[str, ...]  # the organisations whose records declare it, sorted

    def other(self, organisation_id: str) -> str:
        return self.second if organisation_id == self.first else self.first


@dataclass(frozen=True)
class Involvement:
    organisation: str  # organisation id
    activity: str  # activity node key
    role: str


@dataclass
class Network:
    organisations: dict[str, Node]  # by id, in id order
    activities: dict[str, Node]  # by key, in key order
    ties: list[Tie]  # in (first, second, type) order
    involvements: list[Involvement]  # in (activity, organisation) order

    def node(self, key: str) -> Node:
        kind, _, item_id = key.partition(":")
        return self.organisations[item_id] if kind == "organisation" else self.activities[key]


def build_network(corpus: Corpus) -> Network:
    """The network of ``corpus``: every organisation, the activities drawn with them, the ties.

    Everything is sorted by id, so the result does not depend on the order files were read.
    A reference to an organisation that is not in the corpus makes no node (the loader reports it).
    """
    organisations = {
        o.id: Node("organisation", o.id, o.title) for o in sorted(corpus.records(Organisation), key=lambda o: o.id)
    }
    activities, involvements = _activities(corpus, organisations)
    return Network(organisations, activities, _ties(corpus.records(Organisation), organisations), involvements)


def _ties(records: list[Organisation], known: dict[str, Node]) -> list[Tie]:
    """One tie per pair and type, whichever way round it is declared, and by one record or both."""
    declared: dict[tuple[str, str, str], list[tuple[str, str | None]]] = defaultdict(list)
    for organisation in records:
        for connection in organisation.connections:
            if connection.target not in known or connection.target == organisation.id:
                continue
            first, second = sorted((organisation.id, connection.target))
            declared[(first, second, connection.type)].append((organisation.id, connection.strength))
    return [
        Tie(
            first,
            second,
            type_,
            max((strength for _, strength in by), key=lambda s: STRENGTH_ORDER.get(s, 0)),
            tuple(sorted({who for who, _ in by})),
        )
        for (first, second, type_), by in sorted(declared.items(), key=lambda entry: entry[0])
    ]


def _activities(corpus: Corpus, known: dict[str, Node]) -> tuple[dict[str, Node], list[Involvement]]:
    """The activities involving two organisations or more, or made by one (hosted, told, produced)."""
    roles: dict[Node, dict[str, str]] = {}  # activity -> organisation id -> its role (the first named)

    def involve(activity: Node, organisation_id: str | None, role: str) -> None:
        if organisation_id in known:
            roles.setdefault(activity, {}).setdefault(organisation_id, role)

    for convening in corpus.records(Convening):
        node = Node(convening.kind, convening.id, convening.title)
        for host in convening.hosts:
            involve(node, host, HOSTED)
        for partner in convening.partners:
            involve(node, partner, PARTNER)
    for story in corpus.records(Story):
        involve(Node(story.kind, story.id, story.title), story.organisation, TOLD)
    for resource in corpus.records(Resource):
        involve(Node(resource.kind, resource.id, resource.title), resource.organisation, PRODUCED)

    activities: dict[str, Node] = {}
    involvements = []
    for activity, by_organisation in sorted(roles.items(), key=lambda entry: entry[0].key):
        if len(by_organisation) < 2 and not PRODUCING_ROLES.intersection(by_organisation.values()):
            continue
        activities[activity.key] = activity
        involvements += [Involvement(o, activity.key, role) for o, role in sorted(by_organisation.items())]
    return activities, involvements


# -- the text equivalent ------------------------------------------------------------------


@dataclass(frozen=True)
class TieEntry:
    type: str
    other: Node
    strength: str | None
    both: bool  # declared in both organisations' records


@dataclass(frozen=True)
class ActivityEntry:
    role: str
    activity: Node
    others: tuple[Node, ...]  # the other organisations involved, by title


@dataclass(frozen=True)
class OrganisationEntry:
    organisation: Node
    ties: tuple[TieEntry, ...]
    activities: tuple[ActivityEntry, ...]


def by_title(node: Node) -> tuple[str, str]:
    return (node.title.casefold(), node.id)


def entries(network: Network) -> list[OrganisationEntry]:
    """Every organisation, by name, with its ties and its activities: all the picture shows, in words."""
    ties: dict[str, list[TieEntry]] = defaultdict(list)
    for tie in network.ties:
        for one in (tie.first, tie.second):
            other = network.organisations[tie.other(one)]
            ties[one].append(TieEntry(tie.type, other, tie.strength, len(tie.declared_by) == 2))
    involved: dict[str, list[Involvement]] = defaultdict(list)
    for involvement in network.involvements:
        involved[involvement.activity].append(involvement)
    activities: dict[str, list[ActivityEntry]] = defaultdict(list)
    for key, involvements in involved.items():
        activity = network.activities[key]
        for involvement in involvements:
            others = sorted(
                (network.organisations[i.organisation] for i in involvements if i is not involvement), key=by_title
            )
            activities[involvement.organisation].append(ActivityEntry(involvement.role, activity, tuple(others)))
    return [
        OrganisationEntry(
            organisation,
            tuple(sorted(ties[organisation.id], key=lambda t: (t.type, *by_title(t.other)))),
            tuple(sorted(activities[organisation.id], key=lambda a: (a.activity.kind, *by_title(a.activity)))),
        )
        for organisation in sorted(network.organisations.values(), key=by_title)
    ]


def degrees(network: Network) -> dict[str, int]:
    """How many ties and activities each organisation has (absent: none)."""
    degree: dict[str, int] = defaultdict(int)
    for tie in network.ties:
        degree[tie.first] += 1
        degree[tie.second] += 1
    for involvement in network.involvements:
        degree[involvement.organisation] += 1
    return degree

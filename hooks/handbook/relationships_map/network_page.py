"""The network page at /map/network/, beside the map: the picture and the list in words
(templates/generated/network.html), made when the page is rendered, once per build."""

from __future__ import annotations

from functools import cached_property

from handbook.content import kinds
from handbook.content.corpus import Corpus
from handbook.languages import N_
from handbook.languages.catalogue import Messages
from handbook.pages.generated import GeneratedPage
from handbook.relationships_map.network import (
    ACTIVITY_TITLES,
    ROLE_SENTENCES,
    STRENGTH_TITLES,
    Network,
    OrganisationEntry,
    build_network,
    entries,
)
from handbook.relationships_map.network_drawing import LABEL_SIZE, ORGANISATION_TITLE, NetworkDrawing, draw_network
from handbook.relationships_map.pages import ADD_ANCHOR, MAP_URL

NETWORK_URI = "map/network.md"
NETWORK_URL = "map/network/"
TITLE = N_("Network of organisations")
TEMPLATE = "generated/network.html"
SUMMARY = N_(
    "Who works with whom: the connections organisations have declared and the convenings, stories "
    "and resources they share, drawn as a network in which every organisation and activity is a link."
)

# The words the page uses for a node's shape and an organisation's part in an activity.
SHAPE_TITLES = {"circle": ORGANISATION_TITLE, **ACTIVITY_TITLES}  # English (N_), translated where shown


class NetworkView:
    """What the page's template reads. The graph and its picture are made when the page is
    rendered, once per build: the list of generated pages is asked for more than once."""

    def __init__(self, corpus: Corpus):
        self._corpus = corpus

    @cached_property
    def network(self) -> Network:
        return build_network(self._corpus)

    @cached_property
    def drawing(self) -> NetworkDrawing:
        return draw_network(self.network, self._corpus.vocabularies.connection_types)

    @cached_property
    def entries(self) -> list[OrganisationEntry]:
        return entries(self.network)


def network_page(corpus: Corpus, messages: Messages | None = None) -> GeneratedPage:
    """The page at /map/network/, beside the map; its edit link opens the organisations' folder.
    Its title and summary in the language of ``messages`` (English when None)."""
    messages = messages or Messages()
    context = {
        "network": NetworkView(corpus),
        "map_url": MAP_URL,
        "add_anchor": ADD_ANCHOR,
        "shape_titles": SHAPE_TITLES,
        "role_sentences": ROLE_SENTENCES,
        "strength_titles": STRENGTH_TITLES,
        "activity_titles": ACTIVITY_TITLES,
        "label_size": LABEL_SIZE,
    }
    return GeneratedPage(
        NETWORK_URI,
        messages.gettext(TITLE),
        TEMPLATE,
        kinds.ORGANISATION.source,
        context,
        summary=messages.gettext(SUMMARY),
    )

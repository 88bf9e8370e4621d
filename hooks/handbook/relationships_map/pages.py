"""The /map/ page: the picture, its filters, the directory that says the same in words, the
way to add an organisation, and links to the network and the data.

Built once per build from the corpus; ``hooks/handbook/templates/generated/map.html``
writes the markup. The filters are the directory's data-* attributes read by
``overrides/assets/javascripts/hb-map.js``; without the script the directory is complete
and the filter form stays hidden.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from handbook.content import kinds
from handbook.content.corpus import Corpus
from handbook.content.model import Organisation
from handbook.contributions.issue_forms import ORGANISATION as ORGANISATION_FORM
from handbook.geography.boundaries import load_boundaries
from handbook.languages import N_, SOURCE_LANGUAGE
from handbook.languages.catalogue import Messages, messages_for
from handbook.linking.urls import index_url
from handbook.pages.gathering import listed
from handbook.pages.generated import GeneratedPage
from handbook.relationships_map.directory import UK_WIDE_NATION, build_directory
from handbook.relationships_map.drawing import MapDrawing, draw_map
from handbook.relationships_map.exports import ORGANISATIONS_CSV, ORGANISATIONS_GEOJSON, ORGANISATIONS_JSON

MAP_SRC_URI = "map/index.md"
MAP_TITLE = N_("Relationships Map")
MAP_SUMMARY = N_(
    "Who works on what, and where: every organisation in this handbook on a map of the four nations,"
    " with a directory that says the same in words."
)
MAP_URL = "map/"
ADD_ANCHOR = "add-your-organisation"  # /map/#add-your-organisation: linked from organisation pages
NETWORK_URL = "map/network/"
CONTENT_MODEL_PAGE = "contribute/content-model"  # the contributors' page on every field
CONTENT_MODEL_URL = "contribute/content-model/"
# The data for reuse, written by every build.
EXPORTS = {"JSON": ORGANISATIONS_JSON, "CSV": ORGANISATIONS_CSV, "GeoJSON": ORGANISATIONS_GEOJSON}
ORGANISATION_TEMPLATE = ".github/content-templates/organisation.md"
# A suggestion of an organisation the reader does not represent, prefilled in a blank issue
# (the issue form is for self-listing): a public-source entry needs its source, and places
# need theirs (docs/contribute/content-model.md, "Organisations").
SUGGESTION_TITLE = "Organisation: "
SUGGESTION_BODY = """\
Name of the organisation:
The public page or report that describes it (its address):
Website (optional):
Type (charity, foundation, council, public body, business, social enterprise, network, university, community group, campaign):
Nations (England, Scotland, Wales, Northern Ireland, UK-wide, outside the UK):
Places where it is or works (town, city or local authority area; or UK-wide / online), each with a public page that says so:
Themes it works on:
Organisations it works with (partner, member, funder, host, collaborator):
"""


@dataclass(frozen=True)
class AddLinks:
    """Where a reader adds an organisation on GitHub."""

    form: str  # the issue form for listing one's own organisation (self-listed)
    suggestion: str  # a blank issue, prefilled, for one known from a public source
    template: str  # the file `handbook new organisation` fills
    new_file: str  # GitHub's editor for a new file in docs/organisations/ (it opens a pull request)


def add_links(repo_url: str | None, branch: str = "main") -> AddLinks | None:
    """The GitHub addresses of the ways to add an organisation; None without a repository."""
    if not repo_url:
        return None
    base = repo_url.rstrip("/")
    return AddLinks(
        form=f"{base}/issues/new?" + urlencode({"template": ORGANISATION_FORM.file_name}),
        suggestion=f"{base}/issues/new?"
        + urlencode({"title": SUGGESTION_TITLE, "body": SUGGESTION_BODY}, quote_via=quote),
        template=f"{base}/blob/{branch}/{ORGANISATION_TEMPLATE}",
        new_file=f"{base}/new/{branch}/docs/organisations",
    )


def map_page(corpus: Corpus, messages: Messages | None = None) -> GeneratedPage:
    """The page at /map/, its title and summary in the language of ``messages`` (English when None)."""
    messages = messages or Messages()
    organisations = listed(corpus.records(Organisation))
    directory = build_directory(organisations, corpus.vocabularies)

    def draw(href: Callable[[Organisation], str], language: str = SOURCE_LANGUAGE) -> MapDrawing:
        """The picture, drawn when the page is rendered: its links are relative to the page's
        address, which the offline copy's build gives differently (map/index.html); its words
        are in the page's language (the template gives its ``language``)."""
        words = messages if messages.language == language else messages_for(language)  # the page's own, once given
        return draw_map(organisations, load_boundaries(), corpus.vocabularies, href, words)

    return GeneratedPage(
        MAP_SRC_URI,
        messages.gettext(MAP_TITLE),
        "generated/map.html",
        kinds.ORGANISATION.source,
        {
            "directory": directory,
            "draw": draw,
            "uk_wide": UK_WIDE_NATION,
            "exports": EXPORTS,
            "network_url": NETWORK_URL,
            # Linked only where the site has that page (a new project may not).
            "content_model_url": CONTENT_MODEL_URL if corpus.get("page", CONTENT_MODEL_PAGE) else None,
            "organisations_url": index_url(kinds.ORGANISATION.name),
            "add_anchor": ADD_ANCHOR,
            "add_links": add_links,
        },
        summary=messages.gettext(MAP_SUMMARY),
    )

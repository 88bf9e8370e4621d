"""Which of a served page's requests leave the site.

Online, the pages' language links (<link rel="alternate" hreflang>) are absolute addresses
on the published site (site_url in mkdocs.yml), and Material's bundle asks for the
sitemap.xml beside each of them. In production that is the site's own origin; in the tests
the site is served from localhost. So a request to the published site's origin counts as the
site's own, and nothing else does: any other origin is elsewhere. (The offline copy leaves
those links out, and its tests allow no request at all.)
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from mkdocs.utils.yaml import yaml_load

from tests.support import REPO


def published_origin() -> str:
    """scheme://host of the real site's site_url."""
    parts = urlsplit(yaml_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"])
    return f"{parts.scheme}://{parts.netloc}"


def elsewhere(requests: Iterable[str], served_origin: str) -> list[str]:
    """The requests to anywhere but the served site, the published site's origin, data: and blob:."""
    own = (served_origin + "/", published_origin() + "/", "data:", "blob:")
    return [url for url in requests if not url.startswith(own)]

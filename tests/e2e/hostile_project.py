"""A project whose every free-text field shown on the site carries markup, for test_hostile_markup.py.

Each field gets the same payload with its own marker word, so a test can tell which field
an escaped (or, if it ever regresses, live) piece of markup came from.
"""

from __future__ import annotations

import json
from pathlib import Path

SITE_NAME = "Relationships Handbooks"


def payload(marker: str) -> str:
    """Markup that would run if printed raw: in element text, in an attribute, in <title>, or as a template."""
    return (
        f'{marker} <script>alert("{marker}")</script> "><img src=x onerror=alert("{marker}")> '
        f"</title><script>{marker}</script> {{{{ 7*7 }}}} & co"
    )


HANDBOOK = payload("XSSHANDBOOK")
HANDBOOK_SUMMARY = payload("XSSHBSUMMARY")
CHAPTER = payload("XSSCHAPTER")
REVIEWER = payload("XSSREVIEWER")
PAGE = payload("XSSPAGE")
PAGE_SUMMARY = payload("XSSPAGESUMMARY")
TAG = payload("XSSTAG")  # free-form pages may carry Material's search tags
TERM = payload("XSSTERM")
ALIAS = payload("XSSALIAS")
DEFINITION = payload("XSSDEFINITION")
EVIDENCE = payload("XSSEVIDENCE")
AUTHOR = payload("XSSAUTHOR")
EVIDENCE_SUMMARY = payload("XSSEVSUMMARY")
STORY = payload("XSSSTORY")
CONVENING = payload("XSSCONVENING")
ORGANISATION = payload("XSSORGANISATION")
RESOURCE = payload("XSSRESOURCE")
# Fields shown only by our own fragments (autoescaped from the start), for the checks over every page.
OTHER_FIELDS = {
    "docs/evidence/russell-1996.md": {"publisher": payload("XSSPUBLISHER"), "key_findings": [payload("XSSFINDING")]},
    "docs/convenings/measuring-relationships-2021.md": {
        "purpose": payload("XSSPURPOSE"),
        "speakers": [payload("XSSSPEAKER")],
    },
    "docs/organisations/enrol-yourself.md": {"what_we_do": payload("XSSWHATWEDO")},
    "docs/stories/heatmap-in-action.md": {"summary": payload("XSSSTORYSUMMARY")},
    "docs/resources/relationships-heatmap.md": {"summary": payload("XSSRESOURCESUMMARY")},
}
# Who listed an organisation and who recorded a story's consent: shown on their pages.
LISTED_BY = payload("XSSLISTEDBY")
RECORDED_BY = payload("XSSRECORDEDBY")
COMMIT = payload("XSSCOMMIT")  # a commit subject: the "What's changed" page and the feed show it
# A page without a title in its front matter: its headings, written with Markdown's own
# escapes and a code span (raw HTML in a body is the sanitiser's business, not this file's).
HEADING_PAGE = "about/headings"
FREE_FORM_PAGE = "about/free-form"  # a page of the About section, with a title
HEADING_MARKDOWN = '## Heading `<script>alert("XSSHEADING")</script>` &lt;img src=x onerror=alert(1)&gt; {{ 7*7 }}'
HEADING_TEXT = 'Heading <script>alert("XSSHEADING")</script> <img src=x onerror=alert(1)> {{ 7*7 }}'


def _edit_front_matter(path: Path, **fields) -> None:
    """Set ``fields`` in a file's front matter, each on one line in place of the field's line.

    Values are written as JSON, which YAML reads as double-quoted strings and flow lists.
    """
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    lines = [line for line in front.splitlines() if line.split(":", 1)[0] not in fields]
    lines[:0] = [f"{name}: {json.dumps(value)}" for name, value in fields.items()]
    path.write_text("---\n" + "\n".join(lines) + "\n---\n" + body, encoding="utf-8")


def add_hostile_fields(root: Path) -> Path:
    """Give every free-text field of the project at ``root`` its own payload (commit it with ``COMMIT``)."""
    _edit_front_matter(root / "handbooks/starter/index.md", title=HANDBOOK, summary=HANDBOOK_SUMMARY)
    _edit_front_matter(root / "handbooks/starter/first-steps.md", title=CHAPTER, reviewed_by=REVIEWER)
    (root / f"docs/{FREE_FORM_PAGE}.md").write_text(
        f"---\ntitle: {json.dumps(PAGE)}\nsummary: {json.dumps(PAGE_SUMMARY)}\ntags: [{json.dumps(TAG)}]\n---\n\n"
        "## About\n\nAbout this sample.\n",
        encoding="utf-8",
    )
    (root / f"docs/{HEADING_PAGE}.md").write_text(f"{HEADING_MARKDOWN}\n\nText.\n", encoding="utf-8")
    term = root / "glossary/co-production.md"
    _edit_front_matter(term, term=TERM, aliases=[ALIAS], working_definition=DEFINITION)
    _edit_front_matter(
        root / "docs/evidence/russell-1996.md", title=EVIDENCE, authors=[AUTHOR], summary=EVIDENCE_SUMMARY
    )
    _edit_front_matter(root / "docs/stories/heatmap-in-action.md", title=STORY)
    _edit_front_matter(root / "docs/convenings/measuring-relationships-2021.md", title=CONVENING)
    _edit_front_matter(root / "docs/organisations/enrol-yourself.md", name=ORGANISATION)
    _edit_front_matter(root / "docs/resources/relationships-heatmap.md", title=RESOURCE)
    for path, fields in OTHER_FIELDS.items():
        _edit_front_matter(root / path, **fields)
    record = "https://github.com/relationships-project/handbooks/pull/12"
    _edit_front_matter(
        root / "docs/organisations/enrol-yourself.md",
        listing={"basis": "self-listed", "by": LISTED_BY, "record": record},
    )
    _edit_front_matter(
        root / "docs/stories/heatmap-in-action.md",
        publication={"basis": "contributed", "recorded_by": RECORDED_BY, "date": "2024-01-05", "record": record},
    )
    return root

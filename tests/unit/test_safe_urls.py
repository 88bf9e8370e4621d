"""The one URL policy (handbook.safety.urls), and the front matter fields that use it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from handbook import load_corpus
from handbook.safety.urls import Use, refusal, scheme_of
from tests.support import SAMPLE

ALLOWED_IN_BODIES = [
    "https://example.org/report",
    "http://example.org",
    "HTTPS://EXAMPLE.ORG",
    "mailto:someone@example.org",
    "/handbooks/starter/",
    "../evidence/holt-lunstad-2010/",
    "page.md",
    "page.md#part",
    "#a-heading",
    "?q=1",
    "",
    "//example.org/protocol-relative",
    "2024:report",
    "a/b:c",
]
REFUSED_IN_BODIES = {
    "javascript:alert(1)": "javascript",
    "JaVaScRiPt:alert(1)": "javascript",
    " javascript:alert(1)": "javascript",
    "java\tscript:alert(1)": "javascript",
    "java\nscript:alert(1)": "javascript",
    "java\x00script:alert(1)": "javascript",
    "\x01javascript:alert(1)": "javascript",
    "javascript&#58;alert(1)": "javascript",
    "javascript&colon;alert(1)": "javascript",
    "&#106;avascript:alert(1)": "javascript",
    "&#x6A;avascript:alert(1)": "javascript",
    "&amp;#106;avascript:alert(1)": "javascript",
    "java&#9;script:alert(1)": "javascript",
    "java\\script:alert(1)": "javascript",
    "data:text/html;base64,PHNjcmlwdD4=": "data",
    "DATA:image/svg+xml,<svg onload=alert(1)>": "data",
    "vbscript:msgbox(1)": "vbscript",
    "file:///etc/passwd": "file",
    "ftp://example.org/file": "ftp",
    "tel:+441234567890": "tel",
    "C:\\Windows\\system32": "c",
}


@pytest.mark.parametrize("url", ALLOWED_IN_BODIES)
def test_allowed_in_markdown_and_raw_html(url):
    assert refusal(url, Use.MARKDOWN) is None
    assert refusal(url, Use.RAW_HTML) is None
    assert refusal(url, Use.RENDERED) is None


@pytest.mark.parametrize("url,scheme", REFUSED_IN_BODIES.items())
def test_refused_everywhere(url, scheme):
    assert scheme_of(url) == scheme
    for use in Use:
        refused = refusal(url, use)
        assert refused is not None, use
        assert refused.reason == f"uses the scheme '{scheme}'"


@pytest.mark.parametrize("url", ["term:co-production", "evidence:holt-lunstad-2010", "chapter:starter/first-steps"])
def test_references_are_links_in_markdown_only(url):
    assert refusal(url, Use.MARKDOWN) is None
    assert refusal(url, Use.RENDERED) is None
    refused = refusal(url, Use.RAW_HTML)
    assert refused is not None and "references are not resolved" in refused.reason
    assert refusal(url, Use.FRONT_MATTER) is not None


@pytest.mark.parametrize("url", ["https://example.org/x", "http://example.org", "HTTPS://example.org"])
def test_front_matter_takes_web_addresses(url):
    assert refusal(url, Use.FRONT_MATTER) is None


@pytest.mark.parametrize(
    "url,reason",
    [
        ("mailto:someone@example.org", "uses the scheme 'mailto'"),
        ("/handbooks/", "is not a full address"),
        ("//example.org/x", "is not a full address"),
        ("example.org", "is not a full address"),
    ],
)
def test_front_matter_refuses_what_is_not_a_web_address(url, reason):
    refused = refusal(url, Use.FRONT_MATTER)
    assert refused is not None and refused.reason == reason
    assert refused.expected.startswith("an http or https address")


# -- front matter fields, as the loader reports them ------------------------------------------------
@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLE, tmp_path, dirs_exist_ok=True)
    return tmp_path


def add_line(path: Path, after: str, line: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert after in text
    path.write_text(text.replace(after, f"{after}\n{line}", 1), encoding="utf-8")


def problems(root: Path) -> list[str]:
    return [str(p) for p in load_corpus(root).problems]


def test_evidence_url(project):
    add_line(project / "docs/evidence/russell-1996.md", "year: 1996", "url: 'javascript:alert(1)'")
    assert problems(project) == [
        "docs/evidence/russell-1996.md:5: url: 'javascript:alert(1)' uses the scheme "
        "'javascript' (expected an http or https address)"
    ]


def test_resource_url_with_an_entity(project):
    add_line(project / "docs/resources/relationships-heatmap.md", "---", "url: 'javascript&#58;alert(1)'")
    assert problems(project) == [
        "docs/resources/relationships-heatmap.md:2: url: 'javascript&#58;alert(1)' uses the "
        "scheme 'javascript' (expected an http or https address)"
    ]


def test_organisation_website(project):
    add_line(
        project / "docs/organisations/relationships-project.md",
        "org_type: charity",
        'website: "data:text/html,<script>alert(1)</script>"',
    )
    assert problems(project) == [
        "docs/organisations/relationships-project.md:4: website: 'data:text/html,<script>"
        "alert(1)</script>' uses the scheme 'data' (expected an http or https address)"
    ]


def test_perspective_source_url_with_a_control_character(project):
    path = project / "glossary/co-production.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            'source: {title: "Crossing the great divide", year: 1996}',
            'source: {title: "Crossing the great divide", year: 1996, url: "java\\tscript:alert(1)"}',
        ),
        encoding="utf-8",
    )
    assert problems(project) == [
        "glossary/co-production.md:10: perspectives[0].source.url: 'java\\x09script:alert(1)' "
        "uses the scheme 'javascript' (expected an http or https address)"
    ]


def test_a_relative_url_in_front_matter(project):
    add_line(project / "docs/evidence/russell-1996.md", "year: 1996", "url: /evidence/")
    assert problems(project) == [
        "docs/evidence/russell-1996.md:5: url: '/evidence/' is not a full address "
        "(expected an http or https address, such as https://example.org/report)"
    ]


def test_web_addresses_pass(project):
    add_line(project / "docs/evidence/russell-1996.md", "year: 1996", "url: https://example.org/russell")
    add_line(
        project / "docs/organisations/relationships-project.md",
        "org_type: charity",
        "website: http://relationshipsproject.example",
    )
    assert problems(project) == []

"""End-to-end: a handbook with images and attachments builds strictly, publishes them
with its pages and embeds the images in its PDF; a failing image never passes a strict
build, and never silently drops the PDF."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from tests.support import BuildResult

NO_OFFLINE_COPY = {"HANDBOOK_OFFLINE_COPY": "0"}
CHAPTER = "handbooks/starter/first-steps.md"
PICTURES = """
![A red map of the area](images/map.png)

![A green photo of the meeting](photo.jpg)

Print the [worksheet](worksheet.pdf) before the session.
"""


def picture(colour: tuple[int, int, int], size: tuple[int, int], kind: str = "PNG") -> bytes:
    data = io.BytesIO()
    Image.new("RGB", size, colour).save(data, kind)
    return data.getvalue()


@pytest.fixture(scope="session")
def project_with_pictures(make_project, git_commit):
    """``project_with_pictures(root)``: the sample with a picture, a photo and a PDF in its starter handbook."""

    def make(root: Path) -> Path:
        make_project(root, git=False)
        handbook = root / "handbooks/starter"
        (handbook / "images").mkdir()
        (handbook / "images/map.png").write_bytes(picture((200, 30, 30), (40, 30)))
        (handbook / "photo.jpg").write_bytes(picture((30, 200, 30), (20, 24), "JPEG"))
        (handbook / "worksheet.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
        chapter = root / CHAPTER
        chapter.write_text(chapter.read_text(encoding="utf-8") + PICTURES, encoding="utf-8")
        git_commit(root, "Pictures")
        return root

    return make


def pdf_image_sizes(site: Path) -> set[tuple[int, int]]:
    pdf = PdfReader(site / "downloads/handbook-starter.pdf")
    return {image.image.size for page in pdf.pages for image in page.images}


@pytest.fixture(scope="module")
def built(tmp_path_factory, build, project_with_pictures) -> BuildResult:
    result = build(project_with_pictures(tmp_path_factory.mktemp("pictures")), "--strict", env=NO_OFFLINE_COPY)
    assert result.returncode == 0, result.log
    return result


def test_images_and_attachments_are_published_where_the_chapter_links_point(built):
    page = built.site / "handbooks/starter/first-steps"
    html = built.html("handbooks/starter/first-steps/")
    sources = re.findall(r'<img alt="[^"]+" src="([^"]+)"', html)
    assert sources == ["../images/map.png", "../photo.jpg"]
    for source in sources:
        assert (page / source).resolve().is_file()
    assert 'href="../worksheet.pdf"' in html and (built.site / "handbooks/starter/worksheet.pdf").is_file()


def test_the_handbooks_pdf_embeds_its_images(built):
    assert pdf_image_sizes(built.site) == {(40, 30), (20, 24)}
    assert re.search(r"PDF handbook-starter\.pdf: \d+ pages, rendered", built.log)
    assert "Failed to load" not in built.log and "WARNING" not in built.log


@pytest.fixture(scope="module")
def broken(tmp_path_factory, git_commit, project_with_pictures) -> Path:
    """An image that passes the checks (it exists, it has alt text, it is a picture) but
    that the PDF may not read: a link to a file outside the content folders."""
    root = project_with_pictures(tmp_path_factory.mktemp("broken"))
    (root / "shared-map.png").write_bytes(picture((1, 2, 3), (40, 30)))
    (root / "handbooks/starter/images/map.png").unlink()
    (root / "handbooks/starter/images/map.png").symlink_to("../../../shared-map.png")
    git_commit(root, "Picture linked from the repository's root")
    return root


def test_a_failing_image_fails_the_strict_build_with_a_clear_message(broken, build):
    result = build(broken, "--strict", env=NO_OFFLINE_COPY)
    assert result.returncode != 0
    assert re.search(
        r"WARNING +- +handbook: PDF handbook-starter\.pdf: could not embed the image "
        r"handbooks/starter/images/map\.png \(RefusedUrl: outside the site's files, so not read while printing: "
        r"shared-map\.png\)",
        result.log,
    )
    assert "Traceback" not in result.log and "AttributeError" not in result.log


def test_a_failing_image_leaves_the_pdf_made_and_says_so_in_a_plain_build(broken, build):
    for attempt in ("first", "from the cache"):  # the cached PDF keeps its warning
        result = build(broken, env=NO_OFFLINE_COPY)
        assert result.returncode == 0, result.log
        assert (result.site / "downloads/handbook-starter.pdf").is_file()
        assert attempt == "first" or re.search(r"handbook-starter\.pdf: \d+ pages, unchanged", result.log)
        assert (
            "handbook: PDF handbook-starter.pdf: could not embed the image handbooks/starter/images/map.png"
            in result.log
        )
        assert pdf_image_sizes(result.site) == {(20, 24)}


def test_a_changed_picture_renders_the_pdf_again(tmp_path, build, project_with_pictures):
    root = project_with_pictures(tmp_path / "changed")
    first = build(root, env=NO_OFFLINE_COPY)
    assert first.returncode == 0, first.log
    (root / "handbooks/starter/images/map.png").write_bytes(picture((30, 30, 200), (50, 10)))
    second = build(root, env=NO_OFFLINE_COPY)
    assert re.search(r"handbook-starter\.pdf: \d+ pages, rendered", second.log), second.log
    assert pdf_image_sizes(second.site) == {(50, 10), (20, 24)}


def test_missing_remote_and_alt_less_images_are_one_problem_each_in_the_build(
    tmp_path, make_project, git_commit, build
):
    root = make_project(tmp_path / "bad", git=False)
    chapter = root / CHAPTER
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(
        text + "\n![A chart](images/chart.png)\n\n![A cat](https://example.org/cat.png)\n\n"
        "![](https://example.org/dog.png)\n",
        encoding="utf-8",
    )
    git_commit(root, "Bad pictures")
    result = build(root, "--strict", env=NO_OFFLINE_COPY)
    assert result.returncode != 0
    lines = [line for line in result.log.splitlines() if f"{CHAPTER}:" in line]
    line = text.count("\n") + 2
    assert [re.sub(r" \(expected.*", "", line[line.index(CHAPTER) :]) for line in lines] == [
        f"{CHAPTER}:{line}: image: 'images/chart.png' does not exist (looked for handbooks/starter/images/chart.png)",
        f"{CHAPTER}:{line + 2}: image: 'https://example.org/cat.png' is on another site",
        f"{CHAPTER}:{line + 4}: image: 'https://example.org/dog.png' has no alt text",
        f"{CHAPTER}:{line + 4}: image: 'https://example.org/dog.png' is on another site",
    ]
    assert "Traceback" not in result.log


BROKEN_RENDERER = """
import weasyprint

def _fail(self, *args, **kwargs):
    raise AttributeError("'function' object has no attribute '_fail_on_errors'")  # as WeasyPrint 70 did

weasyprint.HTML.render = _fail
"""


def test_the_strict_build_never_passes_with_a_dropped_pdf(tmp_path, build, project_with_pictures):
    """Whatever makes WeasyPrint fail (here: the renderer itself, as issue 17 found it), a
    strict build fails and says which PDF; it never ends well without the PDF."""
    root = project_with_pictures(tmp_path / "dropped")
    (tmp_path / "inject").mkdir()
    (tmp_path / "inject/sitecustomize.py").write_text(BROKEN_RENDERER, encoding="utf-8")
    result = build(
        root,
        "--strict",
        env={
            **NO_OFFLINE_COPY,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(tmp_path / "inject"), os.environ.get("PYTHONPATH")])),
            "HANDBOOK_PDF_CACHE": str(tmp_path / "empty-cache"),
        },
    )
    assert result.returncode != 0
    assert "handbook: PDF handbook-starter.pdf: could not be rendered: AttributeError" in result.log
    assert not (root / "site").exists()  # nothing published

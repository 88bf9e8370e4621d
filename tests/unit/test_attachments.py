"""Images and attachments: which files beside chapters are published, the checks on the
images and files a page points to, and what the PDF renderer may read."""

from __future__ import annotations

import io
import shutil
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from handbook import load_corpus
from handbook.content.attachments import handbook_attachments, reference_problems
from handbook.outputs.pdf import RenderTask, render_task
from handbook.outputs.pdf_fetcher import LocalFilesFetcher, RefusedUrl, local_path
from tests.support import SAMPLE


def png(size: tuple[int, int] = (2, 2)) -> bytes:
    data = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(data, "PNG")
    return data.getvalue()


PNG = png()
CHAPTER = "handbooks/starter/first-steps.md"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(SAMPLE, root)
    (root / "handbooks/starter/images").mkdir()
    (root / "handbooks/starter/images/map.png").write_bytes(PNG)
    (root / "handbooks/starter/photo.jpg").write_bytes(PNG)
    (root / "handbooks/starter/worksheet.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    return root


def add_to_chapter(root: Path, text: str) -> int:
    """Append ``text`` to the chapter; returns the file line its first line lands on."""
    path = root / CHAPTER
    before = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    path.write_text(before + text, encoding="utf-8")
    return before.count("\n") + 1


def problems(root: Path) -> list[str]:
    return [str(p) for p in load_corpus(root).problems]


def test_images_and_files_beside_chapters_are_fine_and_listed(project):
    add_to_chapter(
        project,
        "![A red map](images/map.png)\n\n![A photo](photo.jpg)\n\n"
        '<img src="images/map.png" alt="The map again">\n\nThe [worksheet](worksheet.pdf).\n',
    )
    assert problems(project) == []
    assert [a.src_uri for a in handbook_attachments(project, {"starter"})] == [
        "handbooks/starter/photo.jpg",
        "handbooks/starter/worksheet.pdf",
        "handbooks/starter/images/map.png",
    ]


def test_only_the_handbooks_built_have_their_files_published(project):
    assert handbook_attachments(project, set()) == []


def test_an_image_without_alt_text_is_one_problem(project):
    line = add_to_chapter(project, "![](images/map.png)\n")
    assert problems(project) == [
        f"{CHAPTER}:{line}: image: 'images/map.png' has no alt text (expected a few words saying "
        "what the image shows, as ![what it shows](file.png), for readers who cannot see it)"
    ]


@pytest.mark.parametrize("html", ['<img src="photo.jpg">', '<img src="photo.jpg" alt="  ">'])
def test_a_raw_image_without_alt_text_is_one_problem(project, html):
    line = add_to_chapter(project, html + "\n")
    [found] = problems(project)
    assert found.startswith(f"{CHAPTER}:{line}: image: 'photo.jpg' has no alt text")


def test_a_missing_image_is_one_problem(project):
    line = add_to_chapter(project, "Text first.\n\n![A chart](images/chart.png)\n")
    assert problems(project) == [
        f"{CHAPTER}:{line + 2}: image: 'images/chart.png' does not exist (looked for "
        "handbooks/starter/images/chart.png) (expected the path of a file in the repository, relative to the page)"
    ]


def test_a_missing_attachment_is_one_problem(project):
    line = add_to_chapter(project, "The [worksheet](worksheets/one.pdf).\n")
    [found] = problems(project)
    assert found.startswith(f"{CHAPTER}:{line}: link: 'worksheets/one.pdf' does not exist")


@pytest.mark.parametrize(
    "text",
    [
        "![A cat](https://example.org/cat.png)",
        "![A cat](//example.org/cat.png)",
        '<img src="https://tracker.example.com/p.gif" alt="A cat">',
        '<IMG SRC="HTTP://example.org/cat.png" alt="A cat">',
    ],
)
def test_a_remote_image_is_refused_with_the_fix(project, text):
    line = add_to_chapter(project, text + "\n")
    [found] = problems(project)
    assert found.startswith(f"{CHAPTER}:{line}: image: '")
    assert "is on another site (expected the image file added to the repository" in found
    assert "the build downloads nothing" in found


def test_a_link_to_another_site_is_still_fine(project):
    add_to_chapter(project, "[A report](https://example.org/report.pdf) and [[mail]](mailto:a@example.org).\n")
    assert problems(project) == []


@pytest.mark.parametrize(
    "path, message",
    [
        ("../../docs/assets/x.png", "leaves handbooks/starter/"),
        ("../other/images/x.png", "leaves handbooks/starter/"),
        ("/etc/passwd.png", "is an absolute path"),
        ("/handbooks/starter/photo.jpg", "is an absolute path"),
    ],
)
def test_a_path_that_leaves_the_handbook_is_refused(project, path, message):
    line = add_to_chapter(project, f"![A picture]({path})\n")
    assert problems(project) == [
        f"{CHAPTER}:{line}: image: '{path}' {message} "
        "(expected a path relative to the page, to a file in handbooks/starter/)"
    ]


def test_an_image_in_code_is_not_checked(project):
    add_to_chapter(project, "```\n![](https://example.org/x.png)\n```\n\nAnd `![](missing.png)` inline.\n")
    assert problems(project) == []


def test_an_image_of_a_kind_not_published_is_a_problem(project):
    line = add_to_chapter(project, "![A drawing](images/drawing.svg)\n")
    [found] = problems(project)
    assert found.startswith(f"{CHAPTER}:{line}: image: 'images/drawing.svg' is not an image the site publishes")


def test_images_in_docs_pages_follow_the_same_rules(project):
    page = project / "docs/about/pictures.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(
        "# Pictures\n\n![](x.png)\n\n![A cat](https://example.org/cat.png)\n\n![A dog](dog.png)\n", encoding="utf-8"
    )
    found = [p for p in problems(project) if p.startswith("docs/about/pictures.md")]
    assert [p.split(" (expected")[0] for p in found] == [
        "docs/about/pictures.md:3: image: 'x.png' has no alt text",
        "docs/about/pictures.md:3: image: 'x.png' does not exist (looked for docs/about/x.png)",
        "docs/about/pictures.md:5: image: 'https://example.org/cat.png' is on another site",
        "docs/about/pictures.md:7: image: 'dog.png' does not exist (looked for docs/about/dog.png)",
    ]


def test_every_problem_of_a_page_is_reported_at_once(project):
    add_to_chapter(project, "![](images/map.png)\n\n![A cat](https://example.org/cat.png)\n\n![A chart](chart.png)\n")
    assert len(problems(project)) == 3


# -- which files a handbook folder may hold ------------------------------------------------------
@pytest.mark.parametrize(
    "name", ["images/photo.webp", "images/photo.avif", "images/anim.gif", "photo.jpeg", "notes.pdf"]
)
def test_raster_images_and_pdfs_may_sit_beside_chapters(project, name):
    (project / "handbooks/starter" / name).write_bytes(PNG)
    assert problems(project) == []


@pytest.mark.parametrize("name", ["drawing.svg", "images/drawing.svg", "page.html", "images/page.htm"])
def test_svg_and_html_are_refused_with_the_reason(project, name):
    (project / "handbooks/starter" / name).write_text("<svg onload='alert(1)'/>", encoding="utf-8")
    base = name.rsplit("/", 1)[-1]
    assert problems(project) == [
        f"handbooks/starter/{name}:1: file name: '{base}' can hold script that would run at the site's address, so it is "
        "not published (expected a raster image (.avif, .gif, .jpeg, .jpg, .png, .webp): export the drawing as PNG)"
    ]
    assert f"handbooks/starter/{name}" not in [a.repo_path for a in handbook_attachments(project, {"starter"})]


def test_other_files_and_odd_names_are_refused(project):
    (project / "handbooks/starter/notes.docx").write_bytes(b"x")
    (project / "handbooks/starter/images/my photo.png").write_bytes(PNG)
    found = problems(project)
    assert found == [
        "handbooks/starter/images/my photo.png:1: file name: 'my photo.png' has characters a web address cannot carry "
        "as they are (expected letters, digits, '-', '_' and '.' only)",
        "handbooks/starter/notes.docx:1: file name: 'notes.docx' is not a kind of file a handbook publishes "
        "(expected a chapter (.md), an image (.avif, .gif, .jpeg, .jpg, .png, .webp) or a .pdf)",
    ]
    assert [a.repo_path for a in handbook_attachments(project, {"starter"})] == [
        "handbooks/starter/photo.jpg",
        "handbooks/starter/worksheet.pdf",
        "handbooks/starter/images/map.png",
    ]


def test_an_image_linked_from_outside_the_repository_is_not_published(project, tmp_path):
    (tmp_path / "secret.png").write_bytes(PNG)
    (project / "handbooks/starter/images/leak.png").symlink_to(tmp_path / "secret.png")
    assert any(p.startswith("handbooks/starter/images/leak.png:1: file: is a symbolic link") for p in problems(project))
    assert "handbooks/starter/images/leak.png" not in [a.repo_path for a in handbook_attachments(project, {"starter"})]


def test_reference_problems_need_no_loader(tmp_path):
    assert reference_problems(tmp_path, "docs/page.md", "No pictures here.", 1) == []


# -- what the PDF renderer may read --------------------------------------------------------------
def test_the_fetcher_serves_files_inside_the_readable_folders(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content/map.png").write_bytes(PNG)
    response = LocalFilesFetcher([tmp_path / "content"]).fetch((tmp_path / "content/map.png").as_uri())
    assert response.read() == PNG and response.content_type == "image/png"


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/x.png",
        "http://127.0.0.1/x.png",
        "data:image/png;base64,AAAA",
        "ftp://example.org/x.png",
        "file://otherhost/etc/passwd",
    ],
)
def test_the_fetcher_never_reaches_the_network_or_other_schemes(tmp_path, url):
    with pytest.raises(RefusedUrl):
        LocalFilesFetcher([tmp_path]).fetch(url)


def test_the_fetcher_refuses_files_outside_hidden_or_linked_out(tmp_path):
    content = tmp_path / "content"
    (content / ".git").mkdir(parents=True)
    (content / ".git/config.png").write_bytes(PNG)
    (tmp_path / "secret.png").write_bytes(PNG)
    (content / "leak.png").symlink_to(tmp_path / "secret.png")
    for path in (
        tmp_path / "secret.png",
        content / ".git/config.png",
        content / "leak.png",
        content / "../secret.png",
        content / "missing.png",
    ):
        with pytest.raises(RefusedUrl):
            local_path(path.as_uri() if path.is_absolute() else path, [content.resolve()])


def render(tmp_path: Path, html: str, readable: tuple[str, ...]):
    cache = tmp_path / "cache"
    cache.mkdir(exist_ok=True)
    return render_task(RenderTask("k", html, tmp_path.as_uri() + "/", str(cache), readable))


def test_a_pdf_embeds_an_image_it_may_read(tmp_path):
    from pypdf import PdfReader

    (tmp_path / "map.png").write_bytes(PNG)
    rendered = render(tmp_path, f'<p><img alt="A map" src="{(tmp_path / "map.png").as_uri()}"></p>', (str(tmp_path),))
    assert rendered.errors == ()
    assert sum(len(page.images) for page in PdfReader(rendered.path).pages) == 1


@pytest.mark.parametrize("src", ["https://example.org/x.png", "file:///etc/hostname"])
def test_an_image_the_pdf_may_not_read_is_reported_not_raised(tmp_path, src):
    rendered = render(tmp_path, f'<p>Text</p><img alt="x" src="{src}">', (str(tmp_path / "content"),))
    assert rendered.path.is_file() and rendered.pages == 1
    [error] = rendered.errors
    assert error.startswith(f"could not embed the image {src} (") and "not read while printing" in error


def test_a_broken_image_is_reported_and_kept_with_the_cached_pdf(tmp_path):
    from handbook.outputs.pdf import from_cache

    (tmp_path / "broken.png").write_bytes(b"not a picture")
    rendered = render(tmp_path, f'<img alt="x" src="{(tmp_path / "broken.png").as_uri()}">', (str(tmp_path),))
    assert len(rendered.errors) == 1 and "broken.png" in rendered.errors[0]
    assert from_cache(tmp_path / "cache", "k").errors == rendered.errors


def test_reference_style_images_are_checked_too(project):
    line = add_to_chapter(
        project,
        "![][cat] and ![A dog][dog] and ![A map][map] and ![Local]\n\n"
        "[cat]: https://example.org/cat.png\n[Dog]: https://example.org/dog.png\n"
        "[map]: images/map.png\n[local]: images/missing.png\n",
    )
    assert [p.split(" (expected")[0] for p in problems(project)] == [
        f"{CHAPTER}:{line}: image: 'https://example.org/cat.png' has no alt text",
        f"{CHAPTER}:{line}: image: 'https://example.org/cat.png' is on another site",
        f"{CHAPTER}:{line}: image: 'https://example.org/dog.png' is on another site",
        f"{CHAPTER}:{line}: image: 'images/missing.png' does not exist (looked for handbooks/starter/images/missing.png)",
    ]


def test_a_file_that_is_not_a_picture_is_one_problem(project):
    (project / "handbooks/starter/images/map.png").write_bytes(b"not a picture at all")
    line = add_to_chapter(project, "![A map](images/map.png)\n")
    [found] = problems(project)
    assert found.startswith(
        f"{CHAPTER}:{line}: image: 'images/map.png' is not a picture that can be read (UnidentifiedImageError)"
    )


@pytest.mark.parametrize("size", [(8000, 6000), (60000, 60000)])
def test_a_picture_too_large_to_decode_is_refused_from_its_header(project, size):
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", *size, 8, 2, 0, 0, 0)  # a few bytes that claim a huge picture
    (project / "handbooks/starter/images/map.png").write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    )
    line = add_to_chapter(project, "![A map](images/map.png)\n")
    assert problems(project) == [
        f"{CHAPTER}:{line}: image: 'images/map.png' has more pixels than a page needs "
        "(expected at most 40 megapixels: make it smaller, 2000 pixels across is plenty for a page)"
    ]


def test_a_link_inside_the_repository_is_judged_by_its_own_name(project):
    (project / "drawing.svg").write_text("<svg onload='alert(1)'/>", encoding="utf-8")
    (project / "handbooks/starter/images/drawing.svg").symlink_to("../../../drawing.svg")
    [found] = problems(project)
    assert found.startswith("handbooks/starter/images/drawing.svg:1: file name: 'drawing.svg' can hold script")


def test_an_attachment_too_big_for_readers_is_refused(project):
    with open(project / "handbooks/starter/images/huge.png", "wb") as file:
        file.truncate(10 * 1024 * 1024 + 1)  # sparse: no 10 MiB written
    assert problems(project) == [
        "handbooks/starter/images/huge.png:1: file: is 10,485,761 bytes (expected at most "
        "10,485,760 bytes: a smaller picture (2000 pixels across is plenty) or a compressed PDF)"
    ]
    assert "handbooks/starter/images/huge.png" not in [a.repo_path for a in handbook_attachments(project, {"starter"})]


@pytest.mark.parametrize("target", ["x" * 5000 + ".png", "x\x00.png", "%00.png"])
def test_a_path_no_file_system_accepts_is_a_missing_file_not_a_traceback(tmp_path, target):
    [found] = reference_problems(tmp_path, "handbooks/h/c.md", f"![A picture]({target})\n", 1)
    assert found.field == "image"

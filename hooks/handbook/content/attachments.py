"""Images and attachments: which files beside the pages are published, and the checks on
the images and files a page points to.

A handbook may keep raster images and PDF worksheets beside its chapters or in its
``images/`` folder; they are published at the same path under the site, so a chapter's
relative link (``images/map.png``, ``worksheet.pdf``) reaches them on the web, in the
offline copy and in the handbook's PDF. Which file types are allowed there is decided by
``safety.content_files``; this module finds the files and checks the references:

- an image needs alt text (readers who cannot see it get the words instead);
- a local file a page points to must exist;
- an image from another site is refused: readers' browsers make no requests to third
  parties, and the build never downloads anything (the file belongs in the repository);
- a path may not leave its handbook folder (or ``docs/`` for other pages), nor be
  absolute: what a page shows is what its folder holds, and a reviewer sees it there;
- an image must be a picture Pillow can read, of at most ``MAX_IMAGE_PIXELS``: a few
  kilobytes of PNG can claim a size that takes gigabytes to decode when the PDF is made.
"""

from __future__ import annotations

import posixpath
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from handbook.content.kinds import HANDBOOK
from handbook.content.problems import Problem
from handbook.safety.content_files import (
    HANDBOOK_ATTACHMENT_EXTENSIONS,
    HANDBOOK_IMAGES_FOLDER,
    IMAGE_EXTENSIONS,
    ContentScan,
    scan_content,
)
from handbook.safety.raw_html import blank_code, start_tags
from handbook.safety.urls import WEB_SCHEMES, markdown_urls, scheme_of, shown

HANDBOOKS = HANDBOOK.source
# 40 megapixels: a full-resolution photo from any current phone, far more than a page needs.
MAX_IMAGE_PIXELS = 40_000_000


@dataclass(frozen=True)
class Attachment:
    repo_path: str  # "handbooks/starter/images/map.png"
    src_uri: str  # where MkDocs sees it, as if under docs/: the same path


def handbook_attachments(root: Path, handbook_ids: set[str], scan: ContentScan | None = None) -> list[Attachment]:
    """Every publishable file beside the chapters of these handbooks or in their ``images/`` folders.

    Only what the content walk lets through is listed (never a link out of the
    repository, a hidden file or another file type; those are reported by the loader).
    ``scan`` is that walk, made by the loader; without it the content folders are walked here.
    """
    scan = scan if scan is not None else scan_content(root, markdown_only=(HANDBOOKS,))
    found = []
    for handbook_id in sorted(handbook_ids):
        handbook = root / HANDBOOKS / handbook_id
        for folder in (handbook, handbook / HANDBOOK_IMAGES_FOLDER):
            if not folder.is_dir() or scan.is_refused(folder.relative_to(root).as_posix()):
                continue
            for path in sorted(folder.iterdir()):
                rel = path.relative_to(root).as_posix()
                if (
                    path.suffix.lower() in HANDBOOK_ATTACHMENT_EXTENSIONS
                    and not scan.is_refused(rel)
                    and path.is_file()
                ):
                    found.append(Attachment(rel, rel))
    return found


@dataclass(frozen=True)
class _Reference:
    offset: int
    url: str
    image: bool
    alt: str | None  # None: not an image, or an <img> without the attribute


# Reference-style images: ![alt][label], ![alt][] and ![label], whose URL is in a definition.
_IMAGE_REFERENCE = re.compile(r"!\[([^\[\]\n]*)\](?:\[([^\[\]\n]*)\])?(?![(\[:])")


def _markdown_references(text: str) -> list[_Reference]:
    """Links and images (``[text](url)``, ``![alt](url)``, ``![alt][label]``) with the image's alt text."""
    found = []
    definitions: dict[str, str] = {}
    for url in markdown_urls(text):
        if url.label is not None:
            definitions.setdefault(" ".join(url.label.lower().split()), url.url)
        if text[url.offset - 2 : url.offset] != "](":
            continue  # a definition or an autolink: its path is checked where an image uses it
        opening = opening_bracket(text, url.offset - 2)
        image = opening > 0 and text[opening - 1] == "!"
        found.append(_Reference(url.offset, url.url, image, text[opening + 1 : url.offset - 2] if image else None))
    if definitions and "![" in text:
        for match in _IMAGE_REFERENCE.finditer(text):
            alt, label = match.group(1), match.group(2)
            target = definitions.get(" ".join((label or alt).lower().split()))
            if target is not None:  # without a definition it is text, not an image
                found.append(_Reference(match.start(), target, True, alt))
    return found


def opening_bracket(text: str, closing: int) -> int:
    """The offset of the ``[`` that the ``]`` at ``closing`` closes (-1 if none on its paragraph)."""
    depth = 0
    for position in range(closing, max(-1, closing - 2000), -1):
        char = text[position]
        if char == "]":
            depth += 1
        elif char == "[":
            depth -= 1
            if depth == 0:
                return position
        elif char == "\n" and text[position - 1 : position] == "\n":
            break  # a blank line ends the paragraph
    return -1


def _html_images(text: str) -> list[_Reference]:
    found = []
    for tag in start_tags(text):
        if tag.name == "img":
            attributes = dict(tag.attributes)
            found.append(_Reference(tag.offset, attributes.get("src") or "", True, attributes.get("alt")))
    return found


def reference_problems(root: Path, path: str, body: str, first_line: int) -> list[Problem]:
    """Alt text, remote images, missing files and paths that leave their folder, in one body.

    ``path`` is the page's repository path (``handbooks/starter/first-steps.md``) under ``root``.
    """
    if "](" not in body and "<img" not in body.lower():
        return []
    text = blank_code(body)
    references = _markdown_references(text) if "](" in text else []
    if "<" in text:
        references += _html_images(text)
    problems = []
    for ref in references:
        line = first_line + text.count("\n", 0, ref.offset)
        field = "image" if ref.image else "link"
        if ref.image and not (ref.alt or "").strip():
            problems.append(
                Problem(
                    path,
                    line,
                    field,
                    f"'{shown(ref.url)}' has no alt text",
                    expected="a few words saying what the image shows, as ![what it shows](file.png), "
                    "for readers who cannot see it",
                )
            )
        problem = _target_problem(root, path, line, field, ref)
        if problem is not None:
            problems.append(problem)
    return problems


def referenced_files(path: str, body: str) -> set[str]:
    """The repository paths of the local files a page shows or links to (images, PDFs).

    Paths that leave the page's folder tree or do not exist are not returned: the loader
    reports those (``reference_problems``).
    """
    if "](" not in body and "<img" not in body.lower():
        return set()
    text = blank_code(body)
    references = _markdown_references(text) if "](" in text else []
    if "<" in text:
        references += _html_images(text)
    found = set()
    for ref in references:
        url = ref.url.strip()
        if scheme_of(url) is not None or url.startswith(("//", "/")):
            continue
        target = unquote(urlsplit(url).path)
        if target and posixpath.splitext(target)[1].lower() in HANDBOOK_ATTACHMENT_EXTENSIONS:
            found.add(posixpath.normpath(posixpath.join(posixpath.dirname(path), target)))
    return found


def _target_problem(root: Path, path: str, line: int, field: str, ref: _Reference) -> Problem | None:
    url = ref.url.strip()
    scheme = scheme_of(url)
    if scheme is not None or url.startswith("//"):
        if ref.image and (scheme in WEB_SCHEMES or url.startswith("//")):
            return Problem(
                path,
                line,
                field,
                f"'{shown(url)}' is on another site",
                expected="the image file added to the repository beside the page (or in the handbook's "
                "images/ folder) and linked by its path: readers' browsers make no requests to "
                "other sites, and the build downloads nothing",
            )
        return None  # links to other sites, mail and references; other schemes are refused by the URL policy
    parts = urlsplit(url)
    if not parts.path:
        return None  # "#fragment" within the page
    target = unquote(parts.path)
    suffix = posixpath.splitext(target)[1].lower()
    if not ref.image and suffix not in HANDBOOK_ATTACHMENT_EXTENSIONS:
        return None  # a link to a page: MkDocs checks those
    home = _home_folder(path)
    if target.startswith("/"):
        return Problem(
            path,
            line,
            field,
            f"'{shown(url)}' is an absolute path",
            expected=f"a path relative to the page, to a file in {home}/",
        )
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
    if not resolved.startswith(home + "/"):
        return Problem(
            path,
            line,
            field,
            f"'{shown(url)}' leaves {home}/",
            expected=f"a path relative to the page, to a file in {home}/",
        )
    if ref.image and suffix not in IMAGE_EXTENSIONS:
        return Problem(
            path,
            line,
            field,
            f"'{shown(url)}' is not an image the site publishes",
            expected="a " + ", ".join(sorted(IMAGE_EXTENSIONS)) + " file",
        )
    if not _is_file(root / resolved):
        return Problem(
            path,
            line,
            field,
            f"'{shown(url)}' does not exist (looked for {resolved})",
            expected="the path of a file in the repository, relative to the page",
        )
    return _picture_problem(root / resolved, path, line, field, url) if ref.image else None


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):  # a name too long for the file system, a NUL byte: no such file
        return False


def _picture_problem(file: Path, path: str, line: int, field: str, url: str) -> Problem | None:
    """A problem if the image cannot be read, or claims more pixels than a page needs.

    Reads the header and checks the file's structure without decoding the pixels."""
    from PIL import Image, UnidentifiedImageError  # WeasyPrint's own image library

    too_big = Problem(
        path,
        line,
        field,
        f"'{shown(url)}' has more pixels than a page needs",
        expected=f"at most {MAX_IMAGE_PIXELS // 1_000_000} megapixels: make it smaller, "
        "2000 pixels across is plenty for a page",
    )
    try:
        with warnings.catch_warnings():  # Pillow's own, milder limit: ours below is lower
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                width, height = image.size
                image.verify()
    except Image.DecompressionBombError:
        return too_big
    except (OSError, UnidentifiedImageError, SyntaxError, ValueError) as error:
        return Problem(
            path,
            line,
            field,
            f"'{shown(url)}' is not a picture that can be read ({type(error).__name__})",
            expected="a PNG, JPEG, GIF, WebP or AVIF file saved by an image editor",
        )
    return too_big if width * height > MAX_IMAGE_PIXELS else None


def _home_folder(path: str) -> str:
    """The folder a page's files must stay in: its handbook's folder, or docs/."""
    parts = path.split("/")
    if parts[0] == HANDBOOKS and len(parts) > 2:
        return "/".join(parts[:2])
    return parts[0]

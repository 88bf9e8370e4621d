"""Which files in the content folders may be read and published, and which are refused.

MkDocs copies everything under ``docs/`` into the site and follows symbolic links; the
loader reads ``handbooks/`` and ``glossary/`` the same way. So a link committed in a pull
request to ``/proc/self/environ``, ``~/.ssh`` or ``.git/config`` would publish that file.
This module walks the content folders without ever following a link and refuses:

- symbolic links that resolve outside the repository, into a hidden folder such as
  ``.git/``, onto a folder that contains them (a loop), or to nothing;
- anything that is not a regular file or folder (a named pipe would hang the build);
- hidden files and folders, which MkDocs and the loader would otherwise skip in silence;
- in the Markdown-only folders, files that are not ``.md`` (they would never be
  published) and, under ``handbooks/``, folder names that are not valid ids; a handbook's
  folder and its ``images/`` folder may also hold raster images and PDFs (never SVG or HTML);
- under the rest of ``docs/``, file types outside a short allow-list of web assets.

Each refusal is a problem naming the file; the loader skips every refused path.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from handbook.content.problems import Problem

# The folders whose files reach the site, the PDFs or the exports.
CONTENT_FOLDERS = ("docs", "handbooks", "glossary", "overrides")
# A content file is front matter (at most 64 KiB, see yaml_limits) plus a body (at most
# 256 KiB, see markdown_limits); 1 MiB leaves room for both and is still read in an instant.
# Checked with stat before reading, so a huge file is never read whole.
MAX_FILE_BYTES = 1024 * 1024
# Files under docs/ outside the collections that MkDocs may copy into the site: pages,
# styles and scripts, raster images, fonts, documents and data. Left out on purpose:
# .html/.htm and .svg (opened directly from the site's own address they can run script),
# and anything executable or archived, which a reader never needs from a handbook site.
DOCS_ASSET_EXTENSIONS = frozenset(
    {
        ".md",
        ".css",
        ".js",
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".webp",
        ".avif",
        ".ico",
        ".woff",
        ".woff2",
        ".ttf",
        ".otf",
        ".pdf",
        ".yml",
        ".yaml",
        ".json",
        ".csv",
        ".txt",
    }
)
# Files a handbook may keep beside its chapters or in its images/ folder, published with
# its pages (see attachments.py): raster images and PDF worksheets. Still safe: a browser
# shows these as pictures or documents and never runs them as the site's own page, which
# is why SVG and HTML (script inside, run at the site's address) stay refused here.
IMAGE_EXTENSIONS = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"})
HANDBOOK_ATTACHMENT_EXTENSIONS = IMAGE_EXTENSIONS | {".pdf"}
HANDBOOK_IMAGES_FOLDER = "images"
# Every reader downloads a page's pictures, and the PDF step reads them whole: 10 MiB
# holds a large photo or a long worksheet. Checked with stat, as MAX_FILE_BYTES.
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
_SCRIPTABLE = frozenset({".svg", ".svgz", ".html", ".htm", ".xhtml"})
# Hidden folders that are part of the theme's own layout: Material for MkDocs reads custom
# icons from overrides/.icons/ (they are only ever read, as the rest of overrides/).
THEME_HIDDEN_FOLDERS = frozenset({"overrides/.icons"})
# The working files an editor keeps beside the file being edited: Vim's swap files
# (.name.swp, .swo ...) and Emacs' lock links (.#name, a link to nowhere). They come and
# go while someone writes, and a preview that stopped on each would be useless. They are
# never read and never published (MkDocs leaves out names starting with '.'), so passing
# over them loses nothing; they are kept out of commits by .gitignore.
_EDITOR_WORKING_FILE = re.compile(r"^\.(?:.+\.sw[a-p]|#.+)$")
# A file or folder name a URL can carry as it is: no spaces, quotes or control characters.
_PLAIN_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
# The id rule (as fields.SLUG), repeated here so that this module imports nothing above it.
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class ContentScan:
    """What the walk refused: the problems, and the repository-relative paths to skip."""

    problems: list[Problem] = field(default_factory=list)
    refused: set[str] = field(default_factory=set)

    def is_refused(self, rel_path: str) -> bool:
        """True for a refused path and for anything under a refused folder."""
        return bool(self.refused) and (
            rel_path in self.refused or any(rel_path.startswith(f"{refused}/") for refused in self.refused)
        )

    def refuse(
        self, rel_path: str, field_name: str, message: str, expected: str, suggestion: str | None = None
    ) -> None:
        self.refused.add(rel_path)
        self.problems.append(Problem(rel_path, 1, field_name, message, expected=expected, suggestion=suggestion))


def scan_content(root: Path, markdown_only: tuple[str, ...]) -> ContentScan:
    """Walk every content folder under ``root`` without following links.

    ``markdown_only`` names the folders (relative to the root) where only ``.md`` files
    belong, such as ``glossary`` and ``docs/evidence``.
    """
    root = Path(os.path.realpath(root))
    scan = ContentScan()
    for folder in CONTENT_FOLDERS:
        top = root / folder
        if top.is_symlink():
            _check_link(root, top, folder, scan)
        elif top.is_dir():
            _walk(root, folder, scan, markdown_only)
    return scan


def _walk(root: Path, rel_folder: str, scan: ContentScan, markdown_only: tuple[str, ...]) -> None:
    pending = [rel_folder]
    while pending:
        current = pending.pop()
        try:
            entries = sorted(os.scandir(root / current), key=lambda e: e.name)
        except OSError as error:
            scan.refuse(current, "folder", f"cannot be read ({error.strerror})", expected="a readable folder")
            continue
        for entry in entries:
            rel = f"{current}/{entry.name}"
            if _EDITOR_WORKING_FILE.match(entry.name) and not entry.is_dir(follow_symlinks=False):
                continue
            if entry.is_symlink():
                _check_link(root, Path(entry.path), rel, scan)
                if not scan.is_refused(rel) and entry.is_file():  # its own name decides how it is published
                    _check_file(rel, entry, scan, markdown_only)
                continue  # never followed: an allowed link is read as its target, which is walked where it lives
            kind = "folder" if entry.is_dir(follow_symlinks=False) else "file"
            if entry.name.startswith(".") and rel not in THEME_HIDDEN_FOLDERS:
                scan.refuse(
                    rel,
                    kind,
                    f"'{entry.name}' is hidden, so it is never published",
                    expected="visible files and folders only: remove it, or rename it without the leading '.'",
                )
                continue
            if kind == "folder":
                if _check_folder_name(rel, entry.name, scan):
                    pending.append(rel)
                continue
            if not entry.is_file(follow_symlinks=False):
                scan.refuse(rel, "file", "is not a regular file (a pipe, socket or device)", expected="a regular file")
                continue
            _check_file(rel, entry, scan, markdown_only)


def _check_link(root: Path, link: Path, rel: str, scan: ContentScan) -> None:
    target = Path(os.path.realpath(link))
    try:
        inside = target.relative_to(root)
    except ValueError:
        scan.refuse(
            rel,
            "file",
            f"is a symbolic link to '{_outside(target)}', outside the repository",
            expected="a real file, not a link to one outside the repository",
        )
        return
    where = inside.as_posix()
    if any(part.startswith(".") for part in inside.parts):
        scan.refuse(
            rel,
            "file",
            f"is a symbolic link into a hidden folder ('{where}')",
            expected="a real file, not a link to a hidden one",
        )
    elif not target.exists():
        scan.refuse(rel, "file", f"is a symbolic link to '{where}', which does not exist", expected="a real file")
    elif target.is_dir() and (root / rel).parent.resolve().is_relative_to(target):
        scan.refuse(
            rel,
            "folder",
            f"is a symbolic link to '{where or '.'}', a folder that contains it",
            expected="no link that loops back to its own folder",
        )


def _outside(target: Path) -> str:
    """An outside path, shortened: its last part is enough to recognise it."""
    return f".../{target.name}" if target.name else "/"


def _check_folder_name(rel: str, name: str, scan: ContentScan) -> bool:
    """False (and a problem) for a folder the loader would misread; True to walk into it."""
    parent = rel.rsplit("/", 1)[0]
    if parent == "handbooks" and not _SLUG.match(name):
        scan.refuse(rel, "folder name", f"'{name}' is not a valid id", expected="lower-case words joined by hyphens")
        return False
    if parent.startswith("handbooks/") and parent.count("/") == 1 and name == HANDBOOK_IMAGES_FOLDER:
        return True  # a handbook's images/ folder: its files are checked as attachments
    if parent.startswith("handbooks/"):
        scan.refuse(
            rel,
            "folder",
            f"'{name}/' is not read: chapters live directly in {parent}/",
            expected=f"{parent}/<chapter>.md",
        )
        return False
    return not (
        rel.startswith("docs/") and _is_odd_name(rel, name, "folder name", scan)
    )  # names under docs/ become web addresses


def _check_file(rel: str, entry: os.DirEntry, scan: ContentScan, markdown_only: tuple[str, ...]) -> None:
    name = entry.name
    folder = rel.rsplit("/", 1)[0]
    suffix = os.path.splitext(name)[1].lower()
    if folder == "handbooks":
        scan.refuse(
            rel,
            "file",
            f"'{name}' is not read: a handbook lives in its own folder",
            expected="handbooks/<handbook>/index.md and its chapters",
        )
    elif _is_handbook_folder(folder) and suffix != ".md":
        _check_attachment(rel, entry, suffix, scan)
    elif _is_under(folder, markdown_only):
        if suffix != ".md":
            stem = os.path.splitext(name)[0]
            scan.refuse(
                rel,
                "file name",
                f"'{name}' is not a Markdown file, so it is never published",
                expected="a .md file",
                suggestion=f"'{stem}.md'" if suffix in (".markdown", ".mdown", ".txt") else None,
            )
    elif (
        rel.startswith("docs/")
        and not _is_odd_name(rel, name, "file name", scan)
        and suffix not in DOCS_ASSET_EXTENSIONS
    ):
        scan.refuse(
            rel,
            "file name",
            f"'{name}' is not a kind of file the site publishes",
            expected="one of " + ", ".join(sorted(DOCS_ASSET_EXTENSIONS)),
        )


def _is_handbook_folder(folder: str) -> bool:
    """A handbook's own folder or its images/ folder: where chapters' files may live."""
    parts = folder.split("/")
    return parts[0] == "handbooks" and (len(parts) == 2 or (len(parts) == 3 and parts[2] == HANDBOOK_IMAGES_FOLDER))


def _check_attachment(rel: str, entry: os.DirEntry, suffix: str, scan: ContentScan) -> None:
    """A file beside a handbook's chapters: a raster image or a PDF, with a plain name and a sensible size."""
    name = entry.name
    if _is_odd_name(rel, name, "file name", scan):
        return  # the name becomes part of the file's web address
    if suffix in HANDBOOK_ATTACHMENT_EXTENSIONS:
        size = entry.stat().st_size
        if size > MAX_ATTACHMENT_BYTES:
            scan.refuse(
                rel,
                "file",
                f"is {size:,} bytes",
                expected=f"at most {MAX_ATTACHMENT_BYTES:,} bytes: "
                "a smaller picture (2000 pixels across is plenty) or a compressed PDF",
            )
        return
    if suffix in _SCRIPTABLE:
        reason = f"'{name}' can hold script that would run at the site's address, so it is not published"
        scan.refuse(
            rel,
            "file name",
            reason,
            expected="a raster image (" + ", ".join(sorted(IMAGE_EXTENSIONS)) + "): export the drawing as PNG",
        )
        return
    stem = os.path.splitext(name)[0]
    scan.refuse(
        rel,
        "file name",
        f"'{name}' is not a kind of file a handbook publishes",
        expected="a chapter (.md), an image (" + ", ".join(sorted(IMAGE_EXTENSIONS)) + ") or a .pdf",
        suggestion=f"'{stem}.md'" if suffix in (".markdown", ".mdown", ".txt") else None,
    )


def _is_odd_name(rel: str, name: str, field_name: str, scan: ContentScan) -> bool:
    """True (and a problem) for a name with characters a web address cannot carry as they are."""
    if _PLAIN_NAME.match(name):
        return False
    scan.refuse(
        rel,
        field_name,
        f"{name!r} has characters a web address cannot carry as they are",
        expected="letters, digits, '-', '_' and '.' only",
    )
    return True


def _is_under(folder: str, folders: tuple[str, ...]) -> bool:
    return any(folder == top or folder.startswith(top + "/") for top in folders)


def file_size_problem(path: Path, rel_path: str) -> Problem | None:
    """A problem if the file is too big to read whole, from ``stat`` alone, before reading it."""
    try:
        size = path.stat().st_size
    except OSError as error:
        return Problem(rel_path, 1, "file", f"cannot be read ({error.strerror})", expected="a readable file")
    if size > MAX_FILE_BYTES:
        return Problem(rel_path, 1, "file", f"is {size:,} bytes", expected=f"at most {MAX_FILE_BYTES:,} bytes")
    return None

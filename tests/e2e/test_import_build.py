"""`handbook import` end to end: a Jekyll-style and a GitBook-style folder become handbooks that build strictly."""

from __future__ import annotations

import re
import struct
import subprocess
import sys
import zlib
from pathlib import Path

from handbook.safety.content_files import scan_content


def png(width: int = 4, height: int = 3) -> bytes:
    """A real (tiny) PNG, so that the PDF step could embed it."""
    raw = b"".join(b"\x00" + b"\x20\x80\xc0" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def handbook_images_allowed(root: Path) -> bool:
    """Whether this engine publishes images in a handbook's images/ folder (issue 17's image support)."""
    probe = root / "handbooks" / "probe-images" / "images"
    probe.mkdir(parents=True)
    (probe / "x.png").write_bytes(png())
    try:
        return not any(
            p.path.startswith("handbooks/probe-images/images") for p in scan_content(root, ("handbooks",)).problems
        )
    finally:
        (probe / "x.png").unlink()
        probe.rmdir()
        probe.parent.rmdir()


def write(folder: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content, encoding="utf-8")
    return folder


def handbook_import(root: Path, source: Path, handbook_id: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "handbook", "import", str(source), "--handbook", handbook_id, "--editor", "@someone"],
        cwd=root,
        capture_output=True,
        text=True,
    )


def jekyll_site(folder: Path, with_images: bool) -> Path:
    picture = "![The kitchen table](/assets/img/table.png)\n" if with_images else ""
    files: dict[str, str | bytes] = {
        "index.md": "---\nlayout: home\ntitle: Kitchen table conversations\ndescription: How neighbours talk things through.\n---\n\n"
        "Start with [the first steps]({{ site.baseurl }}/docs/first-steps.html).\n",
        "docs/first-steps.md": "---\nlayout: page\ntitle: First steps\nnav_order: 1\npermalink: /first-steps/\n---\n\n"
        f"Put the kettle on.\n\n{picture}\n:::tip Listen first\nAsk before you advise.\n:::\n\n"
        "{% include feedback.html %}\n\nNext: [hosting](hosting.md).\n",
        "docs/hosting.md": "---\ntitle: Hosting\nnav_order: 2\ndescription: Who sits where.\n---\n\n"
        '<aside class="tip" markdown="1">Keep it small.</aside>\n\n'
        "![Remote map](https://example.org/map.png)\n\nBack to [first steps](first-steps.md#top).\n",
    }
    if with_images:
        files["assets/img/table.png"] = png()
    return write(folder, files)


def gitbook_book(folder: Path, with_images: bool) -> Path:
    picture = "![](../images/circle.png)\n" if with_images else ""
    files: dict[str, str | bytes] = {
        "README.md": "# Circles of care\n\nA short book about care circles. It is written by practitioners.\n",
        "SUMMARY.md": "# Summary\n\n* [Introduction](README.md)\n* [Starting a circle](starting/README.md)\n"
        "  * [Who to invite](starting/who.md)\n* [Keeping going](keeping-going.md)\n",
        "starting/README.md": f'# Starting a circle\n\n{picture}\n{{% hint style="info" %}}\nOne person is enough to begin.\n{{% endhint %}}\n',
        "starting/who.md": "# Who to invite\n\nSee [keeping going](../keeping-going.md) and the [introduction](../README.md).\n",
        "keeping-going.md": "# Keeping going\n\n> [!NOTE]\n> Meet at the same time each week.\n",
    }
    if with_images:
        files["images/circle.png"] = png()
    return write(folder, files)


def test_jekyll_and_gitbook_folders_import_and_build_strictly(tmp_path, make_project, build):
    root = make_project(tmp_path / "project")
    images = handbook_images_allowed(root)
    jekyll = handbook_import(root, jekyll_site(tmp_path / "jekyll", images), "kitchen-table")
    gitbook = handbook_import(root, gitbook_book(tmp_path / "gitbook", images), "circles-of-care")
    assert jekyll.returncode == 0, jekyll.stdout + jekyll.stderr
    assert gitbook.returncode == 0, gitbook.stdout + gitbook.stderr
    assert "docs/first-steps.md:16: shortcode: '{% include feedback.html %}'" in jekyll.stdout
    assert "docs/first-steps.md:1: fields: dropped layout, permalink" in jekyll.stdout
    assert "docs/hosting.md:9: image: remote image 'https://example.org/map.png' became a link" in jekyll.stdout
    assert "SUMMARY.md: order: GitBook's table of contents" in gitbook.stdout

    result = build(root, "--strict", env={"HANDBOOK_PDF": "0", "HANDBOOK_OFFLINE_COPY": "0"})
    assert result.returncode == 0, result.log

    hosting = result.html("handbooks/kitchen-table/hosting/")
    assert '<div class="tip">' in hosting and "Keep it small." in hosting and '<aside class="tip"' not in hosting
    assert 'href="https://example.org/map.png"' in hosting and 'src="https://example.org' not in hosting
    first = result.html("handbooks/kitchen-table/first-steps/")
    assert "Listen first" in first and "{% include feedback.html %}" in first  # kept, as code, and reported
    assert re.search(r'<a [^>]*href="../hosting/"[^>]*>hosting</a>', first)
    who = result.html("handbooks/circles-of-care/who/")
    assert re.search(r'<a [^>]*href="../keeping-going/"[^>]*>keeping going</a>', who)
    assert re.search(r'<a [^>]*href="../"[^>]*>introduction</a>', who)
    index = (root / "handbooks" / "circles-of-care" / "index.md").read_text()
    assert (
        "chapters:\n- starting\n- who\n- keeping-going\n" in index
        and "summary: A short book about care circles." in index
    )
    if images:  # published with the page once handbooks may hold images
        assert (result.site / "handbooks" / "kitchen-table" / "images" / "table.png").read_bytes() == png()
        assert 'alt="The kitchen table"' in first
        assert (result.site / "handbooks" / "circles-of-care" / "images" / "circle.png").is_file()
        assert "starting/README.md:3: image: '../images/circle.png' has no alt text: 'circle'" in gitbook.stdout
        assert 'alt="circle"' in result.html("handbooks/circles-of-care/starting/")

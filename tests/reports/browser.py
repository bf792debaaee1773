"""Headless Chromium (Debian's package) for the HTML report tests: the DOM after load, a
screenshot, and a look at a PNG without an imaging library."""

from __future__ import annotations

import struct
import subprocess
import tempfile
import zlib
from html.parser import HTMLParser
from pathlib import Path

from tests.integration import require_binary

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--hide-scrollbars")


def _chromium(page: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    binary = require_binary("chromium")
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [binary, *FLAGS, f"--user-data-dir={profile}", *extra, page.resolve().as_uri()],
            capture_output=True, text=True, timeout=90, check=True)


def dom(page: Path) -> str:
    """The document as Chromium holds it once loaded (after any script ran)."""
    return _chromium(page, "--virtual-time-budget=3000", "--dump-dom").stdout


def screenshot(page: Path, out: Path, width: int = 1280, height: int = 1600) -> Path:
    _chromium(page, f"--window-size={width},{height}", f"--screenshot={out}")
    return out


def distinct_colours(png: Path, sample_rows: int = 200) -> int:
    """How many distinct pixel values a sample of the image's rows holds (a blank page: 1)."""
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, chunks, header = 8, [], b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
        pos += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    stride = 1 + width * channels * depth // 8
    raw = zlib.decompress(b"".join(chunks))
    step = max(1, height // sample_rows)
    values: set[bytes] = set()
    for row in range(0, height, step):
        line = raw[row * stride + 1:(row + 1) * stride]  # filtered bytes: enough to tell
        values.update(line[i:i + channels] for i in range(0, len(line), channels * 7))
    return len(values)


class Elements(HTMLParser):
    """Every element and attribute of a document, for asserting on a rendered DOM."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def ids(self) -> set[str]:
        return {attrs["id"] for _, attrs in self.tags if "id" in attrs}

    def injected(self) -> list[str]:
        """What hostile input could have put into the page: scripts, event handlers,
        javascript: URLs, frames, objects, and anything that fetches."""
        found = []
        for tag, attrs in self.tags:
            if tag in ("script", "iframe", "object", "embed", "base", "link", "img", "form"):
                found.append(f"<{tag}>")
            for name, value in attrs.items():
                if name.startswith("on"):
                    found.append(f"<{tag} {name}>")
                if name in ("href", "src", "action", "xlink:href", "formaction") and \
                        not value.startswith("#"):
                    found.append(f"<{tag} {name}={value!r}>")
        return found

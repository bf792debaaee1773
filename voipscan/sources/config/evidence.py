"""How sure a config reader is that a path holds its format: evidence weighed to 0..1.

Readers score a path from cheap evidence (names, the first bytes of a few files). A marker
that only one format has (FreeSWITCH's ``<document>`` in freeswitch.xml, the export's format
id, a FreePBX backup) scores ``SPECIFIC``; generic evidence (file names several products
share, a dialect) is combined and capped at ``GENERIC_CAP`` so it never outweighs a marker.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

SPECIFIC = 0.95
GENERIC_CAP = 0.9
NONE = 0.0


def head(path: Path, size: int = 4096) -> bytes:
    """The first bytes of a regular file; empty for anything else (a folder, a FIFO, a file
    that cannot be read), so sniffing never blocks or fails."""
    try:
        if not path.is_file():
            return b""
        with path.open("rb") as handle:
            return handle.read(size)
    except OSError:
        return b""


def is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def combine(weights: Iterable[float]) -> float:
    """Independent pieces of evidence (each the chance it alone is right), at most
    ``GENERIC_CAP``."""
    missed = 1.0
    for weight in weights:
        missed *= 1.0 - weight
    return min(1.0 - missed, GENERIC_CAP)


def any_file_with(folder: Path, pattern: str, marker: bytes, limit: int = 8) -> bool:
    """Whether one of the first ``limit`` files matching ``pattern`` in ``folder`` starts
    with ``marker`` somewhere in its first bytes."""
    if not is_dir(folder):
        return False
    try:
        names = sorted(folder.glob(pattern))[:limit]
    except OSError:
        return False
    return any(marker in head(name) for name in names)

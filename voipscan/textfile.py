"""Read a text file with one clear error for each way it goes wrong (kept apart from the
YAML machinery of ``voipscan.documents``, so that reading a target list stays light)."""

from __future__ import annotations

from pathlib import Path

from voipscan.errors import InputError

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


def read_text(path: Path, limit: int = MAX_DOCUMENT_BYTES) -> str:
    """Read a text file with clear errors for the usual ways it goes wrong."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError(f"file too large ({size} bytes; limit {limit})", str(path))
        raw = path.read_bytes()
    except IsADirectoryError:
        raise InputError("is a directory, expected a file", str(path)) from None
    except FileNotFoundError:
        raise InputError("no such file", str(path)) from None
    except PermissionError:
        raise InputError("permission denied", str(path)) from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", str(path)) from None
    if b"\x00" in raw[:8192]:
        raise InputError("binary file, expected text", str(path))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InputError("not valid UTF-8 text", str(path), line) from None

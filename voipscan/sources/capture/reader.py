"""Open a pcap or pcapng capture for streaming, with memory bounded whatever the file says.

The formats are read in ``voipscan.sources.capture.formats``, through a ``CaptureStream``
that refuses absurd reads before allocating anything, never reads past the end of a plain
file, and turns read and decompression errors into a ``CaptureError`` naming the packet.
"""

from __future__ import annotations

import io
import lzma
import os
import stat
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from voipscan.sources.capture.linklayer import require_scapy

CHUNK = 1 << 20
MAX_RECORD = 16 << 20
"""No record or block is larger: anything bigger is a corrupt length field."""


class CaptureError(Exception):
    """The capture cannot be read (further). ``packet`` is the record where reading stopped."""

    def __init__(self, message: str, packet: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.packet = packet


class StreamFault(Exception):
    """A read the stream refused or could not do; the reader adds the packet number."""

    def __init__(self, what: str, corrupt: bool) -> None:
        super().__init__(what)
        self.what = what
        self.corrupt = corrupt


class Readable(Protocol):
    def read1(self, size: int = -1, /) -> bytes: ...

    def close(self) -> None: ...


class CaptureStream:
    """The file as the record loops see it.

    ``remaining`` is what is left of a plain regular file, None for a compressed file or a
    pipe (then only ``MAX_RECORD`` bounds a read). ``ended`` turns True once a read came back
    short at the end of the data, so a parse failure after it means truncation, not
    corruption. A read that fails part way returns what it got; the next read raises.
    """

    def __init__(self, source: Readable, remaining: int | None) -> None:
        self._source = source
        self.remaining = remaining
        self.position = 0
        self.ended = False
        self._fault: StreamFault | None = None

    def read(self, size: int = -1) -> bytes:
        if size < 0 or size > MAX_RECORD + CHUNK:
            raise StreamFault(f"a length field asks for {size} bytes", corrupt=True)
        if self._fault is not None:
            raise self._fault
        wanted = size if self.remaining is None else min(size, self.remaining)
        parts: list[bytes] = []
        got = 0
        while got < wanted:
            try:
                part = self._source.read1(wanted - got)
            except (OSError, EOFError, zlib.error, lzma.LZMAError) as error:  # damage
                self._fault = StreamFault(str(error) or type(error).__name__, corrupt=False)
                if not parts:
                    raise self._fault from None
                break
            if not part:
                break
            parts.append(part)
            got += len(part)
        data = parts[0] if len(parts) == 1 else b"".join(parts)
        self.position += got
        if self.remaining is not None:
            self.remaining -= got
        if got < size and self._fault is None:
            self.ended = True
        return data

    def close(self) -> None:
        self._source.close()


class CaptureReader(Protocol):
    """What an opened capture offers the audit (implemented in ``formats``)."""

    format: str
    packets: int
    """Packet records read so far."""

    def records(self) -> Iterator[tuple[int, bytes]]:
        """``(linktype, frame)`` for every packet record, in file order; raises CaptureError."""
        ...

    def notes(self) -> list[str]:
        """Warnings about what could not be audited (e.g. unknown link types), once read."""
        ...


def open_capture(path: Path) -> tuple[io.BufferedReader, CaptureReader]:
    """Open a file and its reader; the caller closes the handle. Raises MissingExtra when
    scapy (the ``pcap`` extra) is not installed."""
    require_scapy()
    try:
        handle = path.open("rb")
    except OSError as error:
        raise CaptureError(f"cannot open: {error.strerror or error}") from None
    try:
        from voipscan.sources.capture.formats import open_reader

        info = os.fstat(handle.fileno())
        return handle, open_reader(handle, info.st_size if stat.S_ISREG(info.st_mode) else None)
    except OSError as error:
        handle.close()
        raise CaptureError(f"cannot read: {error.strerror or error}") from None
    except BaseException:
        handle.close()
        raise

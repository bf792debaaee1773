"""Open a pcap or pcapng capture for streaming, with memory bounded whatever the file says.

The formats are read by scapy's reader classes (``voipscan.sources.capture.formats``, imported only
when a capture is opened). This module holds what scapy does not do: a ``CaptureStream``
that refuses absurd reads before allocating anything, never reads past the end of a plain
file, and turns read and decompression errors into a ``CaptureError`` instead of the silent
end of file scapy makes of them.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Protocol

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
    """A read the stream refused or could not do; the reader adds the packet number.

    Deliberately not an OSError or EOFError: scapy's readers take those for a clean end.
    """

    def __init__(self, what: str, corrupt: bool) -> None:
        super().__init__(what)
        self.what = what
        self.corrupt = corrupt


class Readable(Protocol):
    def read1(self, size: int = -1, /) -> bytes: ...

    def close(self) -> None: ...


class CaptureStream:
    """The file as scapy's readers and the record loops see it.

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
            except (OSError, EOFError, zlib.error) as error:  # how gzip reports damage
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


@contextlib.contextmanager
def scapy_warnings() -> Iterator[list[str]]:
    """Collect what scapy logs while it parses, instead of letting it print to stderr."""
    logger = logging.getLogger("scapy.runtime")
    collected: list[str] = []
    handler = _Collector(collected)
    propagate, logger.propagate = logger.propagate, False
    logger.addHandler(handler)
    try:
        yield collected
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


class _Collector(logging.Handler):
    def __init__(self, messages: list[str]) -> None:
        super().__init__(logging.WARNING)
        self._messages = messages

    def emit(self, record: logging.LogRecord) -> None:
        # scapy's rate filter marks a repeated warning "more ..."
        self._messages.append(record.getMessage().removeprefix("more "))


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


def open_capture(path: Path) -> tuple[BinaryIO, CaptureReader]:
    """Open a file and its reader; the caller closes the handle."""
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

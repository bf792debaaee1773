"""snoop captures (RFC 1761), which Solaris and illumos write.

A 16-byte header (``snoop\\0\\0\\0``, version 2, datalink type), then records: original and
included length, record length (header and padded data), cumulative drops, seconds and
microseconds, all big-endian 32-bit, then the data. Read as a stream, like pcap.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

from voipscan.sources.capture.reader import (
    MAX_RECORD,
    CaptureError,
    CaptureStream,
    StreamFault,
)

MAGIC = b"snoop\0\0\0"
_RECORD = struct.Struct("!III")
_DATALINKS = {4: 1}
"""snoop datalink types voipscan decodes, as pcap link types: Ethernet."""


class SnoopFile:
    format = "snoop"

    def __init__(self, stream: CaptureStream) -> None:
        self.stream = stream
        self.packets = 0
        header = self._read(12)
        if len(header) < 12 or header[:4] != MAGIC[4:]:
            raise CaptureError("truncated snoop file header" if len(header) < 12
                               else "corrupt snoop file header")
        version, datalink = struct.unpack("!II", header[4:])
        if version != 2:
            raise CaptureError(f"snoop version {version} capture: only version 2 is read; "
                               "convert it with 'editcap -F pcap IN OUT'")
        linktype = _DATALINKS.get(datalink)
        if linktype is None:
            raise CaptureError(f"a snoop capture of datalink type {datalink}, which voipscan "
                               "does not decode (it reads Ethernet)")
        self.linktype = linktype

    def records(self) -> Iterator[tuple[int, bytes]]:
        while True:
            head = self._read(24)
            if not head:
                return
            if len(head) < 24:
                raise self._truncated(f"the file ends inside the header of packet "
                                      f"{self.packets + 1}")
            _, included, length = _RECORD.unpack_from(head)
            if length < 24 + included or length > MAX_RECORD:
                raise CaptureError(f"capture is corrupt at packet {self.packets + 1}: record "
                                   f"length {length} does not fit its {included} bytes",
                                   self.packets + 1)
            body = self._read(length - 24)
            if len(body) < included:
                raise self._truncated(f"packet {self.packets + 1} is cut short "
                                      f"({len(body)} of {included} bytes)")
            self.packets += 1
            yield self.linktype, body[:included]

    def notes(self) -> list[str]:
        return []

    def _read(self, size: int) -> bytes:
        try:
            return self.stream.read(size)
        except StreamFault as fault:
            raise CaptureError(f"cannot read: {fault.what}", self.packets + 1) from None

    def _truncated(self, what: str) -> CaptureError:
        return CaptureError(f"capture is truncated: {what}", self.packets + 1)

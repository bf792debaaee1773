"""Microsoft Network Monitor 2.x captures (``GMBU``), which Windows tools still write.

Layout (little-endian), as Wireshark's ``netmon.c`` documents it: a 128-byte file header
whose bytes 6-7 give the network type and 24-31 the frame table's offset and length; the
frame table lists each frame's offset; a frame is a 16-byte header (time delta, original and
captured length), the data and, from version 2.1, a trailer whose first two bytes give that
frame's network type. The frame table sits at the end of the file, so the file is read
whole (up to ``MAX_SIZE``).
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

from voipscan.sources.capture.reader import MAX_RECORD, CaptureError, CaptureStream

MAGIC = b"GMBU"
MAX_SIZE = 512 * 1024 * 1024
_HEADER = 128
_NETWORKS = {1: 1, 0xE000 + 1: 1}
"""NetMon network types voipscan decodes, as pcap link types: Ethernet (and NetMon 3's
pcap-style Ethernet)."""


class NetMonFile:
    format = "netmon"

    def __init__(self, stream: CaptureStream) -> None:
        self.packets = 0
        self._unknown: set[int] = set()
        data = bytearray(MAGIC)
        while len(data) <= MAX_SIZE:
            part = stream.read(1 << 20)
            if not part:
                break
            data += part
        if len(data) > MAX_SIZE:
            raise CaptureError(f"Network Monitor capture larger than {MAX_SIZE >> 20} MB: "
                               "convert it with 'editcap -F pcap IN OUT' and scan that")
        if len(data) < _HEADER:
            raise CaptureError("truncated netmon file header")
        self._data = bytes(data)
        self.minor, self.major = data[4], data[5]
        if self.major != 2:
            raise CaptureError(f"Network Monitor {self.major}.{self.minor} capture: only 2.x "
                               "is read; convert it with 'editcap -F pcap IN OUT'")
        (self.network,) = struct.unpack_from("<H", data, 6)
        table_offset, table_length = struct.unpack_from("<II", data, 24)
        if table_offset + table_length > len(data) or table_length % 4:
            raise CaptureError("corrupt netmon file header: the frame table lies outside the "
                               "file")
        self._offsets = struct.unpack_from(f"<{table_length // 4}I", data, table_offset)

    def records(self) -> Iterator[tuple[int, bytes]]:
        data = self._data
        for offset in self._offsets:
            if offset + 16 > len(data):
                raise self._corrupt(f"frame offset {offset} lies outside the file")
            captured = struct.unpack_from("<I", data, offset + 12)[0]
            end = offset + 16 + captured
            if captured > MAX_RECORD or end > len(data):
                raise self._corrupt(f"frame length {captured} runs past the file")
            network = self.network
            if self.minor >= 1 and end + 2 <= len(data):
                (network,) = struct.unpack_from("<H", data, end)
            linktype = _NETWORKS.get(network)
            self.packets += 1
            if linktype is None:
                self._unknown.add(network)
                continue
            yield linktype, data[offset + 16:end]

    def notes(self) -> list[str]:
        return [f"Network Monitor frames of network type {n} are not decoded"
                for n in sorted(self._unknown)]

    def _corrupt(self, what: str) -> CaptureError:
        number = self.packets + 1
        return CaptureError(f"capture is corrupt at packet {number}: {what}", number)

"""pcap and pcapng, read by our own code and hardened for files nobody vouches for.

Both formats are a file header followed by length-prefixed records (pcap) or blocks
(pcapng, with any number of sections, each in either byte order, and of interfaces, each
with its link type). Records are sliced out of large reads, every length is checked against
``MAX_RECORD`` and its block before use, and a file that ends or breaks inside a record
raises a ``CaptureError`` naming the packet. On the 1 GB benchmark (bench/pcap_audit.py)
these loops read pcap about twice and pcapng about three times as fast as scapy's readers.
Link layers the decoder does not slice go to ``linklayer`` (scapy's dissectors).
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import struct
from collections.abc import Callable, Iterator

from voipscan.sources.capture.linklayer import Adapter, LinkLayers
from voipscan.sources.capture.netmon import MAGIC as NETMON_MAGIC
from voipscan.sources.capture.netmon import NetMonFile
from voipscan.sources.capture.reader import (
    CHUNK,
    MAX_RECORD,
    CaptureError,
    CaptureStream,
    Readable,
    StreamFault,
)
from voipscan.sources.capture.sip import clean
from voipscan.sources.capture.snoop import MAGIC as SNOOP_MAGIC
from voipscan.sources.capture.snoop import SnoopFile

_PCAP_MAGIC = {b"\xa1\xb2\xc3\xd4": ">", b"\xd4\xc3\xb2\xa1": "<",  # microseconds
               b"\xa1\xb2\x3c\x4d": ">", b"\x4d\x3c\xb2\xa1": "<"}  # nanoseconds
_SHB_MAGIC = b"\x0a\x0d\x0d\x0a"
_BYTE_ORDER = {b"\x1a\x2b\x3c\x4d": ">", b"\x4d\x3c\x2b\x1a": "<"}
_SHB, _IDB, _PB, _SPB, _EPB = 0x0A0D0D0A, 1, 2, 3, 6
_SHB_MIN = 28
_IF_NAME = 2
_Unpack = Callable[[bytes, int], tuple[int, ...]]


_OTHER_FORMATS = (
    (b"RTSS", "Microsoft Network Monitor 1.x"),
    (b"ObserverPktBuffer", "Network Instruments Observer"), (b"TRSNIFF data", "Sniffer"),
    (b"XCP\0", "NetXray / Sniffer Pro"), (b"iptrace", "AIX iptrace"),
)


_UNPACKERS: tuple[tuple[bytes, str, Callable[[io.BufferedReader], Readable]], ...] = (
    (b"\x1f\x8b", "gzip", lambda f: gzip.GzipFile(fileobj=f, mode="rb")),
    (b"\xfd7zXZ\x00", "xz", lambda f: lzma.LZMAFile(f, mode="rb")),  # noqa: SIM115
    (b"BZh", "bzip2", lambda f: bz2.BZ2File(f, mode="rb")),
)
_PACKED_ELSEWHERE = ((b"\x28\xb5\x2f\xfd", "zstd", "zstd -d"),
                     (b"\x04\x22\x4d\x18", "lz4", "lz4 -d"),
                     (b"PK\x03\x04", "zip", "unzip"))


def open_reader(handle: io.BufferedReader, size: int | None
                ) -> PcapFile | PcapNgFile | NetMonFile | SnoopFile:
    """The reader for an open file; ``size`` is the file's size if it is a regular file.
    gzip, xz and bzip2 files are read through their decompressor."""
    start = handle.peek(8)[:8]
    packing = next(((name, opener) for magic, name, opener in _UNPACKERS
                    if start.startswith(magic)), None)
    source: Readable = packing[1](handle) if packing else handle
    stream = CaptureStream(source, None if packing else size)
    try:
        magic = stream.read(4)
    except StreamFault as fault:
        if packing:
            raise CaptureError(f"{packing[0]}-compressed but cannot be decompressed: "
                               f"{fault.what}") from None
        raise _fault_error(fault, None) from None
    if not magic:
        raise CaptureError("empty file, not a capture")
    if magic in _PCAP_MAGIC:
        return PcapFile(stream, _PCAP_MAGIC[magic])
    if magic == _SHB_MAGIC:
        return PcapNgFile(stream)
    if magic == NETMON_MAGIC:
        return NetMonFile(stream)
    if magic == SNOOP_MAGIC[:4]:
        return SnoopFile(stream)
    raise CaptureError(_unread(magic))


def _unread(magic: bytes) -> str:
    """Why the file is not read, and how to make it readable."""
    for start, name, command in _PACKED_ELSEWHERE:
        if magic.startswith(start):
            return (f"a {name}-compressed file: decompress it ('{command} FILE') and scan "
                    "the capture inside")
    known = next((name for start, name in _OTHER_FORMATS if magic.startswith(start[:4])),
                 None)
    if known is not None:
        return (f"a {known} capture, which voipscan does not read: convert it with "
                "'editcap -F pcap IN OUT' (Wireshark) and scan that")
    if all(32 <= c < 127 or c in b"\t\r\n" for c in magic):
        return ("a text file, not a capture: a packet dump printed as text cannot be "
                "audited; if it is a hex dump, 'text2pcap IN OUT' makes a pcap of it")
    return (f"not a capture voipscan reads (pcap, pcapng, Network Monitor 2.x, snoop; starts "
            f"with {magic.hex()}); if Wireshark opens it, convert it with "
            "'editcap -F pcap IN OUT'")


class _Damaged(Exception):
    """A header or block that cannot be read; the reader words it for where it was found."""

    def __init__(self, what: str, truncated: bool = False) -> None:
        super().__init__(what)
        self.what = what
        self.truncated = truncated


class _Records:
    """What both formats share: reads that report damage with the packet number."""

    format: str
    stream: CaptureStream
    packets: int
    _links: LinkLayers

    def notes(self) -> list[str]:
        return self._links.notes()

    def _read(self, size: int) -> bytes:
        try:
            return self.stream.read(size)
        except StreamFault as fault:
            raise _fault_error(fault, self.packets + 1) from None

    def _read_header(self, size: int) -> bytes:
        try:
            return self.stream.read(size)
        except StreamFault as fault:
            raise _fault_error(fault, None) from None

    def _header_error(self, damage: _Damaged) -> CaptureError:
        if damage.truncated:
            return CaptureError(f"truncated {self.format} file header")
        return CaptureError(f"corrupt {self.format} file header: {damage.what}")

    def _corrupt(self, what: str) -> CaptureError:
        number = self.packets + 1
        return CaptureError(f"capture is corrupt at packet {number}: {what}", number)


class PcapFile(_Records):
    """Classic pcap (either byte order, micro- or nanosecond timestamps)."""

    format = "pcap"

    def __init__(self, stream: CaptureStream, endian: str) -> None:
        self.stream = stream
        self.endian = endian
        self.packets = 0
        self._links = LinkLayers()
        header = self._read_header(20)
        if len(header) < 20:
            raise self._header_error(_Damaged("", truncated=True))
        # version, time zone and accuracy say nothing the audit uses
        self.snaplen, self.linktype = struct.unpack(endian + "12xII", header)

    def records(self) -> Iterator[tuple[int, bytes]]:
        adapt = self._links.adapter(self.linktype)
        if adapt is None:
            return self._records()
        return (adapt(frame) for _, frame in self._records())

    def _records(self) -> Iterator[tuple[int, bytes]]:
        linktype = self.linktype
        limit = min(max(self.snaplen, 262144), MAX_RECORD)
        caplen_at = struct.Struct(self.endian + "8xI4x").unpack_from
        buf, pos = b"", 0
        while True:
            if len(buf) - pos < 16:
                buf, pos = buf[pos:] + self._read(CHUNK), 0
                if len(buf) < 16:
                    if buf:
                        raise self._truncated(
                            f"the file ends inside the header of packet {self.packets + 1}")
                    return
            (caplen,) = caplen_at(buf, pos)
            if caplen > limit:
                raise self._corrupt(f"record length {caplen} exceeds {limit} bytes")
            end = pos + 16 + caplen
            if end > len(buf):
                buf, pos = buf[pos:] + self._read(max(CHUNK, end - pos)), 0
                end = 16 + caplen
                if end > len(buf):
                    raise self._truncated(f"packet {self.packets + 1} is cut short "
                                          f"({len(buf) - 16} of {caplen} bytes)")
            self.packets += 1
            yield linktype, buf[pos + 16:end]
            pos = end

    def _truncated(self, what: str) -> CaptureError:
        return CaptureError(f"capture is truncated: {what}", self.packets + 1)


class PcapNgFile(_Records):
    """pcapng: any number of sections (either byte order) and interfaces (any link type)."""

    format = "pcapng"

    def __init__(self, stream: CaptureStream) -> None:
        self.stream = stream
        self.packets = 0
        self.endian = "<"
        self._links = LinkLayers()
        self._section = 0
        self._adapters: list[tuple[int, int, Adapter | None]] = []
        """Per interface of the current section: link type, snap length, adapter."""
        try:
            self._buf, self._pos = self._section_header(_SHB_MAGIC + self._read_header(CHUNK),
                                                        0)
        except _Damaged as damage:
            raise self._header_error(damage) from None

    def records(self) -> Iterator[tuple[int, bytes]]:
        head, ids, word, short = self._layouts()
        interfaces = self._adapters
        buf, pos = self._buf, self._pos
        self._buf = b""
        while True:
            if len(buf) - pos < 12:
                buf, pos = buf[pos:] + self._read(CHUNK), 0
                if len(buf) < 12:
                    if buf:
                        raise self._truncated_at("block header")
                    return
            block_type, length = head(buf, pos)
            if block_type == _SHB:  # the same bytes in either byte order
                try:
                    buf, pos = self._section_header(buf, pos)
                except _Damaged as damage:
                    if damage.truncated:
                        raise self._truncated_at("section header block") from None
                    raise self._corrupt(f"section header block: {damage.what}") from None
                head, ids, word, short = self._layouts()
                interfaces = self._adapters
                continue
            if length < 12 or length % 4 or length > MAX_RECORD:
                raise self._corrupt(f"invalid block length {length}")
            end = pos + length
            if end > len(buf):
                buf, pos = buf[pos:] + self._read(max(CHUNK, end - pos)), 0
                end = length
                if end > len(buf):
                    raise self._truncated_at(f"block of {length} bytes")
            if word(buf, end - 4)[0] != length:
                raise self._corrupt("block length and trailing length differ")
            if block_type in (_EPB, _PB):
                if length < 32:
                    raise self._corrupt("packet block too short")
                interface, caplen = ids(buf, pos + 8)
                if block_type == _PB:
                    interface = short(buf, pos + 8)[0]
                if 28 + caplen > length - 4:
                    raise self._corrupt(f"captured length {caplen} exceeds its block")
                if interface >= len(interfaces):
                    raise self._corrupt(f"interface id {interface} is not described in its "
                                        f"section ({len(interfaces)} interfaces)")
                linktype, _, adapt = interfaces[interface]
                self.packets += 1
                frame = buf[pos + 28:pos + 28 + caplen]
                yield (linktype, frame) if adapt is None else adapt(frame)
            elif block_type == _IDB:
                self._interface(buf[pos + 8:end - 4])
            elif block_type == _SPB:
                if length < 16:
                    raise self._corrupt("simple packet block too short")
                if not interfaces:
                    raise self._corrupt("packet before any interface description")
                linktype, snaplen, adapt = interfaces[0]
                caplen = min(word(buf, pos + 8)[0], length - 16, snaplen or MAX_RECORD)
                self.packets += 1
                frame = buf[pos + 12:pos + 12 + caplen]
                yield (linktype, frame) if adapt is None else adapt(frame)
            # other blocks (name resolution, statistics, decryption secrets...) are skipped
            pos = end

    def _layouts(self) -> tuple[_Unpack, _Unpack, _Unpack, _Unpack]:
        """Readers for the current section's byte order: block head, packet block interface
        and captured length, a 32-bit word, a 16-bit word."""
        return (struct.Struct(self.endian + "II").unpack_from,
                struct.Struct(self.endian + "I8xI").unpack_from,
                struct.Struct(self.endian + "I").unpack_from,
                struct.Struct(self.endian + "H").unpack_from)

    def _section_header(self, buf: bytes, pos: int) -> tuple[bytes, int]:
        """Read the section header block at ``pos`` (more of the file if needed): its byte
        order, then its version. Interface numbers restart in each section."""
        buf, pos = self._available(buf, pos, 12)
        endian = _BYTE_ORDER.get(buf[pos + 8:pos + 12])
        if endian is None:
            raise _Damaged(f"unknown byte-order magic {buf[pos + 8:pos + 12].hex()}")
        (length,) = struct.unpack_from(endian + "I", buf, pos + 4)
        if length < _SHB_MIN or length % 4 or length > MAX_RECORD:
            raise _Damaged(f"invalid section header block length {length}")
        buf, pos = self._available(buf, pos, length)
        major, minor, trailing = (*struct.unpack_from(endian + "HH", buf, pos + 12),
                                  struct.unpack_from(endian + "I", buf, pos + length - 4)[0])
        if major != 1:
            raise _Damaged(f"unsupported pcapng version {major}.{minor}")
        if trailing != length:
            raise _Damaged("block length and trailing length differ")
        self.endian = endian
        self._section += 1
        self._adapters = []
        return buf, pos + length

    def _available(self, buf: bytes, pos: int, size: int) -> tuple[bytes, int]:
        """``buf`` from ``pos`` with at least ``size`` bytes, read from the file if needed."""
        if len(buf) - pos >= size:
            return buf, pos
        buf = buf[pos:] + self._read(max(CHUNK, size - (len(buf) - pos)))
        if len(buf) < size:
            raise _Damaged("", truncated=True)
        return buf, 0

    def _interface(self, body: bytes) -> None:
        if len(body) < 8:
            raise self._corrupt(f"interface description block too short ({len(body)} of 8 "
                                "bytes)")
        linktype, snaplen = struct.unpack_from(self.endian + "HxxI", body)
        where = f"interface {len(self._adapters)}"
        name = self._option(body[8:], _IF_NAME)
        if name is not None:
            where += f" ({clean(name.decode('utf-8', 'replace'), 40)})"
        if self._section > 1:
            where += f" of section {self._section}"
        self._adapters.append((linktype, snaplen, self._links.adapter(linktype, where)))

    def _option(self, options: bytes, wanted: int) -> bytes | None:
        """The value of option ``wanted``; options that run past their block end the list."""
        at = 0
        while at + 4 <= len(options):
            code, length = struct.unpack_from(self.endian + "HH", options, at)
            if code == 0 or at + 4 + length > len(options):
                return None
            if code == wanted:
                return options[at + 4:at + 4 + length]
            at += 4 + length + (-length % 4)
        return None

    def _truncated_at(self, what: str) -> CaptureError:
        number = self.packets + 1
        return CaptureError(f"capture is truncated: the file ends inside a {what} "
                            f"(at packet {number})", number)


def _fault_error(fault: StreamFault, number: int | None) -> CaptureError:
    if fault.corrupt:
        where = f" at packet {number}" if number else ""
        return CaptureError(f"capture is corrupt{where}: {fault.what}", number)
    after = f" after packet {number - 1}" if number and number > 1 else ""
    return CaptureError(f"cannot read{after}: {fault.what}", number)

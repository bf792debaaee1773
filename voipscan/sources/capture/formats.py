"""pcap and pcapng through scapy's reader classes, hardened for files nobody vouches for.

Scapy parses what describes a capture: gzip detection and the magic number, the pcap file
header (byte order, timestamp precision, snap length, link type), pcapng section headers
(byte order, version, options) and interface descriptions (link type, snap length, name,
options). The record loop is the hot path and is overridden here: records are sliced out of
large reads, every length is checked against ``MAX_RECORD`` and its block before use, and a
file that ends or breaks inside a record raises a ``CaptureError`` naming the packet, where
scapy's loops stop silently (and its pcapng loop would read a corrupt 4 GB block length).
On the 1 GB benchmark (bench/pcap_audit.py) scapy's own loops read about 180 MB (pcap) and
90 MB (pcapng) per CPU second; these about 630 and 390.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterator
from typing import IO, BinaryIO, NoReturn, cast

from scapy.data import MTU
from scapy.error import Scapy_Exception
from scapy.utils import RawPcapNgReader, RawPcapReader

from voipscan.sources.capture.linklayer import Adapter, LinkLayers
from voipscan.sources.capture.reader import (
    CHUNK,
    MAX_RECORD,
    CaptureError,
    CaptureStream,
    Readable,
    StreamFault,
    scapy_warnings,
)
from voipscan.sources.capture.sip import clean

_SHB, _IDB, _PB, _SPB, _EPB = 0x0A0D0D0A, 1, 2, 3, 6
_Unpack = Callable[[bytes, int], tuple[int, ...]]


def open_reader(handle: BinaryIO, size: int | None) -> PcapFile | PcapNgFile:
    """The reader for an open file; ``size`` is the file's size if it is a regular file."""
    try:
        name, source, magic = RawPcapReader.open(handle)
    except Scapy_Exception as error:  # scapy raises it only for a gzip it cannot inflate
        raise CaptureError(f"gzip-compressed but cannot be decompressed: "
                           f"{error.__cause__ or error}") from None
    if not magic:
        raise CaptureError("empty file, not a capture")
    remaining = size - handle.tell() if source is handle and size is not None else None
    stream = CaptureStream(cast(Readable, source), remaining)  # a BufferedReader or GzipFile
    for kind in (PcapNgFile, PcapFile):
        with scapy_warnings() as warnings:
            try:
                return cast(PcapFile | PcapNgFile, type.__call__(kind, name, stream, magic))
            except StreamFault as fault:
                raise _fault_error(fault, None) from None
            except (Scapy_Exception, EOFError) as error:
                if stream.ended:
                    raise CaptureError(f"truncated {kind.format} file header") from None
                if stream.position:  # the magic matched, what follows is damaged
                    detail = warnings[0] if warnings else str(error) or "malformed"
                    raise CaptureError(f"corrupt {kind.format} file header: {detail}") from None
    raise CaptureError(f"not a pcap or pcapng capture (starts with {magic.hex()})")


class _Hardened:
    """What both formats share: reads that report damage with the packet number."""

    stream: CaptureStream
    packets: int
    _links: LinkLayers

    def notes(self) -> list[str]:
        return self._links.notes()

    def _read_packet(self, size: int = MTU) -> NoReturn:
        raise TypeError("read with records(): scapy's record loop is not hardened")

    def _read(self, size: int) -> bytes:
        try:
            return self.stream.read(size)
        except StreamFault as fault:
            raise _fault_error(fault, self.packets + 1) from None

    def _corrupt(self, what: str) -> CaptureError:
        number = self.packets + 1
        return CaptureError(f"capture is corrupt at packet {number}: {what}", number)


class PcapFile(_Hardened, RawPcapReader):
    """Classic pcap (either byte order, micro- or nanosecond timestamps)."""

    format = "pcap"

    def __init__(self, filename: str, fdesc: CaptureStream, magic: bytes) -> None:
        super().__init__(filename, cast(IO[bytes], fdesc), magic)  # reads the file header
        self.stream = fdesc
        self.packets = 0
        self._links = LinkLayers()

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


class PcapNgFile(_Hardened, RawPcapNgReader):
    """pcapng: any number of sections (either byte order) and interfaces (any link type)."""

    format = "pcapng"

    def __init__(self, filename: str, fdesc: CaptureStream, magic: bytes) -> None:
        super().__init__(filename, cast(IO[bytes], fdesc), magic)  # reads the first section
        self.stream = fdesc
        self.packets = 0
        self._links = LinkLayers()
        self._section = 1
        self._adapters: list[tuple[int, int, Adapter | None]] = []
        """Per interface of the current section: link type, snap length, adapter."""

    def records(self) -> Iterator[tuple[int, bytes]]:
        head, ids, word, short = self._layouts()
        interfaces = self._adapters
        buf, pos = b"", 0
        while True:
            if len(buf) - pos < 12:
                buf, pos = buf[pos:] + self._read(CHUNK), 0
                if len(buf) < 12:
                    if buf:
                        raise self._truncated_at("block header")
                    return
            block_type, length = head(buf, pos)
            if block_type == _SHB:  # the same bytes in either byte order
                buf, pos = self._section_header(buf[pos + 4:]), 0
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

    def _section_header(self, rest: bytes) -> bytes:
        """Let scapy read a new section header from ``rest`` and the file; what it left."""
        replay = _Replay(rest, self.stream)
        self.f = cast(IO[bytes], replay)
        self.interfaces, self._adapters = [], []  # interface numbers restart in each section
        self._section += 1
        try:
            with scapy_warnings() as warnings:
                self._read_block_shb()
        except StreamFault as fault:
            raise _fault_error(fault, self.packets + 1) from None
        except (Scapy_Exception, EOFError) as error:
            if replay.short:
                raise self._truncated_at("section header block") from None
            detail = warnings[0] if warnings else str(error) or "malformed"
            raise self._corrupt(f"section header block: {detail}") from None
        finally:
            self.f = cast(IO[bytes], self.stream)
        return replay.rest

    def _interface(self, body: bytes) -> None:
        try:
            with scapy_warnings() as warnings:
                self._read_block_idb(body, MTU)
        except EOFError as error:
            detail = warnings[0] if warnings else str(error) or "malformed"
            raise self._corrupt(f"interface description block: {detail}") from None
        linktype, snaplen, options = self.interfaces[-1]
        where = f"interface {len(self._adapters)}"
        if isinstance(options.get("name"), bytes):
            where += f" ({clean(options['name'].decode('utf-8', 'replace'), 40)})"
        if self._section > 1:
            where += f" of section {self._section}"
        self._adapters.append((linktype, snaplen, self._links.adapter(linktype, where)))

    def _truncated_at(self, what: str) -> CaptureError:
        number = self.packets + 1
        return CaptureError(f"capture is truncated: the file ends inside a {what} "
                            f"(at packet {number})", number)


class _Replay:
    """Bytes already buffered, then the stream: how scapy re-reads a section header."""

    def __init__(self, rest: bytes, stream: CaptureStream) -> None:
        self.rest = rest
        self._stream = stream
        self.short = False
        """A read came back short: the file ended inside the header."""

    def read(self, size: int) -> bytes:
        data, self.rest = self.rest[:size], self.rest[size:]
        if len(data) < size:
            data += self._stream.read(size - len(data))
            self.short |= len(data) < size
        return data


def _fault_error(fault: StreamFault, number: int | None) -> CaptureError:
    if fault.corrupt:
        where = f" at packet {number}" if number else ""
        return CaptureError(f"capture is corrupt{where}: {fault.what}", number)
    after = f" after packet {number - 1}" if number else ""
    return CaptureError(f"cannot read{after}: {fault.what}", number)

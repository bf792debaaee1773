"""What each parser is fed and which failure is clean: shared by the hypothesis tests in
tests/fuzz/ and the long run in bench/fuzz.py.

A ``FuzzTarget`` turns one input (bytes) into one parse. It may only fail with one of its
``accepted`` error types; anything else is a crash. Multi-file sources take inputs of the
form ``b"<file name in the tree>\\n<content>"``: that file of a sample tree is replaced (or
added) and the whole tree is read, so includes, inheritance and fact building run too.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gzip
import io
import os
import shutil
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.paths import ROOT as REPO_ROOT
from voipscan.errors import InputError
from voipscan.sip.framing import StreamFramer
from voipscan.sip.message import SipParseError, SipResponse, parse_message

ROOT = REPO_ROOT
SAMPLES = ROOT / "samples"
# Inserted into every format: bytes that are not text, Unicode digits that str.isdigit()
# accepts but int() may not ('\u00b2'), numbers beyond int() and float() limits.
GENERIC_TOKENS = (b"\x00", b"\xff", b"\n", b"\r\n", b" ", b"\t", b"%s", b"\xe2\x80\xae",
                  b"\xf0\x9f\x98\x80", b"-2147483649", b"4294967296", b"NaN", b"1e308",
                  "\u00b2".encode(), "\u0661".encode(), b"9" * 400, b"9" * 5000, b"1e999")


@dataclass
class FuzzTarget:
    name: str
    family: str  # "sip", "sdp" or "config"
    seeds: tuple[bytes, ...]
    run: Callable[[bytes], object]
    accepted: tuple[type[BaseException], ...] = ()
    tokens: tuple[bytes, ...] = ()  # dictionary the mutators insert
    cleanup: list[Callable[[], None]] = field(default_factory=list)

    def close(self) -> None:
        for action in self.cleanup:
            action()
        self.cleanup.clear()


def named(name: str, content: bytes) -> bytes:
    return name.encode() + b"\n" + content


def split_named(data: bytes) -> tuple[str, bytes]:
    name, _, content = data.partition(b"\n")
    return name.decode("utf-8", "replace").strip() or "x", content


def tree_files(directory: Path) -> dict[str, bytes]:
    return {p.relative_to(directory).as_posix(): p.read_bytes()
            for p in sorted(directory.rglob("*")) if p.is_file()}


# --- SIP ---------------------------------------------------------------------------------

SIP_TOKENS = (
    b"\r\n", b"\n", b"\r\n\r\n", b"\r\n ", b"\r\n\t", b": ", b":", b";", b",", b"<", b">",
    b'"', b"\\", b"=", b"SIP/2.0 ", b"SIP/2.0/UDP ", b"SIP/3.0 ", b"Content-Length: ",
    b"l: ", b"Content-Length: 99999999999\r\n", b"Content-Length: -1\r\n", b"v: ", b"i: ",
    b"CSeq: 1 OPTIONS\r\n", b"CSeq: x\r\n", b"Via: SIP/2.0/UDP a;branch=", b"\x00", b"\xff",
    b"\x1b[31m", b"\xc3\x28", b"999 ", b"100 ", b"INVITE sip:a SIP/2.0\r\n", b";branch=",
    b"tag=", b"Allow: INVITE, ACK\r\n", b"Server: x\r\n", b"m=audio 0 RTP/AVP 0\r\n",
)

_REPLY = (
    b"SIP/2.0 200 OK\r\n"
    b"Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bKabc;rport=5062;received=127.0.0.1\r\n"
    b"From: \"voipscan\" <sip:voipscan@127.0.0.1>;tag=1234\r\n"
    b"To: <sip:127.0.0.1>;tag=as5678\r\n"
    b"Call-ID: 0123456789abcdef\r\n"
    b"CSeq: 1 OPTIONS\r\n"
    b"Server: Asterisk PBX 18.20.0\r\n"
    b"Allow: INVITE, ACK, CANCEL, OPTIONS, BYE, REFER, SUBSCRIBE, NOTIFY, INFO\r\n"
    b"Supported: replaces, timer\r\n"
    b"Accept: application/sdp\r\n"
    b"Content-Length: 0\r\n\r\n"
)
_COMPACT = (
    b"SIP/2.0 404 Not Found\n"
    b"v: SIP/2.0/TCP [::1]:5060;branch=z9hG4bK1\n"
    b"f: <sip:a@b>;tag=1\nt: <sip:c@d>;tag=2\ni: x@y\nCSeq: 2 REGISTER\n"
    b"k: path\nWarning: 399 host \"folded\n  continuation\"\nl: 0\n\n"
)
_CHALLENGE = (
    b"SIP/2.0 401 Unauthorized\r\n"
    b"Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKx\r\nCall-ID: c\r\nCSeq: 1 REGISTER\r\n"
    b"WWW-Authenticate: Digest realm=\"asterisk\", nonce=\"abc,def\", algorithm=MD5, "
    b"qop=\"auth\"\r\nUser-Agent: Lab Phone\r\nContent-Length: 0\r\n\r\n"
)
_WITH_SDP_BODY = (
    b"SIP/2.0 183 Session Progress\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\n"
    b"Content-Type: application/sdp\r\nContent-Length: 120\r\n\r\n"
    b"v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n"
    b"m=audio 4000 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:xx\r\n"
)
_REQUEST = (
    b"INVITE sip:100@10.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.2;branch=z9hG4bKq\r\n"
    b"Max-Forwards: 70\r\nFrom: <sip:a@b>;tag=9\r\nTo: <sip:100@10.0.0.1>\r\n"
    b"Call-ID: q\r\nCSeq: 7 INVITE\r\nProxy-Authorization: Digest username=\"bob\", "
    b"realm=\"r\", response=\"00112233445566778899aabbccddeeff\"\r\nContent-Length: 0\r\n\r\n"
)
SIP_SEEDS = (_REPLY, _COMPACT, _CHALLENGE, _WITH_SDP_BODY, _REQUEST,
             b"\r\n\r\n" + _REPLY + _REPLY, b"SIP/2.0 100 Trying\r\n\r\n")


def _touch_message(message: object) -> None:
    """Read everything a probe or the capture audit reads from a parsed message."""
    from voipscan.sip.message import SipRequest, SipResponse, header_params, split_list

    assert isinstance(message, SipRequest | SipResponse)
    _ = (message.call_id, message.cseq, message.branch)
    for name, value in message.headers:
        split_list(value)
        header_params(value)
        message.headers.values(name)
    message.encode()
    if isinstance(message, SipResponse):
        _ = (message.provisional, message.final)
        _digest_challenges(message)


def _digest_challenges(response: SipResponse) -> None:
    """The prober's reading of 401/407 challenges (voipscan.sip.digest, when present)."""
    try:
        from voipscan.sip.digest import challenges
    except ImportError:
        return
    for status in (401, 407):
        challenges(dataclasses.replace(response, status=status))


def _chunks(data: bytes) -> Iterator[bytes]:
    """Split a stream at points derived from its bytes (deterministic per input)."""
    at = 0
    step = 1
    while at < len(data):
        step = (step * 7 + data[at]) % 97 + 1
        yield data[at:at + step]
        at += step


def run_sip_reply(data: bytes) -> None:
    """As a datagram, as one stream read, and as a stream in pieces; raises the datagram
    parse's SipParseError (the clean failure) once all three have run."""
    rejected: SipParseError | None = None
    for datagram in (True, False):
        try:
            _touch_message(parse_message(data, datagram=datagram))
        except SipParseError as error:
            rejected = rejected or error
    framer = StreamFramer()
    with contextlib.suppress(SipParseError):
        for chunk in _chunks(data):
            for message in framer.feed(chunk):
                _touch_message(message)
    if rejected is not None:
        raise rejected


def run_capture_sip(data: bytes) -> None:
    """The passive audit's view: framing a TCP stream that may have lost bytes, spotting
    SIP, reading identities."""
    from voipscan.sip.digest import authorization_identity
    from voipscan.sip.framing import find_start, looks_like_sip
    from voipscan.sip.message import display_name, uri_user
    from voipscan.sources.capture import sip

    framer = sip.stream_framer()
    messages = []
    for chunk in _chunks(data):
        framer.append(chunk)
        while True:
            try:
                message = framer.next_message()
            except SipParseError:
                continue
            if message is None:
                break
            messages.append(message)
    assert 0 <= framer.pending <= len(data)
    looks_like_sip(data)
    find_start(data)
    for message in (*messages, sip.parse(data)):
        if message is None:
            continue
        sip.kind(message)
        for name in ("From", "To", "Authorization", "Proxy-Authorization"):
            value = message.headers.get(name)
            uri_user(value)
            display_name(value)
            if value is not None:
                authorization_identity(value)
    text = data.decode("utf-8", "replace")
    sip.clean(text)
    authorization_identity(text)


# --- SDP ---------------------------------------------------------------------------------

SDP_TOKENS = (
    b"\r\n", b"\n", b"m=audio ", b"m=video 0 ", b"m=", b"c=IN IP4 ", b"c=IN IP6 ::1\r\n",
    b"c=IN IP4 0.0.0.0\r\n", b"a=crypto:", b"a=crypto:1 ", b"AES_CM_128_HMAC_SHA1_80 ",
    b"inline:", b"a=fingerprint:sha-256 ", b"a=setup:actpass\r\n", b"a=zrtp-hash:",
    b"RTP/SAVP", b"RTP/AVP", b"UDP/TLS/RTP/SAVPF", b"/2", b" 65536 ", b" -1 ", b"99999999999",
    b"a=tcap:1 RTP/SAVP\r\n", b"a=acap:", b"a=pcfg:1 t=1\r\n", b"\x00", b"\xff", b"=",
    b"a=rtpmap:0 PCMU/8000\r\n", b"a=sendonly\r\n",
)
SDP_SEEDS = (
    b"v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
    b"m=audio 4000 RTP/SAVP 0 8 101\r\n"
    b"a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz\r\n"
    b"a=crypto:2 AEAD_AES_128_GCM inline:d0RmdmcmVCspeEc3QGZiNWpVLFJhQX1cfHAwJSoj\r\n"
    b"a=rtpmap:101 telephone-event/8000\r\n",
    b"v=0\r\no=- 2 2 IN IP6 ::1\r\ns=-\r\nt=0 0\r\na=fingerprint:sha-256 AB:CD\r\n"
    b"m=audio 5004 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP6 ::1\r\na=setup:actpass\r\n"
    b"m=video 5006 UDP/TLS/RTP/SAVPF 96\r\na=fingerprint:sha-256 EF:01\r\n",
    b"v=0\nc=IN IP4 10.0.0.1/127/3\nm=audio 49170/2 RTP/AVP 0\na=tcap:1 RTP/SAVP\n"
    b"a=acap:1 crypto:1 AES_CM_128_HMAC_SHA1_32 inline:abc|2^20|1:32\na=pcfg:1 t=1 a=1\n"
    b"m=audio 0 RTP/AVP 0\nm=image 6000 udptl t38\nm=audio 7000 RTP/AVP 0\n"
    b"a=zrtp-hash:1.10 0123\n",
)


def run_sdp(data: bytes) -> None:
    from voipscan.sip.sdp import looks_like_sdp, parse_answer, parse_sdp

    looks_like_sdp("application/sdp", data)
    for medium in (*parse_sdp(data), *parse_answer(data)):
        assert medium.port >= 0 and "RTP" in medium.profile.upper()
        assert all(":" not in suite for suite in medium.crypto_suites)  # no "inline:<key>"
        _ = (medium.encryption, medium.secure_profile)


def _srtp_answer_runner() -> Callable[[bytes], object] | None:
    """The SRTP probe's judgement of an answer to each of its offers (when present)."""
    try:
        from voipscan.sources.host.srtp_offers import OFFERS, AnswerSignal, classify
    except ImportError:
        return None

    def run(data: bytes) -> object:
        signal = AnswerSignal(final=(200, "OK"), answer_body=data, answer_status=(200, "OK"))
        return [classify(spec, signal) for spec in OFFERS.values()]
    return run


def sdp_targets() -> list[FuzzTarget]:
    targets = [FuzzTarget("sdp", "sdp", SDP_SEEDS, run_sdp, (), SDP_TOKENS)]
    judge = _srtp_answer_runner()
    if judge is not None:
        targets.append(FuzzTarget("srtp-answer", "sdp", SDP_SEEDS, judge, (), SDP_TOKENS))
    return targets


# --- config files --------------------------------------------------------------------------

CONF_TOKENS = (
    b"\n", b"[", b"]", b"(!)", b"(+)", b"(tpl)", b"=", b"=>", b"+=", b";", b"\\;", b";--",
    b"--;", b"#include ", b"#tryinclude ", b"#exec ", b"*", b"../", b"/etc/asterisk/",
    b"type=endpoint\n", b"type=transport\n", b"type=auth\n", b"type=aor\n", b"secret=",
    b"password=", b"bind=", b"0.0.0.0", b"[::]:5061", b"protocol=tls\n", b"method=tlsv1\n",
    b"exten => _X.,1,", b"MixMonitor(", b"Dial(", b"${", b"}", b"\x00", b"\xff",
    b"\xef\xbb\xbf", b"99999999999999999999", b"-1", b"\t", b"\r\n",
)
XML_TOKENS = (
    b"<", b">", b"</", b"/>", b"<param name=\"", b"\" value=\"", b"\"/>\n", b"$${", b"}",
    b"<X-PRE-PROCESS cmd=\"set\" data=\"", b"<X-PRE-PROCESS cmd=\"include\" data=\"",
    b"*.xml\"/>", b"<!--", b"-->", b"<!DOCTYPE x [<!ENTITY a \"aaaa\">]>", b"&a;", b"&amp;",
    b"<?xml version=\"1.0\"?>", b"<![CDATA[", b"]]>", b"<include>", b"</include>",
    b"<!--#include \"", b"../", b"/etc/passwd", b"\x00", b"\xff", b"=\"", b"\n",
    b"<gateway name=\"g\">", b"<user id=\"1\">", b"tls-version", b"sip-port", b"${",
)
KAMAILIO_TOKENS = (
    b"#!define ", b"#!ifdef ", b"#!ifndef ", b"#!else\n", b"#!endif\n", b"#!substdef ",
    b"#!defenv ", b"#!trydef ", b"#!undef ", b"include_file \"", b"import_file \"",
    b"modparam(\"tls\", \"", b"loadmodule \"", b"listen=", b"tls:", b"udp:", b"0.0.0.0",
    b"/*", b"*/", b"//", b"#", b"\"", b"{", b"}", b"route[", b"]", b"request_route {\n",
    b"event_route[xhttp:request]", b"[server:default]\n", b"[client:any]\n", b"method = ",
    b"TLSv1.2+", b"verify_certificate = ", b"cipher_list = ", b"\x00", b"\n", b"=", b"(",
    b")", b";", b"\\\n",
)
SQL_TOKENS = (
    b"INSERT INTO `sipsettings` VALUES ", b"CREATE TABLE `x` (\n  `a` int,\n  `b` text\n);\n",
    b"(", b")", b",", b";", b"'", b"''", b"\\'", b"\\", b"NULL", b"0x", b"0xABC", b"1e999",
    b"-", b"`", b"\"", b"\n", b"REPLACE INTO ", b"VALUES ", b"/*", b"*/", b"--", b"\x00",
)
YAML_TOKENS = (
    b": ", b"- ", b"{", b"]", b"&a ", b"*a", b"\n  ", b"null", b"-1", b"'", b"\t",
    b"!!python/object:os.system ", b"\xff\xfe", b"9999999999999999999999", b"~", b"[]",
)


def asterisk_target() -> FuzzTarget:
    from voipscan.sources.config.asterisk.source import scan_tree
    from voipscan.sources.config.asterisk.tree import MemoryTree

    files = tree_files(SAMPLES / "asterisk" / "insecure")
    seeds = tuple(named(n, c) for n, c in files.items()) + tuple(
        named(n, c) for n, c in tree_files(SAMPLES / "asterisk" / "hardened").items())

    def run(data: bytes) -> object:
        name, content = split_named(data)
        return scan_tree(MemoryTree("fuzz", {**files, name: content}), "fuzz")

    return FuzzTarget("asterisk", "config", seeds, run, (InputError,), CONF_TOKENS)


def freepbx_backup_target() -> FuzzTarget:
    from voipscan.sources.config.freepbx.archive import Archive, read_directory
    from voipscan.sources.config.freepbx.backup import collect
    from voipscan.sources.config.freepbx.source import build

    members = {**read_directory(SAMPLES / "freepbx" / "insecure").members}
    hardened = read_directory(SAMPLES / "freepbx" / "hardened").members
    seeds = tuple(named(n, c) for n, c in (*members.items(), *hardened.items()))

    def run(data: bytes) -> object:
        name, content = split_named(data)
        archive = Archive("fuzz.tar.gz", {**members, name: content})
        return build(collect(archive), archive)

    tokens = (*SQL_TOKENS, *YAML_TOKENS, *CONF_TOKENS[:20])
    return FuzzTarget("freepbx-backup", "config", seeds, run, (InputError,), tokens)


def sql_dump_target() -> FuzzTarget:
    from voipscan.sources.config.freepbx.sqldump import parse_dump

    seeds = tuple((SAMPLES / "freepbx" / kind / "mysql-asterisk.sql").read_bytes()
                  for kind in ("insecure", "hardened"))

    def run(data: bytes) -> object:
        return parse_dump(data.decode("utf-8", "replace"))

    return FuzzTarget("freepbx-sql", "config", seeds, run, (), SQL_TOKENS)


def _scratch(target: FuzzTarget, prefix: str) -> Path:
    base = "/dev/shm" if Path("/dev/shm").is_dir() else None
    directory = Path(tempfile.mkdtemp(prefix=prefix, dir=base))
    target.cleanup.append(lambda: shutil.rmtree(directory, ignore_errors=True))
    return directory


def freepbx_archive_target() -> FuzzTarget:
    """Whole archives, as tar (input bytes are the uncompressed tar) then gzip-compressed."""
    from voipscan.sources.config.freepbx.source import FreePbxSource

    seeds = tuple(gzip.decompress((SAMPLES / "freepbx" / f"{kind}-backup.tar.gz").read_bytes())
                  for kind in ("insecure", "hardened"))
    target = FuzzTarget("freepbx-archive", "config", seeds, lambda data: None, (InputError,),
                        (b"ustar", b"\x00" * 512, b"../", b"/etc/passwd", b"metadata.json",
                         b"modulejson/", b"0000777", b"99999999999", *SQL_TOKENS[:6]))
    directory = _scratch(target, "voipscan-fuzz-tar-")

    def run(data: bytes) -> object:
        source = FreePbxSource()
        results = []
        for name, raw in (("b.tar", data), ("b.tar.gz", gzip.compress(data, 1))):
            path = directory / name
            path.write_bytes(raw)
            if source.detect(path):
                results.append(source.load(path))
        return results

    target.run = run
    return target


_PATH_MAX = 4096
"""Linux's limit on a path's length in bytes."""


class _DiskTree:
    """A copy of a sample tree on disk where one file at a time is swapped for the input."""

    def __init__(self, target: FuzzTarget, sample: Path) -> None:
        self.root = _scratch(target, "voipscan-fuzz-tree-")
        shutil.copytree(sample, self.root, dirs_exist_ok=True)
        self.files = tree_files(sample)

    @contextlib.contextmanager
    def swapped(self, data: bytes) -> Iterator[Path]:
        name, content = split_named(data)
        if len(os.fsencode(name)) > _PATH_MAX:
            # no file system holds such a path (and resolving one of 30,000 parts takes the
            # harness, not the scanner, minutes): the tree is read unchanged
            yield self.root
            return
        path = self.root / name
        try:
            inside = path.resolve().is_relative_to(self.root.resolve()) and not path.is_dir()
        except (OSError, ValueError):
            inside = False
        if not inside or "\x00" in name:
            yield self.root
            return
        created = [p for p in path.parents if p.is_relative_to(self.root) and not p.exists()]
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        except OSError:
            yield self.root
            return
        try:
            yield self.root
        finally:
            rel = path.relative_to(self.root).as_posix()
            if rel in self.files:
                path.write_bytes(self.files[rel])
            else:
                path.unlink(missing_ok=True)
            for directory in created:  # deepest first
                with contextlib.suppress(OSError):
                    directory.rmdir()


def disk_target(name: str, sample: Path, load: Callable[[Path], object],
                tokens: tuple[bytes, ...], extra_seeds: tuple[Path, ...] = ()) -> FuzzTarget:
    files = tree_files(sample)
    seeds = tuple(named(n, c) for n, c in files.items())
    for other in extra_seeds:
        seeds += tuple(named(n, c) for n, c in tree_files(other).items())
    target = FuzzTarget(name, "config", seeds, lambda data: None, (InputError,), tokens)
    tree = _DiskTree(target, sample)

    def run(data: bytes) -> object:
        with tree.swapped(data) as root:
            return load(root)

    target.run = run
    return target


def asterisk_disk_target() -> FuzzTarget:
    """The same dialect read from a directory: includes and globs reach the file system."""
    from voipscan.sources.config.asterisk.source import AsteriskSource

    return disk_target("asterisk-disk", SAMPLES / "asterisk" / "insecure",
                       AsteriskSource().load, CONF_TOKENS)


def freepbx_directory_target() -> FuzzTarget:
    """An unpacked backup directory."""
    from voipscan.sources.config.freepbx.source import FreePbxSource

    return disk_target("freepbx-dir", SAMPLES / "freepbx" / "insecure", FreePbxSource().load,
                       (*SQL_TOKENS, *YAML_TOKENS), (SAMPLES / "freepbx" / "hardened",))


def kamailio_target() -> FuzzTarget:
    from voipscan.sources.config.kamailio.source import KamailioSource

    return disk_target("kamailio", SAMPLES / "kamailio" / "hardened", KamailioSource().load,
                       KAMAILIO_TOKENS, (SAMPLES / "kamailio" / "insecure",))


def tls_cfg_target() -> FuzzTarget:
    from voipscan.sources.config.kamailio.tlscfg import method_versions, parse_tls_cfg, weak_ciphers

    seeds = tuple((SAMPLES / "kamailio" / kind / "tls.cfg").read_bytes()
                  for kind in ("insecure", "hardened"))

    def run(data: bytes) -> object:
        config = parse_tls_cfg(data.decode("utf-8", "replace"), "tls.cfg")
        for profile in config.profiles:
            method_versions(profile.options.get("method"), None)
            weak_ciphers(profile.options.get("cipher_list"), None)
        return config

    return FuzzTarget("kamailio-tls.cfg", "config", seeds, run, (), KAMAILIO_TOKENS)


def freeswitch_target() -> FuzzTarget:
    from voipscan.sources.config.freeswitch.source import FreeswitchSource

    return disk_target("freeswitch", SAMPLES / "freeswitch" / "insecure",
                       FreeswitchSource().load, XML_TOKENS, (SAMPLES / "freeswitch" / "hardened",))


def export_target() -> FuzzTarget:
    from voipscan.sources.config.export import ExportSource

    seeds = tuple(p.read_bytes() for p in sorted((SAMPLES / "export").glob("*.yaml")))
    target = FuzzTarget("export", "config", seeds, lambda data: None, (InputError,),
                        YAML_TOKENS)
    directory = _scratch(target, "voipscan-fuzz-export-")

    def run(data: bytes) -> object:
        path = directory / "export.yaml"
        path.write_bytes(data)
        return ExportSource().load(path)

    target.run = run
    return target


def profile_target() -> FuzzTarget:
    from voipscan import profiles

    seeds = tuple(p.read_bytes() for p in sorted((ROOT / "profiles").glob("*.yaml")))
    target = FuzzTarget("profile", "config", seeds, lambda data: None, (InputError,),
                        YAML_TOKENS)
    directory = _scratch(target, "voipscan-fuzz-profile-")

    def run(data: bytes) -> object:
        path = directory / "profile.yaml"
        path.write_bytes(data)
        return profiles.load(str(path))

    target.run = run
    return target


CONFIG_TARGETS: dict[str, Callable[[], FuzzTarget]] = {
    "asterisk": asterisk_target,
    "asterisk-disk": asterisk_disk_target,
    "freepbx-dir": freepbx_directory_target,
    "freepbx-backup": freepbx_backup_target,
    "freepbx-sql": sql_dump_target,
    "freepbx-archive": freepbx_archive_target,
    "kamailio": kamailio_target,
    "kamailio-tls.cfg": tls_cfg_target,
    "freeswitch": freeswitch_target,
    "export": export_target,
    "profile": profile_target,
}


def all_targets() -> list[FuzzTarget]:
    return [
        FuzzTarget("sip-reply", "sip", SIP_SEEDS, run_sip_reply, (SipParseError,), SIP_TOKENS),
        FuzzTarget("capture-sip", "sip", SIP_SEEDS, run_capture_sip, (), SIP_TOKENS),
        *sdp_targets(),
        *(factory() for factory in CONFIG_TARGETS.values()),
    ]


def tar_bytes(members: dict[str, bytes]) -> bytes:
    """An uncompressed tar holding ``members`` (for tests that build archives)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for name, content in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
    return buffer.getvalue()

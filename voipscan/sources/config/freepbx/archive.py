"""Read a FreePBX backup archive safely: members in memory, never extracted to disk.

Only the members voipscan needs are kept (metadata, module JSON, SQL dumps, Asterisk and
FreePBX config files); sizes are bounded per member, in total and for the whole stream, so
a tar or gzip bomb stops with a clear problem instead of filling memory or disk.
"""

from __future__ import annotations

import gzip
import io
import posixpath
import tarfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from voipscan.errors import InputError, Problem, ProblemLevel

MAX_MEMBER_BYTES = 64 * 1024 * 1024
MAX_KEPT_BYTES = 256 * 1024 * 1024
MAX_STREAM_BYTES = 8 * 1024 * 1024 * 1024
MAX_MEMBERS = 500_000

ASTERISK_DIR_MARKERS = ("etc/asterisk/", "__ASTETCDIR__/", "astetcdir/")


@dataclass
class Archive:
    label: str
    members: dict[str, bytes] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, message: str, member: str | None = None,
                level: ProblemLevel = ProblemLevel.ERROR) -> None:
        where = f"{self.label}:{member}" if member else self.label
        self.problems.append(Problem(message, where, None, level))


def wanted(name: str) -> bool:
    """Members that carry configuration (not recordings, voicemail or sounds)."""
    base = posixpath.basename(name)
    if name == "metadata.json" or (name.startswith("modulejson/") and name.endswith(".json")):
        return True
    if base.endswith((".sql", ".sql.gz")):
        return True
    if base in ("amportal.conf", "freepbx.conf"):
        return True
    return base.endswith(".conf") and any(f"/{m}" in f"/{name}" for m in ASTERISK_DIR_MARKERS)


def safe_name(name: str) -> str | None:
    """The member's path inside the archive, or None when it tries to escape."""
    cleaned = name.replace("\\", "/")
    while cleaned.startswith("./"):
        cleaned = cleaned[2:]
    if cleaned.startswith("/") or not cleaned:
        return None
    normal = posixpath.normpath(cleaned)
    if normal == ".." or normal.startswith("../"):
        return None
    return normal


PEEK_BYTES = 64 * 1024 * 1024


def looks_like_backup(path: Path) -> bool:
    """Whether the first members of an archive are FreePBX backup content (cheap, bounded)."""
    try:
        with tarfile.open(path, mode="r|*") as tar:
            for member in tar:
                name = safe_name(member.name) or ""
                if name == "metadata.json" or name.startswith("modulejson/") or any(
                        f"/{m}" in f"/{name}" for m in ASTERISK_DIR_MARKERS):
                    return True
                if tar.offset > PEEK_BYTES:
                    return False
    except (tarfile.TarError, EOFError, zlib.error, OSError):
        return True  # damaged: let load() report it with a clear message
    return False


def read_archive(path: Path) -> Archive:
    archive = Archive(str(path))
    kept = 0
    count = 0
    try:
        with tarfile.open(path, mode="r|*") as tar:
            for member in tar:
                count += 1
                if count > MAX_MEMBERS:
                    archive.problem(f"more than {MAX_MEMBERS} members; the rest was not read")
                    break
                if tar.offset > MAX_STREAM_BYTES:
                    archive.problem(f"archive expands beyond {MAX_STREAM_BYTES} bytes; the "
                                    "rest was not read")
                    break
                name = safe_name(member.name)
                if name is None:
                    archive.problem("member path escapes the archive; ignored", member.name)
                    continue
                if not member.isfile() or not wanted(name):
                    continue
                if member.size > MAX_MEMBER_BYTES or kept + member.size > MAX_KEPT_BYTES:
                    archive.problem(f"member too large ({member.size} bytes); skipped", name)
                    continue
                handle = tar.extractfile(member)
                if handle is None:
                    continue
                data = handle.read(MAX_MEMBER_BYTES + 1)
                kept += len(data)
                archive.members[name] = data
    except (tarfile.TarError, EOFError, zlib.error, OSError, gzip.BadGzipFile) as error:
        message = _describe(error)
        if not archive.members:
            raise InputError(f"not a readable backup archive: {message}", str(path)) from None
        archive.problem(f"archive damaged after {count} members ({message}); the rest was "
                        "not read")
    return archive


def _describe(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    if isinstance(error, EOFError):
        return "truncated"
    return text.splitlines()[0]


def gunzip(data: bytes, name: str, archive: Archive) -> bytes | None:
    """Decompress a .gz member with the same size bound as a member."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
            out = handle.read(MAX_MEMBER_BYTES + 1)
    except (OSError, EOFError, zlib.error) as error:
        archive.problem(f"cannot decompress: {_describe(error)}", name)
        return None
    if len(out) > MAX_MEMBER_BYTES:
        archive.problem(f"decompresses to more than {MAX_MEMBER_BYTES} bytes; skipped", name)
        return None
    return out


def read_directory(path: Path) -> Archive:
    """An unpacked backup: the same members, read from disk with the same bounds."""
    archive = Archive(str(path))
    kept = 0
    for file in sorted(path.rglob("*")):
        try:
            if not file.is_file() or file.is_symlink():
                continue
            name = file.relative_to(path).as_posix()
            if not wanted(name):
                continue
            size = file.stat().st_size
            if size > MAX_MEMBER_BYTES or kept + size > MAX_KEPT_BYTES:
                archive.problem(f"file too large ({size} bytes); skipped", name)
                continue
            archive.members[name] = file.read_bytes()
            kept += size
        except OSError as error:
            archive.problem(f"cannot read: {error.strerror or error}", str(file))
    return archive

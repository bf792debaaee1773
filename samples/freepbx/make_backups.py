"""Build the sample FreePBX backups from the readable sources beside this script.

    python samples/freepbx/make_backups.py

Each <name>/ directory becomes <name>-backup.tar.gz in the FreePBX 15+ layout:
metadata.json, modulejson/<Module>.json, files/... and the SQL dump (gzipped as
FreePBX stores it). Members are sorted and timestamps fixed, so the output is byte-for-byte
reproducible.
"""

from __future__ import annotations

import gzip
import io
import tarfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
MTIME = 1767225600  # 2026-01-01T00:00:00Z
SAMPLES = ("insecure", "hardened")


def _members(source: Path) -> list[tuple[str, bytes]]:
    members = []
    for path in sorted(source.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(source).as_posix()
        data = path.read_bytes()
        if name.endswith(".sql"):
            name += ".gz"
            data = gzip.compress(data, mtime=0)
        members.append((name, data))
    return sorted(members)


def build(name: str) -> Path:
    target = HERE / f"{name}-backup.tar.gz"
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.GNU_FORMAT) as tar:
        for member, data in _members(HERE / name):
            info = tarfile.TarInfo(member)
            info.size = len(data)
            info.mtime = MTIME
            info.mode = 0o640
            info.uname = info.gname = "asterisk"
            tar.addfile(info, io.BytesIO(data))
    target.write_bytes(gzip.compress(raw.getvalue(), mtime=0))
    return target


if __name__ == "__main__":
    for sample in SAMPLES:
        print(build(sample))

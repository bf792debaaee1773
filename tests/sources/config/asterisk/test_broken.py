"""Broken input: one clear problem per bad file, and the rest of the tree is still scanned."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.sources.config.asterisk.helpers import ROOT, F, U, scan
from voipscan.errors import InputError, ProblemLevel
from voipscan.sources.config.asterisk import AsteriskSource
from voipscan.sources.config.load import load_target
from voipscan.sources.interface import SourceResult

INSECURE = ROOT / "samples" / "asterisk" / "insecure"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    copy = tmp_path / "asterisk"
    shutil.copytree(INSECURE, copy)
    return copy


def problems(result: SourceResult) -> list[tuple[str, str, int | None, ProblemLevel]]:
    return [(p.message, Path(p.path or "").name, p.line, p.level) for p in result.problems]


def test_directory_in_place_of_a_file(tree: Path) -> None:
    (tree / "manager.conf").unlink()
    (tree / "manager.conf").mkdir()
    result, found = scan(tree)
    assert problems(result) == [("is a directory, expected a file", "manager.conf", None,
                                 ProblemLevel.ERROR)]
    assert not result.system.admins_known  # AMI users may be missing: evidence required
    assert found[("access.rbac", "system")].status is U
    assert [a.name for a in result.system.admins] == ["ari/asterisk"]  # the rest still read
    assert found[("signalling.tls", "transport:transport-udp")].status is F


def test_unreadable_file(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = Path.read_bytes

    def guarded(self: Path) -> bytes:
        if self.name == "sip.conf":
            raise PermissionError(13, "Permission denied")
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", guarded)
    result, found = scan(tree)
    assert problems(result) == [("permission denied", "sip.conf", None, ProblemLevel.ERROR)]
    assert not result.system.transports_known  # sip.conf may hold transports we cannot see
    assert found[("signalling.tls", "system")].status is U
    assert found[("credentials.default_or_weak", "endpoint:100")].status is F


def test_latin1_file_is_read_with_a_warning(tree: Path) -> None:
    text = (tree / "sip.conf").read_text().replace("[doorphone]", "[doorphone]\ncallerid=Pförtner")
    (tree / "sip.conf").write_bytes(text.encode("latin-1"))
    result, found = scan(tree)
    assert problems(result) == [("not valid UTF-8 (first at line 10); read as Latin-1",
                                 "sip.conf", None, ProblemLevel.WARNING)]
    assert found[("sip.endpoint_authentication", "endpoint:doorphone")].status is F


def test_binary_file_is_skipped(tree: Path) -> None:
    (tree / "pjsip.d" / "trunk.conf").write_bytes(b"\x7fELF\x00\x00\x01binary")
    result, found = scan(tree)
    assert problems(result) == [("binary file, expected Asterisk configuration text",
                                 "trunk.conf", None, ProblemLevel.ERROR)]
    assert not result.system.endpoints_known
    assert ("sip.endpoint_authentication", "endpoint:provider") not in found
    assert found[("credentials.default_or_weak", "admin:admin")].status is F


def test_missing_include_and_cycle(tree: Path) -> None:
    with (tree / "pjsip.conf").open("a") as handle:
        handle.write("#include missing.conf\n#include pjsip.conf\n")
    result, _ = scan(tree)
    assert [(m, n, line) for m, n, line, _ in problems(result)] == [
        ("#include missing.conf: no such file; what it would set is not known", "pjsip.conf",
         87),
        ("include cycle stopped: pjsip.conf -> pjsip.conf", "pjsip.conf", 88),
    ]


def test_symlink_out_of_the_tree_is_not_followed(tree: Path, tmp_path: Path) -> None:
    secret = tmp_path / "outside.conf"
    secret.write_text("[x]\npassword=outside\n")
    (tree / "pjsip.d" / "evil.conf").symlink_to(secret)
    result, _ = scan(tree)
    assert problems(result) == [("links outside the scanned tree; not followed", "evil.conf",
                                 None, ProblemLevel.ERROR)]


def test_directory_without_asterisk_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no Asterisk configuration files"):
        AsteriskSource().load(tmp_path)
    result = load_target(tmp_path, "asterisk")
    assert result.fatal and result.problems[0].path == str(tmp_path)


def test_cli_reports_problems_without_traceback(tree: Path) -> None:
    (tree / "cdr.conf").write_bytes(b"\x00\x01\x02")
    run = subprocess.run([sys.executable, "-m", "voipscan", "scan", "config", str(tree)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert f"voipscan: error: {tree / 'cdr.conf'}: binary file, expected Asterisk " \
           "configuration text" in run.stderr
    for secret in ("Op3rator-Panel!", "Pq7#vLw2!xRz", "Welcome2019"):
        assert secret not in run.stdout + run.stderr  # secrets are never printed

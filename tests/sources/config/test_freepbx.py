"""FreePBX backups and FreePBX-written configs: findings, provenance, safe archive reading."""

from __future__ import annotations

import gzip
import hashlib
import io
import tarfile
from pathlib import Path

import pytest

from tests.sources.config.asterisk.helpers import NA, ROOT, F, P, U, scan, statuses, where
from voipscan.errors import InputError, ProblemLevel
from voipscan.facts import MediaEncryption, SipProtocol, TlsVersion
from voipscan.sources.config.freepbx import FreePbxSource
from voipscan.sources.config.freepbx import archive as archive_module
from voipscan.sources.config.freepbx.archive import read_archive
from voipscan.sources.config.freepbx.backup import FreePbxData, Located
from voipscan.sources.config.freepbx.facts import mfa_state
from voipscan.sources.config.freepbx.sqldump import parse_dump
from voipscan.sources.config.load import load_target

SAMPLES = ROOT / "samples" / "freepbx"
INSECURE = SAMPLES / "insecure-backup.tar.gz"
HARDENED = SAMPLES / "hardened-backup.tar.gz"


def test_insecure_backup_exact_findings() -> None:
    result, found = scan(INSECURE)
    assert result.target.format == "freepbx"
    assert result.problems == ()
    assert statuses(found) == {
        ("signalling.tls", "transport:0.0.0.0-udp"): F,
        ("signalling.tls", "transport:0.0.0.0-tls"): P,
        ("signalling.tls13", "transport:0.0.0.0-tls"): F,
        ("signalling.tls_min_version", "transport:0.0.0.0-tls"): F,
        ("signalling.tls_peer_verification", "transport:0.0.0.0-tls"): F,
        ("signalling.tls_weak_ciphers", "transport:0.0.0.0-tls"): P,
        ("media.srtp_mandatory", "endpoint:anonymous"): F,
        ("media.srtp_mandatory", "endpoint:sip-guest"): F,
        ("media.srtp_mandatory", "endpoint:1001"): P,
        ("media.srtp_mandatory", "endpoint:1002"): F,
        ("media.no_sdes_cleartext", "endpoint:anonymous"): NA,
        ("media.no_sdes_cleartext", "endpoint:sip-guest"): NA,
        ("media.no_sdes_cleartext", "endpoint:1001"): F,
        ("media.no_sdes_cleartext", "endpoint:1002"): NA,
        ("access.admin_mfa", "admin:admin"): U,
        ("access.admin_mfa", "admin:ami/admin"): U,
        ("access.user_mfa", "user:anna"): U,
        ("access.rbac", "admin:admin"): F,
        ("access.rbac", "admin:jdoe"): P,
        ("access.rbac", "admin:helpdesk"): P,
        ("access.rbac", "admin:ami/admin"): F,
        ("access.no_shared_accounts", "admin:admin"): F,
        ("access.no_shared_accounts", "admin:jdoe"): U,
        ("access.no_shared_accounts", "admin:helpdesk"): F,
        ("access.no_shared_accounts", "admin:ami/admin"): U,
        ("access.superusers_limited", "system"): F,
        ("credentials.default_or_weak", "admin:admin"): F,
        ("credentials.default_or_weak", "admin:jdoe"): U,
        ("credentials.default_or_weak", "admin:helpdesk"): F,
        ("credentials.default_or_weak", "admin:ami/admin"): F,
        ("credentials.default_or_weak", "user:anna"): F,
        ("credentials.default_or_weak", "endpoint:1001"): F,
        ("credentials.default_or_weak", "endpoint:1002"): F,
        ("credentials.default_or_weak", "management:ami"): F,
        ("credentials.reuse", "system"): P,
        ("sip.endpoint_authentication", "endpoint:anonymous"): F,
        ("sip.endpoint_authentication", "endpoint:sip-guest"): F,
        ("sip.endpoint_authentication", "endpoint:1001"): P,
        ("sip.endpoint_authentication", "endpoint:1002"): P,
        ("dialplan.guest_outbound", "endpoint:anonymous"): U,
        ("dialplan.guest_outbound", "endpoint:sip-guest"): U,
        ("dialplan.guest_voicemail", "endpoint:anonymous"): U,
        ("dialplan.guest_voicemail", "endpoint:sip-guest"): U,
        ("sip.unauthenticated_options", "endpoint:anonymous"): F,  # takes calls without credentials
        ("sip.unauthenticated_options", "endpoint:sip-guest"): F,  # allowguest
        ("sip.unauthenticated_options", "endpoint:1001"): P,
        ("sip.unauthenticated_options", "endpoint:1002"): P,
        ("management.not_exposed", "management:admin-gui"): U,
        ("management.not_exposed", "management:ami"): P,
        ("management.tls", "management:admin-gui"): U,
        ("management.tls", "management:ami"): F,
        ("management.login_required", "management:admin-gui"): F,
        ("management.login_required", "management:ami"): P,
        ("logging.events", "logging:calls"): U,
        ("logging.events", "logging:config_changes"): U,
        ("logging.events", "logging:access_attempts"): U,
        ("logging.forwarding", "logging"): U,
        ("recording.consent", "recording"): F,
    }


def test_insecure_backup_provenance() -> None:
    _, found = scan(INSECURE)
    expected = {
        ("management.login_required", "management:admin-gui"): ("insecure-backup.tar.gz:"
                                                                "mysql-asterisk.sql.gz", 13),
        ("credentials.default_or_weak", "admin:ami/admin"): ("insecure-backup.tar.gz:"
                                                            "mysql-asterisk.sql.gz", 13),
        ("signalling.tls_min_version", "transport:0.0.0.0-tls"): ("Sipsettings.json", 10),
        ("sip.endpoint_authentication", "endpoint:anonymous"): ("Sipsettings.json", 13),
        ("credentials.default_or_weak", "admin:admin"): ("Core.json", 6),
        ("recording.consent", "recording"): ("extensions_custom.conf", 3),
    }
    assert {key: where(found[key]) for key in expected} == expected
    note = found[("credentials.default_or_weak", "admin:admin")].evidence[0].note
    assert note == "unsalted SHA-1 of a known weak password"


def test_insecure_backup_accounts_and_rights() -> None:
    result, _ = scan(INSECURE)
    system = result.system
    admins = {a.name: a for a in system.admins}
    assert set(admins) == {"admin", "jdoe", "helpdesk", "ami/admin"}
    # rights come from the highest-priority group (IT, priority 1), not from "All Users"
    assert admins["jdoe"].superuser.value is True and admins["jdoe"].roles.value == ("IT",)
    assert admins["jdoe"].permissions.value == ("*",)
    assert admins["jdoe"].enabled.value is False  # AUTHTYPE=none: userman logins unused
    assert admins["admin"].enabled.value is True and admins["admin"].superuser.value is True
    assert [u.name for u in system.users] == ["anna"]  # her own pbx_login=0 wins
    assert admins["jdoe"].mfa.enabled.value is None
    assert admins["jdoe"].mfa.enabled.note == ("PBX MFA module (pbxmfa) not in the backup: "
                                               "evidence required")
    assert [r.name for r in system.roles] == ["IT", "All Users"]
    endpoints = {e.name: e for e in system.endpoints}
    assert endpoints["1001"].transports.value == frozenset({SipProtocol.UDP})
    assert endpoints["1001"].media_encryption.value is MediaEncryption.SDES
    assert endpoints["anonymous"].context.value == "from-sip-external"
    assert system.backup.configured.value is True


def test_hardened_backup_exact_findings() -> None:
    result, found = scan(HARDENED)
    assert result.problems == ()
    assert statuses(found) == {
        ("signalling.tls", "transport:0.0.0.0-tls"): P,
        ("signalling.tls13", "transport:0.0.0.0-tls"): P,
        ("signalling.tls_min_version", "transport:0.0.0.0-tls"): P,
        ("signalling.tls_peer_verification", "transport:0.0.0.0-tls"): P,
        ("signalling.tls_weak_ciphers", "transport:0.0.0.0-tls"): P,
        ("media.srtp_mandatory", "endpoint:2001"): P,
        ("media.srtp_mandatory", "endpoint:2002"): P,
        ("media.no_sdes_cleartext", "endpoint:2001"): NA,
        ("media.no_sdes_cleartext", "endpoint:2002"): P,
        ("access.admin_mfa", "admin:k.jansen"): U,
        ("access.admin_mfa", "admin:m.devries"): U,
        ("access.admin_mfa", "admin:ami/fpbx-ami"): U,
        ("access.user_mfa", "user:p.smit"): U,
        ("access.rbac", "admin:k.jansen"): P,
        ("access.rbac", "admin:m.devries"): P,
        ("access.rbac", "admin:ami/fpbx-ami"): F,
        ("access.no_shared_accounts", "admin:k.jansen"): U,
        ("access.no_shared_accounts", "admin:m.devries"): U,
        ("access.no_shared_accounts", "admin:ami/fpbx-ami"): U,
        ("access.superusers_limited", "system"): P,
        ("credentials.default_or_weak", "admin:k.jansen"): U,
        ("credentials.default_or_weak", "admin:m.devries"): U,
        ("credentials.default_or_weak", "admin:ami/fpbx-ami"): P,
        ("credentials.default_or_weak", "user:p.smit"): U,
        ("credentials.default_or_weak", "endpoint:2001"): P,
        ("credentials.default_or_weak", "endpoint:2002"): P,
        ("credentials.default_or_weak", "management:ami"): P,
        ("credentials.reuse", "system"): P,
        ("sip.endpoint_authentication", "endpoint:2001"): P,
        ("sip.endpoint_authentication", "endpoint:2002"): P,
        ("dialplan.guest_outbound", "system"): NA,
        ("dialplan.guest_voicemail", "system"): NA,
        ("sip.unauthenticated_options", "endpoint:2001"): P,
        ("sip.unauthenticated_options", "endpoint:2002"): P,
        ("management.not_exposed", "management:admin-gui"): U,
        ("management.not_exposed", "management:ami"): P,
        ("management.tls", "management:admin-gui"): U,
        ("management.tls", "management:ami"): P,
        ("management.login_required", "management:admin-gui"): P,
        ("management.login_required", "management:ami"): P,
        ("logging.events", "logging:calls"): P,
        ("logging.events", "logging:config_changes"): U,
        ("logging.events", "logging:access_attempts"): P,
        ("logging.forwarding", "logging"): P,
        ("recording.consent", "recording"): U,
    }
    # FreePBX itself needs an AMI account with full rights: the one failure that remains
    assert [k for k, v in found.items() if v.status is F] == [
        ("access.rbac", "admin:ami/fpbx-ami")]


def test_hardened_backup_facts() -> None:
    result, _ = scan(HARDENED)
    system = result.system
    assert system.version.value == "17.0.19"
    transport = system.transports[0]
    assert transport.tls_versions.value == frozenset({TlsVersion.TLS1_3})
    admins = {a.name: a for a in system.admins}
    assert admins["m.devries"].permissions.value == ("core",)
    assert admins["m.devries"].roles.value == ("Helpdesk",)
    assert admins["k.jansen"].mfa.supported.value is True


def test_unpacked_backup_directory_gives_the_same_findings() -> None:
    packed = statuses(scan(INSECURE)[1])
    unpacked = statuses(scan(SAMPLES / "insecure")[1])
    assert unpacked == packed


def test_mfa_module_states() -> None:
    data = FreePbxData("x")
    assert mfa_state(data).supported.value is None
    source = INSECURE  # any provenance will do
    from voipscan.facts import Provenance

    data.modules["pbxmfa"] = Located(False, Provenance.file(str(source)))
    assert mfa_state(data).enabled.value is False
    data.modules["pbxmfa"] = Located(True, Provenance.file(str(source)))
    assert (mfa_state(data).supported.value, mfa_state(data).enabled.value) == (True, None)


def test_freepbx_written_asterisk_directory(tmp_path: Path) -> None:
    (tmp_path / "manager.conf").write_text(
        ";--------------------------------------------------------------------------------;\n"
        "; Do NOT edit this file as it is auto-generated by FreePBX.                      ;\n"
        "[general]\nenabled = yes\nport = 5038\nbindaddr = 0.0.0.0\n"
        "#include manager_additional.conf\n#include manager_custom.conf\n"
        "[admin]\nsecret = amp111\ndeny=0.0.0.0/0.0.0.0\npermit=127.0.0.1/255.255.255.0\n"
        "read = system,call,log,verbose,command,agent,user,config,dtmf,reporting,cdr,dialplan\n"
        "write = system,call,log,verbose,command,agent,user,config,originate\n")
    (tmp_path / "manager_additional.conf").write_text("")
    (tmp_path / "manager_custom.conf").write_text("")
    assert FreePbxSource().detect(tmp_path)
    result, found = scan(tmp_path)
    assert result.target.format == "freepbx" and result.system.platform.value == "freepbx"
    assert found[("credentials.default_or_weak", "admin:admin")].status is F
    assert found[("credentials.default_or_weak", "management:ami")].status is F
    assert found[("management.not_exposed", "management:ami")].status is P  # deny/permit
    plain, _ = scan(tmp_path, "asterisk")  # --pbx overrides detection
    assert plain.target.format == "asterisk" and plain.system.platform.value == "asterisk"


# --- archive safety -------------------------------------------------------------------------

def make_archive(path: Path, members: dict[str, bytes]) -> Path:
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    path.write_bytes(gzip.compress(raw.getvalue()))
    return path


META = b'{"modules": [{"module": "core", "version": "16.0.1"}]}'


def test_path_traversal_members_are_ignored(tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "b.tar.gz", {
        "../../etc/asterisk/evil.conf": b"[x]\n", "/etc/passwd.conf": b"",
        "metadata.json": META, "files/etc/asterisk/sip.conf": b"[general]\nallowguest=no\n"})
    read = read_archive(archive)
    assert sorted(read.members) == ["files/etc/asterisk/sip.conf", "metadata.json"]
    assert [(p.message, p.path) for p in read.problems] == [
        ("member path escapes the archive; ignored", f"{archive}:../../etc/asterisk/evil.conf"),
        ("member path escapes the archive; ignored", f"{archive}:/etc/passwd.conf")]
    assert not list(tmp_path.glob("**/evil.conf"))  # nothing is ever written to disk


def test_size_and_count_bounds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive_module, "MAX_MEMBER_BYTES", 1000)
    archive = make_archive(tmp_path / "b.tar.gz", {
        "metadata.json": META, "modulejson/Core.json": b"{" + b" " * 5000 + b"}"})
    read = read_archive(archive)
    assert list(read.members) == ["metadata.json"]
    assert read.problems[0].message == "member too large (5002 bytes); skipped"
    monkeypatch.setattr(archive_module, "MAX_STREAM_BYTES", 2048)
    bomb = make_archive(tmp_path / "bomb.tar.gz", {
        "recordings/a.wav": b"\0" * 100_000, "metadata.json": META})
    read = read_archive(bomb)
    assert read.problems[0].message == "archive expands beyond 2048 bytes; the rest was not read"
    assert read.members == {}


def test_truncated_archive_keeps_what_was_read(tmp_path: Path) -> None:
    whole = make_archive(tmp_path / "whole.tar.gz", {
        "metadata.json": META, "recordings/big.wav": bytes(range(256)) * 4000})
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(whole.read_bytes()[: len(whole.read_bytes()) // 2])
    read = read_archive(cut)
    assert list(read.members) == ["metadata.json"]
    assert read.problems[0].level is ProblemLevel.ERROR
    assert read.problems[0].message.startswith("archive damaged after 2 members")


def test_corrupt_archive_is_one_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "backup.tar.gz"
    bad.write_bytes(b"\x1f\x8b" + b"not really gzip" * 10)
    assert FreePbxSource().detect(bad)
    with pytest.raises(InputError, match="not a readable backup archive"):
        FreePbxSource().load(bad)
    result = load_target(bad)
    assert result.fatal and result.problems[0].path == str(bad)


def test_archive_without_freepbx_content(tmp_path: Path) -> None:
    other = make_archive(tmp_path / "photos.tar.gz", {"img/a.jpg": b"x"})
    assert not FreePbxSource().detect(other)
    with pytest.raises(InputError, match="not a FreePBX backup"):
        FreePbxSource().load(other)


def test_invalid_module_json_is_a_problem(tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "b.tar.gz", {
        "metadata.json": META, "modulejson/Core.json": b'{"configs": [1,\n2,,]}'})
    result = load_target(archive)
    assert not result.fatal
    assert [(p.message, p.path, p.line) for p in result.problems] == [
        ("invalid JSON: Expecting value", f"{archive}:modulejson/Core.json", 2)]


# --- SQL dump -------------------------------------------------------------------------------

def test_sql_dump_parser() -> None:
    dump = parse_dump(
        "CREATE TABLE `ampusers` (\n  `username` varchar(255),\n  `password_sha1` char(40),\n"
        "  `sections` blob,\n  PRIMARY KEY (`username`)\n) ENGINE=InnoDB;\n"
        "INSERT INTO `ampusers` VALUES ('admin','x;y','*'),('o\\'brien','a\\nb',NULL);\n"
        "INSERT INTO `other` (`a`) VALUES (1);\n"
        "INSERT INTO `ampusers` VALUES ('short');\n"
        "INSERT INTO `ampusers` (`username`) VALUES ('open';\n",
        frozenset({"ampusers"}))
    rows = [r.values for r in dump.tables["ampusers"]]
    assert rows == [{"username": "admin", "password_sha1": "x;y", "sections": "*"},
                    {"username": "o'brien", "password_sha1": "a\nb", "sections": None}]
    assert "other" not in dump.tables
    assert dump.problems == [(9, "INSERT INTO ampusers: 1 values for 3 columns"),
                             (10, "INSERT INTO ampusers: row not closed before ';'")]


def test_ampusers_password_recovery_only_for_weak_unsalted_hashes() -> None:
    from voipscan.facts import Provenance
    from voipscan.sources.config.freepbx.facts import hashed_password

    where_ = Provenance.file("x")
    weak = hashed_password(hashlib.sha1(b"password").hexdigest(), "bob", where_)
    assert weak.value is not None and weak.value.common and weak.value.length == 8
    strong = hashed_password(hashlib.sha1(b"k8#Vq2!zLm").hexdigest(), "bob", where_)
    assert strong.value is not None and strong.value.length is None
    bcrypt = hashed_password("$2y$10$abcdefghijklmnopqrstuv", "bob", where_)
    assert bcrypt.note == "salted hash"


def test_cli_json_report_holds_no_secret(tmp_path: Path) -> None:
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-m", "voipscan", "scan", "config", str(INSECURE),
                          "-f", "json"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 1, run.stderr
    assert '"credentials.default_or_weak"' in run.stdout
    # (amp111 may appear: it is the public vendor default named in the remediation text)
    for secret in ("7f3a9c2e1b", "d033e22ae348aeb5660fc2140aec35850c4da997",
                   "875a8f2f42c570f5f4ea7bfd154f582bcf95673a"):
        assert secret not in run.stdout + run.stderr


def test_detection() -> None:
    source = FreePbxSource()
    assert source.detect(INSECURE) and source.detect(HARDENED)
    assert source.detect(SAMPLES / "insecure")  # an unpacked backup
    assert not source.detect(ROOT / "samples" / "asterisk" / "insecure")
    assert not source.detect(ROOT / "samples" / "export" / "insecure.yaml")

"""FusionPBX from pg_dump files: exact findings of the samples, the dump reader, and the
rules FusionPBX 5.5.7 applies (login methods per domain, rights through groups by name)."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.sources.config.asterisk.helpers import ROOT, F, P, U, scan, statuses
from tests.sources.config.fusionpbx import helpers as h
from tests.sources.config.fusionpbx.datasets import BCRYPT, TOTP_SECRET
from voipscan.errors import InputError
from voipscan.facts import System
from voipscan.models.report_reader import target_findings
from voipscan.sources.config.evidence import SPECIFIC
from voipscan.sources.config.fusionpbx import FusionPbxSource
from voipscan.sources.config.fusionpbx.database import DatabaseUrl, read_database, redact
from voipscan.sources.config.fusionpbx.dump import read_dump
from voipscan.sources.config.fusionpbx.facts import build
from voipscan.sources.config.fusionpbx.schema import TABLES, VERSION
from voipscan.sources.config.registry import identify

ASSET = json.loads((Path(__file__).parent / "assets" / "schema-5.5.7.json").read_text())
NOT_IN_A_DUMP = {  # nothing a FusionPBX database holds: evidence required, never a pass
    ("credentials.reuse", "system"), ("dialplan.guest_outbound", "system"),
    ("dialplan.guest_voicemail", "system"), ("logging.events", "logging:access_attempts"),
    ("logging.events", "logging:calls"), ("logging.events", "logging:config_changes"),
    ("logging.forwarding", "logging"), ("management.login_required", "system"),
    ("management.not_exposed", "system"), ("management.tls", "system"),
    ("media.no_sdes_cleartext", "system"), ("media.srtp_mandatory", "system"),
    ("recording.consent", "recording"), ("signalling.tls", "system"),
    ("signalling.tls13", "system"), ("signalling.tls_min_version", "system"),
    ("signalling.tls_peer_verification", "system"), ("signalling.tls_weak_ciphers", "system"),
    ("sip.endpoint_authentication", "system"), ("sip.unauthenticated_options", "system"),
}
INSECURE_ADMINS = ("admin@pbx.example.com", "jdoe@pbx.example.com", "mkelly@pbx.example.com",
                   "ops@pbx.example.com", "helpdesk1@tenant2.example.net")
HARDENED_ADMINS = ("j.smith@pbx.example.com", "m.jansen@pbx.example.com",
                   "p.devries@tenant2.example.net")


def _accounts(admins: tuple[str, ...], users: tuple[str, ...], mfa: object
              ) -> dict[tuple[str, str], object]:
    found: dict[tuple[str, str], object] = {}
    for name in admins:
        found[("access.admin_mfa", f"admin:{name}")] = mfa
        found[("access.rbac", f"admin:{name}")] = P  # every FusionPBX account has groups
        found[("access.no_shared_accounts", f"admin:{name}")] = U
        found[("credentials.default_or_weak", f"admin:{name}")] = U  # hashed: not judged
    for name in users:
        found[("access.user_mfa", f"user:{name}")] = mfa
        found[("credentials.default_or_weak", f"user:{name}")] = U
    return found


def test_insecure_dump_exact_findings() -> None:
    result, found = scan(h.INSECURE)
    assert result.target.format == "fusionpbx" and result.problems == ()
    expected = {key: U for key in NOT_IN_A_DUMP}
    expected |= _accounts(INSECURE_ADMINS, ("alice@pbx.example.com",
                                            "carol@tenant2.example.net"), F)
    expected[("access.superusers_limited", "system")] = F
    assert statuses(found) == expected
    superusers = found[("access.superusers_limited", "system")]
    # superadmin members, and the 'helpdesk' group that may grant itself any right
    assert "4 accounts have full rights" in superusers.message
    assert "helpdesk1@tenant2.example.net" in superusers.message
    assert "ops@pbx.example.com" not in superusers.message


def test_hardened_dump_exact_findings() -> None:
    result, found = scan(h.HARDENED)
    assert result.problems == ()
    expected = {key: U for key in NOT_IN_A_DUMP}
    expected |= _accounts(HARDENED_ADMINS, ("alice@pbx.example.com",
                                            "carol@tenant2.example.net"), P)
    expected[("access.superusers_limited", "system")] = P
    assert statuses(found) == expected


def test_sample_facts() -> None:
    snapshot, problems = read_dump(h.INSECURE)
    system = build(snapshot, "insecure")
    assert problems == []
    assert system.platform.value == "fusionpbx" and system.version.value == VERSION
    admins = {a.name: a for a in system.admins}
    assert admins["ops@pbx.example.com"].superuser.value is False
    assert admins["mkelly@pbx.example.com"].roles.value == ("admin", "superadmin")
    helpdesk = admins["helpdesk1@tenant2.example.net"]
    assert helpdesk.superuser.value is True and "group_permission_add" in helpdesk.superuser.note
    # bob is disabled, fax-robot is of type 'virtual': neither can log in
    assert {u.name for u in system.users} == {"alice@pbx.example.com",
                                              "carol@tenant2.example.net"}
    assert "fax-robot@tenant2.example.net" not in admins
    carol = next(u for u in system.users if u.name.startswith("carol"))
    assert carol.mfa.enabled.value is False and "never asked for" in carol.mfa.enabled.note
    assert system.password_policy.min_length.value == 6  # tenant2 lowers it
    roles = {r.name: r for r in system.roles}
    assert roles["helpdesk@tenant2.example.net"].superuser.value is True
    assert roles["admin"].superuser.value is False and roles["superadmin"].superuser.value


def test_secrets_never_leave_the_reader(tmp_path: Path) -> None:
    snapshot, _ = read_dump(h.INSECURE)
    shown = repr(snapshot) + repr(build(snapshot, "x"))
    assert TOTP_SECRET not in shown and BCRYPT not in shown and "user_totp_secret" not in shown
    out = tmp_path / "r.json"
    run = subprocess.run([sys.executable, "-m", "voipscan", "scan", "config", str(h.INSECURE),
                          "-p", "bio", "-f", "json", "-o", str(out), "-f", "text"],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.returncode == 1, run.stderr
    for text in (out.read_text(), run.stdout, run.stderr):
        assert TOTP_SECRET not in text and BCRYPT not in text


def test_reader_columns_follow_the_fusionpbx_schema() -> None:
    for table in TABLES.values():
        declared = ASSET["tables"][table.name]["columns"]
        for column in (*table.columns, *table.secrets):
            assert column in declared, (table.name, column)
        for column in table.booleans:
            assert declared[column] == "boolean", (table.name, column)


def test_detection(tmp_path: Path) -> None:
    assert FusionPbxSource().detect(h.INSECURE) == SPECIFIC
    found = identify(h.HARDENED)
    assert found is not None and found.source.name == "fusionpbx" and found.runner_up is None
    packed = tmp_path / "fusionpbx.sql.gz"
    packed.write_bytes(gzip.compress(h.INSECURE.read_bytes()))
    assert FusionPbxSource().detect(packed) == SPECIFIC
    mysql = ROOT / "samples" / "freepbx" / "insecure" / "mysql-asterisk.sql"
    assert FusionPbxSource().detect(mysql) == 0
    other = tmp_path / "other.sql"
    other.write_text(h.HEADER + "CREATE TABLE public.invoices (\n    id integer\n);\n")
    assert 0 < FusionPbxSource().detect(other) < 0.5  # a PostgreSQL dump, not FusionPBX's
    assert FusionPbxSource().detect(tmp_path) == 0


def test_gzip_dump_reads_the_same(tmp_path: Path) -> None:
    packed = tmp_path / "dump.sql.gz"
    packed.write_bytes(gzip.compress(h.HARDENED.read_bytes()))
    plain, _ = read_dump(h.HARDENED)
    zipped, _ = read_dump(packed)
    assert _same_accounts(build(plain, "x"), build(zipped, "x"))


def _same_accounts(a: System, b: System) -> bool:
    def key(s: System) -> object:
        return ([(x.name, x.mfa.enabled.value, x.superuser.value) for x in s.admins],
                [(x.name, x.mfa.enabled.value) for x in s.users])
    return key(a) == key(b)


def test_copy_escapes_and_inserts(tmp_path: Path) -> None:
    dump = tmp_path / "d.sql"
    text = (h.HEADER
            + "CREATE TABLE public.v_domains (\n    domain_uuid uuid,\n    domain_name text,\n"
              "    domain_enabled boolean,\n    CONSTRAINT pk PRIMARY KEY (domain_uuid)\n);\n"
            + f"INSERT INTO public.v_domains VALUES ('{h.D1}', 'o''brien.example', true), "
              f"('{h.D2}', 'semi;colon\nname', NULL);\n"
            + h.copy_block("v_users", [h.user("tab\tand\\back"), h.user("Nul", totp=None),
                                        h.user("eve", h.D2, totp="SECRET")]))
    dump.write_text(text)
    snapshot, problems = read_dump(dump)
    assert problems == []
    names = {r.text("domain_name") for r in snapshot.rows("v_domains")}
    assert names == {"o'brien.example", "semi;colon\nname"}
    users = {r.text("username"): r for r in snapshot.rows("v_users")}
    assert set(users) == {"tab\tand\\back", "Nul", "eve"}
    assert users["eve"].values["totp_enrolled"] is True
    assert users["Nul"].values["totp_enrolled"] is False
    assert "user_totp_secret" not in users["eve"].values and "password" not in users["eve"].values
    assert users["eve"].source.line == text.splitlines().index(
        next(line for line in text.splitlines() if "\teve\t" in line)) + 1


def test_bad_rows_are_reported_and_the_rest_read(tmp_path: Path) -> None:
    dump = tmp_path / "d.sql"
    good = h.copy_block("v_users", [h.user("ann")])
    dump.write_text(h.HEADER + h.copy_block("v_domains", h.tenants())
                    + good.replace("\\.", "only\ttwo fields\n\\."))
    snapshot, problems = read_dump(dump)
    assert [r.text("username") for r in snapshot.rows("v_users")] == ["ann"]
    assert len(problems) == 1 and problems[0].line is not None
    assert "2 values for 7 columns" in problems[0].message


@pytest.mark.parametrize(("content", "message"), [
    (b"PGDMP\x01\x0e\x00", "custom-format archive"),
    (h.HEADER.encode() + b"CREATE TABLE public.v_domains (\n    domain_uuid uuid\n);\n",
     "no table v_users"),
    (b"\x1f\x8b\x08\x00broken", "cannot read the dump"),
])
def test_unreadable_dumps_give_one_clear_error(tmp_path: Path, content: bytes,
                                               message: str) -> None:
    dump = tmp_path / "d.sql"
    dump.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_dump(dump)
    assert message in caught.value.message and caught.value.path == str(dump)


def _system(**tables: h.Rows) -> System:
    base: dict[str, h.Rows] = {"v_domains": h.tenants(), "v_groups": h.groups(),
                               "v_user_groups": [], "v_group_permissions": [],
                               "v_default_settings": [], "v_domain_settings": []}
    return build(h.snapshot(**(base | tables)), "test")


ADMIN_RIGHTS = ("user_add", "user_edit", "extension_edit")


def test_login_methods_per_domain_replace_the_defaults() -> None:
    system = _system(
        v_users=[h.user("a1", totp="S"), h.user("a2", h.D2, totp="S")],
        v_user_groups=[h.member("a1", h.G_ADMIN, "admin"),
                       h.member("a2", h.G_ADMIN, "admin", h.D2)],
        v_group_permissions=h.grant(h.G_ADMIN, "admin", *ADMIN_RIGHTS),
        v_default_settings=[h.default_setting("authentication", "methods", "array", "database"),
                            h.default_setting("authentication", "methods", "array", "totp")],
        # a domain's enabled array replaces the default one as a whole: TOTP off for two
        v_domain_settings=[h.domain_setting(h.D2, "authentication", "methods", "array",
                                            "database"),
                           h.domain_setting(h.D1, "authentication", "methods", "array", "email",
                                            enabled=False)])
    mfa = {a.name: a.mfa for a in system.admins}
    assert mfa["a1@one.example"].enabled.value is True
    assert mfa["a1@one.example"].enforced.value is True
    assert mfa["a2@two.example"].enabled.value is False
    assert mfa["a2@two.example"].enforced.value is False


def test_no_methods_setting_means_the_password_alone() -> None:
    system = _system(v_users=[h.user("u", totp="S")])
    [account] = system.users
    assert account.mfa.enabled.value is False
    assert account.mfa.enabled.source is not None
    assert account.mfa.enabled.source.kind.value == "default"


def test_email_codes_are_no_second_factor() -> None:
    system = _system(v_users=[h.user("u")], v_default_settings=[
        h.default_setting("authentication", "methods", "array", "database"),
        h.default_setting("authentication", "methods", "array", "email")])
    [account] = system.users
    assert account.mfa.enabled.value is False and "NIST" in account.mfa.enabled.note


def test_totp_required_but_not_enrolled_is_not_mfa() -> None:
    system = _system(v_users=[h.user("u")], v_default_settings=[
        h.default_setting("authentication", "methods", "array", "totp")])
    [account] = system.users
    assert account.mfa.enforced.value is True and account.mfa.enabled.value is False


def test_settings_missing_leave_mfa_unknown() -> None:
    snapshot = h.snapshot(v_domains=h.tenants(), v_users=[h.user("u")], v_groups=h.groups(),
                          v_user_groups=[], v_group_permissions=[])
    [account] = build(snapshot, "x").users
    assert account.mfa.enabled.value is None and account.mfa.enforced.value is None


def test_rights_decide_superusers_not_names() -> None:
    system = _system(
        v_groups=[*h.groups(), {"group_uuid": "g-x", "domain_uuid": h.D1,
                                "group_name": "readonly"}],
        v_users=[h.user("boss"), h.user("sneaky"), h.user("plain"), h.user("viewer")],
        v_user_groups=[h.member("boss", h.G_SUPER, "superadmin"),
                       h.member("sneaky", "g-x", "readonly"),
                       h.member("plain", h.G_ADMIN, "admin"),
                       h.member("viewer", h.G_USER, "user")],
        v_group_permissions=[
            # a 'superadmin' group stripped of every system-wide right is no superuser
            *h.grant(h.G_SUPER, "superadmin", "user_add", "user_edit"),
            *h.grant(h.G_SUPER, "superadmin", "domain_select", assigned="false"),
            *h.grant("g-x", "readonly", "user_view", "default_setting_edit", domain=h.D1),
            *h.grant(h.G_ADMIN, "admin", *ADMIN_RIGHTS),
            *h.grant(h.G_USER, "user", "voicemail_edit")])
    admins = {a.name: a for a in system.admins}
    assert admins["boss@one.example"].superuser.value is False
    assert admins["sneaky@one.example"].superuser.value is True
    assert admins["plain@one.example"].superuser.value is False
    assert [u.name for u in system.users] == ["viewer@one.example"]


def test_group_rights_are_matched_per_domain() -> None:
    # rights of a group name granted in another domain do not count (permissions::assigned)
    system = _system(
        v_users=[h.user("x", h.D2)],
        v_user_groups=[h.member("x", h.G_ADMIN, "admin", h.D2)],
        v_group_permissions=h.grant(h.G_ADMIN, "admin", "domain_all", domain=h.D1))
    assert [u.name for u in system.users] == ["x@two.example"]


def test_rights_missing_make_every_account_an_administrator_of_unknown_rights() -> None:
    snapshot = h.snapshot(v_domains=h.tenants(), v_users=[h.user("u")],
                          v_default_settings=[], v_domain_settings=[])
    system = build(snapshot, "x")
    [admin] = system.admins
    assert admin.superuser.value is None and admin.roles.value is None
    assert system.users == () and system.roles_known is False


def test_disabled_accounts_and_disabled_domains() -> None:
    system = _system(
        v_domains=[*h.tenants()[:1], {"domain_uuid": h.D2, "domain_name": "two.example",
                                      "domain_enabled": False}],
        v_users=[h.user("off", enabled=False), h.user("on", enabled=None),
                 h.user("gone", h.D2)],
        v_user_groups=[h.member("off", h.G_ADMIN, "admin"), h.member("on", h.G_ADMIN, "admin"),
                       h.member("gone", h.G_ADMIN, "admin", h.D2)],
        v_group_permissions=h.grant(h.G_ADMIN, "admin", *ADMIN_RIGHTS))
    enabled = {a.name: a.enabled.value for a in system.admins}
    # FusionPBX 5.5.7 lets the accounts of a disabled domain log in: they stay judged
    assert enabled == {"off@one.example": False, "on@one.example": True,
                       "gone@two.example": True}


def test_per_domain_systems() -> None:
    snapshot, _ = read_dump(h.INSECURE)
    domains = {r.text("domain_name"): r.text("domain_uuid") for r in snapshot.rows("v_domains")}
    tenant = build(snapshot, "t2", only=domains["tenant2.example.net"])
    assert [a.name for a in tenant.admins] == ["helpdesk1@tenant2.example.net"]
    assert [u.name for u in tenant.users] == ["carol@tenant2.example.net"]
    assert {r.name for r in tenant.roles} == {"admin", "agent", "superadmin", "user",
                                              "helpdesk@tenant2.example.net"}
    assert tenant.password_policy.min_length.value == 6


def _voipscan(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "voipscan", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)


def test_per_domain_from_a_dump_gives_one_target_per_domain(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    run = _voipscan("scan", "config", str(h.HARDENED), "--per-domain", "-f", "json", "-o",
                    str(out))
    assert run.returncode == 0, run.stderr  # nothing fails; what is missing stays unknown
    report = json.loads(out.read_text())
    names = [t["name"] for t in report["targets"]]
    assert names == [f"{h.HARDENED}#pbx.example.com", f"{h.HARDENED}#tenant2.example.net"]
    assert len({t["id"] for t in report["targets"]}) == 2


@pytest.mark.parametrize(("args", "message"), [
    (("postgresql://ro:Pa55word@127.0.0.1:1/fusionpbx",), "the URL holds a password"),
    (("postgresql://ro@127.0.0.1:1/fusionpbx?password=Pa55word",), "the URL holds a password"),
    (("missing.sql", "--per-domain"), "no such file"),
])
def test_bad_database_inputs_give_one_line_and_exit_2(args: tuple[str, ...], message: str,
                                                      tmp_path: Path) -> None:
    run = _voipscan("scan", "config", *args, "-f", "json", "-o", str(tmp_path / "r.json"))
    assert run.returncode == 2, run.stderr
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and message in lines[0], run.stderr
    assert "Pa55word" not in run.stderr + run.stdout and "Traceback" not in run.stderr


@pytest.mark.parametrize("args", [
    ("postgresql://ro@127.0.0.1:1/x", "--pbx", "asterisk"),
    (str(h.INSECURE), "--per-domain", "--pbx", "freeswitch"),
    (str(h.INSECURE), "--db-password-file", "pw.txt"),
])
def test_database_options_misused(args: tuple[str, ...]) -> None:
    run = _voipscan("scan", "config", *args)
    assert run.returncode == 2 and "Usage" in run.stderr and "Traceback" not in run.stderr


def test_with_the_freeswitch_tree_in_one_system(tmp_path: Path) -> None:
    inventory = tmp_path / "inventory.yaml"
    inventory.write_text(
        "version: 1\nsystems:\n  - name: site\n    configs:\n"
        f"      - {{path: {h.INSECURE}, pbx: fusionpbx}}\n"
        f"      - {ROOT / 'samples' / 'freeswitch' / 'insecure'}\n")
    out = tmp_path / "r.json"
    run = _voipscan("scan", "system", str(inventory), "-f", "json", "-o", str(out))
    assert run.returncode == 1, run.stderr
    document = json.loads(out.read_text())
    [target] = document["targets"]
    found = {(f["check_id"], f["resource"]): f["status"]
             for f in target_findings(document, target)}
    assert found[("access.admin_mfa", "admin:jdoe@pbx.example.com")] == "fail"  # FusionPBX
    assert found[("signalling.tls", "transport:internal-udp")] == "fail"  # FreeSWITCH


def test_database_urls() -> None:
    assert redact("postgresql://ro:Pa55@10.0.0.5:5433/fusionpbx?sslmode=require&password=x") \
        == "postgresql://ro@10.0.0.5:5433/fusionpbx?sslmode=require"
    url = DatabaseUrl.parse("postgres://ro@[::1]/fusionpbx")
    assert (url.host, url.port, url.database) == ("::1", 5432, "fusionpbx")
    for bad in ("postgresql://ro@h:port/x", "postgresql:///fusionpbx"):
        with pytest.raises(InputError):
            DatabaseUrl.parse(bad)


def test_without_psycopg_a_live_database_is_one_clear_error(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(InputError, match=r"voipscan\[postgresql\]"):
        read_database(DatabaseUrl.parse("postgresql://ro@127.0.0.1:1/x"))


SEED = h.INSECURE.read_bytes()[:12000] + h.INSECURE.read_bytes()[-40000:]


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(0, len(SEED)), junk=st.binary(max_size=40),
       drop=st.integers(0, 200))
def test_damaged_dumps_never_crash(tmp_path: Path, cut: int, junk: bytes, drop: int) -> None:
    dump = tmp_path / "d.sql"
    dump.write_bytes(SEED[:cut] + junk + SEED[cut + drop:])
    try:
        snapshot, _ = read_dump(dump)
    except InputError as error:
        assert error.path == str(dump)
        return
    build(snapshot, "x")

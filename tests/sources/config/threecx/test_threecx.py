"""3CX V20 from saved configuration API (XAPI) responses: the fixtures are honest (checked
against the published OpenAPI document), exact findings of the samples, and the reading of
roles and 2FA."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.sources.config.asterisk.helpers import NA, ROOT, F, P, U, scan, statuses
from tests.sources.config.threecx.openapi import ENDPOINTS, check_response, check_spec
from voipscan.errors import InputError
from voipscan.sources.config.evidence import SPECIFIC
from voipscan.sources.config.registry import identify
from voipscan.sources.config.threecx import ThreeCxSource
from voipscan.sources.config.threecx.documents import read_export
from voipscan.sources.config.threecx.facts import build

SAMPLES = ROOT / "samples" / "3cx"
FIXTURES = sorted(p for d in ("insecure", "hardened") for p in (SAMPLES / d).glob("*.json"))
MISSING = {  # what XAPI responses hold nothing about: evidence required
    ("credentials.default_or_weak", "system"), ("credentials.reuse", "system"),
    ("logging.events", "logging:access_attempts"), ("logging.events", "logging:calls"),
    ("logging.events", "logging:config_changes"), ("logging.forwarding", "logging"),
    ("management.login_required", "system"), ("management.not_exposed", "system"),
    ("management.tls", "system"), ("recording.consent", "recording"),
    ("signalling.tls", "system"), ("signalling.tls13", "system"),
    ("signalling.tls_min_version", "system"), ("signalling.tls_peer_verification", "system"),
    ("signalling.tls_weak_ciphers", "system"),
}
TRUNK = "endpoint:trunk 10000 Example SIP Provider"


def test_the_openapi_subset_is_valid_openapi() -> None:
    check_spec()


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixtures_are_what_xapi_returns(path: Path) -> None:
    assert path.name in ENDPOINTS
    assert check_response(path) == []


@pytest.mark.parametrize(("change", "expected"), [
    (lambda u: u.update(Require2Fa=True), "Require2Fa: not declared by the schema"),
    (lambda u: u.update(Enable2FA="yes"), "'yes' is not of type 'boolean'"),
    (lambda u: u.update(SRTPMode="Forced"), "'Forced' is not one of"),
    (lambda u: u["Groups"][0]["Rights"].update(Role="system_owners"),
     "Rights.Role: not declared"),
])
def test_the_fixture_check_catches_what_xapi_would_not_return(tmp_path: Path, change: Any,
                                                              expected: str) -> None:
    document = json.loads((SAMPLES / "insecure" / "Users.json").read_text())
    change(document["value"][0])
    altered = tmp_path / "Users.json"
    altered.write_text(json.dumps(document))
    assert any(expected in problem for problem in check_response(altered))


def _endpoints(srtp: dict[str, object], extensions: tuple[str, ...]
               ) -> dict[tuple[str, str], object]:
    found: dict[tuple[str, str], object] = {}
    for resource in (*(f"endpoint:ext {n}" for n in extensions), TRUNK):
        found[("media.srtp_mandatory", resource)] = srtp.get(resource, srtp["*"])
        found[("sip.unauthenticated_options", resource)] = U
        found[("sip.endpoint_authentication", resource)] = U if resource == TRUNK else P
    return found


def test_insecure_export_exact_findings() -> None:
    result, found = scan(SAMPLES / "insecure")
    assert result.target.format == "3cx" and result.problems == ()
    expected: dict[tuple[str, str], object] = {key: U for key in MISSING}
    admins = {"admin@example.com": F, "it@example.com": F, "office@example.com": P,
              "sales.lead@example.com": F}
    for name, mfa in admins.items():
        expected |= {("access.admin_mfa", f"admin:{name}"): mfa,
                     ("access.rbac", f"admin:{name}"): P,
                     ("access.no_shared_accounts", f"admin:{name}"): U}
    expected |= {("access.superusers_limited", "system"): F,
                 ("access.user_mfa", "user:jan@example.com"): F,
                 ("access.user_mfa", "user:piet@example.com"): U,  # signs in with Microsoft 365
                 # a trunk whose authentication the export does not show
                 ("dialplan.guest_outbound", TRUNK): U,
                 ("dialplan.guest_voicemail", TRUNK): U}
    expected |= _endpoints({"*": F}, ("100", "101", "102", "110", "120", "121"))
    expected |= {("media.no_sdes_cleartext", f"endpoint:ext {n}"): NA
                 for n in ("100", "101", "102", "110", "121")}
    expected |= {("media.no_sdes_cleartext", "endpoint:ext 120"): U,
                 ("media.no_sdes_cleartext", TRUNK): NA}
    assert statuses(found) == expected
    superusers = found[("access.superusers_limited", "system")]
    assert "3 accounts have full rights" in superusers.message


def test_hardened_export_exact_findings() -> None:
    result, found = scan(SAMPLES / "hardened")
    assert result.problems == ()
    expected: dict[tuple[str, str], object] = {key: U for key in MISSING}
    for name in ("j.smit@example.com", "m.jansen@example.com"):
        expected |= {("access.admin_mfa", f"admin:{name}"): P,
                     ("access.rbac", f"admin:{name}"): P,
                     ("access.no_shared_accounts", f"admin:{name}"): U}
    expected |= {("access.superusers_limited", "system"): P,
                 ("access.user_mfa", "user:jan@example.com"): P,
                 ("access.user_mfa", "user:piet@example.com"): P,
                 # a trunk whose authentication the export does not show
                 ("dialplan.guest_outbound", TRUNK): U,
                 ("dialplan.guest_voicemail", TRUNK): U}
    expected |= _endpoints({"*": P}, ("100", "110", "120", "121"))
    expected |= {("media.no_sdes_cleartext", f"endpoint:ext {n}"): U
                 for n in ("100", "110", "120", "121")}
    expected[("media.no_sdes_cleartext", TRUNK)] = U
    assert statuses(found) == expected


def test_detection(tmp_path: Path) -> None:
    found = identify(SAMPLES / "insecure")
    assert found is not None and found.source.name == "3cx" and found.score == SPECIFIC
    assert ThreeCxSource().detect(SAMPLES / "insecure" / "Users.json") == 0
    assert ThreeCxSource().detect(tmp_path) == 0


def _export(tmp_path: Path, users: list[dict[str, Any]], **others: Any) -> Path:
    folder = tmp_path / "export"
    folder.mkdir(exist_ok=True)
    (folder / "Users.json").write_text(json.dumps({"value": users}))
    for name, document in others.items():
        (folder / f"{name}.json").write_text(json.dumps(document))
    return folder


def _user(id_: int, role: str | None, **fields: Any) -> dict[str, Any]:
    user: dict[str, Any] = {"Id": id_, "Number": str(100 + id_),
                            "EmailAddress": f"u{id_}@example.com", "Enabled": True,
                            "Enable2FA": False, "Require2FA": False, **fields}
    if role is not None:
        user["Groups"] = [{"GroupId": 1, "Name": "DEFAULT", "Rights": {"RoleName": role}}]
    return user


def test_roles_decide_administrators_and_superusers(tmp_path: Path) -> None:
    export, problems = read_export(_export(tmp_path, [
        _user(1, "system_owners", Enable2FA=True, Require2FA=True),
        _user(2, "group_admins"),
        _user(3, "users"),
        _user(4, "auditors"),  # a role voipscan does not know
        _user(5, None),  # Users saved without $expand=Groups
    ]))
    system = build(export, "x")
    assert problems == []
    admins = {a.name: a for a in system.admins}
    assert admins["u1@example.com"].superuser.value is True
    assert admins["u1@example.com"].mfa.enforced.value is True
    assert admins["u2@example.com"].superuser.value is False
    assert admins["u4@example.com"].superuser.value is None
    assert admins["u5@example.com"].roles.value is None
    assert [u.name for u in system.users] == ["u3@example.com"]


def test_2fa_states(tmp_path: Path) -> None:
    export, _ = read_export(_export(tmp_path, [
        _user(1, "users", Require2FA=True),
        _user(2, "users", Enable2FA=True),
        _user(3, "users", GoogleSignInEnabled=True),
        {"Id": 4, "EmailAddress": "u4@example.com", "Groups": []},
    ]))
    mfa = {u.name: u.mfa for u in build(export, "x").users}
    assert (mfa["u1@example.com"].enabled.value, mfa["u1@example.com"].enforced.value) == (
        False, True)  # required, not yet set up
    assert (mfa["u2@example.com"].enabled.value, mfa["u2@example.com"].enforced.value) == (
        True, False)
    assert mfa["u3@example.com"].enabled.value is None
    assert mfa["u4@example.com"].enabled.value is None  # fields not saved


def test_unreadable_exports(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"no Users\.json"):
        read_export(tmp_path)
    folder = _export(tmp_path, [_user(1, "users")])
    (folder / "Users.json").write_text('{"value": [\n  {"Id": "one"}\n]}')
    with pytest.raises(InputError) as caught:
        read_export(folder)
    assert caught.value.line == 2 and "not a 3CX XAPI response" in caught.value.message
    (folder / "Users.json").write_text(json.dumps({"value": [_user(1, "users")]}))
    (folder / "Trunks.json").write_text("{broken")
    export, problems = read_export(folder)  # an optional document: reported, the rest read
    assert export.trunks is None and len(problems) == 1 and problems[0].line == 1


def test_a_sample_copy_scans_through_the_command_line(tmp_path: Path) -> None:
    copy = tmp_path / "pbx"
    shutil.copytree(SAMPLES / "hardened", copy)
    result, found = scan(copy, "3cx")
    assert result.target.format == "3cx"
    assert found[("access.superusers_limited", "system")].status is P


USERS_SEED = (SAMPLES / "insecure" / "Users.json").read_bytes()


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(0, len(USERS_SEED)), junk=st.binary(max_size=20),
       drop=st.integers(0, 50))
def test_damaged_exports_never_crash(tmp_path: Path, cut: int, junk: bytes, drop: int) -> None:
    folder = tmp_path / "export"
    folder.mkdir(exist_ok=True)
    (folder / "Users.json").write_bytes(USERS_SEED[:cut] + junk + USERS_SEED[cut + drop:])
    try:
        export, _ = read_export(folder)
    except InputError as error:
        assert error.path == str(folder / "Users.json")
        return
    build(export, "x")

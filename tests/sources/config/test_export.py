"""The vendor-neutral export: exact findings for each sample, clear errors for bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.paths import ROOT as REPO_ROOT
from voipscan import profiles
from voipscan.checks import Status
from voipscan.engine import NOTHING_READ, evaluate
from voipscan.errors import InputError
from voipscan.sources.config.export import ExportSource
from voipscan.sources.config.load import load_target

SAMPLES = REPO_ROOT / "samples" / "export"
P, F, U, NA = Status.PASS, Status.FAIL, Status.UNKNOWN, Status.NOT_APPLICABLE


NOT_IN_AN_EXPORT = {
    # declared evidence (scan system) and dialplans: an export does not carry them
    ("organisation.security_assessment", "assessment"): U,
    ("organisation.incident_response", "incident-response:plan"): U,
    ("organisation.incident_response", "incident-response:exercise"): U,
    ("dialplan.international_restricted", "dialplan"): U,
    ("dialplan.premium_restricted", "dialplan"): U,
}


def baseline_findings(name: str) -> dict[tuple[str, str], Status]:
    result = evaluate([load_target(SAMPLES / name)], [profiles.load("baseline")])
    found: dict[tuple[str, str], Status] = {}
    for item in result.targets[0].findings:
        key = (item.finding.check_id, item.finding.resource)
        assert key not in found, f"one finding per check and resource: {key}"
        found[key] = item.finding.status
    return found


def test_hardened_sample_passes_every_baseline_check() -> None:
    found = baseline_findings("hardened.yaml")
    # what it cannot show is evidence required: 3CX publishes no lifecycle data
    assert {k: v for k, v in found.items() if v not in (P, NA)} == {
        **NOT_IN_AN_EXPORT, ("software.supported", "software:3cx"): U,
        ("software.patched", "software:3cx"): U}
    assert found[("media.no_sdes_cleartext", "endpoint:201")] is NA
    assert found[("credentials.reuse", "system")] is P
    assert found[("access.user_mfa", "user:201")] is P
    assert found[("media.webrtc_dtls_srtp", "system")] is NA  # no endpoint on WebSocket
    assert len(found) == 66


def test_insecure_sample_exact_findings() -> None:
    assert baseline_findings("insecure.yaml") == {
        ("signalling.tls", "transport:udp"): F,
        ("signalling.tls", "transport:tls-legacy"): P,
        ("signalling.tls13", "transport:tls-legacy"): F,
        ("signalling.tls_min_version", "transport:tls-legacy"): F,
        ("signalling.tls_peer_verification", "transport:tls-legacy"): F,
        ("media.srtp_mandatory", "endpoint:100"): F,
        ("media.srtp_mandatory", "endpoint:101"): F,
        ("media.srtp_mandatory", "endpoint:provider"): F,
        ("media.srtp_mandatory", "endpoint:anonymous"): F,
        ("media.no_sdes_cleartext", "endpoint:100"): F,
        ("media.no_sdes_cleartext", "endpoint:101"): NA,
        ("media.no_sdes_cleartext", "endpoint:provider"): NA,
        ("media.no_sdes_cleartext", "endpoint:anonymous"): NA,
        ("signalling.tls_weak_ciphers", "transport:tls-legacy"): F,
        ("signalling.tls_certificate", "transport:tls-legacy"): F,
        ("media.srtp_weak_parameters", "endpoint:100"): F,
        ("media.srtp_weak_parameters", "endpoint:101"): NA,
        ("media.srtp_weak_parameters", "endpoint:provider"): NA,
        ("media.srtp_weak_parameters", "endpoint:anonymous"): NA,
        ("media.dtls_srtp", "endpoint:100"): F,
        ("media.dtls_srtp", "endpoint:101"): NA,
        ("media.dtls_srtp", "endpoint:provider"): NA,
        ("media.dtls_srtp", "endpoint:anonymous"): NA,
        ("media.webrtc_dtls_srtp", "system"): NA,
        ("access.user_mfa", "user:100"): F,
        ("access.admin_mfa", "admin:admin"): F,
        ("access.admin_mfa", "admin:it-support"): F,
        ("access.admin_mfa", "admin:reception"): F,
        ("access.rbac", "admin:admin"): F,
        ("access.rbac", "admin:it-support"): F,
        ("access.rbac", "admin:reception"): F,
        ("access.no_shared_accounts", "admin:admin"): F,
        ("access.no_shared_accounts", "admin:it-support"): F,
        ("access.no_shared_accounts", "admin:reception"): U,
        ("access.superusers_limited", "system"): F,
        ("access.privileged_access", "admin:admin"): F,  # full rights, public, no ACL
        ("access.privileged_access", "admin:it-support"): F,
        ("access.privileged_access", "admin:reception"): F,
        ("credentials.default_or_weak", "admin:admin"): F,
        ("credentials.default_or_weak", "admin:it-support"): F,
        ("credentials.default_or_weak", "admin:reception"): F,
        ("credentials.default_or_weak", "endpoint:100"): F,
        ("credentials.default_or_weak", "endpoint:101"): F,
        ("credentials.default_or_weak", "management:ami"): F,
        ("credentials.reuse", "admin:it-support"): F,
        ("credentials.reuse", "admin:reception"): F,
        ("credentials.admin_rotation", "password-policy"): F,
        ("sip.endpoint_authentication", "endpoint:100"): P,
        ("sip.endpoint_authentication", "endpoint:101"): P,
        ("sip.endpoint_authentication", "endpoint:provider"): F,
        ("sip.endpoint_authentication", "endpoint:anonymous"): F,
        ("dialplan.guest_outbound", "endpoint:anonymous"): F,
        ("dialplan.guest_voicemail", "endpoint:anonymous"): F,
        ("dialplan.guest_outbound", "endpoint:provider"): U,  # trusted by address: reach?
        ("dialplan.guest_voicemail", "endpoint:provider"): U,
        ("management.login_required", "management:ami"): P,
        ("management.login_required", "management:admin-gui"): U,
        ("sip.unauthenticated_options", "endpoint:100"): U,
        ("sip.unauthenticated_options", "endpoint:101"): U,
        ("sip.unauthenticated_options", "endpoint:provider"): U,
        ("sip.unauthenticated_options", "endpoint:anonymous"): F,
        ("sip.version_disclosure", "system"): F,
        ("sip.user_enumeration", "system"): F,
        ("management.not_exposed", "management:ami"): F,
        ("management.not_exposed", "management:admin-gui"): F,
        ("management.tls", "management:ami"): F,
        ("management.tls", "management:admin-gui"): F,
        ("logging.events", "logging:calls"): P,
        ("logging.events", "logging:config_changes"): F,
        ("logging.events", "logging:access_attempts"): F,
        ("logging.retention", "logging"): F,
        ("logging.forwarding", "logging"): F,
        ("recording.consent", "recording"): F,
        ("recording.access", "recording"): F,
        ("backup.configured", "backup"): F,
        ("backup.restore_tested", "backup"): F,
        ("capture.sdes_keys_exposed", "system"): NA,
        ("capture.cleartext_digest", "system"): NA,
        ("capture.plain_rtp", "system"): NA,
        ("capture.scanning_activity", "system"): NA,
        ("software.supported", "software:asterisk"): F,  # 16.2.1: EOL 2023-10-09
        ("software.patched", "software:asterisk"): F,
        **NOT_IN_AN_EXPORT,
    }


def test_mixed_sample_exact_findings() -> None:
    assert baseline_findings("mixed.yaml") == {
        ("signalling.tls", "transport:tls"): P,
        ("signalling.tls", "transport:internal-udp"): P,
        ("signalling.tls13", "transport:tls"): F,
        ("signalling.tls_min_version", "transport:tls"): P,
        ("signalling.tls_peer_verification", "transport:tls"): U,
        ("media.srtp_mandatory", "endpoint:300"): F,
        ("media.srtp_mandatory", "endpoint:301"): P,
        ("media.no_sdes_cleartext", "endpoint:300"): P,
        ("media.no_sdes_cleartext", "endpoint:301"): NA,
        ("signalling.tls_weak_ciphers", "transport:tls"): U,
        ("signalling.tls_certificate", "transport:tls"): U,
        ("media.srtp_weak_parameters", "endpoint:300"): U,
        ("media.srtp_weak_parameters", "endpoint:301"): NA,
        ("media.dtls_srtp", "endpoint:300"): U,
        ("media.dtls_srtp", "endpoint:301"): P,
        ("media.webrtc_dtls_srtp", "system"): NA,
        ("access.user_mfa", "system"): U,
        ("access.admin_mfa", "admin:k.bakker"): P,
        ("access.admin_mfa", "admin:p.smit"): F,
        ("access.rbac", "admin:k.bakker"): P,
        ("access.rbac", "admin:p.smit"): P,
        ("access.no_shared_accounts", "admin:k.bakker"): P,
        ("access.no_shared_accounts", "admin:p.smit"): P,
        ("access.superusers_limited", "system"): P,
        ("access.privileged_access", "admin:k.bakker"): U,  # internal address, ACL not known
        ("access.privileged_access", "admin:p.smit"): P,
        ("credentials.default_or_weak", "admin:k.bakker"): P,
        ("credentials.default_or_weak", "endpoint:300"): P,
        ("credentials.default_or_weak", "endpoint:301"): P,
        ("credentials.reuse", "endpoint:300"): F,
        ("credentials.reuse", "endpoint:301"): F,
        ("credentials.admin_rotation", "password-policy"): U,
        ("sip.endpoint_authentication", "endpoint:300"): P,
        ("sip.endpoint_authentication", "endpoint:301"): P,
        ("dialplan.guest_outbound", "system"): NA,
        ("dialplan.guest_voicemail", "system"): NA,
        ("management.login_required", "management:admin-gui"): U,
        ("sip.unauthenticated_options", "endpoint:300"): U,
        ("sip.unauthenticated_options", "endpoint:301"): U,
        ("sip.version_disclosure", "system"): U,
        ("sip.user_enumeration", "system"): U,
        ("management.not_exposed", "management:admin-gui"): U,
        ("management.tls", "management:admin-gui"): P,
        ("logging.events", "logging:calls"): P,
        ("logging.events", "logging:config_changes"): P,
        ("logging.events", "logging:access_attempts"): U,
        ("logging.retention", "logging"): P,
        ("logging.forwarding", "logging"): U,
        ("recording.consent", "recording"): NA,
        ("recording.access", "recording"): NA,
        ("backup.configured", "backup"): P,
        ("backup.restore_tested", "backup"): F,
        ("capture.sdes_keys_exposed", "system"): NA,
        ("capture.cleartext_digest", "system"): NA,
        ("capture.plain_rtp", "system"): NA,
        ("capture.scanning_activity", "system"): NA,
        ("software.supported", "software:freepbx"): U,  # no lifecycle data
        ("software.patched", "software:freepbx"): U,
        **NOT_IN_AN_EXPORT,
    }


def test_evidence_points_at_file_and_line() -> None:
    result = evaluate([load_target(SAMPLES / "insecure.yaml")], [profiles.load("baseline")])
    sdes = next(f for f in result.targets[0].findings
                if f.finding.check_id == "media.no_sdes_cleartext" and f.finding.status is F)
    source = sdes.finding.evidence[0].source
    assert source is not None
    assert source.location.endswith("insecure.yaml") and source.line == 60
    assert sdes.remediation.startswith("pjsip.conf")  # platform asterisk -> Asterisk advice


def test_detection() -> None:
    assert ExportSource().detect(SAMPLES / "mixed.yaml")
    assert not ExportSource().detect(SAMPLES)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "export.yaml"
    path.write_text("format: voipscan-export/1\n" + text)
    return path


@pytest.mark.parametrize(("body", "line", "fragment"), [
    ("system: {name: x}\nendpoints:\n  - name: a\n    media_encryption: rot13\n", 5,
     "endpoints[0].media_encryption: 'rot13' is not one of"),
    ("system: {name: x}\nlogging:\n  retention_days: -4\n", 4,
     "logging.retention_days: -4 is less than the minimum"),
    ("system: {name: x}\nadmins: []\n", 3, "admins: unknown key 'admins' (allowed: format, "
     "system, password_policy,"),
    ("system: {}\n", 2, "system: missing 'name'"),
    ("system: {name: x}\nendpoints:\n  - name: a\n    secret: {stored: plain, lenght: 3}\n", 5,
     "endpoints[0].secret.lenght: unknown key 'lenght' (allowed: stored, length,"),
    ("system: {name: x}\nsip_transports:\n  - name: t\n    certificate:\n"
     "      not_after: next year\n", 6,
     "sip_transports[0].certificate.not_after: not a valid date 'next year'"),
    ("system: {name: x}\nlogging: {calls: 'yes'}\n", 3,
     "logging.calls: expected true or false, got a string"),
    ("system: {name: x}\nsip_transports:\n  - name: t\n    tls_versions: [tls9]\n", 5,
     "unknown TLS version 'tls9'"),
    ("system: {name: x}\nbackup: {last_restore_test: 2026-02-31}\n", 3,
     "invalid YAML value: day is out of range"),
])
def test_invalid_export_names_path_and_line(tmp_path: Path, body: str, line: int,
                                            fragment: str) -> None:
    path = write(tmp_path, body)
    with pytest.raises(InputError) as error:
        ExportSource().load(path)
    assert error.value.path == str(path)
    assert error.value.line == line
    assert fragment in error.value.message


def test_secrets_are_never_quoted_in_errors(tmp_path: Path) -> None:
    path = write(tmp_path, "system: {name: x}\nadministrators:\n  - name: root\n"
                 "    password: 73519\n    mfa: {enabled: sometimes}\n")
    with pytest.raises(InputError) as error:
        ExportSource().load(path)
    assert error.value.line == 5
    assert error.value.message == ("administrators[0].password: expected a string, got a "
                                   "number (and 1 more problem)")
    assert "73519" not in str(error.value)


def test_null_means_not_known(tmp_path: Path) -> None:
    system = ExportSource().load(write(
        tmp_path, "system: {name: x, version: 18.2}\nendpoints: null\nlogging: null\n")).system
    assert not system.endpoints_known and not system.logging.calls.known
    assert system.version.value == "18.2"


def test_unknown_sections_stay_unknown(tmp_path: Path) -> None:
    result = ExportSource().load(write(tmp_path, "system: {name: bare}\n"))
    system = result.system
    assert not system.admins_known and not system.transports_known
    assert not system.logging.calls.known
    scan = evaluate([result], [profiles.load("baseline")])
    # nothing to assess: an input error (exit 2), never an all-unknown result that passes
    assert not scan.assessments and scan.input_errors and not scan.verdict.passed
    assert scan.targets[0].problems[-1].message == NOTHING_READ


def test_broken_target_is_reported_and_others_still_scanned(tmp_path: Path) -> None:
    broken = write(tmp_path, "system: [not, a, mapping]\n")
    results = [load_target(broken), load_target(SAMPLES / "hardened.yaml")]
    assert results[0].fatal and results[0].problems[0].line == 2
    assert not results[1].fatal
    scan = evaluate(results, [profiles.load("baseline")])
    assert scan.input_errors
    assert [a.target for a in scan.assessments] == [str(SAMPLES / "hardened.yaml")]


def test_webrtc_endpoints_in_an_export_are_judged(tmp_path: Path) -> None:
    path = tmp_path / "webrtc.yaml"
    path.write_text("""\
format: voipscan-export/1
system: {name: web, platform: asterisk}
sip_transports:
  - {name: wss, protocol: wss, bind: 0.0.0.0:8089}
endpoints:
  - {name: browser-dtls, transports: [wss], media_encryption: dtls,
     media_encryption_mandatory: true}
  - {name: browser-sdes, transports: [wss], media_encryption: sdes,
     media_encryption_mandatory: true}
  - {name: desk-phone, transports: [udp], media_encryption: none}
""")
    result = evaluate([load_target(path, "export")], [profiles.load("baseline")])
    found = {f.finding.resource: f.finding.status for f in result.targets[0].findings
             if f.finding.check_id == "media.webrtc_dtls_srtp"}
    assert found == {"endpoint:browser-dtls": P, "endpoint:browser-sdes": F}

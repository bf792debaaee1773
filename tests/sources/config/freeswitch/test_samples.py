"""The FreeSWITCH samples: exact findings, and evidence pointing at the right file and line."""

from __future__ import annotations

from pathlib import Path

from tests.sources.config.freeswitch.helpers import NA, ROOT, F, P, U, findings, statuses, where
from voipscan.sources.config.freeswitch import FreeswitchSource
from voipscan.sources.config.load import load_target
from voipscan.sources.config.registry import detect

SAMPLES = ROOT / "samples" / "freeswitch"
INSECURE = SAMPLES / "insecure"
HARDENED = SAMPLES / "hardened"
IN = "samples/freeswitch/insecure"
HA = "samples/freeswitch/hardened"


def test_insecure_exact_findings() -> None:
    assert statuses(INSECURE) == {
        ("signalling.tls", "transport:external-tcp"): F,
        ("signalling.tls", "transport:external-udp"): F,
        ("signalling.tls", "transport:internal-tcp"): F,
        ("signalling.tls", "transport:internal-udp"): F,
        ("signalling.tls", "transport:legacy-tls-tls"): P,
        ("signalling.tls13", "transport:legacy-tls-tls"): F,
        ("signalling.tls_min_version", "transport:legacy-tls-tls"): F,
        ("signalling.tls_mutual_auth", "transport:legacy-tls-tls"): F,
        ("signalling.tls_peer_verification", "transport:legacy-tls-tls"): F,
        ("signalling.tls_weak_ciphers", "transport:legacy-tls-tls"): F,
        ("media.srtp_mandatory", "endpoint:1000"): F,
        ("media.srtp_mandatory", "endpoint:1001"): F,
        ("media.srtp_mandatory", "endpoint:1002"): F,
        ("media.srtp_mandatory", "endpoint:1003"): F,
        ("media.srtp_mandatory", "endpoint:external-guest"): F,
        ("media.srtp_mandatory", "endpoint:gateway:provider"): F,
        ("media.srtp_mandatory", "endpoint:guest"): F,
        ("media.no_sdes_cleartext", "endpoint:1000"): F,
        ("media.no_sdes_cleartext", "endpoint:1001"): F,
        ("media.no_sdes_cleartext", "endpoint:1002"): F,
        ("media.no_sdes_cleartext", "endpoint:1003"): F,
        ("media.no_sdes_cleartext", "endpoint:external-guest"): F,
        ("media.no_sdes_cleartext", "endpoint:gateway:provider"): NA,
        ("media.no_sdes_cleartext", "endpoint:guest"): F,
        ("media.srtp_weak_parameters", "endpoint:1000"): F,
        ("media.srtp_weak_parameters", "endpoint:1001"): F,
        ("media.srtp_weak_parameters", "endpoint:1002"): F,
        ("media.srtp_weak_parameters", "endpoint:1003"): F,
        ("media.srtp_weak_parameters", "endpoint:external-guest"): F,
        ("media.srtp_weak_parameters", "endpoint:gateway:provider"): NA,
        ("media.srtp_weak_parameters", "endpoint:guest"): F,
        ("access.admin_mfa", "admin:event-socket"): U,
        ("access.admin_mfa", "admin:xml-rpc:freeswitch"): U,
        ("access.rbac", "admin:event-socket"): F,
        ("access.rbac", "admin:xml-rpc:freeswitch"): F,
        ("access.no_shared_accounts", "admin:event-socket"): F,
        ("access.no_shared_accounts", "admin:xml-rpc:freeswitch"): F,
        ("access.superusers_limited", "system"): P,
        ("credentials.default_or_weak", "admin:event-socket"): F,
        ("credentials.default_or_weak", "admin:xml-rpc:freeswitch"): F,
        ("credentials.default_or_weak", "endpoint:1000"): F,
        ("credentials.default_or_weak", "endpoint:1001"): F,
        ("credentials.default_or_weak", "endpoint:1002"): F,
        ("credentials.default_or_weak", "endpoint:1003"): U,
        ("credentials.default_or_weak", "endpoint:gateway:provider"): F,
        ("credentials.default_or_weak", "endpoint:guest"): F,
        ("credentials.default_or_weak", "management:event-socket"): F,
        ("credentials.default_or_weak", "management:xml-rpc"): F,
        # vm-password equal to the extension
        ("credentials.default_or_weak", "voicemail:1000"): F,
        ("credentials.default_or_weak", "voicemail:1001"): F,
        ("credentials.reuse", "endpoint:1000"): F,
        ("credentials.reuse", "endpoint:1001"): F,
        ("sip.endpoint_authentication", "endpoint:1000"): P,
        ("sip.endpoint_authentication", "endpoint:1001"): P,
        ("sip.endpoint_authentication", "endpoint:1002"): F,
        ("sip.endpoint_authentication", "endpoint:1003"): P,
        ("sip.endpoint_authentication", "endpoint:external-guest"): F,
        ("sip.endpoint_authentication", "endpoint:gateway:provider"): F,
        ("sip.endpoint_authentication", "endpoint:guest"): F,
        ("dialplan.guest_outbound", "endpoint:external-guest"): F,
        ("dialplan.guest_outbound", "endpoint:gateway:provider"): F,
        ("dialplan.guest_outbound", "endpoint:guest"): F,
        ("dialplan.guest_voicemail", "endpoint:external-guest"): F,
        ("dialplan.guest_voicemail", "endpoint:gateway:provider"): F,
        ("dialplan.guest_voicemail", "endpoint:guest"): F,
        ("dialplan.guest_outbound", "endpoint:1002"): U,  # trusted by its cidr
        ("dialplan.guest_voicemail", "endpoint:1002"): U,
        ("management.not_exposed", "management:event-socket"): F,
        ("management.not_exposed", "management:xml-rpc"): F,
        ("management.tls", "management:event-socket"): F,
        ("management.tls", "management:xml-rpc"): F,
        ("management.login_required", "management:event-socket"): P,
        ("management.login_required", "management:xml-rpc"): P,
        ("logging.events", "logging:calls"): F,
        ("logging.events", "logging:config_changes"): U,
        ("logging.events", "logging:access_attempts"): F,
        ("logging.forwarding", "logging"): F,
    }


def test_insecure_evidence_points_at_file_and_line() -> None:
    found = findings(INSECURE)
    password = found[("credentials.default_or_weak", "endpoint:1000")]
    assert where(password, "secret") == (f"{IN}/directory/default/1000.xml", 4)
    source = password.evidence[0].source
    assert source is not None and f"$${{default_password}} ({INSECURE}/vars.xml:3)" in source.detail
    assert "1234" not in str(password)  # the secret itself is never part of a finding
    esl = found[("credentials.default_or_weak", "management:event-socket")]
    assert where(esl, "default_credentials") == (
        f"{IN}/autoload_configs/event_socket.conf.xml", 6)
    exposed = found[("management.not_exposed", "management:event-socket")]
    assert where(exposed, "bind") == (f"{IN}/autoload_configs/event_socket.conf.xml", 4)
    assert exposed.evidence[1].value == "[::]:8021"
    udp = found[("signalling.tls", "transport:external-udp")]
    assert where(udp, "bind") == (f"{IN}/sip_profiles/external.xml", 10)
    old_tls = found[("signalling.tls_min_version", "transport:legacy-tls-tls")]
    assert where(old_tls, "tls_versions") == (f"{IN}/sip_profiles/legacy-tls.xml", 12)
    assert "TLSv1.0, TLSv1.1" in old_tls.message
    guest = found[("sip.endpoint_authentication", "endpoint:external-guest")]
    assert where(guest, "auth_type") == (f"{IN}/sip_profiles/external.xml", 9)
    out = found[("dialplan.guest_outbound", "endpoint:external-guest")]
    assert where(out, "reaches_outbound") == (f"{IN}/dialplan/public.xml", 23)
    assert "sofia/gateway/provider/" in out.evidence[0].note
    mailbox = found[("dialplan.guest_voicemail", "endpoint:external-guest")]
    assert where(mailbox, "reaches_voicemail") == (f"{IN}/dialplan/public.xml", 29)
    fax = found[("sip.endpoint_authentication", "endpoint:1002")]
    assert where(fax, "auth_type") == (f"{IN}/directory/default/1002.xml", 3)
    assert "cidr=192.0.2.0/24" in fax.evidence[0].note
    reused = found[("credentials.reuse", "endpoint:1001")]
    assert where(reused, "endpoint:1000") == (f"{IN}/directory/default/1000.xml", 4)


def test_hardened_exact_findings() -> None:
    assert statuses(HARDENED) == {
        ("signalling.tls", "transport:external-tls"): P,
        ("signalling.tls", "transport:internal-tls"): P,
        ("signalling.tls13", "transport:external-tls"): P,
        ("signalling.tls13", "transport:internal-tls"): P,
        ("signalling.tls_min_version", "transport:external-tls"): P,
        ("signalling.tls_min_version", "transport:internal-tls"): P,
        ("signalling.tls_mutual_auth", "transport:external-tls"): P,
        ("signalling.tls_mutual_auth", "transport:internal-tls"): P,
        ("signalling.tls_peer_verification", "transport:external-tls"): P,
        ("signalling.tls_peer_verification", "transport:internal-tls"): P,
        ("signalling.tls_weak_ciphers", "transport:external-tls"): P,
        ("signalling.tls_weak_ciphers", "transport:internal-tls"): P,
        ("media.srtp_mandatory", "endpoint:1000"): P,
        ("media.srtp_mandatory", "endpoint:1001"): P,
        ("media.srtp_mandatory", "endpoint:1002"): P,
        ("media.srtp_mandatory", "endpoint:gateway:provider"): P,
        ("media.no_sdes_cleartext", "endpoint:1000"): P,
        ("media.no_sdes_cleartext", "endpoint:1001"): P,
        ("media.no_sdes_cleartext", "endpoint:1002"): P,
        ("media.no_sdes_cleartext", "endpoint:gateway:provider"): P,
        ("media.srtp_weak_parameters", "endpoint:1000"): P,
        ("media.srtp_weak_parameters", "endpoint:1001"): P,
        ("media.srtp_weak_parameters", "endpoint:1002"): P,
        ("media.srtp_weak_parameters", "endpoint:gateway:provider"): P,
        # FreeSWITCH has no MFA, no roles: one shared event socket password
        ("access.admin_mfa", "admin:event-socket"): U,
        ("access.rbac", "admin:event-socket"): F,
        ("access.no_shared_accounts", "admin:event-socket"): F,
        ("access.superusers_limited", "system"): P,
        ("credentials.default_or_weak", "admin:event-socket"): P,
        ("credentials.default_or_weak", "endpoint:1000"): P,
        ("credentials.default_or_weak", "endpoint:1001"): P,
        ("credentials.default_or_weak", "endpoint:1002"): U,  # a1-hash: strength unknown
        ("credentials.default_or_weak", "endpoint:gateway:provider"): P,
        ("credentials.default_or_weak", "management:event-socket"): P,
        ("credentials.reuse", "system"): P,
        ("sip.endpoint_authentication", "endpoint:1000"): P,
        ("sip.endpoint_authentication", "endpoint:1001"): P,
        ("sip.endpoint_authentication", "endpoint:1002"): P,
        ("sip.endpoint_authentication", "endpoint:gateway:provider"): P,
        ("dialplan.guest_outbound", "system"): NA,
        ("dialplan.guest_voicemail", "system"): NA,
        ("management.not_exposed", "management:event-socket"): P,
        ("management.tls", "management:event-socket"): P,
        ("management.login_required", "management:event-socket"): P,
        ("logging.events", "logging:calls"): P,
        ("logging.events", "logging:config_changes"): U,
        ("logging.events", "logging:access_attempts"): P,
        ("logging.forwarding", "logging"): P,
    }


def test_hardened_evidence_points_at_file_and_line() -> None:
    found = findings(HARDENED)
    srtp = found[("media.srtp_mandatory", "endpoint:1000")]
    assert where(srtp, "media_encryption") == (f"{HA}/vars.xml", 7)
    tls13 = found[("signalling.tls13", "transport:internal-tls")]
    assert where(tls13, "tls_versions") == (f"{HA}/sip_profiles/internal.xml", 13)
    verify = found[("signalling.tls_peer_verification", "transport:external-tls")]
    assert where(verify, "verify_peer") == (f"{HA}/sip_profiles/external.xml", 17)
    esl = found[("management.not_exposed", "management:event-socket")]
    assert where(esl, "exposure") == (f"{HA}/autoload_configs/event_socket.conf.xml", 3)
    mfa = found[("access.admin_mfa", "admin:event-socket")]
    assert "no multi-factor authentication" in mfa.message


def test_samples_have_no_problems() -> None:
    for sample in (INSECURE, HARDENED):
        assert load_target(sample).problems == ()


def test_detection() -> None:
    source = FreeswitchSource()
    assert source.detect(INSECURE)
    assert source.detect(INSECURE / "freeswitch.xml")
    assert not source.detect(INSECURE / "vars.xml")
    assert not source.detect(ROOT / "samples" / "export")
    assert detect(HARDENED).name == "freeswitch"


def test_detects_a_tree_without_freeswitch_xml(tmp_path: Path) -> None:
    (tmp_path / "sip_profiles").mkdir()
    (tmp_path / "vars.xml").write_text('<include>\n<X-PRE-PROCESS cmd="set" data="a=b"/>\n'
                                       "</include>\n")
    assert detect(tmp_path).name == "freeswitch"
    result = load_target(tmp_path)
    assert not result.fatal
    assert "stock layout" in result.problems[0].message
    assert not result.system.transports_known  # no sofia.conf: profiles unknown

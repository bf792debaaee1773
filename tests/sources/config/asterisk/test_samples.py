"""Asterisk sample trees and the stock sample config: exact findings and their file/line."""

from __future__ import annotations

from tests.sources.config.asterisk.helpers import HERE, NA, ROOT, F, P, U, scan, statuses, where
from voipscan.facts import AuthType, EndpointKind, TlsVersion
from voipscan.sources.config.asterisk import AsteriskSource
from voipscan.sources.config.freepbx import FreePbxSource

INSECURE = ROOT / "samples" / "asterisk" / "insecure"
HARDENED = ROOT / "samples" / "asterisk" / "hardened"
STOCK = HERE / "stock"


def test_insecure_tree_exact_findings() -> None:
    result, found = scan(INSECURE)
    assert result.target.format == "asterisk"
    assert result.problems == ()
    assert statuses(found) == {
        ("signalling.tls", "transport:transport-udp"): F,
        ("signalling.tls", "transport:transport-tls"): P,
        ("signalling.tls", "transport:sip-udp"): F,
        ("signalling.tls13", "transport:transport-tls"): F,
        ("signalling.tls_min_version", "transport:transport-tls"): F,
        ("signalling.tls_peer_verification", "transport:transport-tls"): F,
        ("signalling.tls_weak_ciphers", "transport:transport-tls"): F,
        ("media.srtp_mandatory", "endpoint:100"): P,
        ("media.srtp_mandatory", "endpoint:101"): P,
        ("media.srtp_mandatory", "endpoint:102"): F,
        ("media.srtp_mandatory", "endpoint:anonymous"): F,
        ("media.srtp_mandatory", "endpoint:provider"): F,
        ("media.srtp_mandatory", "endpoint:sip-guest"): F,
        ("media.srtp_mandatory", "endpoint:doorphone"): F,
        ("media.no_sdes_cleartext", "endpoint:100"): F,
        ("media.no_sdes_cleartext", "endpoint:101"): F,
        ("media.no_sdes_cleartext", "endpoint:102"): P,
        ("media.no_sdes_cleartext", "endpoint:anonymous"): NA,
        ("media.no_sdes_cleartext", "endpoint:provider"): NA,
        ("media.no_sdes_cleartext", "endpoint:sip-guest"): NA,
        ("media.no_sdes_cleartext", "endpoint:doorphone"): NA,
        ("access.admin_mfa", "admin:admin"): U,
        ("access.admin_mfa", "admin:panel"): U,
        ("access.admin_mfa", "admin:ari/asterisk"): U,
        ("access.user_mfa", "system"): U,
        ("access.rbac", "admin:admin"): F,
        ("access.rbac", "admin:panel"): F,
        ("access.rbac", "admin:ari/asterisk"): F,
        ("access.no_shared_accounts", "admin:admin"): F,
        ("access.no_shared_accounts", "admin:panel"): U,
        ("access.no_shared_accounts", "admin:ari/asterisk"): U,
        ("access.superusers_limited", "system"): F,
        ("credentials.default_or_weak", "admin:admin"): F,
        ("credentials.default_or_weak", "admin:panel"): P,
        ("credentials.default_or_weak", "admin:ari/asterisk"): F,
        ("credentials.default_or_weak", "endpoint:100"): F,
        ("credentials.default_or_weak", "endpoint:101"): F,
        ("credentials.default_or_weak", "endpoint:102"): P,
        ("credentials.default_or_weak", "endpoint:doorphone"): F,
        ("credentials.default_or_weak", "management:ami"): F,
        ("credentials.default_or_weak", "management:http"): P,
        ("credentials.reuse", "system"): P,
        ("sip.endpoint_authentication", "endpoint:100"): P,
        ("sip.endpoint_authentication", "endpoint:101"): P,
        ("sip.endpoint_authentication", "endpoint:102"): P,
        ("sip.endpoint_authentication", "endpoint:anonymous"): F,
        ("sip.endpoint_authentication", "endpoint:provider"): F,
        ("sip.endpoint_authentication", "endpoint:sip-guest"): F,
        ("sip.endpoint_authentication", "endpoint:doorphone"): F,
        ("dialplan.guest_outbound", "endpoint:anonymous"): F,
        ("dialplan.guest_outbound", "endpoint:provider"): F,
        ("dialplan.guest_outbound", "endpoint:sip-guest"): P,
        ("dialplan.guest_voicemail", "endpoint:anonymous"): F,
        ("dialplan.guest_voicemail", "endpoint:provider"): F,
        ("dialplan.guest_voicemail", "endpoint:sip-guest"): F,
        ("sip.unauthenticated_options", "endpoint:100"): P,
        ("sip.unauthenticated_options", "endpoint:101"): F,
        ("sip.unauthenticated_options", "endpoint:102"): P,
        ("sip.unauthenticated_options", "endpoint:anonymous"): F,  # no inbound auth
        ("credentials.default_or_weak", "endpoint:provider"): F,  # outbound password, 11 chars
        ("dialplan.guest_outbound", "endpoint:doorphone"): F,  # insecure=invite: trusted address
        ("dialplan.guest_voicemail", "endpoint:doorphone"): F,
        ("sip.unauthenticated_options", "endpoint:provider"): F,  # identified by address, no auth=
        ("sip.unauthenticated_options", "endpoint:sip-guest"): F,
        ("sip.unauthenticated_options", "endpoint:doorphone"): F,
        ("management.not_exposed", "management:ami"): F,
        ("management.not_exposed", "management:http"): F,
        ("management.tls", "management:ami"): F,
        ("management.tls", "management:http"): F,
        ("management.login_required", "management:ami"): P,
        ("management.login_required", "management:http"): P,
        ("logging.events", "logging:calls"): P,
        ("logging.events", "logging:config_changes"): U,
        ("logging.events", "logging:access_attempts"): F,
        ("logging.forwarding", "logging"): F,
        ("recording.consent", "recording"): F,
    }


def test_insecure_findings_point_at_file_and_line() -> None:
    _, found = scan(INSECURE)
    expected = {
        ("signalling.tls_min_version", "transport:transport-tls"): ("pjsip.conf", 20),
        ("signalling.tls_weak_ciphers", "transport:transport-tls"): ("pjsip.conf", 19),
        # media_encryption comes from the [office-phone] template, not from [100]
        ("media.no_sdes_cleartext", "endpoint:100"): ("pjsip.conf", 29),
        ("credentials.default_or_weak", "endpoint:100"): ("pjsip.conf", 40),
        ("credentials.default_or_weak", "admin:admin"): ("manager.conf", 8),
        ("sip.endpoint_authentication", "endpoint:provider"): ("trunk.conf", 21),
        ("sip.endpoint_authentication", "endpoint:doorphone"): ("sip.conf", 14),
        ("dialplan.guest_outbound", "endpoint:anonymous"): ("extensions.conf", 10),
        ("dialplan.guest_voicemail", "endpoint:sip-guest"): ("extensions.conf", 32),
        ("management.not_exposed", "management:ami"): ("manager.conf", 5),
        ("recording.consent", "recording"): ("extensions.conf", 16),
        ("logging.events", "logging:access_attempts"): ("logger.conf", 3),
    }
    assert {key: where(found[key]) for key in expected} == expected
    route = found[("dialplan.guest_outbound", "endpoint:provider")].evidence[0].note
    assert route == ("dials out: from-provider > internal > outbound, exten _00X. "
                     "Dial(PJSIP/${EXTEN}@provider,60)")


def test_insecure_facts() -> None:
    result, _ = scan(INSECURE)
    system = result.system
    transports = {t.name: t for t in system.transports}
    assert transports["transport-tls"].tls_versions.value == frozenset({TlsVersion.TLS1_0})
    assert transports["transport-tls"].weak_ciphers.value == ("ADH-AES256-SHA", "ADH-AES128-SHA")
    endpoints = {e.name: e for e in system.endpoints}
    assert endpoints["anonymous"].kind is EndpointKind.GUEST
    assert endpoints["provider"].auth_type.value is AuthType.NONE
    assert "198.51.100.0/22" in endpoints["provider"].auth_type.note
    assert endpoints["101"].secret.value is not None and endpoints["101"].secret.value.common
    admins = {a.name: a for a in system.admins}
    assert admins["admin"].superuser.value is True
    assert admins["panel"].permissions.value == ("read:call", "read:agent", "read:user",
                                                 "write:call", "write:originate")
    assert admins["admin"].mfa.enabled.value is None
    assert admins["admin"].mfa.enabled.note == ("Asterisk has no MFA: evidence required from "
                                                "the management layer")
    assert system.recording.enabled.value is True and system.recording.consent_notice.value is False
    assert system.user_enumeration.value is True  # chan_sip alwaysauthreject=no


def test_hardened_tree_exact_findings() -> None:
    result, found = scan(HARDENED)
    assert result.problems == ()
    assert statuses(found) == {
        ("signalling.tls", "transport:transport-tls"): P,
        ("signalling.tls13", "transport:transport-tls"): P,
        ("signalling.tls_min_version", "transport:transport-tls"): P,
        ("signalling.tls_peer_verification", "transport:transport-tls"): P,
        ("signalling.tls_weak_ciphers", "transport:transport-tls"): P,
        ("media.srtp_mandatory", "endpoint:200"): P,
        ("media.srtp_mandatory", "endpoint:201"): P,
        ("media.srtp_mandatory", "endpoint:provider"): P,
        ("media.no_sdes_cleartext", "endpoint:200"): NA,  # DTLS-SRTP
        ("media.no_sdes_cleartext", "endpoint:201"): NA,
        ("media.no_sdes_cleartext", "endpoint:provider"): NA,
        ("access.admin_mfa", "admin:monitoring"): U,
        ("access.user_mfa", "system"): U,
        ("access.rbac", "admin:monitoring"): P,
        ("access.no_shared_accounts", "admin:monitoring"): U,
        ("access.superusers_limited", "system"): P,
        ("credentials.default_or_weak", "admin:monitoring"): P,
        ("credentials.default_or_weak", "endpoint:200"): P,
        ("credentials.default_or_weak", "endpoint:201"): P,
        ("credentials.default_or_weak", "endpoint:provider"): P,
        ("credentials.default_or_weak", "management:ami"): P,
        ("credentials.reuse", "system"): P,
        ("sip.endpoint_authentication", "endpoint:200"): P,
        ("sip.endpoint_authentication", "endpoint:201"): P,
        ("sip.endpoint_authentication", "endpoint:provider"): P,
        ("dialplan.guest_outbound", "system"): NA,
        ("dialplan.guest_voicemail", "system"): NA,
        ("sip.unauthenticated_options", "endpoint:200"): P,
        ("sip.unauthenticated_options", "endpoint:201"): P,
        ("sip.unauthenticated_options", "endpoint:provider"): P,
        ("management.not_exposed", "management:ami"): P,
        ("management.tls", "management:ami"): P,
        ("management.login_required", "management:ami"): P,
        ("logging.events", "logging:calls"): P,
        ("logging.events", "logging:config_changes"): U,
        ("logging.events", "logging:access_attempts"): P,
        ("logging.forwarding", "logging"): P,
        ("recording.consent", "recording"): P,
    }
    assert not [key for key, finding in found.items() if finding.status is F]


def test_stock_sample_config_findings() -> None:
    """What a reviewer expects from the shipped samples: guests in [public] reaching the demo
    voicemail, TLSv1 with anonymous DH, sample passwords, no security log."""
    result, found = scan(STOCK, "asterisk")
    assert result.problems == ()
    assert statuses(found) == {
        ("signalling.tls", "transport:transport-udp"): F,
        ("signalling.tls", "transport:transport-tls"): P,
        ("signalling.tls", "transport:sip-udp"): F,
        ("signalling.tls13", "transport:transport-tls"): F,
        ("signalling.tls_min_version", "transport:transport-tls"): F,
        ("signalling.tls_peer_verification", "transport:transport-tls"): F,
        ("signalling.tls_weak_ciphers", "transport:transport-tls"): F,
        ("media.srtp_mandatory", "endpoint:mytrunk"): F,
        ("media.srtp_mandatory", "endpoint:6001"): F,
        ("media.srtp_mandatory", "endpoint:sip-guest"): F,
        ("media.no_sdes_cleartext", "endpoint:mytrunk"): NA,
        ("media.no_sdes_cleartext", "endpoint:6001"): NA,
        ("media.no_sdes_cleartext", "endpoint:sip-guest"): NA,
        ("access.admin_mfa", "system"): NA,
        ("access.user_mfa", "system"): U,
        ("access.rbac", "system"): NA,
        ("access.no_shared_accounts", "system"): NA,
        ("access.superusers_limited", "system"): NA,  # no AMI user at all
        ("credentials.default_or_weak", "endpoint:6001"): F,
        ("credentials.reuse", "system"): P,
        ("sip.endpoint_authentication", "endpoint:mytrunk"): F,
        ("sip.endpoint_authentication", "endpoint:6001"): P,
        ("sip.endpoint_authentication", "endpoint:sip-guest"): F,
        ("dialplan.guest_outbound", "endpoint:sip-guest"): P,
        ("dialplan.guest_voicemail", "endpoint:sip-guest"): F,
        ("sip.unauthenticated_options", "endpoint:mytrunk"): F,  # identified by address, no auth=
        ("credentials.default_or_weak", "endpoint:mytrunk"): F,  # outbound password = user
        ("dialplan.guest_outbound", "endpoint:mytrunk"): P,  # address-trusted: judged
        ("dialplan.guest_voicemail", "endpoint:mytrunk"): P,
        ("sip.unauthenticated_options", "endpoint:6001"): P,
        ("sip.unauthenticated_options", "endpoint:sip-guest"): F,
        ("management.not_exposed", "system"): NA,
        ("management.tls", "system"): NA,
        ("management.login_required", "system"): NA,
        ("logging.events", "logging:calls"): P,
        ("logging.events", "logging:config_changes"): U,
        ("logging.events", "logging:access_attempts"): F,
        ("logging.forwarding", "logging"): F,
        ("recording.consent", "recording"): NA,
    }
    assert where(found[("dialplan.guest_voicemail", "endpoint:sip-guest")]) == ("extensions.conf",
                                                                               109)
    assert found[("dialplan.guest_voicemail", "endpoint:sip-guest")].evidence[0].note == (
        "reaches VoiceMailMain: public > demo, exten 8500 VoiceMailMain()")


def test_stock_dialplan_trunk_contexts_dial_out() -> None:
    """The sample's [local]/[international] reach DAHDI/G2 through ${GLOBAL(TRUNK)}."""
    from voipscan.sources.config.asterisk.conf import load_conf
    from voipscan.sources.config.asterisk.dialplan import build_dialplan
    from voipscan.sources.config.asterisk.tree import DiskTree

    dialplan = build_dialplan(load_conf(DiskTree(STOCK), ["extensions.conf"]))
    for context in ("local", "longdistance", "international", "trunklocal", "iax2-trunk"):
        assert dialplan.reach(context).outbound is not None, context
    for context in ("public", "default", "demo", "page"):
        assert dialplan.reach(context).outbound is None, context
    assert dialplan.reach("public").voicemail is not None


def test_detection() -> None:
    source = AsteriskSource()
    assert source.detect(INSECURE) and source.detect(HARDENED) and source.detect(STOCK)
    assert not source.detect(INSECURE / "pjsip.conf")
    assert not source.detect(ROOT / "samples" / "export")
    assert not FreePbxSource().detect(INSECURE)

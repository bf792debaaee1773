"""FreeSWITCH's stock (vanilla) configuration: what a reviewer expects voipscan to say."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.sources.config.freeswitch.helpers import NA, F, P, U, findings, statuses, where
from voipscan.facts import TlsVersion
from voipscan.sources.config.freeswitch.config import FsConfig
from voipscan.sources.config.freeswitch.dialplan import contexts
from voipscan.sources.config.freeswitch.preprocess import load_config as load_tree
from voipscan.sources.config.freeswitch.profiles import sofia_profiles
from voipscan.sources.config.freeswitch.reach import Dialplan
from voipscan.sources.config.load import load_target

STOCK = Path(__file__).with_name("stock")
SHOWN = str(STOCK)
REL = "tests/sources/config/freeswitch/stock"

EXPECTED = {
    # default_password=1234 shared by the stock users; "default" registers without one
    ("credentials.default_or_weak", "endpoint:1000"): F,
    ("credentials.default_or_weak", "endpoint:1001"): F,
    ("credentials.default_or_weak", "endpoint:brian"): F,
    ("credentials.default_or_weak", "endpoint:default"): F,
    # vm-password equal to the extension, or 9999 (brian)
    ("credentials.default_or_weak", "voicemail:1000"): F,
    ("credentials.default_or_weak", "voicemail:1001"): F,
    ("credentials.default_or_weak", "voicemail:brian"): F,
    ("credentials.reuse", "endpoint:1000"): F,
    ("credentials.reuse", "endpoint:1001"): F,
    ("credentials.reuse", "endpoint:brian"): F,
    # event socket: ClueCon on all interfaces, no ACL, no TLS, one full-rights password
    ("credentials.default_or_weak", "admin:event-socket"): F,
    ("credentials.default_or_weak", "management:event-socket"): F,
    ("management.not_exposed", "management:event-socket"): F,
    ("management.tls", "management:event-socket"): F,
    ("management.login_required", "management:event-socket"): P,
    ("access.admin_mfa", "admin:event-socket"): U,
    ("access.rbac", "admin:event-socket"): F,
    ("access.no_shared_accounts", "admin:event-socket"): F,
    ("access.superusers_limited", "system"): P,
    # tls=false on both profiles: cleartext SIP only
    ("signalling.tls", "transport:internal-udp"): F,
    ("signalling.tls", "transport:internal-tcp"): F,
    ("signalling.tls", "transport:external-udp"): F,
    ("signalling.tls", "transport:external-tcp"): F,
    ("signalling.tls13", "system"): NA,
    ("signalling.tls_min_version", "system"): NA,
    ("signalling.tls_peer_verification", "system"): NA,
    ("signalling.tls_weak_ciphers", "system"): NA,
    ("signalling.tls_mutual_auth", "system"): NA,
    # rtp_secure_media unset: SRTP only when offered, plain RTP on calls to phones
    ("media.srtp_mandatory", "endpoint:1000"): F,
    ("media.srtp_mandatory", "endpoint:1001"): F,
    ("media.srtp_mandatory", "endpoint:brian"): F,
    ("media.srtp_mandatory", "endpoint:default"): F,
    ("media.srtp_mandatory", "endpoint:external-guest"): F,
    # SDES taken when a phone offers it, with every built-in suite (the 32-bit tags and
    # AES_CM_128_NULL_AUTH included), its keys over UDP/TCP
    ("media.no_sdes_cleartext", "endpoint:1000"): F,
    ("media.no_sdes_cleartext", "endpoint:1001"): F,
    ("media.no_sdes_cleartext", "endpoint:brian"): F,
    ("media.no_sdes_cleartext", "endpoint:default"): F,
    ("media.no_sdes_cleartext", "endpoint:external-guest"): F,
    ("media.srtp_weak_parameters", "endpoint:1000"): F,
    ("media.srtp_weak_parameters", "endpoint:1001"): F,
    ("media.srtp_weak_parameters", "endpoint:brian"): F,
    ("media.srtp_weak_parameters", "endpoint:default"): F,
    ("media.srtp_weak_parameters", "endpoint:external-guest"): F,
    # external auth-calls=false, brian's cidr bypass, the password-less "default" user
    ("sip.endpoint_authentication", "endpoint:1000"): P,
    ("sip.endpoint_authentication", "endpoint:1001"): P,
    ("sip.endpoint_authentication", "endpoint:brian"): F,
    ("sip.endpoint_authentication", "endpoint:default"): F,
    ("sip.endpoint_authentication", "endpoint:external-guest"): F,
    # ... but the public context only hands 10xx and one DID to default: no way out
    ("dialplan.guest_outbound", "endpoint:default"): P,
    ("dialplan.guest_outbound", "endpoint:external-guest"): P,
    ("dialplan.guest_voicemail", "endpoint:default"): P,
    ("dialplan.guest_voicemail", "endpoint:external-guest"): P,
    # trusted by its cidr: what its context reaches is not worked out
    ("dialplan.guest_outbound", "endpoint:brian"): U,
    ("dialplan.guest_voicemail", "endpoint:brian"): U,
    ("logging.events", "logging:calls"): P,
    ("logging.events", "logging:config_changes"): U,
    ("logging.events", "logging:access_attempts"): F,
    ("logging.forwarding", "logging"): F,
}


def test_stock_configuration_exact_findings() -> None:
    assert load_target(STOCK).problems == ()
    assert statuses(STOCK) == EXPECTED


def test_stock_findings_point_at_the_stock_settings() -> None:
    found = findings(STOCK)
    password = found[("credentials.default_or_weak", "endpoint:1000")]
    assert where(password, "secret")[1] == 5
    source = password.evidence[0].source
    assert source is not None and f"({SHOWN}/vars.xml:3)" in source.detail
    esl = found[("credentials.default_or_weak", "management:event-socket")]
    assert where(esl, "default_credentials") == (
        f"{REL}/autoload_configs/event_socket.conf.xml", 7)
    guest = found[("sip.endpoint_authentication", "endpoint:external-guest")]
    assert where(guest, "auth_type") == (f"{REL}/sip_profiles/external.xml", 18)
    auth_log = found[("logging.events", "logging:access_attempts")]
    assert where(auth_log, "access_attempts")[0] in (
        f"{REL}/sip_profiles/internal.xml", "freeswitch")
    out = found[("dialplan.guest_outbound", "endpoint:external-guest")]
    assert "dial strings tried" in out.evidence[0].note


def test_stock_tls_would_allow_tls_1_0_when_switched_on() -> None:
    profiles = sofia_profiles(FsConfig(load_tree(STOCK)))
    assert profiles is not None
    internal = next(p for p in profiles if p.name == "internal")
    assert internal.tls_enabled.value is False
    assert internal.tls_versions().value == frozenset(
        {TlsVersion.TLS1_0, TlsVersion.TLS1_1, TlsVersion.TLS1_2})


def test_stock_default_context_can_dial_out_for_authenticated_users() -> None:
    document = load_tree(STOCK)
    found = contexts(FsConfig(document))
    assert found is not None
    known = {k: v.value for k, v in document.variables.items() if v.value is not None}
    reach = Dialplan(found, known).reach("default", authorized=True)
    assert reach.outbound.value is True and "sofia/external/" in reach.outbound.note
    assert reach.voicemail.value is True


def test_current_releases_listen_on_ipv6_any_with_the_same_findings(tmp_path: Path) -> None:
    tree = tmp_path / "conf"
    shutil.copytree(STOCK, tree)
    esl = tree / "autoload_configs/event_socket.conf.xml"
    esl.write_text(esl.read_text().replace('value="0.0.0.0"', 'value="::"'))
    assert statuses(tree) == EXPECTED
    exposed = findings(tree)[("management.not_exposed", "management:event-socket")]
    assert exposed.evidence[1].value == "[::]:8021"


def test_every_fixture_names_the_upstream_file_it_mirrors() -> None:
    for path in STOCK.rglob("*.xml"):
        head = "".join(path.read_text().splitlines(keepends=True)[:2])
        assert "mirrors signalwire/freeswitch conf/vanilla/" in head, path

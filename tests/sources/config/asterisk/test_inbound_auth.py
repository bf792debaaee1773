"""pjsip inbound authentication as res_pjsip applies it; chan_sip peers; ACLs that keep
addresses out (and those that only look like they do)."""

from __future__ import annotations

import pytest

from tests.sources.config.asterisk.trees import system_of, verdicts
from voipscan.checks import Status
from voipscan.facts import AuthType, MediaEncryption

P, F, U, NA = Status.PASS, Status.FAIL, Status.UNKNOWN, Status.NOT_APPLICABLE

TRANSPORT = "[udp]\ntype=transport\nprotocol=udp\nbind=0.0.0.0\n"
DIALPLAN = ("[from-trunk]\ninclude => features\n"
            "[features]\nexten => 2565551234,1,VoiceMailMain(example)\n")


def pjsip(objects: str) -> dict[str, str]:
    return {"pjsip.conf": TRANSPORT + objects, "extensions.conf": DIALPLAN}


def test_an_identify_without_match_authenticates_nobody() -> None:
    files = pjsip("[trunk]\ntype=endpoint\ncontext=from-trunk\noutbound_auth=trunk-auth\n"
                  "[trunk-auth]\ntype=auth\nauth_type=userpass\n"
                  "[trunk-identify]\ntype=identify\nendpoint=trunk\n;match = 8.17.32.12\n")
    (trunk,) = system_of(files).endpoints
    assert trunk.auth_type.value is AuthType.NONE and not trunk.ip_auth_only.value
    assert verdicts("sip.endpoint_authentication", files)["endpoint:trunk"] is F
    assert verdicts("sip.unauthenticated_options", files)["endpoint:trunk"] is F
    assert verdicts("dialplan.guest_voicemail", files)["endpoint:trunk"] is F  # via include
    assert verdicts("dialplan.guest_outbound", files)["endpoint:trunk"] is P


def test_address_and_header_identification() -> None:
    files = pjsip("[ip]\ntype=endpoint\ncontext=from-trunk\n"
                  "[ip-id]\ntype=identify\nendpoint=ip\nmatch=192.0.2.10\n"
                  "[hdr]\ntype=endpoint\ncontext=from-trunk\n"
                  "[hdr-id]\ntype=identify\nendpoint=hdr\nmatch_header=X-Trunk: yes\n")
    auth = {e.name: (e.auth_type.value, e.ip_auth_only.value)
            for e in system_of(files).endpoints}
    assert auth == {"ip": (AuthType.IP, True), "hdr": (AuthType.NONE, False)}
    options = verdicts("sip.unauthenticated_options", files)
    assert options == {"endpoint:ip": F, "endpoint:hdr": F}  # neither is ever challenged
    # an address-trusted trunk is judged for what its context reaches
    assert verdicts("dialplan.guest_voicemail", files)["endpoint:ip"] is F


def test_options_of_endpoints_with_inbound_auth_follow_the_setting() -> None:
    files = pjsip("[100]\ntype=endpoint\nauth=100\n[101]\ntype=endpoint\nauth=101\n"
                  "allow_unauthenticated_options=yes\n"
                  "[100]\ntype=auth\npassword=Zq8#vLw2!xRzTt\n"
                  "[101]\ntype=auth\npassword=Yq8#vLw2!xRzTt\n")
    assert verdicts("sip.unauthenticated_options", files) == {"endpoint:100": P,
                                                               "endpoint:101": F}


def test_webrtc_means_dtls_srtp() -> None:
    files = pjsip("[web]\ntype=endpoint\nauth=web\nwebrtc=yes\n"
                  "[web]\ntype=auth\npassword=Zq8#vLw2!xRzTt\n")
    (web,) = system_of(files).endpoints
    assert web.media_encryption.value is MediaEncryption.DTLS
    assert verdicts("media.srtp_mandatory", files)["endpoint:web"] is P
    assert verdicts("media.dtls_srtp", files)["endpoint:web"] is P


def test_outbound_passwords_are_judged_when_set() -> None:
    files = pjsip("[itsp]\ntype=endpoint\noutbound_auth=itsp-auth\n"
                  "[itsp-auth]\ntype=auth\nusername=acct\npassword=password\n"
                  "[itsp-id]\ntype=identify\nendpoint=itsp\nmatch=192.0.2.1\n")
    assert verdicts("credentials.default_or_weak", files)["endpoint:itsp"] is F


def test_wizard_objects_are_endpoints_with_their_auth_and_identify() -> None:
    files = {"pjsip.conf": TRANSPORT, "pjsip_wizard.conf": (
        "[_sdes](!)\nendpoint/media_encryption=sdes\nendpoint/media_encryption_optimistic=yes\n"
        "[phone](!,_sdes)\ntype=wizard\naccepts_auth=yes\naccepts_registrations=yes\n"
        "[trunk](!)\ntype=wizard\nendpoint/context=from-trunk\n"
        "[alice](phone)\ninbound_auth/username=alice\ninbound_auth/password=password\n"
        "[itsp](trunk)\nremote_hosts=sip.example.net:5060\nsends_auth=yes\n"
        "outbound_auth/username=acct\noutbound_auth/password=Zq8#vLw2!xRzTt\n"),
        "extensions.conf": DIALPLAN}
    by_name = {e.name: e for e in system_of(files).endpoints}
    assert set(by_name) == {"alice", "itsp"}
    assert by_name["alice"].auth_type.value is AuthType.DIGEST
    assert by_name["itsp"].auth_type.value is AuthType.IP
    weak = verdicts("credentials.default_or_weak", files)
    assert weak["endpoint:alice"] is F and weak["endpoint:itsp"] is P
    assert verdicts("media.srtp_mandatory", files)["endpoint:alice"] is F  # optimistic
    source = by_name["alice"].secret.source
    assert source is not None and source.location.endswith("pjsip_wizard.conf")


def test_chan_sip_peers_without_a_secret_are_never_challenged() -> None:
    files = {"sip.conf": "[general]\nallowguest=no\nauth_options_requests=yes\n"
                         "[door]\ntype=friend\nhost=dynamic\n"
                         "[office]\ntype=friend\nhost=dynamic\nsecret=Zq8#vLw2!xRzTt\n"}
    assert verdicts("sip.unauthenticated_options", files) == {"endpoint:door": F,
                                                               "endpoint:office": P}


def test_chan_sip_findings_cite_sip_conf() -> None:
    files = {"sip.conf": "[door]\ntype=friend\nhost=dynamic\nsecret=door\n"}
    system = system_of(files)
    (transport,) = system.transports
    assert transport.protocol.source is not None
    assert transport.protocol.source.location == "t:sip.conf"
    assert all(d.source is not None and d.source.location == "t:sip.conf"
               for d in system.disclosures)
    enumeration = system.user_enumeration.source
    assert enumeration is not None and enumeration.location in ("t:sip.conf", "asterisk")


def test_chan_sip_findings_cite_the_line_that_sets_the_value() -> None:
    files = {"sip.conf": "[general]\nudpbindaddr=0.0.0.0:5070\nalwaysauthreject=no\n"}
    system = system_of(files)
    (transport,) = system.transports
    assert transport.protocol.source is not None
    assert (transport.protocol.source.location, transport.protocol.source.line) == (
        "t:sip.conf", 2)
    assert system.user_enumeration.source is not None
    assert system.user_enumeration.source.line == 3


MANAGER = ("[general]\nenabled=yes\nbindaddr=0.0.0.0\n"
           "[admin]\nsecret=Zq8#vLw2!xRzTt\nwrite=all\n{acl}")


@pytest.mark.parametrize(("acl", "restricted"), [
    ("", False),
    ("permit=10.0.0.0/255.0.0.0\n", False),  # permits alone let everyone in
    ("deny=0.0.0.0/0.0.0.0\npermit=0.0.0.0/0.0.0.0\n", False),  # allowed again
    ("permit=0.0.0.0/0\n", False),
    ("deny=198.51.100.7\n", False),  # a few addresses kept out, the world let in
    ("deny=0.0.0.0/0.0.0.0\npermit=10.0.0.0/255.0.0.0\n", True),
    ("deny=0.0.0.0/0\npermit=192.0.2.0/24\n", True),
    ("deny=0.0.0.0/0.0.0.0\npermit=10.0.0.0/255.0.0.0\npermit=::/0\n", False),  # IPv6 open
    ("deny=0.0.0.0/0\ndeny=::/0\npermit=10.0.0.0/8\n", True),
    ("acl=admins\n", True),
    ("acl=nowhere\n", None),  # a named ACL that is not in the evidence
])
def test_an_acl_restricts_only_when_it_keeps_arbitrary_addresses_out(
        acl: str, restricted: bool | None) -> None:
    files = {"manager.conf": MANAGER.format(acl=acl),
             "acl.conf": "[admins]\ndeny=0.0.0.0/0.0.0.0\npermit=10.1.0.0/16\n"}
    system = system_of(files)
    (ami,) = system.management
    assert ami.acl.value is restricted
    expected = {True: P, False: F, None: U}[restricted]
    assert verdicts("management.not_exposed", files)["management:ami"] is expected
    assert verdicts("access.privileged_access", files)["admin:admin"] is expected


def test_privileged_access_judges_rights_and_exposure_not_a_count() -> None:
    files = {"manager.conf": "[general]\nenabled=yes\nbindaddr=0.0.0.0\n"
                             "[ops]\nsecret=Zq8#vLw2!xRzTt\nwrite=all\n"
                             "[watch]\nsecret=Yq8#vLw2!xRzTt\nread=all\n",
             "http.conf": "[general]\nenabled=yes\nbindaddr=127.0.0.1\n",
             "ari.conf": "[general]\nenabled=yes\n[app]\ntype=user\nread_only=no\n"
                         "password=Xq8#vLw2!xRzTt\n"}
    found = verdicts("access.privileged_access", files)
    assert found == {"admin:ops": F, "admin:watch": P, "admin:ari/app": P}
    # one full-rights AMI user open to the network: the count alone (2) would pass
    assert verdicts("access.superusers_limited", files)["system"] is P

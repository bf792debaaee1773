"""iax.conf, voicemail.conf and users.conf: IAX2 users and their guest access, encryption
and authentication; voicemail PINs (judged, never kept)."""

from __future__ import annotations

from tests.sources.config.asterisk.trees import system_of, verdicts
from voipscan.checks import Status
from voipscan.facts import AuthType, EndpointKind, MediaEncryption

P, F, U, NA = Status.PASS, Status.FAIL, Status.UNKNOWN, Status.NOT_APPLICABLE

STOCK_IAX = "[general]\nencryption=yes\n\n[guest]\ntype=user\ncontext=public\n"
DIALPLAN = ("[public]\ninclude => demo\n"
            "[demo]\nexten => 8500,1,VoiceMailMain(@default)\n"
            "[trunk]\nexten => _9X.,1,Dial(PJSIP/${EXTEN:1}@provider)\n")


def test_the_stock_iax_guest_reaches_voicemail_through_an_include() -> None:
    files = {"iax.conf": STOCK_IAX, "extensions.conf": DIALPLAN}
    (guest,) = system_of(files).endpoints
    assert (guest.name, guest.kind, guest.auth_type.value) == (
        "iax:guest", EndpointKind.GUEST, AuthType.NONE)
    assert guest.auth_type.source is not None and guest.auth_type.source.line == 4
    assert verdicts("sip.endpoint_authentication", files)["endpoint:iax:guest"] is F
    assert verdicts("dialplan.guest_voicemail", files)["endpoint:iax:guest"] is F
    assert verdicts("dialplan.guest_outbound", files)["endpoint:iax:guest"] is P
    assert verdicts("media.srtp_mandatory", files)["endpoint:iax:guest"] is F  # no key
    assert verdicts("sip.unauthenticated_options", files)["endpoint:iax:guest"] is NA


def test_a_caller_picks_any_context_of_the_list() -> None:
    files = {"iax.conf": "[peer1]\ntype=user\nsecret=Zq8#vLw2!xRzTt\ncontext=public\n"
                         "context=trunk\n[any]\ntype=user\ncontext=*\n",
             "extensions.conf": DIALPLAN}
    found = verdicts("dialplan.guest_outbound", files)
    assert found["endpoint:iax:any"] is F  # context=* reaches [trunk]
    system = system_of(files)
    peer = next(e for e in system.endpoints if e.name == "iax:peer1")
    assert peer.reaches_outbound.value is True  # 'trunk' is on its list


def test_authentication_methods() -> None:
    system = system_of({"iax.conf": (
        "[general]\nauth=md5\n"
        "[md5]\ntype=friend\nhost=dynamic\nsecret=Zq8#vLw2!xRzTt\n"
        "[keys]\ntype=user\nauth=rsa\ninkeys=partner\n"
        "[clear]\ntype=user\nauth=md5,plaintext\nsecret=Zq8#vLw2!xRzTt\n"
        "[db]\ntype=user\ndbsecret=iax/db\n"
        "[outbound]\ntype=peer\nhost=192.0.2.1\nsecret=x\n")})
    auth = {e.name: e.auth_type.value for e in system.endpoints}
    assert auth == {"iax:md5": AuthType.DIGEST, "iax:keys": AuthType.CERTIFICATE,
                    "iax:clear": None, "iax:db": AuthType.DIGEST}  # peers take no calls
    clear = next(e for e in system.endpoints if e.name == "iax:clear")
    assert "plaintext" in clear.auth_type.note


def test_encryption_is_required_only_with_forceencryption() -> None:
    system = system_of({"iax.conf": (
        "[general]\nencryption=yes\n"
        "[offered]\ntype=user\nsecret=Zq8#vLw2!xRzTt\n"
        "[forced]\ntype=user\nsecret=Zq8#vLw2!xRzTt\nforceencryption=yes\n"
        "[off]\ntype=user\nsecret=Zq8#vLw2!xRzTt\nforceencryption=no\n")})
    by_name = {e.name: e for e in system.endpoints}
    assert by_name["iax:offered"].media_encryption.value is MediaEncryption.NONE
    assert "forceencryption" in by_name["iax:offered"].media_encryption.note
    forced = by_name["iax:forced"]
    assert forced.media_encryption.value is None  # IAX2's own AES: not SRTP, judged by hand
    assert forced.media_encryption_mandatory.value is True


def test_chan_iax2_refused_by_modules_conf_makes_iax_conf_inert() -> None:
    system = system_of({"iax.conf": STOCK_IAX, "modules.conf": "[modules]\nautoload=yes\n"
                        "noload => chan_iax2.so\n"})
    assert not system.endpoints
    system = system_of({"iax.conf": STOCK_IAX, "modules.conf": "[modules]\nautoload=no\n"})
    assert not system.endpoints


VOICEMAIL = ("[general]\nformat=wav\n[zonemessages]\neastern=America/New_York|'vm-received'\n"
             "[default]\n1234 => 4242,Example Mailbox,root@localhost\n"
             "1001 => 1001,Same as the box\n1002 => -5678,Run of digits\n"
             "1003 => 83,Short\n1004 => 739164,Random enough\n1005 => ,No PIN\n"
             "[myaliases]\n1234@devices => 1234@default\n")


def test_voicemail_pins_are_judged() -> None:
    files = {"voicemail.conf": VOICEMAIL, "pjsip.conf": "[t]\ntype=transport\n"}
    system = system_of(files)
    assert system.mailboxes_known
    found = verdicts("credentials.default_or_weak", files)
    assert {k: v for k, v in found.items() if k.startswith("voicemail:")} == {
        "voicemail:1234@default": F, "voicemail:1001@default": F,
        "voicemail:1002@default": F, "voicemail:1003@default": F,
        "voicemail:1004@default": P, "voicemail:1005@default": F}
    sample = next(m for m in system.mailboxes if m.name == "1234@default")
    assert sample.pin.source is not None and sample.pin.source.line == 6
    assert sample.pin.value is not None and sample.pin.value.common


def test_pins_kept_in_the_spool_are_not_judged_from_the_config() -> None:
    files = {"voicemail.conf": "[general]\npasswordlocation=spooldir\n[default]\n"
                               "1234 => 4242,Example\n"}
    assert verdicts("credentials.default_or_weak", files)["voicemail:1234@default"] is U


def test_users_conf_gives_sip_friends_iax_users_and_mailboxes() -> None:
    users = ("[general]\nhassip=yes\nhasiax=no\nhasvoicemail=yes\nvmsecret=1234\n"
             "host=dynamic\ncontext=internal\n"
             "[6001]\nsecret=Zq8#vLw2!xRzTt\nvmsecret=6001\n"
             "[6002]\nsecret=6002\nhasiax=yes\nhassip=no\n")
    files = {"users.conf": users, "sip.conf": "[general]\nuseragent=PBX\n",
             "iax.conf": "[general]\n", "voicemail.conf": "[general]\n"}
    system = system_of(files)
    names = {e.name for e in system.endpoints}
    assert {"6001", "iax:6002"} <= names and "6002" not in names
    assert {m.name for m in system.mailboxes} == {"6001@default", "6002@default"}
    pins = {m.name: m.pin.value for m in system.mailboxes}
    assert pins["6001@default"] is not None and pins["6001@default"].equals_username
    # [general] vmsecret=1234 is not a PIN of its users: 6002's PIN is its own secret
    assert pins["6002@default"] is not None and pins["6002@default"].equals_username
    found = verdicts("credentials.default_or_weak", files)
    assert found["endpoint:iax:6002"] is F and found["endpoint:6001"] is P

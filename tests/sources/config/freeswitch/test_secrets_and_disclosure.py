"""FreeSWITCH voicemail PINs, placeholder secrets, the event socket's defaults, the XML-RPC
stock password, what user-agent-string gives away, and OPTIONS answered without a challenge."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.sources.config.freeswitch.helpers import F, P, U, findings, statuses
from tests.sources.config.freeswitch.test_dialplan import dialplan, ext
from tests.sources.config.freeswitch.test_layouts import full, load
from voipscan.checks import Finding, Status
from voipscan.engine import run_check
from voipscan.facts import OriginKind
from voipscan.profiles import CheckRef

PINNED = ('<user id="{id}"><params><param name="password" value="Long-Enough-Pass-{id}"/>'
          '<param name="vm-password" value="{pin}"/></params></user>\n')
SOFIA = ('<configuration name="sofia.conf">\n<profiles>\n<profile name="lan"><settings>'
         '<param name="auth-calls" value="true"/>{extra}</settings></profile>\n'
         "</profiles>\n</configuration>\n")
MODULES = ('<configuration name="modules.conf">\n<modules>\n{loads}</modules>\n'
           "</configuration>\n")


def judged(root: Path, check_id: str) -> dict[str, Finding]:
    """One check's findings by resource (for checks the test profile leaves out)."""
    found = run_check(load(root), CheckRef(check_id), dt.datetime.now(dt.UTC))
    return {f.resource: f for f in found}


def judged_status(root: Path, check_id: str) -> dict[str, Status]:
    return {resource: f.status for resource, f in judged(root, check_id).items()}


def directory(*users: str) -> str:
    return '<include>\n<domain name="d">\n<users>\n' + "".join(users) + \
        "</users>\n</domain>\n</include>\n"


def pins(tmp_path: Path, **extra: str) -> Path:
    return full(tmp_path, {
        "vars.xml": '<include>\n<X-PRE-PROCESS cmd="exec-set" data="vm_pin=pick-pin"/>\n'
                    "</include>\n",
        "autoload_configs/sofia.conf.xml": SOFIA.format(extra=""),
        "directory/d.xml": directory(
            PINNED.format(id="1000", pin="1000"),  # the extension
            PINNED.format(id="1001", pin="4242"),  # a sample PIN
            PINNED.format(id="1002", pin="3456"),  # a run of digits
            PINNED.format(id="1003", pin="917"),  # short
            PINNED.format(id="1004", pin="5820917"),
            PINNED.format(id="1005", pin="$${vm_pin}"),
            PINNED.format(id="1006", pin="***REMOVED***"),
            '<user id="1007"><params><param name="password" value="Long-Enough-Pass-7"/>'
            "</params></user>\n",  # no PIN of its own: the SIP password, judged as such
            '<user id="1008"><params><param name="vm-password" value="1008"/>'
            '<param name="vm-enabled" value="false"/></params></user>\n'),
        **extra,
    })


def test_voicemail_pins_are_judged(tmp_path: Path) -> None:
    found = findings(pins(tmp_path))
    boxes = {key[1]: f for key, f in found.items()
             if key[0] == "credentials.default_or_weak" and key[1].startswith("voicemail:")}
    assert {name: f.status for name, f in boxes.items()} == {
        "voicemail:1000": F, "voicemail:1001": F, "voicemail:1002": F, "voicemail:1003": F,
        "voicemail:1004": P, "voicemail:1005": U, "voicemail:1006": U,
    }
    assert boxes["voicemail:1000"].message == "PIN equals the mailbox number."
    assert boxes["voicemail:1001"].message == "Sample or common PIN."
    assert boxes["voicemail:1002"].message == "PIN is a run of digits."
    assert boxes["voicemail:1003"].message == "PIN shorter than 6 digits."
    assert "$${vm_pin}" in boxes["voicemail:1005"].evidence[0].note
    assert boxes["voicemail:1006"].message.startswith("Placeholder in the config")
    source = boxes["voicemail:1000"].evidence[0].source
    assert source is not None and (Path(source.location).name, source.line) == ("d.xml", 4)
    text = repr(found)
    for pin in ("4242", "3456", "5820917"):
        assert pin not in text  # judged, never kept


def test_no_mailbox_when_mod_voicemail_is_not_loaded(tmp_path: Path) -> None:
    pins(tmp_path, **{"autoload_configs/modules.conf.xml": MODULES.format(
        loads='<load module="mod_sofia"/>\n')})
    system = load(tmp_path).system
    assert system.mailboxes_known and system.mailboxes == ()


def test_placeholder_passwords_are_not_judged_or_compared(tmp_path: Path) -> None:
    full(tmp_path, {
        "autoload_configs/sofia.conf.xml": SOFIA.format(extra=""),
        "directory/d.xml": directory(*(
            f'<user id="{n}"><params><param name="password" value="{value}"/></params>'
            "</user>\n" for n, value in (("1000", "&lt;some-rand-password&gt;"),
                                         ("1001", "&lt;some-rand-password&gt;"),
                                         ("1002", "${SIP_PASSWORD}"),
                                         ("1003", "Long-Enough-Pass-3")))),
    })
    found = findings(tmp_path)
    for user in ("1000", "1001", "1002"):
        weak = found[("credentials.default_or_weak", f"endpoint:{user}")]
        assert weak.status is U, user
        assert weak.message == "Placeholder in the config: the real secret is set elsewhere."
        assert "placeholder in the config" in weak.evidence[0].value
    # never compared: the two equal placeholders are no reuse; one real secret is left
    assert [key for key, f in found.items()
            if key[0] == "credentials.reuse" and f.status is F] == []
    assert found[("credentials.reuse", "system")].message.startswith("1 secrets, all distinct")


EVENT_SOCKET = ('<configuration name="event_socket.conf">\n<settings>\n{params}'
                "</settings>\n</configuration>\n")


def test_event_socket_without_configuration_is_clue_con_on_loopback(tmp_path: Path) -> None:
    full(tmp_path, {"autoload_configs/modules.conf.xml": MODULES.format(
        loads='<load module="mod_event_socket"/>\n')})
    found = findings(tmp_path)
    secret = found[("credentials.default_or_weak", "admin:event-socket")]
    assert secret.status is F and secret.message == "Vendor default secret."
    [item] = secret.evidence
    assert item.source is not None and item.source.kind is OriginKind.DEFAULT
    assert "no event_socket.conf.xml" in item.source.detail
    assert "ClueCon" in item.source.detail
    assert found[("credentials.default_or_weak", "management:event-socket")].status is F
    exposure = found[("management.not_exposed", "management:event-socket")]
    assert exposure.status is P and exposure.message == "Bound to loopback."
    where = exposure.evidence[0].source
    assert where is not None and "listens on 127.0.0.1" in where.detail


@pytest.mark.parametrize("password", ['<param name="password" value=""/>\n', ""])
def test_event_socket_empty_or_unset_password_is_clue_con(tmp_path: Path,
                                                          password: str) -> None:
    full(tmp_path, {"autoload_configs/event_socket.conf.xml": EVENT_SOCKET.format(
        params='<param name="listen-ip" value=""/>\n' + password)})
    found = findings(tmp_path)
    assert found[("credentials.default_or_weak", "admin:event-socket")].message == \
        "Vendor default secret."
    assert found[("management.not_exposed", "management:event-socket")].status is P


def test_event_socket_placeholders_are_unknown(tmp_path: Path) -> None:
    full(tmp_path, {"autoload_configs/event_socket.conf.xml": EVENT_SOCKET.format(params=(
        '<param name="listen-ip" value="$EVENT_SOCKET_IP_ADDR"/>\n'
        '<param name="password" value="$EVENT_SOCKET_PASSWORD"/>\n'
        '<param name="apply-inbound-acl" value="$EVENT_SOCKET_ACL"/>\n'))})
    found = statuses(tmp_path)
    assert found[("credentials.default_or_weak", "admin:event-socket")] is U
    # whether it takes the default password is not known: no verdict either way
    assert ("credentials.default_or_weak", "management:event-socket") not in found
    assert found[("management.not_exposed", "management:event-socket")] is U


def test_xml_rpc_stock_password_worksnot_is_a_default(tmp_path: Path) -> None:
    full(tmp_path, {"autoload_configs/xml_rpc.conf.xml": (
        '<configuration name="xml_rpc.conf">\n<settings>\n'
        '<param name="auth-realm" value="freeswitch"/>\n'
        '<param name="auth-user" value="freeswitch"/>\n'
        '<param name="auth-pass" value="worksnot"/>\n</settings>\n</configuration>\n')})
    found = statuses(tmp_path)
    assert found[("credentials.default_or_weak", "management:xml-rpc")] is F
    assert found[("credentials.default_or_weak", "admin:xml-rpc:freeswitch")] is F


@pytest.mark.parametrize(("agent", "expected"), [
    (None, F),
    ('<param name="user-agent-string" value="FreeSWITCH-mod_sofia/1.10.11"/>', F),
    # a pass the engine may ask evidence for: what matters here is that it is no failure
    ('<param name="user-agent-string" value="SIP"/>', P),
    ('<param name="user-agent-string" value="$${agent}"/>', U),
])
def test_version_disclosure_from_user_agent_string(tmp_path: Path, agent: str | None,
                                                   expected: object) -> None:
    full(tmp_path, {
        "vars.xml": '<include>\n<X-PRE-PROCESS cmd="exec-set" data="agent=hostname"/>\n'
                    "</include>\n",
        "autoload_configs/sofia.conf.xml": SOFIA.format(extra=agent or ""),
    })
    disclosure = judged(tmp_path, "sip.version_disclosure")["system"]
    if expected is P:
        assert disclosure.status in (P, U)
        assert disclosure.message.startswith("No software version")
    else:
        assert disclosure.status is expected
    if agent is None:
        assert "user-agent-string not set" in disclosure.message


def test_version_disclosure_unknown_without_profiles(tmp_path: Path) -> None:
    full(tmp_path, {})
    assert judged_status(tmp_path, "sip.version_disclosure") == {"system": U}


def test_options_answered_without_challenge(tmp_path: Path) -> None:
    full(tmp_path, {
        "autoload_configs/sofia.conf.xml": (
            '<configuration name="sofia.conf">\n<profiles>\n'
            '<profile name="open"><settings><param name="auth-calls" value="false"/>'
            "</settings></profile>\n"
            '<profile name="strict"><settings><param name="auth-calls" value="false"/>'
            '<param name="auth-all-packets" value="true"/></settings></profile>\n'
            "</profiles>\n</configuration>\n"),
        "directory/d.xml": directory('<user id="nopass"/>\n',
                                     PINNED.format(id="1000", pin="5820917")),
    })
    # auth-all-packets challenges requests within a call only: OPTIONS outside one are
    # answered all the same
    assert judged_status(tmp_path, "sip.unauthenticated_options") == {
        "endpoint:open-guest": F, "endpoint:strict-guest": F, "endpoint:nopass": F,
        "endpoint:1000": U,  # a digest user: one profile-wide setting tells nothing of it
    }


def test_voicemail_check_behind_the_callers_own_number_is_reachable(tmp_path: Path) -> None:
    plan = dialplan(tmp_path, (
        '<context name="public">'
        + ext("to_default", "^(10[01][0-9])$", "transfer $1 XML default")
        + '</context><context name="default"><extension name="Local_Extension">'
        '<condition field="destination_number" expression="^(10[01][0-9])$">'
        '<action application="set" data="dialed_extension=$1"/></condition>'
        '<condition field="destination_number" expression="^${caller_id_number}$">'
        '<action application="voicemail" data="check default d ${dialed_extension}"/>'
        '<anti-action application="bridge" data="user/${dialed_extension}@d"/>'
        "</condition></extension></context>\n"))
    reach = plan.reach("public", authorized=False)
    assert reach.voicemail.value is True  # a caller sends the dialled number as its own
    assert reach.outbound.value is False

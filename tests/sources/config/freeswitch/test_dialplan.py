"""What a caller can reach through the XML dialplan, and the SRTP policy it sets."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sources.config.freeswitch.test_preprocess import build
from voipscan.facts import MediaEncryption
from voipscan.sources.config.freeswitch.config import FsConfig
from voipscan.sources.config.freeswitch.dialplan import contexts
from voipscan.sources.config.freeswitch.preprocess import STOCK_ROOT, load_config
from voipscan.sources.config.freeswitch.reach import Dialplan, bridge_targets, classify_target
from voipscan.sources.config.freeswitch.source import FreeswitchSource
from voipscan.sources.config.freeswitch.witness import witness

TOP = """<document type="freeswitch/xml">
  <section name="dialplan">
    <X-PRE-PROCESS cmd="include" data="dialplan/*.xml"/>
  </section>
</document>
"""


def dialplan(tmp_path: Path, body: str, globals_: dict[str, str] | None = None) -> Dialplan:
    build(tmp_path, {"freeswitch.xml": TOP, "dialplan/d.xml": f"<include>\n{body}</include>\n"})
    found = contexts(FsConfig(load_config(tmp_path)))
    assert found is not None
    return Dialplan(found, globals_ or {})


def ext(name: str, expression: str, *actions: str, field: str = "destination_number",
        extra: str = "") -> str:
    body = "".join(f'<action application="{a.split(" ", 1)[0]}" '
                   f'data="{a.split(" ", 1)[1] if " " in a else ""}"/>' for a in actions)
    return (f'<extension name="{name}" {extra}><condition field="{field}" '
            f'expression="{expression}">{body}</condition></extension>\n')


GATEWAY = "bridge sofia/gateway/provider/$1"


def test_transfer_of_local_numbers_does_not_reach_a_dial_out_route(tmp_path: Path) -> None:
    # the stock layout: public only hands 10xx to default, where sip: URIs go out
    plan = dialplan(tmp_path, (
        '<context name="public">' + ext("local", "^(10[01][0-9])$", "transfer $1 XML default")
        + '</context>\n<context name="default">'
        + ext("Local_Extension", "^(10[01][0-9])$", "bridge user/$1@${domain_name}")
        + ext("sip_uri", "^sip:(.*)$", "bridge sofia/${use_profile}/$1")
        + "</context>\n"), {"use_profile": "external"})
    reach = plan.reach("public", authorized=False)
    assert reach.outbound.value is False and "dial strings tried" in reach.outbound.note
    assert plan.reach("default", authorized=True).outbound.value is True


def test_a_prefix_passed_on_to_another_context_is_followed(tmp_path: Path) -> None:
    plan = dialplan(tmp_path, (
        '<context name="public">' + ext("nine", r"^9(\d+)$", "transfer $1 XML default")
        + '</context>\n<context name="default">' + ext("intl", r"^(011\d+)$", GATEWAY)
        + "</context>\n"))
    reach = plan.reach("public", authorized=False)
    assert reach.outbound.value is True
    assert "via 'default'" in reach.outbound.note
    assert reach.outbound.source is not None and reach.outbound.source.line == 4


def test_run_time_conditions_make_it_possible_not_certain(tmp_path: Path) -> None:
    plan = dialplan(tmp_path, (
        '<context name="public">'
        + ext("night", r"^(\d+)$", GATEWAY, field="${night_mode}") + "</context>\n"))
    reach = plan.reach("public", authorized=False)
    assert reach.outbound.value is None
    assert reach.outbound.note.startswith("may be reached depending on run-time conditions")


def test_auth_check_with_anti_action_stops_guests(tmp_path: Path) -> None:
    plan = dialplan(tmp_path, (
        '<context name="public"><extension name="check_auth" continue="true">'
        '<condition field="${sip_authorized}" expression="^true$" break="never">'
        '<anti-action application="respond" data="407"/></condition></extension>'
        + ext("out", r"^(\d+)$", GATEWAY) + "</context>\n"))
    assert plan.reach("public", authorized=False).outbound.value is False
    assert plan.reach("public", authorized=True).outbound.value is True


def test_voicemail_login_scripts_and_loopback(tmp_path: Path) -> None:
    plan = dialplan(tmp_path, (
        '<context name="public">'
        + ext("vm", r"^\*98$", "voicemail check default ${domain_name}")
        + ext("hop", r"^8(\d+)$", "bridge loopback/$1/hidden")
        + "</context>\n"
        + '<context name="hidden">' + ext("x", r"^(00\d+)$", GATEWAY) + "</context>\n"
        + '<context name="scripted">' + ext("ivr", r"^5$", "lua route.lua") + "</context>\n"))
    reach = plan.reach("public", authorized=False)
    assert reach.voicemail.value is True
    assert reach.outbound.value is True and "loopback" not in reach.outbound.note
    scripted = plan.reach("scripted", authorized=False)
    assert scripted.outbound.value is None and "lua route.lua" in scripted.outbound.note
    missing = plan.reach("nowhere", authorized=False)
    assert missing.outbound.value is False and "not in the dialplan" in missing.outbound.note


@pytest.mark.parametrize(("data", "kinds"), [
    ("sofia/gateway/gw/123", ["outbound"]),
    ("{ignore_early_media=true}user/1000@x,sofia/external/1@203.0.113.9", ["internal",
                                                                           "outbound"]),
    ("sofia/internal/1000%${domain_name}", ["internal"]),
    ("sofia/internal/1000@${domain_name}", ["internal"]),
    ("[leg_timeout=5]freetdm/1/a/123|loopback/9664", ["outbound", "loopback"]),
    ("${hash(select/x)}", ["internal"]),
    ("${my_target}", ["unknown"]),
])
def test_bridge_targets_are_classified(data: str, kinds: list[str]) -> None:
    assert [classify_target(t) for t in bridge_targets(data)] == kinds


@pytest.mark.parametrize(("pattern", "groups", "expected"), [
    (r"^(10[01][0-9])$", None, "1000"),
    (r"^\*\*(\d+)$", None, "**0"),
    (r"^9(\d+)$", {1: "0110"}, "90110"),
    (r"^(10[01][0-9])$", {1: "sip:"}, None),
    (r"^[^0-9]x|^(a)\1$", None, "ax"),
])
def test_witness_strings(pattern: str, groups: dict[int, str] | None,
                         expected: str | None) -> None:
    assert witness(pattern, groups) == expected


SRTP_TREE = {
    "vars.xml": "<include>\n</include>\n",
    "autoload_configs/sofia.conf.xml": (
        '<configuration name="sofia.conf"><profiles>\n'
        '<profile name="internal"><settings>'
        '<param name="auth-calls" value="true"/><param name="context" value="public"/>'
        "</settings></profile>\n</profiles></configuration>\n"),
    "directory/d.xml": (
        '<include>\n<domain name="d"><users>\n'
        '<user id="1000"><params><param name="password" value="Long-Enough-Pass-1"/></params>'
        '<variables><variable name="rtp_secure_media" value="mandatory"/>'
        '<variable name="user_context" value="default"/></variables></user>\n'
        '<user id="1001"><params><param name="password" value="Long-Enough-Pass-2"/></params>'
        '<variables><variable name="rtp_secure_media" value="sometimes"/></variables></user>\n'
        "</users></domain>\n</include>\n"),
    "dialplan/d.xml": (
        '<include>\n<context name="default">'
        + ext("Local", "^(10[01][0-9])$", "bridge user/$1@d") + "</context>\n</include>\n"),
}
FULL_TOP = STOCK_ROOT


def test_srtp_needs_both_call_directions(tmp_path: Path) -> None:
    build(tmp_path, {**SRTP_TREE, "freeswitch.xml": FULL_TOP})
    users = {e.name: e for e in FreeswitchSource().load(tmp_path).system.endpoints}
    # mandatory for calls the phone places (SDES keys in its SDP), but calls to it are
    # offered plain RTP: SDES, not required
    assert users["1000"].media_encryption.value is MediaEncryption.SDES
    assert users["1000"].media_encryption_mandatory.value is False
    assert "calls to the phone are offered plain RTP" in users["1000"].media_encryption.note
    assert users["1001"].media_encryption.value is None
    assert "'sometimes'" in users["1001"].media_encryption.note


def test_srtp_exported_where_users_are_called(tmp_path: Path) -> None:
    tree = dict(SRTP_TREE, **{"dialplan/d.xml": (
        '<include>\n<context name="default"><extension name="srtp" continue="true"><condition>'
        '<action application="export" data="rtp_secure_media=true"/></condition></extension>'
        + ext("Local", "^(10[01][0-9])$", "bridge user/$1@d") + "</context>\n</include>\n")})
    build(tmp_path, {**tree, "freeswitch.xml": FULL_TOP})
    users = {e.name: e for e in FreeswitchSource().load(tmp_path).system.endpoints}
    assert users["1000"].media_encryption.value is MediaEncryption.SDES
    assert users["1000"].media_encryption_mandatory.value is True


def test_weak_srtp_suites_from_the_suite_lists(tmp_path: Path) -> None:
    tree = dict(SRTP_TREE, **{"vars.xml": (
        '<include>\n<X-PRE-PROCESS cmd="set" data="rtp_secure_media=mandatory"/>\n'
        '<X-PRE-PROCESS cmd="set" data="rtp_secure_media_suites='
        'AES_CM_128_HMAC_SHA1_80:AES_CM_128_HMAC_SHA1_32"/>\n</include>\n')})
    del tree["directory/d.xml"]
    tree["directory/d.xml"] = (
        '<include>\n<domain name="d"><users>\n<user id="1000"><params>'
        '<param name="password" value="Long-Enough-Pass-1"/></params></user>\n'
        "</users></domain>\n</include>\n")
    build(tmp_path, {**tree, "freeswitch.xml": FULL_TOP})
    [user] = FreeswitchSource().load(tmp_path).system.endpoints
    assert user.media_encryption_mandatory.value is True
    assert user.srtp_weak_parameters.value == ("AES_CM_128_HMAC_SHA1_32",)


def test_deeply_nested_conditions_do_not_exhaust_the_stack(tmp_path: Path) -> None:
    depth = 5000
    nested = '<condition field="destination_number" expression="^1$">' * depth
    plan = dialplan(tmp_path, '<context name="public"><extension name="deep">' + nested
                    + "</condition>" * depth + "</extension></context>\n")
    assert plan.reach("public", authorized=False).outbound.value is False

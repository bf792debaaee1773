"""What a context reaches: trunks, voicemail login, jumps; and how recording is announced."""

from __future__ import annotations

from voipscan.facts import Fact, Provenance
from voipscan.sources.config.asterisk.conf import load_conf
from voipscan.sources.config.asterisk.dialplan import (
    Dialplan,
    build_dialplan,
    reach_facts,
    recording_use,
    redact,
    split_args,
)
from voipscan.sources.config.asterisk.tree import MemoryTree


def dialplan(text: str, note: str = "") -> Dialplan:
    tree = MemoryTree("t", {"extensions.conf": text.encode()})
    return build_dialplan(load_conf(tree, ["extensions.conf"]), note)


def test_trunk_dial_strings() -> None:
    plan = dialplan(
        "[globals]\nOUT=SIP/carrier\n"
        "[a]\nexten => _0.,1,Dial(PJSIP/${EXTEN}@carrier)\n"
        "[b]\nexten => _0.,1,Dial(SIP/carrier/${EXTEN:1},30)\n"
        "[c]\nexten => _X.,1,Dial(${OUT}/${EXTEN})\n"
        "[d]\nexten => _X.,1,Dial(${UNKNOWN}/${EXTEN})\n"
        "[e]\nexten => _X.,1,Dial(PJSIP/${EXTEN},20)\n"  # an internal phone, not a trunk
        "[f]\nexten => 100,1,Dial(PJSIP/0800123@carrier)\n"  # a fixed number
        "[g]\nexten => _9.,1,Macro(dialout-trunk,1,${EXTEN:1},,off)\n"
        "[h]\nexten => _X.,1,Dial(PJSIP/100&SIP/carrier/${EXTEN})\n")
    found = {name: plan.reach(name).outbound is not None for name in "abcdefgh"}
    assert found == {"a": True, "b": True, "c": True, "d": True, "e": False, "f": False,
                     "g": True, "h": True}


def test_jumps_are_followed() -> None:
    plan = dialplan(
        "[start]\nexten => 1,1,Goto(menu,s,1)\nexten => 2,1,GotoIf($[1=1]?x,s,1:y,s,1)\n"
        "exten => 3,1,Dial(Local/${EXTEN}@viaLocal/n)\nexten => 4,1,Macro(helper)\n"
        "exten => 5,1,Gosub(sub,s,1(arg))\n"
        "[menu]\nexten => s,1,VoiceMailMain()\n"
        "[x]\n[y]\ninclude => out,09:00-17:00,mon-fri,*,*\n"
        "[viaLocal]\n[macro-helper]\n[sub]\n"
        "[out]\nexten => _00.,1,Dial(IAX2/user:pw@provider/${EXTEN})\n")
    reach = plan.reach("start")
    assert reach.contexts == 8
    assert reach.voicemail is not None and reach.voicemail.path == ("start", "menu")
    assert reach.outbound is not None and reach.outbound.path == ("start", "y", "out")


def test_unknown_and_missing_contexts() -> None:
    plan = dialplan("[sw]\nswitch => IAX2/box/ctx\n[var]\nexten => 1,1,Goto(${DEST},s,1)\n"
                    "[plain]\nexten => 1,1,Hangup()\n")
    context = Fact("sw", Provenance.file("pjsip.conf", 3))
    assert reach_facts(plan, context, "")[0].value is None  # a switch may route anywhere
    assert reach_facts(plan, Fact("var", None), "")[0].value is None
    assert reach_facts(plan, Fact("plain", None), "")[0].value is False
    missing = reach_facts(plan, Fact("nowhere", context.source), "")[0]
    assert missing.value is False and "is not defined" in missing.note
    assert reach_facts(None, context, "no dialplan")[0].note == "no dialplan"
    partial = dialplan("[plain]\n", "generated dialplan not in the backup")
    assert reach_facts(partial, Fact("nowhere", None), "")[0].value is None


def test_recording_notice() -> None:
    plan = dialplan(
        "[a]\nexten => 1,1,MixMonitor(x.wav)\n"                      # silent
        "exten => 2,1,MixMonitor(x.wav,bB(15))\n"                    # periodic beep
        "exten => 3,1,Playback(this-call-may-be-recorded)\n same => n,MixMonitor(x.wav)\n"
        "exten => 4,1,MixMonitor(x.wav,${OPTS})\n"                   # decided at run time
        "exten => 5,1,Monitor(wav,x)\n")                             # no beep option exists
    use = recording_use(plan)
    assert [s.exten for s in use.steps] == ["1", "2", "3", "4", "5"]
    assert [s.exten for s in use.silent] == ["1", "5"]
    assert [s.exten for s in use.undecided] == ["4"]


def test_credentials_in_dial_strings_are_never_reported() -> None:
    plan = dialplan("[a]\nexten => _X.,1,Dial(IAX2/user:s3cr3t@provider/${EXTEN},30)\n")
    reach = plan.reach("a")
    assert reach.outbound is not None
    note = reach.outbound.fact("dials out").note
    assert "s3cr3t" not in note and "IAX2/user:***@provider/${EXTEN}" in note
    assert redact("Dial(SIP/a:b@c&IAX2/d:e@f)") == "Dial(SIP/a:***@c&IAX2/d:***@f)"


def test_split_args_respects_nesting_and_quotes() -> None:
    assert split_args('${IF($[${X}=1]?a,b:c)},"x,y",z') == ['${IF($[${X}=1]?a,b:c)}', '"x,y"',
                                                            "z"]


def test_disa_without_a_password_is_a_dial_tone() -> None:
    plan = dialplan(
        "[open]\nexten => 9999,1,DISA(no-password,outgoing)\n"
        "[locked]\nexten => 9999,1,DISA(/etc/asterisk/disa.pwd,outgoing)\n"
        "[outgoing]\nexten => 100,1,Dial(PJSIP/100)\nexten => 8500,1,VoiceMailMain()\n")
    opened = plan.reach("open")
    assert opened.outbound is not None and opened.outbound.step.app == "DISA"
    assert opened.voicemail is not None  # its context is reached too
    locked = plan.reach("locked")
    assert locked.outbound is None and locked.voicemail is None


def test_local_channels_and_the_channels_own_context() -> None:
    plan = dialplan(
        "[in]\nexten => _X.,1,Dial(Local/${EXTEN}@route/n)\n"
        "[route]\ninclude => rewrite\n"
        "[rewrite]\nexten => _0X.,1,Goto(${CONTEXT},+31${EXTEN:1},1)\n"
        "exten => _+X.,1,Dial(PJSIP/${EXTEN}@carrier)\n")
    reach = plan.reach("in")
    assert reach.outbound is not None and reach.outbound.path == ("in", "route", "rewrite")
    assert not reach.dynamic  # ${CONTEXT} is a context already on the path

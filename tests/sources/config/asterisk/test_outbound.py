"""Outbound restrictions in extensions.conf: contexts that authenticated phones and trunks
enter, judged for international and premium-rate dialling, with file and line."""

from __future__ import annotations

from tests.sources.config.asterisk.helpers import ROOT
from voipscan.facts import AuthType, DialContext, Endpoint, Fact, Provenance
from voipscan.sources.config.asterisk.conf import load_conf
from voipscan.sources.config.asterisk.dialplan import build_dialplan
from voipscan.sources.config.asterisk.outbound import dial_contexts
from voipscan.sources.config.asterisk.tree import MemoryTree
from voipscan.sources.config.load import load_target

SRC = Provenance.file("pjsip.conf", 1)


def contexts(text: str, *entered: str) -> dict[str, DialContext]:
    tree = MemoryTree("t", {"extensions.conf": text.encode()})
    plan = build_dialplan(load_conf(tree, ["extensions.conf"]))
    phones = tuple(Endpoint(f"p{i}", auth_type=Fact(AuthType.DIGEST, SRC),
                            context=Fact(name, SRC)) for i, name in enumerate(entered))
    return {c.name: c for c in dial_contexts(plan, phones)}


def test_the_insecure_sample_dials_abroad_and_premium_from_internal() -> None:
    system = load_target(ROOT / "samples/asterisk/insecure").system
    assert system.dial_contexts_known
    internal = next(c for c in system.dial_contexts if c.name == "internal")
    assert set(internal.entered_by) >= {"100", "101", "102"}
    assert internal.international.value is True
    source = internal.international.source
    assert source is not None and source.location.endswith("insecure/extensions.conf")
    assert source.line == 10  # [outbound] exten => _00X.,1,Dial(PJSIP/${EXTEN}@provider,60)
    assert "via [outbound]" in internal.international.note
    assert internal.premium.value is True and internal.premium.source is not None
    assert internal.premium.source.line == 11  # _0[1-9]X. takes 0900 numbers
    # the anonymous guest's context is judged by dialplan.guest_outbound, not here
    assert "guest-in" not in {c.name for c in system.dial_contexts}


def test_the_hardened_sample_asks_a_pin_before_international_calls() -> None:
    system = load_target(ROOT / "samples/asterisk/hardened").system
    internal = next(c for c in system.dial_contexts if c.name == "internal")
    assert internal.international.value is False
    assert "only after a PIN" in internal.international.note
    assert internal.premium.value is False


def test_patterns_order_and_restrictions() -> None:
    found = contexts(
        "[blocked]\nexten => _00X.,1,Hangup()\nexten => _011X.,1,Hangup()\n"
        "exten => _0X.,1,Dial(PJSIP/${EXTEN}@trunk)\n"
        "[allowlist]\nexten => _0031X.,1,Dial(PJSIP/${EXTEN}@trunk)\n"
        "[prefix]\nexten => _9X.,1,Dial(PJSIP/${EXTEN:1}@trunk)\n"
        "[plus]\nexten => _+X.,1,Dial(PJSIP/${EXTEN}@trunk)\n"
        "[cos]\nexten => _X.,1,GotoIf($[${DB(cos/${CALLERID(num)})}]?ok)\n"
        " same => n,Dial(PJSIP/${EXTEN}@trunk)\n"
        "[jump]\nexten => _X.,1,Goto(out,${EXTEN},1)\n"
        "[out]\nexten => _X.,1,Dial(PJSIP/${EXTEN}@trunk)\n",
        "blocked", "allowlist", "prefix", "plus", "cos", "jump")
    assert found["blocked"].international.value is False  # _00X., _011X. win over _0X.
    assert found["blocked"].premium.value is True  # but 0900 numbers take _0X.
    assert found["allowlist"].international.value is False
    assert found["allowlist"].premium.value is False
    assert found["prefix"].international.value is True  # 9 + 0044...
    assert found["plus"].international.value is True
    assert found["plus"].premium.value is False
    assert found["cos"].international.value is None  # decided at run time: never a pass
    assert found["jump"].international.value is True
    assert "via [out]" in found["jump"].international.note

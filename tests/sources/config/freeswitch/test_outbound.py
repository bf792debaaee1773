"""Outbound restrictions in the XML dialplan: a bridge to a gateway for international or
premium-rate numbers, unless a class of service (toll_allow) gates it."""

from __future__ import annotations

from tests.sources.config.freeswitch.helpers import ROOT
from voipscan.sources.config.load import load_target


def test_the_insecure_sample_bridges_international_numbers_unrestricted() -> None:
    system = load_target(ROOT / "samples/freeswitch/insecure").system
    assert system.dial_contexts_known
    default = next(c for c in system.dial_contexts if c.name == "default")
    assert {"1000", "1001"} <= set(default.entered_by)
    assert default.international.value is True
    source = default.international.source
    assert source is not None and source.location.endswith("insecure/dialplan/default.xml")
    assert source.line == 12  # <action application="bridge" data="sofia/gateway/provider/$1"/>
    assert "0044201234567" in default.international.note
    assert default.premium.value is False  # ^(00\d+)$ does not take 0900 numbers


def test_the_hardened_sample_gates_its_gateway_on_a_class_of_service() -> None:
    system = load_target(ROOT / "samples/freeswitch/hardened").system
    default = next(c for c in system.dial_contexts if c.name == "default")
    assert default.international.value is False
    assert default.premium.value is False
    assert "toll_allow" in default.premium.note  # 0900 matches the national route, gated

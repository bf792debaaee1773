"""How missing evidence can be supplied: never by doing what the scan just did."""

from __future__ import annotations

from voipscan.checks.supply import CAPTURE, CONFIG, HOST, supply


def test_a_config_scan_is_not_told_to_scan_the_config() -> None:
    how = supply("management.login_required").how(frozenset({CONFIG}))
    assert "scan config" not in how and "the scanned configuration did not show it" in how
    assert supply("management.login_required").how(frozenset({HOST})) == \
        "the PBX configuration (scan config)"


def test_other_kinds_of_source_and_declarations_are_offered() -> None:
    how = supply("sip.version_disclosure").how(frozenset({CONFIG}))
    assert "scan config" not in how and "scan host" in how
    assert "scan pcap" not in supply("sip.version_disclosure").how(frozenset({CAPTURE}))
    assert "declare backup.configured" in supply("backup.configured").how(frozenset({CONFIG}))

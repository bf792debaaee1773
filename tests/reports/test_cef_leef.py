"""CEF and LEEF lines: escaping that survives a parser, severities, which findings appear."""

from __future__ import annotations

import re

import pytest

from voipscan.checks import Severity, Status
from voipscan.reports import RenderOptions, cef, leef, render, siem
from voipscan.result import ScanResult
from voipscan.sources.host.host_facts import spec_target
from voipscan.sources.host.targets import parse_target
from voipscan.target import TargetKind

from .helpers import AWKWARD, SAMPLES, crafted, scan

_KEY = re.compile(r"(?:^| )([A-Za-z0-9]+)=")


def parse_cef(line: str) -> tuple[list[str], dict[str, str]]:
    """A strict reader: seven unescaped-pipe header fields, then key=value pairs."""
    assert line.startswith("CEF:")
    header, rest, field, i = [], line, [], 0
    while len(header) < 7:
        char = rest[i]
        if char == "\\":
            assert rest[i + 1] in "\\|", f"bad header escape at {i}"
            field.append(rest[i + 1])
            i += 2
            continue
        if char == "|":
            header.append("".join(field))
            field = []
        else:
            field.append(char)
        i += 1
    extension = rest[i:]
    assert "\n" not in extension and "\r" not in extension
    starts = []
    for match in _KEY.finditer(extension):
        before = extension[:match.start(1)]
        backslashes = len(before) - len(before.rstrip("\\"))
        if backslashes % 2 == 0:
            starts.append(match)
    fields = {}
    for index, match in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(extension)
        fields[match.group(1)] = _unescape(extension[match.end():end])
    return header, fields


def _unescape(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\":
            out.append({"\\": "\\", "=": "=", "n": "\n", "r": "\r"}[value[i + 1]])
            i += 2
        else:
            assert value[i] != "=", f"unescaped = in {value!r}"
            out.append(value[i])
            i += 1
    return "".join(out)


def test_cef_escaping_round_trips_through_a_parser() -> None:
    result = crafted()
    lines = cef.render(result, RenderOptions()).splitlines()
    assert len(lines) == 2  # the failed and the unknown finding; the pass is left out
    header, fields = parse_cef(lines[0])
    assert header == ["CEF:0", "voipscan", "voipscan", "0.1.0", "signalling.tls",
                      "SIP signalling uses TLS", "8"]
    assert fields["cs1Label"] == "target" and fields["cs1"] == "site|a=b.yaml"
    assert fields["filePath"] == "site|a=b.yaml"
    assert fields["cs2"] == f"transport:t0|{AWKWARD}"
    assert fields["msg"] == f"message 0: {AWKWARD}"
    assert fields["cs4"] == f"fix it: {AWKWARD}"
    assert fields["cs6"] == "protocol=udp=plain @ conf/pjsip.conf:12 (transport)"
    assert fields["outcome"] == "fail"
    assert fields["cat"] == "signalling"
    assert fields["rt"] == str(int(result.finished.timestamp() * 1000))
    target = result.targets[0]
    assert fields["externalId"] == target.findings[0].uid_on(target.target.name)
    assert "cs5" not in fields
    assert parse_cef(lines[1])[0][6] == "4"  # high, evidence required


def test_cef_header_escapes_backslash_and_pipe_and_flattens_newlines() -> None:
    assert cef.escape_header("a|b\\c\nd") == "a\\|b\\\\c d"
    assert cef.escape_value("a=b\\c\r\nd|e") == "a\\=b\\\\c\\nd|e"


def test_include_passed_adds_passes_at_severity_zero() -> None:
    lines = cef.render(crafted(), RenderOptions(include_passed=True)).splitlines()
    assert [parse_cef(x)[1]["outcome"] for x in lines] == ["fail", "unknown", "pass"]
    assert parse_cef(lines[2])[0][6] == "0"
    assert leef.render(crafted(), RenderOptions(include_passed=True)).count("\tsev=1\t") == 1


@pytest.mark.parametrize(("severity", "failed", "unknown", "syslog"), [
    (Severity.CRITICAL, 10, 5, 2), (Severity.HIGH, 8, 4, 3), (Severity.MEDIUM, 5, 3, 4),
    (Severity.LOW, 3, 2, 5), (Severity.INFO, 1, 1, 6)])
def test_severity_mapping(severity: Severity, failed: int, unknown: int, syslog: int) -> None:
    result = crafted(statuses=(Status.FAIL, Status.UNKNOWN))
    target = result.targets[0]
    events = []
    for item in target.findings:
        f = item.finding
        changed = type(f)(f.check_id, f.status, severity, f.resource, f.message, f.evidence)
        events.append(siem.Event(target, type(item)(changed, item.title,
                                                    item.remediation, item.controls)))
    assert [siem.line_severity(e) for e in events] == [failed, unknown]
    assert siem.syslog_severity(events[0]) == syslog
    assert siem.syslog_severity(events[1]) == siem.SYSLOG_NOTICE


def test_leef_header_declares_tab_and_values_cannot_break_it() -> None:
    lines = leef.render(crafted(), RenderOptions()).splitlines()
    assert len(lines) == 2
    prefix = "LEEF:2.0|voipscan|voipscan|0.1.0|signalling.tls|x09|"
    assert lines[0].startswith(prefix)
    pairs = lines[0][len(prefix):].split("\t")
    fields = dict(pair.split("=", 1) for pair in pairs)
    assert fields["sev"] == "8"
    assert fields["msg"] == "message 0: pipe | back\\slash eq=uals new line  tab"
    assert fields["devTimeFormat"] == "yyyy-MM-dd'T'HH:mm:ss.SSSZ"
    assert fields["devTime"] == "2026-11-28T12:00:01.000+0000"
    assert fields["outcome"] == "fail" and fields["filePath"] == "site|a=b.yaml"
    assert leef.escape_header("a|b\\c") == "a\\|b\\\\c"


def host(text: str) -> ScanResult:
    """A failed finding on a host target written as a user would write it."""
    target = spec_target(parse_target(text))
    return crafted(kind=TargetKind.HOST, name=target.name, statuses=(Status.FAIL,),
                   address=target.address)


@pytest.mark.parametrize(("written", "expected"), [
    ("192.0.2.7:5061", {"dst": "192.0.2.7", "dpt": "5061"}),
    ("[2001:db8::1]:5060", {"dst": "2001:db8::1", "dpt": "5060"}),
    ("sip:127.0.0.1:50605", {"dst": "127.0.0.1", "dpt": "50605"}),
    ("sip:127.0.0.1:5080;transport=tcp", {"dst": "127.0.0.1", "dpt": "5080", "proto": "TCP",
                                          "app": "SIP"}),
    ("sips:pbx.example.net", {"dhost": "pbx.example.net", "proto": "TCP", "app": "SIPS"}),
    ("pbx.example.org", {"dhost": "pbx.example.org"}),
])
def test_host_targets_carry_destination_fields(written: str, expected: dict[str, str]) -> None:
    _, fields = parse_cef(cef.render(host(written), RenderOptions()).strip())
    assert {k: fields[k] for k in expected} == expected
    assert "filePath" not in fields
    assert not {"dst", "dhost"} - set(expected) & set(fields)  # exactly one of them
    assert "dpt" in fields if "dpt" in expected else "dpt" not in fields


def test_leef_destination_of_an_ipv6_sips_target() -> None:
    line = leef.render(host("sips:[2001:db8::1]:5071"), RenderOptions())
    assert "\tdst=2001:db8::1\tdstPort=5071\tproto=TCP\tapp=SIPS\t" in line


def test_sample_scan_emits_one_line_per_open_finding() -> None:
    result = scan([SAMPLES / "insecure.yaml"])
    open_findings = [f for f in result.targets[0].findings
                     if f.finding.status in (Status.FAIL, Status.UNKNOWN)]
    for name in ("cef", "leef"):
        lines = render(name, result).splitlines()
        assert len(lines) == len(open_findings)
    ids = [parse_cef(x)[0][4] for x in render("cef", result).splitlines()]
    assert ids == [f.finding.check_id for f in open_findings]

"""What the line formats for SIEMs (CEF, LEEF) share: which findings, severities, fields.

One event per finding of a target (a finding that serves several controls is one event that
lists them). Failed and evidence-required findings are emitted; passing ones only when asked;
not-applicable ones never. Suppressed findings are emitted too, marked with their reason.

Severity (the finding's own severity, which a check may raise above its default):

=========  ======================  ==========================  ================
severity   CEF/LEEF when failed    CEF/LEEF evidence required  syslog (RFC 5424)
=========  ======================  ==========================  ================
critical   10                      5                           2 critical
high       8                       4                           3 error
medium     5                       3                           4 warning
low        3                       2                           5 notice
info       1                       1                           6 informational
=========  ======================  ==========================  ================

A passing finding is CEF 0, LEEF 1 and syslog 6. Evidence required means the facts to judge
were missing: worth a look, less urgent than a confirmed failure, hence half the weight.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from voipscan.checks import REGISTRY, Severity, Status
from voipscan.result import ReportedFinding, ScanResult, TargetResult
from voipscan.target import NetworkAddress, PathAddress

VENDOR = "voipscan"
PRODUCT = "voipscan"

FAILED_SEVERITY = {Severity.CRITICAL: 10, Severity.HIGH: 8, Severity.MEDIUM: 5,
                   Severity.LOW: 3, Severity.INFO: 1}
UNKNOWN_SEVERITY = {Severity.CRITICAL: 5, Severity.HIGH: 4, Severity.MEDIUM: 3,
                    Severity.LOW: 2, Severity.INFO: 1}
SYSLOG_SEVERITY = {Severity.CRITICAL: 2, Severity.HIGH: 3, Severity.MEDIUM: 4,
                   Severity.LOW: 5, Severity.INFO: 6}
SYSLOG_INFORMATIONAL = 6
# The application protocol of a transport, for CEF/LEEF 'app'.
APPLICATION_PROTOCOL = {"udp": "SIP", "tcp": "SIP", "tls": "SIPS", "ws": "SIP-WS",
                        "wss": "SIP-WSS"}
SYSLOG_NOTICE = 5


@dataclass(frozen=True)
class Event:
    target: TargetResult
    item: ReportedFinding

    @property
    def status(self) -> Status:
        return self.item.finding.status

    @property
    def category(self) -> str:
        check = REGISTRY.get(self.item.finding.check_id)
        return check.category if check else "unknown"

    @property
    def uid(self) -> str:
        return self.item.uid_on(self.target.target.name)

    def controls(self) -> str:
        return ",".join(self.item.controls)

    def evidence(self) -> str:
        parts = []
        for ev in self.item.finding.evidence:
            where = f" @ {ev.source.describe()}" if ev.source else ""
            parts.append(f"{ev.fact}={ev.value}{where}")
        return "; ".join(parts)

    def suppression(self) -> str:
        s = self.item.suppression
        if s is None:
            return ""
        owner = f"; owner {s.owner}" if s.owner else ""
        return f"{s.reason} (until {s.expires.isoformat()}{owner})"


def events(result: ScanResult, include_passed: bool = False) -> Iterator[Event]:
    wanted = {Status.FAIL, Status.UNKNOWN} | ({Status.PASS} if include_passed else set())
    for target in result.targets:
        for item in target.findings:
            if item.finding.status in wanted:
                yield Event(target, item)


def line_severity(event: Event) -> int:
    """CEF severity 0-10 (LEEF uses the same scale, with 1 as its floor)."""
    severity = event.item.finding.severity
    if event.status is Status.FAIL:
        return FAILED_SEVERITY[severity]
    if event.status is Status.UNKNOWN:
        return UNKNOWN_SEVERITY[severity]
    return 0


def syslog_severity(event: Event) -> int:
    if event.status is Status.FAIL:
        return SYSLOG_SEVERITY[event.item.finding.severity]
    if event.status is Status.UNKNOWN:
        return SYSLOG_NOTICE
    return SYSLOG_INFORMATIONAL


@dataclass(frozen=True)
class Address:
    """Where a host target lives, for the destination fields of CEF and LEEF."""

    ip: str | None = None
    host: str | None = None
    port: int | None = None
    transport: str | None = None


def address(target: TargetResult) -> Address:
    where = target.target.address
    if not isinstance(where, NetworkAddress):
        return Address()
    ip = where.ip
    return Address(ip=ip, host=None if ip else where.host, port=where.port,
                   transport=where.transport)


def location_fields(event: Event, *, host_key: str, port_key: str) -> list[tuple[str, str]]:
    """Where the finding is: a probed address, or the config path (CEF and LEEF keys differ)."""
    fields: list[tuple[str, str]] = []
    where = address(event.target)
    if where.ip:
        fields.append(("dst", where.ip))
    if where.host:
        fields.append((host_key, where.host))
    if where.port:
        fields.append((port_key, str(where.port)))
    if where.transport:
        fields.append(("proto", "UDP" if where.transport == "udp" else "TCP"))
        fields.append(("app", APPLICATION_PROTOCOL.get(where.transport, where.transport.upper())))
    path = event.target.target.address
    if isinstance(path, PathAddress):
        fields.append(("filePath", path.path))
    return fields


def lines(fmt: str, result: ScanResult, include_passed: bool = False) -> list[tuple[int, str]]:
    """(syslog severity, line) for each event, in CEF or LEEF."""
    from voipscan.reports import cef, leef

    make = cef.line if fmt == "cef" else leef.line
    return [(syslog_severity(e), make(e, result)) for e in events(result, include_passed)]

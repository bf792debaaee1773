"""ArcSight Common Event Format: one line per finding (see reports/siem.py for which, and
for the severity scale).

``CEF:0|voipscan|voipscan|VERSION|CHECK_ID|TITLE|SEVERITY|EXTENSION``. Header fields escape
``\\`` and ``|``; extension values escape ``\\``, ``=`` and line breaks (as ``\\n``, ``\\r``).
Extension keys: rt (epoch ms), cat (check category), outcome (fail / unknown / pass),
externalId (stable finding uid), msg, dst/dhost/dpt (host targets) or filePath (config
targets), cs1 target, cs2 resource, cs3 controls, cs4 remediation, cs5 suppression (only when
suppressed), cs6 evidence.
"""

from __future__ import annotations

from voipscan.reports import RenderOptions
from voipscan.reports.siem import PRODUCT, VENDOR, Event, events, line_severity, location_fields
from voipscan.result import ScanResult


def render(result: ScanResult, options: RenderOptions) -> str:
    return "".join(line(e, result) + "\n" for e in events(result, options.include_passed))


def escape_header(text: str) -> str:
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    return text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")


def escape_value(text: str) -> str:
    text = text.replace("\\", "\\\\").replace("=", "\\=")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\r")


def line(event: Event, result: ScanResult) -> str:
    item = event.item
    f = item.finding
    header = [VENDOR, PRODUCT, result.tool_version, f.check_id, item.title,
              str(line_severity(event))]
    fields: list[tuple[str, str]] = [
        ("rt", str(int(result.finished.timestamp() * 1000))),
        ("cat", event.category),
        ("outcome", f.status.value),
        ("externalId", event.uid),
        ("msg", f.message),
    ]
    fields += location_fields(event, host_key="dhost", port_key="dpt")
    custom = [("target", event.target.target.name), ("resource", f.resource),
              ("controls", event.controls()), ("remediation", item.remediation),
              ("suppression", event.suppression()), ("evidence", event.evidence())]
    for index, (label, value) in enumerate(custom, start=1):
        if value:
            fields += [(f"cs{index}Label", label), (f"cs{index}", value)]
    if result.incomplete:  # the scan was interrupted: absent findings prove nothing
        fields += [("flexString1Label", "scan"), ("flexString1", "incomplete")]
    extension = " ".join(f"{key}={escape_value(value)}" for key, value in fields)
    return "CEF:0|" + "|".join(escape_header(h) for h in header) + "|" + extension

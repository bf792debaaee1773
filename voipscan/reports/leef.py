"""IBM LEEF 2.0: one line per finding (see reports/siem.py for which, and for severity).

``LEEF:2.0|voipscan|voipscan|VERSION|CHECK_ID|x09|key=value<TAB>key=value...``: attributes are
separated by a tab, declared in the header as ``x09``. LEEF has no escape for the delimiter, so
tabs and line breaks inside values become spaces; header fields escape ``\\`` and ``|``.
Keys: devTime (with devTimeFormat), sev (1-10), cat, outcome, externalId, msg, dst/dstPort or
dstHost (host targets), filePath (config targets), target, resource, title, controls,
remediation, suppression (only when suppressed), evidence.
"""

from __future__ import annotations

from voipscan.reports import RenderOptions
from voipscan.reports.siem import PRODUCT, VENDOR, Event, events, line_severity, location_fields
from voipscan.result import ScanResult

DELIMITER = "\t"
DELIMITER_DECLARED = "x09"
TIME_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSSZ"


def render(result: ScanResult, options: RenderOptions) -> str:
    return "".join(line(e, result) + "\n" for e in events(result, options.include_passed))


def escape_header(text: str) -> str:
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    return " ".join(text.splitlines())


def clean_value(text: str) -> str:
    return " ".join(text.replace(DELIMITER, " ").splitlines())


def line(event: Event, result: ScanResult) -> str:
    item = event.item
    f = item.finding
    finished = result.finished
    fields: list[tuple[str, str]] = [
        ("devTime", finished.strftime("%Y-%m-%dT%H:%M:%S.") + f"{finished.microsecond // 1000:03d}"
         + finished.strftime("%z")),
        ("devTimeFormat", TIME_FORMAT),
        ("sev", str(max(1, line_severity(event)))),
        ("cat", event.category),
        ("outcome", f.status.value),
        ("externalId", event.uid),
        ("msg", f.message),
    ]
    fields += location_fields(event, host_key="dstHost", port_key="dstPort")
    fields += [("target", event.target.target.name), ("resource", f.resource),
               ("title", item.title), ("controls", event.controls()),
               ("remediation", item.remediation), ("suppression", event.suppression()),
               ("evidence", event.evidence())]
    if result.incomplete:  # the scan was interrupted: absent findings prove nothing
        fields.append(("scanIncomplete", "true"))
    header = [VENDOR, PRODUCT, result.tool_version, f.check_id]
    attributes = DELIMITER.join(f"{k}={clean_value(v)}" for k, v in fields if v)
    return ("LEEF:2.0|" + "|".join(escape_header(h) for h in header)
            + f"|{DELIMITER_DECLARED}|" + attributes)

"""Drift: what changed since a previous voipscan JSON report (the baseline).

Open findings (failed or evidence required) are keyed by target, check id and resource, the
same parts as their stable uid. A key open now and not in the baseline is new; open in both is
unchanged; open in the baseline only is resolved, but only for targets read in this scan (a
target left out of this scan resolves nothing). When a check reports one key several times
(e.g. with different parameters in different controls) the worst status counts.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from voipscan.checks import Severity, Status
from voipscan.documents import read_text
from voipscan.errors import InputError
from voipscan.result import Drift, DriftChange, DriftEntry, ReportedFinding, TargetResult

Key = tuple[str, str, str]
OPEN = (Status.FAIL, Status.UNKNOWN)


@dataclass(frozen=True)
class Opened:
    status: Status
    severity: Severity
    title: str
    suppressed: bool = False


@dataclass(frozen=True)
class Baseline:
    path: str
    started: str | None
    findings: Mapping[Key, Opened]


def load_baseline(path: Path) -> Baseline:
    """Read a previous JSON report; anything else is one clear InputError."""
    text = read_text(path)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"baseline is not JSON: {error.msg}", str(path), error.lineno) from None
    except (ValueError, RecursionError):  # numbers of > 4,300 digits, nesting too deep
        raise InputError("baseline is not a JSON report voipscan can read", str(path)) from None
    try:
        return Baseline(str(path), _started(doc), _open_findings(doc))
    except KeyError as error:
        raise InputError(f"not a voipscan JSON report (missing '{error.args[0]}')",
                         str(path)) from None
    except (AttributeError, TypeError, ValueError) as error:
        detail = error.args[0] if error.args else type(error).__name__
        raise InputError(f"not a voipscan JSON report ({detail})", str(path)) from None


def _started(doc: Any) -> str | None:
    if not isinstance(doc, dict) or doc.get("tool", {}).get("name") != "voipscan":
        raise ValueError("no tool.name voipscan")
    version = str(doc.get("schema_version", ""))
    if version.split(".")[0] != "1":
        raise ValueError(f"unsupported schema_version {version!r}")
    started = doc.get("scan", {}).get("started")
    return str(started) if started is not None else None


def _open_findings(doc: dict[str, Any]) -> dict[Key, Opened]:
    targets = doc["targets"]
    if not isinstance(targets, list):
        raise TypeError("targets is not a list")
    found: dict[Key, Opened] = {}
    for target in targets:
        name = _text(target, "name")
        findings = target["findings"]
        if not isinstance(findings, list):
            raise TypeError("findings is not a list")
        for item in findings:
            status = Status(_text(item, "status"))
            if status in OPEN:
                key = (name, _text(item, "check_id"), _text(item, "resource"))
                opened = Opened(status, Severity(_text(item, "severity")),
                                str(item.get("title", "")))
                _keep_worst(found, key, opened)
    return found


def _text(obj: Any, key: str) -> str:
    value = obj[key]
    if not isinstance(value, str):
        raise TypeError(f"{key} is not a string")
    return value


def _keep_worst(found: dict[Key, Opened], key: Key, opened: Opened) -> None:
    current = found.get(key)
    if current is None or (current.status is Status.UNKNOWN and opened.status is Status.FAIL):
        found[key] = opened


def open_now(targets: Iterable[TargetResult]) -> dict[Key, Opened]:
    found: dict[Key, Opened] = {}
    for target in targets:
        for item in target.findings:
            if item.finding.status in OPEN:
                _keep_worst(found, item.key, _opened(item))
    return found


def _opened(item: ReportedFinding) -> Opened:
    f = item.finding
    return Opened(f.status, f.severity, item.title, item.suppression is not None)


def compare(baseline: Baseline, targets: Iterable[TargetResult]) -> Drift:
    targets = list(targets)
    scanned = {t.target.name for t in targets if not t.fatal}
    now = open_now(targets)
    entries = []
    for key, current in sorted(now.items()):
        before = baseline.findings.get(key)
        change = DriftChange.NEW if before is None else DriftChange.UNCHANGED
        entries.append(DriftEntry(change, *key, current.status,
                                  before.status if before else None, current.severity,
                                  current.title, current.suppressed))
    for key, before in sorted(baseline.findings.items()):
        if key not in now and key[0] in scanned:
            entries.append(DriftEntry(DriftChange.RESOLVED, *key, before.status, before.status,
                                      before.severity, before.title))
    return Drift(baseline.path, baseline.started, tuple(entries))

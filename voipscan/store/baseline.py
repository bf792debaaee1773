"""``--baseline last``: drift against the newest stored state of each target."""

from __future__ import annotations

from voipscan.drift import Baseline, Key, Opened
from voipscan.store.model import StoredTarget


def last_baseline(latest: list[tuple[int, StoredTarget, str]], label: str) -> Baseline:
    """A drift baseline keyed by target id: each target's open findings in the newest scan
    that read it. ``started`` is the newest of those scans' starts."""
    found: dict[Key, Opened] = {}
    for _, target, _ in latest:
        for f in target.open_findings():
            found[(target.target_id, f.check_id, f.resource)] = Opened(
                f.status, f.severity, f.title, f.suppressed)
    started = max((when for _, _, when in latest), default=None)
    scans = sorted({scan_id for scan_id, _, _ in latest})
    shown = ", ".join(str(s) for s in scans[-5:]) + (" ..." if len(scans) > 5 else "")
    path = f"{label} (last stored scan{'s' if len(scans) != 1 else ''}: {shown or 'none'})"
    return Baseline(path, started, found, by_id=True)

"""Reading the history back: scans, one scan whole, a system's trend, the last state of
every target."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import sqlalchemy as sa

from voipscan.checks import Severity, Status
from voipscan.errors import InputError
from voipscan.store.model import (
    OPEN,
    ScanSummary,
    StoredFinding,
    StoredScan,
    StoredScore,
    StoredTarget,
    TrendPoint,
    utc,
)
from voipscan.store.tables import findings, scans, scores, targets

_OPEN = [s.value for s in OPEN]


def summaries(connection: sa.Connection, limit: int | None = None,
              system: str | None = None) -> list[ScanSummary]:
    """Newest first; ``system``: only scans that hold a target of that name or id."""
    query = sa.select(scans).order_by(scans.c.started.desc(), scans.c.id.desc())
    if system:
        query = query.where(scans.c.id.in_(_scans_of(system)))
    if limit:
        query = query.limit(limit)
    rows = connection.execute(query).all()
    ids = [r.id for r in rows]
    names: dict[int, list[str]] = defaultdict(list)
    opened: dict[int, int] = defaultdict(int)
    if ids:
        for t in connection.execute(sa.select(targets.c.scan_id, targets.c.name)
                                    .where(targets.c.scan_id.in_(ids))
                                    .order_by(targets.c.name)):
            names[t.scan_id].append(t.name)
        counted = (sa.select(targets.c.scan_id, sa.func.count(findings.c.id))
                   .join(findings, findings.c.target_row == targets.c.id)
                   .where(targets.c.scan_id.in_(ids), findings.c.status.in_(_OPEN),
                          findings.c.suppressed.is_(False))
                   .group_by(targets.c.scan_id))
        for scan_id, count in connection.execute(counted):
            opened[scan_id] = int(count)
    return [_summary(r, names[r.id], opened[r.id]) for r in rows]


def _summary(row: sa.Row[tuple[object, ...]], names: Sequence[str], opened: int
             ) -> ScanSummary:
    m = row._mapping
    return ScanSummary(
        id=m["id"], started=utc(m["started"]), finished=utc(m["finished"]),
        tool_version=m["tool_version"], passed=bool(m["passed"]),
        incomplete=bool(m["incomplete"]),
        profiles=tuple(p for p in m["profiles"].split(",") if p), fleet_id=m["fleet_id"],
        target_names=tuple(names), open_findings=opened)


def _scans_of(system: str) -> sa.Select[tuple[int]]:
    return sa.select(targets.c.scan_id).where(
        sa.or_(targets.c.name == system, targets.c.target_id == system))


def resolve(connection: sa.Connection, ref: str) -> int:
    """A scan id from what the user wrote: a number, ``last``, or ``last~N`` (N before)."""
    text = ref.strip().lower()
    if text == "last" or text.startswith("last~"):
        back = text.removeprefix("last").removeprefix("~") or "0"
        if not back.isdigit():
            raise InputError(f"not a scan: '{ref}' (a scan id, last or last~N)")
        found = connection.execute(
            sa.select(scans.c.id).order_by(scans.c.started.desc(), scans.c.id.desc())
            .offset(int(back)).limit(1)).scalar()
    elif text.isdigit():
        found = connection.execute(sa.select(scans.c.id).where(scans.c.id == int(text))
                                   ).scalar()
    else:
        raise InputError(f"not a scan: '{ref}' (a scan id, last or last~N)")
    if found is None:
        raise InputError(f"no scan {ref} in the store ('voipscan history list' shows them)")
    return int(found)


def scan(connection: sa.Connection, scan_id: int) -> StoredScan:
    head = connection.execute(sa.select(scans).where(scans.c.id == scan_id)).one()
    rows = connection.execute(sa.select(targets).where(targets.c.scan_id == scan_id)
                              .order_by(targets.c.name, targets.c.target_id)).all()
    loaded = _targets(connection, rows)
    opened = sum(1 for t in loaded for f in t.findings if f.open and not f.suppressed)
    return StoredScan(_summary(head, [t.name for t in loaded], opened), tuple(loaded))


def _targets(connection: sa.Connection, rows: Sequence[sa.Row[tuple[object, ...]]]
             ) -> list[StoredTarget]:
    ids = [r._mapping["id"] for r in rows]
    found: dict[int, list[StoredFinding]] = defaultdict(list)
    scored: dict[int, list[StoredScore]] = defaultdict(list)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for f in connection.execute(sa.select(findings).where(findings.c.target_row.in_(chunk))
                                    .order_by(findings.c.check_id, findings.c.resource)):
            found[f.target_row].append(StoredFinding(
                f.fingerprint, f.check_id, f.resource, Status(f.status),
                Severity(f.severity), f.title, bool(f.suppressed)))
        for s in connection.execute(sa.select(scores).where(scores.c.target_row.in_(chunk))
                                    .order_by(scores.c.id)):
            scored[s.target_row].append(StoredScore(
                s.profile_id, s.profile_title, float(s.value), s.grade, float(s.coverage),
                s.passed, s.failed, s.unknown, s.not_applicable, s.suppressed))
    result = []
    for r in rows:
        m = r._mapping
        result.append(StoredTarget(m["target_id"], m["name"], m["kind"], m["format"],
                                   m["address"], m["platform"], bool(m["fatal"]),
                                   tuple(scored[m["id"]]), tuple(found[m["id"]])))
    return result


def trend(connection: sa.Connection, system: str) -> list[TrendPoint]:
    """Every stored score of the targets named ``system`` (or with that id), oldest first."""
    opened = (sa.select(sa.func.count(findings.c.id))
              .where(findings.c.target_row == targets.c.id, findings.c.status.in_(_OPEN),
                     findings.c.suppressed.is_(False))
              .scalar_subquery())
    query = (sa.select(scans.c.id, scans.c.started, targets.c.name, scores.c.profile_id,
                       scores.c.value, scores.c.grade, scores.c.coverage,
                       opened.label("open"))
             .join(targets, targets.c.scan_id == scans.c.id)
             .join(scores, scores.c.target_row == targets.c.id)
             .where(sa.or_(targets.c.name == system, targets.c.target_id == system))
             .order_by(scans.c.started, scans.c.id, targets.c.name, scores.c.id))
    return [TrendPoint(r.id, utc(r.started), r.name, r.profile_id, float(r.value), r.grade,
                       float(r.coverage), int(r.open))
            for r in connection.execute(query)]


def latest_targets(connection: sa.Connection) -> list[tuple[int, StoredTarget, str]]:
    """For every target id, its newest readable (not fatal) stored state, with the scan id
    and its start time (ISO)."""
    ranked = (sa.select(targets.c.id, targets.c.target_id, scans.c.id.label("scan_id"),
                        scans.c.started,
                        sa.func.row_number().over(
                            partition_by=targets.c.target_id,
                            order_by=(scans.c.started.desc(), scans.c.id.desc())).label("n"))
              .join(scans, scans.c.id == targets.c.scan_id)
              .where(targets.c.fatal.is_(False))
              .subquery())
    newest = connection.execute(sa.select(ranked).where(ranked.c.n == 1)).all()
    rows = connection.execute(sa.select(targets).where(
        targets.c.id.in_([r.id for r in newest]))).all() if newest else []
    loaded = {t.target_id: t for t in _targets(connection, rows)}
    return [(r.scan_id, loaded[r.target_id], utc(r.started).isoformat()) for r in newest]

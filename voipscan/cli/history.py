"""voipscan history: the scans recorded with --store, their differences and trends; and the
--store / --baseline last hooks of the scan commands."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from collections.abc import Sequence

    from voipscan.drift import Baseline
    from voipscan.reports import HistoryPoint
    from voipscan.result import ScanResult
    from voipscan.store import ScanDiff, Store, StoredScan

STORE_HELP = ("History store: sqlite:///FILE or postgresql://USER@HOST/DB (default: "
              "$VOIPSCAN_STORE, else $XDG_DATA_HOME/voipscan/history.sqlite).")


def store_option(value: str | None) -> str | None:
    """The scan commands' --store: None (not asked), else the normalised URL, checked and
    the store's tables created or upgraded before anything is scanned."""
    if value is None:
        return None
    from voipscan.store import Store

    store = Store.open(value or None)
    store.close()
    return store.url


def record(result: ScanResult, url: str) -> None:
    from voipscan.store import Store

    with Store.open(url) as store:
        scan_id = store.record(result)
        click.echo(f"voipscan: recorded scan {scan_id} in {store.shown}", err=True)


def history_points(url: str, names: Sequence[str]) -> dict[str, tuple[HistoryPoint, ...]]:
    """Every stored score of each named target, for the HTML report's trends."""
    from voipscan.reports import HistoryPoint
    from voipscan.store import Store

    found: dict[str, tuple[HistoryPoint, ...]] = {}
    with Store.open(url) as store:
        for name in dict.fromkeys(names):
            points = tuple(HistoryPoint(p.started, p.profile_id, p.value, p.grade, p.coverage)
                           for p in store.trend(name) if p.target == name)
            if points:
                found[name] = points
    return found


def last_baseline(url: str | None) -> Baseline:
    """--baseline last: each target's newest state in the store."""
    from voipscan.store import Store

    with Store.open(url) as store:
        return store.last_baseline()


def _open(url: str | None) -> Store:
    from voipscan.store import Store

    return Store.open(url)


store_url = click.option("--store", "url", metavar="URL", help=STORE_HELP)


@click.group("history")
def command() -> None:
    """Scans recorded with --store: list, show, compare, trend and prune.

    \b
    Examples:
      voipscan scan config /etc/asterisk --store
      voipscan history list
      voipscan history diff last~1 last
      voipscan history trend pbx-amsterdam --store postgresql://voipscan@192.0.2.5/voipscan
    """


@command.command("list")
@click.option("--system", metavar="NAME", help="Only scans of this system or target (name or "
              "id).")
@click.option("-n", "--limit", type=click.IntRange(1), default=50, show_default=True)
@store_url
def list_scans(system: str | None, limit: int, url: str | None) -> None:
    """List recorded scans, newest first.

    \b
    Examples:
      voipscan history list
      voipscan history list --system pbx-utrecht -n 10
    """
    with _open(url) as store:
        rows = store.summaries(limit, system)
    if not rows:
        click.echo(f"no scans in {store.shown}", err=True)
        return
    click.echo(f"{'SCAN':>6}  {'STARTED (UTC)':16}  {'VERDICT':10}  {'OPEN':>5}  TARGETS")
    for r in rows:
        names = ", ".join(r.target_names[:3]) + (
            f" (+{len(r.target_names) - 3})" if len(r.target_names) > 3 else "")
        fleet = f"  [fleet {r.fleet_id}]" if r.fleet_id else ""
        click.echo(f"{r.id:>6}  {_when(r.started):16}  {r.verdict:10}  {r.open_findings:>5}  "
                   f"{names}{fleet}")


@command.command("show")
@click.argument("scan")
@click.option("--all", "everything", is_flag=True, help="Also list passed findings.")
@store_url
def show(scan: str, everything: bool, url: str | None) -> None:
    """Show a recorded scan: its targets, scores and open findings (SCAN: an id, last or
    last~N).

    \b
    Examples:
      voipscan history show last
      voipscan history show 12 --all
    """
    with _open(url) as store:
        found = store.scan(scan)
    _show(found, everything)


def _show(found: StoredScan, everything: bool) -> None:
    s = found.summary
    fleet = f", fleet {s.fleet_id}" if s.fleet_id else ""
    click.echo(f"scan {s.id}: {s.verdict}, started {_when(s.started)} UTC, voipscan "
               f"{s.tool_version}, profiles {', '.join(s.profiles)}{fleet}")
    for t in found.targets:
        state = " (could not be read)" if t.fatal else ""
        click.echo(f"\n{t.name} [{t.kind}, {t.platform or t.format}] id {t.target_id}{state}")
        for score in t.scores:
            click.echo(f"  {score.profile_id:14} {score.value:5.1f}  grade {score.grade:2}  "
                       f"coverage {score.coverage:5.1f}%  failed {score.failed}")
        for f in t.findings:
            if f.open or everything:
                mark = " (suppressed)" if f.suppressed else ""
                click.echo(f"  {f.status.value.upper():8} {f.severity.value:8} {f.check_id} "
                           f"{f.resource}{mark}")


@command.command("diff")
@click.argument("before", metavar="A")
@click.argument("after", metavar="B")
@store_url
def diff(before: str, after: str, url: str | None) -> None:
    """What changed from scan A to scan B: targets, scores, new and resolved findings.

    \b
    Examples:
      voipscan history diff last~1 last
      voipscan history diff 3 7
    """
    with _open(url) as store:
        changes = store.diff(before, after)
    _diff(changes)


def _diff(d: ScanDiff) -> None:
    from voipscan.store.diff import Change

    click.echo(f"scan {d.before} -> scan {d.after}")
    for name in d.added:
        click.echo(f"  target added: {name}")
    for name in d.removed:
        click.echo(f"  target gone:  {name}")
    for s in d.scores:
        click.echo(f"  score {s.target} {s.profile_id}: {s.before:.1f} ({s.grade_before}) -> "
                   f"{s.after:.1f} ({s.grade_after}), coverage {s.coverage_before:.1f}% -> "
                   f"{s.coverage_after:.1f}%")
    for change in (Change.NEW, Change.RESOLVED):
        entries = d.of(change)
        click.echo(f"{change.value}: {len(entries)}")
        for e in entries:
            f = e.finding
            click.echo(f"  {e.target}  {f.status.value.upper():8} {f.severity.value:8} "
                       f"{f.check_id} {f.resource}")
    click.echo(f"unchanged: {len(d.of(Change.UNCHANGED))} open finding(s)")


@command.command("trend")
@click.argument("system")
@click.option("-p", "--profile", metavar="NAME", help="Only this profile's scores.")
@store_url
def trend(system: str, profile: str | None, url: str | None) -> None:
    """A system's (or target's) scores, coverage and open findings over time.

    \b
    Examples:
      voipscan history trend pbx-utrecht
      voipscan history trend samples/asterisk/hardened -p baseline
    """
    with _open(url) as store:
        points = [p for p in store.trend(system) if profile in (None, p.profile_id)]
    if not points:
        raise click.ClickException(f"no recorded scores for '{system}'")
    click.echo(f"{'SCAN':>6}  {'STARTED (UTC)':16}  {'PROFILE':14} {'SCORE':>5}  GRADE  "
               f"{'COVERAGE':>8}  {'OPEN':>4}  TARGET")
    for p in points:
        click.echo(f"{p.scan_id:>6}  {_when(p.started):16}  {p.profile_id:14} {p.value:5.1f}  "
                   f"{p.grade:5}  {p.coverage:7.1f}%  {p.open_findings:>4}  {p.target}")


@command.command("prune")
@click.option("--older-than", "days", type=click.IntRange(0), required=True, metavar="DAYS",
              help="Delete scans started more than DAYS days ago.")
@store_url
def prune(days: int, url: str | None) -> None:
    """Delete old scans (and fleet scans) from the store.

    \b
    Examples:
      voipscan history prune --older-than 365
    """
    with _open(url) as store:
        count = store.prune(dt.timedelta(days=days))
    click.echo(f"deleted {count} scan(s) started more than {days} day(s) ago from "
               f"{store.shown}")


def _when(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M")

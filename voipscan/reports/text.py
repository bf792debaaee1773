"""The readable terminal report, summary first: the verdict, one row per target and profile,
the failed findings grouped by check, the verdict again.

``Detail.SUMMARY`` stops after the table; ``Detail.FULL`` adds every control, every finding
with its evidence and fix, and what evidence is missing and how to supply it. Layout is
voipscan.reports.plain's (colour from click); every text from the scan is plain ``Text``,
never markup, so a configuration value can neither style nor break the report.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from voipscan.checks import Severity, Status
from voipscan.checks.supply import supply
from voipscan.reports import Detail, RenderOptions
from voipscan.reports import verdict as verdicts
from voipscan.reports.grouping import ORIGIN, CheckGroup, active, group, placed
from voipscan.reports.plain import Table, Text, Writer
from voipscan.result import (
    Assessment,
    Drift,
    DriftChange,
    ReportedFinding,
    ScanResult,
    Score,
    TargetResult,
)

STATUS_STYLE = {Status.PASS: "green", Status.FAIL: "red", Status.UNKNOWN: "yellow",
                Status.NOT_APPLICABLE: "dim"}
STATUS_LABEL = {Status.PASS: "PASS", Status.FAIL: "FAIL", Status.UNKNOWN: "EVIDENCE REQUIRED",
                Status.NOT_APPLICABLE: "N/A"}
OUTCOME_STYLE = {verdicts.Outcome.PASSED: "bold green", verdicts.Outcome.FAILED: "bold red",
                 verdicts.Outcome.INCOMPLETE: "bold yellow"}
REASONS_SHOWN = 8
"""Verdict reasons listed below the summary (all of them with ``Detail.FULL``)."""
GROUPS_SHOWN = 30
"""Failed checks listed in the normal report; the rest are counted."""
ROWS_PER_TABLE = 200
"""Summary rows per table: a sweep of thousands of hosts is drawn a table at a time."""


class _Out(Writer):
    """The report's writer: ``print`` takes several items at one indent."""

    def __init__(self, options: RenderOptions) -> None:
        super().__init__(options.width, options.color)

    def print(self, *items: Text | Table, indent: int = 0) -> None:  # type: ignore[override]
        for item in items:
            super().print(item, indent)


def render(result: ScanResult, options: RenderOptions) -> str:
    return "".join(chunks(result, options))


def chunks(result: ScanResult, options: RenderOptions) -> Iterator[str]:
    """The report a piece at a time, so a scan of many hosts never sits in memory twice."""
    out = _Out(options)
    _headline(out, result)
    out.print(Text(f"voipscan {result.tool_version}, scanned {result.started:%Y-%m-%d %H:%M} "
                   f"UTC: {_count(len(result.targets), 'target')}, "
                   f"{_count(len({a.profile_id for a in result.assessments}), 'profile')}",
                   style="dim"))
    yield out.flush()
    yield from _summary(out, result)
    if options.detail is Detail.NORMAL:
        _failed_checks(out, result)
        _open_ends(out, result)
        if result.drift is not None:
            out.blank()
            _drift(out, result.drift)
        yield out.flush()
    elif options.detail is Detail.FULL:
        by_target: dict[str, list[Assessment]] = {}
        for assessment in result.assessments:
            by_target.setdefault(assessment.target_id, []).append(assessment)
        for target in result.targets:
            out.blank()
            _target(out, target, by_target.get(target.target.id, []), options.problems)
            yield out.flush()
        if result.drift is not None:
            out.blank()
            _drift(out, result.drift)
    if options.problems and result.warnings:
        out.blank()
        out.print(Text(f"Warnings ({len(result.warnings)})", style="bold"))
        for warning in result.warnings:
            out.print(Text(f"! {warning.render()}", style="yellow"), indent=2)
    out.blank()
    _verdict(out, result, everything=options.detail is Detail.FULL)
    yield out.flush()


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _headline(out: _Out, result: ScanResult) -> None:
    out.print(Text(verdicts.headline(result), style=OUTCOME_STYLE[verdicts.outcome(result)]))


def _verdict(out: _Out, result: ScanResult, everything: bool) -> None:
    state = verdicts.outcome(result)
    out.print(Text(f"RESULT: {state.value}", style=OUTCOME_STYLE[state]))
    reasons = verdicts.reasons(result)
    shown = reasons if everything else reasons[:REASONS_SHOWN]
    for reason in shown:
        out.print(Text(f"- {reason}"), indent=2)
    if len(reasons) > len(shown):
        out.print(Text(f"- and {len(reasons) - len(shown)} more (-v lists them all)",
                       style="dim"), indent=2)


# --- the summary table ---------------------------------------------------------------------


def _grade_style(score: Score) -> str:
    if not score.graded:
        return "yellow"
    return "green" if score.grade in ("A", "B") else "yellow" if score.grade in ("C", "D") \
        else "red"


def _summary_table() -> Table:
    table = Table()
    table.add_column("Target", flexible=True, min_width=12)
    table.add_column("Profile", max_width=14)
    for name in ("Score", "Grade", "Covered", "Failed", "Evid. req."):
        table.add_column(name, justify="right", wrap=False)
    return table


def _summary_rows(result: ScanResult) -> Iterator[tuple[Text, ...]]:
    by_target: dict[str, list[Assessment]] = {}
    for assessment in result.assessments:
        by_target.setdefault(assessment.target_id, []).append(assessment)
    for target in result.targets:
        name = Text(target.target.name)
        if target.fatal:
            yield (name, Text("could not be read", style="red"), *(Text("") for _ in range(5)))
            continue
        for a in by_target.get(target.target.id, []):
            s = a.score
            yield (name, Text(a.profile_id),
                   Text(f"{s.value:.1f}" if s.graded else "-"),
                   Text(s.grade, style=_grade_style(s)),
                   Text(f"{s.coverage:.0f}%", style="" if s.graded else "yellow"),
                   Text(str(s.failed), style="red" if s.failed else ""),
                   Text(str(s.unknown), style="yellow" if s.unknown else ""))


def _summary(out: _Out, result: ScanResult) -> Iterator[str]:
    out.blank()
    table = _summary_table()
    for row in _summary_rows(result):
        table.add_row(*row)
        if table.row_count == ROWS_PER_TABLE:
            out.print(table)
            yield out.flush()
            table = _summary_table()
            table.show_header = False
    if table.row_count or not result.targets:
        out.print(table)
    ungraded = sum(1 for a in result.assessments if not a.score.graded)
    if ungraded:
        out.print(Text(f"Grade '-': coverage below 60 %, too little evidence for a grade "
                       f"({_count(ungraded, 'assessment')}); the score covers only what was "
                       "assessed.", style="dim"))
    yield out.flush()


# --- the normal report: failed checks, one line each ----------------------------------------


def _failed_checks(out: _Out, result: ScanResult) -> None:
    groups = group(active(result.targets, Status.FAIL))
    if not groups:
        return
    out.blank()
    out.print(Text(f"Failed checks ({len(groups)}), most severe first", style="bold"))
    table = Table(show_header=False, gap=2)
    table.add_column("severity", wrap=False)
    table.add_column("check", wrap=False)
    table.add_column("where", wrap=False, flexible=True)
    several = len(result.targets) > 1
    for g in groups[:GROUPS_SHOWN]:
        table.add_row(_severity(g.severity), Text(g.check_id),
                      Text(g.brief(name_target=several)))
    out.print(table, indent=2)
    if len(groups) > GROUPS_SHOWN:
        out.print(Text(f"... and {len(groups) - GROUPS_SHOWN} more failed checks",
                       style="dim"), indent=2)


def _open_ends(out: _Out, result: ScanResult) -> None:
    """Evidence required, suppressed findings and drift, a line each, and where to read more."""
    lines = []
    unknown = group(active(result.targets, Status.UNKNOWN))
    if unknown:
        targets = {t for g in unknown for t in g.targets}
        lines.append(f"Evidence required: {_count(len(unknown), 'check')} on "
                     f"{_count(len(targets), 'target')} could not be judged; -v says what "
                     "to supply")
    suppressed = sum(1 for t in result.targets for f in t.findings if f.suppression)
    if suppressed:
        lines.append(f"Suppressed: {_count(suppressed, 'finding')} (accepted risks, -v lists "
                     "them)")
    if result.assessments:
        lines.append("Every control, evidence and fix: -v; an audit report: -o report.html")
    if lines:
        out.blank()
    for line in lines:
        out.print(Text(line, style="dim" if line.startswith("Every") else ""))


def _severity(severity: Severity) -> Text:
    style = "red" if severity.rank >= Severity.HIGH.rank else "yellow" \
        if severity.rank >= Severity.MEDIUM.rank else ""
    return Text(severity.value.upper(), style=style)


# --- the full report: a section per target ---------------------------------------------------


def _target(out: _Out, target: TargetResult, assessments: list[Assessment],
            problems: bool) -> None:
    platform = f" ({target.platform})" if target.platform else ""
    heading = Text(f"== {target.target.name}", style="bold")
    heading.append(f"  [{target.target.kind.value}: {target.target.format}]{platform}",
                   style="")
    out.print(heading)
    if len(target.evidence_kinds) > 1:
        out.print(Text(f"evidence: {', '.join(sorted(target.evidence_kinds))}"), indent=2)
    if problems:
        for problem in target.problems:
            out.print(Text(f"! {problem.level.value}: {problem.render()}", style="yellow"),
                      indent=2)
    if target.fatal:
        out.print(Text("not scanned: the target could not be read", style="red"), indent=2)
        return
    for a in assessments:
        _assessment(out, a)
    active = [f for f in target.findings if f.suppression is None]
    failed = group(placed(target, (f for f in active if f.finding.status is Status.FAIL)))
    if failed:
        out.blank()
        count = sum(len(g.findings) for g in failed)
        out.print(Text(f"Failed findings ({count}, {_count(len(failed), 'check')})",
                       style="bold"), indent=2)
        for g in failed:
            _failed_group(out, g)
    _evidence_required(out, target, active)
    _suppressed(out, target)


def _assessment(out: _Out, a: Assessment) -> None:
    s = a.score
    line = Text(f"{a.profile_title} [{a.profile_id}]: ")
    judged = (f"score {s.value:.1f}/100 grade {s.grade}" if s.graded
              else f"incomplete: {s.unknown} control(s) need evidence")
    line.append(judged, style=_grade_style(s))
    line.append(f", coverage {s.coverage:.0f}%  - {s.passed} passed, {s.failed} failed, "
                f"{s.unknown} evidence required, {s.not_applicable} n/a"
                + (f", {s.suppressed} suppressed" if s.suppressed else ""))
    out.print(line, indent=2)
    table = Table(show_header=False, gap=1)
    table.add_column("status", wrap=False, min_width=17)
    table.add_column("id", wrap=False)
    table.add_column("control", flexible=True)
    for control in a.controls:
        if control.suppressed:
            label = Text("SUPPRESSED", style="dim")
        else:
            label = Text(STATUS_LABEL[control.status], style=STATUS_STYLE[control.status])
        title = Text(control.title)
        title.append(f"  ({control.clause})", style="dim")
        table.add_row(label, Text(control.id), title)
    out.print(table, indent=4)


def _failed_group(out: _Out, g: CheckGroup) -> None:
    head = _severity(g.severity)
    head.append(f" {g.check_id}", style="bold")
    head.append(f"  {g.title}: {g.where()}")
    out.print(head, indent=4)
    for item in g.findings:
        f = item.finding
        out.print(Text(f"{f.resource}: {f.message}"), indent=6)
        for ev in f.evidence:
            where = (f"  {ORIGIN.get(ev.source.kind.value, ev.source.kind.value)} at "
                     f"{ev.source.describe()}" if ev.source else "")
            note = f"  ({ev.note})" if ev.note else ""
            out.print(Text(f"{ev.fact} = {ev.value}{where}{note}", style="dim"), indent=8)
    for fix in g.remediations:
        out.print(Text(f"fix: {fix}"), indent=6)


def _evidence_required(out: _Out, target: TargetResult,
                       active: Sequence[ReportedFinding]) -> None:
    kinds = target.evidence_kinds
    unknown = group(placed(target, (f for f in active if f.finding.status is Status.UNKNOWN)))
    listed = [g for g in unknown if supply(g.check_id).answerable(kinds)]
    if listed:
        out.blank()
        out.print(Text(f"Evidence required ({_count(len(listed), 'check')})", style="bold"),
                  indent=2)
        for g in listed:
            out.print(Text(f"? {g.check_id} {g.where()}"), indent=4)
            for message in dict.fromkeys(f.finding.message for f in g.findings):
                out.print(Text(message), indent=8)
            out.print(Text(f"supply: {supply(g.check_id).how(kinds)}", style="dim"), indent=8)
    others = len(unknown) - len(listed)
    if others:
        out.print(Text(f"{_count(others, 'more check')} need evidence that no "
                       f"{'/'.join(sorted(kinds))} source can show (other kinds of source "
                       "would)", style="dim"), indent=2)


def _suppressed(out: _Out, target: TargetResult) -> None:
    hidden = [f for f in target.findings if f.suppression is not None]
    hidden = list({(f.finding.check_id, f.finding.resource, f.finding.message): f
                   for f in hidden}.values())
    if not hidden:
        return
    out.blank()
    out.print(Text(f"Suppressed findings ({len(hidden)})", style="bold"), indent=2)
    for item in hidden:
        f, sup = item.finding, item.suppression
        assert sup is not None
        owner = f", owner {sup.owner}" if sup.owner else ""
        out.print(Text(f"~ {f.status.value.upper()} {f.check_id} {f.resource}: {f.message}"),
                  indent=4)
        out.print(Text(f"suppressed until {sup.expires.isoformat()}{owner}: {sup.reason}",
                       style="dim"), indent=8)


def _drift(out: _Out, drift: Drift) -> None:
    new, resolved = drift.of(DriftChange.NEW), drift.of(DriftChange.RESOLVED)
    unchanged = drift.of(DriftChange.UNCHANGED)
    head = Text(f"Drift since {drift.baseline}", style="bold")
    head.append(f": {len(new)} new, {len(resolved)} resolved, {len(unchanged)} unchanged",
                style="")
    out.print(head)
    for entry in new:
        mark = " (suppressed)" if entry.suppressed else ""
        line = Text("+ NEW      ", style="red")
        line.append(f"{entry.status.value:<8} {entry.target} {entry.check_id} "
                    f"{entry.resource}{mark}")
        out.print(line, indent=2)
    for entry in resolved:
        line = Text("- RESOLVED ", style="green")
        line.append(f"{entry.status.value:<8} {entry.target} {entry.check_id} {entry.resource}")
        out.print(line, indent=2)

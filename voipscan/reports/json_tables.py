"""The shared tables of the JSON report (schema 2.0): every distinct finding, control result
and profile once, and what each target and assessment refers to by index.

The dictionaries are what ``voipscan.models.report`` describes, built directly (the models
give the schema; building thousands of them would cost more than writing the report).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from voipscan.checks import Evidence, Finding, Status
from voipscan.checks.supply import supply
from voipscan.errors import Problem
from voipscan.facts import Provenance
from voipscan.result import (
    Assessment,
    ControlResult,
    ReportedFinding,
    ScanResult,
    Score,
    Suppression,
    TargetResult,
)
from voipscan.target import PathAddress, SystemAddress

Json = dict[str, Any]


@dataclass
class Tables:
    """Built in one pass over the result; targets and assessments refer into the lists."""

    checks: list[Json] = field(default_factory=list)
    sources: list[Json] = field(default_factory=list)
    findings: list[Json] = field(default_factory=list)
    control_results: list[Json] = field(default_factory=list)
    profiles: dict[str, Json] = field(default_factory=dict)
    target_findings: list[list[int]] = field(default_factory=list)
    assessment_controls: list[list[int]] = field(default_factory=list)
    _statuses: list[Status] = field(default_factory=list)
    _finding_refs: dict[tuple[object, ...], int] = field(default_factory=dict)
    _by_object: dict[int, int] = field(default_factory=dict)
    _canonical: dict[int, Finding] = field(default_factory=dict)
    _by_value: dict[Finding, Finding] = field(default_factory=dict)
    _control_refs: dict[tuple[object, ...], int] = field(default_factory=dict)
    _by_control: dict[tuple[str, int], int] = field(default_factory=dict)
    _by_controls: dict[tuple[str, int], list[int]] = field(default_factory=dict)
    _check_refs: dict[tuple[object, ...], int] = field(default_factory=dict)
    _source_refs: dict[Provenance, int] = field(default_factory=dict)

    @classmethod
    def of(cls, result: ScanResult) -> Tables:
        tables = cls()
        tables.target_findings = [tables.findings_of(t.findings) for t in result.targets]
        tables.assessment_controls = [tables.assessment(a) for a in result.assessments]
        return tables

    def findings_of(self, items: tuple[ReportedFinding, ...]) -> list[int]:
        """The indices of ``items``' findings; those already stated are found by identity
        (targets judged alike share their findings' objects)."""
        known = self._by_object.get
        return [self._finding(item) if (ref := known(id(item))) is None else ref
                for item in items]

    def _finding(self, item: ReportedFinding) -> int:
        """The index of the item's finding, stated once for every target that has it."""
        f = item.finding
        canonical = self._canonical.get(id(f))
        if canonical is None:
            canonical = self._by_value.setdefault(f, f)
            self._canonical[id(f)] = canonical
        key = (id(canonical), item.title, item.remediation, item.params, item.controls,
               item.suppression)
        index = self._finding_refs.get(key)
        if index is None:
            index = self._finding_refs[key] = len(self.findings)
            f = item.finding
            self.findings.append({
                "check": self._check(item), "status": f.status.value,
                "severity": f.severity.value, "resource": f.resource, "message": f.message,
                "evidence": [{**evidence(e), "source": self._source(e.source)}
                             for e in f.evidence],
                "suppression": suppression(item.suppression)})
            self._statuses.append(f.status)
        self._by_object[id(item)] = index
        return index

    def _check(self, item: ReportedFinding) -> int:
        key = (item.finding.check_id, item.title, item.remediation, item.params, item.controls)
        index = self._check_refs.get(key)
        if index is None:
            index = self._check_refs[key] = len(self.checks)
            self.checks.append(check_use(item))
        return index

    def _source(self, source: Provenance | None) -> int | None:
        if source is None:
            return None
        index = self._source_refs.get(source)
        if index is None:
            index = self._source_refs[source] = len(self.sources)
            self.sources.append(provenance(source))
        return index

    def assessment(self, a: Assessment) -> list[int]:
        profile = self.profiles.get(a.profile_id)
        if profile is None:
            profile = self.profiles[a.profile_id] = {"id": a.profile_id,
                                                     "title": a.profile_title, "controls": {}}
        key = (a.profile_id, id(a.controls))  # targets judged alike share the tuple
        refs = self._by_controls.get(key)
        if refs is None:
            refs = self._by_controls[key] = [self._control(a.profile_id, profile["controls"], c)
                                             for c in a.controls]
        return list(refs)

    def _control(self, profile: str, described: dict[str, Json], c: ControlResult) -> int:
        """The index of the control's result, stated once for every target that has it
        (targets judged alike share one object)."""
        known = self._by_control.get((profile, id(c)))
        if known is not None:
            return known
        if c.id not in described:
            described[c.id] = {"id": c.id, "title": c.title, "clause": c.clause,
                               "severity": c.severity.value, "checks": list(c.checks)}
        refs = tuple(self.findings_of(c.findings))
        key = (profile, c.id, c.status, c.suppressed, refs)
        index = self._control_refs.get(key)
        if index is None:
            index = self._control_refs[key] = len(self.control_results)
            self.control_results.append({"profile": profile, "control": c.id,
                                         "status": c.status.value, "suppressed": c.suppressed,
                                         "findings": list(refs)})
        self._by_control[(profile, id(c))] = index
        return index

    def profile_list(self) -> list[Json]:
        return [{**p, "controls": list(p["controls"].values())} for p in self.profiles.values()]

    def evidence_required(self) -> list[Json]:
        """Each evidence-required finding once, with how many targets have it."""
        counts: Counter[int] = Counter()
        for refs in self.target_findings:
            counts.update({r for r in refs if self._statuses[r] is Status.UNKNOWN})
        return [{"finding": ref, "targets": count}
                for ref, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def check_use(item: ReportedFinding) -> Json:
    return {"check_id": item.finding.check_id, "title": item.title,
            "remediation": item.remediation,
            "parameters": {k: list(v) if isinstance(v, tuple) else v for k, v in item.params},
            "controls": list(item.controls), "supply": supply(item.finding.check_id).how(
                frozenset())}


def evidence(e: Evidence) -> Json:
    """One piece of evidence with its source (as 1.x wrote it, and as OCSF carries it)."""
    return {"fact": e.fact, "value": e.value, "note": e.note or None,
            "source": None if e.source is None else provenance(e.source)}


def provenance(source: Provenance) -> Json:
    return {"kind": source.kind.value, "location": source.location, "line": source.line,
            "detail": source.detail or None}


def suppression(s: Suppression | None) -> Json | None:
    if s is None:
        return None
    return {"reason": s.reason, "owner": s.owner, "expires": s.expires.isoformat(),
            "file": s.path, "line": s.line}


def problem(p: Problem) -> Json:
    return {"level": p.level.value, "message": p.message, "file": p.path, "line": p.line}


def target(t: TargetResult, findings: list[int]) -> Json:
    where = t.target.address
    address: Json
    if isinstance(where, PathAddress):
        address = {"type": "path", "path": where.path}
    elif isinstance(where, SystemAddress):
        address = {"type": "system", "inventory": where.inventory, "system": where.system}
    else:
        address = {"type": "network", "scheme": where.scheme, "host": where.host,
                   "ip": where.ip, "port": where.port, "transport": where.transport}
    return {"id": t.target.id, "name": t.target.name, "kind": t.target.kind.value,
            "format": t.target.format, "address": address, "platform": t.platform,
            "evidence_kinds": sorted(t.evidence_kinds), "readable": not t.fatal,
            "problems": [problem(p) for p in t.problems], "findings": findings}


def score(s: Score) -> Json:
    return {"value": s.value, "grade": s.grade, "controls_passed": s.passed,
            "controls_failed": s.failed, "evidence_required": s.unknown,
            "not_applicable": s.not_applicable, "suppressed": s.suppressed,
            "coverage": s.coverage}


def assessment(a: Assessment, controls: list[int]) -> Json:
    return {"target": a.target, "profile": a.profile_id, "score": score(a.score),
            "controls": controls}

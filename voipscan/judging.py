"""One target's facts judged: its findings, and its assessment against each profile.

Work that does not depend on the target is done once per scan: which controls use each
check, each check's runs on equal facts (``voipscan.reuse``), remediation texts, and the
score of each distinct list of control statuses. Targets judged alike share the objects of
their results: a check's reported findings, a control's result, a profile's list of them.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass

from voipscan.checks import REGISTRY, Finding, Severity, Status
from voipscan.errors import Problem
from voipscan.facts import System
from voipscan.facts.observed import holds_facts
from voipscan.profiles import CheckRef, Control, Profile
from voipscan.result import Assessment, ControlResult, ReportedFinding, Score, TargetResult
from voipscan.reuse import CheckRuns, Runner
from voipscan.scoring import Weighed, control_status, score
from voipscan.sources.interface import SourceResult

NOTHING_READ = "nothing to assess: no facts were read from this input"


@dataclass(frozen=True)
class Layout:
    """The checks of the profiles, each once, in the order first met, with the controls
    ('profile/control') that use each."""

    profiles: tuple[Profile, ...]
    refs: tuple[CheckRef, ...]
    labels: dict[CheckRef, tuple[str, ...]]

    @classmethod
    def of(cls, profiles: Sequence[Profile]) -> Layout:
        labels: dict[CheckRef, list[str]] = {}
        for profile in profiles:
            for control in profile.controls:
                label = f"{profile.id}/{control.id}"
                for ref in control.checks:
                    labels.setdefault(ref, []).append(label)
        return cls(tuple(profiles), tuple(labels), {r: tuple(v) for r, v in labels.items()})


class Judge:
    """Judges the targets of one scan."""

    def __init__(self, profiles: Sequence[Profile], run: Runner, now: dt.datetime) -> None:
        self.layout = Layout.of(profiles)
        self.runs = CheckRuns(self._interning(run), now)
        self._fixes: dict[tuple[str, str | None, str], str] = {}
        self._titles = tuple(REGISTRY[ref.check_id].title for ref in self.layout.refs)
        slots = {ref: slot for slot, ref in enumerate(self.layout.refs)}
        self._plans = tuple(tuple(_ControlPlan.of(control, slots) for control in p.controls)
                            for p in self.layout.profiles)
        # What targets judged alike share; each entry keeps alive the objects whose ids
        # make its key.
        self._slots: dict[tuple[int, int, str | None], _Slot] = {}
        self._controls: dict[tuple[int, ...], ControlResult] = {}
        self._scores: dict[tuple[int, ...], tuple[tuple[ControlResult, ...], Score]] = {}

    def target(self, source: SourceResult) -> tuple[TargetResult, list[Assessment]]:
        platform = source.system.platform.value
        name = source.target.name
        if source.fatal:
            return TargetResult(source.target, platform, (), source.problems, True), []
        if not holds_facts(source.system):
            nothing = Problem(NOTHING_READ, name)
            problems = (*source.problems, nothing)
            return TargetResult(source.target, platform, (), problems, True), []
        facts = self.runs.facts(source.system)
        judged = [self._slot(slot, ref, self.runs.findings(facts, ref, slot), platform)
                  for slot, ref in enumerate(self.layout.refs)]
        assessments = [
            Assessment(name, profile.id, profile.title, *self._profile(index, judged),
                       target_id=source.target.id)
            for index, profile in enumerate(self.layout.profiles)
        ]
        kinds = source.system.evidence_kinds or frozenset({source.target.kind.value})
        every = tuple(f for slot in judged for f in slot.reported)
        return TargetResult(source.target, platform, every, source.problems, False,
                            kinds), assessments

    def _slot(self, slot: int, ref: CheckRef, findings: tuple[Finding, ...],
              platform: str | None) -> _Slot:
        """One check's findings as reported; shared by every target with the same findings.
        Entries are kept for the scan and keep their ``findings`` alive, so no other object
        can take the id in a key (nor that of a ``_Slot``, which control keys use)."""
        key = (slot, id(findings), platform)
        judged = self._slots.get(key)
        if judged is None:
            labels, title = self.layout.labels[ref], self._titles[slot]
            reported = tuple(ReportedFinding(f, title, self._fix(f, platform), labels,
                                             ref.params) for f in findings)
            judged = self._slots[key] = _Slot(findings, reported,
                                              _RANK[control_status(findings)])
        return judged

    def _profile(self, index: int, judged: list[_Slot]
                 ) -> tuple[tuple[ControlResult, ...], Score]:
        """A profile's control results and score; shared by targets whose checks' findings
        are the same objects."""
        controls = []
        for number, plan in enumerate(self._plans[index]):
            key = (index, number, *(id(judged[slot]) for slot in plan.slots))
            control = self._controls.get(key)
            if control is None:
                control = self._controls[key] = plan.result(judged)
            controls.append(control)
        whole = tuple(controls)
        key = tuple(map(id, whole))
        scored = self._scores.get(key)
        if scored is None:
            scored = self._scores[key] = (whole, _assessed(whole))
        return scored

    @staticmethod
    def _interning(run: Runner) -> Runner:
        """Many targets share identical findings: keep one object of each."""
        interned: dict[Finding, Finding] = {}

        def interning(system: System, ref: CheckRef, now: dt.datetime
                      ) -> tuple[tuple[Finding, ...], bool]:
            findings, completed = run(system, ref, now)
            return tuple(interned.setdefault(f, f) for f in findings), completed

        return interning

    def _fix(self, finding: Finding, platform: str | None) -> str:
        key = (finding.check_id, platform, finding.resource)
        fix = self._fixes.get(key)
        if fix is None:
            fix = REGISTRY[finding.check_id].remediation_for(platform, finding.resource)
            self._fixes[key] = fix
        return fix


_RANK = {Status.NOT_APPLICABLE: 0, Status.PASS: 1, Status.UNKNOWN: 2, Status.FAIL: 3}
_BY_RANK = tuple(sorted(_RANK, key=_RANK.__getitem__))


@dataclass(frozen=True)
class _ControlPlan:
    """A control as the judge meets it: its checks' places in the layout, and what does not
    depend on the target. Its status is the worst of its checks' (``control_status`` over
    all their findings: fail, else unknown, else pass, else not applicable)."""

    control: Control
    slots: tuple[int, ...]
    severity: Severity
    checks: tuple[str, ...]

    @classmethod
    def of(cls, control: Control, slots: dict[CheckRef, int]) -> _ControlPlan:
        return cls(control, tuple(slots[ref] for ref in control.checks),
                   control_severity(control), tuple(r.check_id for r in control.checks))

    def result(self, judged: list[_Slot]) -> ControlResult:
        control = self.control
        slots = self.slots
        if len(slots) == 1:
            slot = judged[slots[0]]
            findings, rank = slot.reported, slot.rank
        else:
            findings = tuple(f for index in slots for f in judged[index].reported)
            rank = max(judged[index].rank for index in slots)
        return ControlResult(control.id, control.title, control.clause, _BY_RANK[rank],
                             self.severity, self.checks, findings)


@dataclass(frozen=True, slots=True)
class _Slot:
    """One check's findings on a target, as reported, and their status's rank."""

    findings: tuple[Finding, ...]
    reported: tuple[ReportedFinding, ...]
    rank: int


@functools.cache
def control_severity(control: Control) -> Severity:
    """The control's own severity, or the most severe of its checks."""
    return control.severity or max(
        (REGISTRY[r.check_id].severity for r in control.checks), key=lambda s: s.rank
    )


def assessment(target: str, profile_id: str, profile_title: str,
               controls: list[ControlResult], target_id: str = "") -> Assessment:
    """Suppressed controls count neither as passed nor as failed: they leave the score."""
    return Assessment(target, profile_id, profile_title, tuple(controls),
                      _assessed(controls), target_id=target_id)


def _assessed(controls: Sequence[ControlResult]) -> Score:
    scored = tuple((c.status, c.severity) for c in controls if not c.suppressed)
    return _score(scored, len(controls) - len(scored))


@functools.lru_cache(maxsize=4096)
def _score(controls: tuple[tuple[Status, Severity], ...], suppressed: int) -> Score:
    """One score per distinct list of control statuses: targets judged alike share it."""
    scored_as = score(Weighed(status, severity) for status, severity in controls)
    counts = {s: sum(1 for status, _ in controls if status is s) for s in Status}
    return Score(scored_as.value, scored_as.grade, counts[Status.PASS], counts[Status.FAIL],
                 counts[Status.UNKNOWN], counts[Status.NOT_APPLICABLE], suppressed=suppressed,
                 coverage=scored_as.coverage)

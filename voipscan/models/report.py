"""The JSON report: one scan, its targets with their findings, and their assessments.

Schema 1.1 added each target's ``id`` and ``address``; 1.2 added systems (a ``system``
address), each target's ``evidence_kinds``, each score's ``coverage`` and each
evidence-required finding's ``supply``; 1.3 added the verdict's ``outcome`` (an interrupted
scan is ``incomplete``, never passed).

2.0 states what targets share once: each distinct finding once in ``findings`` (targets list
indexes into it), what the findings of one check share once in ``checks``, evidence sources once in
``sources``, each distinct
control result once in ``control_results`` (assessments list indexes into it), each
profile's controls once in ``profiles``, and the evidence still required once per scan in
``evidence_required``. ``voipscan.models.report_reader`` expands a
2.0 report back into each target's findings as 1.3 wrote them. Every 1.x and 2.x report loads
as a ``--baseline`` (``voipscan.models.baseline``).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, JsonValue

from voipscan.checks import Severity, Status
from voipscan.errors import ProblemLevel
from voipscan.facts.fact import OriginKind
from voipscan.models.base import OutputModel
from voipscan.result import SuppressionState
from voipscan.target import TargetKind

SCHEMA_VERSION = "2.0"
SCHEMA_ID = f"https://voipscan.dev/schemas/report-{SCHEMA_VERSION}.json"

Line = Annotated[int, Field(ge=1)] | None
Count = Annotated[int, Field(ge=0)]
Index = Annotated[int, Field(ge=0)]
"""A position in one of the report's lists (0 is the first)."""
Grade = Literal["A", "B", "C", "D", "E", "F", "-"]


class Tool(OutputModel):
    name: Literal["voipscan"] = "voipscan"
    version: str


class Scan(OutputModel):
    started: dt.datetime
    finished: dt.datetime
    incomplete: bool = Field(
        description="true when the scan was interrupted; the report holds what was gathered.")


class Verdict(OutputModel):
    passed: bool
    outcome: Literal["passed", "failed", "incomplete"] = Field(
        description="'incomplete' when the scan was interrupted: it judged only what it "
                    "gathered, and is never passed.")
    reasons: tuple[str, ...]


class Problem(OutputModel):
    level: ProblemLevel
    message: str
    file: str | None
    line: Line


class EvidenceSource(OutputModel):
    kind: OriginKind
    location: str
    line: Line
    detail: str | None


class Evidence(OutputModel):
    fact: str
    value: str
    note: str | None
    source: EvidenceSource | None


class SharedEvidence(OutputModel):
    fact: str
    value: str
    note: str | None
    source: Index | None = Field(description="Index into the report's 'sources'.")


class Suppression(OutputModel):
    """The suppressions-file entry that hides a finding: it stays reported, but leaves the
    score and the verdict."""

    reason: str
    owner: str | None
    expires: dt.date
    file: str
    line: Line


class ExpandedFinding(OutputModel):
    """A finding with everything about it, as schema 1.x wrote it in each target and as
    ``voipscan.models.report_reader`` expands a 2.0 report."""

    check_id: Annotated[str, Field(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")]
    title: str
    status: Status
    severity: Severity
    resource: str
    message: str
    evidence: tuple[Evidence, ...]
    remediation: str
    parameters: dict[str, JsonValue]
    controls: tuple[str, ...] = Field(
        description="Profile controls the finding serves, as 'profile/control'.")
    suppression: Suppression | None
    supply: str | None = Field(
        description="Evidence required: how to supply the missing evidence (which source, "
                    "which declaration key); null for other statuses.")


class CheckUse(OutputModel):
    """What the findings of one check share: run with these parameters, for these
    controls, with this fix."""

    check_id: Annotated[str, Field(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")]
    title: str
    remediation: str
    parameters: dict[str, JsonValue]
    controls: tuple[str, ...] = Field(
        description="Profile controls its findings serve, as 'profile/control'.")
    supply: str | None = Field(
        description="How to supply the missing evidence, for its findings that need evidence"
                    " (which source, which declaration key).")


class Finding(OutputModel):
    check: Index = Field(description="Index into the report's 'checks'.")
    status: Status
    severity: Severity
    resource: str
    message: str
    evidence: tuple[SharedEvidence, ...]
    suppression: Suppression | None


class PathAddress(OutputModel):
    """A file or folder, as the user named it (normalised)."""

    type: Literal["path"] = "path"
    path: str


class NetworkAddress(OutputModel):
    """A live service; 'port' and 'transport' are null when the target stands for
    several services of the host."""

    type: Literal["network"] = "network"
    scheme: str
    host: str = Field(description="An IP literal or a name, as given.")
    ip: str | None = Field(description="The host as a normalised IP literal; null for a name.")
    port: Annotated[int, Field(ge=0, le=65535)] | None
    transport: str | None


class SystemAddress(OutputModel):
    """A system named in an inventory file; its evidence comes from several sources."""

    type: Literal["system"] = "system"
    inventory: str
    system: str


class Target(OutputModel):
    id: Annotated[str, Field(pattern=r"^[0-9a-f]{16}$")] = Field(
        description="Stable identity: the same in every scan of the same kind and address.")
    name: str = Field(
        description="The label the target was given (a path or an address): for people, never "
                    "parsed.")
    kind: TargetKind
    format: str = Field(description="What read it: asterisk, export, sip-probe, pcapng...")
    address: Annotated[PathAddress | NetworkAddress | SystemAddress,
                       Field(discriminator="type")]
    platform: str | None
    evidence_kinds: tuple[Literal["config", "host", "capture", "declared"], ...] = Field(
        description="Kinds of evidence the target's facts came from.")
    readable: bool
    problems: tuple[Problem, ...]
    findings: tuple[Index, ...] = Field(
        description="The target's findings, in order: indexes into the report's 'findings'.")


class Score(OutputModel):
    value: Annotated[float, Field(ge=0, le=100)]
    grade: Grade
    controls_passed: Count
    controls_failed: Count
    evidence_required: Count
    not_applicable: Count
    suppressed: Count = Field(
        description="Controls whose result rests only on suppressed findings; they count neither "
                    "as passed nor as failed.")
    coverage: Annotated[float, Field(ge=0, le=100)] = Field(
        description="Percent of the applicable controls' weight that was assessed (passed or "
                    "failed); 'value' is over the assessed controls only, and 'grade' is '-' "
                    "below the coverage a grade needs.")


class ProfileControl(OutputModel):
    id: str
    title: str
    clause: str
    severity: Severity
    checks: tuple[str, ...]


class Profile(OutputModel):
    """A profile the targets were judged against, and its controls."""

    id: str
    title: str
    controls: tuple[ProfileControl, ...]


class ControlResult(OutputModel):
    """One control's result, stated once for every assessment that has it."""

    profile: str
    control: str = Field(description="The control's id in the profile's 'controls'.")
    status: Status
    suppressed: bool = Field(
        description="The status rests only on suppressed findings: it leaves the score.")
    findings: tuple[Index, ...] = Field(
        description="The findings the status rests on: indexes into the report's 'findings'"
                    " (each finding's 'suppression' tells whether it is suppressed).")


class Assessment(OutputModel):
    """One target judged against one profile."""

    target: str = Field(description="The target's name.")
    profile: str = Field(description="The profile's id in 'profiles'.")
    score: Score
    controls: tuple[Index, ...] = Field(
        description="The profile's controls, in its order: indexes into 'control_results'.")


class EvidenceRequired(OutputModel):
    """A finding that needs evidence, once for the scan, and how many targets it concerns
    (its check's 'supply' tells how to supply what is missing)."""

    finding: Index = Field(description="Index into the report's 'findings'.")
    targets: Count = Field(description="Targets whose findings include it.")


class SuppressionUse(OutputModel):
    """An entry of the --suppressions file and what it did in this scan."""

    check: str
    resource: str
    target: str
    reason: str
    owner: str | None
    expires: dt.date
    file: str
    line: Line
    state: SuppressionState
    findings: Count = Field(
        description="Findings suppressed (active) or that would have been (expired).")


class DriftEntry(OutputModel):
    target: str
    check_id: str
    resource: str
    title: str
    severity: Severity
    status: Status = Field(
        description="Status now; for resolved entries, the status in the baseline.")
    previous_status: Status | None
    suppressed: bool


class Drift(OutputModel):
    """Open (failed or evidence-required) findings compared with the --baseline report,
    keyed by target (its id, or its name in a 1.0 baseline), check id and resource."""

    baseline: str
    baseline_started: str | None
    new: tuple[DriftEntry, ...]
    resolved: tuple[DriftEntry, ...]
    unchanged: tuple[DriftEntry, ...]


class Report(OutputModel):
    """voipscan scan report.

    One scan: its targets, the findings of every check on each target, and each target's
    assessment against each profile.
    """

    schema_: str = Field(default=SCHEMA_ID, alias="$schema")
    schema_version: Literal["2.0"] = "2.0"
    tool: Tool
    scan: Scan
    verdict: Verdict
    warnings: tuple[Problem, ...] = Field(
        description="Scan-wide warnings, e.g. expired or unused suppressions (file and line of the"
                    " entry).")
    suppressions: tuple[SuppressionUse, ...]
    drift: Drift | None = Field(description="Null without a baseline.")
    profiles: tuple[Profile, ...]
    checks: tuple[CheckUse, ...] = Field(
        description="What findings share: each check with its parameters, controls and fix, "
                    "once; findings refer to them by index.")
    sources: tuple[EvidenceSource, ...] = Field(
        description="Where evidence was read, each once; evidence refers to them by index.")
    findings: tuple[Finding, ...] = Field(
        description="Every distinct finding once; targets and control results refer to them "
                    "by index.")
    evidence_required: tuple[EvidenceRequired, ...] = Field(
        description="The evidence-required findings, each once for the scan, most widespread "
                    "first.")
    control_results: tuple[ControlResult, ...] = Field(
        description="Every distinct control result once; assessments refer to them by index.")
    targets: tuple[Target, ...]
    assessments: tuple[Assessment, ...]

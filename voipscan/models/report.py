"""The JSON report: one scan, its targets with their findings, and their assessments.

Schema 1.1 added each target's ``id`` and ``address``; 1.2 added systems (a ``system``
address), each target's ``evidence_kinds``, each score's ``coverage`` and each
evidence-required finding's ``supply``; 1.3 added the verdict's ``outcome`` (an interrupted
scan is ``incomplete``, never passed). Every 1.x report loads as a ``--baseline``
(``voipscan.models.baseline``).
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

SCHEMA_VERSION = "1.3"
SCHEMA_ID = f"https://voipscan.dev/schemas/report-{SCHEMA_VERSION}.json"

Line = Annotated[int, Field(ge=1)] | None
Count = Annotated[int, Field(ge=0)]
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


class Suppression(OutputModel):
    """The suppressions-file entry that hides a finding: it stays reported, but leaves the
    score and the verdict."""

    reason: str
    owner: str | None
    expires: dt.date
    file: str
    line: Line


class Finding(OutputModel):
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
    findings: tuple[Finding, ...]


class ProfileRef(OutputModel):
    id: str
    title: str


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


class ControlFinding(OutputModel):
    check_id: str
    resource: str
    status: Status
    suppressed: bool


class Control(OutputModel):
    id: str
    title: str
    clause: str
    status: Status
    severity: Severity
    checks: tuple[str, ...]
    suppressed: bool
    findings: tuple[ControlFinding, ...]


class Assessment(OutputModel):
    """One target judged against one profile."""

    target: str
    profile: ProfileRef
    score: Score
    controls: tuple[Control, ...]


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
    schema_version: Literal["1.3"] = "1.3"
    tool: Tool
    scan: Scan
    verdict: Verdict
    warnings: tuple[Problem, ...] = Field(
        description="Scan-wide warnings, e.g. expired or unused suppressions (file and line of the"
                    " entry).")
    suppressions: tuple[SuppressionUse, ...]
    drift: Drift | None = Field(description="Null without a baseline.")
    targets: tuple[Target, ...] = Field(
        description="Written last, one at a time: a report of many targets is never whole in "
                    "memory.")
    assessments: tuple[Assessment, ...]

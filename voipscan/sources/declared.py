"""Declared evidence as a Source: what the organisation states about one system.

Each declaration becomes a fact whose provenance is the declaration (file and line, who,
when, the reference). A declaration past its ``valid_until`` day counts for nothing: the
fact stays unknown (the control needs evidence again) and the result says so.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from voipscan.errors import InputError, Problem, ProblemLevel
from voipscan.facts import Fact, Provenance, System
from voipscan.sources.interface import ScanContext, Source, SourceResult
from voipscan.target import Target, TargetKind

FORMAT = "declarations"
DECLARED = "declared"

Apply = Callable[[System, Fact[Any]], System]


def _field(name: str, fact: Fact[Any]) -> dict[str, Any]:
    return {name: fact}


def _logging(name: str) -> Apply:
    return lambda s, f: replace(s, logging=replace(s.logging, **_field(name, f)))


def _recording(name: str) -> Apply:
    return lambda s, f: replace(s, recording=replace(s.recording, **_field(name, f)))


def _backup(name: str) -> Apply:
    return lambda s, f: replace(s, backup=replace(s.backup, **_field(name, f)))


def _identity(name: str) -> Apply:
    return lambda s, f: replace(s, identity=replace(s.identity, **_field(name, f)))


def _policy(name: str) -> Apply:
    return lambda s, f: replace(s, password_policy=replace(s.password_policy, **_field(name, f)))


def _organisation(name: str) -> Apply:
    return lambda s, f: replace(s, organisation=replace(s.organisation, **_field(name, f)))


def _kept_at(system: System, fact: Fact[Any]) -> System:
    forwarded = Fact(True, fact.source) if fact.known else Fact(None, fact.source, fact.note)
    return replace(system, logging=replace(system.logging, forwarded_to=fact,
                                           forwarded=forwarded))


APPLY: dict[str, Apply] = {
    "mfa.administrators": _identity("admin_mfa_enforced"),
    "mfa.users": _identity("user_mfa_enforced"),
    "identity.provider": _identity("provider"),
    "backup.configured": _backup("configured"),
    "backup.encrypted": _backup("encrypted"),
    "backup.last_restore_test": _backup("last_restore_test"),
    "logging.calls": _logging("calls"),
    "logging.config_changes": _logging("config_changes"),
    "logging.access_attempts": _logging("access_attempts"),
    "logging.retention_days": _logging("retention_days"),
    "logging.kept_at": _kept_at,
    "data.pbx_countries": lambda s, f: replace(s, hosting_countries=f),
    "data.recording_countries": _recording("storage_countries"),
    "data.log_countries": _logging("storage_countries"),
    "recording.enabled": _recording("enabled"),
    "recording.consent_notice": _recording("consent_notice"),
    "recording.retention_days": _recording("retention_days"),
    "recording.access_restricted": _recording("access_restricted"),
    "recording.encrypted_at_rest": _recording("encrypted_at_rest"),
    "password_policy.rotation_days": _policy("rotation_days"),
    "password_policy.min_length": _policy("min_length"),
    "security_assessment.last_external": _organisation("last_external_assessment"),
    "security_assessment.assessor": _organisation("assessor"),
    "incident_response.plan_reviewed": _organisation("incident_plan_reviewed"),
    "incident_response.last_exercise": _organisation("incident_last_exercise"),
    "privacy.processing_register_reviewed": _organisation("processing_register_reviewed"),
    "privacy.breach_procedure_reviewed": _organisation("breach_procedure_reviewed"),
    "privacy.breach_notification_hours": _organisation("breach_notification_hours"),
}


def read_declarations(path: Path, today: dt.date, name: str = "") -> SourceResult:
    """The facts a declarations file states, valid on ``today``. InputError when the file
    cannot be read or is not a declarations file (one line, with file and line)."""
    from voipscan.documents import load_document
    from voipscan.models.declared import DeclarationsFile
    from voipscan.models.validation import validate

    doc = load_document(path)
    document = validate(DeclarationsFile, doc, what="not a voipscan declarations file")
    system = System(name=name or str(path), evidence_kinds=frozenset({DECLARED}))
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(document.declarations):
        line = doc.line_of(("declarations", index))
        if item.fact in seen:
            problems.append(Problem(f"{item.fact} declared twice (first at line "
                                    f"{seen[item.fact]}); the later one counts", str(path),
                                    line, ProblemLevel.WARNING))
        seen[item.fact] = line or 0
        detail = (f"declared by {item.declared_by} on {item.declared_on.isoformat()}, valid "
                  f"until {item.valid_until.isoformat()}; ref. {item.reference}")
        source = Provenance.declared(str(path), line, detail)
        if item.valid_until < today:
            fact: Fact[Any] = Fact(None, source, f"declaration expired on "
                                                    f"{item.valid_until.isoformat()}")
            problems.append(Problem(
                f"declaration of {item.fact} expired on {item.valid_until.isoformat()}: it no "
                "longer counts and the control needs evidence again", str(path), line,
                ProblemLevel.WARNING))
        elif item.declared_on > today:
            fact = Fact(None, source, "declared for a future day")
            problems.append(Problem(f"declaration of {item.fact} is dated in the future "
                                    f"({item.declared_on.isoformat()})", str(path), line,
                                    ProblemLevel.WARNING))
        else:
            fact = Fact(item.typed_value(), source, item.note)
        system = APPLY[item.fact](system, fact)
    target = Target.path(path, TargetKind.CONFIG, FORMAT)
    return SourceResult(target, system, tuple(problems))


class DeclaredSource(Source):
    """A declarations file, judged on the day the scan runs."""

    kind = TargetKind.CONFIG

    def __init__(self, path: str | os.PathLike[str], today: dt.date | None = None) -> None:
        self.path = Path(path)
        self.today = today

    @property
    def key(self) -> str:
        return f"declared:{os.path.realpath(self.path)}"

    @property
    def label(self) -> str:
        return str(self.path)

    def scan(self, context: ScanContext) -> Iterator[SourceResult]:
        today = self.today or dt.datetime.now(dt.UTC).date()
        try:
            yield read_declarations(self.path, today)
        except InputError as error:
            yield SourceResult.failed(Target.path(self.path, TargetKind.CONFIG, FORMAT),
                                      Problem.from_error(error))

    def skipped(self, reason: str) -> list[SourceResult]:
        return [SourceResult.failed(Target.path(self.path, TargetKind.CONFIG, FORMAT),
                                    Problem(reason, str(self.path)))]

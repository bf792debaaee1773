"""Declared evidence: facts only the organisation can state, each signed and dated.

    version: 1
    declarations:
      - fact: mfa.administrators
        value: true
        declared_by: J. de Vries (CISO)
        declared_on: 2026-10-01
        valid_until: 2027-10-01
        reference: ISMS-POL-07, Entra ID conditional access policy "Admins MFA"
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal

from pydantic import model_validator

from voipscan.models.base import Date, InputModel, Items, Text, problem, shown


class ValueKind(StrEnum):
    BOOL = "true or false"
    DAYS = "a number of days"
    DATE = "a date YYYY-MM-DD"
    HOURS = "a number of hours"
    TEXT = "text"
    COUNTRIES = "a list of ISO 3166 country codes (or EU, EEA)"


@dataclass(frozen=True)
class DeclarableFact:
    key: str
    kind: ValueKind
    meaning: str


CATALOGUE: dict[str, DeclarableFact] = {f.key: f for f in (
    DeclarableFact("mfa.administrators", ValueKind.BOOL,
                   "every administrator must pass MFA at the identity provider"),
    DeclarableFact("mfa.users", ValueKind.BOOL,
                   "every user must pass MFA at the identity provider"),
    DeclarableFact("identity.provider", ValueKind.TEXT,
                   "the identity provider that enforces sign-in (Entra ID, Okta, Keycloak)"),
    DeclarableFact("backup.configured", ValueKind.BOOL, "the PBX is backed up"),
    DeclarableFact("backup.encrypted", ValueKind.BOOL, "backups are encrypted"),
    DeclarableFact("backup.last_restore_test", ValueKind.DATE,
                   "the day a restore from backup was last tested"),
    DeclarableFact("logging.calls", ValueKind.BOOL, "every call is logged"),
    DeclarableFact("logging.config_changes", ValueKind.BOOL, "configuration changes are logged"),
    DeclarableFact("logging.access_attempts", ValueKind.BOOL,
                   "access attempts (logins, registrations) are logged"),
    DeclarableFact("logging.retention_days", ValueKind.DAYS,
                   "how long logs are kept where they are kept"),
    DeclarableFact("logging.kept_at", ValueKind.TEXT,
                   "where logs are kept and monitored (a SIEM, a log service)"),
    DeclarableFact("data.pbx_countries", ValueKind.COUNTRIES, "where the PBX runs"),
    DeclarableFact("data.recording_countries", ValueKind.COUNTRIES,
                   "where call recordings are stored"),
    DeclarableFact("data.log_countries", ValueKind.COUNTRIES, "where logs are stored"),
    DeclarableFact("recording.enabled", ValueKind.BOOL, "calls are recorded"),
    DeclarableFact("recording.consent_notice", ValueKind.BOOL,
                   "callers are told (and may object) before a call is recorded"),
    DeclarableFact("recording.retention_days", ValueKind.DAYS,
                   "how long recordings are kept before deletion"),
    DeclarableFact("recording.access_restricted", ValueKind.BOOL,
                   "only authorised roles can listen to recordings"),
    DeclarableFact("recording.encrypted_at_rest", ValueKind.BOOL,
                   "recordings are encrypted where stored"),
    DeclarableFact("password_policy.rotation_days", ValueKind.DAYS,
                   "administrator passwords are changed at least this often"),
    DeclarableFact("password_policy.min_length", ValueKind.DAYS,
                   "the shortest password the policy allows (characters)"),
    DeclarableFact("security_assessment.last_external", ValueKind.DATE,
                   "the day the last external security assessment (penetration test, audit) "
                   "of the telephony ended"),
    DeclarableFact("security_assessment.assessor", ValueKind.TEXT,
                   "who performed the last external security assessment"),
    DeclarableFact("incident_response.plan_reviewed", ValueKind.DATE,
                   "the day the incident response plan was last approved or reviewed"),
    DeclarableFact("incident_response.last_exercise", ValueKind.DATE,
                   "the day the incident response plan was last exercised"),
    DeclarableFact("privacy.processing_register_reviewed", ValueKind.DATE,
                   "the day the processing register's entries for telephony data were last "
                   "reviewed"),
    DeclarableFact("privacy.breach_procedure_reviewed", ValueKind.DATE,
                   "the day the data breach reporting procedure was last reviewed"),
    DeclarableFact("privacy.breach_notification_hours", ValueKind.HOURS,
                   "the deadline the breach procedure sets for notifying the supervisory "
                   "authority"),
)}

Value = bool | int | str | dt.date | tuple[str, ...]


class Declaration(InputModel):
    """One fact the organisation states, with who stated it, when, for how long, and why
    it can be believed."""

    fact: Text
    """A key of the catalogue (see the README, 'Declared evidence')."""
    value: Any
    """Of the type the fact takes: true/false, a number of days or hours, a date, text, or a
    list of country codes."""
    declared_by: Text
    """Who declares it (name and role)."""
    declared_on: Date
    valid_until: Date
    """After this day the declaration no longer counts: the control needs evidence again."""
    reference: Text
    """Where it can be checked: a policy document, a ticket, an audit report."""
    note: str = ""

    @model_validator(mode="after")
    def _fits_the_catalogue(self) -> Declaration:
        entry = CATALOGUE.get(self.fact)
        if entry is None:
            raise problem(f"unknown fact '{self.fact}' (declarable: {', '.join(CATALOGUE)})",
                          "fact")
        if not _fits(entry.kind, self.value):
            raise problem(f"{self.fact} takes {entry.kind.value}, got {shown(self.value)}",
                          "value")
        if self.valid_until < self.declared_on:
            raise problem("valid_until is before declared_on", "valid_until")
        return self

    def typed_value(self) -> Value:
        kind = CATALOGUE[self.fact].kind
        if kind is ValueKind.DATE and isinstance(self.value, str):
            return dt.date.fromisoformat(self.value)
        if kind is ValueKind.COUNTRIES and isinstance(self.value, str):
            return (self.value.upper(),)
        if kind is ValueKind.COUNTRIES and isinstance(self.value, list | tuple):
            return tuple(str(v).upper() for v in self.value)
        if kind is ValueKind.TEXT:
            return str(self.value).strip()
        value: Value = self.value
        return value


def _fits(kind: ValueKind, value: object) -> bool:
    if kind is ValueKind.BOOL:
        return isinstance(value, bool)
    if kind in (ValueKind.DAYS, ValueKind.HOURS):
        return isinstance(value, int) and not isinstance(value, bool) and value >= 0
    if kind is ValueKind.DATE:
        if isinstance(value, dt.date):
            return True
        try:
            dt.date.fromisoformat(str(value))
        except ValueError:
            return False
        return isinstance(value, str)
    if kind is ValueKind.TEXT:
        return isinstance(value, str) and bool(value.strip())
    return isinstance(value, str | tuple | list) and all(
        isinstance(v, str) and v.isalpha() and len(v) in (2, 3)
        for v in ((value,) if isinstance(value, str) else value))


class DeclarationsFile(InputModel):
    """A file of declarations (``voipscan scan system`` reads those its inventory names)."""

    version: Literal[1]
    declarations: Items[Declaration]

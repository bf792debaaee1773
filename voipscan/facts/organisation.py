"""What only the organisation can state: security assessments, incident response and the
privacy duties around telephony data (declared evidence, ``scan system``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from voipscan.facts.fact import Fact


@dataclass(frozen=True)
class Organisation:
    last_external_assessment: Fact[dt.date] = field(default_factory=Fact)
    """The day the last external security assessment (penetration test, audit) ended."""
    assessor: Fact[str] = field(default_factory=Fact)
    incident_plan_reviewed: Fact[dt.date] = field(default_factory=Fact)
    incident_last_exercise: Fact[dt.date] = field(default_factory=Fact)
    processing_register_reviewed: Fact[dt.date] = field(default_factory=Fact)
    """The day the processing register's telephony entries were last reviewed."""
    breach_procedure_reviewed: Fact[dt.date] = field(default_factory=Fact)
    breach_notification_hours: Fact[int] = field(default_factory=Fact)
    """The deadline the breach procedure sets for notifying the supervisory authority."""

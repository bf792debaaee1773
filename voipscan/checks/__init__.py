"""Checks: small functions over facts, registered with their metadata.

Every check module is imported here so the registry is complete and mypy sees them all.
"""

from voipscan.checks import (  # noqa: F401
    access,
    audit_logging,
    backup,
    credentials,
    data_residency,
    management,
    media,
    recording,
    signalling,
    sip_auth,
)
from voipscan.checks.base import (
    REGISTRY,
    Check,
    CheckContext,
    Evidence,
    Finding,
    Param,
    ParamKind,
    Severity,
    Status,
)

__all__ = [
    "REGISTRY",
    "Check",
    "CheckContext",
    "Evidence",
    "Finding",
    "Param",
    "ParamKind",
    "Severity",
    "Status",
]

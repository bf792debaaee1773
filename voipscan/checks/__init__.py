"""Checks: small functions over facts, registered with their metadata.

Every check module is imported here so the registry is complete and mypy sees them all.
"""

from voipscan.checks import (  # noqa: F401
    access,
    audit_logging,
    backup,
    capture,
    credentials,
    data_residency,
    dialplan,
    disclosure,
    management,
    media,
    pbx_hardening,
    recording,
    signalling,
    sip_auth,
    srtp_probe,
    tls_service,
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

"""Checks: small functions over facts, registered with their metadata.

One module per check-id prefix (``media.*`` checks live in ``media.py``); a prefix with more
than one module is a subpackage (``signalling/``). Every check module is imported here so the
registry is complete and mypy sees them all.
"""

from voipscan.checks import (  # noqa: F401
    access,
    backup,
    capture,
    credentials,
    data,
    dialplan,
    logging,
    management,
    media,
    organisation,
    recording,
    signalling,
    sip,
    software,
)
from voipscan.checks.base import REGISTRY, Check, CheckContext, Param, ParamKind
from voipscan.checks.findings import Evidence, Finding, Severity, Status
from voipscan.checks.resources import ResourceSet

__all__ = [
    "REGISTRY",
    "Check",
    "CheckContext",
    "Evidence",
    "Finding",
    "Param",
    "ParamKind",
    "ResourceSet",
    "Severity",
    "Status",
]

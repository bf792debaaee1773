"""Where telephony data is kept."""

from __future__ import annotations

from collections.abc import Iterator

from voipscan.checks.base import CheckContext, Param, ParamKind, check
from voipscan.checks.findings import Finding, Severity, evidence
from voipscan.checks.resources import WHOLE_SYSTEM
from voipscan.facts import System

EU = frozenset({
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "IE", "IT",
    "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
})
EEA = EU | {"IS", "LI", "NO"}
REGIONS = {"EU": EU, "EEA": EEA}


def expand_countries(entries: list[str]) -> frozenset[str]:
    allowed: set[str] = set()
    for entry in entries:
        code = entry.strip().upper()
        allowed |= REGIONS.get(code, {code})
    return frozenset(allowed)


@check(
    id="data.residency",
    over=WHOLE_SYSTEM,
    title="Data is kept in allowed countries",
    severity=Severity.HIGH,
    category="privacy",
    rationale="GDPR Art. 44-46: personal data leaves the EU only under an adequacy decision "
    "or contractual safeguards; many sector rules want it in-country.",
    remediation="Host the PBX and store recordings and backups in an allowed country, or "
    "document the transfer safeguards.",
    params=[Param("allowed_countries", ParamKind.STR_LIST, ["EEA"],
                  "ISO 3166 country codes; EU and EEA expand to their members")],
)
def residency(ctx: CheckContext, system: System) -> Iterator[Finding]:
    allowed = expand_countries(list(ctx.params["allowed_countries"]))
    places = (
        ("system", "hosting_countries", system.hosting_countries),
        ("recording", "storage_countries", system.recording.storage_countries),
    )
    for resource, name, fact in places:
        if resource == "recording" and system.recording.enabled.value is False:
            continue
        ev = evidence(name, fact, lambda c: ", ".join(c) or "none")
        if fact.value is None:
            yield ctx.unknown(resource, f"{name.replace('_', ' ').capitalize()} not known.", ev)
            continue
        outside = sorted({c.upper() for c in fact.value} - allowed)
        if outside:
            yield ctx.failed(resource, f"Data kept outside the allowed countries: "
                             f"{', '.join(outside)}.", ev)
        else:
            yield ctx.passed(resource, "Kept in allowed countries.", ev)

"""Outbound dialling: which dialplan contexts let callers that reach them dial international
or premium-rate numbers, and whether a restriction (PIN, class of service, allow-list)
stands in the way."""

from __future__ import annotations

from dataclasses import dataclass, field

from voipscan.facts.fact import Fact, Provenance


@dataclass(frozen=True)
class DialContext:
    """A dialplan context that authenticated endpoints or trunks enter."""

    name: str
    entered_by: tuple[str, ...] = ()
    """Endpoints (phones, trunks) whose calls start here."""
    international: Fact[bool] = field(default_factory=Fact)
    """True: international numbers (00, 011, +) can be dialled here without a restriction."""
    premium: Fact[bool] = field(default_factory=Fact)
    """True: premium-rate numbers (0900, 0906, 1900 ...) can be dialled without a restriction."""
    source: Provenance | None = None

"""Numbers a caller may dial to run up a bill: international and premium-rate, as dialled
directly or behind a one-digit outside-line prefix. Adapters try them on their dialplans."""

from __future__ import annotations

INTERNATIONAL = ("0044201234567", "011442012345678", "+442012345678")
"""00 (ITU), 011 (North America) and + international prefixes."""
PREMIUM = ("0900123456", "09061234567", "19005551234")
"""Premium-rate services: 0900 (NL, DE, ...), 0906 (UK), 1-900 (North America)."""
OUTSIDE_LINE = ("", "9")
"""No prefix, or 9 for an outside line (a 0 would turn 0900 into the international 00900)."""


def dial_strings(numbers: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f"{prefix}{number}" for number in numbers for prefix in OUTSIDE_LINE
                 if not (prefix and number.startswith("+")))

"""Product versions: which product and version a system shows, and what the data says of it.

A version is found where a source recorded it: the system's platform and version facts (a
live probe's Server/User-Agent header, FreePBX backup metadata, the 3CX system status, the
export), or a Server/User-Agent header a probe or the export recorded as a disclosure.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from voipscan.facts import Disclosure, Fact, Provenance, System

if TYPE_CHECKING:
    from voipscan.models.software import Product, Series, SoftwareData, Vulnerability

_NUMBER = re.compile(r"(?<![\d.])(\d+(?:\.\d+){0,3})(-cert\d*)?")
Version = tuple[int, ...]


def parse(text: str) -> Version:
    return tuple(int(part) for part in text.split("."))


def compare(a: Version, b: Version) -> int:
    width = max(len(a), len(b))
    left, right = a + (0,) * (width - len(a)), b + (0,) * (width - len(b))
    return (left > right) - (left < right)


@dataclass(frozen=True)
class Detected:
    """A product and the version text a source showed for it, and where."""

    product: Product
    version: str | None
    source: Provenance | None
    seen_as: str
    note: str = ""
    distinct: bool = False
    """Sources show other versions of the same product too."""

    @property
    def numbers(self) -> Version | None:
        return parse(self.version) if self.version and "cert" not in self.version else None

    @property
    def label(self) -> str:
        return f"{self.product.name} {self.version or '(version unknown)'}"


def identify(text: str, data: SoftwareData) -> Product | None:
    """The product ``text`` (a header's value, a platform) names. The same banner comes back
    from every host of a fleet: answers are kept, per data, for ``_KEPT`` distinct texts."""
    lowered = text.lower()
    known = _identified.get((id(data), lowered))
    if known is not None and known[0] is data:
        return known[1]
    found = next((product for product in data.products
                  if any(word in lowered for word in product.match)
                  and not any(word in lowered for word in product.exclude)), None)
    if len(_identified) < _KEPT:
        _identified[id(data), lowered] = (data, found)
    return found


_KEPT = 4096
_identified: dict[tuple[int, str], tuple[SoftwareData, Product | None]] = {}
"""Each entry holds its data, so that no other data can take the id in its key."""


def _version_after(text: str, product: Product) -> str | None:
    lowered = text.lower()
    start = min((lowered.find(w) for w in product.match if w in lowered), default=0)
    match = _NUMBER.search(text, start)
    if match is None:
        return None
    return match.group(1) + (match.group(2) or "")


def detect(system: System, data: SoftwareData) -> tuple[list[Detected], list[str]]:
    """Products found in the facts (one per product and version), and platforms named in
    the facts that the data does not know."""
    found: dict[tuple[str, str | None], Detected] = {}
    unknown: list[str] = []
    platform = system.platform
    if platform.value:
        product = identify(platform.value, data)
        if product is None:
            unknown.append(platform.value)
        else:
            _add(found, _from_platform(product, platform, system.version))
    for disclosure in system.disclosures:
        detected = _from_header(disclosure, data)
        if detected is not None:
            _add(found, detected)
    items = list(found.values())
    kept = [d for d in items if not any(_coarser(d, other) for other in items)]
    counts = Counter(d.product.id for d in kept)
    return [replace(d, distinct=counts[d.product.id] > 1) for d in kept], unknown


def _coarser(item: Detected, other: Detected) -> bool:
    """``item`` says less than ``other`` of the same product: no version, or a prefix of
    its version (the platform fact's 16.2 beside the header's 16.2.1)."""
    if item.product.id != other.product.id or item is other or not other.version:
        return False
    if not item.version:
        return True
    return other.version != item.version and other.version.startswith(f"{item.version}.")


def _add(found: dict[tuple[str, str | None], Detected], item: Detected) -> None:
    found.setdefault((item.product.id, item.version), item)


def _from_platform(product: Product, platform: Fact[str], version: Fact[str]) -> Detected:
    text = version.value
    number = _version_after(text, product) if text else None
    source = version.source if text else platform.source
    note = "" if text else version.note or "the version is not in the evidence"
    return Detected(product, number or text, source, f"platform {platform.value}", note)


def _from_header(disclosure: Disclosure, data: SoftwareData) -> Detected | None:
    header, colon, value = disclosure.detail.partition(": ")
    if not colon or header not in ("Server", "User-Agent") or "<version>" in value:
        return None
    product = identify(value, data)
    if product is None:
        return None
    version = _version_after(value, product)
    if version is None:
        return None
    return Detected(product, version, disclosure.source, f"{header}: {value}")


def series_of(product: Product, version: Version) -> str | None:
    if len(version) < product.series_depth:
        return None
    return ".".join(str(n) for n in version[: product.series_depth])


def find_series(product: Product, version: Version) -> Series | None:
    name = series_of(product, version)
    return next((s for s in product.series if s.series == name), None)


def oldest_series(product: Product) -> Series | None:
    return min(product.series, key=lambda s: parse(s.series), default=None)


def newest_series(product: Product) -> Series | None:
    return max(product.series, key=lambda s: parse(s.series), default=None)


def affects(vulnerability: Vulnerability, product: Product, version: Version) -> bool:
    """Whether ``version`` has the vulnerability: below the fix of its own series, or in a
    series that got no fix while a later one did."""
    if vulnerability.introduced and compare(version, parse(vulnerability.introduced)) < 0:
        return False
    fixes = [parse(f) for f in vulnerability.fixed]
    own = series_of(product, version)
    same = [f for f in fixes if series_of(product, f) == own]
    if same:
        return compare(version, min(same)) < 0
    return any(compare(version, f) < 0 for f in fixes)


def fix_for(vulnerability: Vulnerability, product: Product, version: Version) -> str:
    """The version to upgrade to: the fix in its own series, else the nearest later one."""
    own = series_of(product, version)
    same = [f for f in vulnerability.fixed if series_of(product, parse(f)) == own]
    if same:
        return min(same, key=parse)
    later = [f for f in vulnerability.fixed if compare(version, parse(f)) < 0]
    return min(later, key=parse) if later else vulnerability.fixed[-1]

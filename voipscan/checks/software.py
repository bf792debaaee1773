"""Software support and patch level: each product and version a source showed, judged
against the software data shipped with voipscan (``voipscan/data/software.yaml``).

Nothing passes on a product or version the data does not know: that is evidence required.
The evidence names where the version was seen and the data entry (its public source).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from voipscan.checks.base import CheckContext, Param, ParamKind, check
from voipscan.checks.findings import Evidence, Finding, Severity
from voipscan.checks.resources import WHOLE_SYSTEM
from voipscan.data import software_data
from voipscan.data import versions as v
from voipscan.facts import OriginKind, Provenance, System

if TYPE_CHECKING:
    from voipscan.models.software import Series

_NOTHING = ("No product or version in the evidence: no Server or User-Agent header, backup "
            "metadata or export named one.")


def _seen(item: v.Detected) -> Evidence:
    return Evidence("version", f"{item.label} ({item.seen_as})", item.source, item.note,
                    known=item.version is not None)


def _data(what: str, url: str) -> Evidence:
    updated = software_data().updated.isoformat()
    return Evidence("software data", what, Provenance(
        OriginKind.DERIVED, url, None, f"voipscan software data, updated {updated}"))


def _resource(item: v.Detected) -> str:
    """``software:<product>``; ``software:<product>@<version>`` when sources show several
    versions of one product (each is judged)."""
    name = f"software:{item.product.id}"
    return f"{name}@{item.version}" if item.distinct else name


def _detected(ctx: CheckContext, system: System) -> Iterator[v.Detected | Finding]:
    """The products to judge, or the findings that say why there are none."""
    found, unknown = v.detect(system, software_data())
    for name in unknown:
        yield ctx.unknown(f"software:{name}", f"{name} is not in voipscan's software data: "
                          "its support and patch level cannot be judged.",
                          Evidence("platform", name, system.platform.source))
    if not found and not unknown:
        yield ctx.unknown("software", _NOTHING)
    for item in found:
        if item.numbers is None:
            reason = ("a certified release, not in voipscan's software data"
                      if item.version else "its version is not known")
            yield ctx.unknown(_resource(item), f"{item.product.name}: {reason}.", _seen(item))
        else:
            yield item


@check(
    id="software.supported",
    over=WHOLE_SYSTEM,
    title="PBX software is a release series its vendor still supports",
    severity=Severity.HIGH,
    category="patching",
    rationale="A release series past its end of support gets no security fixes: every "
    "vulnerability found after that day stays open. Regular security updates need a "
    "supported series to come from.",
    remediation={
        "default": "Upgrade to a release series the vendor still supports (see the software "
        "data's source for the dates) and plan the next upgrade before its end of support.",
        "asterisk": "Upgrade to a supported Asterisk series (an LTS such as 20 or 22); see "
        "docs.asterisk.org 'Asterisk Versions'.",
        "kamailio": "Upgrade to one of the last two stable Kamailio branches.",
    },
    params=[
        Param("allow_security_only", ParamKind.BOOL, True,
              "whether a series receiving only security fixes counts as supported"),
        Param("max_data_age_days", ParamKind.INT, 365,
              "oldest software data that may show a series as still supported"),
    ],
)
def supported(ctx: CheckContext, system: System) -> Iterator[Finding]:
    for item in _detected(ctx, system):
        if isinstance(item, Finding):
            yield item
        else:
            yield _support(ctx, item)


def _support(ctx: CheckContext, item: v.Detected) -> Finding:
    product, numbers, today = item.product, item.numbers or (), ctx.now.date()
    resource, seen = _resource(item), _seen(item)
    if not product.series:
        return ctx.unknown(resource, f"No end-of-support data for {product.name}: "
                           f"{product.lifecycle}", seen,
                           _data(product.lifecycle, product.lifecycle_source))
    series = v.find_series(product, numbers)
    if series is None:
        return _outside(ctx, item, numbers, seen)
    ev = _data(_describe(series), series.source)
    if series.end_of_support is not None and series.end_of_support < today:
        return ctx.failed(resource, f"{item.label}: series {series.series} has been out of "
                          f"support since {series.end_of_support.isoformat()}.", seen, ev)
    if series.end_of_support is None:
        age = (today - software_data().updated).days
        if age > int(ctx.params["max_data_age_days"]):
            return ctx.unknown(resource, f"{item.label}: series {series.series} was supported "
                               f"when the software data was updated, {age} days ago: update "
                               "voipscan.", seen, ev)
    if series.security_only_from is not None and series.security_only_from <= today:
        until = series.end_of_support.isoformat() if series.end_of_support else "unknown"
        if not ctx.params["allow_security_only"]:
            return ctx.failed(resource, f"{item.label}: series {series.series} receives only "
                              f"security fixes (until {until}).", seen, ev)
        return ctx.passed(resource, f"{item.label}: series {series.series} receives security "
                          f"fixes until {until}.", seen, ev)
    until = series.end_of_support.isoformat() if series.end_of_support else \
        f"at least {software_data().updated.isoformat()} (no end date announced)"
    return ctx.passed(resource, f"{item.label}: series {series.series} is supported until "
                      f"{until}.", seen, ev)


def _outside(ctx: CheckContext, item: v.Detected, numbers: v.Version,
             seen: Evidence) -> Finding:
    """A series the data does not list: older than its oldest ended series fails; anything
    else is not known."""
    oldest = v.oldest_series(item.product)
    name = v.series_of(item.product, numbers) or item.version
    if (oldest is not None and oldest.end_of_support is not None
            and oldest.end_of_support < ctx.now.date()
            and v.compare(numbers, v.parse(oldest.series)) < 0):
        return ctx.failed(_resource(item), f"{item.label}: older than series {oldest.series}, "
                          f"whose support ended {oldest.end_of_support.isoformat()}.", seen,
                          _data(_describe(oldest), oldest.source))
    return ctx.unknown(_resource(item), f"{item.label}: series {name} is not in voipscan's "
                       "software data (newer than the data, or not a release).", seen,
                       _data(item.product.lifecycle, item.product.lifecycle_source))


def _describe(series: Series) -> str:
    parts = [f"series {series.series}" + (f" ({series.kind})" if series.kind else "")]
    for label, day in (("released", series.released),
                       ("security fixes only from", series.security_only_from),
                       ("end of support", series.end_of_support)):
        if isinstance(day, dt.date):
            parts.append(f"{label} {day.isoformat()}")
    if series.note:
        parts.append(series.note)
    return "; ".join(parts)


@check(
    id="software.patched",
    over=WHOLE_SYSTEM,
    title="PBX software has the fixes for its known vulnerabilities",
    severity=Severity.HIGH,
    category="patching",
    rationale="Published vulnerabilities in PBX and SIP software are scanned for and "
    "exploited within days (SIPPTS and similar tools map the Server header to them); the "
    "fixed versions are public.",
    remediation={
        "default": "Upgrade to at least the fixed version of its series named in the "
        "finding, or a later supported series.",
        "freeswitch": "Upgrade FreeSWITCH to the latest 1.10 release from SignalWire.",
    },
)
def patched(ctx: CheckContext, system: System) -> Iterator[Finding]:
    for item in _detected(ctx, system):
        if isinstance(item, Finding):
            yield item
        else:
            yield _patch_level(ctx, item)


def _patch_level(ctx: CheckContext, item: v.Detected) -> Finding:
    product, numbers = item.product, item.numbers or ()
    resource, seen = _resource(item), _seen(item)
    if not product.vulnerabilities:
        return ctx.unknown(resource, f"voipscan's software data lists no vulnerabilities of "
                           f"{product.name}: its patch level cannot be judged.", seen)
    if len(numbers) <= product.series_depth:
        return ctx.unknown(resource, f"{item.label}: the version is too coarse to tell "
                           "which fixes it has.", seen)
    open_ = [x for x in product.vulnerabilities if v.affects(x, product, numbers)]
    if not open_:
        ids = ", ".join(x.id for x in product.vulnerabilities)
        return ctx.passed(resource, f"{item.label} has the fixes for the "
                          f"{len(product.vulnerabilities)} known vulnerabilities in voipscan's "
                          f"data ({ids}).", seen,
                          *(_data(f"{x.id}: fixed in {', '.join(x.fixed)}", x.source)
                            for x in product.vulnerabilities))
    listing = "; ".join(f"{x.id} (fixed in {v.fix_for(x, product, numbers)})" for x in open_)
    worst = Severity.CRITICAL if any(x.severity == "critical" for x in open_) else None
    return ctx.failed(resource, f"{item.label} lacks fixes for: {listing}.", seen,
                      *(_data(f"{x.id}: {x.summary} Fixed in {', '.join(x.fixed)}.", x.source)
                        for x in open_), severity=worst)

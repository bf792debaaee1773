"""Turn what the probes of one host saw into facts: transports, disclosures, enumeration."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from voipscan.errors import Problem, ProblemLevel
from voipscan.facts import (
    Disclosure,
    Exposure,
    Fact,
    Provenance,
    SipTransport,
    System,
)
from voipscan.facts.disclosure import discloses_version
from voipscan.facts.fact import NOTHING_KNOWN
from voipscan.sip.message import hostport
from voipscan.sources.host import client_tls
from voipscan.sources.host.probe import EnumerationResult, ProbeResult, Reachability
from voipscan.sources.host.scanner import HostReport
from voipscan.sources.host.targets import HostTarget, TargetSpec
from voipscan.sources.interface import SourceResult
from voipscan.target import NetworkAddress, PathAddress, Target, TargetKind

if TYPE_CHECKING:
    from voipscan.sources.host.srtp_probe import SrtpTransportResult

FORMAT = "sip-probe"
VERSION_DISCLOSURE = "software-version"  # kinds read by voipscan.checks.disclosure
USER_ENUMERATION = "user-enumeration"

_VERSION_NUMBER = re.compile(r"(?<!\d)\d+(?:\.\d+)+")  # starts only at a digit run: linear
_PRODUCTS = (("fpbx", "freepbx"), ("freepbx", "freepbx"), ("asterisk", "asterisk"),
             ("freeswitch", "freeswitch"), ("kamailio", "kamailio"), ("opensips", "opensips"))
_MAX_DETAIL = 160


def host_target(host: HostTarget) -> Target:
    """A probed host: its address, and the port and transport when all its services share them."""
    ports = {s.port for s in host.services}
    transports = {s.protocol.value for s in host.services}
    address = NetworkAddress(host.scheme, host.address,
                             ports.pop() if len(ports) == 1 else None,
                             transports.pop() if len(transports) == 1 else None)
    return Target(host.label, TargetKind.HOST, FORMAT, address)


def spec_target(spec: TargetSpec) -> Target:
    """A target as written, for one that could not be probed (its name did not resolve)."""
    transports = {p.value for p in spec.protocols or ()}
    address = NetworkAddress(spec.scheme, spec.host, spec.port,
                             transports.pop() if len(transports) == 1 else None)
    return Target(spec.text, TargetKind.HOST, FORMAT, address)


def list_target(label: str, path: str) -> Target:
    """A target list (-iL FILE), or one line of it, that could not be read."""
    return Target(label, TargetKind.HOST, FORMAT, PathAddress.of(path))


def unresolved(spec: TargetSpec, error: str) -> SourceResult:
    return SourceResult.failed(spec_target(spec), Problem(
        f"cannot resolve host name '{spec.host}': {error}", spec.path, spec.line))


def source_result(report: HostReport, srtp: tuple[SrtpTransportResult, ...] | None = None
                  ) -> SourceResult:
    """Facts of one host. A host where nothing answered SIP is reported as not scannable.

    ``srtp``: results of the opt-in SRTP probe (scan host --srtp), mapped to endpoints."""
    target = host_target(report.target)
    problems = list(report.problems)
    if not report.answered:
        if report.probes or not problems:
            summary = "; ".join(_outcome(p) for p in report.probes) or "nothing probed"
            problems.insert(0, Problem(f"{report.target.label}: no SIP reply ({summary})"))
        return SourceResult(target, System(name=report.target.label), tuple(problems),
                            fatal=True)
    answered = [p for p in report.probes if p.reachability is Reachability.OPEN]
    transports = _transports(report, answered)
    disclosures = [d for p in answered for d in _version_disclosures(p)]
    platform, version = _platform(answered)
    enumeration = _enumeration_fact(report.enumeration, problems)
    if enumeration.value and report.enumeration is not None:
        disclosures.append(_enumeration_disclosure(report.enumeration))
    for probe in report.probes:
        if probe.reachability is Reachability.NOT_SIP:
            problems.append(Problem(f"{probe.endpoint}: {probe.detail}",
                                    level=ProblemLevel.WARNING))
        elif probe.tls_reason:
            problems.append(tls_failure_problem(probe, report.client_cert))
    system = System(
        name=report.target.label,
        platform=platform,
        version=version,
        transports=tuple(transports),
        transports_known=True,
        disclosures=tuple(disclosures),
        disclosures_known=bool(answered),
        user_enumeration=enumeration,
    )
    if srtp is not None:
        from voipscan.sources.host import srtp_facts  # only with --srtp

        endpoints, srtp_problems = srtp_facts.endpoints(srtp)
        system = replace(system, endpoints=endpoints, endpoints_known=bool(endpoints))
        problems.extend(srtp_problems)
    return SourceResult(target, system, tuple(problems))


def tls_failure_problem(probe: ProbeResult, presented: bool) -> Problem:
    """A TLS failure of a probe, in words: what the server said and what to do about it."""
    failure = client_tls.explain(probe.tls_reason, presented=presented)
    hint = ""
    if failure.client_cert_required and not presented:
        hint = "; SIP behind it was not probed: give --client-cert FILE --client-key FILE"
    elif failure.client_cert_required is None and not presented and \
            failure.reason.upper() == client_tls.HANDSHAKE_FAILURE:
        hint = "; if it requires a client certificate, give --client-cert and --client-key"
    return Problem(f"{probe.endpoint}: OPTIONS over TLS failed: {failure.explanation}{hint}",
                   level=ProblemLevel.WARNING)


def _outcome(probe: ProbeResult) -> str:
    return f"{probe.service.label} {probe.reachability.value}: {probe.detail}"


def _provenance(probe: ProbeResult) -> Provenance:
    parts = [f"OPTIONS -> {probe.answer}"]
    if probe.replied_from:
        parts.append(f"replied from {probe.replied_from}")
    if probe.tls is not None:
        parts.append(f"{probe.tls.version} {probe.tls.cipher}")
    return Provenance.probe(probe.endpoint, "; ".join(parts))


def _transports(report: HostReport, answered: list[ProbeResult]) -> list[SipTransport]:
    audited = {t.name: t for t in report.tls_transports}
    transports: list[SipTransport] = []
    for probe in report.probes:
        source = _provenance(probe) if probe in answered else Provenance.probe(
            probe.endpoint, f"TLS audit; OPTIONS: {probe.reachability.value}")
        bind = Fact(hostport(report.target.address, probe.service.port), source)
        exposure = Fact(Exposure.NETWORK, source)
        mutual = _mutual_from_probe(probe, report.client_cert)
        if probe.endpoint in audited:
            transport = audited[probe.endpoint]
            transports.append(replace(
                transport,
                protocol=transport.protocol.or_(Fact(probe.service.protocol, source)),
                bind=transport.bind.or_(bind),
                exposure=transport.exposure.or_(exposure),
                client_cert_required=transport.client_cert_required.or_(mutual),
                source=transport.source or source,
            ))
        elif probe in answered:
            transports.append(SipTransport(probe.endpoint, Fact(probe.service.protocol, source),
                                           bind, exposure, source=source))
        elif mutual.known:  # TLS answered with an alert; no audit said more
            transports.append(SipTransport(
                probe.endpoint, Fact(probe.service.protocol, mutual.source), bind, exposure,
                client_cert_required=mutual, source=mutual.source))
    return transports


def _mutual_from_probe(probe: ProbeResult, presented: bool) -> Fact[bool]:
    """Whether a client certificate is required, as the probe's TLS alert tells."""
    if not probe.tls_reason:
        return Fact()
    failure = client_tls.explain(probe.tls_reason, presented=presented)
    if failure.client_cert_required is None:
        return Fact()
    source = Provenance.probe(probe.endpoint, f"OPTIONS over TLS: {probe.tls_reason}")
    return Fact(True, source, failure.explanation)


def _version_disclosures(probe: ProbeResult) -> list[Disclosure]:
    found = []
    for header, value in (("Server", probe.server), ("User-Agent", probe.user_agent)):
        if value and discloses_version(value):
            found.append(Disclosure(VERSION_DISCLOSURE, f"{header}: {value[:_MAX_DETAIL]}",
                                    _provenance(probe)))
    return found


def _platform(answered: list[ProbeResult]) -> tuple[Fact[str], Fact[str]]:
    for probe in answered:
        for value in (probe.server, probe.user_agent):
            lowered = (value or "").lower()
            for keyword, platform in _PRODUCTS:
                if keyword in lowered:
                    source = _provenance(probe)
                    match = _VERSION_NUMBER.search(value or "")
                    version = match.group(0) if match else None
                    return Fact(platform, source), Fact(version, source if version else None)
    return NOTHING_KNOWN, NOTHING_KNOWN


_NOT_TESTED: Fact[bool] = Fact(note="not tested (no --enumerate, or no transport answered)")
"""The fact every host without an enumeration test has: one object for all, judged alike at
once."""


def _enumeration_fact(result: EnumerationResult | None, problems: list[Problem]) -> Fact[bool]:
    if result is None:
        return _NOT_TESTED
    source = Provenance.probe(result.endpoint, f"{result.method} for made-up and given users")
    if result.leaked:
        return Fact(True, source)
    if not result.conclusive:
        reason = result.detail or "replies missing or made-up users answered differently"
        problems.append(Problem(f"{result.endpoint}: user enumeration test inconclusive: "
                                f"{reason}", level=ProblemLevel.WARNING))
        return Fact(None, source, "inconclusive")
    return Fact(False, source)


def _enumeration_disclosure(result: EnumerationResult) -> Disclosure:
    answers = dict(result.answers)
    shown = ", ".join(f"{user} -> {answers[user]}" for user in result.leaked[:5])
    more = f" (+{len(result.leaked) - 5} more)" if len(result.leaked) > 5 else ""
    detail = (f"{result.method} for a made-up user -> {result.baseline[0]}; {shown}{more}")
    return Disclosure(USER_ENUMERATION, detail, Provenance.probe(result.endpoint, result.method))

"""Opt-in discovery of the HTTP path a SIP WebSocket listens on (``--ws-discover``).

A WebSocket server answers the upgrade only on its own path (Asterisk ``/ws``, Kamailio and
OpenSIPS as scripted, FreeSWITCH any). Discovery tries the path given first, then a short list
of common ones, one upgrade at a time at the scan's rate, and stops at the first that speaks
SIP. Only a refused or non-SIP upgrade moves on to the next path: a closed port, a silent one
or a failed TLS handshake would answer every path the same way. The probe reported is the one
that answered, or the first one with the paths tried named in its detail; paths that missed
are not reported one by one.
"""

from __future__ import annotations

from dataclasses import replace

from voipscan.sources.host.probe import ProbeContext, ProbeResult, Reachability, probe_options
from voipscan.sources.host.targets import HostTarget, Service

COMMON_WS_PATHS = ("/", "/ws", "/wss", "/sip", "/websocket", "/asterisk/ws")
_PATH_MISS = ("WebSocket upgrade refused", "WebSocket upgraded without", "WebSocket handshake")


def paths_to_try(service: Service, common: tuple[str, ...] = COMMON_WS_PATHS
                 ) -> tuple[str, ...]:
    """The given path first, then the common ones not yet named."""
    return tuple(dict.fromkeys((service.path or "/", *common)))


def _missed_the_path(result: ProbeResult) -> bool:
    return result.reachability is Reachability.NOT_SIP and result.detail.startswith(_PATH_MISS)


async def discover(ctx: ProbeContext, target: HostTarget, service: Service,
                   common: tuple[str, ...] = COMMON_WS_PATHS) -> ProbeResult:
    """OPTIONS over WebSocket on each candidate path until one answers in SIP."""
    first: ProbeResult | None = None
    misses: list[str] = []
    for path in paths_to_try(service, common):
        result = await probe_options(ctx, target, replace(service, path=path))
        if result.reachability is Reachability.OPEN:
            if misses:
                return replace(result, detail=_joined(result.detail, "found by path "
                               f"discovery after {', '.join(misses)}"))
            return result
        first = first or result
        if not _missed_the_path(result):
            break
        misses.append(f"{path} ({result.detail.removeprefix('WebSocket ')})")
    assert first is not None
    if len(misses) > 1:
        return replace(first, detail=f"no SIP WebSocket on any of {len(misses)} paths tried: "
                                     f"{'; '.join(misses)}"[:600])
    return first


def _joined(detail: str, more: str) -> str:
    return f"{detail}; {more}" if detail else more

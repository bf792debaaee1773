"""Toll fraud by authenticated callers in the XML dialplan: which contexts that directory
users and gateways enter bridge international or premium-rate numbers to a gateway without
a restriction.

The dialplan is hunted (``reach.Dialplan.hits``) for each number twice: once as a caller
without a class of service (``toll_allow`` empty), once with it unknown. A certain bridge to
a gateway in the first hunt is unrestricted; a bridge found only in the second is gated by
the class of service (``<condition field="${toll_allow}" .../>``), a restriction; a bridge
that depends on anything else decided at run time leaves the verdict unknown.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from voipscan.facts import DialContext, Endpoint, EndpointKind, Fact, Provenance
from voipscan.facts.model import AuthType
from voipscan.sources.config.dialling import INTERNATIONAL, PREMIUM, dial_strings
from voipscan.sources.config.freeswitch.dialplan import Context
from voipscan.sources.config.freeswitch.reach import OUTBOUND, Dialplan, describe

NO_CLASS_OF_SERVICE = {"toll_allow": ""}


def _judge(dialplan: Dialplan, context: str, authorized: bool, numbers: tuple[str, ...],
           what: str, where: Provenance) -> Fact[bool]:
    strings = dial_strings(numbers)
    bare = [h for h in dialplan.hits(context, authorized, strings, NO_CLASS_OF_SERVICE)
            if h.kind == OUTBOUND]
    certain = next((h for h in bare if h.certain), None)
    if certain is not None:
        return Fact(True, certain.action.source, f"{what} without a restriction: "
                    f"{describe(certain, context)}")
    if bare:
        return Fact(None, bare[0].action.source, f"{what}: a run-time decision: "
                    f"{describe(bare[0], context)}")
    gated = [h for h in dialplan.hits(context, authorized, strings) if h.kind == OUTBOUND]
    if gated:
        return Fact(False, gated[0].action.source, f"{what} only with a class of service "
                    f"(toll_allow): {describe(gated[0], context)}")
    return Fact(False, where, f"no {what} number tried reaches a gateway "
                f"({len(strings)} dial strings)")


def _entering(endpoints: tuple[Endpoint, ...]) -> dict[str, list[Endpoint]]:
    """Contexts that authenticated users and trunks enter (guests are judged elsewhere)."""
    found: dict[str, list[Endpoint]] = {}
    for endpoint in endpoints:
        if endpoint.kind is EndpointKind.GUEST or endpoint.auth_type.value in (
                AuthType.NONE, None) or not endpoint.context.value:
            continue
        found.setdefault(endpoint.context.value, []).append(endpoint)
    return found


def dial_contexts(dialplan: Dialplan, contexts: Mapping[str, Context] | None,
                  endpoints: tuple[Endpoint, ...]) -> Iterator[DialContext]:
    if contexts is None:
        return
    for name, entering in sorted(_entering(endpoints).items()):
        # a user's calls are authorised (sip_authorized); a gateway's are not
        authorized = any(e.kind is EndpointKind.PHONE for e in entering)
        node = contexts[name].node if name in contexts else None
        where = (Provenance.file(node.path, node.line, f"context {name}") if node is not None
                 else entering[0].context.source or Provenance.file(name))
        yield DialContext(
            name, tuple(e.name for e in entering),
            _judge(dialplan, name, authorized, INTERNATIONAL, "international", where),
            _judge(dialplan, name, authorized, PREMIUM, "premium-rate", where),
            where,
        )

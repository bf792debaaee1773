"""From SRTP probe results to ``Endpoint`` facts that the media checks judge.

One endpoint per probed transport ("<extension>@<transport endpoint>"): calls to the test
extension over that signalling transport. Each fact's provenance names the offer and the
answer it rests on (profiles, suites, status lines; never a key).
"""

from __future__ import annotations

from voipscan.errors import Problem, ProblemLevel
from voipscan.facts import Endpoint, Fact, MediaEncryption, Provenance
from voipscan.sources.host.srtp_offers import OfferKind, OfferResult, Outcome
from voipscan.sources.host.srtp_probe import SrtpTransportResult

SRTP_KINDS = (OfferKind.SDES_AES_CM_128, OfferKind.SDES_AEAD_AES_128_GCM,
              OfferKind.SDES_AES_256_CM, OfferKind.SDES_BEST_EFFORT, OfferKind.SDES_WEAK,
              OfferKind.DTLS_SRTP)
_AUTH_HINT = "give --auth-user with $VOIPSCAN_SIP_PASSWORD, or --auth-file"


def endpoint_name(result: SrtpTransportResult) -> str:
    return f"{result.extension}@{result.endpoint}"


def _source(result: SrtpTransportResult, offer: OfferResult) -> Provenance:
    return Provenance.probe(result.endpoint, offer.describe())


def _plain_media(offer: OfferResult) -> bool:
    """The answer agreed to unencrypted media (plain RTP accepted, or SRTP dropped), or the
    media check saw media arrive in clear in an SRTP call."""
    if offer.offer is OfferKind.PLAIN_RTP:
        return offer.outcome is Outcome.ACCEPTED
    if offer.media_in_clear:
        return True
    return offer.outcome is Outcome.DOWNGRADED and offer.encryption is MediaEncryption.NONE


def _srtp_accepted(offer: OfferResult) -> bool:
    """An SRTP offer got an answer with usable keys (as offered, or switched to DTLS), and
    no media was seen in clear."""
    return offer.offer in SRTP_KINDS and offer.outcome in (Outcome.ACCEPTED, Outcome.SWITCHED) \
        and offer.encryption in (MediaEncryption.SDES, MediaEncryption.DTLS) \
        and not offer.media_in_clear


def media_encryption(result: SrtpTransportResult) -> Fact[MediaEncryption]:
    offers = result.results
    leaked = next((o for o in offers if o.offer in SRTP_KINDS and o.media_in_clear), None)
    if leaked is not None:  # an SRTP call that carried audio in clear outweighs any answer
        return Fact(MediaEncryption.NONE, _source(result, leaked), "the answer agreed to "
                    "SRTP, but the media check saw the call's audio arrive in clear")
    sdes = next((o for o in offers if _srtp_accepted(o)
                 and o.encryption is MediaEncryption.SDES), None)
    if sdes is not None:  # SDES first: its keys are what cleartext signalling exposes
        return Fact(MediaEncryption.SDES, _source(result, sdes))
    dtls = next((o for o in offers if _srtp_accepted(o)), None)
    if dtls is not None:
        return Fact(MediaEncryption.DTLS, _source(result, dtls))
    plain = next((o for o in offers if _plain_media(o)), None)
    if plain is not None:
        tried = [o for o in offers if o.offer in SRTP_KINDS]
        unsure = [o for o in tried if o.outcome is Outcome.INCONCLUSIVE]
        note = "no SRTP offer was accepted" if tried and not unsure else \
            "plain RTP accepted; SRTP offers not conclusive" if unsure else \
            "no SRTP offer sent"
        return Fact(MediaEncryption.NONE, _source(result, plain), note)
    return Fact(None, _any_source(result), _inconclusive_note(result))


def media_encryption_mandatory(result: SrtpTransportResult) -> Fact[bool]:
    offers = result.results
    leaked = next((o for o in offers if o.offer in SRTP_KINDS and o.media_in_clear), None)
    if leaked is not None:
        return Fact(False, _source(result, leaked), f"the {leaked.offer.value} call carried its "
                    "audio in clear (media check: unencrypted G.711 arrived)")
    plain = next((o for o in offers if _plain_media(o)), None)
    if plain is not None:
        return Fact(False, _source(result, plain))
    broken = next((o for o in offers if o.outcome is Outcome.INVALID), None)
    if broken is not None:  # a call set up without agreed keys: media cannot be SRTP
        return Fact(False, _source(result, broken), "an SRTP offer was answered without "
                    "agreed keys (the answer broke RFC 4568's offer/answer rules); whatever "
                    "else was refused, such calls cannot carry SRTP as negotiated")
    refused = next((o for o in offers if o.offer is OfferKind.PLAIN_RTP
                    and o.outcome is Outcome.REJECTED), None)
    if refused is not None:
        return Fact(True, _source(result, refused))
    return Fact(None, _any_source(result), "plain RTP offer not sent or not conclusive")


def weak_parameters(result: SrtpTransportResult) -> Fact[tuple[str, ...]]:
    """Weak suites or session parameters any answer accepted; () when the weak offer was
    refused."""
    accepted = [o for o in result.results if o.outcome is Outcome.ACCEPTED and o.weak]
    if accepted:
        names = tuple(dict.fromkeys(name for o in accepted for name in o.weak))
        inferred = tuple(dict.fromkeys(name for o in accepted for name in o.inferred))
        observed = [n for n in names if n not in inferred]
        note = ""
        if inferred:
            note = (f"observed in the answer: {', '.join(observed) or 'none'}; inferred: "
                    f"{', '.join(inferred)} (the answer chose the a=crypto tag offered with "
                    "it without repeating it)")
        return Fact(names, _source(result, accepted[0]), note)
    weak_offer = next((o for o in result.results if o.offer is OfferKind.SDES_WEAK), None)
    if weak_offer is None:
        return Fact(None, None, "weak SRTP offer not sent")
    if weak_offer.outcome in (Outcome.REJECTED, Outcome.DOWNGRADED):
        return Fact((), _source(result, weak_offer))
    if weak_offer.outcome is Outcome.ACCEPTED:  # answered without a weak option after all
        return Fact((), _source(result, weak_offer))
    return Fact(None, _source(result, weak_offer), f"weak SRTP offer: {weak_offer.detail}")


def dtls_srtp(result: SrtpTransportResult) -> Fact[bool]:
    offer = next((o for o in result.results if o.offer is OfferKind.DTLS_SRTP), None)
    if offer is None:
        return Fact(None, None, "DTLS-SRTP offer not sent")
    if offer.outcome is Outcome.ACCEPTED:
        return Fact(True, _source(result, offer))
    if offer.outcome in (Outcome.REJECTED, Outcome.DOWNGRADED, Outcome.INVALID):
        return Fact(False, _source(result, offer))
    return Fact(None, _source(result, offer), f"DTLS-SRTP offer: {offer.detail}")


def endpoint(result: SrtpTransportResult) -> Endpoint:
    source = Provenance.probe(result.endpoint, f"SRTP probe: INVITEs to {result.extension}")
    return Endpoint(
        endpoint_name(result),
        transports=Fact(frozenset({result.protocol}), source, "transport the offers went over"),
        media_encryption=media_encryption(result),
        media_encryption_mandatory=media_encryption_mandatory(result),
        source=source,
        srtp_weak_parameters=weak_parameters(result),
        dtls_srtp=dtls_srtp(result),
    )


def problems(result: SrtpTransportResult) -> list[Problem]:
    """Offers that said nothing, and why (one warning per transport)."""
    found: list[Problem] = []
    if result.detail:
        found.append(Problem(f"{result.endpoint}: SRTP probe: {result.detail}",
                             level=ProblemLevel.WARNING))
    unsure = [o for o in result.results if o.outcome is Outcome.INCONCLUSIVE]
    if unsure:
        reasons = sorted({o.detail for o in unsure})
        hint = f" ({_AUTH_HINT})" if any("no credentials" in r for r in reasons) else ""
        found.append(Problem(
            f"{result.endpoint}: SRTP probe inconclusive for {len(unsure)} of "
            f"{len(result.results)} offers: {'; '.join(reasons)[:300]}{hint}",
            level=ProblemLevel.WARNING))
    return found


def _any_source(result: SrtpTransportResult) -> Provenance | None:
    if not result.results:
        return None
    return Provenance.probe(result.endpoint, "; ".join(
        f"{o.offer.value} -> {o.answer or 'no reply'} {o.outcome.value}"
        for o in result.results)[:400])


def _inconclusive_note(result: SrtpTransportResult) -> str:
    if not result.results:
        return result.detail or "no offer sent"
    if all(o.outcome is Outcome.REJECTED for o in result.results):
        return "every offer was rejected"
    return "no offer was conclusive"


def endpoints(results: tuple[SrtpTransportResult, ...]) -> tuple[tuple[Endpoint, ...],
                                                                 list[Problem]]:
    found: list[Problem] = []
    for result in results:
        found.extend(problems(result))
    return tuple(endpoint(r) for r in results), found

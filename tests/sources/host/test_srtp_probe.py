"""The SRTP probe's INVITE exchanges against a scripted Python UAS on loopback.

The UAS records every request it gets, so each test proves what the peer saw: the CANCEL
after a provisional, the ACK of every final, the BYE after a 2xx (also when it races the
CANCEL), the digest retry. Over UDP and TCP.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.sources.host.responders import Responder, responder
from voipscan.facts import MediaEncryption, SipProtocol
from voipscan.sip.digest import Credentials, parse_params
from voipscan.sip.message import SipRequest, header_params, response_to
from voipscan.sip.sdp import parse_sdp
from voipscan.sources.host.probe import ProbeContext
from voipscan.sources.host.srtp_offers import OfferKind, Outcome
from voipscan.sources.host.srtp_probe import SrtpSettings, SrtpTransportResult, probe_transport
from voipscan.sources.host.targets import HostTarget, Service
from voipscan.sources.host.transport import Pacer, UdpHub

UAS_KEY = "VVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVV"
"""The UAS's own answer key: must never show up in results either."""
REALM, NONCE, PASSWORD = "lab.example", "b6e2d1c0ffee", "correct horse battery"

Policy = Callable[[SipRequest], tuple[int, str, bytes, tuple[tuple[str, str], ...]]]


def answer_sdp(profile: str, *attributes: str) -> bytes:
    lines = ["v=0", "o=uas 1 1 IN IP4 127.0.0.1", "s=-", "c=IN IP4 127.0.0.1", "t=0 0",
             f"m=audio 31000 {profile} 0", "a=rtpmap:0 PCMU/8000", *attributes]
    return ("\r\n".join(lines) + "\r\n").encode()


def sdes_required(request: SipRequest) -> tuple[int, str, bytes, tuple[tuple[str, str], ...]]:
    """200 with an a=crypto answer to any offer with a=crypto, 488 to the others."""
    (medium,) = parse_sdp(request.body)
    if not medium.crypto:
        return 488, "Not Acceptable Here", b"", (("Warning", '399 uas "SRTP required"'),)
    first = medium.crypto[0]
    return 200, "OK", answer_sdp(medium.profile, f"a=crypto:{first.tag} {first.suite} "
                                 f"inline:{UAS_KEY}"), ()


def plain_only(request: SipRequest) -> tuple[int, str, bytes, tuple[tuple[str, str], ...]]:
    (medium,) = parse_sdp(request.body)
    if medium.secure_profile:
        return 488, "Not Acceptable Here", b"", (("Warning", '399 uas "no SRTP"'),)
    return 200, "OK", answer_sdp("RTP/AVP"), ()


def dtls_only(request: SipRequest) -> tuple[int, str, bytes, tuple[tuple[str, str], ...]]:
    (medium,) = parse_sdp(request.body)
    if medium.encryption is MediaEncryption.DTLS:
        return 200, "OK", answer_sdp(medium.profile, "a=fingerprint:sha-256 AA:BB",
                                     "a=setup:active"), ()
    return 488, "Not Acceptable Here", b"", ()


@dataclass
class Uas:
    """A UAS answering INVITEs by ``policy``; ``ring`` answers 180 first and waits for the
    CANCEL; ``race`` answers that CANCEL with a 200 to the INVITE; ``realm`` challenges."""

    policy: Policy
    ring: bool = False
    early_media: bool = False
    race: bool = False
    realm: str | None = None
    proxy_auth: bool = False
    algorithm: str = "MD5"
    record_route: bool = True
    invites: dict[str, SipRequest] = field(default_factory=dict)
    auth_ok: list[bool] = field(default_factory=list)
    port: int = 0

    def __call__(self, request: SipRequest) -> list[bytes]:
        call = request.call_id or ""
        if request.method == "INVITE":
            return self._invite(call, request)
        if request.method == "CANCEL":
            invite = self.invites[call]
            final = self._final(invite, *self.policy(invite)) if self.race else \
                response_to(invite, 487, "Request Terminated", to_tag="uas").encode()
            return [response_to(request, 200, "OK").encode(), final]
        if request.method in ("BYE", "OPTIONS"):
            return [response_to(request, 200, "OK").encode()]
        return []

    def _invite(self, call: str, request: SipRequest) -> list[bytes]:
        self.invites[call] = request
        if self.realm is not None:
            header = "Proxy-Authorization" if self.proxy_auth else "Authorization"
            credentials = request.headers.get(header)
            if credentials is None:
                status, reason, name = (407, "Proxy Authentication Required",
                                        "Proxy-Authenticate") if self.proxy_auth else \
                    (401, "Unauthorized", "WWW-Authenticate")
                challenge = (f'Digest realm="{self.realm}", nonce="{NONCE}", qop="auth", '
                             f'opaque="op4que", algorithm={self.algorithm}')
                return [response_to(request, status, reason, to_tag="uas",
                                    extra=((name, challenge),)).encode()]
            self.auth_ok.append(verify(credentials, request))
        replies = [response_to(request, 100, "Trying").encode()]
        if self.ring or self.early_media:
            status, _, body, _ = self.policy(request)
            early = self.early_media and status == 200
            replies.append(response_to(
                request, 183 if early else 180, "Session Progress" if early else "Ringing",
                to_tag="uas", body=body if early else b"",
                extra=(("Content-Type", "application/sdp"),) if early else ()).encode())
            return replies
        return [*replies, self._final(request, *self.policy(request))]

    def _final(self, request: SipRequest, status: int, reason: str, body: bytes,
               extra: tuple[tuple[str, str], ...]) -> bytes:
        headers = list(extra)
        if status == 200:
            headers.append(("Contact", f"<sip:uas@127.0.0.1:{self.port};ob>"))
            if self.record_route:
                headers.append(("Record-Route", "<sip:127.0.0.1:9;lr;hop=one>, "
                                                "<sip:127.0.0.1:9;lr;hop=two>"))
            if body:
                headers.append(("Content-Type", "application/sdp"))
        return response_to(request, status, reason, to_tag="uas", extra=headers,
                           body=body).encode()


def verify(value: str, request: SipRequest) -> bool:
    """The UAS side of digest, computed independently of voipscan.sip.digest."""
    params = parse_params(value.partition(" ")[2])
    name = {"MD5": "md5", "SHA-256": "sha256"}[params["algorithm"]]

    def h(text: str) -> str:
        return hashlib.new(name, text.encode()).hexdigest()

    a1 = h(f"{params['username']}:{REALM}:{PASSWORD}")
    a2 = h(f"INVITE:{params['uri']}")
    expected = h(f"{a1}:{NONCE}:{params['nc']}:{params['cnonce']}:{params['qop']}:{a2}")
    return (params["response"] == expected and params["uri"] == request.uri
            and params["opaque"] == "op4que" and params["realm"] == REALM)


@contextmanager
def uas(policy: Policy, kind: int = socket.SOCK_DGRAM, **options: Any) -> Iterator[
        tuple[Uas, Responder]]:
    script = Uas(policy, **options)
    with responder(script, kind=kind) as server:
        script.port = server.port
        yield script, server


def probe(server: Responder, *offers: OfferKind, protocol: SipProtocol = SipProtocol.UDP,
          timeout: float = 2.0, **settings: Any) -> SrtpTransportResult:
    service = Service(protocol, server.port)
    target = HostTarget(0, "uas", "127.0.0.1", (service,))

    async def main() -> SrtpTransportResult:
        hub = UdpHub()
        ctx = ProbeContext(hub, Pacer(None), asyncio.Semaphore(4), timeout)
        try:
            return await probe_transport(ctx, target, service, SrtpSettings(
                offers=offers, timeout=timeout, rate=None, **settings))
        finally:
            hub.close()

    return asyncio.run(main())


def probe_stopped(server: Responder, *offers: OfferKind, stop_after: float, timeout: float,
                  **settings: Any) -> tuple[SrtpTransportResult, float]:
    """``probe`` interrupted ``stop_after`` seconds in (as by Ctrl-C); and how long it took."""
    service = Service(SipProtocol.UDP, server.port)
    target = HostTarget(0, "uas", "127.0.0.1", (service,))

    async def main() -> SrtpTransportResult:
        hub = UdpHub()
        stop = asyncio.Event()
        asyncio.get_running_loop().call_later(stop_after, stop.set)
        ctx = ProbeContext(hub, Pacer(None), asyncio.Semaphore(4), timeout)
        try:
            return await probe_transport(ctx, target, service, SrtpSettings(
                offers=offers, timeout=timeout, rate=None, **settings), stop)
        finally:
            hub.close()

    started = time.monotonic()
    result = asyncio.run(main())
    return result, time.monotonic() - started


def methods(server: Responder) -> list[str]:
    return [r.method for r in server.requests]


def wait_for(server: Responder, count: int) -> None:
    """Requests are recorded by the responder's thread: give the last one a moment."""
    deadline = time.monotonic() + 2
    while len(server.requests) < count and time.monotonic() < deadline:
        time.sleep(0.01)


# --- shapes of CANCEL, ACK and BYE -------------------------------------------------------


def test_2xx_is_acked_to_the_contact_with_reversed_route_then_byed() -> None:
    with uas(sdes_required) as (_, server):
        result = probe(server, OfferKind.SDES_AES_CM_128)
        wait_for(server, 3)
    (offer,) = result.results
    assert (offer.outcome, offer.suite) == (Outcome.ACCEPTED, "AES_CM_128_HMAC_SHA1_80")
    assert offer.cleanup == "200 OK -> ACK; BYE sent; BYE -> 200 OK"
    invite, ack, bye = server.requests
    assert methods(server) == ["INVITE", "ACK", "BYE"]
    assert invite.uri == f"sip:voipscan-srtp-probe@127.0.0.1:{server.port}"
    assert invite.headers.get("Content-Type") == "application/sdp"
    for request in (ack, bye):
        assert request.uri == f"sip:uas@127.0.0.1:{server.port};ob"
        assert request.headers.get_all("Route") == ("<sip:127.0.0.1:9;lr;hop=two>",
                                                    "<sip:127.0.0.1:9;lr;hop=one>")
        assert header_params(request.headers.get("To") or "")["tag"] == "uas"
        assert request.branch != invite.branch and request.call_id == invite.call_id
        assert header_params(request.headers.get("From") or "")["tag"] == \
            header_params(invite.headers.get("From") or "")["tag"]
    assert ack.cseq == (1, "ACK") and bye.cseq == (2, "BYE") and ack.branch != bye.branch
    assert UAS_KEY not in repr(result)


def test_provisional_reply_is_cancelled_and_the_487_acked() -> None:
    with uas(sdes_required, ring=True) as (_, server):
        result = probe(server, OfferKind.PLAIN_RTP)
        wait_for(server, 3)
    (offer,) = result.results
    assert (offer.outcome, offer.answer) == (Outcome.INCONCLUSIVE, "180 Ringing")
    assert offer.cleanup == "180 Ringing -> CANCEL; CANCEL -> 200 OK; " \
                            "487 Request Terminated -> ACK"
    invite, cancel, ack = server.requests
    assert methods(server) == ["INVITE", "CANCEL", "ACK"]
    assert cancel.uri == invite.uri and cancel.call_id == invite.call_id
    assert cancel.branch == invite.branch and cancel.cseq == (1, "CANCEL")
    assert cancel.headers.get("From") == invite.headers.get("From")
    assert cancel.headers.get("To") == invite.headers.get("To")
    assert "tag=" not in (cancel.headers.get("To") or "x;tag=")
    assert cancel.headers.get("Via") == invite.headers.get("Via")
    assert ack.branch == invite.branch and ack.cseq == (1, "ACK") and ack.uri == invite.uri
    assert header_params(ack.headers.get("To") or "")["tag"] == "uas"


def test_200_racing_the_cancel_is_acked_and_byed() -> None:
    with uas(sdes_required, ring=True, race=True) as (_, server):
        result = probe(server, OfferKind.SDES_AES_CM_128)
        wait_for(server, 4)
    (offer,) = result.results
    assert methods(server) == ["INVITE", "CANCEL", "ACK", "BYE"]
    assert offer.outcome is Outcome.ACCEPTED and offer.sdp_answer
    assert server.requests[2].branch != server.requests[0].branch  # 2xx ACK: new branch


def test_early_media_answer_is_judged_and_the_call_cancelled() -> None:
    with uas(sdes_required, early_media=True) as (_, server):
        result = probe(server, OfferKind.SDES_AEAD_AES_128_GCM)
        wait_for(server, 3)
    (offer,) = result.results
    assert (offer.outcome, offer.answer, offer.suite) == (
        Outcome.ACCEPTED, "183 Session Progress", "AEAD_AES_128_GCM")
    assert methods(server) == ["INVITE", "CANCEL", "ACK"]


def test_rejection_is_acked_on_the_invite_branch() -> None:
    with uas(sdes_required) as (_, server):
        result = probe(server, OfferKind.PLAIN_RTP, OfferKind.DTLS_SRTP)
        wait_for(server, 4)
    assert [(o.outcome, o.answer, o.detail) for o in result.results] == [
        (Outcome.REJECTED, "488 Not Acceptable Here", 'Warning: 399 uas "SRTP required"')] * 2
    assert methods(server) == ["INVITE", "ACK", "INVITE", "ACK"]
    first, ack = server.requests[:2]
    assert ack.branch == first.branch and ack.cseq == (1, "ACK")
    assert server.requests[2].call_id != first.call_id  # each offer is its own call


# --- digest ------------------------------------------------------------------------------


@pytest.mark.parametrize(("proxy", "algorithm"), [(False, "MD5"), (True, "SHA-256")])
def test_challenge_is_acked_and_answered_with_credentials(proxy: bool, algorithm: str) -> None:
    with uas(sdes_required, realm=REALM, proxy_auth=proxy, algorithm=algorithm) as (
            script, server):
        result = probe(server, OfferKind.SDES_AES_CM_128,
                       credentials=Credentials("alice", PASSWORD))
        wait_for(server, 5)
    (offer,) = result.results
    assert offer.outcome is Outcome.ACCEPTED and offer.authenticated
    assert methods(server) == ["INVITE", "ACK", "INVITE", "ACK", "BYE"]
    first, ack, retry = server.requests[:3]
    assert ack.branch == first.branch and retry.branch != first.branch
    assert retry.cseq == (2, "INVITE") and retry.call_id == first.call_id
    assert script.auth_ok == [True]
    assert "alice@" in (retry.headers.get("From") or "")
    assert PASSWORD not in repr(result)


def test_challenge_without_credentials_is_inconclusive() -> None:
    with uas(sdes_required, realm=REALM) as (_, server):
        result = probe(server, OfferKind.SDES_AES_CM_128)
        wait_for(server, 2)
    (offer,) = result.results
    assert (offer.outcome, offer.answer, offer.detail) == (
        Outcome.INCONCLUSIVE, "401 Unauthorized",
        "authentication required; no credentials given")
    assert methods(server) == ["INVITE", "ACK"]


def test_wrong_password_is_not_retried_forever() -> None:
    with uas(sdes_required, realm=REALM) as (script, server):
        # the UAS accepts any Authorization; make it challenge again
        script.policy = lambda r: (401, "Unauthorized", b"", (
            ("WWW-Authenticate", f'Digest realm="{REALM}", nonce="{NONCE}"'),))
        result = probe(server, OfferKind.PLAIN_RTP, credentials=Credentials("alice", "wrong"))
        wait_for(server, 4)
    (offer,) = result.results
    assert (offer.outcome, offer.detail) == (Outcome.INCONCLUSIVE, "credentials rejected")
    assert methods(server) == ["INVITE", "ACK", "INVITE", "ACK"]
    assert script.auth_ok == [False]


# --- transports, timeouts, whole offer sets ----------------------------------------------


def test_tcp_full_offer_set_against_sdes_required() -> None:
    with uas(sdes_required, kind=socket.SOCK_STREAM) as (_, server):
        result = probe(server, *OfferKind, protocol=SipProtocol.TCP)
    outcomes = {o.offer: o.outcome for o in result.results}
    assert outcomes == {
        OfferKind.SDES_AES_CM_128: Outcome.ACCEPTED,
        OfferKind.SDES_AEAD_AES_128_GCM: Outcome.ACCEPTED,
        OfferKind.SDES_AES_256_CM: Outcome.ACCEPTED,
        OfferKind.SDES_BEST_EFFORT: Outcome.ACCEPTED,
        OfferKind.SDES_WEAK: Outcome.ACCEPTED,
        OfferKind.DTLS_SRTP: Outcome.REJECTED,
        OfferKind.PLAIN_RTP: Outcome.REJECTED,
    }
    weak = next(o for o in result.results if o.offer is OfferKind.SDES_WEAK)
    assert weak.weak == ("AES_CM_128_HMAC_SHA1_32",)
    assert methods(server).count("BYE") == 5 and methods(server).count("INVITE") == 7


def test_plain_only_and_dtls_only_peers() -> None:
    with uas(plain_only) as (_, server):
        result = probe(server, OfferKind.SDES_AES_CM_128, OfferKind.SDES_BEST_EFFORT,
                       OfferKind.PLAIN_RTP)
    assert [(o.outcome, o.encryption) for o in result.results] == [
        (Outcome.REJECTED, None), (Outcome.DOWNGRADED, MediaEncryption.NONE),
        (Outcome.ACCEPTED, MediaEncryption.NONE)]
    with uas(dtls_only) as (_, server):
        result = probe(server, OfferKind.DTLS_SRTP)
    (offer,) = result.results
    assert (offer.outcome, offer.setup) == (Outcome.ACCEPTED, "active")


def test_silent_peer_times_out_and_the_remaining_offers_are_skipped() -> None:
    with responder(lambda request: []) as server:
        started = time.monotonic()
        result = probe(server, OfferKind.SDES_AES_CM_128, OfferKind.PLAIN_RTP, timeout=0.6,
                       t1=0.1)
        elapsed = time.monotonic() - started
    (offer,) = result.results
    assert (offer.outcome, offer.detail) == (Outcome.INCONCLUSIVE, "no reply")
    assert "remaining offers not sent" in result.detail
    assert elapsed < 0.6 * 2 + 0.5  # timeout, then the same again listening for a late reply
    # INVITE retransmitted with T1 doubling while waiting (0, .1, .3), never after the wait
    assert 3 <= methods(server).count("INVITE") <= 4


def test_trying_only_is_cancelled_at_the_deadline() -> None:
    def trying(request: SipRequest) -> list[bytes]:
        if request.method == "INVITE":
            return [response_to(request, 100, "Trying").encode()]
        if request.method == "CANCEL":
            return [response_to(request, 200, "OK").encode()]
        return []

    with responder(trying) as server:
        result = probe(server, OfferKind.PLAIN_RTP, timeout=0.4, t1=0.1)
    (offer,) = result.results
    assert methods(server)[:2] == ["INVITE", "CANCEL"]
    assert offer.outcome is Outcome.INCONCLUSIVE and "no final response" in offer.detail
    assert re.search(r"CANCEL -> 200 OK; clean-up deadline reached", offer.cleanup)


def test_interruption_cancels_the_call_in_flight_and_sends_no_more_offers() -> None:
    def trying(request: SipRequest) -> list[bytes]:
        if request.method == "INVITE":
            return [response_to(request, 100, "Trying").encode()]
        if request.method == "CANCEL":
            return [response_to(request, 200, "OK").encode(),
                    response_to(server.requests[0], 487, "Request Terminated",
                                to_tag="t").encode()]
        return []

    with responder(trying) as server:
        result, elapsed = probe_stopped(server, OfferKind.PLAIN_RTP, OfferKind.SDES_AES_CM_128,
                                        stop_after=0.3, timeout=5.0)
        wait_for(server, 3)
    assert methods(server) == ["INVITE", "CANCEL", "ACK"]
    assert elapsed < 1.5
    (offer,) = result.results
    assert offer.cleanup.startswith("no final response in time -> CANCEL")
    assert result.detail == "interrupted; remaining offers not sent"

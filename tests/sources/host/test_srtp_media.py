"""The media check: packets judged (unit), and a scripted UAS on loopback that answers SRTP
and then sends plain G.711 or libsrtp-protected packets to the offer's media port."""

from __future__ import annotations

import base64
import math
import secrets
import socket
import struct
import threading
import time
from collections.abc import Callable

from pylibsrtp import Policy, Session

from tests.checks.helpers import messages
from tests.checks.helpers import run as run_check
from tests.sources.host.responders import responder
from tests.sources.host.test_srtp_probe import (
    UAS_KEY,
    Uas,
    methods,
    probe,
    probe_stopped,
    sdes_required,
    wait_for,
)
from voipscan.checks import Status
from voipscan.facts import MediaEncryption, System
from voipscan.sip.message import SipRequest
from voipscan.sip.sdp import parse_sdp
from voipscan.sources.host.srtp_facts import endpoint
from voipscan.sources.host.srtp_media import MIN_JUDGED_BYTES, MediaKind, judge
from voipscan.sources.host.srtp_offers import OfferKind, Outcome
from voipscan.sources.host.srtp_probe import SrtpTransportResult

ANSWER_LINE = f"a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:{UAS_KEY}".encode()


def tone(count: int) -> list[bytes]:
    """PCMU-like samples of a tone: a few dozen byte values, repeating."""
    samples = bytes(0x80 + round(40 * math.sin(i / 3)) for i in range(160))
    return [struct.pack("!BBHII", 0x80, 0, n, n * 160, 0xC0FFEE) + samples
            for n in range(count)]


def protected(packets: list[bytes]) -> list[bytes]:
    sender = Session(Policy(key=base64.b64decode(UAS_KEY), ssrc_type=Policy.SSRC_ANY_OUTBOUND,
                            srtp_profile=Policy.SRTP_PROFILE_AES128_CM_SHA1_80))
    return [sender.protect(p) for p in packets]


# --- judging packets ---------------------------------------------------------------------

def test_packets_under_the_answered_key_are_srtp() -> None:
    seen = judge(protected(tone(50)), ANSWER_LINE, 1.0)
    assert (seen.kind, seen.rtp, seen.authenticated, seen.keys) == (MediaKind.SRTP, 50, 50, 1)
    assert "50 authenticated with the answered a=crypto key" in seen.describe()
    assert UAS_KEY not in seen.describe() and UAS_KEY not in repr(seen)


def test_g711_in_clear_is_plain_whatever_the_answer_said() -> None:
    seen = judge(tone(50), ANSWER_LINE, 1.0)
    assert seen.kind is MediaKind.PLAIN and seen.authenticated == 0
    assert seen.entropy is not None and seen.entropy < 7
    assert "media sent in clear" in seen.describe()


def test_ciphertext_under_an_unknown_key_stays_unverified() -> None:
    stranger = [p[:12] + secrets.token_bytes(170) for p in tone(50)]
    seen = judge(stranger, ANSWER_LINE, 1.0)
    assert seen.kind is MediaKind.UNVERIFIED
    assert seen.entropy is not None and seen.entropy > 7.5


def test_too_few_bytes_are_never_called_clear() -> None:
    few = tone(MIN_JUDGED_BYTES // 160 - 1)
    seen = judge(few, ANSWER_LINE, 0.2)
    assert seen.kind is MediaKind.UNVERIFIED and seen.entropy is None


def test_other_payload_types_are_not_judged_by_entropy() -> None:
    opus = [p[:1] + b"\x6f" + p[2:] for p in tone(50)]  # payload type 111
    assert judge(opus, ANSWER_LINE, 1.0).kind is MediaKind.UNVERIFIED


def test_dtls_stun_rtcp_and_silence() -> None:
    dtls = [b"\x16\xfe\xfd" + bytes(40)] * 3
    stun = [b"\x00\x01\x00\x00" + bytes(16)]
    rtcp = [b"\x80\xc8\x00\x06" + bytes(24)]
    seen = judge(dtls + stun + rtcp, None, 1.0)
    assert (seen.kind, seen.dtls, seen.stun, seen.rtp) == (MediaKind.DTLS, 3, 1, 0)
    assert judge([], ANSWER_LINE, 1.0).kind is MediaKind.NOTHING


# --- in a call ---------------------------------------------------------------------------

def sending(media: Callable[[], list[bytes]]) -> Callable[[SipRequest], tuple[
        int, str, bytes, tuple[tuple[str, str], ...]]]:
    """``sdes_required``, and once answered, ``media()`` sent to the offer's media port."""
    def policy(request: SipRequest) -> tuple[int, str, bytes, tuple[tuple[str, str], ...]]:
        answer = sdes_required(request)
        (medium,) = parse_sdp(request.body)
        if answer[0] == 200 and medium.port:
            destination = (medium.address or "127.0.0.1", medium.port)
            threading.Thread(target=_send, args=(media(), destination), daemon=True).start()
        return answer
    return policy


def _send(packets: list[bytes], destination: tuple[str, int]) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        for packet in packets:
            sock.sendto(packet, destination)
            time.sleep(0.005)


def srtp_verdict(result: SrtpTransportResult) -> tuple[Status, str]:
    system = System("uas", endpoints=(endpoint(result),), endpoints_known=True)
    (status,) = run_check("media.srtp_mandatory", system).values()
    (message,) = messages("media.srtp_mandatory", system)
    return status, message


def test_an_srtp_answer_followed_by_clear_audio_fails_mandatory_srtp() -> None:
    with responder(Uas(sending(lambda: tone(60)))) as server:
        result = probe(server, OfferKind.SDES_AES_CM_128, media_check=0.8)
        wait_for(server, 3)
    (offer,) = result.results
    assert offer.outcome is Outcome.ACCEPTED  # the answer alone looks right
    assert offer.media is not None and offer.media.kind is MediaKind.PLAIN
    assert 0.7 <= offer.media.seconds <= 1.5
    assert methods(server) == ["INVITE", "ACK", "BYE"]
    assert "staying in the call 0.8 s (media check); BYE sent" in offer.cleanup
    facts = endpoint(result)
    assert facts.media_encryption.value is MediaEncryption.NONE
    assert "media check" in (facts.media_encryption.source.detail
                             if facts.media_encryption.source else "")
    status, message = srtp_verdict(result)
    assert status is Status.FAIL and "carried its audio in clear" in message
    assert UAS_KEY not in repr(result)


def test_an_srtp_answer_followed_by_srtp_keeps_its_verdict() -> None:
    with responder(Uas(sending(lambda: protected(tone(60))))) as server:
        result = probe(server, OfferKind.SDES_AES_CM_128, OfferKind.PLAIN_RTP,
                       media_check=0.6)
    accepted, refused = result.results
    assert accepted.media is not None and accepted.media.kind is MediaKind.SRTP
    assert refused.outcome is Outcome.REJECTED and refused.media is None
    assert srtp_verdict(result)[0] is Status.PASS
    assert endpoint(result).media_encryption.value is MediaEncryption.SDES


def test_the_bye_waits_for_the_media_check_and_not_longer() -> None:
    with responder(Uas(sdes_required)) as server:
        started = time.monotonic()
        result = probe(server, OfferKind.SDES_AES_CM_128, media_check=0.5)
        elapsed = time.monotonic() - started
        wait_for(server, 3)
    (offer,) = result.results
    assert offer.media is not None and offer.media.kind is MediaKind.NOTHING
    assert 0.5 <= elapsed < 1.5
    assert methods(server) == ["INVITE", "ACK", "BYE"]


def test_an_interruption_hangs_up_at_once() -> None:
    with responder(Uas(sdes_required)) as server:
        result, elapsed = probe_stopped(server, OfferKind.SDES_AES_CM_128, OfferKind.PLAIN_RTP,
                                        stop_after=0.3, timeout=2.0, media_check=5.0)
        wait_for(server, 3)
    assert elapsed < 1.0
    assert methods(server) == ["INVITE", "ACK", "BYE"]
    (offer,) = result.results
    assert offer.media is not None and offer.media.seconds < 0.6

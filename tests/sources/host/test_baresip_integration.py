"""SRTP verdicts against a second, independent SIP stack: baresip (Debian's baresip-core) as
an auto-answering callee in each of its media encryption modes, every verdict checked
against what that stack is configured to do."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.checks.helpers import messages
from tests.checks.helpers import run as run_check
from tests.integration import free_port, require_binary
from tests.sources.host.test_websocket_integration import scan
from voipscan.checks import Status
from voipscan.sources.host.host_facts import source_result
from voipscan.sources.host.srtp_media import MediaKind, MediaObservation
from voipscan.sources.host.srtp_offers import OfferKind, Outcome
from voipscan.sources.host.srtp_probe import SrtpSettings, run_srtp

CONFIG = """\
sip_listen\t\t127.0.0.1:{port}
sip_trans_def\t\tudp
module_path\t\t/usr/lib/baresip/modules
module\t\t\tg711.so
module\t\t\tausine.so
module\t\t\taubridge.so
module\t\t\tsrtp.so
module\t\t\tdtls_srtp.so
module_app\t\taccount.so
module_app\t\tmenu.so
audio_player\t\taubridge,nil
audio_alert\t\taubridge,nil
audio_source\t\tausine,440
ausrc_srate\t\t48000
ausrc_channels\t\t2
auplay_srate\t\t48000
auplay_channels\t\t2
rtp_ports\t\t{rtp}-{rtp_end}
"""
OFFERS = (OfferKind.SDES_AES_CM_128, OfferKind.SDES_AES_256_CM, OfferKind.SDES_WEAK,
          OfferKind.DTLS_SRTP, OfferKind.PLAIN_RTP)


@contextmanager
def baresip(folder: Path, mediaenc: str | None) -> Iterator[int]:
    """baresip answering every call as user 'callee'; stops by itself after 30 s at most."""
    binary = require_binary("baresip")
    folder.mkdir()
    encryption = f";mediaenc={mediaenc}" if mediaenc else ""
    (folder / "accounts").write_text(
        f"<sip:callee@127.0.0.1>;regint=0;answermode=auto{encryption}\n")
    for _attempt in range(3):  # another test may take the port (UDP and TCP) in between
        port = free_port(kind=socket.SOCK_DGRAM)
        rtp = 40000 + port % 10000 // 2 * 2
        (folder / "config").write_text(CONFIG.format(port=port, rtp=rtp, rtp_end=rtp + 40))
        with (folder / "log").open("wb") as log:
            process = subprocess.Popen([binary, "-f", str(folder), "-t", "30"], stdout=log,
                                       stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        time.sleep(1.0)  # binds its port before the first probe
        if process.poll() is None:
            break
        text = (folder / "log").read_text(errors="replace")
        assert "Address already in use" in text, text
    try:
        assert process.poll() is None, (folder / "log").read_text(errors="replace")
        yield port
    finally:
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()


@dataclass(frozen=True)
class Probed:
    outcomes: dict[OfferKind, Outcome]
    verdicts: dict[str, Status]
    media: dict[OfferKind, MediaObservation | None]
    messages: dict[str, str]


def probe(folder: Path, mediaenc: str | None, media_check: float = 0.0) -> Probed:
    with baresip(folder, mediaenc) as port:
        report = scan(f"sip:127.0.0.1:{port};transport=udp")
        outcome = run_srtp([report], SrtpSettings(extension="callee", timeout=3.0, rate=None,
                                                  offers=OFFERS, media_check=media_check))
    (result,) = outcome.by_target[0]
    system = source_result(report, outcome.by_target[0]).system
    verdicts, texts = {}, {}
    for check_id in ("media.srtp_mandatory", "media.srtp_weak_parameters", "media.dtls_srtp"):
        (verdicts[check_id],) = run_check(check_id, system).values()
        (texts[check_id],) = messages(check_id, system)
    return Probed({o.offer: o.outcome for o in result.results}, verdicts,
                  {o.offer: o.media for o in result.results}, texts)


def test_srtp_mandatory_callee(tmp_path: Path) -> None:
    """SDES required: plain RTP and DTLS refused; an AES-256 offer answered with an AES-128
    line that matches no offered tag (RFC 4568 sec. 7.1.3), the 32-bit tag accepted."""
    probed = probe(tmp_path / "bs", "srtp-mand", media_check=1.0)
    outcomes, verdicts = probed.outcomes, probed.verdicts
    assert outcomes[OfferKind.PLAIN_RTP] is Outcome.REJECTED
    assert outcomes[OfferKind.DTLS_SRTP] is Outcome.REJECTED
    assert outcomes[OfferKind.SDES_AES_CM_128] is Outcome.ACCEPTED
    assert outcomes[OfferKind.SDES_AES_256_CM] is Outcome.INVALID
    # the wrong pass this stack once got: mandatory SRTP never passes on a broken answer
    assert verdicts["media.srtp_mandatory"] is Status.FAIL
    assert verdicts["media.srtp_weak_parameters"] is Status.FAIL  # AES_CM_128_HMAC_SHA1_32
    assert verdicts["media.dtls_srtp"] is Status.FAIL
    # the media check, against libre's own SRTP: the accepted suites' packets authenticate
    # with the answered keys (the 32-bit tag too); the broken answer's call carries G.711 in
    # clear, which the answer alone could not show
    for kind in (OfferKind.SDES_AES_CM_128, OfferKind.SDES_WEAK):
        media = probed.media[kind]
        assert media is not None and media.kind is MediaKind.SRTP, media
        assert media.authenticated == media.rtp >= 25
    broken = probed.media[OfferKind.SDES_AES_256_CM]
    assert broken is not None and broken.kind is MediaKind.PLAIN, broken
    assert broken.authenticated == 0 and broken.entropy is not None and broken.entropy < 7
    assert "sdes-aes-256-cm call carried its audio in clear" in \
        probed.messages["media.srtp_mandatory"]
    assert probed.media[OfferKind.PLAIN_RTP] is None  # refused: no call to stay in


def test_plain_callee(tmp_path: Path) -> None:
    probed = probe(tmp_path / "bs", None, media_check=1.0)
    assert probed.outcomes[OfferKind.PLAIN_RTP] is Outcome.ACCEPTED
    assert probed.verdicts["media.srtp_mandatory"] is Status.FAIL
    media = probed.media[OfferKind.PLAIN_RTP]
    assert media is not None and media.kind is MediaKind.PLAIN and media.keys == 0, media


@pytest.mark.parametrize("mediaenc", ["srtp"])
def test_optional_srtp_callee_is_not_mandatory(tmp_path: Path, mediaenc: str) -> None:
    probed = probe(tmp_path / "bs", mediaenc)
    outcomes, verdicts = probed.outcomes, probed.verdicts
    assert all(media is None for media in probed.media.values())  # no --media-check
    assert outcomes[OfferKind.PLAIN_RTP] is Outcome.ACCEPTED
    assert outcomes[OfferKind.SDES_AES_CM_128] is Outcome.ACCEPTED
    assert verdicts["media.srtp_mandatory"] is Status.FAIL

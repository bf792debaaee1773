"""SRTP verification against RFC 3711's key-derivation vectors and packets protected by
libsrtp (Cisco's reference implementation, through pylibsrtp)."""

from __future__ import annotations

import base64
import secrets
import struct

import pytest
from pylibsrtp import Policy, Session

from voipscan.sources.host.srtp_crypto import (
    LABEL_AUTH,
    LABEL_CIPHER,
    LABEL_SALT,
    SrtpKey,
    Verifier,
    answer_keys,
    derive,
    header_length,
)

PROFILES = {
    "AES_CM_128_HMAC_SHA1_80": (Policy.SRTP_PROFILE_AES128_CM_SHA1_80, 30),
    "AES_CM_128_HMAC_SHA1_32": (Policy.SRTP_PROFILE_AES128_CM_SHA1_32, 30),
    "AEAD_AES_128_GCM": (Policy.SRTP_PROFILE_AEAD_AES_128_GCM, 28),
    "AEAD_AES_256_GCM": (Policy.SRTP_PROFILE_AEAD_AES_256_GCM, 44),
}


def rtp(sequence: int, payload: bytes = b"\xff" * 160, *, ssrc: int = 0x1234ABCD,
        extension: bool = False) -> bytes:
    first = 0x80 | (0x10 if extension else 0)
    header = struct.pack("!BBHII", first, 0, sequence, sequence * 160, ssrc)
    if extension:  # RFC 8285 one-byte header extension, one word
        header += b"\xbe\xde\x00\x01" + b"\x10\xaa\x00\x00"
    return header + payload


def sdes_line(suite: str, material: bytes, tag: int = 1, tail: str = "") -> str:
    return f"a=crypto:{tag} {suite} inline:{base64.b64encode(material).decode()}{tail}"


def test_key_derivation_matches_rfc_3711_appendix_b3() -> None:
    key = SrtpKey("AES_CM_128_HMAC_SHA1_80",
                  bytes.fromhex("E1F97A0D3E018BE0D64FA32C06DE4139"),
                  bytes.fromhex("0EC675AD498AFEEBB6960B3AABE6"))
    assert derive(key, LABEL_CIPHER, 16).hex().upper() == "C61E7A93744F39EE10734AFE3FF7A087"
    assert derive(key, LABEL_SALT, 14).hex().upper() == "30CBBC08863D8C85D49DB34A9AE1"
    assert derive(key, LABEL_AUTH, 20).hex().upper() == \
        "CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4"


@pytest.mark.parametrize("suite", list(PROFILES))
def test_packets_protected_by_libsrtp_are_authentic_under_their_key(suite: str) -> None:
    profile, length = PROFILES[suite]
    material = secrets.token_bytes(length)
    sender = Session(Policy(key=material, ssrc_type=Policy.SSRC_ANY_OUTBOUND,
                            srtp_profile=profile))
    (key,) = answer_keys(sdes_line(suite, material).encode())
    verifier = Verifier.of(key)
    # the sequence wraps after the first packet: the rollover counter becomes 1
    packets = [sender.protect(rtp(sequence, extension=sequence == 0))
               for sequence in (65535, 0, 1)]
    assert all(verifier.authentic(p) for p in packets)
    tampered = bytearray(packets[0])
    tampered[20] ^= 0x01
    assert not verifier.authentic(bytes(tampered))
    assert not verifier.authentic(rtp(7))  # plain RTP of the same call
    (other,) = answer_keys(sdes_line(suite, secrets.token_bytes(length)).encode())
    assert not Verifier.of(other).authentic(packets[0])


def test_answer_keys_reads_lifetime_and_mki_and_skips_what_it_cannot_use() -> None:
    good = secrets.token_bytes(30)
    body = "\r\n".join([
        "m=audio 4000 RTP/SAVP 0",
        sdes_line("AES_CM_128_HMAC_SHA1_80", good, 1, "|2^31|1:4"),
        sdes_line("AES_CM_128_HMAC_SHA1_32", good[:20], 2),  # too short
        "a=crypto:3 AES_CM_128_HMAC_SHA1_80 inline:not*base64",
        sdes_line("F8_128_HMAC_SHA1_80", good, 4),  # no verifier for f8 mode
        sdes_line("AES_256_CM_HMAC_SHA1_80", secrets.token_bytes(46), 5),
    ]).encode()
    keys = answer_keys(body)
    assert [(k.suite, k.mki_length) for k in keys] == [
        ("AES_CM_128_HMAC_SHA1_80", 4), ("AES_256_CM_HMAC_SHA1_80", 0)]
    assert keys[0].master_key + keys[0].master_salt == good
    assert "inline" not in repr(keys) and good.hex() not in repr(keys)


def test_header_length_follows_csrcs_and_extensions() -> None:
    assert header_length(rtp(1)) == 12
    assert header_length(rtp(1, extension=True)) == 20
    with_csrcs = bytes([0x82]) + rtp(1)[1:12] + b"\x00" * 8 + b"payload"
    assert header_length(with_csrcs) == 20
    assert header_length(b"\x80\x00") is None
    assert header_length(bytes([0x90]) + rtp(1)[1:12] + b"\x00\x01\xff\xff") is None

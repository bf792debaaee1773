"""Is a packet SRTP protected with a given SDES key? Verification only, never decryption of
audio: RFC 3711 (AES-CM key derivation, HMAC-SHA1 tags), RFC 6188 (AES-192/256-CM) and
RFC 7714 (AEAD AES-GCM, where checking the tag needs the decryption's integrity check).

Keys come from an SDP answer's ``a=crypto`` line and live only in memory for the moment of
the check; nothing here prints, logs or returns one.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
import struct
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

CM_SALT = 14  # bytes of master salt, AES-CM suites (RFC 3711)
GCM_SALT = 12  # RFC 7714
GCM_TAG = 16
LABEL_CIPHER, LABEL_AUTH, LABEL_SALT = 0x00, 0x01, 0x02
_CRYPTO = re.compile(r"^a=crypto:(\d{1,9})\s+([A-Za-z0-9_]+)\s+inline:([A-Za-z0-9+/=]+)"
                     r"(?:\|[^|\s]*)?(?:\|(\d+):(\d+))?", re.IGNORECASE | re.MULTILINE)
_HMAC_TAGS = {"_80": 10, "_32": 4}


@dataclass(frozen=True)
class SrtpKey:
    """One answered SDES key. ``repr`` shows the suite only."""

    suite: str
    master_key: bytes = field(repr=False)
    master_salt: bytes = field(repr=False)
    mki_length: int = 0

    @property
    def aead(self) -> bool:
        return self.suite.upper().startswith("AEAD_AES_")


def answer_keys(body: bytes) -> tuple[SrtpKey, ...]:
    """Every usable key of the ``a=crypto`` lines of an SDP answer (others skipped)."""
    keys = []
    for match in _CRYPTO.finditer(body.decode("utf-8", "replace")):
        suite = match.group(2).upper()
        try:
            material = base64.b64decode(match.group(3), validate=True)
        except (binascii.Error, ValueError):
            continue
        salt_length = GCM_SALT if suite.startswith("AEAD_AES_") else CM_SALT
        key_length = len(material) - salt_length
        if key_length not in (16, 24, 32) or not _known(suite):
            continue
        mki = int(match.group(5)) if match.group(5) else 0
        keys.append(SrtpKey(suite, material[:key_length], material[key_length:],
                            mki if mki <= 128 else 0))
    return tuple(keys)


def _known(suite: str) -> bool:
    return suite.startswith("AEAD_AES_") or (suite.startswith("AES_") and "_CM_" in suite
                                             and suite.endswith(tuple(_HMAC_TAGS)))


def derive(key: SrtpKey, label: int, length: int) -> bytes:
    """A session key of RFC 3711 sec. 4.3 (key derivation rate 0, index 0): AES in counter
    mode under the master key, from the master salt with the label in byte 7 (a 96-bit
    GCM salt is padded to 112 bits with zeros first, as libsrtp does)."""
    salt = bytearray(key.master_salt.ljust(CM_SALT, b"\x00")[:CM_SALT])
    salt[7] ^= label
    encryptor = Cipher(algorithms.AES(key.master_key), modes.CTR(bytes(salt) + b"\x00\x00"))
    return encryptor.encryptor().update(bytes(length))


def header_length(packet: bytes) -> int | None:
    """Bytes of the RTP header (CSRCs and header extension included), None if malformed."""
    if len(packet) < 12 or packet[0] >> 6 != 2:
        return None
    length = 12 + 4 * (packet[0] & 0x0F)
    if packet[0] & 0x10:
        if len(packet) < length + 4:
            return None
        length += 4 + 4 * struct.unpack_from("!H", packet, length + 2)[0]
    return length if length <= len(packet) else None


@dataclass(frozen=True)
class Verifier:
    """Checks packets against one key; session keys are derived once."""

    key: SrtpKey
    auth_key: bytes = field(repr=False)
    cipher_key: bytes = field(repr=False)
    cipher_salt: bytes = field(repr=False)

    @classmethod
    def of(cls, key: SrtpKey) -> Verifier:
        if key.aead:
            return cls(key, b"", derive(key, LABEL_CIPHER, len(key.master_key)),
                       derive(key, LABEL_SALT, GCM_SALT))
        return cls(key, derive(key, LABEL_AUTH, 20), b"", b"")

    def authentic(self, packet: bytes) -> bool:
        """The packet carries a valid SRTP tag under this key (rollover counter 0 or 1)."""
        header = header_length(packet)
        if header is None:
            return False
        return any(self._authentic(packet, header, roc) for roc in (0, 1))

    def _authentic(self, packet: bytes, header: int, roc: int) -> bool:
        if self.key.aead:
            return self._gcm(packet, header, roc)
        tag_length = _HMAC_TAGS[self.key.suite[-3:]]
        end = len(packet) - tag_length - self.key.mki_length
        if end < header:
            return False
        mac = hmac.new(self.auth_key, packet[:end] + struct.pack("!I", roc), hashlib.sha1)
        return hmac.compare_digest(mac.digest()[:tag_length], packet[-tag_length:])

    def _gcm(self, packet: bytes, header: int, roc: int) -> bool:
        end = len(packet) - self.key.mki_length
        if end - header < GCM_TAG:
            return False
        ssrc, sequence = packet[8:12], packet[2:4]
        nonce = bytes(a ^ b for a, b in zip(
            b"\x00\x00" + ssrc + struct.pack("!I", roc) + sequence, self.cipher_salt,
            strict=True))
        try:
            AESGCM(self.cipher_key).decrypt(nonce, packet[header:end], packet[:header])
        except InvalidTag:
            return False
        return True

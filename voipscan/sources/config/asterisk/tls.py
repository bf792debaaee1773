"""TLS options shared by pjsip, chan_sip and the HTTP server: methods and cipher lists."""

from __future__ import annotations

from voipscan.facts import Fact, Provenance, TlsVersion
from voipscan.sources.config.asterisk.conf import Setting
from voipscan.sources.config.cipher_strings import weak_entries

BUILD_DEPENDENT = "depends on the build (OpenSSL negotiates what it allows)"

# Each explicit method pins one protocol version (pjsip_ssl_method / SSL_CTX_new method).
_METHODS: dict[str, TlsVersion | None] = {
    "tlsv1": TlsVersion.TLS1_0,
    "tlsv1_0": TlsVersion.TLS1_0,
    "tlsv1_1": TlsVersion.TLS1_1,
    "tlsv1_2": TlsVersion.TLS1_2,
    "tlsv1_3": TlsVersion.TLS1_3,
    "sslv2": TlsVersion.SSL2,
    "sslv3": TlsVersion.SSL3,
    "sslv23": None,
    "default": None,
    "unspecified": None,
    "": None,
}


def method_versions(setting: Setting | None, default_source: Provenance,
                    what: str = "method") -> Fact[frozenset[TlsVersion]]:
    """TLS versions a method= allows; unknown when it depends on the build or is new to us."""
    if setting is None:
        return Fact(None, default_source, f"{what} not set: {BUILD_DEPENDENT}")
    word = setting.value.strip().lower().replace(".", "_").replace("-", "_")
    if word not in _METHODS:
        return Fact(None, setting.source(), f"{what} {setting.value!r} not recognised")
    version = _METHODS[word]
    if version is None:
        return Fact(None, setting.source(), f"{what}={setting.value}: {BUILD_DEPENDENT}")
    return Fact(frozenset({version}), setting.source(),
                f"{what}={setting.value} pins {version.value} only")


def weak_ciphers(setting: Setting | None, default_source: Provenance
                 ) -> Fact[tuple[str, ...]]:
    """Enabled ciphers without authentication or with broken algorithms ('!X' excludes)."""
    if setting is None:
        return Fact((), default_source, "no cipher list: the library default applies")
    return Fact(weak_entries(setting.value), setting.source())

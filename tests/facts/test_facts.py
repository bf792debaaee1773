from __future__ import annotations

import pytest

from voipscan.facts import Exposure, Fact, Provenance, SecretInfo, TlsVersion, classify_bind


@pytest.mark.parametrize(("text", "expected"), [
    ("1.2", TlsVersion.TLS1_2), ("TLSv1.3", TlsVersion.TLS1_3), ("tlsv1_1", TlsVersion.TLS1_1),
    ("tlsv1", TlsVersion.TLS1_0), ("TLS1.0", TlsVersion.TLS1_0), ("sslv3", TlsVersion.SSL3),
])
def test_tls_version_parse(text: str, expected: TlsVersion) -> None:
    assert TlsVersion.parse(text) is expected


def test_tls_version_parse_rejects_unknown() -> None:
    with pytest.raises(ValueError):
        TlsVersion.parse("tlsv9")


@pytest.mark.parametrize(("bind", "expected"), [
    ("127.0.0.1:5038", Exposure.LOOPBACK), ("[::1]:5061", Exposure.LOOPBACK),
    ("0.0.0.0", Exposure.ALL_INTERFACES), ("::", Exposure.ALL_INTERFACES),
    ("[::]:5060", Exposure.ALL_INTERFACES), ("192.168.1.2:5060", Exposure.INTERNAL),
    ("10.1.2.3", Exposure.INTERNAL), ("203.0.113.10:80", Exposure.PUBLIC),
    ("2001:db8::1", Exposure.PUBLIC), ("localhost", Exposure.LOOPBACK),
    ("pbx.example.com", None),
])
def test_classify_bind(bind: str, expected: Exposure | None) -> None:
    assert classify_bind(bind) is expected


def test_secret_info_keeps_properties_never_the_value() -> None:
    info = SecretInfo.judge("Summer2024!", username="bob", vendor_defaults=frozenset({"x"}))
    assert (info.present, info.length, info.char_classes) == (True, 11, 4)
    assert info.vendor_default is False and info.equals_username is False
    assert "Summer2024!" not in repr(info)
    assert "Summer2024!" not in info.describe()
    assert all("Summer2024!" not in str(v) for v in vars(info).values())


def test_secret_info_flags_defaults_usernames_and_common() -> None:
    assert SecretInfo.judge("amp111", vendor_defaults=frozenset({"amp111"})).vendor_default
    assert SecretInfo.judge("Alice", username="alice").equals_username
    assert SecretInfo.judge("1234").common
    assert SecretInfo.judge("0000000").common
    assert not SecretInfo.judge("").present


def test_secret_reuse_key_matches_equal_secrets_only() -> None:
    a, b, c = (SecretInfo.judge(v) for v in ("same-secret", "same-secret", "other-secret"))
    assert a.reuse_key == b.reuse_key != c.reuse_key


def test_fact_known_unknown_and_provenance() -> None:
    src = Provenance.file("pjsip.conf", 12, "transport-tls method")
    assert Fact(True, src).known
    assert not Fact(None, None, "not exported").known
    assert src.describe() == "pjsip.conf:12 (transport-tls method)"
    assert Fact(2, src).map(lambda v: v * 2).value == 4


def test_systems_share_their_default_facts_and_replacing_one_touches_no_other() -> None:
    from dataclasses import replace

    from voipscan.facts import System
    from voipscan.facts.model import Logging

    first, second = System("a"), System("b")
    assert first.logging is second.logging and first.platform is second.platform
    logged = replace(first, logging=Logging(calls=Fact(True, Provenance.probe("h", "x"))))
    assert logged.logging.calls.value is True
    assert second.logging.calls.value is None and System("c").logging == Logging()

"""Accepted suites per TLS version in the facts and the JSON evidence, judged by the profile's
cipher policy: a TLS 1.2 server (Python's ssl on 127.0.0.1) accepting static-RSA and CBC
suites fails the strict policy and Mozilla intermediate; an ECDHE + AES-GCM one passes."""

from __future__ import annotations

import datetime as dt
import json
import ssl
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import ROOT
from tests.sources.host.pki import KeyKind, Pki, make_pki
from tests.sources.host.tls_servers import server_context, tls_server
from voipscan.checks import REGISTRY, CheckContext, Finding, Severity, Status
from voipscan.checks.signalling import cipher_policy
from voipscan.errors import InputError
from voipscan.facts import Fact, Provenance, SipProtocol, SipTransport, System
from voipscan.models.report_reader import target_findings
from voipscan.sources.host.tls_audit import audit, transport_facts

CHECK = "signalling.tls_weak_ciphers"
LEGACY = "AES128-SHA:AES256-GCM-SHA384:ECDHE-RSA-AES128-SHA:ECDHE-RSA-AES128-GCM-SHA256"


@pytest.fixture(scope="module")
def rsa_pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return make_pki(tmp_path_factory.mktemp("pki"), server_key=KeyKind.RSA2048)


def judge(transport: SipTransport, policy: str | None = None) -> Finding:
    check = REGISTRY[CHECK]
    params = {**check.default_params(), **({"cipher_policy": policy} if policy else {})}
    system = System(name="t", transports=(transport,), transports_known=True)
    (finding,) = check.run(CheckContext(check, system, params, dt.datetime.now(dt.UTC)))
    return finding


def tls12_server(pki: Pki, ciphers: str) -> ssl.SSLContext:
    return server_context(pki.server.cert_path, pki.server.key_path,
                          maximum=ssl.TLSVersion.TLSv1_2, ciphers=ciphers)


def test_static_rsa_and_cbc_suites_fail_the_strict_policy(rsa_pki: Pki) -> None:
    with tls_server(tls12_server(rsa_pki, LEGACY)) as port:
        result = audit("127.0.0.1", port, timeout=2.0)
    transport = transport_facts(result, f"tls:127.0.0.1:{port}")
    assert transport.accepted_ciphers.value is not None
    assert set(transport.accepted_ciphers.value) == {
        "TLSv1.2 TLS_RSA_WITH_AES_128_CBC_SHA", "TLSv1.2 TLS_RSA_WITH_AES_256_GCM_SHA384",
        "TLSv1.2 TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
        "TLSv1.2 TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"}
    assert transport.weak_ciphers.value == ()  # none of them is broken outright

    strict = judge(transport, "strict")
    assert (strict.status, strict.severity) == (Status.FAIL, Severity.MEDIUM)
    assert "3 of 4 suite(s) outside the cipher policy strict" in strict.message
    assert ("TLSv1.2 TLS_RSA_WITH_AES_128_CBC_SHA (no forward secrecy (static RSA key "
            "exchange), CBC mode, SHA-1 MAC)") in strict.message
    assert "TLSv1.2 TLS_RSA_WITH_AES_256_GCM_SHA384 (no forward secrecy" in strict.message
    assert "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA (CBC mode, SHA-1 MAC)" in strict.message
    accepted = next(e for e in strict.evidence if e.fact == "accepted_ciphers")
    assert accepted.value.startswith("TLSv1.2: ") and accepted.known
    assert "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256" in accepted.value

    default = judge(transport)  # Mozilla intermediate
    assert default.status is Status.FAIL
    assert "outside the cipher policy intermediate" in default.message


def test_forward_secret_aead_server_passes_both_policies(rsa_pki: Pki) -> None:
    with tls_server(tls12_server(rsa_pki, "ECDHE-RSA-AES128-GCM-SHA256")) as port:
        result = audit("127.0.0.1", port, timeout=2.0)
    transport = transport_facts(result, f"tls:127.0.0.1:{port}")
    assert transport.accepted_ciphers.value == (
        "TLSv1.2 TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",)
    for policy in ("strict", "intermediate"):
        finding = judge(transport, policy)
        assert finding.status is Status.PASS, finding.message
        assert "All 1 accepted suite(s) meet the cipher policy" in finding.message


def test_light_audit_says_what_it_skipped(rsa_pki: Pki) -> None:
    with tls_server(tls12_server(rsa_pki, LEGACY)) as port:
        result = audit("127.0.0.1", port, timeout=2.0, light=True)
    transport = transport_facts(result, f"tls:127.0.0.1:{port}")
    assert transport.accepted_ciphers.value is None
    note = transport.accepted_ciphers.note
    assert note.startswith("light audit (--tls-light) skipped: enumerating every cipher suite")
    assert "renegotiation and Heartbleed" in note and "seen: TLSv1.2 TLS_" in note
    assert judge(transport, "strict").status is Status.UNKNOWN


@pytest.mark.parametrize(("suite", "strict", "intermediate"), [
    ("TLS_AES_128_GCM_SHA256", True, True),
    ("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", True, True),
    ("TLS_ECDHE_RSA_WITH_AES_128_CCM", True, False),  # AEAD with FS, not in Mozilla's list
    ("TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", True, True),
    ("TLS_RSA_WITH_AES_128_GCM_SHA256", False, False),
    ("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", False, False),
    ("TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256", False, False),  # static ECDH
])
def test_policies_by_suite(suite: str, strict: bool, intermediate: bool) -> None:
    entry = f"TLSv1.2 {suite}"
    assert (cipher_policy.violation("strict", entry) is None) is strict
    assert (cipher_policy.violation("intermediate", entry) is None) is intermediate


def test_config_transport_without_suite_list_keeps_the_weak_list_verdict() -> None:
    source = Provenance.file("tls.cfg", 3)
    transport = SipTransport("tls", Fact(SipProtocol.TLS, source), weak_ciphers=Fact((), source))
    assert judge(transport, "strict").status is Status.PASS


def test_profile_rejects_an_unknown_cipher_policy(tmp_path: Path) -> None:
    from voipscan.profiles import load as load_profile

    path = tmp_path / "p.yaml"
    path.write_text("id: p\ntitle: P\nparameters:\n  signalling.tls_weak_ciphers: "
                    "{cipher_policy: paranoid}\ncontrols:\n  - id: C\n    title: C\n"
                    "    checks: [signalling.tls_weak_ciphers]\n")
    with pytest.raises(InputError, match="unknown cipher policy 'paranoid'"):
        load_profile(str(path))


def test_json_evidence_lists_the_accepted_suites(rsa_pki: Pki, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    with tls_server(tls12_server(rsa_pki, LEGACY)) as port:
        run = subprocess.run(
            [sys.executable, "-m", "voipscan", "scan", "host", f"127.0.0.1:{port}",
             "--transport", "tls", "--rate", "0", "--timeout", "1", "-p", "financial",
             "--include-passed", "-f", "json", "-o", str(out)],
            capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert "Traceback" not in run.stderr, run.stderr
    document = json.loads(out.read_text())
    (finding,) = [f for f in target_findings(document, 0) if f["check_id"] == CHECK]
    assert finding["status"] == "fail"
    evidence = {e["fact"]: e for e in finding["evidence"]}
    assert "TLS_RSA_WITH_AES_128_CBC_SHA" in evidence["accepted_ciphers"]["value"]

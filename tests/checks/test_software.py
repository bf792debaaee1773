"""software.*: each detected product and version judged against the shipped data; unknown
products and versions are evidence required, never passed."""

from __future__ import annotations

from tests.checks.helpers import NOW, messages, run
from voipscan.checks import REGISTRY, CheckContext, Status
from voipscan.facts import Disclosure, Fact, OriginKind, Provenance, System

PROBE = Provenance.probe("udp:127.0.0.1:5060", "OPTIONS -> 200 OK")
KAMAILIO_HEADER = "Server: kamailio (5.6.3 (x86_64/linux))"


def probed(platform: str | None, version: str | None, *headers: str) -> System:
    return System("pbx", platform=Fact(platform, PROBE if platform else None),
                  version=Fact(version, PROBE if version else None),
                  disclosures=tuple(Disclosure("software-version", h, PROBE) for h in headers),
                  disclosures_known=True)


def evidence(check_id: str, system: System) -> list[tuple[str, str, Provenance | None]]:
    check = REGISTRY[check_id]
    ctx = CheckContext(check, system, check.default_params(), NOW)
    return [(e.fact, e.value, e.source) for f in check.run(ctx) for e in f.evidence]


def test_a_live_kamailio_5_6_3_is_out_of_support_with_the_source_of_the_judgement() -> None:
    system = probed("kamailio", "5.6.3", KAMAILIO_HEADER)
    assert run("software.supported", system) == {"software:kamailio": Status.FAIL}
    assert messages("software.supported", system) == [
        "Kamailio 5.6.3: series 5.6 has been out of support since 2024-03-07."]
    found = evidence("software.supported", system)
    seen = next(e for e in found if e[0] == "version")
    assert seen[2] == PROBE and "5.6.3" in seen[1]
    data = next(e for e in found if e[0] == "software data")
    assert data[2] is not None and data[2].kind is OriginKind.DERIVED
    assert data[2].location == "https://github.com/kamailio/kamailio/releases/tag/5.8.0"
    assert "series 5.6" in data[1] and "end of support 2024-03-07" in data[1]


def test_the_header_alone_names_the_product_and_version() -> None:
    system = probed(None, None, KAMAILIO_HEADER)
    assert run("software.supported", system) == {"software:kamailio": Status.FAIL}
    assert run("software.supported", probed(None, None, "Server: kamailio (6.1.2 (x86_64/linux))"
                                            )) == {"software:kamailio": Status.PASS}


def test_unknown_versions_and_products_are_evidence_required() -> None:
    for check_id in ("software.supported", "software.patched"):
        assert run(check_id, probed("kamailio", None)) == {"software:kamailio": Status.UNKNOWN}
        assert run(check_id, probed("acme-pbx", "1.0")) == {"software:acme-pbx": Status.UNKNOWN}
        assert run(check_id, probed(None, None)) == {"software": Status.UNKNOWN}
        # a version disclosure without a number says nothing
        assert run(check_id, probed(None, None, "Server: kamailio (<version> (<arch>/<os>))")
                   ) == {"software": Status.UNKNOWN}
    # newer than the data: not known, never a pass
    assert run("software.supported", probed("kamailio", "7.0.0")) == {
        "software:kamailio": Status.UNKNOWN}
    # a product whose vendor publishes no end-of-support dates
    assert run("software.supported", probed("freeswitch", "1.10.12")) == {
        "software:freeswitch": Status.UNKNOWN}


def test_support_phases_of_asterisk() -> None:
    def judged(version: str, **params: object) -> Status:
        return run("software.supported", probed("asterisk", version), **params)[
            "software:asterisk"]

    assert judged("22.5.2") is Status.PASS
    assert judged("18.26.4") is Status.FAIL  # EOL 2025-10-20
    assert judged("11.25.3") is Status.FAIL
    assert judged("1.8.32") is Status.FAIL  # older than the oldest series in the data
    assert judged("20.15.1") is Status.PASS  # security fixes only since 2026-10-19
    assert judged("20.15.1", allow_security_only=False) is Status.FAIL


def test_patch_level_names_the_missing_fixes() -> None:
    assert run("software.patched", probed("asterisk", "20.4.0")) == {
        "software:asterisk": Status.FAIL}
    assert "CVE-2023-49786 (fixed in 20.5.1)" in messages(
        "software.patched", probed("asterisk", "20.4.0"))[0]
    assert run("software.patched", probed("asterisk", "22.5.0")) == {
        "software:asterisk": Status.PASS}
    assert run("software.patched", probed("freeswitch", "1.10.10")) == {
        "software:freeswitch": Status.FAIL}
    assert run("software.patched", probed("freeswitch", "1.10.12")) == {
        "software:freeswitch": Status.PASS}
    # no vulnerability data, or a version too coarse: not known
    assert run("software.patched", probed("kamailio", "6.1.2")) == {
        "software:kamailio": Status.UNKNOWN}
    assert run("software.patched", probed("asterisk", "20")) == {
        "software:asterisk": Status.UNKNOWN}


def test_freepbx_user_agent_is_freepbx_not_asterisk() -> None:
    system = probed(None, None, "User-Agent: FPBX-16.0.40(20.5.0)")
    assert run("software.supported", system) == {"software:freepbx": Status.UNKNOWN}


def test_one_finding_per_product_and_distinct_versions_each_judged() -> None:
    # the platform fact's coarser 16.2 and the header's 16.2.1 are one version
    system = probed("asterisk", "16.2", "Server: Asterisk PBX 16.2.1")
    assert run("software.supported", system) == {"software:asterisk": Status.FAIL}
    assert "16.2.1" in messages("software.supported", system)[0]
    system = probed("asterisk", "22.5.0", "Server: Asterisk PBX 18.26.4")
    assert run("software.supported", system) == {"software:asterisk@22.5.0": Status.PASS,
                                                 "software:asterisk@18.26.4": Status.FAIL}

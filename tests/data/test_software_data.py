"""The shipped software data: every entry well-formed and sourced; versions compared as the
checks compare them; ``voipscan data show`` prints its date."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from voipscan.cli import cli
from voipscan.data import software_data
from voipscan.data import versions as v
from voipscan.documents import parse_yaml
from voipscan.errors import InputError
from voipscan.models.software import SoftwareData
from voipscan.models.validation import validate

REQUIRED = {"asterisk", "freepbx", "freeswitch", "kamailio", "opensips", "3cx", "fusionpbx"}


def test_every_entry_is_well_formed_and_sourced() -> None:
    data = software_data()
    assert data.updated <= dt.datetime.now(dt.UTC).date()
    assert {p.id for p in data.products} >= REQUIRED
    for product in data.products:
        assert product.lifecycle_source.startswith("https://")
        assert product.match and all(w == w.lower() for w in product.match)
        for series in product.series:
            assert series.source.startswith("https://"), (product.id, series.series)
            assert series.released is not None, (product.id, series.series)
            assert series.end_of_support is None or series.released < series.end_of_support
        for vulnerability in product.vulnerabilities:
            assert vulnerability.source.startswith("https://"), vulnerability.id
            assert vulnerability.summary.endswith(".")
            for fixed in vulnerability.fixed:  # each fix names a full version of a series
                assert len(v.parse(fixed)) > product.series_depth, (vulnerability.id, fixed)
        # no product is named by another's words (a header would match both)
        others = [p for p in data.products if p.id != product.id]
        assert not any(w in o.match for o in others for w in product.match)


def _load(text: str) -> SoftwareData:
    return validate(SoftwareData, parse_yaml(text, "software.yaml"))


GOOD = """
version: 1
updated: 2026-01-01
products:
  - id: pbx
    name: PBX
    vendor: V
    match: [pbx]
    series_depth: 1
    lifecycle: x
    lifecycle_source: https://example.org/lifecycle
    series: [{series: "1", released: 2020-01-01, source: "https://example.org/1"}]
"""


@pytest.mark.parametrize(("old", "new", "message"), [
    ('"https://example.org/1"', '"http://example.org/1"', "https://"),
    ('series: "1"', 'series: "1.0"', "does not have 1 number"),
    ("released: 2020-01-01", "released: 2020-01-01, end_of_support: 2019-01-01",
     "out of order"),
    ("lifecycle: x", "lifecycle: ''", "lifecycle"),
])
def test_malformed_entries_are_refused(old: str, new: str, message: str) -> None:
    assert _load(GOOD).products[0].series[0].series == "1"
    with pytest.raises(InputError, match=message):
        _load(GOOD.replace(old, new))


def test_a_vulnerability_needs_an_id_a_fix_and_a_source() -> None:
    entry = """
    vulnerabilities:
      - {id: NOT-AN-ID, summary: s., fixed: ["1.0.1"], source: "https://example.org/v"}
"""
    with pytest.raises(InputError, match="CVE"):
        _load(GOOD + entry)
    with pytest.raises(InputError):
        _load(GOOD + entry.replace("NOT-AN-ID", "CVE-2024-0001").replace('["1.0.1"]', "[]"))
    assert _load(GOOD + entry.replace("NOT-AN-ID", "CVE-2024-0001")).products[0].vulnerabilities


def test_affected_versions_follow_the_fix_of_their_own_series() -> None:
    asterisk = next(p for p in software_data().products if p.id == "asterisk")
    dtls = next(x for x in asterisk.vulnerabilities if x.id == "CVE-2023-49786")
    assert v.affects(dtls, asterisk, v.parse("20.5.0"))
    assert not v.affects(dtls, asterisk, v.parse("20.5.1"))
    assert v.affects(dtls, asterisk, v.parse("19.8.0"))  # no fix in 19: the fix is later
    assert v.fix_for(dtls, asterisk, v.parse("19.8.0")) == "20.5.1"
    assert not v.affects(dtls, asterisk, v.parse("22.0.0"))  # released after the fix
    assert v.compare((5, 6), (5, 6, 0)) == 0 and v.compare((5, 6, 3), (5, 7)) < 0


def test_data_show_prints_the_date() -> None:
    result = CliRunner().invoke(cli, ["data", "show"])
    assert result.exit_code == 0, result.output
    assert f"updated {software_data().updated.isoformat()}" in result.output
    assert "Kamailio" in result.output and "docs.asterisk.org" in result.output


def test_a_banner_is_identified_against_the_data_it_is_given() -> None:
    data = software_data()
    asterisk = v.identify("Asterisk PBX 20.5.0", data)
    assert asterisk is not None and asterisk.id == "asterisk"
    assert v.identify("asterisk pbx 20.5.0", data) is asterisk  # remembered, case aside
    assert v.identify("Some Gateway 1.0", data) is None
    renamed = data.model_copy(update={"products": tuple(
        p.model_copy(update={"match": ("some gateway",)}) if p.id == "asterisk" else p
        for p in data.products)})
    assert v.identify("Asterisk PBX 20.5.0", renamed) is None  # not the first data's answer
    gateway = v.identify("Some Gateway 1.0", renamed)
    assert gateway is not None and gateway.id == "asterisk"
    assert v.identify("Asterisk PBX 20.5.0", data) is asterisk

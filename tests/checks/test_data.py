"""data.*: where telephony data is kept."""

from __future__ import annotations

from tests.checks.helpers import f, run
from voipscan.checks import Status
from voipscan.facts import Recording, System


def test_data_residency() -> None:
    eu = System("pbx", hosting_countries=f(("NL",)),
                recording=Recording(enabled=f(True), storage_countries=f(("DE",))))
    assert run("data.residency", eu) == {"system": Status.PASS, "recording": Status.PASS}
    us = System("pbx", hosting_countries=f(("US",)), recording=Recording(enabled=f(False)))
    assert run("data.residency", us) == {"system": Status.FAIL}
    assert run("data.residency", us, allowed_countries=["EU", "US"]) == {"system": Status.PASS}
    assert run("data.residency", eu, allowed_countries=["NL"]) == {
        "system": Status.PASS, "recording": Status.FAIL}
    assert run("data.residency", System("pbx")) == {"system": Status.UNKNOWN,
                                                    "recording": Status.UNKNOWN}

"""FreeSWITCH XML trees (pre-processor, includes, dialplan regexes): mutated files give a
result with problems or a clean InputError; a hostile dialplan regex cannot stall the scan."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given

from tests.fuzz.harness import SAMPLES, freeswitch_target
from tests.fuzz.strategies import QUICK, mutated, survives
from voipscan.sources.config.freeswitch.source import FreeswitchSource
from voipscan.sources.config.freeswitch.witness import too_costly, witness

FREESWITCH = freeswitch_target()
ROUTE = "^(10[01][0-9])$"  # a condition of samples/freeswitch/insecure/dialplan/public.xml


@pytest.fixture(scope="module", autouse=True)
def _scratch_files() -> Iterator[None]:
    yield
    FREESWITCH.close()


@QUICK
@given(mutated(FREESWITCH))
def test_mutated_trees_give_a_result_or_a_clean_error(data: bytes) -> None:
    survives(FREESWITCH, data)


@pytest.mark.parametrize("pattern", [
    "^(10[01][0-9])$", r"^(\d{7,})$", r"^(\+|00)?(\d{7,15})$", r"^(\+?1)?(\d{3})(\d{3})(\d{4})$",
    r"^(?!911)(\d{3,})$", r"^\*98$",
])
def test_ordinary_dialplan_patterns_are_evaluated(pattern: str) -> None:
    assert not too_costly(pattern)
    assert witness(pattern) is not None


@pytest.mark.parametrize("pattern", [
    "^(a+)+$", "(x+x+)+y", r"^(1|11|111|1111)+$", r"(\d{1,3}){1,1000}",
    "^(" + "a?" * 30 + "a" * 30 + ")$", r"\d*\d*\d*\d*x", "a{4294967296}", "(" * 2000 + ")" * 2000,
    "x" * 600,
])
def test_patterns_that_could_backtrack_without_bound_are_left_alone(pattern: str) -> None:
    assert too_costly(pattern)
    assert witness(pattern) is None


@pytest.mark.parametrize("pattern", [
    "^(" + "a?" * 30 + "a" * 30 + ")$",  # took 92 s: exponential backtracking
    "a{4294967296}",  # raised OverflowError out of the source
])
def test_a_hostile_dialplan_regex_is_read_quickly_and_cleanly(tmp_path: Path,
                                                              pattern: str) -> None:
    tree = tmp_path / "conf"
    shutil.copytree(SAMPLES / "freeswitch" / "insecure", tree)
    public = tree / "dialplan" / "public.xml"
    public.write_text(public.read_text().replace(ROUTE, pattern))
    result = FreeswitchSource().load(tree)
    assert not result.fatal and result.system.endpoints

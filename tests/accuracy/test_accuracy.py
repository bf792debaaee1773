"""voipscan's verdicts on real configurations against their hand-reviewed tables.

Per corpus tree: the verdicts must be right (read as the expected format, no wrong pass, no
false failure, no broken pass) and every listed weakness must be found. Where a table names
why voipscan is not there yet (``known_wrong``, ``known_gaps``) the test is an expected
failure (not strict): fixing the adapter turns it into a pass, and then the reason goes.
"""

from __future__ import annotations

import functools
import re

import pytest

from bench.accuracy import main as bench_main
from tests.accuracy.judge import CORPUS, Comparison, judge, load_expected, trees
from voipscan.sources.config.load import load_config

TREES = trees()


@functools.cache
def judged(name: str) -> Comparison:
    return judge(CORPUS / name)


def _params(field: str) -> list[object]:
    params: list[object] = []
    for tree in TREES:
        reasons = getattr(load_expected(tree), field)
        marks = [pytest.mark.xfail(reason="; ".join(reasons), strict=False)] if reasons else []
        params.append(pytest.param(tree.name, marks=marks, id=tree.name))
    return params


def test_every_tree_names_its_source_and_has_a_table() -> None:
    assert len(TREES) >= 11
    for tree in CORPUS.iterdir():
        if tree.is_dir():
            source = (tree / "SOURCE.md").read_text(encoding="utf-8")
            assert re.search(r"[0-9a-f]{40}", source), f"{tree.name}: no commit in SOURCE.md"
            assert "icen" in source, f"{tree.name}: no licence in SOURCE.md"
            assert (tree / "expected.yaml").is_file(), tree.name


def test_no_private_key_in_the_corpus() -> None:
    for path in CORPUS.rglob("*"):
        if path.is_file():
            assert b"PRIVATE KEY-----" not in path.read_bytes(), path


@pytest.mark.parametrize("name", _params("known_wrong"))
def test_verdicts(name: str) -> None:
    result = judged(name)
    assert result.detected, f"read as {result.scan.platforms}"
    assert not result.scan.fatal, result.scan.problems
    assert not result.wrong_passes, [r.key for r in result.wrong_passes]
    assert not result.false_failures, [(f.check_id, f.resource, f.message)
                                       for f in result.false_failures]
    assert not result.broken_passes, [(r.key, status) for r, status in result.broken_passes]


@pytest.mark.parametrize("name", _params("known_gaps"))
def test_every_weakness_is_found(name: str) -> None:
    result = judged(name)
    assert not result.missed, [r.key for r in result.missed]


def test_bench_prints_recall_false_failures_and_wrong_passes(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert bench_main(["kamailio-stock", "freeswitch-minimal"]) == 0
    out = capsys.readouterr().out
    line = re.compile(r"^(?P<tree>\S+) \((?P<platform>[a-z, ]+)(; expected \w+)?\): "
                      r"expected \d+, found \d+ \(\d+ %\), false failures \d+, "
                      r"wrong passes \d+, broken passes \d+$", re.MULTILINE)
    assert [m["tree"] for m in line.finditer(out)] == ["kamailio-stock", "freeswitch-minimal"]
    minimal = judged("freeswitch-minimal")
    for row in minimal.wrong_passes:
        assert f"wrong pass    {row.check} {row.resource}" in out
    assert out.rstrip().splitlines()[-1].startswith("total: expected ")


def test_a_tree_read_from_its_etc_layout() -> None:
    root = CORPUS / "miconda-elsipo-kamailio"
    [result] = load_config(root)
    assert result.target.format == "kamailio" and not result.fatal
    assert result.target.name == str(root / "etc" / "kamailio")

"""Compare voipscan's verdicts on a corpus tree with its hand-reviewed table of weaknesses.

Each tree under ``corpus/`` holds the configuration as its project or deployment ships it,
``SOURCE.md`` (where it comes from, which version, which licence) and ``expected.yaml``:

    platform: freeswitch        # what detection must choose
    known_gaps: [...]           # why voipscan misses weaknesses here (empty: it must not)
    known_wrong: [...]          # why it gives wrong verdicts here (empty: it must not)
    weaknesses:                 # what a careful reviewer flags
      - {check: <id>, resource: <as voipscan names it>, file: <path>, line: <n>, why: <...>}
    passes:                     # verdicts that must be "pass"
      - {check: <id>, resource: <...>, why: <...>}
    not_judged:                 # neither pass nor fail: the tree does not tell, or nothing
      - {check: <id>, resource: <...>, why: <...>}   # applies (a placeholder, no listener)

The tree is scanned like ``voipscan scan config <tree>`` (detection and folder search
included) and every registered check runs with its default parameters. A weakness is found
when that check fails on that resource; a failing finding that is in no row is a false
failure; a weakness (or a ``not_judged`` row) reported as passing is a wrong pass.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from voipscan.checks import REGISTRY, Finding, Status
from voipscan.engine import run_check
from voipscan.profiles import CheckRef
from voipscan.sources.config.load import load_config

CORPUS = Path(__file__).resolve().parent / "corpus"
Key = tuple[str, str]


@dataclass(frozen=True)
class Row:
    check: str
    resource: str
    why: str
    file: str | None = None
    line: int | None = None

    @property
    def key(self) -> Key:
        return (self.check, self.resource)

    def where(self) -> str:
        if self.file is None:
            return ""
        return self.file if self.line is None else f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Expected:
    tree: str
    platform: str
    known_gaps: tuple[str, ...]
    known_wrong: tuple[str, ...]
    weaknesses: tuple[Row, ...]
    passes: tuple[Row, ...]
    not_judged: tuple[Row, ...] = ()


@dataclass(frozen=True)
class Scan:
    platforms: tuple[str, ...]  # the formats detection chose, read or not
    findings: tuple[Finding, ...]
    problems: tuple[str, ...]
    fatal: bool


@dataclass(frozen=True)
class Comparison:
    expected: Expected
    scan: Scan
    found: tuple[Row, ...]
    missed: tuple[Row, ...]
    wrong_passes: tuple[Row, ...]
    false_failures: tuple[Finding, ...]
    broken_passes: tuple[tuple[Row, str], ...]  # a row of ``passes`` and what was reported

    @property
    def recall(self) -> float:
        total = len(self.expected.weaknesses)
        return 100.0 if total == 0 else 100.0 * len(self.found) / total

    @property
    def detected(self) -> bool:
        return self.scan.platforms == (self.expected.platform,)

    @property
    def verdicts_right(self) -> bool:
        """Read as the expected format; no wrong pass, false failure or broken pass."""
        return (self.detected and not self.scan.fatal and not self.wrong_passes
                and not self.false_failures and not self.broken_passes)


def trees() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if (p / "expected.yaml").is_file())


def load_expected(tree: Path) -> Expected:
    data = yaml.safe_load((tree / "expected.yaml").read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("platform"), str):
        raise ValueError(f"{tree}/expected.yaml: needs a mapping with 'platform'")
    weaknesses, passes, not_judged = (
        tuple(_row(tree, item) for item in data.get(label) or ())
        for label in ("weaknesses", "passes", "not_judged"))
    keys = [row.key for row in (*weaknesses, *passes, *not_judged)]
    twice = sorted({key for key in keys if keys.count(key) > 1})
    if twice:
        raise ValueError(f"{tree}/expected.yaml: listed twice: {twice}")
    return Expected(tree.name, data["platform"], tuple(data.get("known_gaps") or ()),
                    tuple(data.get("known_wrong") or ()), weaknesses, passes, not_judged)


def _row(tree: Path, item: Any) -> Row:
    if not isinstance(item, dict) or not {"check", "resource", "why"} <= set(item):
        raise ValueError(f"{tree}/expected.yaml: row {item!r} needs check, resource, why")
    if item["check"] not in REGISTRY:
        raise ValueError(f"{tree}/expected.yaml: unknown check {item['check']!r}")
    line = item.get("line")
    if line is not None and not isinstance(line, int):
        raise ValueError(f"{tree}/expected.yaml: line of {item!r} is not a number")
    if item.get("file") is not None and not (tree / item["file"]).is_file():
        raise ValueError(f"{tree}/expected.yaml: no file {item['file']!r} in the tree")
    return Row(item["check"], str(item["resource"]), str(item["why"]), item.get("file"), line)


def scan(tree: Path) -> Scan:
    """The tree as ``voipscan scan config`` reads it, judged by every registered check."""
    now = dt.datetime.now(dt.UTC)
    results = load_config(tree)
    findings: list[Finding] = []
    for result in results:
        if result.fatal:
            continue
        for check_id in sorted(REGISTRY):
            findings.extend(run_check(result, CheckRef(check_id), now))
    return Scan(tuple(sorted({r.target.format for r in results})),
                tuple(findings), tuple(p.render() for r in results for p in r.problems),
                any(r.fatal for r in results))


def compare(expected: Expected, scanned: Scan) -> Comparison:
    statuses: dict[Key, set[Status]] = {}
    for finding in scanned.findings:
        statuses.setdefault((finding.check_id, finding.resource), set()).add(finding.status)
    weak = {row.key for row in expected.weaknesses}
    found = tuple(r for r in expected.weaknesses if Status.FAIL in statuses.get(r.key, set()))
    missed = tuple(r for r in expected.weaknesses if r not in found)
    wrong = tuple(r for r in (*expected.weaknesses, *expected.not_judged)
                  if Status.PASS in statuses.get(r.key, set()))
    false = tuple(f for f in scanned.findings
                  if f.status is Status.FAIL and (f.check_id, f.resource) not in weak)
    broken = tuple((r, "/".join(sorted(s.value for s in statuses.get(r.key, set()))) or "absent")
                   for r in expected.passes if statuses.get(r.key) != {Status.PASS})
    return Comparison(expected, scanned, found, missed, wrong, false, broken)


def judge(tree: Path) -> Comparison:
    return compare(load_expected(tree), scan(tree))

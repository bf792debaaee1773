"""Accuracy of voipscan's verdicts on real configurations (tests/accuracy/corpus).

    python bench/accuracy.py [TREE ...] [--missed]

Scans each corpus tree as ``voipscan scan config`` does (detection included), runs every
registered check, and compares with the tree's hand-reviewed expected.yaml. Prints per tree:
expected weaknesses, found (recall), false failures (failing findings in no row: add them to
the table or fix the check), wrong passes (an expected weakness reported as passing) and
broken passes (a verdict listed as pass that is not). ``--missed`` lists what was not found.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.accuracy.judge import CORPUS, Comparison, Row, judge, trees  # noqa: E402


def report(result: Comparison, missed: bool) -> list[str]:
    expected = result.expected
    detected = ", ".join(result.scan.platforms) or "nothing read"
    lines = [
        f"{expected.tree} ({detected}"
        f"{'' if result.detected else f'; expected {expected.platform}'}): "
        f"expected {len(expected.weaknesses)}, found {len(result.found)} "
        f"({result.recall:.0f} %), false failures {len(result.false_failures)}, "
        f"wrong passes {len(result.wrong_passes)}, broken passes {len(result.broken_passes)}"
    ]
    if result.scan.fatal:
        lines += [f"    not read: {problem}" for problem in result.scan.problems]
    lines += [f"    wrong pass    {r.check} {r.resource}  ({_reason(r)})"
              for r in result.wrong_passes]
    lines += [f"    false failure {f.check_id} {f.resource}: {f.message}"
              for f in result.false_failures]
    if not result.scan.fatal:  # a tree not read breaks every pass; its problem says why
        lines += [f"    broken pass   {r.check} {r.resource}: reported {status}"
                  for r, status in result.broken_passes]
    if missed:
        lines += [f"    missed        {r.check} {r.resource}  ({_reason(r)})"
                  for r in result.missed]
    return lines


def _reason(row: Row) -> str:
    where = row.where()
    return f"{where}: {row.why}" if where else row.why


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trees", nargs="*", help="corpus tree names (default: all)")
    parser.add_argument("--missed", action="store_true", help="list the weaknesses not found")
    args = parser.parse_args(argv)
    chosen = [CORPUS / name for name in args.trees] if args.trees else trees()
    totals = [0, 0, 0, 0]
    for tree in chosen:
        result = judge(tree)
        print("\n".join(report(result, args.missed)))
        totals[0] += len(result.expected.weaknesses)
        totals[1] += len(result.found)
        totals[2] += len(result.false_failures)
        totals[3] += len(result.wrong_passes)
    expected, found, false, wrong = totals
    recall = 100.0 * found / expected if expected else 100.0
    print(f"total: expected {expected}, found {found} ({recall:.0f} %), "
          f"false failures {false}, wrong passes {wrong}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

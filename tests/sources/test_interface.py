"""The Source interface's helpers."""

from __future__ import annotations

from voipscan.facts import System
from voipscan.sources.interface import SourceResult, in_input_order
from voipscan.target import Target, TargetKind


def _result(name: str, position: int | None) -> SourceResult:
    return SourceResult(Target.path(name, TargetKind.HOST, "test"), System(name),
                        position=position)


def test_results_yielded_as_done_are_put_back_in_input_order() -> None:
    done_order = [_result("c", 2), _result("a", 0), _result("b", 1)]
    assert [r.target.name for r in in_input_order(done_order)] == ["a", "b", "c"]


def test_results_without_positions_keep_the_order_they_came_in() -> None:
    came = [_result("b", None), _result("a", None)]
    assert in_input_order(came) == came

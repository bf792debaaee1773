"""The one deadline of a TLS audit: what is left of it, and network timeouts cut to it."""

from __future__ import annotations

from voipscan.sources.host.deadline import Deadline


def test_timeouts_are_cut_to_what_is_left() -> None:
    deadline = Deadline.after(2.5)
    assert not deadline.passed
    assert 2.0 < deadline.cap(10.0) <= 2.5
    assert deadline.cap(1.0) == 1.0
    assert deadline.whole_seconds(10.0) == 3  # rounded up for sslyze's whole seconds


def test_a_passed_deadline_leaves_nothing_but_one_whole_second() -> None:
    gone = Deadline.after(-1.0)
    assert gone.passed
    assert gone.remaining() == 0.0 and gone.cap(5.0) == 0.0
    assert gone.whole_seconds(5.0) == 1

"""Progress is drawn on a terminal only, for a known total (hosts) or a running count
(packets of a capture), and leaves no line behind."""

from __future__ import annotations

import io

from voipscan.cli.progress import TerminalProgress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_nothing_is_drawn_off_a_terminal() -> None:
    stream = io.StringIO()
    progress = TerminalProgress(stream)
    progress.begin(10, "hosts")
    progress.advance(5)
    progress.end()
    assert stream.getvalue() == ""


def test_a_count_and_a_bar_on_a_terminal() -> None:
    for total, unit in ((None, "packets"), (4, "hosts")):
        stream = Terminal()
        progress = TerminalProgress(stream)
        progress.begin(total, unit)
        for _ in range(4):
            progress.advance(4096 if total is None else 1)
        progress.end()
        assert unit in stream.getvalue()

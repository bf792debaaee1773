"""Ctrl-C (SIGINT) and SIGTERM during a scan: stop the work, keep what was gathered, write
every report whole, then exit 128 + the signal number (130 or 143).

The first signal raises KeyboardInterrupt where the scan is (``install``), or sets the
scan's stop event (the asyncio host scan calls ``note``). Later signals are only noted:
they cannot cut the reports short. ``deferred`` marks the finishing part (evaluation,
rendering, atomic writes) where even a first signal is only noted.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # asyncio is imported by the scans that use it, not by 'voipscan --help'
    import asyncio

SIGNALS = (signal.SIGINT, signal.SIGTERM)

_received: int | None = None
_raising = True


def note(signum: int) -> None:
    """Remember the first signal; from now on signals no longer raise."""
    global _received, _raising
    if _received is None:
        _received = signum
    _raising = False


def received() -> int | None:
    return _received


def exit_code() -> int:
    """128 + the signal number (130 for SIGINT, 143 for SIGTERM); SIGINT if none noted."""
    return 128 + (_received or signal.SIGINT)


def reset() -> None:
    """Forget any signal (for tests running several commands in one process)."""
    global _received, _raising
    _received, _raising = None, True


def _handler(signum: int, frame: FrameType | None) -> None:
    raising = _raising
    note(signum)
    if raising:
        raise KeyboardInterrupt


def install() -> None:
    """Route SIGINT and SIGTERM through ``_handler`` (main thread only, else a no-op)."""
    if threading.current_thread() is not threading.main_thread():
        return
    for signum in SIGNALS:
        signal.signal(signum, _handler)


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Within this block a signal is only noted: the reports get written whole."""
    global _raising
    before = _raising
    _raising = False
    try:
        yield
    finally:
        _raising = before and _received is None


def _stop(signum: int, stop: asyncio.Event) -> None:
    note(signum)
    stop.set()


@contextlib.contextmanager
def stopping(stop: asyncio.Event, enabled: bool = True) -> Iterator[None]:
    """Within a running event loop (main thread): SIGINT and SIGTERM are noted and set
    ``stop``; afterwards the handlers from before are back (asyncio would reset them to
    the defaults, and a SIGTERM while the reports are written would then kill us)."""
    import asyncio

    loop = asyncio.get_running_loop()
    installed: list[tuple[signal.Signals, Any]] = []
    if enabled and threading.current_thread() is threading.main_thread():
        for signum in SIGNALS:
            previous = signal.getsignal(signum)
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, _stop, signum, stop)
                installed.append((signum, previous))
    try:
        yield
    finally:
        for signum, previous in installed:
            loop.remove_signal_handler(signum)
            if previous is not None:
                signal.signal(signum, previous)

"""Ctrl-C (SIGINT) and SIGTERM: the one place where signals meet a scan.

The command line installs the handlers once and binds the running scan's ``Cancellation``.
A signal then cancels the scan: sources stop at their next unit of work (an asyncio scan is
woken through the cancellation's callbacks), and blocking work that declared itself
interruptible gets a ``KeyboardInterrupt``. Judging and writing the reports run shielded, so
a signal there is only noted: every report is written whole, and the command exits 128 + the
signal number (130 or 143). With no scan bound yet (start-up), a signal raises
``KeyboardInterrupt`` as Python's default would. Once the exit code is decided the command
``settle``s: later signals are ignored, so the interpreter's exit can neither lose one (ending
with the scan's code or killed by it) nor print a traceback.
"""

from __future__ import annotations

import signal
import threading
from types import FrameType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from voipscan.sources.interface import Cancellation

SIGNALS = (signal.SIGINT, signal.SIGTERM)

_received: int | None = None
_bound: Cancellation | None = None


def note(signum: int) -> None:
    """Remember the first signal (it decides the exit code)."""
    global _received
    if _received is None:
        _received = signum


def received() -> int | None:
    return _received


def exit_code() -> int:
    """128 + the signal number (130 for SIGINT, 143 for SIGTERM); SIGINT if none noted."""
    return 128 + (_received or signal.SIGINT)


def bind(cancellation: Cancellation | None) -> None:
    """Route signals to this scan's cancellation (None: back to raising)."""
    global _bound
    _bound = cancellation


def reset() -> None:
    """Forget any signal and binding (for tests running several commands in one process)."""
    global _received, _bound
    _received, _bound = None, None


def _handler(signum: int, frame: FrameType | None) -> None:
    first = _received is None
    note(signum)
    cancellation = _bound
    if cancellation is None:
        if first:
            raise KeyboardInterrupt
        return
    cancellation.cancel()
    if first and cancellation.may_raise:
        raise KeyboardInterrupt


def settle() -> None:
    """The exit code is decided: ignore SIGINT and SIGTERM from now on (only where
    ``install`` routed them, so a host process's own handlers are left alone)."""
    if threading.current_thread() is not threading.main_thread():
        return
    for signum in SIGNALS:
        if signal.getsignal(signum) is _handler:
            signal.signal(signum, signal.SIG_IGN)


def install() -> None:
    """Route SIGINT and SIGTERM through ``_handler`` (main thread only, else a no-op)."""
    if threading.current_thread() is not threading.main_thread():
        return
    for signum in SIGNALS:
        signal.signal(signum, _handler)

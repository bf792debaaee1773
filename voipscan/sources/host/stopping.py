"""Wake an asyncio scan when its cancellation is requested (from a signal or another thread)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator

from voipscan.sources.interface import Cancellation


@contextlib.contextmanager
def stop_on_cancel(cancellation: Cancellation | None) -> Iterator[asyncio.Event]:
    """An event of the running loop, set once ``cancellation`` is cancelled."""
    stop = asyncio.Event()
    if cancellation is None:
        yield stop
        return
    loop = asyncio.get_running_loop()

    def wake() -> None:
        with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
            loop.call_soon_threadsafe(stop.set)

    unregister = cancellation.on_cancel(wake)
    try:
        yield stop
    finally:
        unregister()

"""The probing engine in a thread of its own: reports that nothing later changes are handed
over as soon as their host is done, so that they can be turned into facts and judged while
the engine still waits for slow or silent hosts."""

from __future__ import annotations

import collections
import queue
import threading
from collections.abc import Callable, Generator, Iterable

from voipscan.sources.host.scanner import (
    HostReport,
    ProbeProgress,
    ScanOutcome,
    ScanSettings,
    run_scan,
)
from voipscan.sources.host.targets import HostTarget
from voipscan.sources.interface import Cancellation

QUIET = 0.05
"""Reports are handed over once every first probe is out and no report has come for this
long, and from then on as they come: while probes go out and hosts answer, the engine needs
the interpreter (a consumer busy judging slows its sends and reads, since both threads share
one GIL); while it waits for silent hosts, retransmits and gives them up, it hardly does.
Also how often the consumer looks for reports (and for signals) while the engine works."""


def _take(finished: queue.SimpleQueue[HostReport], held: collections.deque[HostReport]
          ) -> int:
    """Move what has arrived to ``held``; how many."""
    count = 0
    while True:
        try:
            held.append(finished.get_nowait())
        except queue.Empty:
            return count
        count += 1


def stream_scan(targets: Iterable[HostTarget], settings: ScanSettings, *,
                progress: ProbeProgress | None, cancellation: Cancellation,
                on_idle: Callable[[], None] | None = None
                ) -> Generator[HostReport, None, ScanOutcome]:
    """Yield final reports as hosts finish; return the outcome with the rest (reports the
    TLS audit completed, hosts interrupted). Closing the generator early stops the scan.
    ``on_idle`` is called once, the first time every first probe is out and the engine is
    quiet, before anything is handed over."""
    own = Cancellation()
    unlink = cancellation.on_cancel(own.cancel)
    finished: queue.SimpleQueue[HostReport] = queue.SimpleQueue()
    sent, over = threading.Event(), threading.Event()
    ended: list[ScanOutcome | BaseException] = []

    def work() -> None:
        try:
            ended.append(run_scan(targets, settings, progress=progress, cancellation=own,
                                  on_final=finished.put, on_sent=sent.set))
        except BaseException as error:  # raised again in the consuming thread
            ended.append(error)
        finally:
            over.set()

    thread = threading.Thread(target=work, name="voipscan-probes", daemon=True)
    thread.start()
    held: collections.deque[HostReport] = collections.deque()
    waited = False  # every first probe is out, and the engine was quiet once since
    try:
        while True:
            # Waking on each report would take the GIL from the engine each time: look
            # once per quiet period instead.
            done = over.wait(QUIET)
            arrived = _take(finished, held)
            if done:
                break
            if not waited:
                if arrived or not sent.is_set():  # hosts still answer, or probes go out
                    continue
                if on_idle is not None:
                    on_idle()
                    on_idle = None
                    continue  # replies may have come meanwhile: the engine goes first
                waited = True
            # From here the engine only waits out hosts, retransmits and gives up on silent
            # ones: hand over what it finished (the interpreter's switch interval gives the
            # engine its turns, and a reply is read before a host is given up).
            while held:
                yield held.popleft()
        while held:
            yield held.popleft()
    finally:
        if thread.is_alive():
            own.cancel()
        thread.join()
        unlink()
    outcome = ended[0]
    if isinstance(outcome, BaseException):
        raise outcome
    return outcome

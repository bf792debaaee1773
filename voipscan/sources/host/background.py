"""The probing engine in a thread of its own: reports that nothing later changes are handed
over as soon as their host is done, so that they can be turned into facts and judged while
the engine still waits for slow or silent hosts."""

from __future__ import annotations

import collections
import queue
import threading
from collections.abc import Generator, Iterable

from voipscan.sources.host.scanner import (
    HostReport,
    ProbeProgress,
    ScanOutcome,
    ScanSettings,
    run_scan,
)
from voipscan.sources.host.targets import HostTarget
from voipscan.sources.interface import Cancellation

_POLL = 0.2  # seconds between checks for a signal while waiting for the next report
QUIET = 0.05
"""Reports are handed over once none has come for this long: while hosts answer, the engine
needs the interpreter (a consumer busy judging slows its sends and reads, since both threads
share one GIL); while it waits for silent hosts, it does not."""


def stream_scan(targets: Iterable[HostTarget], settings: ScanSettings, *,
                progress: ProbeProgress | None, cancellation: Cancellation
                ) -> Generator[HostReport, None, ScanOutcome]:
    """Yield final reports as hosts finish; return the outcome with the rest (reports the
    TLS audit completed, hosts interrupted). Closing the generator early stops the scan."""
    own = Cancellation()
    unlink = cancellation.on_cancel(own.cancel)
    finished: queue.SimpleQueue[HostReport | None] = queue.SimpleQueue()
    ended: list[ScanOutcome | BaseException] = []

    def work() -> None:
        try:
            ended.append(run_scan(targets, settings, progress=progress, cancellation=own,
                                  on_final=finished.put))
        except BaseException as error:  # raised again in the consuming thread
            ended.append(error)
        finally:
            finished.put(None)

    thread = threading.Thread(target=work, name="voipscan-probes", daemon=True)
    thread.start()
    held: collections.deque[HostReport] = collections.deque()
    try:
        while True:
            try:
                report = finished.get(timeout=QUIET if held else _POLL)
            except queue.Empty:
                if held:  # the engine is quiet: hand over until it speaks again
                    yield held.popleft()
                    while held and finished.empty():
                        yield held.popleft()
                continue
            if report is None:
                break
            held.append(report)
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

"""Report files written side by side, one process per core.

Rendering is pure Python and holds the interpreter, so two reports of a large scan (a JSON
for the pipeline, SARIF or HTML for people) take the sum of their times in one process. On
Linux, while the process runs no other thread, the reports after the first are written by
forked copies of it: they read the result where it already is (copy-on-write memory) and
send back nothing but an error, if one stops them. Elsewhere, on one core, or beside a
running thread (a fork copies no thread and might copy a lock another one held), they are
written one after another, as before.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

Job = Callable[[], None]
"""Writes one report file whole, or raises."""

FORK_PAYS = 0.1
"""Seconds of writing, beyond the longest report, from which forking pays: importing
``multiprocessing``, forking and collecting a child cost about 0.05 s (measured: a small
scan's four reports took 0.05 s longer side by side)."""


def write_all(jobs: Sequence[Job], seconds: Sequence[float]) -> None:
    """Run every job; every one runs even when another fails. Then raise the error of the
    first job (in the order given) that failed. ``seconds``: what each job is expected to
    take, one figure per job."""
    if len(seconds) != len(jobs):
        raise ValueError(f"{len(jobs)} jobs but {len(seconds)} expected times")
    expected = list(seconds)
    worth = sum(sorted(expected)[:-1]) >= FORK_PAYS
    workers = min(len(jobs), _cores()) if worth and _may_fork() else 1
    groups = _shared_out(list(enumerate(jobs)), expected, workers)
    children = _started(groups[1:]) if workers > 1 else []
    here = groups[0] + [job for group, child in zip(groups[1:], children, strict=True)
                        if child is None for job in group]
    failed: dict[int, BaseException] = {}
    try:
        failed.update(_write(here))
    finally:
        for started in children:
            if started is not None:
                failed.update(_outcome(*started))
    if failed:
        raise failed[min(failed)]


def _shared_out(jobs: list[tuple[int, Job]], expected: list[float], workers: int
                ) -> list[list[tuple[int, Job]]]:
    """Jobs given to ``workers`` (the first: this process), the longest first, each to the
    least loaded, so that one long report (HTML) is not written after another."""
    groups: list[list[tuple[int, Job]]] = [[] for _ in range(workers)]
    loads = [0.0] * workers
    for index, job in sorted(jobs, key=lambda item: -expected[item[0]]):
        least = loads.index(min(loads))
        groups[least].append((index, job))
        loads[least] += expected[index]
    # a job expected to take nothing leaves its group's load at nothing: the next one may
    # join it, and a group stay empty
    return [sorted(group, key=lambda item: item[0])
            for number, group in enumerate(groups) if group or number == 0]


def _started(groups: list[list[tuple[int, Job]]]
             ) -> list[tuple[Any, Connection, int] | None]:
    """A forked writer per group (None where no process could be had: written here)."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    for stream in (sys.stdout, sys.stderr):  # a child exits flushing what it inherited
        with contextlib.suppress(OSError, ValueError):  # a closed pipe, a closed stream
            stream.flush()
    started: list[tuple[Any, Connection, int] | None] = []
    for group in groups:
        receiving, sending = context.Pipe(duplex=False)
        child = context.Process(target=_write_and_tell, args=(group, sending),
                                name="voipscan-reports")
        try:
            child.start()
        except OSError:  # no process to be had (memory, process limit)
            receiving.close()
            started.append(None)
            continue
        finally:
            sending.close()
        started.append((child, receiving, group[0][0]))
    return started


def _may_fork() -> bool:
    return sys.platform == "linux" and threading.active_count() == 1


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1


def _write(group: Sequence[tuple[int, Job]]) -> dict[int, BaseException]:
    failed: dict[int, BaseException] = {}
    for index, job in group:
        try:
            job()
        except Exception as error:
            failed[index] = error
    return failed


def _write_and_tell(group: Sequence[tuple[int, Job]], sending: Connection) -> None:
    """In the child: write, then send each failure as its parts (an exception object may not
    survive pickling)."""
    try:
        failed = [(index, _parts(error)) for index, error in _write(group).items()]
    except BaseException as error:  # an interruption: the child is done, and says so
        failed = [(group[0][0], _parts(error))]
    with contextlib.suppress(OSError):  # the command is gone: nobody to tell
        sending.send(failed)
    sending.close()


def _parts(error: BaseException) -> tuple[Any, ...]:
    from voipscan.errors import VoipscanError

    if isinstance(error, VoipscanError):
        return ("voipscan", str(error))
    if isinstance(error, OSError):
        return ("os", error.errno, error.strerror, error.filename)
    if isinstance(error, KeyboardInterrupt):
        return ("voipscan", "interrupted while writing a report")
    return ("bug", type(error).__name__, str(error))


def _outcome(child: Any, receiving: Connection, first: int) -> dict[int, BaseException]:
    """What a child reported; a child that ended without reporting failed its reports (the
    first of which is ``first``)."""
    from voipscan.errors import InputError, VoipscanError

    try:
        reported: list[tuple[int, tuple[Any, ...]]] = receiving.recv()
    except EOFError:
        child.join()
        return {first: InputError(f"a report writer ended before finishing (exit code "
                               f"{child.exitcode}); its reports may be missing")}
    finally:
        receiving.close()
    child.join()
    failed: dict[int, BaseException] = {}
    for index, parts in reported:
        kind, *rest = parts
        if kind == "voipscan":
            failed[index] = VoipscanError(rest[0])
        elif kind == "os":
            failed[index] = OSError(rest[0], rest[1], rest[2])
        else:
            failed[index] = RuntimeError(f"{rest[0]}: {rest[1]}")
    return failed

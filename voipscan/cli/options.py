"""What every scan command shares: profile, output and threshold options, and the finish."""

from __future__ import annotations

import contextlib
import gc
import os
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

import click

from voipscan.checks import Severity
from voipscan.errors import InputError, Problem
from voipscan.reports import FORMATS, Detail, RenderOptions, format_of, prepare, write

if TYPE_CHECKING:
    from voipscan.drift import Baseline
    from voipscan.reports.syslog import SyslogTarget
    from voipscan.result import ScanResult
    from voipscan.sources.interface import ProgressHook, Source
    from voipscan.suppressions import SuppressionSet

F = TypeVar("F", bound=Callable[..., Any])

EXIT_PASSED, EXIT_FAILED, EXIT_INPUT_ERROR = 0, 1, 2


@dataclass(frozen=True)
class OutputOptions:
    profiles: tuple[str, ...]
    formats: tuple[str, ...]
    outputs: tuple[str, ...]
    fail_under: float | None
    fail_on: Severity | None
    min_coverage: float | None
    color: bool | None
    suppressions: SuppressionSet | None = None
    baseline: Baseline | None = None
    fail_on_new: bool = False
    include_passed: bool = False
    syslog: SyslogTarget | None = None
    detail: Detail = Detail.NORMAL
    store: str | None = None
    """--store: the history store's URL; the scan is recorded there (voipscan.cli.history)."""


def scan_options(fn: F) -> F:
    """Options common to 'scan config', 'scan host' and 'scan pcap'."""
    decorators = [
        click.option("-p", "--profile", "profiles", multiple=True, metavar="NAME|FILE",
                     help="Profile to score against (repeatable). Default: baseline."),
        click.option("-f", "--format", "formats", multiple=True,
                     type=click.Choice(sorted(FORMATS)),
                     help="Output format (repeatable; the n-th -f goes to the n-th -o). "
                     "Default: from the -o file's suffix, else text."),
        click.option("-o", "--output", "outputs", multiple=True, metavar="FILE",
                     help="Write a report to FILE ('-' is standard output); the suffix names "
                     "the format: .html .json .sarif .jsonl/.ocsf .cef .leef .txt."),
        click.option("--summary", "detail", flag_value=Detail.SUMMARY.value,
                     help="Text: only the summary table and the verdict."),
        click.option("-v", "--verbose", "detail", flag_value=Detail.FULL.value,
                     help="Text: every control, every finding with evidence and fix, and "
                     "what evidence is missing."),
        click.option("--fail-under", type=click.FloatRange(0, 100), metavar="SCORE",
                     help="Exit 1 when a score is below SCORE."),
        click.option("--min-coverage", type=click.FloatRange(0, 100), metavar="PERCENT",
                     help="Exit 1 when less than PERCENT of a profile's weight could be "
                     "assessed (coverage)."),
        click.option("--fail-on", type=click.Choice([s.value for s in Severity]),
                     help="Exit 1 when a finding of this severity or worse fails."),
        click.option("--color/--no-color", default=None,
                     help="Colour the text report (default: only on a terminal)."),
        click.option("--suppressions", type=click.Path(path_type=Path), metavar="FILE",
                     help="YAML file of accepted risks: matching findings are reported as "
                     "suppressed and leave the score and the verdict."),
        click.option("--baseline", type=click.Path(path_type=Path), metavar="FILE",
                     help="A previous JSON report: report new, resolved and unchanged findings "
                     "('last': each target's last scan in the --store history)."),
        click.option("--store", "store_url", is_flag=False, flag_value="", default=None,
                     metavar="[URL]", help="Record the scan in the history store (no URL: "
                     "the default SQLite store; postgresql://USER@HOST/DB to share it)."),
        click.option("--fail-on-new", is_flag=True, default=False,
                     help="Exit 1 only on failing findings new since --baseline."),
        click.option("--include-passed", is_flag=True, default=False,
                     help="CEF/LEEF/syslog: also emit passing findings (default: only failed "
                     "and evidence-required ones)."),
        click.option("--syslog", "syslog_url", metavar="URL",
                     help="Also send CEF (or LEEF, with -f leef) events to a syslog collector: "
                     "udp://HOST:PORT, tcp://HOST:PORT or tls://HOST:PORT (RFC 5424)."),
        click.option("--syslog-ca", type=click.Path(path_type=Path), metavar="FILE",
                     help="CA certificates (PEM) that verify a tls:// syslog collector "
                     "(default: the system's)."),
    ]
    for decorator in reversed(decorators):
        fn = decorator(fn)
    return fn


def output_options(**kwargs: Any) -> OutputOptions:
    """Read the shared options; suppressions, baseline and syslog URL are checked here, early."""
    fail_on = kwargs.pop("fail_on")
    suppressions_file = kwargs.pop("suppressions", None)
    baseline_file = kwargs.pop("baseline", None)
    store = _store(kwargs.pop("store_url", None))
    fail_on_new = bool(kwargs.pop("fail_on_new", False))
    syslog_url = kwargs.pop("syslog_url", None)
    syslog_ca = kwargs.pop("syslog_ca", None)
    if fail_on_new and baseline_file is None:
        raise click.UsageError("--fail-on-new needs --baseline FILE")
    if syslog_ca is not None and syslog_url is None:
        raise click.UsageError("--syslog-ca needs --syslog tls://HOST:PORT")
    options = OutputOptions(
        profiles=tuple(dict.fromkeys(kwargs.pop("profiles"))) or ("baseline",),
        formats=tuple(kwargs.pop("formats")),
        outputs=tuple(kwargs.pop("outputs")),
        fail_under=kwargs.pop("fail_under"),
        min_coverage=kwargs.pop("min_coverage"),
        fail_on=Severity(fail_on) if fail_on else None,
        color=kwargs.pop("color"),
        suppressions=_suppressions(suppressions_file),
        baseline=_baseline(baseline_file, store),
        fail_on_new=fail_on_new,
        include_passed=bool(kwargs.pop("include_passed", False)),
        syslog=_syslog(syslog_url, syslog_ca),
        detail=Detail(kwargs.pop("detail", None) or Detail.NORMAL.value),
        store=store,
    )
    for _, path in destinations(options):
        if path != "-":
            writable(path)
    return options


def _suppressions(path: Path | None) -> SuppressionSet | None:
    if path is None:
        return None
    from voipscan import suppressions

    return suppressions.load(path)


def _store(url: str | None) -> str | None:
    from voipscan.cli.history import store_option

    return store_option(url)


def _baseline(path: Path | None, store: str | None = None) -> Baseline | None:
    if path is None:
        return None
    if str(path) == "last":
        from voipscan.cli.history import last_baseline

        return last_baseline(store)
    from voipscan.drift import load_baseline

    return load_baseline(path)


def _syslog(url: str | None, ca: Path | None) -> SyslogTarget | None:
    if url is None:
        return None
    from voipscan.reports.syslog import SyslogTarget

    try:
        return SyslogTarget.parse(url, ca)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--syslog") from None


def destinations(options: OutputOptions) -> list[tuple[str, str]]:
    """Pair formats with outputs: the n-th -f with the n-th -o.

    Without any -f, each -o FILE takes its format from its suffix; with -f, a suffix that
    names another format is a contradiction and an error (before anything is scanned).
    """
    outputs = list(options.outputs)
    if not options.formats:
        formats = [_format_from_name(o) for o in outputs] or ["text"]
    else:
        formats = list(options.formats)
    if len(outputs) > len(formats):
        raise click.UsageError("more -o/--output than -f/--format")
    outputs += ["-"] * (len(formats) - len(outputs))
    if sum(1 for o in outputs if o == "-") > 1:
        raise click.UsageError("only one format can go to standard output; give -o FILE")
    for fmt, path in zip(formats, outputs, strict=True):
        named = format_of(path) if path != "-" else None
        if named is not None and named != fmt:
            raise click.UsageError(f"-f {fmt} would write {fmt} into '{path}', whose suffix "
                                   f"says {named}; change one of them")
    return list(zip(formats, outputs, strict=True))


def _format_from_name(path: str) -> str:
    if path == "-":
        return "text"
    name = format_of(path)
    if name is None:
        raise click.UsageError(f"cannot tell the format of '{path}' from its name; give -f "
                               f"({', '.join(sorted(FORMATS))})")
    return name


def writable(path: str) -> None:
    """Fail before scanning when a report could not be written to ``path``."""
    target = Path(path)
    if target.is_dir():
        raise InputError("cannot write report: is a directory", path)
    if target.exists() and not target.is_file():
        if not os.access(target, os.W_OK):
            raise InputError("cannot write report: permission denied", path)
        return  # a device or FIFO: written to as it is
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise InputError(f"cannot write report: no directory {directory}", path)
    try:
        fd, probe = tempfile.mkstemp(prefix=f".{target.name}.", dir=directory)
    except OSError as error:
        raise InputError(f"cannot write report: {error.strerror}", path) from None
    os.close(fd)
    os.unlink(probe)
    if target.exists() and not os.access(target, os.W_OK):
        raise InputError("cannot write report: permission denied", path)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomically(path: str, content: str | Callable[[TextIO], None]) -> None:
    """Write to a temporary file beside the target and rename: never a half-written report.

    ``content`` is the text, or a function that writes it to the open file."""
    target = Path(path)
    if target.exists() and not target.is_file() and not target.is_dir():
        # /dev/null, /dev/stdout, a FIFO: write to it; renaming over it would replace it
        with target.open("w", encoding="utf-8") as stream:
            if isinstance(content, str):
                stream.write(content)
            else:
                content(stream)
        return
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=directory)
    except OSError as error:
        raise InputError(f"cannot write report: {error.strerror}", path) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            if isinstance(content, str):
                handle.write(content)
            else:
                content(handle)
        os.chmod(tmp, 0o666 & ~_umask())  # as a plain open() would create it, not 0600
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def run(sources: Sequence[Source], options: OutputOptions,
        progress: ProgressHook | None = None) -> int:
    """Scan through the API, then render every requested format, deliver to syslog and turn
    the verdict into an exit code. SIGINT/SIGTERM cancel the scan (voipscan.interrupts);
    the reports are still written whole and the exit code is then 130/143."""
    from voipscan import api, interrupts
    from voipscan.engine import Thresholds

    cancellation = api.Cancellation()
    interrupts.bind(cancellation)
    try:
        with young_collections_only():
            result = api.scan(
                sources, options.profiles,
                thresholds=Thresholds(options.fail_under, options.fail_on,
                                      options.fail_on_new, options.min_coverage),
                suppressions=options.suppressions, baseline=options.baseline,
                progress=progress, cancellation=cancellation,
                prepare=partial(_prepare_reports, options))
            with cancellation.shielded():
                code = finish(result, options)
                if options.store is not None:
                    from voipscan.cli.history import record

                    record(result, options.store)
                interrupts.settle()
    finally:
        interrupts.bind(None)
    return interrupts.exit_code() if interrupts.received() else code


@contextlib.contextmanager
def young_collections_only() -> Iterator[None]:
    """No full garbage collections while a command scans and reports. A scan keeps what it
    builds (facts, findings, report tables) to its end: each full collection walks all of it
    again to free almost nothing (a third of the time of a 2,000-tree fleet or of judging
    10,000 hosts). Young objects are still collected, and the process ends with the scan."""
    young, middle, full = gc.get_threshold()
    gc.set_threshold(young, middle, _NEVER)
    try:
        yield
    finally:
        gc.set_threshold(young, middle, full)


_NEVER = 1_000_000_000


def _prepare_reports(options: OutputOptions) -> None:
    """What ``finish`` imports, imported while a scan waits for replies."""
    import voipscan.reports.verdict  # noqa: F401

    prepare(fmt for fmt, _ in destinations(options))


PROBLEM_LINES = 20
"""Target problems printed on stderr when every report holds them all (a sweep's silent hosts
would otherwise flood the terminal)."""


def _print_problems(problems: list[Problem], every: bool) -> None:
    """Each problem on one line; past PROBLEM_LINES, a count unless the terminal report is the
    only place they would appear (``every``)."""
    shown = problems if every else problems[:PROBLEM_LINES]
    for problem in shown:
        click.echo(f"voipscan: {problem.level.value}: {problem.render()}", err=True)
    rest = problems[len(shown):]
    if rest:
        levels = Counter(p.level.value for p in rest)
        counted = ", ".join(_count(n, level) for level, n in levels.most_common())
        click.echo(f"voipscan: {_count(len(rest), 'more problem')} ({counted}) are in the "
                   "report", err=True)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def finish(result: Any, options: OutputOptions) -> int:
    """Write every report, print problems once, deliver to syslog; the exit code."""
    from voipscan.cli.side_by_side import write_all
    from voipscan.reports.verdict import headline
    from voipscan.result import ScanResult

    assert isinstance(result, ScanResult)
    pairs = destinations(options)
    on_terminal = any(dest == "-" and fmt == "text" for fmt, dest in pairs)
    history = {}
    if options.store is not None and any(fmt == "html" for fmt, _ in pairs):
        from voipscan.cli.history import history_points

        history = history_points(options.store, [t.target.name for t in result.targets])
    files, seconds = [], []
    findings = sum(len(t.findings) for t in result.targets)
    for fmt, dest in pairs:
        render_options = RenderOptions(
            color=fmt == "text" and _color(options.color, dest),
            include_passed=options.include_passed, detail=options.detail,
            width=_width(dest), history=history,
            problems=dest != "-")  # on the terminal they are printed once, on stderr, below
        if dest == "-":
            write(fmt, result, render_options, sys.stdout)
            sys.stdout.flush()
        else:
            files.append(partial(write_atomically, dest,
                                 partial(write, fmt, result, render_options)))
            seconds.append(findings * _SECONDS_PER_FINDING.get(fmt, _SECONDS_PER_FINDING[""]))
    prepare(fmt for fmt, dest in pairs if dest != "-")  # once, not in each writer
    write_all(files, seconds)
    _print_problems([p for t in result.targets for p in t.problems], every=on_terminal)
    for warning in result.warnings:
        click.echo(f"voipscan: {warning.level.value}: {warning.render()}", err=True)
    if options.syslog is not None:
        _deliver(result, options, options.syslog)
    if not on_terminal and not result.input_errors:  # an input error is its one line
        for fmt, dest in pairs:
            if dest != "-":
                click.echo(f"voipscan: wrote {fmt} report {dest}", err=True)
        click.echo(f"voipscan: {headline(result)}", err=True)
    if result.input_errors:
        return EXIT_INPUT_ERROR
    return EXIT_PASSED if result.verdict.passed else EXIT_FAILED


_SECONDS_PER_FINDING = {"html": 20e-6, "": 3e-6}
"""What writing a report takes per finding (measured on 10,000 to 40,000 findings: HTML
20 us, JSON 2.9 us, text 2.4 us): decides whether reports are written side by side."""


def _color(asked: bool | None, dest: str) -> bool:
    if asked is not None:
        return asked
    return (dest == "-" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
            and os.environ.get("TERM") != "dumb")


def _width(dest: str) -> int:
    if dest == "-" and sys.stdout.isatty():
        return shutil.get_terminal_size((100, 24)).columns
    return 100


def _deliver(result: ScanResult, options: OutputOptions, target: SyslogTarget) -> None:
    """Send CEF events, or LEEF when LEEF (and not CEF) was asked for with -f."""
    from voipscan.reports import siem
    from voipscan.reports.syslog import send

    line_format = "leef" if "leef" in options.formats and "cef" not in options.formats \
        else "cef"
    messages = siem.lines(line_format, result, include_passed=options.include_passed)
    sent = send(target, messages, msgid=line_format.upper())
    click.echo(f"voipscan: sent {sent} {line_format.upper()} event(s) to {target}", err=True)

"""What every scan command shares: profile, output and threshold options, and the finish."""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

from voipscan.checks import Severity
from voipscan.errors import InputError
from voipscan.reports import FORMATS, RenderOptions, render

F = TypeVar("F", bound=Callable[..., Any])

EXIT_PASSED, EXIT_FAILED, EXIT_INPUT_ERROR = 0, 1, 2


@dataclass(frozen=True)
class OutputOptions:
    profiles: tuple[str, ...]
    formats: tuple[str, ...]
    outputs: tuple[str, ...]
    fail_under: float | None
    fail_on: Severity | None
    color: bool | None


def scan_options(fn: F) -> F:
    """Options common to 'scan config', 'scan host' and 'scan pcap'."""
    decorators = [
        click.option("-p", "--profile", "profiles", multiple=True, metavar="NAME|FILE",
                     help="Profile to score against (repeatable). Default: baseline."),
        click.option("-f", "--format", "formats", multiple=True,
                     type=click.Choice(sorted(FORMATS)),
                     help="Output format (repeatable; pair each with -o). Default: text."),
        click.option("-o", "--output", "outputs", multiple=True, metavar="FILE",
                     help="Write the matching --format to FILE ('-' is standard output)."),
        click.option("--fail-under", type=click.FloatRange(0, 100), metavar="SCORE",
                     help="Exit 1 when a score is below SCORE."),
        click.option("--fail-on", type=click.Choice([s.value for s in Severity]),
                     help="Exit 1 when a finding of this severity or worse fails."),
        click.option("--color/--no-color", default=None,
                     help="Colour the text report (default: only on a terminal)."),
    ]
    for decorator in reversed(decorators):
        fn = decorator(fn)
    return fn


def output_options(**kwargs: Any) -> OutputOptions:
    fail_on = kwargs.pop("fail_on")
    return OutputOptions(
        profiles=tuple(kwargs.pop("profiles")) or ("baseline",),
        formats=tuple(kwargs.pop("formats")),
        outputs=tuple(kwargs.pop("outputs")),
        fail_under=kwargs.pop("fail_under"),
        fail_on=Severity(fail_on) if fail_on else None,
        color=kwargs.pop("color"),
    )


def destinations(options: OutputOptions) -> list[tuple[str, str]]:
    """Pair formats with outputs: -f json -o a.json -f sarif -o b.sarif."""
    formats = list(options.formats) or ["text"]
    outputs = list(options.outputs)
    if len(outputs) > len(formats):
        if len(formats) == 1 and not options.formats:
            formats = [_format_from_name(o) for o in outputs]
        else:
            raise click.UsageError("more -o/--output than -f/--format")
    outputs += ["-"] * (len(formats) - len(outputs))
    if sum(1 for o in outputs if o == "-") > 1:
        raise click.UsageError("only one format can go to standard output; give -o FILE")
    return list(zip(formats, outputs, strict=True))


def _format_from_name(path: str) -> str:
    suffix = Path(path).suffix.lstrip(".").lower()
    aliases = {"jsonl": "ocsf", "txt": "text"}
    name = aliases.get(suffix, suffix)
    if name not in FORMATS:
        raise click.UsageError(f"cannot tell the format of '{path}' from its name; give -f")
    return name


def load_profiles(names: Sequence[str]) -> list[Any]:
    from voipscan import profiles

    return [profiles.load(name) for name in names]


def write_atomically(path: str, text: str) -> None:
    """Write to a temporary file beside the target and rename: never a half-written report."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=directory)
    except OSError as error:
        raise InputError(f"cannot write report: {error.strerror}", path) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def finish(result: Any, options: OutputOptions) -> int:
    """Render every requested format, then turn the verdict into an exit code."""
    from voipscan.result import ScanResult

    assert isinstance(result, ScanResult)
    for fmt, dest in destinations(options):
        color = options.color
        if color is None:
            color = dest == "-" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        text = render(fmt, result, RenderOptions(color=bool(color) and fmt == "text"))
        if dest == "-":
            sys.stdout.write(text)
            sys.stdout.flush()
        else:
            write_atomically(dest, text)
    for target in result.targets:
        for problem in target.problems:
            click.echo(f"voipscan: {problem.level.value}: {problem.render()}", err=True)
    if result.input_errors:
        return EXIT_INPUT_ERROR
    return EXIT_PASSED if result.verdict.passed else EXIT_FAILED


def started_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)

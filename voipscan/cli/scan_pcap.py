"""voipscan scan pcap FILE...: audit packet captures passively and score what they show."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from voipscan.cli.options import (
    finish,
    load_profiles,
    output_options,
    scan_options,
    started_now,
)


@click.command("pcap")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@scan_options
def command(files: tuple[Path, ...], **kwargs: Any) -> int:
    """Audit pcap/pcapng captures (one target per FILE): cleartext SIP, SDES keys and
    digest credentials on the wire, plain RTP, TLS versions and scanning activity."""
    from voipscan import interrupts
    from voipscan.engine import Thresholds, evaluate
    from voipscan.sources.capture import audit_captures

    options = output_options(**kwargs)
    profiles = load_profiles(options.profiles)
    started = started_now()
    results, interrupted = audit_captures(files)
    with interrupts.deferred():  # a signal from here on is only noted: reports get written
        if interrupted:
            click.echo("voipscan: scan interrupted; the report holds what was read", err=True)
        result = evaluate(results, profiles, started=started, incomplete=interrupted,
                          thresholds=Thresholds(options.fail_under, options.fail_on))
        return finish(result, options)

"""voipscan scan pcap FILE...: audit packet captures passively and score what they show."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from voipscan.cli.options import output_options, run, scan_options
from voipscan.cli.progress import TerminalProgress


@click.command("pcap")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@scan_options
def command(files: tuple[Path, ...], **kwargs: Any) -> int:
    """Audit pcap/pcapng captures (one target per FILE): cleartext SIP, SDES keys and
    digest credentials on the wire, plain RTP, TLS versions and scanning activity.

    \b
    Examples:
      voipscan scan pcap samples/captures/insecure.pcap
      voipscan scan pcap trunk-mirror.pcapng -f sarif -o capture.sarif
    """
    from voipscan import api

    options = output_options(**kwargs)
    return run([api.capture(path) for path in files], options, TerminalProgress())

"""The command line: click commands that parse options and call voipscan.api."""

from voipscan.cli.main import cli, main

__all__ = ["cli", "main"]

"""Read small Asterisk trees held in memory and judge them with one check."""

from __future__ import annotations

from tests.checks.helpers import run
from voipscan.checks import Status
from voipscan.facts import System
from voipscan.sources.config.asterisk.source import scan_tree
from voipscan.sources.config.asterisk.tree import MemoryTree


def system_of(files: dict[str, str]) -> System:
    return scan_tree(MemoryTree("t", {k: v.encode() for k, v in files.items()}), "t").system


def verdicts(check_id: str, files: dict[str, str]) -> dict[str, Status]:
    return run(check_id, system_of(files))

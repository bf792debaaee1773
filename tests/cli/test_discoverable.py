"""What a new user finds without the README: examples in every --help, 'checks show',
shell completion."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import click
import pytest

from tests.paths import ROOT
from voipscan.cli.main import SCAN_COMMANDS, cli


def voipscan(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "voipscan", *args], capture_output=True,
                          text=True, timeout=60, cwd=ROOT, env={**os.environ, **(env or {})})


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [prefix]
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        assert command is not None, name
        if isinstance(command, click.Group):
            found += _commands(command, (*prefix, name))
        else:
            found.append((*prefix, name))
    return found


def test_every_command_has_examples_in_its_help() -> None:
    commands = _commands(cli)
    assert ("scan", "config") in commands and ("checks", "show") in commands
    assert {("scan", name) for name in SCAN_COMMANDS} <= set(commands)
    for command in commands:
        run = voipscan(*command, "--help")
        assert run.returncode == 0, command
        assert re.search(r"Examples:\n +voipscan ", run.stdout), command


def test_checks_show_explains_a_check() -> None:
    run = voipscan("checks", "show", "media.srtp_mandatory")
    assert run.returncode == 0
    for expected in ("severity: high", "Why it matters:", "How to fix it:", "asterisk:",
                     "freeswitch:", "Used by:", "baseline BL-ENC-4"):
        assert expected in run.stdout, expected


def test_checks_show_an_unknown_id_suggests_close_ones() -> None:
    run = voipscan("checks", "show", "media.srtp")
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "did you mean" in run.stderr and "media.srtp_mandatory" in run.stderr


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts_and_completions(shell: str) -> None:
    script = voipscan("completion", shell)
    assert script.returncode == 0 and "_VOIPSCAN_COMPLETE" in script.stdout
    run = subprocess.run(["voipscan"], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "_VOIPSCAN_COMPLETE": "bash_complete",
                              "COMP_WORDS": "voipscan checks show media.srtp_m",
                              "COMP_CWORD": "3"})
    assert "media.srtp_mandatory" in run.stdout

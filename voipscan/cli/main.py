"""Command line entry point. Kept light: subcommands import their modules when run."""

from __future__ import annotations

import gc
import importlib
import sys

import click

from voipscan import __version__

SCAN_COMMANDS = {
    "config": ("voipscan.cli.scan_config", "Scan exported PBX configuration."),
    "host": ("voipscan.cli.scan_host", "Probe live SIP hosts (SIP, TLS, SRTP)."),
    "pcap": ("voipscan.cli.scan_pcap", "Audit packet captures passively."),
    "system": ("voipscan.cli.scan_system",
               "Assess systems of an inventory: config, hosts, captures, declarations."),
}


class LazyGroup(click.Group):
    """Imports a subcommand's module only when that subcommand is used."""

    def __init__(self, *args: object, lazy: dict[str, tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.lazy = lazy

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy:
            module_name, _ = self.lazy[cmd_name]
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as error:
                if error.name != module_name:
                    raise
                return None
            command: click.Command = module.command
            return command
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, help_text) for name, (_, help_text) in sorted(self.lazy.items())]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="voipscan")
def cli() -> None:
    """Audit telephony against security baselines: PBX configs, live SIP hosts, captures.

    Results are scored against baseline profiles (see 'voipscan profiles list') and
    written as text, JSON and SIEM/CI formats. Exit codes: 0 passed, 1 failed the
    threshold, 2 usage or input error, 130 (Ctrl-C) or 143 (SIGTERM) interrupted: the
    reports are still written, whole, with what was gathered and marked incomplete.

    \b
    Examples:
      voipscan scan config /etc/asterisk
      voipscan scan host 192.0.2.10 -o pbx.html
      voipscan checks show media.srtp_mandatory
      voipscan completion bash > ~/.local/share/bash-completion/completions/voipscan
    """


@cli.group(cls=LazyGroup, lazy=SCAN_COMMANDS)
def scan() -> None:
    """Scan configs, hosts or captures and score them against profiles.

    \b
    Examples:
      voipscan scan config samples/asterisk/insecure -v
      voipscan scan pcap samples/captures/insecure.pcap
      voipscan scan system samples/system/inventory.yaml -o systems.html
    """


@cli.group()
def profiles() -> None:
    """List and show baseline profiles.

    \b
    Examples:
      voipscan profiles list
      voipscan profiles show baseline
    """


@profiles.command("list")
def profiles_list() -> None:
    """List the profiles that can be given to --profile.

    \b
    Examples:
      voipscan profiles list
    """
    from voipscan.cli.catalog import list_profiles

    list_profiles()


@profiles.command("show")
@click.argument("name")
def profiles_show(name: str) -> None:
    """Show a profile's controls, clauses, checks and parameters (NAME or FILE).

    \b
    Examples:
      voipscan profiles show nen7510
      voipscan profiles show ./my-profile.yaml
    """
    from voipscan.cli.catalog import show_profile

    show_profile(name)


@cli.group()
def checks() -> None:
    """List and explain the checks voipscan runs.

    \b
    Examples:
      voipscan checks list
      voipscan checks show credentials.default_or_weak
    """


@checks.command("list")
def checks_list() -> None:
    """List every check with its id, severity and title.

    \b
    Examples:
      voipscan checks list
      voipscan checks show signalling.tls_min_version
    """
    from voipscan.cli.catalog import list_checks

    list_checks()


@checks.command("show")
@click.argument("check_id", metavar="ID", shell_complete=lambda _c, _p, incomplete: [
    check_id for check_id in _check_ids() if check_id.startswith(incomplete)])
def checks_show(check_id: str) -> None:
    """Show a check: why it matters, its parameters, the fix per platform and the profile
    controls that use it.

    \b
    Examples:
      voipscan checks show media.srtp_mandatory
      voipscan checks list | grep tls
    """
    from voipscan.cli.catalog import show_check

    show_check(check_id)


@cli.command("completion")
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
def completion(shell: str) -> None:
    """Print the shell completion script for SHELL.

    \b
    Examples:
      voipscan completion bash > ~/.local/share/bash-completion/completions/voipscan
      voipscan completion zsh > "${fpath[1]}/_voipscan"
      voipscan completion fish > ~/.config/fish/completions/voipscan.fish
    """
    from click.shell_completion import get_completion_class

    completer = get_completion_class(shell)
    assert completer is not None
    click.echo(completer(cli, {}, "voipscan", "_VOIPSCAN_COMPLETE").source())


def _check_ids() -> list[str]:
    from voipscan.checks import REGISTRY

    return sorted(REGISTRY)


@cli.group()
def data() -> None:
    """Show the reference data voipscan judges with.

    \b
    Examples:
      voipscan data show
    """


@data.command("show")
def data_show() -> None:
    """Show the software data's date and what it covers.

    \b
    Examples:
      voipscan data show
    """
    from voipscan.cli.data import show

    show()


def _register_history_and_fleet() -> None:
    """History (--store), fleet scans and workers: light modules, their work imported on use."""
    from voipscan.cli import fleet, history, worker

    for command in (history.command, fleet.command, worker.command):
        cli.add_command(command)


_register_history_and_fleet()


def main() -> None:
    from voipscan import interrupts

    interrupts.install()
    try:
        code = _run_command()
        interrupts.settle()
    except KeyboardInterrupt:  # a first signal after the command, before settling
        code = interrupts.exit_code()
    # The interpreter's collections at exit would walk every object the scan made
    # (0.07-0.15 s for 1,000 hosts); whatever they could free is freed with the process.
    gc.freeze()
    sys.exit(code)


def _run_command() -> int:
    """The command's exit code; every error is one line on stderr, never a traceback."""
    from voipscan import interrupts
    from voipscan.errors import VoipscanError

    try:
        code = cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return interrupts.exit_code()
    except click.ClickException as error:
        error.show()
        return 2
    except VoipscanError as error:
        click.echo(f"voipscan: error: {error}", err=True)
        return 2
    except BrokenPipeError:
        return 0
    except OSError as error:  # a report that cannot be written: disk full, permissions
        where = f"{error.filename}: " if error.filename else ""
        click.echo(f"voipscan: error: {where}{error.strerror or error}", err=True)
        return 2
    except Exception as error:  # a bug: one line, never a traceback, and not "failed" (1)
        click.echo(f"voipscan: internal error: {type(error).__name__}: {error} "
                   "(please report it with the command that caused it)", err=True)
        return 2
    return code if isinstance(code, int) else 0

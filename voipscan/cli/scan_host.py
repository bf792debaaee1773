"""voipscan scan host TARGET...: probe live SIP hosts (OPTIONS over UDP/TCP/TLS) and score them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from voipscan.cli.options import output_options, run, scan_options
from voipscan.cli.progress import TerminalProgress
from voipscan.sip.message import DEFAULT_USER_AGENT


@click.command("host")
@click.argument("targets", nargs=-1)
@click.option("-iL", "--input-list", "input_lists", multiple=True, metavar="FILE",
              type=click.Path(path_type=Path),
              help="Read targets from FILE, one per line ('#' starts a comment).")
@click.option("--transport", default="udp,tcp,tls", show_default=True, metavar="LIST",
              help="Transports to probe: udp, tcp, tls. Default ports 5060 (udp, tcp) and "
              "5061 (tls); a port in the target applies to all of them.")
@click.option("--timeout", type=click.FloatRange(0.1, 120), default=3.0, show_default=True,
              help="Seconds to wait for each probe (UDP retransmits within it).")
@click.option("--concurrency", type=click.IntRange(1, 10_000), default=50, show_default=True,
              help="TCP/TLS connections open at once (UDP probes share one socket).")
@click.option("--rate", type=click.FloatRange(0), default=20.0, show_default=True,
              help="Probes per second over all targets (0: no limit; for lab benchmarks).")
@click.option("--allow-large-range", is_flag=True,
              help="Allow more than 65,536 addresses (up to 16,777,216).")
@click.option("--enumerate", "enumerate_users", metavar="USER[,USER]",
              help="Test whether these users can be told apart from made-up ones.")
@click.option("--enumerate-method", type=click.Choice(["register", "options"]),
              default="register", show_default=True,
              help="Request used by --enumerate (REGISTER is sent with Expires: 0).")
@click.option("--user-agent", default=DEFAULT_USER_AGENT, show_default=True,
              help="User-Agent header of the probes.")
@click.option("--tls-audit/--no-tls-audit", default=True, show_default=True,
              help="Audit TLS versions, ciphers and certificate of TLS transports.")
@click.option("--tls-light", is_flag=True, help="Fewer TLS handshakes (for rate-limited peers).")
@click.option("--ca-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="CA certificates to validate TLS certificates against.")
@click.option("--client-cert", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              metavar="FILE",
              help="Present this client certificate (PEM, may hold its chain) over TLS and "
              "WSS, for servers that require mutual TLS. The TLS audit still connects without "
              "it, to tell whether a certificate is required.")
@click.option("--client-key", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              metavar="FILE",
              help="The private key of --client-cert (unencrypted PEM); default: the key in "
              "the --client-cert file.")
@click.option("--ws-discover", is_flag=True,
              help="Opt in, for ws:// and wss:// targets: when the path given refuses the "
              "WebSocket upgrade, try common paths (/, /ws, /wss, /sip, /websocket, "
              "/asterisk/ws) one at a time at --rate, and report the one that answers.")
@click.option("--srtp", is_flag=True,
              help="Opt in: send INVITEs with SRTP offers (SDES, DTLS-SRTP, plain RTP) to "
              "--extension on every transport that answered, to learn whether media would be "
              "encrypted. An INVITE can ring a phone: each is CANCELled at the first "
              "provisional reply beyond 100 Trying (or when --timeout ends; the clean-up "
              "gets as long again) and any answered call is hung up at once.")
@click.option("--extension", default="voipscan-srtp-probe", show_default=True, metavar="USER",
              help="--srtp: the extension called (point it at a test extension or echo test; "
              "an unknown one gets 404 and the probe is inconclusive).")
@click.option("--srtp-offers", default="all", show_default=True, metavar="LIST",
              help="--srtp: offers to send, each as its own INVITE: sdes-aes-cm-128, "
              "sdes-aead-aes-128-gcm, sdes-aes-256-cm, sdes-best-effort, sdes-weak, dtls-srtp, "
              "plain-rtp, or all.")
@click.option("--media-check", type=click.FloatRange(0.5, 10), metavar="SECONDS",
              help="--srtp, opt in: stay SECONDS in each answered call (then BYE) and judge "
              "the packets that arrive: SRTP authenticated with the answered key, or audio in "
              "clear. Nothing is sent on the media port.")
@click.option("--auth-user", metavar="USER",
              help="--srtp: answer digest challenges as USER, with the password taken from "
              "the environment variable VOIPSCAN_SIP_PASSWORD.")
@click.option("--auth-file", type=click.Path(path_type=Path), metavar="FILE",
              help="--srtp: answer digest challenges with the first 'user:password' line of "
              "FILE.")
@click.option("--show-probes", "verbose", is_flag=True,
              help="Print one line per probe on stderr (-v is the report's detail).")
@scan_options
def command(targets: tuple[str, ...], input_lists: tuple[Path, ...], transport: str,
            timeout: float, concurrency: int, rate: float, allow_large_range: bool,
            enumerate_users: str | None, enumerate_method: str, user_agent: str,
            tls_audit: bool, tls_light: bool, ca_file: Path | None,
            client_cert: Path | None, client_key: Path | None, ws_discover: bool,
            srtp: bool, extension: str, srtp_offers: str, media_check: float | None,
            auth_user: str | None, auth_file: Path | None, verbose: bool,
            **kwargs: Any) -> int:
    """Probe live SIP hosts: host, host:port, [IPv6]:port, sip:/sips: URIs, CIDR ranges, or
    SIP over WebSocket as ws://host[:port][/path] and wss://host[:port][/path].

    Each host is one target in the report. Only probe systems you are allowed to test.

    \b
    Examples:
      voipscan scan host 192.0.2.10 --transport udp,tcp,tls
      voipscan scan host sips:pbx.example.com --ca-file ca.pem -o pbx.html
      voipscan scan host -iL hosts.txt --rate 20 -f json -o sweep.json
      voipscan scan host 192.0.2.10 --srtp --extension 600 --auth-file sip.cred
      voipscan scan host 192.0.2.10 --srtp --extension 600 --media-check 2
      voipscan scan host sips:pbx.example.com --client-cert phone.pem --client-key phone.key
      voipscan scan host wss://pbx.example.com:8089/ws
      voipscan scan host wss://pbx.example.com:8089 --ws-discover
    """
    from voipscan.errors import InputError
    from voipscan.sources.host import targets as target_lib
    from voipscan.sources.host.scanner import ScanSettings
    from voipscan.sources.host.source import HostSource, plan_targets

    given = click.get_current_context().get_parameter_source
    for name in ("extension", "srtp_offers", "media_check", "auth_user", "auth_file"):
        if not srtp and given(name) is click.core.ParameterSource.COMMANDLINE:
            raise click.UsageError(f"--{name.replace('_', '-')} is used only with --srtp; "
                                   "add --srtp (or drop it)")
    if client_key is not None and client_cert is None:
        raise click.UsageError("--client-key is used only with --client-cert")
    options = output_options(**kwargs)
    client = None
    if client_cert is not None:
        from voipscan.sources.host.client_tls import load_client_certificate

        client = load_client_certificate(client_cert, client_key)
    protocols = target_lib.parse_transports(transport)
    users = target_lib.parse_users(enumerate_users) if enumerate_users is not None else ()
    if not user_agent.isprintable():
        raise InputError("--user-agent must be printable text on one line")
    srtp_settings = _srtp_settings(srtp, extension, srtp_offers, auth_user, auth_file,
                                   timeout=timeout, rate=rate, concurrency=concurrency,
                                   user_agent=user_agent, client_cert=client,
                                   media_check=media_check or 0.0)
    plan = plan_targets(targets, input_lists)
    if plan.empty:
        raise click.UsageError("give at least one target, or -iL FILE")
    settings = ScanSettings(
        timeout=timeout, concurrency=concurrency, rate=rate or None, user_agent=user_agent,
        users=users, enumerate_method=enumerate_method.upper(), tls_audit=tls_audit,
        tls_light=tls_light, ca_file=ca_file, client_cert=client, ws_discover=ws_discover)
    source = HostSource(plan, settings, protocols=protocols, srtp=srtp_settings,
                        allow_large_range=allow_large_range,
                        observer=_print_probes if verbose else None)
    return run([source], options, TerminalProgress())


def _print_probes(report: Any, srtp: tuple[Any, ...]) -> None:
    for probe in report.probes:
        click.echo(_probe_line(probe), err=True)
    for transport_result in srtp:
        for line in _srtp_lines(transport_result):
            click.echo(line, err=True)


def _probe_line(probe: Any) -> str:
    parts = [f"{probe.endpoint:<30}", f"{probe.reachability.value:<10}"]
    parts.append(probe.answer or probe.detail)
    if probe.server:
        parts.append(f"Server: {probe.server}")
    if probe.user_agent:
        parts.append(f"User-Agent: {probe.user_agent}")
    if probe.replied_from:
        parts.append(f"(replied from {probe.replied_from})")
    parts.append(f"[{probe.elapsed * 1000:.0f} ms, {probe.sends} sent]")
    return "  ".join(parts)


def _srtp_settings(enabled: bool, extension: str, offers: str, auth_user: str | None,
                   auth_file: Path | None, **common: Any) -> Any:
    """SRTP probe settings, or None without --srtp; credentials are read here, early."""
    from voipscan.errors import InputError

    if not enabled:
        if auth_user or auth_file:
            raise click.UsageError("--auth-user and --auth-file are used only with --srtp")
        return None
    from voipscan.sip import digest
    from voipscan.sources.host.srtp_offers import parse_offer_kinds
    from voipscan.sources.host.srtp_probe import SrtpSettings
    from voipscan.sources.host.targets import SIP_USER

    if not SIP_USER.fullmatch(extension):
        raise InputError("--extension must be a SIP user part (use %XX escapes for other "
                         "characters)")
    try:
        kinds = parse_offer_kinds(offers)
    except ValueError as error:
        raise InputError(f"--srtp-offers: {error}") from None
    if auth_user and auth_file:
        raise click.UsageError("give --auth-user or --auth-file, not both")
    credentials = None
    if auth_user:
        credentials = digest.credentials_from_env(auth_user)
    elif auth_file:
        credentials, warning = digest.credentials_from_file(auth_file)
        if warning:
            click.echo(f"voipscan: warning: {warning}", err=True)
    return SrtpSettings(extension=extension, offers=kinds, credentials=credentials,
                        timeout=common["timeout"], rate=common["rate"] or None,
                        concurrency=common["concurrency"], user_agent=common["user_agent"],
                        client_cert=common["client_cert"], media_check=common["media_check"])


def _srtp_lines(result: Any) -> list[str]:
    lines = []
    for offer in result.results:
        text = f"{offer.answer or 'no reply'}: {offer.outcome.value}"
        if offer.detail:
            text += f" ({offer.detail})"
        lines.append(f"{result.endpoint:<30}  srtp {offer.offer.value:<22} {text}  "
                     f"[{offer.elapsed * 1000:.0f} ms; {offer.cleanup or 'nothing to end'}]")
        if offer.media is not None:
            lines.append(f"{result.endpoint:<30}  srtp {offer.offer.value:<22} "
                         f"{offer.media.describe()}")
    if result.detail:
        lines.append(f"{result.endpoint:<30}  srtp: {result.detail}")
    return lines

"""A fresh, real Kamailio on 127.0.0.1 with UDP, TCP and TLS listeners on free ports.

Use one per test that hammers TLS: Kamailio 5.6.3 with OpenSSL 3 corrupts its own memory
under repeated full TLS scans (kamailio issue #3791), so results are judged by content and
a server is never shared between TLS-audit tests.

    with kamailio(tmp_path / "kam", tls=TlsMode.TLS12_PLUS) as server:
        audit("127.0.0.1", server.tls, timeout=2)

The process runs in its own session with core dumps off and its working directory in the
test's directory; it is stopped (SIGTERM, then SIGKILL) and any core file removed on exit,
whether the test passed or not.
"""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import pytest

from tests.integration import REQUIRED, free_port, require_binary
from tests.sources.host.pki import Pki, make_pki

HOST = "127.0.0.1"
MODULES = ("tls", "sl", "tm", "rr", "pv", "xlog", "maxfwd", "textops", "siputils", "sdpops",
           "corex", "kex")

# Answer OPTIONS for the server itself (no user part) with 200 and its capabilities;
# everything else gets a stateless 404.
DEFAULT_ROUTE = """
request_route {
    if (!mf_process_maxfwd_header("10")) {
        sl_send_reply("483", "Too Many Hops");
        exit;
    }
    if (is_method("OPTIONS") && $rU == $null) {
        options_reply();
        exit;
    }
    sl_send_reply("404", "Not Here");
    exit;
}
"""


class TlsMode(StrEnum):
    TLS12 = "tls1.2"  # method = TLSv1.2: a TLS 1.3 client gets alert 70
    TLS12_PLUS = "tls1.2+"  # TLS 1.2 and 1.3
    TLS13_ONLY = "tls1.3-only"  # 1.2 offers only an RSA suite, the certificate is ECDSA
    MUTUAL = "mutual"  # TLS 1.2 and 1.3, client certificate verified and required


@dataclass(frozen=True)
class Kamailio:
    host: str
    udp: int
    tcp: int
    tls: int
    pki: Pki
    directory: Path
    process: subprocess.Popen[bytes]

    @property
    def log(self) -> Path:
        return self.directory / "kamailio.log"

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def alive(self) -> bool:
        return self.process.poll() is None


def tls_config(mode: TlsMode, pki: Pki) -> str:
    method = "TLSv1.2" if mode is TlsMode.TLS12 else "TLSv1.2+"
    lines = [
        "[server:default]",
        f"method = {method}",
        f"certificate = {pki.server.cert_path}",
        f"private_key = {pki.server.key_path}",
        f"ca_list = {pki.ca.cert_path}",
    ]
    if mode is TlsMode.MUTUAL:
        lines += ["verify_certificate = yes", "require_certificate = yes"]
    else:
        lines += ["verify_certificate = no", "require_certificate = no"]
    if mode is TlsMode.TLS13_ONLY:
        lines.append("cipher_list = ECDHE-RSA-AES128-GCM-SHA256")
    lines += ["", "[client:default]", "verify_certificate = no", "require_certificate = no", ""]
    return "\n".join(lines)


def main_config(udp: int, tcp: int, tls: int, route: str, modules_dir: Path,
                tls_cfg: Path, extra: str) -> str:
    loads = "\n".join(f'loadmodule "{m}.so"' for m in MODULES)
    return f"""#!KAMAILIO
debug=2
log_stderror=yes
children=2
tcp_children=4
auto_aliases=no
enable_tls=yes
listen=udp:{HOST}:{udp}
listen=tcp:{HOST}:{tcp}
listen=tls:{HOST}:{tls}
mpath="{modules_dir}/"
{loads}
modparam("tls", "config", "{tls_cfg}")
{extra}
{route}
"""


def modules_dir() -> Path:
    """Where the modules are; skips (fails in CI) without the TLS module package."""
    found = [d for d in (*sorted(Path("/usr/lib").glob("*/kamailio/modules")),
                         Path("/usr/lib/kamailio/modules")) if (d / "tls.so").is_file()]
    if not found:
        message = "Kamailio's tls module is not installed (kamailio-tls-modules)"
        if REQUIRED:
            pytest.fail(f"{message} and VOIPSCAN_REQUIRE_INTEGRATION=1", pytrace=False)
        pytest.skip(message)
    return found[0]


def _no_core_dumps() -> None:
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _listening(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection((HOST, port), timeout=0.2):
        return True
    return False


def _stop(process: subprocess.Popen[bytes], directory: Path) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)
    for core in directory.glob("core*"):
        core.unlink(missing_ok=True)


def _start(binary: str, directory: Path, mode: TlsMode, pki: Pki, route: str, extra: str,
           startup_timeout: float) -> Kamailio | None:
    udp, tcp, tls = free_port(socket.SOCK_DGRAM), free_port(), free_port()
    tls_cfg = directory / "tls.cfg"
    tls_cfg.write_text(tls_config(mode, pki))
    cfg = directory / "kamailio.cfg"
    cfg.write_text(main_config(udp, tcp, tls, route, modules_dir(), tls_cfg, extra))
    with (directory / "kamailio.log").open("wb") as log:
        process = subprocess.Popen(
            [binary, "-f", str(cfg), "-DD", "-E", "-P", str(directory / "kamailio.pid"),
             "-w", str(directory), "-m", "64", "-M", "8"],
            cwd=directory, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True, preexec_fn=_no_core_dumps,
        )
    server = Kamailio(HOST, udp, tcp, tls, pki, directory, process)
    deadline = time.monotonic() + startup_timeout
    while time.monotonic() < deadline:
        if not server.alive():
            break
        if _listening(tls) and _listening(tcp):
            return server
        time.sleep(0.05)
    _stop(process, directory)
    if "Address already in use" in server.log_text():
        return None  # lost a port race with another test: try other ports
    raise RuntimeError(f"Kamailio did not start; log:\n{server.log_text()[-3000:]}")


@contextlib.contextmanager
def kamailio(
    directory: Path,
    *,
    tls: TlsMode = TlsMode.TLS12_PLUS,
    route: str = DEFAULT_ROUTE,
    extra_config: str = "",
    pki: Pki | None = None,
    startup_timeout: float = 15.0,
) -> Iterator[Kamailio]:
    """Run a fresh Kamailio for the duration of the ``with`` block (skips if not installed)."""
    binary = require_binary("kamailio")
    directory.mkdir(parents=True, exist_ok=True)
    certificates = pki or make_pki(directory / "pki")
    server = None
    for _attempt in range(3):
        server = _start(binary, directory, tls, certificates, route, extra_config,
                        startup_timeout)
        if server is not None:
            break
    if server is None:
        raise RuntimeError("Kamailio could not bind free ports three times")
    try:
        yield server
    finally:
        _stop(server.process, directory)


def relay_route(port: int, host: str = HOST) -> str:
    """A route that relays INVITEs (record-routed, stateful) to a UDP UAS on ``host:port`` —
    e.g. SIPp, which has no TLS: Kamailio terminates TLS and speaks UDP behind it. CANCELs
    follow their INVITE, in-dialog requests follow the Route set, OPTIONS are answered."""
    return f"""
request_route {{
    if (!mf_process_maxfwd_header("10")) {{
        sl_send_reply("483", "Too Many Hops");
        exit;
    }}
    if (is_method("CANCEL")) {{
        if (t_check_trans()) {{
            t_relay();
        }}
        exit;
    }}
    if (has_totag()) {{
        if (loose_route()) {{
            t_relay();
            exit;
        }}
        if (is_method("ACK")) {{
            if (t_check_trans()) {{
                t_relay();
            }}
            exit;
        }}
        sl_send_reply("404", "Not Here");
        exit;
    }}
    if (is_method("INVITE")) {{
        record_route();
        $du = "sip:{host}:{port};transport=udp";
        t_relay();
        exit;
    }}
    if (is_method("OPTIONS") && $rU == $null) {{
        options_reply();
        exit;
    }}
    sl_send_reply("404", "Not Here");
    exit;
}}
"""

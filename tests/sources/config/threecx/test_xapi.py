"""A live 3CX read through its configuration API: a loopback HTTPS server answers with the
sample responses; the certificate is verified, the token goes only in the Authorization
header and is never shown, and the verdicts equal those of the saved export."""

from __future__ import annotations

import http.server
import ssl
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.sources.config.asterisk.helpers import PROFILE, ROOT
from tests.sources.host.pki import Spec, issue
from voipscan import api
from voipscan.checks import Status
from voipscan.sources.config.threecx.xapi import QUERIES

EXPORT = ROOT / "samples" / "3cx" / "insecure"
TOKEN = "xapi-T0ken-5ecret"
BY_QUERY = {f"/xapi/v1/{query}": name for name, query in QUERIES.items()}


@dataclass
class Pbx:
    port: int
    ca: Path
    seen: list[tuple[str, str, str | None]] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"


@pytest.fixture
def pbx(tmp_path: Path) -> Iterator[Pbx]:
    ca = issue(tmp_path, "ca", Spec("3CX test CA", ca=True))
    server_cert = issue(tmp_path, "pbx", Spec("127.0.0.1", ips=("127.0.0.1",)), ca)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(server_cert.cert_path, server_cert.key_path)
    state = Pbx(0, ca.cert_path)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            target = unquote(parts.path) + (f"?{unquote(parts.query)}" if parts.query else "")
            state.seen.append(("GET", target, self.headers.get("Authorization")))
            if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                self.send_error(401, "Unauthorized")
                return
            name = BY_QUERY.get(target)
            if name is None or not (EXPORT / name).is_file():
                self.send_error(404, "Not Found")
                return
            body = (EXPORT / name).read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def _token(tmp_path: Path, text: str = TOKEN) -> Path:
    path = tmp_path / "token"
    path.write_text(text + "\n")
    return path


def _verdicts(source: api.Source) -> dict[tuple[str, str], Status]:
    [target] = api.scan([source], profiles=[str(PROFILE)]).targets
    assert not target.fatal, target.problems
    return {(f.finding.check_id, f.finding.resource): f.finding.status for f in target.findings}


def test_the_api_gives_the_verdicts_of_the_saved_export(pbx: Pbx, tmp_path: Path) -> None:
    live = _verdicts(api.threecx(pbx.url, _token(tmp_path), pbx.ca))
    assert live == _verdicts(api.config(EXPORT))
    assert live[("access.superusers_limited", "system")] is Status.FAIL
    assert {method for method, _, _ in pbx.seen} == {"GET"}
    assert {target for _, target, _ in pbx.seen} == set(BY_QUERY)


def _voipscan(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "voipscan", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)


def test_cli_reads_the_api_and_never_shows_the_token(pbx: Pbx, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    run = _voipscan("scan", "config", pbx.url, "--token-file", str(_token(tmp_path)),
                    "--ca-file", str(pbx.ca), "-f", "json", "-o", str(out), "-f", "text")
    assert run.returncode == 1, run.stderr
    assert '"platform": "3cx"' in out.read_text()
    for text in (run.stdout, run.stderr, out.read_text()):
        assert TOKEN not in text


@pytest.mark.parametrize(("case", "message"), [
    ("untrusted certificate", "CERTIFICATE_VERIFY_FAILED"),
    ("wrong token", "the token was refused"),
    ("plain http", "https:// only"),
    ("nothing listening", "cannot reach the API"),
])
def test_unreadable_api_is_one_line_and_exit_2(pbx: Pbx, tmp_path: Path, case: str,
                                               message: str) -> None:
    token = _token(tmp_path, "Wr0ng-" + TOKEN if case == "wrong token" else TOKEN)
    url = {"plain http": f"http://127.0.0.1:{pbx.port}",
           "nothing listening": "https://127.0.0.1:1"}.get(case, pbx.url)
    ca = [] if case == "untrusted certificate" else ["--ca-file", str(pbx.ca)]
    run = _voipscan("scan", "config", url, "--token-file", str(token), *ca, "-f", "json",
                    "-o", str(tmp_path / "r.json"))
    assert run.returncode == 2, run.stderr
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and message in lines[0], run.stderr
    assert TOKEN not in run.stderr + run.stdout and "Traceback" not in run.stderr


@pytest.mark.parametrize("args", [
    ("https://127.0.0.1:1",),
    ("https://127.0.0.1:1", "--pbx", "fusionpbx", "--token-file", "t"),
    (str(EXPORT), "--token-file", "t"),
])
def test_api_options_misused(args: tuple[str, ...]) -> None:
    run = _voipscan("scan", "config", *args)
    assert run.returncode == 2 and "Usage" in run.stderr and "Traceback" not in run.stderr

"""A real Kamailio that serves TLS 1.2 only, and a configuration that claims TLS 1.3 only:
the system assessment lets the observed behaviour decide and names both pieces of evidence."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sources.host.kamailio import TlsMode, kamailio
from voipscan import api
from voipscan.checks import Status
from voipscan.sources.host.scanner import ScanSettings

pytestmark = pytest.mark.integration

CLAIMED_CFG = """#!KAMAILIO
listen=tls:127.0.0.1:{port}
disable_tcp=yes
enable_tls=yes
loadmodule "tls.so"
modparam("tls", "config", "tls.cfg")
"""
CLAIMED_TLS = """[server:default]
method = TLSv1.3
verify_certificate = yes
require_certificate = no
"""


def test_observed_tls_versions_decide_and_the_disagreement_is_reported(tmp_path: Path
                                                                         ) -> None:
    with kamailio(tmp_path / "kam", tls=TlsMode.TLS12) as server:
        conf = tmp_path / "conf"
        conf.mkdir()
        (conf / "kamailio.cfg").write_text(CLAIMED_CFG.format(port=server.tls))
        (conf / "tls.cfg").write_text(CLAIMED_TLS)
        inventory = tmp_path / "inventory.yaml"
        inventory.write_text(
            "version: 1\nsystems:\n  - name: edge-proxy\n"
            "    configs: [{path: conf, pbx: kamailio}]\n"
            f"    hosts: ['127.0.0.1:{server.tls}']\n")
        settings = ScanSettings(timeout=3.0, rate=None)
        result = api.scan(api.systems(inventory, settings=settings, transports="tls"))
    (target,) = result.targets
    assert not target.fatal, target.problems
    assert target.evidence_kinds == {"config", "host"}
    disagreement = [p.message for p in target.problems if "tls versions" in p.message]
    assert disagreement, [p.message for p in target.problems]
    assert "observed TLSv1.2" in disagreement[0] and "configured TLSv1.3" in disagreement[0]
    assert "tls.cfg" in disagreement[0]
    tls13 = [f for f in target.findings if f.finding.check_id == "signalling.tls13"]
    assert [f.finding.status for f in tls13] == [Status.FAIL]
    (versions,) = [e for e in tls13[0].finding.evidence if e.fact == "tls_versions"]
    assert versions.source is not None and versions.source.kind.value == "probe"
    assert "configured evidence says TLSv1.3" in versions.note

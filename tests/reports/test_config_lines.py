"""Configuration lines in the HTML report: shown for context, never with a secret."""

from __future__ import annotations

from pathlib import Path

import pytest

from voipscan.facts.fact import Provenance
from voipscan.reports.config_lines import ConfigLines, mask


@pytest.mark.parametrize(("line", "shown"), [
    ("secret=Summer2024", "secret=********"),
    ("    password: admin", "    password: ********"),
    ('<param name="password" value="1234"/>', '<param name="password" value="********"/>'),
    ('<X-PRE-PROCESS cmd="set" data="default_password=1234"/>',
     '<X-PRE-PROCESS cmd="set" data="********"/>'),
    ('"password": "x1"', '"password": ********'),
    ("register => 1000:pw@sip.example.com", "register => ********"),
    ('#!define DBURL "mysql://kamailio:kamailiorw@localhost/kamailio"',
     '#!define DBURL "mysql://kamailio:********@localhost/kamailio"'),
    ("exten => _00X.,1,Dial(IAX2/trunk:s3cr3t@10.0.0.1/${EXTEN})",
     "exten => _00X.,1,Dial(IAX2/trunk:********@10.0.0.1/${EXTEN})"),
    ('modparam("auth_db", "password_column", "x")', None),
    ("bindaddr = 0.0.0.0", "bindaddr = 0.0.0.0"),
])
def test_masking(line: str, shown: str | None) -> None:
    assert mask(line) == shown


def test_only_plain_config_files_still_on_disk(tmp_path: Path) -> None:
    conf = tmp_path / "pjsip.conf"
    conf.write_text("[transport-udp]\nprotocol=udp\n")
    dump = tmp_path / "fusionpbx.sql"
    dump.write_text("INSERT INTO v_extensions VALUES ('1000', 'Xq7#mT2!vR9zLp4w');\n")
    voicemail = tmp_path / "voicemail.conf"
    voicemail.write_text("[default]\n1000 => 4242,Alice\n")
    lines = ConfigLines()
    assert lines.of(Provenance.file(str(conf), 2)) == "protocol=udp"
    assert lines.of(Provenance.file(str(dump), 1)) is None
    assert lines.of(Provenance.file(str(voicemail), 2)) is None
    assert lines.of(Provenance.file(str(tmp_path / "gone.conf"), 1)) is None
    assert lines.of(Provenance.file(str(conf), 9)) is None
    assert lines.of(Provenance.file(str(conf), 2), fact="secret") is None

"""Which reader reads a path (scored evidence, close calls, --pbx), and the trees a folder
holds: each becomes its own target; an empty or unrelated folder is an input error."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.paths import ROOT
from voipscan.errors import ProblemLevel
from voipscan.sources.config.load import load_config
from voipscan.sources.config.registry import find_trees, identify, source

CORPUS = ROOT / "tests" / "accuracy" / "corpus"
VANILLA = CORPUS / "freeswitch-vanilla"
SAMPLE_TREES = {
    "samples/asterisk/hardened", "samples/asterisk/insecure",
    "samples/export/hardened.yaml", "samples/export/insecure.yaml", "samples/export/mixed.yaml",
    "samples/freepbx/hardened", "samples/freepbx/insecure",
    "samples/freepbx/hardened-backup.tar.gz", "samples/freepbx/insecure-backup.tar.gz",
    "samples/freeswitch/hardened", "samples/freeswitch/insecure",
    "samples/kamailio/hardened", "samples/kamailio/insecure",
    "samples/fusionpbx/hardened.sql", "samples/fusionpbx/insecure.sql",
    "samples/3cx/hardened", "samples/3cx/insecure",
}
KAMAILIO_CFG = ('#!KAMAILIO\nloadmodule "sl.so"\n'
                'request_route {\n  sl_send_reply("404", "x");\n}\n')


def voipscan(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "voipscan", *args], capture_output=True,
                          text=True, timeout=300, cwd=ROOT)


def one_line_error(run: subprocess.CompletedProcess[str]) -> str:
    assert run.returncode == 2, run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, run.stderr
    return lines[0]


def test_stock_freeswitch_with_an_extensions_conf_is_freeswitch() -> None:
    assert (VANILLA / "extensions.conf").is_file()  # the Asterisk-looking file it ships
    found = identify(VANILLA)
    assert found is not None and found.source.name == "freeswitch"
    assert found.runner_up is None  # Asterisk's evidence (one file) is far weaker
    assert 0 < source("asterisk").detect(VANILLA) < found.score
    [result] = load_config(VANILLA)
    assert result.target.format == "freeswitch" and not result.fatal


def test_scores_are_graded_by_evidence(tmp_path: Path) -> None:
    asterisk = source("asterisk")
    (tmp_path / "extensions.conf").write_text("[default]\nexten => 1,1,Answer()\n")
    one_file = asterisk.detect(tmp_path)
    (tmp_path / "pjsip.conf").write_text("[transport-udp]\ntype=transport\n")
    two_files = asterisk.detect(tmp_path)
    (tmp_path / "asterisk.conf").write_text("[directories](!)\nastetcdir => /etc/asterisk\n")
    assert 0 < one_file < two_files < asterisk.detect(tmp_path) <= 0.9
    (tmp_path / "notes.conf").write_text("<xml/>\n")
    assert source("freeswitch").detect(tmp_path) == 0
    assert source("kamailio").detect(tmp_path) == 0


def test_a_close_call_is_named_in_a_warning(tmp_path: Path) -> None:
    (tmp_path / "pjsip.conf").write_text("[transport-udp]\ntype=transport\n")
    (tmp_path / "sip_profiles").mkdir()
    (tmp_path / "vars.xml").write_text('<include>\n<X-PRE-PROCESS cmd="set" data="a=b"/>\n'
                                       "</include>\n")
    found = identify(tmp_path)
    assert found is not None and found.source.name == "freeswitch"
    assert found.runner_up is not None and found.runner_up[0] == "asterisk"
    [result] = load_config(tmp_path)
    warning = result.problems[0]
    assert warning.level is ProblemLevel.WARNING and warning.path == str(tmp_path)
    assert "--pbx asterisk" in warning.message and "read as freeswitch" in warning.message


def test_freepbx_refines_asterisk_without_a_close_call(tmp_path: Path) -> None:
    (tmp_path / "extensions_additional.conf").write_text("[from-internal]\n")
    (tmp_path / "extensions.conf").write_text("[globals]\n#include extensions_additional.conf\n")
    (tmp_path / "asterisk.conf").write_text("[directories]\nastetcdir => /etc/asterisk\n")
    found = identify(tmp_path)
    assert found is not None and found.source.name == "freepbx" and found.runner_up is None


def test_pbx_overrides_detection() -> None:
    [result] = load_config(VANILLA, "asterisk")
    assert result.target.format == "asterisk"
    [result] = load_config(VANILLA, "freeswitch")
    assert result.target.format == "freeswitch"


def test_a_folder_of_trees_gives_one_target_per_tree() -> None:
    found = find_trees(ROOT / "samples")
    assert {str(d.path.relative_to(ROOT)) for d in found} == SAMPLE_TREES
    only = find_trees(ROOT / "samples", "kamailio")
    assert [d.path.name for d in only] == ["hardened", "insecure"]
    assert all(d.source.name == "kamailio" for d in only)


def test_the_search_stops_at_a_tree() -> None:
    found = find_trees(CORPUS)
    names = [d.path.name for d in found]
    assert "freeswitch-vanilla" in names and "sip_profiles" not in names
    trees = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
    assert sorted(d.path.relative_to(CORPUS).parts[0] for d in found) == trees  # one each


def test_kamailio_one_level_down_as_in_etc(tmp_path: Path) -> None:
    etc = tmp_path / "etc"
    (etc / "kamailio").mkdir(parents=True)
    (etc / "kamailio" / "kamailio.cfg").write_text(KAMAILIO_CFG)
    (etc / "hostname").write_text("pbx\n")
    for pbx in (None, "kamailio"):
        [result] = load_config(etc, pbx)
        assert not result.fatal and result.target.format == "kamailio"
        assert result.target.name == str(etc / "kamailio")


def test_nothing_found_is_a_failed_target(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    [result] = load_config(empty)
    assert result.fatal and "empty folder" in result.problems[0].message
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "README.md").write_text("# Phones\nSee the wiki.\n")
    (docs / "notes.xml").write_text("<notes/>\n")
    for pbx in (None, "freeswitch", "asterisk"):
        [result] = load_config(docs, pbx)
        assert result.fatal and result.problems[0].path == str(docs)


def test_scan_config_samples_scans_every_tree(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    run = voipscan("scan", "config", "samples", "-f", "json", "-o", str(out))
    assert run.returncode == 1, run.stderr  # the insecure samples fail
    report = json.loads(out.read_text())
    names = {target["name"] for target in report["targets"]}
    assert names == SAMPLE_TREES
    assert all(target["readable"] for target in report["targets"])


def test_empty_or_unrelated_folder_is_an_input_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "empty folder" in one_line_error(voipscan("scan", "config", str(empty)))
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.html").write_text("<html><body>PBX manual</body></html>\n")
    line = one_line_error(voipscan("scan", "config", "--pbx", "freeswitch", str(docs)))
    assert str(docs) in line and "no freeswitch configuration" in line

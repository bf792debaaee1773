"""Hostile and broken FreeSWITCH files: one clear error per file, the rest still scanned."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.sources.config.freeswitch.helpers import ROOT
from voipscan.errors import InputError, ProblemLevel
from voipscan.sources.config.freeswitch import FreeswitchSource
from voipscan.sources.config.load import load_target
from voipscan.sources.interface import SourceResult

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<user id="1001">&lol9;</user>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE user [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<user id="1001"><params><param name="password" value="&xxe;"/></params></user>
"""


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    target = tmp_path / "conf"
    shutil.copytree(ROOT / "samples" / "freeswitch" / "insecure", target)
    return target


def scan(tree: Path) -> SourceResult:
    result = load_target(tree)
    assert not result.fatal
    return result


def errors(result: SourceResult) -> list[tuple[str, int | None, str]]:
    return [(Path(p.path or "").name, p.line, p.message) for p in result.problems
            if p.level is ProblemLevel.ERROR]


def users(result: SourceResult) -> set[str]:
    return {e.name for e in result.system.endpoints if e.kind.value == "phone"}


def test_billion_laughs_is_refused_and_the_rest_scanned(tree: Path) -> None:
    (tree / "directory/default/1001.xml").write_text(BILLION_LAUGHS)
    result = scan(tree)
    assert errors(result) == [("1001.xml", 2, "document type declaration (DTD) refused: it "
                               "declares entities (entity expansion, 'billion laughs' XML "
                               "bomb)")]
    assert users(result) == {"1000", "1002", "1003", "guest"}
    assert result.system.transports and result.system.management  # the rest is there


def test_external_entity_is_refused_and_never_read(tree: Path) -> None:
    (tree / "directory/default/1001.xml").write_text(EXTERNAL_ENTITY)
    result = scan(tree)
    assert errors(result) == [("1001.xml", 2, "document type declaration (DTD) refused: it "
                               "declares an external entity (file or URL read)")]
    assert "root:" not in repr(result)
    assert users(result) == {"1000", "1002", "1003", "guest"}


def test_doctype_after_the_start_is_refused_too(tree: Path) -> None:
    (tree / "directory/default/1001.xml").write_text(
        '<user id="1001">\n<!DOCTYPE x [<!ENTITY a "b">]>\n</user>\n')
    assert errors(scan(tree)) == [("1001.xml", 2, "document type declaration (DTD) refused: "
                                   "entity declarations are not allowed")]


def test_truncated_file_names_the_open_element(tree: Path) -> None:
    text = (tree / "directory/default/1000.xml").read_text()
    (tree / "directory/default/1000.xml").write_text(text[: text.index("</params>")])
    result = scan(tree)
    assert errors(result) == [("1000.xml", 6, "invalid XML: file ends inside <params> opened "
                               "at line 3 (truncated?)")]
    assert users(result) == {"1001", "1002", "1003", "guest"}


def test_mismatched_tag_is_reported_with_its_line(tree: Path) -> None:
    path = tree / "sip_profiles/legacy-tls.xml"
    path.write_text(path.read_text().replace("</settings>", "</setting>"))
    result = scan(tree)
    assert errors(result) == [("legacy-tls.xml", 15, "invalid XML: mismatched tag")]
    assert {t.name for t in result.system.transports} == {
        "internal-udp", "internal-tcp", "external-udp", "external-tcp"}


def test_wrong_encoding_and_binary_files(tree: Path) -> None:
    (tree / "directory/default/1000.xml").write_bytes(
        b'<include>\n  <user id="1000">\n  <!-- Gr\xfc\xdfe -->\n  </user>\n</include>\n')
    (tree / "directory/default/1001.xml").write_bytes(b"\x7fELF\x02\x01\x00\x00" * 64)
    result = scan(tree)
    assert errors(result) == [("1000.xml", 3, "not valid UTF-8 text"),
                              ("1001.xml", None, "binary file, expected text")]
    assert users(result) == {"1002", "1003", "guest"}


def test_include_cycle_is_reported_once_and_cut(tree: Path) -> None:
    (tree / "cycle.xml").write_text('<include>\n<X-PRE-PROCESS cmd="include" '
                                    'data="vars.xml"/>\n</include>\n')
    vars_xml = tree / "vars.xml"
    vars_xml.write_text(vars_xml.read_text().replace(
        "</include>", '  <X-PRE-PROCESS cmd="include" data="cycle.xml"/>\n</include>'))
    result = scan(tree)
    assert errors(result) == [("cycle.xml", 2, "include cycle (freeswitch.xml -> vars.xml -> "
                               "cycle.xml -> vars.xml); not followed")]
    assert "1000" in users(result)


def test_unreadable_top_file_is_one_input_error(tmp_path: Path) -> None:
    (tmp_path / "freeswitch.xml").write_text(BILLION_LAUGHS)
    with pytest.raises(InputError) as error:
        FreeswitchSource().load(tmp_path)
    assert error.value.line == 2 and "XML bomb" in error.value.message
    result = load_target(tmp_path)
    assert result.fatal and result.problems[0].path == str(tmp_path / "freeswitch.xml")


def test_expansion_bomb_is_stopped(tree: Path) -> None:
    lines = ['<X-PRE-PROCESS cmd="set" data="v0=xxxxxxxxxxxxxxxx"/>']
    lines += [f'<X-PRE-PROCESS cmd="set" data="v{i + 1}=$${{v{i}}}$${{v{i}}}"/>'
              for i in range(40)]
    (tree / "vars.xml").write_text("<include>\n" + "\n".join(lines) + "\n</include>\n")
    result = load_target(tree)
    assert result.fatal is False
    assert any("expansion bomb" in p.message for p in result.problems)


def test_absolute_include_outside_the_tree_is_not_followed(tree: Path) -> None:
    (tree / "dialplan/evil.xml").write_text(
        '<include>\n<X-PRE-PROCESS cmd="include" data="/proc/self/environ"/>\n</include>\n')
    result = scan(tree)
    warnings = [p.message for p in result.problems if p.level is ProblemLevel.WARNING]
    assert warnings == ["absolute include /proc/self/environ not found in the scanned tree; "
                        "not followed"]


def test_absolute_include_is_found_inside_the_scanned_copy(tree: Path) -> None:
    (tree / "dialplan/public.xml").rename(tree / "public-context.xml")
    (tree / "dialplan/public.xml").write_text(
        '<include>\n<X-PRE-PROCESS cmd="include" '
        'data="/etc/freeswitch/public-context.xml"/>\n</include>\n')
    result = scan(tree)
    assert [p.message for p in result.problems] == [
        f"absolute include /etc/freeswitch/public-context.xml read from the scanned tree as "
        f"{tree}/public-context.xml"]
    guest = next(e for e in result.system.endpoints if e.name == "external-guest")
    assert guest.reaches_outbound.value is True

"""FreeSWITCH's pre-processor replayed: variables, includes, comments, and line numbers."""

from __future__ import annotations

from pathlib import Path

from voipscan.errors import ProblemLevel
from voipscan.facts import Exposure
from voipscan.sources.config.freeswitch.preprocess import (
    VarKind,
    display,
    load_config,
    unresolved,
)
from voipscan.sources.config.freeswitch.source import FreeswitchSource

TOP = """<document type="freeswitch/xml">
  <X-PRE-PROCESS cmd="include" data="vars.xml"/>
  <section name="configuration">
    <X-PRE-PROCESS cmd="include" data="autoload_configs/*.xml"/>
  </section>
</document>
"""


def build(root: Path, files: dict[str, str]) -> Path:
    for name, text in {"freeswitch.xml": TOP, **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def sofia(profile_settings: str, extra_vars: str = "") -> dict[str, str]:
    return {
        "vars.xml": f"<include>\n{extra_vars}</include>\n",
        "autoload_configs/sofia.conf.xml": (
            '<configuration name="sofia.conf">\n<profiles>\n'
            '<X-PRE-PROCESS cmd="include" data="../sip_profiles/*.xml"/>\n'
            "</profiles>\n</configuration>\n"),
        "sip_profiles/p.xml": f'<profile name="p">\n<settings>\n{profile_settings}'
                              "</settings>\n</profile>\n",
    }


def test_variables_expand_in_order_and_keep_their_origin(tmp_path: Path) -> None:
    build(tmp_path, sofia('<param name="sip-port" value="$${port}"/>\n',
                          '<X-PRE-PROCESS cmd="set" data="base=50"/>\n'
                          '<X-PRE-PROCESS cmd="set" data="port = $${base}60"/>\n'))
    document = load_config(tmp_path)
    assert document.variables["port"].value == "5060"
    assert (document.variables["port"].path, document.variables["port"].line) == (
        f"{tmp_path}/vars.xml", 3)
    param = next(document.root.descendants("param"))
    assert (param.path, param.line, param.attr("value")) == (
        f"{tmp_path}/sip_profiles/p.xml", 3, "5060")
    assert [u.describe() for u in param.uses] == [f"$${{port}} ({tmp_path}/vars.xml:3)"]


def test_commented_directive_still_runs_with_a_warning(tmp_path: Path) -> None:
    build(tmp_path, {"vars.xml": (
        '<include>\n<X-PRE-PROCESS cmd="set" data="default_password=S3cure-Long-Pass"/>\n'
        '<!--\n  <X-PRE-PROCESS cmd="set" data="default_password=1234"/>\n-->\n'
        '<X-NO-PRE-PROCESS cmd="set" data="off1=yes"/>\n'
        '<Z-PRE-PROCESS cmd="set" data="off2=yes"/>\n</include>\n')})
    document = load_config(tmp_path)
    assert document.variables["default_password"].value == "1234"
    assert "off1" not in document.variables and "off2" not in document.variables
    [problem] = document.problems
    assert problem.level is ProblemLevel.WARNING and problem.line == 4
    assert 'cmd="set" inside an XML comment: FreeSWITCH still runs it' in problem.message
    assert "1234" not in problem.message


def test_run_time_values_stay_unknown(tmp_path: Path) -> None:
    build(tmp_path, sofia(
        '<param name="sip-ip" value="$${local_ip_v4}"/>\n'
        '<param name="sip-port" value="$${port}"/>\n'
        '<param name="tls" value="$${tls_on}"/>\n',
        '<X-PRE-PROCESS cmd="exec-set" data="port=/usr/local/bin/pick-port"/>\n'
        '<X-PRE-PROCESS cmd="env-set" data="tls_on=FS_TLS"/>\n'))
    document = load_config(tmp_path)
    assert document.variables["port"].kind is VarKind.EXEC_SET
    assert document.variables["tls_on"].value is None
    [udp, _tcp, tls] = FreeswitchSource().load(tmp_path).system.transports
    assert udp.bind.value == "$${local_ip_v4}:$${port}"
    assert udp.exposure.value is None and "local_ip_v4" in udp.exposure.note
    assert tls.protocol.value is None and "$${tls_on}" in tls.protocol.note


def test_unset_variable_expands_to_nothing_with_a_warning(tmp_path: Path) -> None:
    build(tmp_path, sofia('<param name="sip-ip" value="$${nowhere}127.0.0.1"/>\n'))
    result = FreeswitchSource().load(tmp_path)
    assert result.system.transports[0].exposure.value is Exposure.LOOPBACK
    [problem] = result.problems
    assert problem.line == 3 and problem.path == f"{tmp_path}/sip_profiles/p.xml"
    assert "$${nowhere} is not set" in problem.message


def test_include_globs_are_relative_to_the_including_file(tmp_path: Path) -> None:
    build(tmp_path, {
        "vars.xml": '<include>\n<X-PRE-PROCESS cmd="include" data="more/*.xml"/>\n</include>\n',
        "more/b.xml": '<X-PRE-PROCESS cmd="set" data="order=$${order}b"/>\n',
        "more/a.xml": '<X-PRE-PROCESS cmd="set" data="order=a"/>\n',
        "autoload_configs/x.conf.xml": '<configuration name="x.conf"/>\n',
    })
    document = load_config(tmp_path)
    assert document.variables["order"].value == "ab"  # sorted glob, in document order
    assert document.files == (f"{tmp_path}/freeswitch.xml", f"{tmp_path}/vars.xml",
                              f"{tmp_path}/more/a.xml", f"{tmp_path}/more/b.xml",
                              f"{tmp_path}/autoload_configs/x.conf.xml")


def test_hash_comment_commands_and_dropped_lines(tmp_path: Path) -> None:
    build(tmp_path, {"vars.xml": (
        '<?xml version="1.0" encoding="utf-8"?>\n<include>\n'
        '<!--#set "shown=yes"-->\n<!--#comment\n <X-PRE-PROCESS cmd="set" data="hidden=1"/>\n'
        "-->\n</include>\n")})
    document = load_config(tmp_path)
    assert document.variables["shown"].value == "yes"
    assert "hidden" not in document.variables


def test_markers_for_unknown_values() -> None:
    value = "\ue000local_ip_v4\ue001:5060"
    assert unresolved(value) == ["local_ip_v4"]
    assert display(value) == "$${local_ip_v4}:5060"

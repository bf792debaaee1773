"""Kamailio: kamailio.cfg with its pre-processor and includes, tls.cfg, and the stock files."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from tests.sources.config.freeswitch.helpers import NA, ROOT, F, P, U, findings, statuses, where
from voipscan.checks import Finding, Status
from voipscan.engine import run_check
from voipscan.errors import InputError, ProblemLevel
from voipscan.facts import Exposure, ManagementInterface, SipProtocol, TlsVersion
from voipscan.profiles import CheckRef
from voipscan.sources.config.kamailio import KamailioSource
from voipscan.sources.config.kamailio.layout import find_main
from voipscan.sources.config.kamailio.tlscfg import method_versions, parse_tls_cfg
from voipscan.sources.config.load import load_target
from voipscan.sources.config.registry import detect

SAMPLES = ROOT / "samples" / "kamailio"
INSECURE, HARDENED = SAMPLES / "insecure", SAMPLES / "hardened"
IN, HA = "samples/kamailio/insecure", "samples/kamailio/hardened"
INSTALLED = Path("/etc/kamailio")
NO_ADMINS = {
    ("access.admin_mfa", "system"): U,
    ("access.rbac", "system"): U,
    ("access.no_shared_accounts", "system"): U,
    ("access.superusers_limited", "system"): U,
    ("credentials.default_or_weak", "system"): U,
    ("credentials.reuse", "system"): U,
}


def test_insecure_exact_findings() -> None:
    assert statuses(INSECURE) == {
        **NO_ADMINS,
        ("signalling.tls", "transport:udp:0.0.0.0:5060"): F,
        ("signalling.tls", "transport:tcp:0.0.0.0:5060"): F,
        ("signalling.tls", "transport:tls:0.0.0.0:5061"): P,
        ("signalling.tls13", "transport:tls:0.0.0.0:5061"): F,
        ("signalling.tls_min_version", "transport:tls:0.0.0.0:5061"): F,
        ("signalling.tls_peer_verification", "transport:tls:0.0.0.0:5061"): F,
        ("signalling.tls_weak_ciphers", "transport:tls:0.0.0.0:5061"): F,
        ("signalling.tls_mutual_auth", "transport:tls:0.0.0.0:5061"): F,
        ("media.srtp_mandatory", "endpoint:any-caller"): U,
        ("media.no_sdes_cleartext", "endpoint:any-caller"): U,
        ("media.srtp_weak_parameters", "endpoint:any-caller"): U,
        ("sip.endpoint_authentication", "endpoint:any-caller"): F,
        ("dialplan.guest_outbound", "endpoint:any-caller"): U,
        ("dialplan.guest_voicemail", "endpoint:any-caller"): U,
        ("management.not_exposed", "management:jsonrpc-http"): F,
        ("management.tls", "management:jsonrpc-http"): F,
        ("management.login_required", "management:jsonrpc-http"): F,
        ("logging.events", "logging:calls"): F,
        ("logging.events", "logging:config_changes"): U,
        ("logging.events", "logging:access_attempts"): U,
        ("logging.forwarding", "logging"): U,
    }


def test_insecure_evidence_points_at_file_and_line() -> None:
    found = findings(INSECURE)
    udp = found[("signalling.tls", "transport:udp:0.0.0.0:5060")]
    assert where(udp, "bind") == (f"{IN}/kamailio.cfg", 10)
    versions = found[("signalling.tls_min_version", "transport:tls:0.0.0.0:5061")]
    assert where(versions, "tls_versions") == (f"{IN}/tls.cfg", 3)
    assert "TLSv1.0" in versions.message
    verify = found[("signalling.tls_peer_verification", "transport:tls:0.0.0.0:5061")]
    assert where(verify, "verify_peer") == (f"{IN}/tls.cfg", 11)
    ciphers = found[("signalling.tls_weak_ciphers", "transport:tls:0.0.0.0:5061")]
    assert where(ciphers, "weak_ciphers") == (f"{IN}/tls.cfg", 6)
    rpc = found[("management.not_exposed", "management:jsonrpc-http")]
    assert where(rpc, "acl") == (f"{IN}/kamailio.cfg", 44)  # the route that dispatches
    guest = found[("sip.endpoint_authentication", "endpoint:any-caller")]
    assert "no auth module loaded" in guest.evidence[0].note
    problems = load_target(INSECURE).problems
    assert [(p.line, p.message) for p in problems] == [
        (29, f"tls config /etc/kamailio/tls.cfg read from the scanned tree as {INSECURE}/tls.cfg")]


def test_hardened_exact_findings() -> None:
    assert statuses(HARDENED) == {
        **NO_ADMINS,
        ("signalling.tls", "transport:tls:192.0.2.10:5061"): P,
        ("signalling.tls", "transport:udp:127.0.0.1:5060"): P,
        ("signalling.tls13", "transport:tls:192.0.2.10:5061"): P,
        ("signalling.tls_min_version", "transport:tls:192.0.2.10:5061"): P,
        ("signalling.tls_peer_verification", "transport:tls:192.0.2.10:5061"): P,
        ("signalling.tls_weak_ciphers", "transport:tls:192.0.2.10:5061"): P,
        ("signalling.tls_mutual_auth", "transport:tls:192.0.2.10:5061"): P,
        # subscribers live in the database: endpoints are not in the config
        ("media.srtp_mandatory", "system"): U,
        ("media.no_sdes_cleartext", "system"): U,
        ("media.srtp_weak_parameters", "system"): U,
        ("sip.endpoint_authentication", "system"): U,
        ("dialplan.guest_outbound", "system"): U,
        ("dialplan.guest_voicemail", "system"): U,
        ("management.not_exposed", "management:ctl-binrpc"): P,
        ("management.tls", "management:ctl-binrpc"): P,
        ("management.login_required", "management:ctl-binrpc"): U,
        ("logging.events", "logging:calls"): P,
        ("logging.events", "logging:config_changes"): U,
        ("logging.events", "logging:access_attempts"): U,
        ("logging.forwarding", "logging"): U,
    }


def test_hardened_evidence_follows_defines_and_includes() -> None:
    found = findings(HARDENED)
    tls = found[("signalling.tls", "transport:tls:192.0.2.10:5061")]
    assert where(tls, "protocol") == (f"{HA}/kamailio.cfg", 11)  # SIP_ADDR from #!substdef
    assert found[("signalling.tls13", "transport:tls:192.0.2.10:5061")].evidence[0].source \
        == found[("signalling.tls_min_version", "transport:tls:192.0.2.10:5061")] \
        .evidence[0].source
    assert where(found[("signalling.tls13", "transport:tls:192.0.2.10:5061")],
                 "tls_versions") == (f"{HA}/tls.cfg", 2)
    calls = found[("logging.events", "logging:calls")]
    assert where(calls, "calls") == (f"{HA}/modules.cfg", 7)
    [problem] = load_target(HARDENED).problems
    assert problem.level is ProblemLevel.WARNING and problem.message.endswith("WITH_DEBUG")


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).write_text(text)
    return root / "kamailio.cfg"


def test_preprocessor_directives_comments_and_includes(tmp_path: Path) -> None:
    write(tmp_path, {
        "kamailio.cfg": (
            "#!KAMAILIO\n#!define WITH_TLS\n#!trydef MY_PORT 5070\n#!trydef MY_PORT 9999\n"
            "!!define LAN 10.1.2.3\n"
            "/* listen=udp:0.0.0.0:5060\n   still a comment */\n"
            "listen=udp:LAN:MY_PORT // the phones\n"
            "#!ifndef WITH_TLS\nlisten=udp:0.0.0.0:5060\n#!else\nlisten=tls:LAN:5061\n"
            "#!endif\n"
            "# listen=tcp:0.0.0.0:5060\n"
            'import_file "missing-local.cfg"\n'
            'include_file "tls-part.cfg"\n'
            "disable_tcp=yes\n"),
        "tls-part.cfg": 'enable_tls=yes\nloadmodule "tls.so"\n',
    })
    result = KamailioSource().load(tmp_path)
    assert result.problems == ()
    transports = {t.name: t for t in result.system.transports}
    assert list(transports) == ["udp:10.1.2.3:5070", "tls:10.1.2.3:5061"]
    assert transports["udp:10.1.2.3:5070"].exposure.value is Exposure.INTERNAL
    tls = transports["tls:10.1.2.3:5061"]
    assert tls.tls_versions.value == frozenset({TlsVersion.TLS1_0})  # module default TLSv1
    assert "default TLSv1" in tls.tls_versions.note


def test_missing_include_cycle_and_unreadable_include(tmp_path: Path) -> None:
    main = write(tmp_path, {
        "kamailio.cfg": ('include_file "a.cfg"\ninclude_file "nowhere.cfg"\n'
                         'include_file "binary.cfg"\nlisten=udp:127.0.0.1:5060\n'),
        "a.cfg": 'include_file "kamailio.cfg"\n',
    })
    (tmp_path / "binary.cfg").write_bytes(b"\x00\x01\x02" * 100)
    result = KamailioSource().load(main)
    assert [(Path(p.path or "").name, p.line, p.message) for p in result.problems] == [
        ("a.cfg", 1, "include cycle (kamailio.cfg -> a.cfg -> kamailio.cfg); not followed"),
        ("kamailio.cfg", 2, "include_file nowhere.cfg not found"),
        ("binary.cfg", None, "binary file, expected text"),
    ]
    assert [t.name for t in result.system.transports] == ["udp:127.0.0.1:5060"]


def test_unreadable_main_file_is_one_input_error(tmp_path: Path) -> None:
    (tmp_path / "kamailio.cfg").write_bytes(b'listen=udp:127.0.0.1:5060\n# caf\xe9\n')
    with pytest.raises(InputError) as error:
        KamailioSource().load(tmp_path)
    assert error.value.line == 2 and error.value.message == "not valid UTF-8 text"


def test_unknown_tls_method_is_unknown_not_a_crash(tmp_path: Path) -> None:
    write(tmp_path, {
        "kamailio.cfg": ('enable_tls=yes\nloadmodule "tls.so"\nlisten=tls:127.0.0.1:5061\n'
                         'modparam("tls", "config", "tls.cfg")\n'),
        "tls.cfg": "[server:default]\nmethod = TLSv2.0-ish\n",
    })
    [transport] = KamailioSource().load(tmp_path).system.transports
    assert transport.tls_versions.value is None
    assert transport.tls_versions.note == ("method 'TLSv2.0-ish' not understood by voipscan: "
                                           "TLS versions unknown")
    found = findings(tmp_path)
    assert found[("signalling.tls13", "transport:tls:127.0.0.1:5061")].status is U
    assert found[("signalling.tls_min_version", "transport:tls:127.0.0.1:5061")].status is U


@pytest.mark.parametrize(("method", "versions"), [
    ("TLSv1.2+", {TlsVersion.TLS1_2, TlsVersion.TLS1_3}),
    ("tlsv1.1+", {TlsVersion.TLS1_1, TlsVersion.TLS1_2, TlsVersion.TLS1_3}),
    ("TLSv1.2", {TlsVersion.TLS1_2}),
    ("TLSv1.3", {TlsVersion.TLS1_3}),
    ("SSLv23", {TlsVersion.TLS1_0, TlsVersion.TLS1_1, TlsVersion.TLS1_2, TlsVersion.TLS1_3}),
    ("TLSv1", {TlsVersion.TLS1_0}),
])
def test_tls_methods(method: str, versions: set[TlsVersion]) -> None:
    config = parse_tls_cfg(f"[server:default]\nmethod = {method}\n", "tls.cfg")
    profile = config.profile("server", "default")
    assert profile is not None
    assert method_versions(profile.option("method"), None).value == frozenset(versions)


def test_tls_cfg_profiles_defaults_and_errors(tmp_path: Path) -> None:
    write(tmp_path, {
        "kamailio.cfg": ('enable_tls=1\nloadmodule "tls.so"\nlisten=tls:[2001:db8::5]:5061\n'
                         'listen=tls:192.0.2.7:5061\n'
                         'modparam("tls", "config", "tls.cfg")\n'
                         'modparam("tls", "tls_method", "TLSv1.2+")\n'),
        "tls.cfg": ("orphan = 1\n[server:192.0.2.7:5061]\nmethod = TLSv1.1\n"
                    "[client:default]\nverify_certificate = yes\n[client:default]\n"),
    })
    result = KamailioSource().load(tmp_path)
    assert [(p.line, p.message) for p in result.problems] == [
        (1, "not a [server:...]/[client:...] header or a key = value line"),
        (6, "[client:default] defined twice: Kamailio refuses the file")]
    v6, v4 = result.system.transports
    assert v6.bind.value == "[2001:db8::5]:5061"
    assert v6.tls_versions.value == frozenset({TlsVersion.TLS1_2, TlsVersion.TLS1_3})
    assert v6.tls_versions.source is not None and v6.tls_versions.source.line == 6
    assert v4.tls_versions.value == frozenset({TlsVersion.TLS1_1})
    assert v4.verify_peer.value is True


def test_listen_without_enabled_protocol_is_reported(tmp_path: Path) -> None:
    write(tmp_path, {"kamailio.cfg": "listen=tls:127.0.0.1:5061\nlisten=127.0.0.1\n"
                                     "enable_tls=yes\n"})
    result = KamailioSource().load(tmp_path)
    assert [t.name for t in result.system.transports] == ["udp:127.0.0.1:5060",
                                                          "tcp:127.0.0.1:5060"]
    assert [p.message for p in result.problems] == [
        "enable_tls=yes but tls.so is not loaded: Kamailio does not start with TLS",
        "listen=tls:127.0.0.1 ignored: enable_tls is off or tls.so not loaded"]


def test_detection(tmp_path: Path) -> None:
    source = KamailioSource()
    assert source.detect(INSECURE) and source.detect(INSECURE / "kamailio.cfg")
    assert not source.detect(INSECURE / "tls.cfg")
    (tmp_path / "edge.cfg").write_text('#!KAMAILIO\nloadmodule "tm.so"\n')
    (tmp_path / "other.cfg").write_text("[section]\nkey=value\n")
    assert source.detect(tmp_path / "edge.cfg") and not source.detect(tmp_path / "other.cfg")
    assert detect(HARDENED).name == "kamailio"
    assert detect(ROOT / "samples" / "freeswitch" / "insecure").name == "freeswitch"


STOCK_FINDINGS = {
    **NO_ADMINS,
    ("signalling.tls", "transport:udp:*:5060"): F,
    ("signalling.tls", "transport:tcp:*:5060"): F,
    ("signalling.tls13", "system"): NA,
    ("signalling.tls_min_version", "system"): NA,
    ("signalling.tls_peer_verification", "system"): NA,
    ("signalling.tls_weak_ciphers", "system"): NA,
    ("signalling.tls_mutual_auth", "system"): NA,
    ("media.srtp_mandatory", "endpoint:any-caller"): U,
    ("media.no_sdes_cleartext", "endpoint:any-caller"): U,
    ("media.srtp_weak_parameters", "endpoint:any-caller"): U,
    ("sip.endpoint_authentication", "endpoint:any-caller"): F,
    ("dialplan.guest_outbound", "endpoint:any-caller"): U,
    ("dialplan.guest_voicemail", "endpoint:any-caller"): U,
    ("management.not_exposed", "management:ctl-binrpc"): P,
    ("management.tls", "management:ctl-binrpc"): P,
    ("management.login_required", "management:ctl-binrpc"): U,
    ("logging.events", "logging:calls"): P,
    ("logging.events", "logging:config_changes"): U,
    ("logging.events", "logging:access_attempts"): U,
    ("logging.forwarding", "logging"): U,
}


def installed() -> Path:
    if not (INSTALLED / "kamailio.cfg").is_file():
        pytest.skip("no /etc/kamailio/kamailio.cfg on this machine")
    return INSTALLED


def test_installed_stock_config() -> None:
    # Debian's kamailio.cfg: no listen= (every address, UDP and TCP), WITH_* switches off
    assert statuses(installed()) == STOCK_FINDINGS
    [problem] = load_target(INSTALLED).problems
    assert "WITH_TLS" in problem.message and "WITH_AUTH" in problem.message


def test_installed_stock_config_with_tls_switched_on(tmp_path: Path) -> None:
    tree = tmp_path / "kamailio"
    shutil.copytree(installed(), tree)
    cfg = tree / "kamailio.cfg"
    cfg.write_text(cfg.read_text().replace("#!KAMAILIO\n", "#!KAMAILIO\n#!define WITH_TLS\n", 1))
    system = load_target(tree).system
    tls = next(t for t in system.transports if t.protocol.value is SipProtocol.TLS)
    assert tls.name == "tls:*:5061"
    assert tls.tls_versions.value == frozenset({TlsVersion.TLS1_2, TlsVersion.TLS1_3})
    assert tls.verify_peer.value is True  # [client:default] verify_certificate = yes
    assert tls.client_cert_required.value is False  # [server:default] require no
    assert tls.weak_ciphers.value == ()


def test_statements_not_understood_are_named_not_echoed(tmp_path: Path) -> None:
    write(tmp_path, {"kamailio.cfg": 'listen=udp:127.0.0.1:notaport\n'
                                     'modparam("acc_db")\n'})
    result = KamailioSource().load(tmp_path)
    assert [(p.line, p.message) for p in result.problems] == [
        (1, "listen statement not understood; not checked"),
        (2, "modparam statement not understood; not checked")]


MINIMAL = '#!KAMAILIO\nloadmodule "sl.so"\nlisten=udp:127.0.0.1:5060\n'


@pytest.mark.parametrize("below", ["kamailio", "etc/kamailio", "usr/local/etc/kamailio"])
def test_load_finds_kamailio_cfg_in_an_etc_layout(tmp_path: Path, below: str) -> None:
    tree = tmp_path / below
    tree.mkdir(parents=True)
    (tree / "kamailio.cfg").write_text(MINIMAL)
    assert find_main(tmp_path) == tree / "kamailio.cfg"
    result = KamailioSource().load(tmp_path)  # as with --pbx kamailio on the copied root
    assert not result.fatal and result.target.name == str(tree)
    assert [t.name for t in result.system.transports] == ["udp:127.0.0.1:5060"]
    assert result.system.platform.source is not None
    assert result.system.platform.source.location == str(tree / "kamailio.cfg")


def test_load_without_kamailio_cfg_is_one_input_error(tmp_path: Path) -> None:
    (tmp_path / "etc").mkdir()
    assert find_main(tmp_path) is None
    with pytest.raises(InputError) as error:
        KamailioSource().load(tmp_path)
    assert "no kamailio.cfg here" in error.value.message


def accounts(tmp_path: Path, files: dict[str, str]) -> dict[str, Finding]:
    write(tmp_path, files)
    found = run_check(KamailioSource().load(tmp_path), CheckRef("credentials.default_or_weak"),
                      dt.datetime.now(dt.UTC))
    return {f.resource: f for f in found}


def test_database_urls_and_kamctlrc_passwords_are_judged(tmp_path: Path) -> None:
    found = accounts(tmp_path, {
        "kamailio.cfg": (
            MINIMAL + '#!define DBURL "mysql://kamailio:kamailiorw@localhost/kamailio"\n'
            'loadmodule "usrloc.so"\nloadmodule "auth_db.so"\nloadmodule "acc.so"\n'
            'modparam("usrloc", "db_url", DBURL)\nmodparam("auth_db", "db_url", DBURL)\n'
            'modparam("acc", "db_url", "postgres://acc:Zq8!vR2#kLw9@db.example.org/cdr")\n'
            'modparam("dialog", "db_url", "text:///etc/kamailio/dbtext")\n'),
        "kamctlrc": ('DBENGINE=MYSQL\n# DBRWPW="kamailiorw"\nDBROUSER=reader\n'
                     'DBROPW="r3ad"  # the read-only account\nDBROOTPW=${ROOT_PW}\n'),
    })
    assert {name: f.status for name, f in found.items() if name.startswith("service:")} == {
        "service:db:kamailio@localhost/kamailio": Status.FAIL,  # the shipped kamailiorw
        "service:db:acc@db.example.org/cdr": Status.PASS,
        "service:db:reader@localhost/kamailio": Status.FAIL,  # short
        "service:db:root@localhost/kamailio": Status.UNKNOWN,  # a placeholder
    }
    shipped = found["service:db:kamailio@localhost/kamailio"]
    assert shipped.message == "Vendor default secret."
    def at(finding: Finding) -> tuple[str, int | None]:
        source = finding.evidence[0].source
        assert source is not None
        return Path(source.location).name, source.line

    assert at(shipped) == ("kamailio.cfg", 8)  # the first module that uses it
    assert at(found["service:db:reader@localhost/kamailio"]) == ("kamctlrc", 4)
    assert "kamailiorw" not in repr(found) and "Zq8!vR2#kLw9" not in repr(found)


def management(tmp_path: Path, cfg: str) -> dict[str, ManagementInterface]:
    write(tmp_path, {"kamailio.cfg": cfg})
    return {m.name: m for m in KamailioSource().load(tmp_path).system.management}


RPC_MODULES = ('#!KAMAILIO\nlisten=tcp:0.0.0.0:5060\nloadmodule "xhttp.so"\n'
               'loadmodule "jsonrpcs.so"\nmodparam("jsonrpcs", "transport", 1)\n'
               'loadmodule "xmlrpc.so"\n')


def test_rpc_modules_no_route_dispatches_are_not_exposed(tmp_path: Path) -> None:
    found = management(tmp_path, RPC_MODULES + 'request_route {\n\tsl_send_reply(404, "No");\n}\n')
    assert found["jsonrpc-http"].enabled.value is False
    assert "no event_route[xhttp:request] calls jsonrpc_dispatch()" in \
        found["jsonrpc-http"].enabled.note
    assert found["xmlrpc"].enabled.value is False
    assert statuses(tmp_path)[("management.not_exposed", "system")] is NA


def test_rpc_modules_a_route_dispatches_are_exposed(tmp_path: Path) -> None:
    found = management(tmp_path, RPC_MODULES + (
        'modparam("xmlrpc", "route", "XMLRPC")\n'
        "request_route {\n\tsl_send_reply(404, \"No\");\n}\n"
        "route[XMLRPC] {\n\tdispatch_rpc();\n}\n"
        "event_route[xhttp:request] {\n\tif (src_ip != 127.0.0.1) { exit; }\n"
        "\tjsonrpc_dispatch();\n}\n"))
    assert found["jsonrpc-http"].enabled.value is True
    assert found["jsonrpc-http"].acl.value is True
    assert found["xmlrpc"].enabled.value is True and found["xmlrpc"].acl.value is False
    assert found["xmlrpc"].login_required.value is False
    found_statuses = statuses(tmp_path)
    assert found_statuses[("management.not_exposed", "management:xmlrpc")] is F
    assert found_statuses[("management.not_exposed", "management:jsonrpc-http")] is P


@pytest.mark.parametrize(("settings", "expected", "shown"), [
    ("", Status.FAIL, "server_header not set: Server: kamailio (<version>"),
    ('server_header="Server: kamailio 5.6.3"\nuser_agent_header="User-Agent: SIP"\n',
     Status.FAIL, "server_header Server: kamailio 5.6.3"),
    ('server_signature=no\nuser_agent_header="User-Agent: proxy"\n', Status.PASS, ""),
    ('server_signature=no\n', Status.FAIL, "user_agent_header not set"),
])
def test_version_disclosure_from_server_header_and_signature(
        tmp_path: Path, settings: str, expected: Status, shown: str) -> None:
    write(tmp_path, {"kamailio.cfg": MINIMAL + settings})
    [finding] = run_check(KamailioSource().load(tmp_path), CheckRef("sip.version_disclosure"),
                          dt.datetime.now(dt.UTC))
    assert finding.status is expected
    assert shown in finding.message


def test_options_answered_before_authentication_cite_the_reply(tmp_path: Path) -> None:
    write(tmp_path, {"kamailio.cfg": MINIMAL + (
        "request_route {\n\troute(REQINIT);\n}\n"
        "route[REQINIT] {\n\t# keepalives\n\n"
        '\tif(is_method("OPTIONS") && uri==myself && $rU==$null) {\n'
        '\t\tsl_send_reply("200", "Keepalive");\n\t\texit;\n\t}\n}\n')})
    [caller] = KamailioSource().load(tmp_path).system.endpoints
    options = caller.unauthenticated_options
    assert options.value is True
    assert options.source is not None and options.source.line == 10  # the is_method line

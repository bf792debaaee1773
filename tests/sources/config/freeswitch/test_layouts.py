"""FreeSWITCH trees laid out as real deployments keep them: users where FreeSWITCH finds them,
Sofia profiles that no sofia.conf.xml includes, a packaged tree overlaid by a few files."""

from __future__ import annotations

from pathlib import Path

from tests.sources.config.freeswitch.helpers import F, P, U, statuses
from tests.sources.config.freeswitch.test_preprocess import build
from voipscan.errors import ProblemLevel
from voipscan.facts import AuthType, Endpoint, EndpointKind, MediaEncryption, SipProtocol
from voipscan.sources.config.freeswitch.preprocess import STOCK_ROOT
from voipscan.sources.config.freeswitch.source import FreeswitchSource
from voipscan.sources.interface import SourceResult

USER = ('<user id="{id}"><params><param name="password" value="{password}"/></params>'
        "</user>\n")
PROFILE = """<profile name="{name}">
  <settings>
    <param name="auth-calls" value="true"/>
    <param name="tls" value="true"/>
    <param name="tls-only" value="false"/>
    <param name="tls-verify-policy" value="none"/>
    <param name="tls-version" value="tlsv1.2"/>
  </settings>
</profile>
"""
DIRECTORY = ('<include>\n<domain name="example.org">\n<params>\n'
             '<param name="dial-string" value="x"/>\n</params>\n'
             + USER.format(id="1000", password="Long-Enough-Pass-1")
             + USER.format(id="1001", password="1001")
             + "</domain>\n</include>\n")


def full(root: Path, files: dict[str, str]) -> Path:
    """A tree whose freeswitch.xml includes vars.xml, autoload_configs, dialplan, directory."""
    return build(root, {"vars.xml": "<include>\n</include>\n", **files,
                        "freeswitch.xml": STOCK_ROOT})


def load(root: Path) -> SourceResult:
    result = FreeswitchSource().load(root)
    assert not result.fatal
    return result


def warnings(result: SourceResult) -> list[str]:
    return [p.message for p in result.problems if p.level is ProblemLevel.WARNING]


def phones(result: SourceResult) -> dict[str, Endpoint]:
    return {e.name: e for e in result.system.endpoints if e.kind is EndpointKind.PHONE}


def test_users_right_under_the_domain_are_found(tmp_path: Path) -> None:
    # what the line-based pre-processor leaves when an include shares a line with <groups>:
    # the <groups>, <group> and <users> of that line are consumed with it
    build(tmp_path, {
        "vars.xml": "<include>\n</include>\n",
        "directory/default.xml": (
            '<include>\n<domain name="example.org">\n'
            '<groups><group name="default"><users><X-PRE-PROCESS cmd="include" '
            'data="default/*.xml"/></users></group></groups>\n</domain>\n</include>\n'),
        "directory/default/1000.xml": "<include>\n"
                                      + USER.format(id="1000", password="Long-Enough-Pass-1")
                                      + "</include>\n",
        "directory/default/1001.xml": "<include>\n" + USER.format(id="1001", password="1001")
                                      + "</include>\n",
    })
    (tmp_path / "freeswitch.xml").write_text(
        '<document type="freeswitch/xml">\n<X-PRE-PROCESS cmd="include" data="vars.xml"/>\n'
        '<section name="directory">\n<X-PRE-PROCESS cmd="include" data="directory/*.xml"/>\n'
        "</section>\n</document>\n")
    result = load(tmp_path)
    assert set(phones(result)) == {"1000", "1001"}
    found = statuses(tmp_path)
    assert found[("credentials.default_or_weak", "endpoint:1001")] is F
    assert found[("credentials.default_or_weak", "endpoint:1000")] is P


def test_groups_first_then_the_domain_and_one_user_per_id(tmp_path: Path) -> None:
    build(tmp_path, {"directory/d.xml": (
        '<include>\n<domain name="d">\n'
        '<groups><group name="g"><users>\n' + USER.format(id="1000", password="First-Pass-Long1")
        + '<user id="1002" type="pointer"/>\n</users></group></groups>\n'
        "<users>\n" + USER.format(id="1000", password="1000")
        + USER.format(id="1002", password="Long-Enough-Pass-2") + "</users>\n"
        + USER.format(id="1003", password="Long-Enough-Pass-3")
        + "</domain>\n</include>\n")})
    (tmp_path / "freeswitch.xml").write_text(
        '<document type="freeswitch/xml">\n<section name="directory">\n'
        '<X-PRE-PROCESS cmd="include" data="directory/*.xml"/>\n</section>\n</document>\n')
    users = phones(load(tmp_path))
    assert set(users) == {"1000", "1002", "1003"}
    first = users["1000"].secret.value
    assert first is not None and first.length == len("First-Pass-Long1")


def test_an_overlay_of_the_packaged_tree_is_judged(tmp_path: Path) -> None:
    # no freeswitch.xml, vars.xml or sofia.conf.xml: sip_profiles/, directory/, acl.conf.xml
    build(tmp_path, {
        "sip_profiles/internal.xml": PROFILE.format(name="internal").replace(
            'value="tlsv1.2"', 'value="$${sip_tls_version}"'),
        "directory/default.xml": DIRECTORY,
        "acl.conf.xml": ('<configuration name="acl.conf">\n<network-lists>\n'
                         '<list name="domains" default="deny"/>\n</network-lists>\n'
                         "</configuration>\n"),
    })
    (tmp_path / "freeswitch.xml").unlink()
    result = load(tmp_path)
    assert {t.name for t in result.system.transports} == {
        "internal-udp", "internal-tcp", "internal-tls"}
    tls = next(t for t in result.system.transports if t.name == "internal-tls")
    assert tls.verify_peer.value is False and tls.client_cert_required.value is False
    assert tls.tls_versions.value is None  # $${sip_tls_version}: the packaged vars.xml
    assert set(phones(result)) == {"1000", "1001"}
    found = statuses(tmp_path)
    assert found[("signalling.tls", "transport:internal-udp")] is F  # tls-only=false
    assert found[("signalling.tls_peer_verification", "transport:internal-tls")] is F
    assert found[("media.srtp_mandatory", "endpoint:1000")] is F  # rtp_secure_media unset
    text = "\n".join(warnings(result))
    assert "read as an overlay of the packaged configuration" in text
    assert "sofia.conf.xml not found: Sofia profiles read from " \
           f"{tmp_path}/sip_profiles/internal.xml" in text
    assert "acl.conf.xml read as if in autoload_configs/" in text
    assert "$${sip_tls_version} and other variables come from the packaged vars.xml" in text


def test_profiles_kept_elsewhere_are_found_and_reported(tmp_path: Path) -> None:
    build(tmp_path, {
        "vars.xml": "<include>\n</include>\n",
        "sofia/profiles/edge.xml": "<include>\n" + PROFILE.format(name="edge") + "</include>\n",
        "directory/default.xml": DIRECTORY,
    })
    (tmp_path / "freeswitch.xml").unlink()
    result = load(tmp_path)
    assert {t.name for t in result.system.transports} == {"edge-udp", "edge-tcp", "edge-tls"}
    assert any(f"read from {tmp_path}/sofia/profiles/edge.xml" in w for w in warnings(result))


def test_profiles_outside_profiles_are_judged_with_a_warning(tmp_path: Path) -> None:
    # an include sharing its line with <profiles> consumes that element
    build(tmp_path, {
        "vars.xml": "<include>\n</include>\n",
        "autoload_configs/sofia.conf.xml": (
            '<configuration name="sofia.conf">\n<profiles><X-PRE-PROCESS cmd="include" '
            'data="../sip_profiles/*.xml"/></profiles>\n</configuration>\n'),
        "sip_profiles/internal.xml": PROFILE.format(name="internal"),
    })
    result = load(tmp_path)
    assert {t.name for t in result.system.transports} == {
        "internal-udp", "internal-tcp", "internal-tls"}
    assert any("<profile> elements outside <profiles>, which mod_sofia does not load"
               in w for w in warnings(result))


def test_sofia_conf_that_loads_no_profile_falls_back_to_sip_profiles(tmp_path: Path) -> None:
    build(tmp_path, {
        "vars.xml": "<include>\n</include>\n",
        "autoload_configs/sofia.conf.xml": (
            '<configuration name="sofia.conf">\n<profiles>\n<X-PRE-PROCESS cmd="include" '
            'data="/etc/fs/profiles/*.xml"/>\n</profiles>\n</configuration>\n'),
        "sip_profiles/internal.xml": PROFILE.format(name="internal"),
    })
    result = load(tmp_path)
    assert result.system.transports_known
    assert len(result.system.transports) == 3
    assert any("sofia.conf.xml loads no profile" in w for w in warnings(result))


def test_directory_users_are_judged_when_no_profile_is_found(tmp_path: Path) -> None:
    full(tmp_path, {"directory/default.xml": DIRECTORY})
    result = load(tmp_path)
    assert not result.system.transports_known
    assert result.system.endpoints_known
    endpoints = {e.name: e for e in result.system.endpoints}
    assert set(endpoints) == {"1000", "1001", "unknown-profiles"}
    unknown = endpoints["unknown-profiles"]
    assert unknown.kind is EndpointKind.GUEST and unknown.auth_type.value is None
    found = statuses(tmp_path)
    assert found[("credentials.default_or_weak", "endpoint:1001")] is F
    assert found[("sip.endpoint_authentication", "endpoint:1000")] is P
    # what guests of the unknown profiles can do stays unknown, not "no guest"
    assert found[("sip.endpoint_authentication", "endpoint:unknown-profiles")] is U
    assert found[("dialplan.guest_outbound", "endpoint:unknown-profiles")] is U


def test_a_top_file_rooted_in_include_is_read_with_a_warning(tmp_path: Path) -> None:
    build(tmp_path, {
        "vars.xml": "<include>\n</include>\n",
        "directory/default.xml": DIRECTORY,
        "autoload_configs/sofia.conf.xml": (
            '<configuration name="sofia.conf">\n<profiles>\n'
            + PROFILE.format(name="internal") + "</profiles>\n</configuration>\n"),
    })
    (tmp_path / "freeswitch.xml").write_text(
        "<include>\n"
        '  <X-PRE-PROCESS cmd="include" data="vars.xml"/>\n'
        '  <section name="configuration">\n'
        '    <X-PRE-PROCESS cmd="include" data="autoload_configs/*.xml"/>\n  </section>\n'
        '  <section name="directory">\n'
        '    <X-PRE-PROCESS cmd="include" data="directory/*.xml"/>\n  </section>\n'
        "</include>\n")
    result = load(tmp_path)
    assert set(phones(result)) == {"1000", "1001"}
    assert len(result.system.transports) == 3
    [problem] = [p for p in result.problems if "no <document> element" in p.message]
    assert problem.level is ProblemLevel.WARNING and problem.line == 3
    assert "markup outside of root element" in problem.message


def test_sdes_accepted_from_phones_is_judged_on_cleartext_profiles(tmp_path: Path) -> None:
    # rtp_secure_media unset: a phone's SDES offer is taken (keys over UDP/TCP, every built-in
    # suite), calls to it are offered plain RTP
    full(tmp_path, {
        "autoload_configs/sofia.conf.xml": (
            '<configuration name="sofia.conf">\n<profiles>\n'
            '<profile name="lan"><settings><param name="auth-calls" value="true"/>'
            "</settings></profile>\n</profiles>\n</configuration>\n"),
        "directory/default.xml": DIRECTORY,
    })
    phone = phones(load(tmp_path))["1000"]
    assert phone.media_encryption.value is MediaEncryption.SDES
    assert phone.media_encryption_mandatory.value is False
    weak = phone.srtp_weak_parameters.value
    assert weak is not None and "AES_CM_128_NULL_AUTH" in weak
    found = statuses(tmp_path)
    assert found[("media.no_sdes_cleartext", "endpoint:1000")] is F
    assert found[("media.srtp_weak_parameters", "endpoint:1000")] is F
    assert found[("media.srtp_mandatory", "endpoint:1000")] is F


def test_gateways_of_directory_users_in_parsed_domains(tmp_path: Path) -> None:
    gateway = ('<user id="carrier"><gateways><gateway name="carrier">'
               '<param name="username" value="acct"/><param name="password" value="password"/>'
               "</gateway></gateways></user>\n")
    full(tmp_path, {
        "autoload_configs/sofia.conf.xml": (
            '<configuration name="sofia.conf">\n<profiles>\n'
            '<profile name="wan"><domains><domain name="all" parse="true"/></domains>'
            '<settings><param name="auth-calls" value="true"/></settings></profile>\n'
            '<profile name="lan"><domains><domain name="all" parse="true"/></domains>'
            '<settings><param name="auth-calls" value="true"/></settings></profile>\n'
            "</profiles>\n</configuration>\n"),
        "directory/default.xml": DIRECTORY.replace("</domain>", gateway + "</domain>"),
    })
    endpoints = [e for e in load(tmp_path).system.endpoints if e.kind is EndpointKind.TRUNK]
    assert [e.name for e in endpoints] == ["gateway:carrier"]  # loaded once, by "wan"
    [trunk] = endpoints
    assert trunk.secret.value is not None and trunk.secret.value.common
    assert trunk.transports.value == frozenset({SipProtocol.UDP})
    assert trunk.auth_type.value is AuthType.DIGEST


def test_gateways_of_unparsed_domains_are_not_loaded(tmp_path: Path) -> None:
    gateway = ('<user id="carrier"><gateways><gateway name="carrier">'
               '<param name="password" value="password"/></gateway></gateways></user>\n')
    full(tmp_path, {
        "autoload_configs/sofia.conf.xml": (
            '<configuration name="sofia.conf">\n<profiles>\n'
            '<profile name="lan"><domains><domain name="all" alias="true" parse="false"/>'
            '</domains><settings><param name="auth-calls" value="true"/></settings>'
            "</profile>\n</profiles>\n</configuration>\n"),
        "directory/default.xml": DIRECTORY.replace("</domain>", gateway + "</domain>"),
    })
    assert not [e for e in load(tmp_path).system.endpoints if e.kind is EndpointKind.TRUNK]
    assert statuses(tmp_path)[("media.srtp_weak_parameters", "endpoint:1000")] is F

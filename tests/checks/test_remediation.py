"""Every check's remediation, rendered for every platform and kind of resource, names the
configuration files of that platform and fits the resource it is shown for."""

from __future__ import annotations

import re

import pytest

from voipscan.checks import REGISTRY, Check, resources

ASTERISK_FILES = frozenset({
    "pjsip.conf", "pjsip_wizard.conf", "sip.conf", "iax.conf", "users.conf", "manager.conf",
    "http.conf", "ari.conf", "acl.conf", "cli_permissions.conf", "extensions.conf",
    "voicemail.conf", "logger.conf", "cdr.conf", "cel.conf", "modules.conf"})
FILES_OF = {
    "asterisk": ASTERISK_FILES,
    "freepbx": ASTERISK_FILES | {"manager_custom.conf"},
    "kamailio": frozenset({"kamailio.cfg", "tls.cfg", "kamctlrc"}),
}
FILE = re.compile(r"[\w-]+(?:\.[\w-]+)*\.(?:conf|xml|cfg)\b|kamctlrc")
PLATFORMS = ("asterisk", "freepbx", "freeswitch", "kamailio", "export", None)
ENDPOINTS = ("endpoint:100", "endpoint:iax:guest")
MANAGEMENT = ("management:ami", "management:http", "management:event-socket",
              "management:xml-rpc", "management:admin-gui")
ADMINS = ("admin:admin", "admin:ari/app", "admin:cli/ops", "admin:ami/admin",
          "admin:event-socket", "admin:xml-rpc:freeswitch")
# what each resource set names its resources (the whole system: see _resources)
RESOURCES_OF = {
    resources.TRANSPORTS.name: ("transport:transport-tls",),
    resources.TLS_TRANSPORTS.name: ("transport:transport-tls",),
    resources.ENDPOINTS.name: ENDPOINTS,
    resources.UNAUTHENTICATED_ENDPOINTS.name: ENDPOINTS,
    resources.WEB_ENDPOINTS.name: ENDPOINTS,
    resources.ADMINS.name: ADMINS,
    resources.USERS.name: ("user:201",),
    resources.ENABLED_MANAGEMENT.name: MANAGEMENT,
    resources.RECORDING.name: ("recording",),
    resources.CAPTURE.name: ("capture", "flow:udp 10.0.0.5:5060 -> 10.0.0.1:5060"),
    resources.DIAL_CONTEXTS.name: ("context:internal",),
}
ACCOUNTS = (*ADMINS, *ENDPOINTS, *MANAGEMENT, "user:201", "voicemail:1234@default")


def _resources(check: Check) -> tuple[str, ...]:
    if check.over is not resources.WHOLE_SYSTEM:
        return RESOURCES_OF[check.over.name]
    if check.id.startswith("credentials."):
        return ("system", "password-policy", *ACCOUNTS)
    return ("system", "logging", "backup", "transport:udp 10.0.0.1:5060")
# (platform, resource prefix) -> what its fix must not send the user to
WRONG_PLACE = {
    ("freeswitch", "management:xml-rpc"): re.compile(r"event.socket", re.IGNORECASE),
    ("freeswitch", "admin:xml-rpc"): re.compile(r"event.socket", re.IGNORECASE),
    ("freeswitch", "management:event-socket"): re.compile(r"xml_rpc", re.IGNORECASE),
    ("asterisk", "admin:ari/"): re.compile(r"manager\.conf"),
    ("asterisk", "admin:cli/"): re.compile(r"manager\.conf|ari\.conf"),
    ("asterisk", "endpoint:iax:"): re.compile(r"pjsip\.conf|sip\.conf"),
    ("asterisk", "management:http"): re.compile(r"manager\.conf"),
}


def _renderings() -> list[tuple[str, str | None, str, str]]:
    return [(check.id, platform, resource, check.remediation_for(platform, resource))
            for check in REGISTRY.values() for platform in PLATFORMS
            for resource in _resources(check)]


def test_each_platform_is_sent_to_its_own_configuration_files() -> None:
    wrong = []
    for check_id, platform, resource, text in _renderings():
        allowed = FILES_OF.get(platform or "")
        for name in FILE.findall(text):
            if platform == "freeswitch" and name.endswith(".xml"):
                continue
            if allowed is None or name not in allowed:
                wrong.append((check_id, platform, resource, name))
    assert not wrong, sorted(set(wrong))


def test_a_resource_is_never_sent_to_another_interface() -> None:
    wrong = []
    for check_id, platform, resource, text in _renderings():
        for (where, prefix), pattern in WRONG_PLACE.items():
            if platform == where and resource.startswith(prefix) and pattern.search(text):
                wrong.append((check_id, platform, resource, pattern.pattern))
    assert not wrong, sorted(set(wrong))


@pytest.mark.parametrize(("check_id", "platform", "resource", "names"), [
    ("management.not_exposed", "freeswitch", "management:xml-rpc", "xml_rpc"),
    ("management.not_exposed", "freeswitch", "management:event-socket", "event_socket"),
    ("management.tls", "freeswitch", "management:xml-rpc", "xml_rpc"),
    ("access.rbac", "asterisk", "admin:ari/app", "ari.conf"),
    ("access.rbac", "asterisk", "admin:admin", "manager.conf"),
    ("access.privileged_access", "asterisk", "admin:ari/app", "ari.conf"),
    ("credentials.default_or_weak", "asterisk", "voicemail:1234@default", "voicemail.conf"),
    ("dialplan.guest_voicemail", "asterisk", "endpoint:iax:guest", "iax.conf"),
])
def test_the_fix_names_the_file_of_the_resource(check_id: str, platform: str, resource: str,
                                                names: str) -> None:
    assert names in REGISTRY[check_id].remediation_for(platform, resource)


def test_a_resource_fix_falls_back_to_the_platform_and_the_default() -> None:
    check = REGISTRY["management.not_exposed"]
    assert check.remediation_for("freeswitch", "management:xml-rpc") != \
        check.remediation_for("freeswitch", "management:event-socket")
    assert check.remediation_for("asterisk", "management:ami") == \
        check.remediation_for("asterisk")
    assert check.remediation_for("3cx", "management:ami") == check.remediation["default"]

"""Management interfaces: a login required, not exposed, and protected by TLS."""

from __future__ import annotations

from collections.abc import Iterator

from voipscan.checks.base import CheckContext, check
from voipscan.checks.findings import Finding, Severity, evidence
from voipscan.checks.resources import ENABLED_MANAGEMENT
from voipscan.facts import Exposure, ManagementInterface


@check(
    id="management.login_required",
    over=ENABLED_MANAGEMENT,
    title="Management interfaces require a login",
    severity=Severity.CRITICAL,
    category="management",
    rationale="An administration interface without authentication hands the PBX, its "
    "trunks and its recordings to anyone who can reach it.",
    remediation={
        "default": "Require authentication on every management interface.",
        "freepbx": "Advanced Settings: Authorization Type (AUTHTYPE) = usermanager or "
        "database, never none.",
        "freeswitch/management:xml-rpc": "autoload_configs/xml_rpc.conf.xml: set auth-realm, "
        "auth-user and a long random auth-pass, or unload mod_xml_rpc in modules.conf.xml.",
    },
)
def login_required(ctx: CheckContext, interface: ManagementInterface) -> Iterator[Finding]:
    yield ctx.judge(
        f"management:{interface.name}", "login_required", interface.login_required,
        good="A login is required.",
        bad="Anyone who reaches it is let in without a login.",
        missing="Not known whether a login is required.",
    )


@check(
    id="management.not_exposed",
    over=ENABLED_MANAGEMENT,
    title="Management interfaces are not exposed beyond loopback or an ACL",
    severity=Severity.HIGH,
    category="management",
    rationale="AMI, ARI, the event socket and admin GUIs give full control of the PBX; "
    "reachable from the network they are brute-forced within hours.",
    remediation={
        "default": "Bind management interfaces to loopback or restrict them with an ACL.",
        "asterisk": "manager.conf: bindaddr=127.0.0.1, or per AMI user deny=0.0.0.0/0.0.0.0 "
        "followed by permit= for the admin hosts (a permit alone, or permit=0.0.0.0/0, "
        "keeps nobody out).",
        "asterisk/management:http": "http.conf: bindaddr=127.0.0.1 (ARI and AMI over HTTP "
        "have no address ACL of their own); put a reverse proxy with an allow-list in front "
        "if remote access is needed.",
        "freeswitch": "autoload_configs/event_socket.conf.xml: listen-ip=127.0.0.1 and "
        "apply-inbound-acl=loopback.auto (or an ACL of admin hosts).",
        "freeswitch/management:xml-rpc": "mod_xml_rpc listens on every interface and has no "
        "ACL: unload it in autoload_configs/modules.conf.xml, or firewall its port "
        "(xml_rpc.conf.xml http-port) to admin hosts.",
        "freepbx": "Restrict the admin GUI with the firewall module to trusted networks.",
        "freepbx/management:ami": "manager.conf (manager_custom.conf): bindaddr=127.0.0.1, "
        "or deny=0.0.0.0/0.0.0.0 and permit= admin hosts for every AMI user.",
    },
)
def not_exposed(ctx: CheckContext, interface: ManagementInterface) -> Iterator[Finding]:
    resource = f"management:{interface.name}"
    exposure = evidence("exposure", interface.exposure)
    acl = evidence("acl", interface.acl)
    if interface.exposure.value is Exposure.LOOPBACK:
        yield ctx.passed(resource, "Bound to loopback.", exposure)
    elif interface.acl.value:
        yield ctx.passed(resource, "Restricted by an ACL.", exposure, acl)
    elif interface.exposure.value is None:
        yield ctx.unknown(resource, "Listening address not known.", exposure, acl)
    elif interface.acl.value is None:
        yield ctx.unknown(resource, f"Listens on {interface.exposure.value.describe()}; "
                          "ACL not known.", exposure, evidence("bind", interface.bind), acl)
    else:
        severity = Severity.CRITICAL if interface.exposure.value in (
            Exposure.PUBLIC, Exposure.NETWORK) else None
        yield ctx.failed(resource, f"Listens on {interface.exposure.value.describe()} "
                         "without an ACL.", exposure, evidence("bind", interface.bind), acl,
                         severity=severity)


@check(
    id="management.tls",
    over=ENABLED_MANAGEMENT,
    title="Management interfaces are protected by TLS",
    severity=Severity.MEDIUM,
    category="management",
    rationale="Management logins over cleartext leak administrator passwords.",
    remediation={
        "default": "Enable TLS on every management interface reachable beyond loopback.",
        "asterisk": "manager.conf: tlsenable=yes with tlscertfile (AMI on port 5039), and "
        "keep the plain listener on 127.0.0.1.",
        "asterisk/management:http": "http.conf: tlsenable=yes with tlscertfile, and "
        "bindaddr=127.0.0.1 for the plain listener.",
        "freeswitch": "The event socket has no TLS: listen on 127.0.0.1 "
        "(autoload_configs/event_socket.conf.xml) and reach it over an SSH tunnel or VPN.",
        "freeswitch/management:xml-rpc": "mod_xml_rpc serves plain HTTP: unload it, or reach "
        "it only through an SSH tunnel or a TLS reverse proxy.",
    },
)
def management_tls(ctx: CheckContext, interface: ManagementInterface) -> Iterator[Finding]:
    resource = f"management:{interface.name}"
    tls = evidence("tls", interface.tls)
    if interface.tls.value:
        yield ctx.passed(resource, "TLS enabled.", tls)
    elif interface.exposure.value is Exposure.LOOPBACK:
        yield ctx.passed(resource, "No TLS, but bound to loopback only.", tls,
                         evidence("exposure", interface.exposure))
    elif interface.tls.value is None:
        yield ctx.unknown(resource, "TLS not known.", tls)
    elif interface.exposure.value is None:
        yield ctx.unknown(resource, "No TLS; whether it is reachable beyond loopback is not "
                          "known.", tls, evidence("bind", interface.bind),
                          evidence("exposure", interface.exposure))
    else:
        yield ctx.failed(resource, "Management traffic in cleartext.", tls,
                         evidence("bind", interface.bind))

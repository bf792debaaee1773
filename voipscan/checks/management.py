"""Management interfaces: not exposed, and protected by TLS."""

from __future__ import annotations

from collections.abc import Iterator

from voipscan.checks.base import CheckContext, Finding, Severity, check, evidence
from voipscan.facts import Exposure, ManagementInterface


def _enabled_interfaces(ctx: CheckContext) -> Iterator[ManagementInterface | Finding]:
    if not ctx.system.management_known:
        yield ctx.unknown("system", "No management interfaces in the evidence.")
        return
    active = [m for m in ctx.system.management if m.enabled.value is not False]
    if not active:
        yield ctx.not_applicable("system", "No management interface enabled.")
    yield from active


@check(
    id="management.not_exposed",
    title="Management interfaces are not exposed beyond loopback or an ACL",
    severity=Severity.HIGH,
    category="management",
    rationale="AMI, ARI, the event socket and admin GUIs give full control of the PBX; "
    "reachable from the network they are brute-forced within hours.",
    remediation={
        "default": "Bind management interfaces to loopback or restrict them with an ACL.",
        "asterisk": "manager.conf/http.conf: bindaddr=127.0.0.1, or permit= only admin hosts.",
        "freeswitch": "event_socket.conf.xml: listen-ip=127.0.0.1 and apply-inbound-acl.",
        "freepbx": "Restrict the admin GUI with the firewall module to trusted networks.",
    },
)
def not_exposed(ctx: CheckContext) -> Iterator[Finding]:
    for item in _enabled_interfaces(ctx):
        if isinstance(item, Finding):
            yield item
            continue
        resource = f"management:{item.name}"
        exposure = evidence("exposure", item.exposure)
        acl = evidence("acl", item.acl)
        if item.exposure.value is Exposure.LOOPBACK:
            yield ctx.passed(resource, "Bound to loopback.", exposure)
        elif item.acl.value:
            yield ctx.passed(resource, "Restricted by an ACL.", exposure, acl)
        elif item.exposure.value is None:
            yield ctx.unknown(resource, "Listening address not known.", exposure, acl)
        elif item.acl.value is None:
            yield ctx.unknown(resource, f"Listens on {item.exposure.value.describe()}; "
                              "ACL not known.", exposure, evidence("bind", item.bind), acl)
        else:
            severity = Severity.CRITICAL if item.exposure.value in (
                Exposure.PUBLIC, Exposure.NETWORK) else None
            yield ctx.failed(resource, f"Listens on {item.exposure.value.describe()} "
                             "without an ACL.", exposure, evidence("bind", item.bind), acl,
                             severity=severity)


@check(
    id="management.tls",
    title="Management interfaces are protected by TLS",
    severity=Severity.MEDIUM,
    category="management",
    rationale="Management logins over cleartext leak administrator passwords.",
    remediation={
        "default": "Enable TLS on every management interface reachable beyond loopback.",
        "asterisk": "manager.conf/http.conf: tlsenable=yes with a certificate.",
        "freeswitch": "Reach the event socket only over an SSH tunnel or VPN.",
    },
)
def management_tls(ctx: CheckContext) -> Iterator[Finding]:
    for item in _enabled_interfaces(ctx):
        if isinstance(item, Finding):
            yield item
            continue
        resource = f"management:{item.name}"
        tls = evidence("tls", item.tls)
        if item.tls.value:
            yield ctx.passed(resource, "TLS enabled.", tls)
        elif item.exposure.value is Exposure.LOOPBACK:
            yield ctx.passed(resource, "No TLS, but bound to loopback only.", tls,
                             evidence("exposure", item.exposure))
        elif item.tls.value is None:
            yield ctx.unknown(resource, "TLS not known.", tls)
        else:
            yield ctx.failed(resource, "Management traffic in cleartext.", tls,
                             evidence("bind", item.bind))

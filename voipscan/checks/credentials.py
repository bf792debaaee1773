"""Credentials: no default or weak secrets, no reuse, administrator password rotation."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from voipscan.checks.base import CheckContext, Param, ParamKind, check
from voipscan.checks.findings import Evidence, Finding, Severity, evidence
from voipscan.checks.resources import WHOLE_SYSTEM
from voipscan.facts import Fact, Mailbox, SecretInfo, System


def secrets_of(system: System) -> Iterator[tuple[str, Fact[SecretInfo]]]:
    """Every secret the system holds, by resource name. Values are never part of it."""
    for admin in system.admins:
        yield f"admin:{admin.name}", admin.password
    for user in system.users:
        yield f"user:{user.name}", user.password
    for endpoint in system.endpoints:
        yield f"endpoint:{endpoint.name}", endpoint.secret
    for account in system.service_accounts:
        yield f"service:{account.name}", account.secret


def _describe(info: SecretInfo) -> str:
    return info.describe()


@check(
    id="credentials.default_or_weak",
    over=WHOLE_SYSTEM,
    title="No default or weak credentials",
    severity=Severity.HIGH,
    category="credentials",
    rationale="Default and short secrets are the first thing SIP scanners and crackers try "
    "(svcrack, sipvicious): a weak SIP secret is toll fraud waiting to happen.",
    remediation={
        "default": "Replace default and weak secrets with random ones of at least the minimum "
        "length; never use the user name or extension as secret.",
        "asterisk": "Change secret= in manager.conf and password= in pjsip auth objects.",
        "freeswitch": "Change default_password in vars.xml, the event socket password "
        "(ClueCon) and every vm-password (never the extension).",
        "freepbx": "Change AMPMGRPASS (amp111) and every extension secret.",
        "asterisk/admin:ari/": "ari.conf: a long random password= for every ARI user "
        "(password_format=crypt keeps it hashed).",
        "asterisk/management:http": "ari.conf: a long random password= for every ARI user.",
        "asterisk/admin:cli/": "Console users log in as unix accounts: give them strong "
        "passwords or keys on the host.",
        "freeswitch/admin:xml-rpc": "autoload_configs/xml_rpc.conf.xml: a long random "
        "auth-pass (never the shipped one), or unload mod_xml_rpc.",
        "freeswitch/management:xml-rpc": "autoload_configs/xml_rpc.conf.xml: a long random "
        "auth-pass (never the shipped one), or unload mod_xml_rpc.",
        "asterisk/voicemail:": "voicemail.conf: give every mailbox a random PIN of at least "
        "the minimum length, never the mailbox number, 1234-style runs or the sample 4242.",
        "asterisk/endpoint:iax:": "iax.conf: secret= a long random value for every user and "
        "peer.",
    },
    params=[Param("min_length", ParamKind.INT, 12, "shortest acceptable secret"),
            Param("min_pin_length", ParamKind.INT, 6, "shortest acceptable voicemail PIN")],
)
def default_or_weak(ctx: CheckContext, system: System) -> Iterator[Finding]:
    minimum = int(ctx.params["min_length"])
    seen = False
    for resource, fact in secrets_of(system):
        if fact.value is None and not fact.note:
            continue
        seen = True
        ev = evidence("secret", fact, _describe)
        info = fact.value
        if info is None:
            yield ctx.unknown(resource, "Secret strength not known.", ev)
        elif info.placeholder:
            yield ctx.unknown(resource, "Placeholder in the config: the real secret is set "
                              "elsewhere.", ev)
        elif not info.present:
            yield ctx.failed(resource, "Empty secret.", ev, severity=Severity.CRITICAL)
        elif info.vendor_default:
            yield ctx.failed(resource, "Vendor default secret.", ev, severity=Severity.CRITICAL)
        elif info.equals_username:
            yield ctx.failed(resource, "Secret equals the user name.", ev,
                             severity=Severity.CRITICAL)
        elif info.common or info.sequential:
            yield ctx.failed(resource, "Common, guessable secret.", ev, severity=Severity.CRITICAL)
        elif info.length is None:
            yield ctx.unknown(resource, "Secret stored hashed; its strength cannot be judged.", ev)
        elif info.length < minimum:
            yield ctx.failed(resource, f"Secret shorter than {minimum} characters.", ev)
        else:
            yield ctx.passed(resource, "Secret is not default and long enough.", ev)
    for iface in system.management:
        if iface.default_credentials.value is None:
            continue
        seen = True
        resource = f"management:{iface.name}"
        ev = evidence("default_credentials", iface.default_credentials)
        if iface.default_credentials.value:
            yield ctx.failed(resource, "Interface accepts vendor default credentials.", ev,
                             severity=Severity.CRITICAL)
        else:
            yield ctx.passed(resource, "No default credentials.", ev)
    for mailbox in system.mailboxes:
        seen = True
        yield _judge_pin(ctx, mailbox, int(ctx.params["min_pin_length"]))
    if not seen:
        yield ctx.unknown("system", "No credentials in the evidence.")


def _judge_pin(ctx: CheckContext, mailbox: Mailbox, minimum: int) -> Finding:
    resource = f"voicemail:{mailbox.name}"
    ev = evidence("pin", mailbox.pin, _describe)
    info = mailbox.pin.value
    if info is None:
        return ctx.unknown(resource, "Voicemail PIN not known.", ev)
    if info.placeholder:
        return ctx.unknown(resource, "Placeholder in the config: the real PIN is set "
                           "elsewhere.", ev)
    if not info.present:
        return ctx.failed(resource, "Mailbox without a PIN.", ev, severity=Severity.CRITICAL)
    if info.equals_username:
        return ctx.failed(resource, "PIN equals the mailbox number.", ev,
                          severity=Severity.CRITICAL)
    if info.vendor_default or info.common:
        return ctx.failed(resource, "Sample or common PIN.", ev, severity=Severity.CRITICAL)
    if info.sequential:
        return ctx.failed(resource, "PIN is a run of digits.", ev, severity=Severity.CRITICAL)
    if info.length is None:
        return ctx.unknown(resource, "PIN stored hashed; its strength cannot be judged.", ev)
    if info.length < minimum:
        return ctx.failed(resource, f"PIN shorter than {minimum} digits.", ev)
    return ctx.passed(resource, "PIN is not the mailbox number, a sample or a run, and long "
                      "enough.", ev)


@check(
    id="credentials.reuse",
    over=WHOLE_SYSTEM,
    title="No secret is shared between accounts",
    severity=Severity.MEDIUM,
    category="credentials",
    rationale="One leaked secret that opens several accounts multiplies the damage.",
    remediation="Give every account and endpoint its own random secret.",
)
def reuse(ctx: CheckContext, system: System) -> Iterator[Finding]:
    groups: dict[str, list[tuple[str, Fact[SecretInfo]]]] = defaultdict(list)
    compared: list[Evidence] = []
    for resource, fact in secrets_of(system):
        info = fact.value
        if info is None or not info.present:
            continue
        if info.reuse_key:
            groups[info.reuse_key].append((resource, fact))
            compared.append(Evidence(resource, "compared", fact.source))
        elif info.reused is not None:
            # the exporter compared secrets itself and told us the outcome
            compared.append(Evidence(resource, "compared by the exporter", fact.source))
            if info.reused:
                yield ctx.failed(resource, "Secret is shared with another account.",
                                 evidence("secret", fact, _describe))
    if not compared:
        yield ctx.unknown("system", "No readable secrets to compare.")
        return
    reused = [members for members in groups.values() if len(members) > 1]
    for members in reused:
        names = ", ".join(r for r, _ in members)
        ev = [Evidence(r, "same secret", f.source) for r, f in members]
        for resource, _ in members:
            yield ctx.failed(resource, f"Secret shared by: {names}.", *ev)
    if not reused and not any(
        f.value is not None and f.value.reused for _, f in secrets_of(system)
    ):
        yield ctx.passed("system", f"{len(compared)} secrets, all distinct.", *compared)


@check(
    id="credentials.admin_rotation",
    over=WHOLE_SYSTEM,
    title="Administrator passwords are rotated",
    severity=Severity.LOW,
    category="credentials",
    rationale="Baselines ask for regular password changes for administrator accounts.",
    remediation="Set a password policy that expires administrator passwords within the "
    "profile's maximum age, and rotate the ones that are older.",
    params=[Param("max_age_days", ParamKind.INT, 90, "longest a password may be kept")],
)
def admin_rotation(ctx: CheckContext, system: System) -> Iterator[Finding]:
    limit = int(ctx.params["max_age_days"])
    policy = system.password_policy.rotation_days
    ev = evidence("password_policy.rotation_days", policy,
                  lambda d: "never" if d <= 0 else f"{d} days")
    if policy.value is None:
        yield ctx.unknown("password-policy", "Password rotation policy not known.", ev)
    elif policy.value <= 0 or policy.value > limit:
        every = "never" if policy.value <= 0 else f"every {policy.value} days"
        yield ctx.failed("password-policy",
                         f"Passwords rotate {every}; at most {limit} days allowed.", ev)
    else:
        yield ctx.passed("password-policy", f"Rotation every {policy.value} days.", ev)
    for admin in system.admins:
        age = admin.password_age_days
        if age.value is not None and age.value > limit:
            yield ctx.failed(f"admin:{admin.name}",
                             f"Password is {age.value} days old; at most {limit} allowed.",
                             evidence("password_age_days", age))

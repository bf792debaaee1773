"""cli_permissions.conf: who may run which CLI commands on the local console socket."""

from __future__ import annotations

from dataclasses import dataclass

from voipscan.facts import AdminInterface, Administrator, Fact, Role
from voipscan.sources.config.asterisk.conf import ConfFile, Section
from voipscan.sources.config.asterisk.manager import no_mfa
from voipscan.sources.config.asterisk.values import default_source


@dataclass(frozen=True)
class CliFacts:
    admins: tuple[Administrator, ...]
    roles: tuple[Role, ...]


def _rules(section: Section) -> list[tuple[str, str]]:
    return [(s.key.lower(), s.value.strip().lower()) for s in section.settings
            if s.key.lower() in ("permit", "deny")]


def _everything(rules: list[tuple[str, str]], default_permit: bool) -> bool:
    """Whether the last rule about 'all' (or the default) leaves every command allowed."""
    verdict = default_permit
    for action, command in rules:
        if command == "all":
            verdict = action == "permit"
    return verdict


def read_cli(conf: ConfFile | None) -> CliFacts:
    if conf is None:
        source = default_source("no cli_permissions.conf: every console user may run "
                                "every command")
        return CliFacts((), (Role("cli default", ("all",), Fact(True, source), source),))
    general = conf.section("general")
    default = general.get("default_perm") if general else None
    default_permit = default is None or default.value.strip().lower() != "deny"
    default_source_ = default.source() if default else default_source(
        "cli_permissions default_perm default permit")
    roles = [Role("cli default", ("all",) if default_permit else (),
                  Fact(default_permit, default_source_), default_source_)]
    admins = []
    for section in conf.objects():
        if section.name.lower() == "general":
            continue
        rules = _rules(section)
        everything = _everything(rules, default_permit)
        permissions = tuple(f"{a}:{c}" for a, c in rules)
        source = section.source(f"[{section.name}] CLI permissions")
        if section.name.startswith("@"):
            roles.append(Role(f"cli {section.name}", permissions, Fact(everything, source),
                              source))
            continue
        admins.append(Administrator(
            name=f"cli/{section.name}", interface=AdminInterface.CLI,
            auth_backend=Fact("unix account", source), mfa=no_mfa(),
            roles=Fact(None, source, "CLI rights are set per user or unix group"),
            permissions=Fact(permissions, source), superuser=Fact(everything, source),
            source=source))
    return CliFacts(tuple(admins), tuple(roles))

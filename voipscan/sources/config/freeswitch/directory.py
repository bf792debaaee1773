"""The user directory: SIP users with their credentials, variables and address bypasses."""

from __future__ import annotations

from dataclasses import dataclass

from voipscan.facts import Fact, SecretInfo
from voipscan.sources.config.freeswitch.config import FsConfig
from voipscan.sources.config.freeswitch.settings import (
    Setting,
    params,
    provenance,
    switch_true,
)
from voipscan.sources.config.freeswitch.srtp import VarSource
from voipscan.sources.config.freeswitch.xmltree import Node

DEFAULT_PASSWORD = "1234"  # stock vars.xml default_password, shared by users 1000-1019


@dataclass(frozen=True)
class DirectoryUser:
    id: str
    domain: str
    node: Node
    params: dict[str, Setting]
    variables: dict[str, Setting]

    @property
    def where(self) -> str:
        return f"directory user {self.id}: "

    @property
    def cidr(self) -> str | None:
        return self.node.attr("cidr")

    def variable(self, name: str) -> str | None:
        found = self.variables.get(name.lower())
        return found.value if found is not None else None

    def var_source(self) -> VarSource:
        return VarSource(f"directory user {self.id}",
                         {s.name: (s.value, s.source) for s in self.variables.values()
                          if s.value is not None})

    def secret(self) -> tuple[Fact[SecretInfo], bool]:
        """The SIP secret as a fact, and whether the user can register without one."""
        a1 = self.params.get("a1-hash")
        if a1 is not None and a1.value:
            return Fact(SecretInfo.hashed(), a1.source, "a1-hash: stored as an MD5 digest"), False
        password = self.params.get("password")
        if password is None or password.value is None:
            note = "no password or a1-hash: the user registers without credentials"
            return Fact(SecretInfo(present=False), provenance(self.node, f"{self.where}user"),
                        note), True
        if password.runtime:
            names = ", ".join(f"$${{{n}}}" for n in password.runtime)
            return Fact(None, password.source, f"password comes from {names}, known only at "
                        "run time"), False
        info = SecretInfo.judge(password.value, username=self.id,
                                vendor_defaults=frozenset({DEFAULT_PASSWORD}))
        return Fact(info, password.source), not info.present


    def mailbox_pin(self) -> Fact[SecretInfo] | None:
        """The voicemail PIN (vm-password), or None when the mailbox has none of its own
        (mod_voicemail then asks for the SIP password, judged as the endpoint's secret) or
        is switched off (vm-enabled false)."""
        enabled = self.params.get("vm-enabled")
        if enabled is not None and enabled.value is not None and not enabled.runtime \
                and not switch_true(enabled.value):
            return None
        hashed = self.params.get("vm-a1-hash")
        if hashed is not None and hashed.value:
            return Fact(SecretInfo.hashed(), hashed.source, "vm-a1-hash: stored as a digest")
        pin = self.params.get("vm-password")
        if pin is None or pin.value is None:
            return None
        if pin.runtime:
            names = ", ".join(f"$${{{n}}}" for n in pin.runtime)
            return Fact(None, pin.source, f"vm-password comes from {names}, known only at "
                        "run time")
        if pin.value == "":
            return Fact(None, pin.source, "vm-password is empty: mod_voicemail falls back to "
                        "the SIP password")
        if pin.value.lower() == "user-choose":
            return Fact(None, pin.source, "vm-password user-choose: the owner picks the PIN "
                        "at the first login")
        return Fact(SecretInfo.judge_pin(pin.value, mailbox=self.id), pin.source)


def _merged(user: Node, outer: list[Node], tag: str, container: str,
            where: str) -> dict[str, Setting]:
    """mod_sofia merges user, then group, then domain: the first to set a name wins."""
    result: dict[str, Setting] = {}
    for node in [user, *outer]:
        for key, value in params(node.child(container), where, tag).items():
            result.setdefault(key, value)
    return result


def _holders(domain: Node) -> list[tuple[Node, list[Node]]]:
    """Where FreeSWITCH looks for a domain's users (switch_xml_locate_user), in its order:
    the ``<users>`` of each group, then the domain's own ``<users>``, then ``<user>``
    elements right under the domain (what is left when the pre-processor consumed a line
    holding ``<groups>`` or ``<users>`` together with an include)."""
    holders: list[tuple[Node, list[Node]]] = []
    groups = domain.child("groups")
    for group in groups.children_named("group") if groups is not None else ():
        container = group.child("users")
        if container is not None:
            holders.append((container, [group, domain]))
    direct = domain.child("users")
    if direct is not None:
        holders.append((direct, [domain]))
    holders.append((domain, [domain]))
    return holders


def directory_users(config: FsConfig) -> list[DirectoryUser] | None:
    section = config.section("directory")
    if section is None:
        return None
    users = []
    for domain in section.descendants("domain"):
        domain_name = domain.attr("name") or ""
        seen: set[str] = set()
        for container, outer in _holders(domain):
            for node in container.children_named("user"):
                user_id = node.attr("id")
                if not user_id or (node.attr("type") or "").lower() == "pointer":
                    continue
                if user_id in seen:  # FreeSWITCH stops at the first user with the id
                    continue
                seen.add(user_id)
                where = f"directory user {user_id}: "
                users.append(DirectoryUser(
                    user_id, domain_name, node,
                    _merged(node, outer, "param", "params", where),
                    _merged(node, outer, "variable", "variables", where),
                ))
    return users


def user_gateways(config: FsConfig, domains: list[str]) -> list[Node]:
    """``<gateway>`` elements of directory users in the named domains ("all": every one), as
    mod_sofia parses them: users right under the domain, then in groups."""
    section = config.section("directory")
    if section is None or not domains:
        return []
    found: list[Node] = []
    for domain in section.descendants("domain"):
        if "all" not in domains and domain.attr("name") not in domains:
            continue
        users = list(domain.children_named("user"))
        groups = domain.child("groups")
        for group in groups.children_named("group") if groups is not None else ():
            for container in group.children_named("users"):
                users += container.children_named("user")
        for user in users:
            gateways = user.child("gateways")
            if gateways is not None:
                found += gateways.children_named("gateway")
    return found


def acl_uses_directory(config: FsConfig, acl_names: set[str]) -> Fact[bool]:
    """Whether one of the ACLs profiles apply is built from the directory (cidr= users)."""
    conf = config.configuration("acl.conf")
    if conf is None:
        return Fact(None, None, "acl.conf.xml not found")
    for acl in conf.descendants("list"):
        if acl.attr("name") in acl_names and any(
                node.attr("domain") is not None for node in acl.children_named("node")):
            return Fact(True, provenance(acl, f"acl list {acl.attr('name')}"))
    return Fact(False, provenance(conf, "acl.conf"), "no applied ACL is built from the directory")

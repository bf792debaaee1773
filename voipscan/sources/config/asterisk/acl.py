"""Asterisk ACLs: ``permit=``/``deny=`` rules and named ``acl=`` lists from acl.conf.

Asterisk lets an address in unless the last rule matching it is a deny (``ast_apply_ha``),
and every named ACL of an object must let it in. An ACL restricts only when an arbitrary
address is refused: ``deny=0.0.0.0/0`` followed by permits of trusted networks does,
``permit=0.0.0.0/0`` (or only permits, or a deny of a few addresses) does not.
"""

from __future__ import annotations

from dataclasses import dataclass

from voipscan.facts import Fact
from voipscan.sources.config.asterisk.conf import ConfFile, Section, Setting
from voipscan.sources.config.asterisk.values import parse_network, split_list


@dataclass(frozen=True)
class _Rule:
    allow: bool
    version: int
    catch_all: bool  # matches an arbitrary address of its family
    setting: Setting


def _rules(section: Section) -> list[_Rule]:
    rules = []
    for setting in section.settings:
        kind = setting.key.lower()
        if kind not in ("permit", "deny"):
            continue
        for item in split_list(setting.value):
            network = parse_network(item)
            if network is None:
                continue
            negated = item.strip().startswith("!")
            whole = network.prefixlen == 0
            rules.append(_Rule(kind == "permit", network.version, whole != negated, setting))
    return rules


def _refuses_anyone(rules: list[_Rule]) -> Setting | None:
    """The deny that keeps arbitrary addresses out, or None when they get in."""
    decided: dict[int, _Rule | None] = {4: None, 6: None}
    for rule in rules:
        if rule.catch_all:
            decided[rule.version] = rule
    ipv4, ipv6 = decided[4], decided[6]
    if ipv4 is None or ipv4.allow:
        return None
    if any(r.version == 6 for r in rules) and (ipv6 is None or ipv6.allow):
        return None
    return ipv4.setting


def restricts(section: Section, acls: ConfFile | None) -> Fact[bool]:
    """Whether ``section``'s ACLs keep arbitrary addresses out (unknown when it names an
    ACL that is not in the evidence and nothing else keeps them out)."""
    lists: list[tuple[str, list[_Rule]]] = []
    inline = _rules(section)
    if inline:
        lists.append(("permit/deny", inline))
    missing: Setting | None = None
    for setting in section.all("acl"):
        for name in split_list(setting.value):
            named = acls.section(name) if acls is not None else None
            if named is None:
                missing = missing or setting
            else:
                lists.append((f"acl {name}", _rules(named)))
    for label, rules in lists:
        deny = _refuses_anyone(rules)
        if deny is not None:
            return Fact(True, deny.source(), f"{label}: {deny.key}={deny.value} keeps other "
                        "addresses out")
    if missing is not None:
        return Fact(None, missing.source(), f"named ACL {missing.value!r} is not in the "
                    "evidence (acl.conf)")
    rules = [rule for _, found in lists for rule in found]
    if not rules:
        return Fact(False, section.source(), "no permit, deny or acl: any address gets in")
    return Fact(False, rules[-1].setting.source(), "the ACL lets any address in (nothing "
                "denies 0.0.0.0/0, or a later permit allows it again)")

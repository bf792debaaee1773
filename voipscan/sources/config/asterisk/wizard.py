"""pjsip_wizard.conf (res_pjsip_config_wizard): one section makes an endpoint, its auth
objects and its identify, as the wizard builds them.

A wizard (``type = wizard``) named N gives endpoint N from its ``endpoint/...`` options;
``accepts_auth`` adds inbound auth ``N-iauth`` (``inbound_auth/...``) as ``auth=``,
``sends_auth`` outbound auth ``N-oauth`` (``outbound_auth/...``); ``remote_hosts`` becomes
an identify ``N-identify`` matching those hosts unless the wizard accepts registrations.
The objects come out as pjsip.conf sections, each value keeping its file and line.
"""

from __future__ import annotations

from dataclasses import replace

from voipscan.sources.config.asterisk.conf import ConfFile, Section, Setting
from voipscan.sources.config.asterisk.values import ast_bool, split_list


def _own(section: Section, prefix: str) -> list[Setting]:
    return [replace(s, key=s.key[len(prefix):]) for s in section.settings
            if s.key.lower().startswith(prefix)]


def _true(section: Section, key: str) -> Setting | None:
    setting = section.get(key)
    return setting if setting is not None and ast_bool(setting.value) else None


def _object(name: str, anchor: Section, kind: str, settings: list[Setting],
            origin: Setting | None = None) -> Section:
    where = origin or Setting("type", kind, anchor.path, anchor.line, anchor.name)
    typed = [replace(where, key="type", value=kind), *settings]
    return Section(name, where.path, where.line, settings=typed, gaps=list(anchor.gaps))


def _host(text: str) -> str:
    """'sip.example.com:5060' -> 'sip.example.com'; IPv6 literals keep their brackets off."""
    host = text.strip()
    if host.startswith("["):
        return host[1:].partition("]")[0]
    return host.rpartition(":")[0] if host.count(":") == 1 else host


def wizard_objects(conf: ConfFile) -> list[Section]:
    """The endpoint, auth and identify objects every wizard of ``conf`` creates."""
    found: list[Section] = []
    for wizard in conf.objects("wizard"):
        name = wizard.name
        endpoint = _own(wizard, "endpoint/")
        transport = wizard.get("transport")
        if transport is not None:
            endpoint.append(transport)
        inbound = _true(wizard, "accepts_auth")
        if inbound is not None:
            endpoint.append(replace(inbound, key="auth", value=f"{name}-iauth"))
            found.append(_object(f"{name}-iauth", wizard, "auth",
                                 _own(wizard, "inbound_auth/"), inbound))
        outbound = _true(wizard, "sends_auth")
        if outbound is not None:
            endpoint.append(replace(outbound, key="outbound_auth", value=f"{name}-oauth"))
            found.append(_object(f"{name}-oauth", wizard, "auth",
                                 _own(wizard, "outbound_auth/"), outbound))
        found.append(_object(name, wizard, "endpoint", endpoint))
        hosts = wizard.get("remote_hosts")
        registers = _true(wizard, "accepts_registrations") or _true(
            wizard, "sends_line_with_registrations")
        if hosts is not None and not registers:
            identify = _own(wizard, "identify/")
            identify.append(replace(hosts, key="endpoint", value=name))
            if not any(s.key.lower() == "match" for s in identify):
                identify += [replace(hosts, key="match", value=_host(h))
                             for h in split_list(hosts.value)]
            found.append(_object(f"{name}-identify", wizard, "identify", identify, hosts))
    return found

"""Collect FreePBX data from a backup: metadata.json, modulejson/*.json, SQL dumps, files.

FreePBX 15+ backups hold, per module, ``{"configs": ...}``: advanced settings, kvstore,
tables and module-specific data (Core: Ampusers, Devices with the ``sip`` tech table). A
mysqldump may sit beside them. Every value keeps the member (and line) it came from.
"""

from __future__ import annotations

import contextlib
import json
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from voipscan.errors import Problem, ProblemLevel
from voipscan.facts import Provenance
from voipscan.sources.config.asterisk.conf import decode
from voipscan.sources.config.freepbx.archive import ASTERISK_DIR_MARKERS, Archive, gunzip
from voipscan.sources.config.freepbx.sqldump import parse_dump

Row = dict[str, Any]

TABLES = frozenset({
    "freepbx_settings", "ampusers", "userman_users", "userman_groups",
    "userman_users_settings", "userman_groups_settings", "sip", "devices", "modules",
    "kvstore_FreePBX_modules_Sipsettings",
})
# The value's quotes and blanks are stripped in code: blanks matched by neighbouring
# optional parts of one pattern backtrack (cubically, here) on a long run of them.
_AMP_CONF = re.compile(r"""^\s*(?:\$amp_conf\[['"](\w+)['"]\]\s*=([^;]*);"""
                       r"""|(\w+)\s*=\s*(.*))\s*$""")


@dataclass(frozen=True)
class Located:
    value: Any
    source: Provenance


@dataclass
class FreePbxData:
    label: str
    settings: dict[str, Located] = field(default_factory=dict)
    modules: dict[str, Located] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)
    ampusers: list[Located] = field(default_factory=list)
    users: list[Located] = field(default_factory=list)
    groups: list[Located] = field(default_factory=list)
    user_settings: list[Located] = field(default_factory=list)
    group_settings: list[Located] = field(default_factory=list)
    sip_settings: dict[str, Located] = field(default_factory=dict)
    devices: list[Located] = field(default_factory=list)
    sip_rows: list[Located] = field(default_factory=list)
    asterisk_files: dict[str, bytes] = field(default_factory=dict)
    asterisk_members: dict[str, str] = field(default_factory=dict)
    backup_made: Provenance | None = None

    @property
    def userman(self) -> bool:
        return bool(self.users or self.groups)


def _where(archive: Archive, member: str, line: int | None = None, detail: str = ""
           ) -> Provenance:
    return Provenance.file(f"{archive.label}:{member}", line, detail)


def _line(text: str, needle: str) -> int | None:
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else None


def collect(archive: Archive) -> FreePbxData:
    data = FreePbxData(archive.label)
    for name in sorted(archive.members):
        raw = archive.members[name]
        base = posixpath.basename(name)
        if name == "metadata.json":
            _metadata(data, archive, name, raw)
        elif name.startswith("modulejson/") and name.endswith(".json"):
            _module_json(data, archive, name, raw)
        elif base.endswith((".sql", ".sql.gz")):
            text = gunzip(raw, name, archive) if base.endswith(".gz") else raw
            if text is not None:
                _sql(data, archive, name, decode(text)[0])
        elif base in ("amportal.conf", "freepbx.conf"):
            _amp_conf(data, archive, name, decode(raw)[0])
        if base.endswith(".conf"):
            tree_path = _asterisk_path(name)
            if tree_path is not None:
                data.asterisk_files[tree_path] = raw
                data.asterisk_members[tree_path] = name
    return data


def _asterisk_path(name: str) -> str | None:
    padded = f"/{name}"
    for marker in ASTERISK_DIR_MARKERS:
        index = padded.find(f"/{marker}")
        if index >= 0:
            return padded[index + len(marker) + 1:]
    return None


def _load_json(archive: Archive, name: str, raw: bytes) -> tuple[Any, str] | None:
    text = decode(raw)[0]
    try:
        return json.loads(text), text
    except json.JSONDecodeError as error:
        archive.problems.append(archive_problem(archive, name, error.lineno,
                                                f"invalid JSON: {error.msg}"))
        return None
    except (ValueError, RecursionError):  # numbers of > 4,300 digits, nesting too deep
        archive.problems.append(archive_problem(archive, name, None, "JSON that cannot be "
                                                "read (too deep, or too long a number)"))
        return None


def archive_problem(archive: Archive, name: str, line: int | None, message: str,
                    level: ProblemLevel = ProblemLevel.ERROR) -> Problem:
    return Problem(message, f"{archive.label}:{name}", line, level)


def _metadata(data: FreePbxData, archive: Archive, name: str, raw: bytes) -> None:
    loaded = _load_json(archive, name, raw)
    if loaded is None:
        return
    meta, text = loaded
    data.backup_made = _where(archive, name, 1, "FreePBX backup metadata")
    modules = meta.get("modules") if isinstance(meta, dict) else None
    for entry in modules if isinstance(modules, list) else []:
        if isinstance(entry, dict) and entry.get("module"):
            module = str(entry["module"]).lower()
            data.modules.setdefault(module, Located(True, _where(
                archive, name, _line(text, f'"{entry["module"]}"'), "module in backup")))
            if entry.get("version"):
                data.versions[module] = str(entry["version"])


def _module_json(data: FreePbxData, archive: Archive, name: str, raw: bytes) -> None:
    loaded = _load_json(archive, name, raw)
    if loaded is None:
        return
    doc, text = loaded
    module = posixpath.basename(name)[:-5].lower()
    data.modules.setdefault(module, Located(True, _where(archive, name, 1, "module JSON")))
    configs = doc.get("configs") if isinstance(doc, dict) else None
    if isinstance(configs, list) and len(configs) == 1:
        configs = configs[0]  # the "old formatting" FreePBX still reads
    if not isinstance(configs, dict):
        return

    def at(needle: str, detail: str) -> Provenance:
        return _where(archive, name, _line(text, needle), detail)

    settings = configs.get("settings")
    if isinstance(settings, dict):
        for key, value in settings.items():
            data.settings.setdefault(str(key), Located(str(value), at(f'"{key}"', key)))
    if module == "core":
        _core(data, configs, at)
    elif module == "userman":
        _userman_json(data, configs, at)
    elif module == "sipsettings":
        kvstore = configs.get("kvstore")
        noid = kvstore.get("noid") if isinstance(kvstore, dict) else None
        for key, value in (noid or {}).items():
            data.sip_settings.setdefault(str(key), Located(value, at(f'"{key}"', key)))


def _core(data: FreePbxData, configs: dict[str, Any], at: Any) -> None:
    ampusers = configs.get("Ampusers")
    rows: list[Any] = list(ampusers.values()) if isinstance(ampusers, dict) else (
        ampusers if isinstance(ampusers, list) else [])
    for row in rows:
        if isinstance(row, dict) and row.get("username"):
            data.ampusers.append(Located(row, at(f'"{row["username"]}"', "ampusers")))
    devices = configs.get("Devices")
    if isinstance(devices, dict):
        for row in devices.get("devices") or []:
            if isinstance(row, dict) and row.get("id") is not None:
                data.devices.append(Located(row, at(f'"{row["id"]}"', "devices")))
        tech = devices.get("techTables")
        for row in (tech.get("sip") if isinstance(tech, dict) else None) or []:
            if isinstance(row, dict) and row.get("keyword"):
                needle = f'"{row["keyword"]}"'
                data.sip_rows.append(Located(row, at(needle, f"sip {row.get('id')}")))


def _userman_json(data: FreePbxData, configs: dict[str, Any], at: Any) -> None:
    for row in configs.get("usermanusers") or []:
        if isinstance(row, dict) and row.get("username"):
            data.users.append(Located(row, at(f'"{row["username"]}"', "userman user")))
    for row in configs.get("usermangroups") or []:
        if isinstance(row, dict) and row.get("groupname"):
            data.groups.append(Located(row, at(f'"{row["groupname"]}"', "userman group")))


def _sql(data: FreePbxData, archive: Archive, name: str, text: str) -> None:
    dump = parse_dump(text, TABLES)
    for line, message in dump.problems[:20]:
        archive.problems.append(archive_problem(archive, name, line, message,
                                                ProblemLevel.WARNING))

    def rows(table: str) -> Iterator[Located]:
        for row in dump.tables.get(table, []):
            yield Located(row.values, _where(archive, name, row.line, f"table {table}"))

    for item in rows("freepbx_settings"):
        keyword = item.value.get("keyword")
        if keyword:
            data.settings[str(keyword)] = Located(str(item.value.get("value") or ""),
                                                  item.source)
    for item in rows("modules"):
        module = str(item.value.get("modulename") or "").lower()
        if module:
            enabled = str(item.value.get("enabled", 1)) not in ("0", "False", "false")
            data.modules[module] = Located(enabled, item.source)
            if item.value.get("version"):
                data.versions[module] = str(item.value["version"])
    for item in rows("kvstore_FreePBX_modules_Sipsettings"):
        if str(item.value.get("id") or "noid") == "noid" and item.value.get("key"):
            value = item.value.get("val")
            if str(item.value.get("type") or "") == "json-arr" and isinstance(value, str):
                with contextlib.suppress(ValueError, RecursionError):  # kept as text
                    value = json.loads(value)
            data.sip_settings[str(item.value["key"])] = Located(value, item.source)
    data.ampusers += list(rows("ampusers"))
    data.users += list(rows("userman_users"))
    data.groups += list(rows("userman_groups"))
    data.user_settings += list(rows("userman_users_settings"))
    data.group_settings += list(rows("userman_groups_settings"))
    data.devices += list(rows("devices"))
    data.sip_rows += list(rows("sip"))


def _amp_conf(data: FreePbxData, archive: Archive, name: str, text: str) -> None:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith(("#", ";", "//", "<?")):
            continue
        match = _AMP_CONF.match(line)
        if match is None:
            continue
        key = match.group(1) or match.group(3)
        value = match.group(2) if match.group(1) else (match.group(4) or "")
        if key:
            data.settings.setdefault(key, Located(value.strip().strip("'\""),
                                                  _where(archive, name, number, key)))

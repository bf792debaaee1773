"""FreePbxSource: a FreePBX backup (.tar.gz, or unpacked) or an /etc/asterisk FreePBX wrote."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from voipscan.errors import InputError, Problem
from voipscan.facts import AdminInterface, Backup, Fact, System
from voipscan.sources.config.asterisk.source import DETECT_FILES, TreeScan, attach_reach, scan_tree
from voipscan.sources.config.asterisk.tree import DiskTree, MemoryTree
from voipscan.sources.config.evidence import NONE, SPECIFIC
from voipscan.sources.config.freepbx.archive import (
    Archive,
    looks_like_backup,
    read_archive,
    read_directory,
)
from voipscan.sources.config.freepbx.backup import FreePbxData, collect
from voipscan.sources.config.freepbx.facts import (
    PLATFORM,
    ami_admin,
    ami_name,
    ampuser_admins,
    auth_type,
    devices,
    guests,
    gui_interface,
    mfa_state,
    sip_transports,
    userman_accounts,
)
from voipscan.sources.interface import ConfigSource, SourceResult
from voipscan.target import Target, TargetKind

ARCHIVE_SUFFIXES = (".tar.gz", ".tgz", ".tar")
# Files only FreePBX writes into /etc/asterisk
FREEPBX_MARKERS = ("extensions_additional.conf", "sip_additional.conf",
                   "manager_additional.conf", "pjsip.endpoint.conf", "pjsip.transports.conf",
                   "freepbx_module_admin.conf")
FREEPBX_TEXT = b"FreePBX"


def is_archive(path: Path) -> bool:
    if not path.is_file() or not path.name.lower().endswith(ARCHIVE_SUFFIXES):
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(262)
    except OSError:
        return False
    if head[:2] != b"\x1f\x8b" and head[257:262] != b"ustar":
        return False
    return looks_like_backup(path)


def is_freepbx_tree(path: Path) -> bool:
    if not path.is_dir():
        return False
    if any((path / name).exists() for name in FREEPBX_MARKERS) or any(path.glob("freepbx*.conf")):
        return True
    for name in ("manager.conf", "extensions.conf", "sip.conf", "pjsip.conf"):
        try:
            with (path / name).open("rb") as handle:
                if FREEPBX_TEXT in handle.read(2048):
                    return True
        except OSError:
            continue
    return False


def is_unpacked_backup(path: Path) -> bool:
    return path.is_dir() and ((path / "metadata.json").is_file()
                              or (path / "modulejson").is_dir())


class FreePbxSource(ConfigSource):
    name = "freepbx"
    description = "FreePBX backup (.tar.gz) or an /etc/asterisk written by FreePBX"

    refines = "asterisk"

    def detect(self, path: Path) -> float:
        if is_archive(path) or is_unpacked_backup(path):
            return 1.0
        return SPECIFIC if is_freepbx_tree(path) else NONE

    def load(self, path: Path) -> SourceResult:
        target = Target.path(path, TargetKind.CONFIG, self.name)
        if path.is_dir() and not is_unpacked_backup(path):
            if not any((path / name).is_file() for name in DETECT_FILES):
                raise InputError("neither a FreePBX backup nor an Asterisk configuration "
                                 "directory", str(path))
            scan = scan_tree(DiskTree(path), str(path), PLATFORM)
            return SourceResult(target, scan.system, scan.problems)
        archive = read_directory(path) if path.is_dir() else read_archive(path)
        data = collect(archive)
        if data.backup_made is None and not data.modules and not data.asterisk_files:
            raise InputError("not a FreePBX backup: no metadata.json, modulejson/ or "
                             "Asterisk configuration inside", str(path))
        system, problems = build(data, archive)
        return SourceResult(target, system, tuple(problems))


def build(data: FreePbxData, archive: Archive) -> tuple[System, list[Problem]]:
    """Facts from the backup's database content, merged with its Asterisk files."""
    problems = list(archive.problems)
    scan: TreeScan | None = None
    if data.asterisk_files:
        tree = MemoryTree(archive.label, data.asterisk_files, data.asterisk_members)
        scan = scan_tree(tree, data.label, PLATFORM, fallback=True)
        problems += scan.problems
    base = scan.system if scan else System(name=data.label)
    base = replace(base, admins=tuple(
        replace(a, name=ami_name(a.name)) if a.interface is AdminInterface.API
        and not a.name.startswith("ari/") else a for a in base.admins))
    dialplan = scan.dialplan if scan else None

    authtype = auth_type(data)
    mfa = mfa_state(data)
    accounts = userman_accounts(data, authtype, mfa)
    admins = [*ampuser_admins(data, authtype, mfa), *accounts.admins]
    management = [gui_interface(data, authtype)]
    ami = ami_admin(data)
    tree_admins = {a.name for a in base.admins}
    if ami is not None and ami[0].name not in tree_admins:
        admins.append(ami[0])
        if not any(m.name == "ami" for m in base.management if m.enabled.value):
            management.append(ami[1])
    management += [m for m in base.management if m.name not in {x.name for x in management}]

    db_transports = sip_transports(data)
    transports = [*db_transports, *(t for t in base.transports
                                    if t.name not in {x.name for x in db_transports})]
    db_endpoints = [attach_reach(e, dialplan) for e in (*guests(data), *devices(data))]
    endpoints = [*db_endpoints, *(e for e in base.endpoints
                                  if e.name not in {x.name for x in db_endpoints})]
    framework = data.versions.get("framework") or data.versions.get("core")
    anchor = data.backup_made or next((m.source for m in data.modules.values()), None)
    system = replace(
        base,
        name=data.label,
        platform=Fact(PLATFORM, anchor),
        version=Fact(framework, data.backup_made, "framework module version") if framework
        else Fact(None, None, "FreePBX version not in the backup"),
        admins=(*admins, *(a for a in base.admins if a.name not in {x.name for x in admins})),
        admins_known=bool(data.ampusers or data.userman) or base.admins_known,
        users=accounts.users,
        users_known=data.userman,
        roles=(*accounts.roles, *base.roles),
        roles_known=data.userman or base.roles_known,
        transports=tuple(transports),
        transports_known=bool(db_transports) or base.transports_known,
        endpoints=tuple(endpoints),
        endpoints_known=bool(data.devices or data.sip_rows) or base.endpoints_known,
        management=tuple(management),
        management_known=True,
        backup=_backup(data),
    )
    return system, problems


def _backup(data: FreePbxData) -> Backup:
    if data.backup_made is None:
        return Backup()
    return Backup(
        configured=Fact(True, data.backup_made, "this archive was made by the FreePBX Backup "
                        "module; its schedule is not in the archive"),
        last_restore_test=Fact(None, None, "restore tests are not recorded in a backup"),
        encrypted=Fact(False, data.backup_made, "the archive is readable without a key"),
    )

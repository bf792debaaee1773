"""Config formats voipscan reads, detected from the path or chosen with --pbx.

Each entry names the module and class of one ConfigSource; modules load only when used.
Order matters for detection: the first source whose detect() accepts a path wins.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from voipscan.errors import InputError
from voipscan.sources.interface import ConfigSource

CONFIG_SOURCES: dict[str, str] = {
    "freepbx": "voipscan.sources.config.freepbx:FreePbxSource",
    "asterisk": "voipscan.sources.config.asterisk:AsteriskSource",
    "freeswitch": "voipscan.sources.config.freeswitch.source:FreeswitchSource",
    "kamailio": "voipscan.sources.config.kamailio.source:KamailioSource",
    "export": "voipscan.sources.config.export:ExportSource",
}


def source(name: str) -> ConfigSource:
    module_name, _, class_name = CONFIG_SOURCES[name].partition(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    instance: ConfigSource = cls()
    return instance


def detect(path: Path) -> ConfigSource:
    if not path.exists():
        raise InputError("no such file or directory", str(path))
    for name in CONFIG_SOURCES:
        candidate = source(name)
        if candidate.detect(path):
            return candidate
    raise InputError(
        f"cannot tell which PBX this is; give --pbx ({', '.join(CONFIG_SOURCES)})", str(path)
    )

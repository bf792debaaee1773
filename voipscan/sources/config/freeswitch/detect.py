"""How sure we are that a path is a FreeSWITCH configuration (a conf directory, its
freeswitch.xml, or an overlay of the packaged tree: sip_profiles/, directory/, acl.conf.xml)."""

from __future__ import annotations

from pathlib import Path

from voipscan.sources.config.evidence import (
    NONE,
    SPECIFIC,
    any_file_with,
    combine,
    head,
    is_dir,
)

_DOCUMENT = b'type="freeswitch/xml"'
_CONFIGURATION = b"<configuration"


def score(path: Path) -> float:
    if is_dir(path):
        return _folder(path)
    if path.name == "freeswitch.xml" and path.is_file():
        return SPECIFIC
    if path.suffix.lower() == ".xml" and _DOCUMENT in head(path):
        return SPECIFIC
    return NONE


def _folder(path: Path) -> float:
    top = head(path / "freeswitch.xml")
    if _DOCUMENT in top or b"<document" in top:
        return SPECIFIC
    weights: list[float] = []
    if top:
        weights.append(0.5)
    variables = head(path / "vars.xml")
    if b"X-PRE-PROCESS" in variables:
        weights.append(0.35)
    elif variables:
        weights.append(0.1)
    if any_file_with(path / "autoload_configs", "*.conf.xml", _CONFIGURATION):
        weights.append(0.45)
    if is_dir(path / "sip_profiles"):
        weights.append(0.3)
    if any_file_with(path, "*.conf.xml", _CONFIGURATION):  # a flat overlay: acl.conf.xml ...
        weights.append(0.3)
    for folder in ("directory", "dialplan"):
        if any_file_with(path / folder, "*.xml", b"<"):
            weights.append(0.15)
    return combine(weights)

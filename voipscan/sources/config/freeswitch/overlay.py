"""Where Sofia profile files are when no sofia.conf.xml includes them.

A tree that overlays the packaged configuration keeps only what it changes (sip_profiles/,
directory/, acl.conf.xml): the packaged sofia.conf.xml, not in the tree, includes
``../sip_profiles/*.xml``. Other trees put profiles elsewhere. Only files of the scanned tree
are looked at, and the search is bounded.
"""

from __future__ import annotations

import os
from pathlib import Path

from voipscan.sources.config.evidence import head

PACKAGED = "sip_profiles"  # what the packaged sofia.conf.xml includes: ../sip_profiles/*.xml
MAX_DEPTH = 3
MAX_FILES = 500
_SNIFF = 64 * 1024


def profile_files(conf_dir: Path, already_read: set[Path]) -> list[Path]:
    """Profile files of the tree that nothing included: sip_profiles/*.xml when there are
    any, else every XML file (not yet read) whose text holds ``<profile`` and ``<settings``."""
    packaged = [p for p in sorted((conf_dir / PACKAGED).glob("*.xml"))
                if p.is_file() and p.resolve() not in already_read]
    if packaged:
        return packaged
    return [p for p in _xml_files(conf_dir) if p.resolve() not in already_read
            and _holds_profile(head(p, _SNIFF))]


def _holds_profile(text: bytes) -> bool:
    return b"<profile" in text and b"<settings" in text


def _xml_files(root: Path) -> list[Path]:
    found: list[Path] = []
    looked = 0
    for folder, subfolders, files in os.walk(root):
        here = Path(folder)
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        if len(here.relative_to(root).parts) >= MAX_DEPTH:
            subfolders[:] = []
        for name in sorted(files):
            if not name.lower().endswith(".xml"):
                continue
            looked += 1
            if looked > MAX_FILES:
                return found
            found.append(here / name)
    return found

"""How sure we are that a folder is an Asterisk configuration directory (/etc/asterisk)."""

from __future__ import annotations

import re
from pathlib import Path

from voipscan.sources.config.evidence import NONE, combine, head, is_dir

# Files that make a tree worth reading; iax.conf and users.conf count as evidence too.
MAIN_FILES = ("pjsip.conf", "sip.conf", "manager.conf", "extensions.conf", "iax.conf")
OTHER_FILES = ("modules.conf", "logger.conf", "voicemail.conf", "users.conf", "cdr.conf",
               "cel.conf", "http.conf", "ari.conf", "features.conf", "rtp.conf",
               "cli_permissions.conf", "sorcery.conf", "musiconhold.conf", "queues.conf",
               "confbridge.conf", "indications.conf")
# A [section] header (with templates) or an #include: the .conf dialect, not XML or INI-less.
_DIALECT = re.compile(
    rb"^[ \t]*(\[[^\]\r\n]+\](\([^)\r\n]*\))?[ \t]*([;#].*)?\r?$|#(try)?include\b)", re.MULTILINE)
_MAIN_SECTIONS = re.compile(rb"^[ \t]*\[(directories|options)\]", re.MULTILINE)


def score(path: Path) -> float:
    if not is_dir(path):
        return NONE
    weights: list[float] = []
    top = head(path / "asterisk.conf")
    if _MAIN_SECTIONS.search(top):
        weights.append(0.8)
    elif top:
        weights.append(0.2)
    for names, dialect, named in ((MAIN_FILES, 0.45, 0.25), (OTHER_FILES, 0.2, 0.05)):
        for name in names:
            text = head(path / name, 8192)
            if text:
                weights.append(dialect if _looks_like_conf(text) else named)
            elif (path / name).is_file():  # empty: the name alone
                weights.append(named)
    return combine(weights)


def _looks_like_conf(text: bytes) -> bool:
    return not text.lstrip().startswith(b"<") and _DIALECT.search(text) is not None

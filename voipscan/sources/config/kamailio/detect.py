"""How sure we are that a path is a Kamailio configuration (kamailio.cfg, its folder, or
another .cfg that starts like one)."""

from __future__ import annotations

from pathlib import Path

from voipscan.sources.config.evidence import NONE, SPECIFIC, head, is_dir

MAIN = "kamailio.cfg"
_SHEBANGS = (b"#!KAMAILIO", b"#!SER", b"#!OPENSER")


def score(path: Path) -> float:
    if is_dir(path):
        main = path / MAIN
        if not main.is_file():
            return NONE
        return SPECIFIC if _looks_like_kamailio(head(main, 8192)) else 0.7
    if path.suffix.lower() != ".cfg" or not path.is_file():
        return NONE
    if _looks_like_kamailio(head(path, 8192)):
        return SPECIFIC if path.name == MAIN else 0.9
    return 0.7 if path.name == MAIN else NONE


def _looks_like_kamailio(text: bytes) -> bool:
    return text.lstrip().startswith(_SHEBANGS) or (
        b"loadmodule" in text and (b"request_route" in text or b"modparam(" in text))

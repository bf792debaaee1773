"""Where kamailio.cfg is in a folder: at the top, or below it as the installed system keeps it
(``kamailio/kamailio.cfg`` of a copied /etc, ``etc/kamailio/kamailio.cfg`` of a copied root,
``usr/local/etc/kamailio/kamailio.cfg`` of a source install). Detection and loading both ask
here, so a folder is read as the tree it was detected as."""

from __future__ import annotations

from pathlib import Path

MAIN = "kamailio.cfg"
TREES = (Path("."), Path("kamailio"), Path("etc/kamailio"), Path("usr/local/etc/kamailio"))
KAMCTLRC = "kamctlrc"


def find_main(path: Path) -> Path | None:
    """The kamailio.cfg a path stands for: the file itself, or the first of ``TREES`` below a
    folder that holds one; None when there is none."""
    try:
        if path.is_file():
            return path
        if not path.is_dir():
            return None
        for tree in TREES:
            candidate = path / tree / MAIN
            if candidate.is_file():
                return candidate
    except OSError:  # a name the OS refuses (too long), a folder it will not list
        return None
    return None

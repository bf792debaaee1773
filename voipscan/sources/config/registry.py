"""Config formats voipscan reads, and where they are: detected from evidence or named (--pbx).

Each entry names the module and class of one ConfigSource; modules load only when used.
Every reader scores how sure it is that a path is its format (0..1); the strongest wins and a
close call is named. A folder that is no configuration itself is searched: every tree found
in it (``samples/`` holds several) becomes its own target.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from pathlib import Path

from voipscan.errors import InputError, Problem, ProblemLevel
from voipscan.sources.interface import ConfigSource

CONFIG_SOURCES: dict[str, str] = {
    "freepbx": "voipscan.sources.config.freepbx:FreePbxSource",
    "asterisk": "voipscan.sources.config.asterisk:AsteriskSource",
    "freeswitch": "voipscan.sources.config.freeswitch.source:FreeswitchSource",
    "kamailio": "voipscan.sources.config.kamailio.source:KamailioSource",
    "export": "voipscan.sources.config.export:ExportSource",
    "fusionpbx": "voipscan.sources.config.fusionpbx:FusionPbxSource",
    "3cx": "voipscan.sources.config.threecx:ThreeCxSource",
}

TREE = 0.5  # evidence enough to take a folder met while searching for a tree
CLOSE_CALL = 0.15  # a runner-up this close to the winner is named in a warning
MAX_DEPTH = 4  # how deep a folder is searched for trees
MAX_FOLDERS = 5000  # how many folders a search looks at, at most
_SNIFFED = (".cfg", ".xml", ".yaml", ".yml", ".json", ".gz", ".tgz", ".tar", ".sql")


@dataclass(frozen=True)
class Detection:
    """A path, the reader that will read it, how sure we are, and a close runner-up."""

    path: Path
    source: ConfigSource
    score: float
    runner_up: tuple[str, float] | None = None

    def warning(self) -> Problem | None:
        if self.runner_up is None:
            return None
        name, score = self.runner_up
        return Problem(
            f"looks like {self.source.name} ({self.score:.2f}) but also like {name} "
            f"({score:.2f}): read as {self.source.name}; give --pbx {name} to read it as "
            f"{name}", str(self.path), level=ProblemLevel.WARNING)


def source(name: str) -> ConfigSource:
    module_name, _, class_name = CONFIG_SOURCES[name].partition(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    instance: ConfigSource = cls()
    return instance


def identify(path: Path, names: tuple[str, ...] = tuple(CONFIG_SOURCES)) -> Detection | None:
    """The reader most sure of ``path`` (None when none sees any evidence); on a tie the
    first in ``CONFIG_SOURCES`` order."""
    ranked = sorted(((reader.detect(path), reader) for reader in map(source, names)),
                    key=lambda pair: -pair[0])
    best_score, best = ranked[0]
    if best_score <= 0:
        return None
    rivals = [(score, reader) for score, reader in ranked[1:]
              if score > 0 and best_score - score < CLOSE_CALL and reader.name != best.refines]
    runner_up = (rivals[0][1].name, rivals[0][0]) if rivals else None
    return Detection(path, best, best_score, runner_up)


def detect(path: Path) -> ConfigSource:
    """The reader for ``path`` itself, from the evidence (no search inside)."""
    if not path.exists():
        raise InputError("no such file or directory", str(path))
    found = identify(path)
    if found is None:
        raise InputError(
            f"cannot tell which PBX this is; give --pbx ({', '.join(CONFIG_SOURCES)})",
            str(path))
    return found.source


def find_trees(path: Path, pbx: str | None = None) -> list[Detection]:
    """Every configuration at ``path``: the path itself when it is one, else each tree or
    file found in the folder (sorted by path). ``pbx`` names the only format looked for.

    Raises InputError when nothing is found: an empty or unrelated folder is never a target
    that passes.
    """
    if not path.exists():
        raise InputError("no such file or directory", str(path))
    names = (pbx,) if pbx else tuple(CONFIG_SOURCES)
    if pbx and not path.is_dir():
        return [Detection(path, source(pbx), 1.0)]  # a file named with --pbx is read as told
    top = identify(path, names)
    if top is not None and top.score >= TREE:
        return [top]
    found = _search(path, names) if path.is_dir() else []
    if found:
        return found
    if top is not None:  # weak evidence, but it is the path the user named
        return [top]
    raise InputError(_nothing_found(path, pbx), str(path))


def _search(root: Path, names: tuple[str, ...]) -> list[Detection]:
    found: list[Detection] = []
    visited = 0
    for folder, subfolders, files in os.walk(root):
        here = Path(folder)
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        depth = len(here.relative_to(root).parts)
        if here != root:
            visited += 1
            tree = identify(here, names)
            if tree is not None and tree.score >= TREE:
                found.append(tree)
                subfolders[:] = []
                continue
        for name in sorted(files):
            if name.startswith(".") or not name.lower().endswith(_SNIFFED):
                continue
            single = identify(here / name, names)
            if single is not None and single.score >= TREE:
                found.append(single)
        if visited >= MAX_FOLDERS:
            break
        if depth >= MAX_DEPTH:
            subfolders[:] = []
    return sorted(found, key=lambda detection: str(detection.path))


def _nothing_found(path: Path, pbx: str | None) -> str:
    if path.is_dir() and not any(path.iterdir()):
        return "empty folder: no configuration to scan"
    if pbx:
        return f"no {pbx} configuration found here"
    return ("no PBX configuration found here (Asterisk, FreePBX, FreeSWITCH, Kamailio, FusionPBX, "
            f"3CX or a voipscan export); give --pbx ({', '.join(CONFIG_SOURCES)}) if it is one")

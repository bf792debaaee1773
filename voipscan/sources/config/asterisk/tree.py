"""A configuration tree to read from: a directory on disk, or files held in memory (a backup).

Paths inside a tree are relative POSIX paths ("pjsip.d/trunks.conf"). Nothing outside the
tree is ever read: includes that point elsewhere are refused by the parser.
"""

from __future__ import annotations

import fnmatch
import posixpath
from abc import ABC, abstractmethod
from collections.abc import Mapping
from pathlib import Path

MAX_FILE_BYTES = 20 * 1024 * 1024


class TreeError(Exception):
    """A file of the tree that cannot be read; the message is meant for the user."""


class ConfigTree(ABC):
    """Read-only access to the files of one configuration tree."""

    @abstractmethod
    def read_bytes(self, rel: str) -> bytes:
        """Content of a file; raises TreeError with a clear message."""

    @abstractmethod
    def exists(self, rel: str) -> bool:
        """Whether something (file or not) exists at this path."""

    @abstractmethod
    def names(self) -> list[str]:
        """Every file of the tree, sorted."""

    @abstractmethod
    def display(self, rel: str) -> str:
        """How to name a file in findings and problems."""

    def glob(self, pattern: str) -> list[str]:
        return sorted(n for n in self.names() if fnmatch.fnmatchcase(n, pattern))

    def first_existing(self, *names: str) -> str | None:
        return next((n for n in names if self.exists(n)), None)


class DiskTree(ConfigTree):
    """A directory, typically /etc/asterisk or a copy of it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._real_root = root.resolve()
        self._names: list[str] | None = None

    def _path(self, rel: str) -> Path:
        return self.root / rel

    def read_bytes(self, rel: str) -> bytes:
        path = self._path(rel)
        try:
            real = path.resolve()
            if real != self._real_root and self._real_root not in real.parents:
                raise TreeError("links outside the scanned tree; not followed")
            if path.is_dir():
                raise TreeError("is a directory, expected a file")
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                raise TreeError(f"file too large ({size} bytes; limit {MAX_FILE_BYTES})")
            return path.read_bytes()
        except FileNotFoundError:
            raise TreeError("no such file") from None
        except PermissionError:
            raise TreeError("permission denied") from None
        except OSError as error:
            raise TreeError(f"cannot read: {error.strerror or error}") from None

    def exists(self, rel: str) -> bool:
        try:
            return self._path(rel).exists() or self._path(rel).is_symlink()
        except OSError:  # a name the OS refuses (ENAMETOOLONG) from an #include line
            return False

    def names(self) -> list[str]:
        if self._names is None:
            found: list[str] = []
            try:
                for path in self.root.rglob("*"):
                    if path.is_file() or path.is_symlink():
                        found.append(path.relative_to(self.root).as_posix())
            except OSError:
                pass
            self._names = sorted(found)
        return self._names

    def glob(self, pattern: str) -> list[str]:
        if "/" not in pattern:
            try:
                return sorted(p.name for p in self.root.glob(pattern)
                              if p.is_file() or p.is_symlink())
            except OSError:
                return []
        return super().glob(pattern)

    def display(self, rel: str) -> str:
        return str(self._path(rel))


class MemoryTree(ConfigTree):
    """Files taken from an archive, keyed by their path inside the tree."""

    def __init__(self, label: str, files: Mapping[str, bytes],
                 origins: Mapping[str, str] | None = None) -> None:
        self.label = label
        self._files = {posixpath.normpath(k): v for k, v in files.items()}
        self._dirs = {posixpath.dirname(k) for k in self._files}
        self._origins = {posixpath.normpath(k): v for k, v in (origins or {}).items()}

    def read_bytes(self, rel: str) -> bytes:
        rel = posixpath.normpath(rel)
        if rel in self._files:
            return self._files[rel]
        if rel in self._dirs:
            raise TreeError("is a directory, expected a file")
        raise TreeError("no such file")

    def exists(self, rel: str) -> bool:
        rel = posixpath.normpath(rel)
        return rel in self._files or rel in self._dirs

    def names(self) -> list[str]:
        return sorted(self._files)

    def display(self, rel: str) -> str:
        """The file's name in the archive it came from (label:member)."""
        return f"{self.label}:{self._origins.get(posixpath.normpath(rel), rel)}"

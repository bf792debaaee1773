"""Errors that are the user's to fix: reported as one line, never as a traceback."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class VoipscanError(Exception):
    """Base class for errors shown to the user as one line (exit code 2)."""


class InputError(VoipscanError):
    """A file or value the user gave us is malformed."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        self.message = message
        self.path = path
        self.line = line
        super().__init__(self.render())

    def render(self) -> str:
        if self.path is None:
            return self.message
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


class ProblemLevel(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """Something a source could not read or check; kept in the result, scanning goes on."""

    message: str
    path: str | None = None
    line: int | None = None
    level: ProblemLevel = ProblemLevel.ERROR

    @classmethod
    def from_error(cls, error: InputError, level: ProblemLevel = ProblemLevel.ERROR) -> Problem:
        return cls(error.message, error.path, error.line, level)

    def render(self) -> str:
        return InputError(self.message, self.path, self.line).render()

"""A previous JSON report read back as ``--baseline``: only what drift needs.

Reads every report of schema 1.x: 1.1 targets carry an ``id`` (drift matches on it), 1.0
targets only a name. Keys this reader does not use are ignored, so later 1.x additions
keep loading.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from voipscan.checks import Severity, Status
from voipscan.documents import parse_json, read_text
from voipscan.models.base import problem
from voipscan.models.validation import validate


class Lenient(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


def _major_one(version: str) -> str:
    if not re.fullmatch(r"1\.\d+", version):
        raise problem(f"unsupported schema_version '{version}' (this voipscan reads 1.x)")
    return version


class Tool(Lenient):
    name: Literal["voipscan"]


class Scan(Lenient):
    started: str | None = None


class Finding(Lenient):
    check_id: str
    resource: str
    status: Status
    severity: Severity
    title: str = ""


class Target(Lenient):
    name: str
    id: str | None = Field(default=None, description="Since schema 1.1.")
    findings: tuple[Finding, ...]


class BaselineReport(Lenient):
    tool: Tool
    schema_version: Annotated[str, AfterValidator(_major_one)]
    scan: Scan = Scan()
    targets: tuple[Target, ...]

    @property
    def by_id(self) -> bool:
        """Whether targets can be matched by id (every target has one)."""
        return bool(self.targets) and all(t.id for t in self.targets)


def read(path: Path) -> BaselineReport:
    doc = parse_json(read_text(path), str(path), "baseline is not JSON")
    tool = doc.data.get("tool") if isinstance(doc.data, dict) else None
    ours = isinstance(tool, dict) and tool.get("name") == "voipscan"
    return validate(BaselineReport, doc, what="baseline" if ours else "not a voipscan JSON report")

"""A previous JSON report read back as ``--baseline``: only what drift needs.

Reads every report of schema 1.x and 2.x: 1.1 targets carry an ``id`` (drift matches on it),
1.0 targets only a name; 2.0 targets list their findings as indexes into the report's
``findings``. Keys this reader does not use are ignored, so later additions keep loading.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from voipscan.checks import Severity, Status
from voipscan.documents import parse_json
from voipscan.models.base import problem
from voipscan.models.validation import validate
from voipscan.textfile import read_text


class Lenient(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


def _readable(version: str) -> str:
    if not re.fullmatch(r"[12]\.\d+", version):
        raise problem(f"unsupported schema_version '{version}' (this voipscan reads 1.x and "
                      "2.x)")
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


Index = Annotated[int, Field(ge=0, strict=True)]


class SharedFinding(Lenient):
    """A finding of a 2.x report: its check is an index into 'checks'."""

    check: Index
    resource: str
    status: Status
    severity: Severity


class CheckUse(Lenient):
    check_id: str
    title: str = ""


class Target(Lenient):
    name: str
    id: str | None = Field(default=None, description="Since schema 1.1.")
    findings: tuple[Finding, ...] = Field(description="Schema 1.x (empty in 2.x).")
    references: tuple[Index, ...] = Field(
        default=(), description="Schema 2.x: the target's 'findings', indexes into the "
                                "report's 'findings'.")


class BaselineReport(Lenient):
    tool: Tool
    schema_version: Annotated[str, AfterValidator(_readable)]
    scan: Scan = Scan()
    checks: tuple[CheckUse, ...] = Field(default=(), description="Since schema 2.0.")
    findings: tuple[SharedFinding, ...] = Field(default=(), description="Since schema 2.0.")
    targets: tuple[Target, ...]

    @model_validator(mode="before")
    @classmethod
    def _references(cls, data: Any) -> Any:
        """A 2.x target's 'findings' are references: read them as such."""
        if not (isinstance(data, dict) and str(data.get("schema_version")).startswith("2.")
                and isinstance(data.get("targets"), list)):
            return data
        targets = [{**t, "findings": [], "references": t.get("findings", [])}
                   if isinstance(t, dict) else t for t in data["targets"]]
        return {**data, "targets": targets}

    @model_validator(mode="after")
    def _references_hold(self) -> BaselineReport:
        for index, target in enumerate(self.targets):
            for position, item in enumerate(target.references):
                if item >= len(self.findings):
                    raise problem(f"finding {item} is not in 'findings' ({len(self.findings)}"
                                  " entries)", "targets", index, "findings", position)
        for index, finding in enumerate(self.findings):
            if finding.check >= len(self.checks):
                raise problem(f"check {finding.check} is not in 'checks' ({len(self.checks)} "
                              "entries)", "findings", index, "check")
        return self

    def findings_of(self, target: Target) -> tuple[Finding, ...]:
        """The target's findings, references resolved."""
        return target.findings + tuple(self._resolved(item) for item in target.references)

    def _resolved(self, index: int) -> Finding:
        found = self.findings[index]
        check = self.checks[found.check]
        return Finding(check_id=check.check_id, resource=found.resource, status=found.status,
                       severity=found.severity, title=check.title)

    @property
    def by_id(self) -> bool:
        """Whether targets can be matched by id (every target has one)."""
        return bool(self.targets) and all(t.id for t in self.targets)


def read(path: Path) -> BaselineReport:
    doc = parse_json(read_text(path), str(path), "baseline is not JSON")
    tool = doc.data.get("tool") if isinstance(doc.data, dict) else None
    ours = isinstance(tool, dict) and tool.get("name") == "voipscan"
    return validate(BaselineReport, doc, what="baseline" if ours else "not a voipscan JSON report")

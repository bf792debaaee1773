"""The inventory: systems, each with the evidence that shows it.

    version: 1
    systems:
      - name: pbx-amsterdam
        site: ams
        configs: [asterisk/, {path: backup.tar.gz, pbx: freepbx}]
        hosts: ["sips:pbx.example.net"]
        captures: [trunk.pcapng]
        declarations: [declarations.yaml]

Paths are relative to the inventory file's folder.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, model_validator

from voipscan.models.base import InputModel, Items, Text, problem

PBX_FORMATS = ("asterisk", "freepbx", "freeswitch", "kamailio", "export", "fusionpbx", "3cx")


def _path_entry(value: object) -> object:
    return {"path": value} if isinstance(value, str) else value


class ConfigEntry(InputModel):
    path: Text
    pbx: Text | None = None
    """The format, when it should not be detected (asterisk, freepbx, freeswitch, ...)."""


class System(InputModel):
    """One telephony system, and every source of evidence about it."""

    name: Annotated[Text, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    """Letters, digits, dot, dash, underscore; unique in the inventory."""
    site: Text | None = None
    """Where a per-site worker scans it from (``voipscan worker --queue SITE``)."""
    description: str = ""
    configs: Items[Annotated[ConfigEntry, BeforeValidator(_path_entry)]] = ()
    hosts: Items[Text] = ()
    captures: Items[Text] = ()
    declarations: Items[Text] = ()

    @model_validator(mode="after")
    def _has_evidence(self) -> System:
        if not (self.configs or self.hosts or self.captures or self.declarations):
            raise problem("a system needs at least one of configs, hosts, captures, "
                          "declarations")
        return self


class Inventory(InputModel):
    version: Literal[1]
    systems: Annotated[Items[System], Field(min_length=1)]

    @model_validator(mode="after")
    def _unique_names(self) -> Inventory:
        seen: set[str] = set()
        for index, system in enumerate(self.systems):
            if system.name in seen:
                raise problem(f"system name '{system.name}' used twice", "systems", index,
                              "name")
            seen.add(system.name)
        return self

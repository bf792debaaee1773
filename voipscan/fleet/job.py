"""A fleet job as it travels through the broker: JSON, checked on arrival."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from voipscan.models.inventory import System

NAME = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"


class Job(BaseModel):
    """One system of a fleet scan, and how to scan it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    fleet_id: Annotated[str, Field(pattern=r"^[0-9a-f]{8,32}$")]
    site: Annotated[str, Field(pattern=NAME)]
    inventory: str
    """The inventory file's path at submission: relative evidence paths resolve against it."""
    system: System
    profiles: tuple[str, ...] = ("baseline",)
    transports: str = "udp,tcp,tls"
    timeout: Annotated[float, Field(gt=0, le=120)] = 3.0
    rate: Annotated[float, Field(ge=0)] = 20.0

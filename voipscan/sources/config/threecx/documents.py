"""The 3CX V20 configuration API (XAPI) documents voipscan reads, as saved from the API.

A folder holds one JSON response per endpoint, named after it:

    Users.json                GET /xapi/v1/Users?$expand=Groups($expand=Rights)   (required)
    Groups.json               GET /xapi/v1/Groups?$expand=Rights,Members
    Trunks.json               GET /xapi/v1/Trunks?$expand=Gateway
    AntiHackingSettings.json  GET /xapi/v1/AntiHackingSettings
    SystemStatus.json         GET /xapi/v1/SystemStatus

Only the fields voipscan reads are modelled (names and types as in the published OpenAPI
document); XAPI returns many more, which are ignored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict

from voipscan.documents import Document, load_document
from voipscan.errors import InputError, Problem, ProblemLevel
from voipscan.models.base import Items
from voipscan.models.validation import validate

SrtpMode = Literal["SRTPDisabled", "SRTPEnabled", "SRTPEnforced"]
T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)


class XapiModel(BaseModel):
    """Named after the OpenAPI schema it follows (``Pbx.User`` is ``PbxUser``)."""

    model_config = ConfigDict(frozen=True, extra="ignore", strict=True)


class PbxRights(XapiModel):
    RoleName: str | None = None
    AllowIVR: bool | None = None
    AllowParking: bool | None = None
    AllowToChangePresence: bool | None = None
    AllowToManageCompanyBook: bool | None = None
    AssignClearOperations: bool | None = None
    CanBargeIn: bool | None = None
    CanIntercom: bool | None = None
    CanSeeGroupCalls: bool | None = None
    CanSeeGroupMembers: bool | None = None
    CanSeeGroupRecordings: bool | None = None
    PerformOperations: bool | None = None
    ShowMyCalls: bool | None = None
    ShowMyPresence: bool | None = None
    ShowMyPresenceOutside: bool | None = None

    def granted(self) -> tuple[str, ...]:
        return tuple(name for name, value in self if value is True)


class PbxUserGroup(XapiModel):
    GroupId: int | None = None
    Name: str | None = None
    Number: str | None = None
    Rights: PbxRights | None = None


class PbxUser(XapiModel):
    Id: int
    Number: str | None = None
    FirstName: str | None = None
    LastName: str | None = None
    EmailAddress: str | None = None
    Enabled: bool | None = None
    Enable2FA: bool | None = None
    Require2FA: bool | None = None
    MS365SignInEnabled: bool | None = None
    GoogleSignInEnabled: bool | None = None
    AllowLanOnly: bool | None = None
    SRTPMode: SrtpMode | None = None
    Groups: Items[PbxUserGroup] | None = None  # None: not expanded in the saved response


class PbxGroup(XapiModel):
    Id: int
    Name: str | None = None
    Number: str | None = None
    IsDefault: bool | None = None
    Rights: Items[PbxRights] = ()
    Members: Items[PbxUserGroup] = ()


class PbxGateway(XapiModel):
    Name: str | None = None
    Host: str | None = None
    Port: int | None = None
    SRTPMode: SrtpMode | None = None


class PbxTrunk(XapiModel):
    Id: int
    Number: str | None = None
    AuthID: str | None = None
    Gateway: PbxGateway | None = None


class PbxAntiHackingSettings(XapiModel):
    HackAuthRequests: int | None = None
    HackBlacklistDuration: int | None = None
    MaxRequestPerPeriod: int | None = None
    SecurityDefenseProgram: bool | None = None


class PbxSystemStatus(XapiModel):
    FQDN: str | None = None
    Version: str | None = None


class Collection(XapiModel, Generic[T]):
    value: Items[T]


@dataclass(frozen=True)
class Saved(Generic[T]):
    """A document as read, with the file it came from (for lines in provenance)."""

    document: Document
    model: T


@dataclass(frozen=True)
class Export:
    origin: str
    users: Saved[Collection[PbxUser]]
    groups: Saved[Collection[PbxGroup]] | None
    trunks: Saved[Collection[PbxTrunk]] | None
    antihacking: Saved[PbxAntiHackingSettings] | None
    status: Saved[PbxSystemStatus] | None


USERS = "Users.json"
WHAT = "not a 3CX XAPI response"
Loader = Callable[[str], Document | None]
"""A saved response by its file name (Users.json ...); None when there is none."""


def _parse(document: Document, model: type[M]) -> Saved[M]:
    return Saved(document, validate(model, document, what=WHAT))


def _optional(load: Loader, name: str, model: type[M], problems: list[Problem]
              ) -> Saved[M] | None:
    try:
        document = load(name)
        return None if document is None else _parse(document, model)
    except InputError as error:
        problems.append(Problem.from_error(error, ProblemLevel.ERROR))
        return None


def assemble(origin: str, load: Loader) -> tuple[Export, list[Problem]]:
    """The documents ``load`` gives; InputError when Users.json is missing or unreadable,
    a problem for any other document that is."""
    users = load(USERS)
    if users is None:
        raise InputError(f"not a 3CX XAPI export: no {USERS}", origin)
    problems: list[Problem] = []
    export = Export(
        origin,
        _parse(users, Collection[PbxUser]),
        _optional(load, "Groups.json", Collection[PbxGroup], problems),
        _optional(load, "Trunks.json", Collection[PbxTrunk], problems),
        _optional(load, "AntiHackingSettings.json", PbxAntiHackingSettings, problems),
        _optional(load, "SystemStatus.json", PbxSystemStatus, problems),
    )
    return export, problems


def read_export(folder: Path) -> tuple[Export, list[Problem]]:
    """The responses saved in a folder."""
    def load(name: str) -> Document | None:
        path = folder / name
        return load_document(path) if path.is_file() else None

    return assemble(str(folder), load)

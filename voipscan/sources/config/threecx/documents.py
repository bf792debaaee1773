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

from dataclasses import dataclass
from pathlib import Path
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict

from voipscan.documents import Document, load_document
from voipscan.errors import InputError, Problem, ProblemLevel
from voipscan.models.validation import validate

SrtpMode = Literal["SRTPDisabled", "SRTPEnabled", "SRTPEnforced"]
T = TypeVar("T")


class XapiModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore", strict=True)


class Rights(XapiModel):
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


class UserGroup(XapiModel):
    GroupId: int | None = None
    Name: str | None = None
    Number: str | None = None
    Rights: Rights | None = None


class User(XapiModel):
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
    Groups: tuple[UserGroup, ...] = ()


class Group(XapiModel):
    Id: int
    Name: str | None = None
    Number: str | None = None
    IsDefault: bool | None = None
    Rights: tuple[Rights, ...] = ()
    Members: tuple[UserGroup, ...] = ()


class Gateway(XapiModel):
    Name: str | None = None
    Host: str | None = None
    Port: int | None = None
    SRTPMode: SrtpMode | None = None


class Trunk(XapiModel):
    Id: int
    Number: str | None = None
    AuthID: str | None = None
    Gateway: Gateway | None = None


class AntiHackingSettings(XapiModel):
    HackAuthRequests: int | None = None
    HackBlacklistDuration: int | None = None
    MaxRequestPerPeriod: int | None = None
    SecurityDefenseProgram: bool | None = None


class SystemStatus(XapiModel):
    FQDN: str | None = None
    Version: str | None = None


class Collection(XapiModel, Generic[T]):
    value: tuple[T, ...]


@dataclass(frozen=True)
class Saved(Generic[T]):
    """A document as read, with the file it came from (for lines in provenance)."""

    document: Document
    model: T


@dataclass(frozen=True)
class Export:
    folder: Path
    users: Saved[Collection[User]]
    groups: Saved[Collection[Group]] | None
    trunks: Saved[Collection[Trunk]] | None
    antihacking: Saved[AntiHackingSettings] | None
    status: Saved[SystemStatus] | None


USERS = "Users.json"
WHAT = "not a 3CX XAPI response"


def _read(path: Path, model: type[T]) -> Saved[T]:
    document = load_document(path)
    parsed: T = validate(model, document, what=WHAT)  # type: ignore[type-var]
    return Saved(document, parsed)


def _optional(folder: Path, name: str, model: type[T], problems: list[Problem]
              ) -> Saved[T] | None:
    path = folder / name
    if not path.exists():
        return None
    try:
        return _read(path, model)
    except InputError as error:
        problems.append(Problem.from_error(error, ProblemLevel.ERROR))
        return None


def read_export(folder: Path) -> tuple[Export, list[Problem]]:
    """The documents of a saved XAPI export; InputError when Users.json cannot be read."""
    if not (folder / USERS).is_file():
        raise InputError(f"not a 3CX XAPI export: no {USERS}", str(folder))
    problems: list[Problem] = []
    export = Export(
        folder,
        _read(folder / USERS, Collection[User]),
        _optional(folder, "Groups.json", Collection[Group], problems),
        _optional(folder, "Trunks.json", Collection[Trunk], problems),
        _optional(folder, "AntiHackingSettings.json", AntiHackingSettings, problems),
        _optional(folder, "SystemStatus.json", SystemStatus, problems),
    )
    return export, problems

"""A 3CX V20 XAPI export into facts: accounts with their roles and 2FA, extensions and trunks
with their SRTP mode.

3CX grants rights by role, per group (department): an account's ``Rights.RoleName`` in each of
its groups. Superusers are found from those roles (``system_owners``, ``system_admins``: the
whole system), never from an account's name; a role voipscan does not know leaves the
account's rights unknown.
"""

from __future__ import annotations

from voipscan.documents import Document
from voipscan.facts import (
    AdminInterface,
    Administrator,
    AuthType,
    Endpoint,
    EndpointKind,
    Fact,
    MediaEncryption,
    Mfa,
    Provenance,
    Role,
    System,
    User,
)
from voipscan.sources.config.threecx.documents import Export, PbxRights, PbxUser, SrtpMode

PLATFORM = "3cx"
SUPERUSER_ROLES: dict[str, str] = {
    "system_owners": "System Owner: every setting of the PBX",
    "system_admins": "System Admin: the whole admin console",
}
ADMIN_ROLES = frozenset({*SUPERUSER_ROLES, "group_owners", "group_admins", "managers"})
USER_ROLES = frozenset({"receptionists", "users"})
_SRTP: dict[SrtpMode, tuple[MediaEncryption, bool]] = {
    "SRTPDisabled": (MediaEncryption.NONE, False),
    "SRTPEnabled": (MediaEncryption.SDES, False),
    "SRTPEnforced": (MediaEncryption.SDES, True),
}


def default(detail: str) -> Provenance:
    return Provenance.default(PLATFORM, detail)


def at(doc: Document, *where: str | int, detail: str = "") -> Provenance:
    return Provenance.file(doc.path, doc.line_of(where), detail)


def account_name(user: PbxUser) -> str:
    return user.EmailAddress or user.Number or f"id {user.Id}"


def account_mfa(user: PbxUser, users: Document, index: int) -> Mfa:
    supported = Fact(True, default("3CX V20 offers 2FA with an authenticator app per user"))
    if user.Enable2FA is None and user.Require2FA is None:
        note = "Enable2FA and Require2FA not in the export (save Users without $select)"
        return Mfa(supported=supported, enabled=Fact(None, None, note),
                   enforced=Fact(None, None, note))
    enabled_at = at(users, "value", index, "Enable2FA", detail="Enable2FA")
    required_at = at(users, "value", index, "Require2FA", detail="Require2FA")
    enforced = Fact(user.Require2FA is True, required_at,
                    "Require2FA" if user.Require2FA else "the user may switch 2FA off")
    if user.Enable2FA:
        enabled = Fact(True, enabled_at, "2FA set up")
    elif user.Require2FA:
        enabled = Fact(False, enabled_at, "2FA required (Require2FA) but not set up yet")
    elif user.MS365SignInEnabled or user.GoogleSignInEnabled:
        provider = "Microsoft 365" if user.MS365SignInEnabled else "Google"
        enabled = Fact(None, enabled_at, f"3CX 2FA off; signs in with {provider}, where MFA "
                       "is enforced or not: declare it (identity provider)")
    else:
        enabled = Fact(False, enabled_at, "2FA off (Enable2FA and Require2FA false)")
    return Mfa(supported=supported, enabled=enabled, enforced=enforced,
               methods=Fact(("authenticator",) if user.Enable2FA else (), enabled_at))


def _role(rights: PbxRights) -> str:
    return rights.RoleName or "(no role name)"


def administrator(user: PbxUser, users: Document, index: int, mfa: Mfa) -> Administrator:
    name = account_name(user)
    anchor = at(users, "value", index)
    groups_at = at(users, "value", index, "Groups", detail="Groups")
    state = Fact(user.Enabled is not False, at(users, "value", index, "Enabled"),
                 "" if user.Enabled is not False else "account disabled")
    if user.Groups is None:
        note = "groups and roles not in the export (save Users with $expand=Groups)"
        return Administrator(name=name, interface=AdminInterface.WEB, mfa=mfa,
                             roles=Fact(None, None, note), permissions=Fact(None, None, note),
                             superuser=Fact(None, None, note), enabled=state, source=anchor)
    memberships = [(g.Name or f"group {g.GroupId}", g.Rights) for g in user.Groups
                   if g.Rights is not None]
    roles = tuple(f"{_role(r)}@{group}" for group, r in memberships)
    rights = tuple(sorted({f"role:{_role(r)}" for _, r in memberships}
                          | {flag for _, r in memberships for flag in r.granted()}))
    names = {_role(r) for _, r in memberships}
    unknown = sorted(names - ADMIN_ROLES - USER_ROLES)
    owner = sorted(names & SUPERUSER_ROLES.keys())
    superuser = (Fact(True, groups_at, SUPERUSER_ROLES[owner[0]]) if owner else
                 Fact(None, groups_at, f"role {', '.join(unknown)} not known to voipscan")
                 if unknown else Fact(False, groups_at, "no system-wide role"))
    return Administrator(
        name=name, interface=AdminInterface.WEB, auth_backend=Fact("3cx", anchor), mfa=mfa,
        roles=Fact(roles, groups_at, "role per group"), permissions=Fact(rights, groups_at),
        superuser=superuser, enabled=state, source=anchor)


def _is_user(user: PbxUser) -> bool:
    """Holds only user roles (receptionists, users): rights known and not administrative."""
    if user.Groups is None:
        return False
    names = {_role(g.Rights) for g in user.Groups if g.Rights is not None}
    return names <= USER_ROLES


def roles(export: Export) -> tuple[Role, ...]:
    found: dict[str, Role] = {}
    if export.groups is not None:
        for i, group in enumerate(export.groups.model.value):
            for j, rights in enumerate(group.Rights):
                name = f"{_role(rights)}@{group.Name or group.Id}"
                source = at(export.groups.document, "value", i, "Rights", j)
                found.setdefault(name, _as_role(name, rights, source))
    for i, user in enumerate(export.users.model.value):
        for j, membership in enumerate(user.Groups or ()):
            if membership.Rights is not None:
                name = f"{_role(membership.Rights)}@{membership.Name or membership.GroupId}"
                source = at(export.users.document, "value", i, "Groups", j, "Rights")
                found.setdefault(name, _as_role(name, membership.Rights, source))
    return tuple(found[name] for name in sorted(found))


def _as_role(name: str, rights: PbxRights, source: Provenance) -> Role:
    role = _role(rights)
    known = role in ADMIN_ROLES or role in USER_ROLES
    return Role(name, (f"role:{role}", *rights.granted()),
                Fact(role in SUPERUSER_ROLES if known else None, source,
                     SUPERUSER_ROLES.get(role, "" if known else "role not known to voipscan")),
                source)


def _media(mode: SrtpMode | None, source: Provenance
           ) -> tuple[Fact[MediaEncryption], Fact[bool]]:
    if mode is None:
        return Fact(None, None, "SRTPMode not in the export"), Fact(None, None, "")
    encryption, mandatory = _SRTP[mode]
    return Fact(encryption, source, mode), Fact(mandatory, source, mode)


def endpoints(export: Export) -> tuple[Endpoint, ...]:
    found: list[Endpoint] = []
    for i, user in enumerate(export.users.model.value):
        if user.Enabled is False:
            continue
        source = at(export.users.document, "value", i, "SRTPMode", detail="SRTPMode")
        encryption, mandatory = _media(user.SRTPMode, source)
        found.append(Endpoint(
            f"ext {user.Number or user.Id}", EndpointKind.PHONE,
            media_encryption=encryption, media_encryption_mandatory=mandatory,
            auth_type=Fact(AuthType.DIGEST, default("3CX extensions register with an auth ID "
                                                    "and password")),
            source=at(export.users.document, "value", i)))
    if export.trunks is None:
        return tuple(found)
    doc = export.trunks.document
    for i, trunk in enumerate(export.trunks.model.value):
        gateway = trunk.Gateway
        source = at(doc, "value", i, "Gateway", "SRTPMode", detail="SRTPMode")
        encryption, mandatory = _media(gateway.SRTPMode if gateway else None, source)
        label = f"trunk {trunk.Number or trunk.Id}"
        if gateway is not None and gateway.Name:
            label += f" {gateway.Name}"
        found.append(Endpoint(label, EndpointKind.TRUNK, media_encryption=encryption,
                              media_encryption_mandatory=mandatory,
                              source=at(doc, "value", i)))
    return tuple(found)


def build(export: Export, name: str) -> System:
    users = export.users
    admins: list[Administrator] = []
    accounts: list[User] = []
    for index, user in enumerate(users.model.value):
        mfa = account_mfa(user, users.document, index)
        if _is_user(user):
            if user.Enabled is not False:
                accounts.append(User(account_name(user), mfa,
                                     source=at(users.document, "value", index)))
            continue
        admins.append(administrator(user, users.document, index, mfa))
    status = export.status
    version = (Fact(status.model.Version, at(status.document, "Version"))
               if status is not None and status.model.Version
               else Fact(None, None, "SystemStatus.json not in the export"))
    return System(
        name=name,
        platform=Fact(PLATFORM, at(users.document)),
        version=version,
        admins=tuple(admins), admins_known=True,
        users=tuple(accounts), users_known=True,
        roles=roles(export),
        roles_known=export.groups is not None or any(u.Groups is not None
                                                      for u in users.model.value),
        endpoints=endpoints(export), endpoints_known=export.trunks is not None,
    )

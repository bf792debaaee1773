"""iax.conf (chan_iax2): the users that take calls, how they authenticate, their encryption.

Read as chan_iax2 reads it (``build_user``, ``check_access``): a user with no secret, no
``dbsecret`` and no ``inkeys`` is let in without authentication (the stock ``[guest]``);
``auth=`` (the user's, else ``[general]``'s) lists md5, plaintext and rsa, md5 when unset;
IAX2 encryption is keyed by the shared secret, offered with ``encryption=`` and required
only with ``forceencryption=``. A caller may pick any context the user lists (``*``: any).
Users of users.conf with ``hasiax`` are friends built from its ``[general]`` defaults.
"""

from __future__ import annotations

from dataclasses import dataclass

from voipscan.facts import (
    AuthType,
    Endpoint,
    EndpointKind,
    Fact,
    MediaEncryption,
    SecretInfo,
)
from voipscan.sources.config.asterisk.conf import ConfFile, Section, Setting
from voipscan.sources.config.asterisk.values import (
    ast_bool,
    default_source,
    secret_fact,
    split_list,
)

TECHNOLOGY = "iax2"
_USER_TYPES = frozenset({"user", "friend"})
_NOT_IAX = "IAX2 signals over UDP 4569, not SIP"


@dataclass(frozen=True)
class IaxFacts:
    endpoints: tuple[Endpoint, ...]
    contexts: dict[str, tuple[str, ...]]
    """Every context a caller of each endpoint may ask for (``*`` = any)."""


@dataclass(frozen=True)
class _Crypto:
    """IAX2 encryption as chan_iax2 folds ``encryption=`` and ``forceencryption=``."""

    offered: bool = False
    forced: bool = False
    setting: Setting | None = None

    def after(self, settings: list[Setting]) -> _Crypto:
        offered, forced, last = self.offered, self.forced, self.setting
        for setting in settings:
            key = setting.key.lower()
            if key == "encryption":
                offered = offered or _encrypts(setting.value)
                forced = forced and offered
                last = setting
            elif key == "forceencryption":
                last = setting
                if ast_bool(setting.value) is False:
                    forced = False
                elif _encrypts(setting.value):
                    offered = forced = True
        return _Crypto(offered, forced, last)


@dataclass(frozen=True)
class _General:
    auth: Setting | None
    crypto: _Crypto


def _general(section: Section | None) -> _General:
    if section is None:
        return _General(None, _Crypto())
    return _General(section.get("auth"), _Crypto().after(section.settings))


def _encrypts(value: str) -> bool:
    return value.strip().lower() == "aes128" or bool(ast_bool(value))


def _methods(text: str) -> set[str]:
    lowered = text.lower()
    return {m for m in ("md5", "plaintext", "rsa") if m in lowered}


def _secret(section: Section) -> Fact[SecretInfo]:
    """The shortest of its secrets: a user accepts every ``secret=`` line it has."""
    secrets = [s for s in section.all("secret") if s.value] or section.all("secret")[-1:]
    judged = [secret_fact(s, section.name) for s in secrets]
    return min(judged, key=_length, default=Fact(None, None, ""))


def _length(secret: Fact[SecretInfo]) -> int:
    return secret.value.length or 0 if secret.value is not None else 0


def _auth(section: Section, general: _General) -> tuple[Fact[AuthType], Fact[SecretInfo]]:
    secret = _secret(section)
    db = section.get("dbsecret")
    keys = section.get("inkeys")
    present = (secret.value is not None and secret.value.present) or bool(
        db and db.value) or bool(keys and keys.value)
    gap = section.unset_by("secret")
    if not present and gap is not None:
        return Fact(None, gap.source(), gap.note("secret")), secret
    if not present:
        return Fact(AuthType.NONE, section.source(), "no secret, dbsecret or inkeys: anyone "
                    "is let in as this user without authentication"), secret
    chosen = section.get("auth") or general.auth
    source = chosen.source() if chosen else None
    methods = _methods(chosen.value) if chosen else set()
    if not methods:  # build_user: md5 with a secret, rsa with inkeys
        has_secret = (secret.value is not None and secret.value.present) or bool(db and db.value)
        methods = ({"md5"} if has_secret else set()) | ({"rsa"} if keys and keys.value else set())
        source = default_source("chan_iax2 auth default: md5 with a secret, rsa with inkeys")
    if db and db.value and secret.value is None:
        secret = Fact(None, db.source(), "secret kept in the Asterisk database (dbsecret)")
    if "plaintext" in methods:
        return Fact(None, source, "auth=plaintext: the secret may cross the network in "
                    "clear; judge by hand"), secret
    if methods == {"rsa"}:
        return Fact(AuthType.CERTIFICATE, source, "RSA keys (inkeys)"), secret
    return Fact(AuthType.DIGEST, source, "md5 challenge"), secret


def _encryption(section: Section, general: _General, auth: Fact[AuthType]
                ) -> tuple[Fact[MediaEncryption], Fact[bool]]:
    crypto = general.crypto.after(section.settings)
    source = crypto.setting.source() if crypto.setting else default_source(
        "chan_iax2 encryption default no")
    if auth.value is AuthType.NONE:
        note = "no secret to key IAX2 encryption: media in clear"
        return Fact(MediaEncryption.NONE, auth.source, note), Fact(False, auth.source, note)
    if not crypto.offered:
        return (Fact(MediaEncryption.NONE, source, "IAX2 encryption off: media in clear"),
                Fact(False, source))
    if not crypto.forced:
        note = "encryption=yes offers IAX2 encryption without forceencryption: calls from " \
               "peers without it are in clear"
        return Fact(MediaEncryption.NONE, source, note), Fact(False, source, note)
    note = "forceencryption: IAX2's own AES-128, keyed by the secret; not SRTP, judge it " \
           "against your policy"
    return Fact(None, source, note), Fact(True, source, note)


def _contexts(section: Section) -> tuple[Fact[str], tuple[str, ...]]:
    settings = section.all("context")
    names = tuple(n for s in settings for n in split_list(s.value))
    if not names:
        return Fact("default", default_source("chan_iax2 user without context: "
                                              "'default'")), ("default",)
    return Fact(names[0], settings[0].source()), names


def _user(section: Section, general: _General, label: str) -> tuple[Endpoint, tuple[str, ...]]:
    auth, secret = _auth(section, general)
    encryption, mandatory = _encryption(section, general, auth)
    context, contexts = _contexts(section)
    host = (section.value("host") or "dynamic").strip().lower()
    if auth.value is AuthType.NONE:
        kind = EndpointKind.GUEST
    else:
        kind = EndpointKind.PHONE if host == "dynamic" else EndpointKind.TRUNK
    endpoint = Endpoint(
        name=f"iax:{section.name}",
        kind=kind,
        transports=Fact(None, None, _NOT_IAX),
        media_encryption=encryption,
        media_encryption_mandatory=mandatory,
        auth_type=auth,
        ip_auth_only=Fact(False, auth.source),
        secret=secret,
        source=section.source(f"[{section.name}] {label}"),
        context=context,
        unauthenticated_options=Fact(None, None, _NOT_IAX),
        technology=TECHNOLOGY,
    )
    return endpoint, contexts


def read_iax(conf: ConfFile | None, users: tuple[Section, ...] = ()) -> IaxFacts:
    """``conf`` is iax.conf; ``users`` the users.conf users with ``hasiax``."""
    general = _general(conf.settings_of("general") if conf is not None else None)
    found: list[tuple[Endpoint, tuple[str, ...]]] = []
    for section in conf.objects() if conf is not None else ():
        kind = (section.value("type") or "").strip().lower()
        if section.name.lower() != "general" and kind in _USER_TYPES:
            found.append(_user(section, general, f"type={kind}"))
    found += [_user(u, general, "users.conf hasiax") for u in users]
    return IaxFacts(tuple(e for e, _ in found), {e.name: c for e, c in found})

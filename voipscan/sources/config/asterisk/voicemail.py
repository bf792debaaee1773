"""voicemail.conf (app_voicemail): mailboxes and their PINs, judged and never kept.

``mailbox => pin,full name,email,pager,options`` in a context section; a PIN written ``-1234``
is one the user may not change. ``passwordlocation=spooldir`` keeps the PINs in the spool
(secret.conf per mailbox), out of the config. Users of users.conf with ``hasvoicemail`` get
a mailbox in ``userscontext`` (default ``default``) with their ``vmsecret`` (else ``secret``).
"""

from __future__ import annotations

from dataclasses import dataclass

from voipscan.facts import Fact, Mailbox, SecretInfo
from voipscan.sources.config.asterisk.conf import ConfFile, Section, Setting

_NOT_MAILBOXES = frozenset({"general", "zonemessages"})


@dataclass(frozen=True)
class VoicemailFacts:
    mailboxes: tuple[Mailbox, ...]


def _pin(setting: Setting, number: str, spooled: str) -> Fact[SecretInfo]:
    if spooled:
        return Fact(None, setting.source(), spooled)
    pin = setting.value.split(",", 1)[0].strip().removeprefix("-")
    return Fact(SecretInfo.judge_pin(pin, mailbox=number),
                setting.source(f"[{setting.section}] {number}"))


def _own(user: Section, *keys: str) -> Setting | None:
    """The user's own setting: app_voicemail takes no PIN from users.conf [general]."""
    for key in keys:
        own = [s for s in user.all(key) if s.section.lower() != "general"]
        if own:
            return own[-1]
    return None


def _spooled(general: Section | None) -> str:
    where = general.get("passwordlocation") if general else None
    if where is not None and where.value.strip().lower() == "spooldir":
        return (f"PINs are kept in the voicemail spool (passwordlocation=spooldir, "
                f"{where.path}:{where.line}), not in the config")
    return ""


def read_voicemail(conf: ConfFile | None, users: tuple[Section, ...] = ()) -> VoicemailFacts:
    """``conf`` is voicemail.conf; ``users`` the users.conf users with ``hasvoicemail``."""
    general = conf.settings_of("general") if conf is not None else None
    spooled = _spooled(general)
    aliases = (general.value("aliasescontext") or "").strip() if general else ""
    found: list[Mailbox] = []
    for section in conf.objects() if conf is not None else ():
        if section.name.lower() in _NOT_MAILBOXES or section.name == aliases:
            continue
        for setting in section.settings:
            number = setting.key.strip()
            if "@" in number:  # an alias (mailbox@context => mailbox@context)
                continue
            found.append(Mailbox(f"{number}@{section.name}",
                                 _pin(setting, number, spooled), setting.source()))
    context = (general.value("userscontext") or "default").strip() if general else "default"
    for user in users:
        secret = _own(user, "vmsecret", "secret", "password")
        if secret is None:
            pin: Fact[SecretInfo] = Fact(SecretInfo.judge_pin("", mailbox=user.name),
                                         user.source(), "users.conf user without vmsecret")
        else:
            pin = Fact(SecretInfo.judge_pin(secret.value.strip(), mailbox=user.name),
                       secret.source())
        found.append(Mailbox(f"{user.name}@{context}", pin, user.source()))
    return VoicemailFacts(tuple(found))

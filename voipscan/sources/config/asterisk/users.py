"""users.conf (Asterisk 20-22): one section per user, read by chan_sip (``hassip``),
chan_iax2 (``hasiax``) and app_voicemail (``hasvoicemail``). ``[general]`` holds the
defaults every user starts from."""

from __future__ import annotations

from dataclasses import dataclass

from voipscan.sources.config.asterisk.conf import ConfFile, Section
from voipscan.sources.config.asterisk.values import ast_bool


@dataclass(frozen=True)
class UsersConf:
    general: Section | None
    users: tuple[Section, ...]
    """Each user as its channel drivers see it: the [general] defaults, then its own
    settings (a setting of its own wins; every value keeps its file and line)."""

    def having(self, flag: str) -> tuple[Section, ...]:
        """Users with ``hassip``/``hasiax``/``hasvoicemail`` true (own value, else general)."""
        return tuple(u for u in self.users if ast_bool(u.value(flag) or "no"))


def read_users(conf: ConfFile) -> UsersConf:
    general = conf.settings_of("general")
    users = []
    for section in conf.objects():
        if section.name.lower() == "general":
            continue
        defaults = general.settings if general else []
        gaps = [*(general.gaps if general else ()), *section.gaps]
        merged = Section(section.name, section.path, section.line,
                         settings=[*defaults, *section.settings], gaps=gaps)
        users.append(merged)
    return UsersConf(general, tuple(users))

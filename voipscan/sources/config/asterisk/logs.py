"""logger.conf, cdr.conf and cel.conf: which events are logged, and whether logs leave the box."""

from __future__ import annotations

from voipscan.facts import Fact, Logging
from voipscan.sources.config.asterisk.conf import ConfFile, Setting
from voipscan.sources.config.asterisk.values import ast_bool, default_source, split_list

# Backends that write CDRs when their own config file is present.
CDR_BACKEND_FILES = (
    "cdr_custom.conf", "cdr_adaptive_odbc.conf", "cdr_odbc.conf", "cdr_pgsql.conf",
    "cdr_mysql.conf", "cdr_sqlite3_custom.conf", "cdr_tds.conf", "cdr_beanstalkd.conf",
    "cdr_manager.conf", "cdr_syslog.conf",
)
CDR_BACKEND_SECTIONS = ("csv", "radius")
CEL_BACKEND_FILES = ("cel_custom.conf", "cel_odbc.conf", "cel_pgsql.conf",
                     "cel_sqlite3_custom.conf", "cel_tds.conf", "cel_beanstalkd.conf")


def _channels(logger: ConfFile | None) -> list[Setting]:
    if logger is None:
        return []
    section = logger.section("logfiles")
    return list(section.settings) if section is not None else []


def _levels(setting: Setting) -> set[str]:
    text = setting.value.strip()
    if text.startswith("["):
        text = text.partition("]")[2]
    return {level.partition("(")[0].strip().lower() for level in split_list(text)}


def access_attempts(logger: ConfFile | None) -> Fact[bool]:
    """Security events (failed logins, ACL rejects) reach a log channel."""
    if logger is None:
        return Fact(False, default_source("no logger.conf: console and messages log only, "
                                          "without the security level"))
    if not logger.complete:
        return Fact(None, None, "logger.conf could not be read completely")
    for setting in _channels(logger):
        levels = _levels(setting)
        if "security" in levels or "*" in levels:
            return Fact(True, setting.source(), f"channel {setting.key} logs security events")
    section = logger.section("logfiles")
    source = section.source() if section is not None else default_source("logger.conf")
    return Fact(False, source, "no log channel has the security level")


def forwarding(logger: ConfFile | None) -> tuple[Fact[bool], Fact[str]]:
    if logger is None:
        source = default_source("no logger.conf: no syslog channel")
        return Fact(False, source), Fact(None, None, "no syslog channel")
    if not logger.complete:
        note = "logger.conf could not be read completely"
        return Fact(None, None, note), Fact(None, None, note)
    for setting in _channels(logger):
        if setting.key.lower().startswith("syslog"):
            note = "to the local syslog daemon, which must forward it off the host"
            return (Fact(True, setting.source(), note),
                    Fact(setting.key, setting.source(), note))
    section = logger.section("logfiles")
    source = section.source() if section is not None else default_source("logger.conf")
    return Fact(False, source, "no syslog channel"), Fact(None, None, "no syslog channel")


def calls_logged(cdr: ConfFile | None, cel: ConfFile | None, present: set[str]) -> Fact[bool]:
    """CDRs (or CEL events) are written to some backend."""
    general = cdr.section("general") if cdr is not None else None
    enable = general.get("enable") if general is not None else None
    cdr_on = ast_bool(enable.value) if enable is not None else True
    cel_general = cel.section("general") if cel is not None else None
    cel_enable = cel_general.get("enable") if cel_general is not None else None
    cel_on = bool(cel_enable is not None and ast_bool(cel_enable.value))
    backends = [name for name in CDR_BACKEND_FILES if name in present]
    if cdr is not None:
        backends += [s for s in CDR_BACKEND_SECTIONS if cdr.section(s) is not None]
    cel_backends = [name for name in CEL_BACKEND_FILES if name in present]
    if cdr_on and backends:
        source = enable.source() if enable is not None else (
            general.source() if general is not None else default_source("cdr enable default yes"))
        return Fact(True, source, f"CDR backends: {', '.join(backends)}")
    if cel_on and cel_backends and cel_enable is not None:
        return Fact(True, cel_enable.source(), f"CEL backends: {', '.join(cel_backends)}")
    if cdr_on is False and not cel_on and enable is not None:
        return Fact(False, enable.source(), "CDR disabled and CEL not enabled")
    if cdr is None and cel is None:
        return Fact(None, None, "no cdr.conf or cel.conf in the evidence")
    return Fact(None, enable.source() if enable is not None else None,
                "CDR enabled but no CDR backend configured in the tree")


def logging_facts(logger: ConfFile | None, cdr: ConfFile | None, cel: ConfFile | None,
                  present: set[str], defaults_apply: bool = True) -> Logging:
    """``defaults_apply``: an absent file means Asterisk's defaults (a full /etc/asterisk),
    or only that the evidence lacks it (the custom files of a FreePBX backup)."""
    absent = "not in the evidence"
    if logger is None and not defaults_apply:
        # Plain Fact(...): Fact[bool](...) fails on a slotted frozen dataclass (Python 3.11).
        access: Fact[bool] = Fact(None, None, f"logger.conf {absent}")
        forwarded: Fact[bool] = Fact(None, None, f"logger.conf {absent}")
        forwarded_to: Fact[str] = Fact()
    else:
        access = access_attempts(logger)
        forwarded, forwarded_to = forwarding(logger)
    if cdr is None and cel is None and not defaults_apply:
        calls: Fact[bool] = Fact(None, None, f"cdr.conf and cel.conf {absent}")
    else:
        calls = calls_logged(cdr, cel, present)
    return Logging(
        calls=calls,
        config_changes=Fact(None, None, "Asterisk does not log configuration changes: "
                            "evidence required (version control, change records)"),
        access_attempts=access,
        retention_days=Fact(None, None, "Asterisk keeps no log retention setting: evidence "
                            "required from logrotate or the SIEM"),
        forwarded=forwarded,
        forwarded_to=forwarded_to,
    )

"""AsteriskSource: an /etc/asterisk tree (or a copy, or the files of a backup) into facts."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from voipscan.errors import InputError, Problem
from voipscan.facts import (
    Administrator,
    Disclosure,
    Endpoint,
    Fact,
    ManagementInterface,
    OriginKind,
    PasswordPolicy,
    Provenance,
    Recording,
    Role,
    SipTransport,
    System,
)
from voipscan.sources.config.asterisk.chan_sip import read_chan_sip
from voipscan.sources.config.asterisk.cli import CliFacts, read_cli
from voipscan.sources.config.asterisk.conf import ConfFile, load_conf
from voipscan.sources.config.asterisk.detect import score as evidence_score
from voipscan.sources.config.asterisk.dialplan import (
    Dialplan,
    build_dialplan,
    reach_facts,
    recording_use,
    redact,
)
from voipscan.sources.config.asterisk.http_ari import read_http
from voipscan.sources.config.asterisk.iax import read_iax
from voipscan.sources.config.asterisk.logs import logging_facts
from voipscan.sources.config.asterisk.manager import ManagerFacts, read_manager
from voipscan.sources.config.asterisk.outbound import dial_contexts
from voipscan.sources.config.asterisk.pjsip import WebListener, read_pjsip
from voipscan.sources.config.asterisk.tree import ConfigTree, DiskTree
from voipscan.sources.config.asterisk.users import UsersConf, read_users
from voipscan.sources.config.asterisk.values import PLATFORM, ast_bool, default_source
from voipscan.sources.config.asterisk.voicemail import read_voicemail
from voipscan.sources.config.asterisk.wizard import wizard_objects
from voipscan.sources.interface import ConfigSource, SourceResult
from voipscan.target import Target, TargetKind

DETECT_FILES = ("asterisk.conf", "pjsip.conf", "sip.conf", "manager.conf", "extensions.conf")
CONFIG_STEMS = ("pjsip", "sip", "manager", "http", "ari", "logger", "cdr", "cel",
                "extensions", "cli_permissions", "modules", "sorcery", "asterisk", "iax",
                "users", "voicemail", "acl", "pjsip_wizard")
NO_DIALPLAN = "no extensions.conf in the evidence"


class AsteriskSource(ConfigSource):
    name = "asterisk"
    description = "Asterisk configuration directory (/etc/asterisk)"

    def detect(self, path: Path) -> float:
        return evidence_score(path)

    def load(self, path: Path) -> SourceResult:
        if not path.is_dir():
            raise InputError("expected the Asterisk configuration directory", str(path))
        tree = DiskTree(path)
        if not any(tree.exists(f"{stem}.conf") for stem in CONFIG_STEMS):
            raise InputError("no Asterisk configuration files (pjsip.conf, sip.conf, "
                             "manager.conf ...) in this directory", str(path))
        scan = scan_tree(tree, str(path))
        return SourceResult(Target.path(path, TargetKind.CONFIG, self.name), scan.system,
                            scan.problems)


@dataclass
class _Loader:
    tree: ConfigTree
    fallback: bool
    problems: list[Problem] = field(default_factory=list)

    def conf(self, stem: str) -> ConfFile | None:
        main = f"{stem}.conf"
        if self.tree.exists(main):
            roots = [main]
        elif self.fallback:
            roots = sorted(set(self.tree.glob(f"{stem}_*.conf") + self.tree.glob(f"{stem}.*.conf")))
        else:
            roots = []
        if not roots:
            return None
        implicit = "general" if self.fallback and main not in roots else None
        conf = load_conf(self.tree, roots, main, implicit_section=implicit)
        self.problems.extend(conf.problems)
        return conf


@dataclass(frozen=True)
class TreeScan:
    system: System
    problems: tuple[Problem, ...]
    dialplan: Dialplan | None


def _loaded(modules: ConfFile | None, module: str) -> bool:
    """Whether modules.conf lets the module load: named by load/noload, else autoload."""
    section = modules.section("modules") if modules is not None else None
    if section is None:
        return True
    for setting in reversed(section.settings):
        if setting.value.strip() == module and setting.key.lower() in (
                "load", "noload", "require", "preload", "preload-require"):
            return setting.key.lower() != "noload"
    return ast_bool(section.value("autoload") or "yes") is not False


def _realtime(sorcery: ConfFile | None) -> list[str]:
    section = sorcery.section("res_pjsip") if sorcery is not None else None
    if section is None:
        return []
    return [s.key for s in section.settings if s.value.strip().lower().startswith("realtime")]


def _with_wizards(pjsip: ConfFile | None, wizards: ConfFile | None,
                  modules: ConfFile | None) -> ConfFile | None:
    """pjsip.conf with the objects pjsip_wizard.conf creates added to it."""
    if wizards is None or not _loaded(modules, "res_pjsip_config_wizard.so"):
        return pjsip
    combined = pjsip or ConfFile("pjsip.conf", wizards.root, wizards.root_display)
    for section in wizard_objects(wizards):
        combined.add(section)
    combined.problems.extend(p for p in wizards.problems if p not in combined.problems)
    combined.gaps.extend(wizards.gaps)
    return combined


def scan_tree(tree: ConfigTree, name: str, platform: str = PLATFORM,
              fallback: bool = False) -> TreeScan:
    """Read every security-relevant Asterisk config of a tree into one System."""
    load = _Loader(tree, fallback)
    modules = load.conf("modules")
    acls = load.conf("acl")
    http, ari = load.conf("http"), load.conf("ari")
    http_facts = read_http(http, ari, platform, acls)
    web = WebListener(http_facts.bind, http_facts.tls_bind)
    users_conf = load.conf("users")
    users = read_users(users_conf) if users_conf is not None else UsersConf(None, ())

    transports: list[SipTransport] = []
    endpoints: list[Endpoint] = []
    disclosures: list[Disclosure] = list(http_facts.disclosures)
    one_touch: list[Endpoint] = []
    # A FreePBX backup holds only some files: what is absent is unknown, not a default.
    transports_known = endpoints_known = not fallback
    disclosure_unknown = False
    sip_read: list[ConfFile] = []
    enumeration: Fact[bool] = Fact(None, None, "no SIP configuration read")
    pjsip = _with_wizards(load.conf("pjsip"), load.conf("pjsip_wizard"), modules)
    if pjsip is not None and _loaded(modules, "res_pjsip.so"):
        sip_read.append(pjsip)
        enumeration = Fact(False, default_source("pjsip challenges unknown users like known "
                                                 "ones (401)", platform))
        facts = read_pjsip(pjsip, web)
        transports += facts.transports
        endpoints += facts.endpoints
        disclosures += facts.disclosures
        one_touch += facts.one_touch_recording
        transports_known = endpoints_known = pjsip.complete and not fallback
        disclosure_unknown = facts.disclosure_unknown
        if _realtime(load.conf("sorcery")):
            endpoints_known = False
    sip = load.conf("sip")
    if sip is not None and _loaded(modules, "chan_sip.so"):
        sip_read.append(sip)
        facts_sip = read_chan_sip(sip, users.having("hassip"))
        if enumeration.value is not True:
            enumeration = facts_sip.user_enumeration if facts_sip.user_enumeration.value \
                or enumeration.value is None else enumeration
        transports += facts_sip.transports
        endpoints += facts_sip.endpoints
        disclosures += facts_sip.disclosures
        disclosure_unknown = disclosure_unknown or facts_sip.disclosure_unknown
        transports_known = transports_known and sip.complete
        endpoints_known = endpoints_known and sip.complete and (
            users_conf is None or users_conf.complete)
    if not transports and transports_known:
        enumeration = Fact(None, None, "no SIP transport: nothing answers SIP requests")
    iax = load.conf("iax")
    iax_contexts: dict[str, tuple[str, ...]] = {}
    if iax is not None and _loaded(modules, "chan_iax2.so"):
        facts_iax = read_iax(iax, users.having("hasiax"))
        endpoints += facts_iax.endpoints
        iax_contexts = facts_iax.contexts
        endpoints_known = endpoints_known and iax.complete
    voicemail = load.conf("voicemail")
    mailboxes = read_voicemail(voicemail, users.having("hasvoicemail")) if (
        voicemail is not None and _loaded(modules, "app_voicemail.so")) else None

    manager = load.conf("manager")
    manager_facts = (read_manager(manager, platform, acls)
                     if manager is not None or not fallback else ManagerFacts((), ()))
    cli = load.conf("cli_permissions")
    cli_facts = read_cli(cli) if cli is not None or not fallback else CliFacts((), ())
    admins: list[Administrator] = [*manager_facts.admins, *http_facts.admins, *cli_facts.admins]
    roles: list[Role] = list(cli_facts.roles)
    management: list[ManagementInterface] = [*manager_facts.interfaces,
                                             *http_facts.interfaces]

    present = set(tree.names())
    logger, cdr, cel = load.conf("logger"), load.conf("cdr"), load.conf("cel")
    logging = logging_facts(logger, cdr, cel, present, defaults_apply=not fallback)
    dialplan = _dialplan(load.conf("extensions"), present, fallback)
    endpoints = [attach_reach(e, dialplan, iax_contexts.get(e.name, ())) for e in endpoints]
    dialling = tuple(dial_contexts(dialplan, tuple(endpoints)))

    # Accounts kept in a missing include are not counted: the administrators are unknown.
    complete = all(c is None or (c.complete and not c.gaps)
                   for c in (manager, http, ari, cli)) and (
        not fallback or manager is not None)
    first = next((f"{s}.conf" for s in CONFIG_STEMS if f"{s}.conf" in present), None)
    platform_source = (Provenance.file(tree.display(first), None, "Asterisk config file")
                       if first else Provenance(OriginKind.DERIVED, name, None, platform))
    system = System(
        name=name,
        platform=Fact(platform, platform_source),
        version=Fact(None, None, "Asterisk configs do not record the version"),
        hosting_countries=Fact(None, None, "hosting location: evidence required"),
        admins=tuple(admins),
        admins_known=complete,
        roles=tuple(roles),
        roles_known=cli is None or cli.complete,
        password_policy=PasswordPolicy(
            min_length=Fact(None, None, "Asterisk has no password policy setting"),
            rotation_days=Fact(None, None, "Asterisk has no password rotation setting")),
        transports=tuple(transports),
        transports_known=transports_known,
        endpoints=tuple(endpoints),
        endpoints_known=endpoints_known,
        management=tuple(management),
        management_known=complete,
        logging=logging,
        recording=recording_facts(dialplan, one_touch),
        disclosures=tuple(disclosures),
        disclosures_known=bool(sip_read) and all(c.complete for c in sip_read)
        and not disclosure_unknown,
        user_enumeration=enumeration,
        dial_contexts=dialling,
        dial_contexts_known=dialplan is not None and endpoints_known,
        mailboxes=mailboxes.mailboxes if mailboxes else (),
        mailboxes_known=mailboxes is not None and voicemail is not None and voicemail.complete
        and (users_conf is None or users_conf.complete),
    )
    return TreeScan(system, tuple(load.problems), dialplan)


def _dialplan(conf: ConfFile | None, present: set[str], fallback: bool) -> Dialplan | None:
    if conf is None:
        return None
    notes = []
    if fallback and "extensions_additional.conf" not in present:
        notes.append("FreePBX generates most of the dialplan in extensions_additional.conf, "
                     "which this evidence does not hold")
    if not conf.complete:
        notes.append("part of the dialplan could not be read")
    others = sorted(present.intersection({"extensions.ael", "extensions.lua"}))
    if others:
        notes.append(f"dialplan also in {', '.join(others)}, which is not analysed")
    return build_dialplan(conf, "; ".join(notes))


def attach_reach(endpoint: Endpoint, dialplan: Dialplan | None,
                 contexts: tuple[str, ...] = ()) -> Endpoint:
    """What calls from the endpoint reach; with ``contexts``, the caller picks any of them
    (an IAX2 user's context list, ``*`` for every context)."""
    if len(contexts) <= 1 and "*" not in contexts:
        outbound, voicemail = reach_facts(dialplan, endpoint.context, NO_DIALPLAN)
        return replace(endpoint, reaches_outbound=outbound, reaches_voicemail=voicemail)
    names = sorted(dialplan.contexts) if dialplan is not None and "*" in contexts else contexts
    each = [reach_facts(dialplan, Fact(n, endpoint.context.source), NO_DIALPLAN)
            for n in names] or [reach_facts(dialplan, endpoint.context, NO_DIALPLAN)]
    return replace(endpoint, reaches_outbound=_worst([o for o, _ in each]),
                   reaches_voicemail=_worst([v for _, v in each]))


def _worst(facts: list[Fact[bool]]) -> Fact[bool]:
    """Reached through any of them; else not known through any; else not reached."""
    return next((f for f in facts if f.value), None) or next(
        (f for f in facts if f.value is None), facts[0])


_NO_RECORDING_SETTING = "Asterisk has no setting for this: evidence required"


def _recording(enabled: Fact[bool], consent: Fact[bool]) -> Recording:
    return Recording(
        enabled=enabled,
        consent_notice=consent,
        retention_days=Fact(None, None, "Asterisk keeps no retention setting for recordings: "
                            "evidence required"),
        storage_countries=Fact(None, None, _NO_RECORDING_SETTING),
        access_roles=Fact(None, None, _NO_RECORDING_SETTING),
        access_restricted=Fact(None, None, "recordings are files: access depends on the file "
                               "system and any portal"),
        encrypted_at_rest=Fact(None, None, _NO_RECORDING_SETTING),
    )


def recording_facts(dialplan: Dialplan | None, one_touch: list[Endpoint]) -> Recording:
    if dialplan is None:
        return _recording(Fact(None, None, NO_DIALPLAN), Fact(None, None, NO_DIALPLAN))
    use = recording_use(dialplan)
    if use.steps:
        head = use.steps[0]
        first = head.setting.source(f"[{head.setting.section}] {head.app}")
        enabled = Fact(True, first, f"{len(use.steps)} recording step(s) in the dialplan")
        if use.silent:
            step = use.silent[0]
            consent = Fact(False, step.setting.source(f"[{step.setting.section}] {step.app}"),
                           f"{step.app}({redact(step.args)}) without a beep option (B, p) "
                           "or a "
                           "recording announcement before it")
        elif use.undecided:
            step = use.undecided[0]
            consent = Fact(None, step.setting.source(), "beep option comes from a variable")
        else:
            consent = Fact(True, first, "every recording beeps or follows an announcement")
        return _recording(enabled, consent)
    if one_touch:
        source = one_touch[0].source
        return _recording(Fact(True, source, "one_touch_recording=yes"),
                          Fact(False, source, "one-touch recording starts without notice to "
                               "the other party"))
    if dialplan.partial_note:
        return _recording(Fact(None, None, f"no recording found, but {dialplan.partial_note}"),
                          Fact(None, None, dialplan.partial_note))
    where = Provenance(OriginKind.DERIVED, dialplan.path, None, "no MixMonitor or Monitor")
    return _recording(Fact(False, where, "no recording in the dialplan; recordings started "
                           "over AMI/ARI are not visible in config"),
                      Fact(None, None, "no recording"))

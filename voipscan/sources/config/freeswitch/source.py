"""FreeSWITCH conf directory (freeswitch.xml and everything it includes) -> facts."""

from __future__ import annotations

import functools
from pathlib import Path

from voipscan.errors import Problem, ProblemLevel
from voipscan.facts import (
    AuthType,
    Disclosure,
    Endpoint,
    EndpointKind,
    Fact,
    Mailbox,
    PasswordPolicy,
    Provenance,
    SecretInfo,
    SipProtocol,
    System,
)
from voipscan.sources.config.freeswitch.config import FsConfig, Modules
from voipscan.sources.config.freeswitch.detect import score as evidence_score
from voipscan.sources.config.freeswitch.dialplan import assignments, contexts
from voipscan.sources.config.freeswitch.directory import (
    DirectoryUser,
    acl_uses_directory,
    directory_users,
    user_gateways,
)
from voipscan.sources.config.freeswitch.management import event_socket, logging, xml_rpc
from voipscan.sources.config.freeswitch.outbound import dial_contexts
from voipscan.sources.config.freeswitch.preprocess import load_config
from voipscan.sources.config.freeswitch.profiles import SofiaProfile, sofia_profiles
from voipscan.sources.config.freeswitch.reach import Dialplan, Reach
from voipscan.sources.config.freeswitch.settings import PLATFORM, params, provenance, setting
from voipscan.sources.config.freeswitch.srtp import (
    Leg,
    Policy,
    VarSource,
    combine,
    leg_policy,
    weak_suites,
)
from voipscan.sources.interface import ConfigSource, SourceResult
from voipscan.target import Target, TargetKind

NO_POLICY = "FreeSWITCH has no password policy (length, expiry): evidence required"
_NO_PROFILES = ("no SIP profile found: whether a profile takes calls without credentials, and "
                "into which context, is not known")
# Stands for the guests of profiles that were not found: their checks stay unknown instead of
# the guest checks finding "no endpoint accepts calls without credentials".
UNKNOWN_PROFILES = Endpoint(
    "unknown-profiles", EndpointKind.GUEST, auth_type=Fact(None, None, _NO_PROFILES),
    ip_auth_only=Fact(None, None, _NO_PROFILES), context=Fact(None, None, _NO_PROFILES),
    reaches_outbound=Fact(None, None, _NO_PROFILES),
    reaches_voicemail=Fact(None, None, _NO_PROFILES),
)


class FreeswitchSource(ConfigSource):
    name = "freeswitch"
    description = "FreeSWITCH conf directory (freeswitch.xml, vars.xml, sip_profiles ...)"

    def detect(self, path: Path) -> float:
        return evidence_score(path)

    def load(self, path: Path) -> SourceResult:
        document = load_config(path)
        config = FsConfig(document)
        builder = _Builder(config)
        system = builder.system(path)
        return SourceResult(Target.path(path, TargetKind.CONFIG, self.name), system,
                            document.problems + tuple(builder.problems))


class _Builder:
    def __init__(self, config: FsConfig) -> None:
        self.config = config
        self.modules = Modules.of(config)
        self.profiles = sofia_profiles(config)
        self.contexts = contexts(config)
        self.users = directory_users(config)
        known = {k: v.value for k, v in config.document.variables.items() if v.value is not None}
        self.dialplan = Dialplan(self.contexts or {}, known)
        self.globals = VarSource("global variable (vars.xml)", {
            k: (v, config.global_source(k)) for k, v in known.items()})
        self.problems: list[Problem] = []
        # Per builder, not functools.cache on the methods: that cache is the class's, and
        # kept every builder (a whole config and dialplan) alive for the process's life.
        self._context_sources: dict[tuple[str, bool], VarSource] = {}
        self._reaches: dict[tuple[str, bool], Reach] = {}

    def system(self, path: Path) -> System:
        logins = [x for x in (event_socket(self.config, self.modules),
                              xml_rpc(self.config, self.modules)) if x is not None]
        sofia_known = self.profiles is not None
        endpoints_known = sofia_known or self.users is not None
        if self.modules.fact("mod_xml_curl").value:
            endpoints_known = False
            self.problems.append(Problem("mod_xml_curl is loaded: users and dialplan may come "
                                         "from a web service and are not checked", None, None,
                                         ProblemLevel.WARNING))
        if not sofia_known:
            self.problems.append(Problem("no sofia.conf and no SIP profile found: listeners "
                                         "and guest access unknown", None, None,
                                         ProblemLevel.WARNING))
        disclosures, disclosures_known = self.disclosures()
        mailboxes = self.mailboxes()
        endpoints = tuple(self.endpoints()) if endpoints_known else ()
        return System(
            name=path.resolve().name or "freeswitch",
            platform=Fact(PLATFORM, Provenance.file(self.config.document.root.path,
                                                    self.config.document.root.line,
                                                    "freeswitch.xml document")),
            admins=tuple(x.admin for x in logins if x.admin is not None),
            admins_known=True,
            password_policy=PasswordPolicy(Fact(None, None, NO_POLICY),
                                           Fact(None, None, NO_POLICY)),
            transports=tuple(t for p in self.profiles or [] for t in p.transports()),
            transports_known=sofia_known,
            endpoints=endpoints,
            endpoints_known=endpoints_known,
            dial_contexts=tuple(dial_contexts(self.dialplan, self.contexts, endpoints)),
            dial_contexts_known=endpoints_known and self.contexts is not None
            and not self.modules.fact("mod_xml_curl").value,
            management=tuple(x.interface for x in logins),
            management_known=True,
            logging=logging(self.config, self.modules, self.profiles),
            disclosures=disclosures,
            disclosures_known=disclosures_known,
            mailboxes=mailboxes or (),
            mailboxes_known=mailboxes is not None,
        )

    def disclosures(self) -> tuple[tuple[Disclosure, ...], bool]:
        """Versions in the Server/User-Agent headers, known when every profile tells."""
        if not self.profiles:
            return (), False
        judged = [p.version_disclosure() for p in self.profiles]
        return (tuple(d for d, _ in judged if d is not None),
                all(known for _, known in judged))

    def mailboxes(self) -> tuple[Mailbox, ...] | None:
        """Voicemail boxes with a PIN of their own (vm-password); None when the directory or
        mod_voicemail's presence is not known."""
        if self.users is None or self.modules.fact("mod_xml_curl").value:
            return None
        if self.modules.fact("mod_voicemail").value is False:
            return ()
        found = []
        for user in self.users:
            pin = user.mailbox_pin()
            if pin is not None:
                name = user.id if self.single_domain else f"{user.id}@{user.domain}"
                found.append(Mailbox(name, pin, provenance(user.node,
                                                           f"mailbox of user {user.id}")))
        return tuple(found)

    # --- endpoints -------------------------------------------------------------------
    def endpoints(self) -> list[Endpoint]:
        result = [e for p in self.profiles or [] for e in self.guests(p)]
        if self.profiles is None:
            result.append(UNKNOWN_PROFILES)
        result += [self.user_endpoint(u) for u in self.users or []]
        seen: set[str] = set()  # a gateway name is loaded once, by the first profile
        result += [e for p in self.profiles or [] for e in self.gateways(p, seen)]
        return result

    def context_source(self, name: str, outbound: bool) -> VarSource:
        if (name, outbound) not in self._context_sources:
            self._context_sources[name, outbound] = self._context_source(name, outbound)
        return self._context_sources[name, outbound]

    def _context_source(self, name: str, outbound: bool) -> VarSource:
        context = (self.contexts or {}).get(name)
        found: dict[str, tuple[str, Provenance | None]] = {}
        for item in assignments(context) if context is not None else []:
            if item.leg_only and not outbound:
                continue
            if outbound and not item.exported:
                continue
            found.setdefault(item.variable, (item.value, item.action.source))
        return VarSource(f"dialplan context {name}", found)

    def guests(self, profile: SofiaProfile) -> list[Endpoint]:
        auth = self.profile_auth(profile)
        if auth.value is AuthType.DIGEST:
            return []
        inbound = leg_policy(Leg.INBOUND, [self.context_source(profile.context, False),
                                           self.globals])
        encryption, mandatory = combine(inbound)
        reach = self.reach(profile.context, authorized=False)
        return [Endpoint(
            f"{profile.name}-guest", EndpointKind.GUEST,
            transports=profile.protocols(),
            media_encryption=encryption, media_encryption_mandatory=mandatory,
            srtp_weak_parameters=weak_suites(inbound),
            auth_type=auth, ip_auth_only=Fact(auth.value is AuthType.IP, auth.source),
            source=profile.node_source(),
            context=Fact(profile.context, profile.get("context").source or
                         Provenance.default(PLATFORM, "context not set: public")),
            reaches_outbound=reach.outbound, reaches_voicemail=reach.voicemail,
            unauthenticated_options=self.options_unchallenged(profile),
        )]

    @staticmethod
    def options_unchallenged(profile: SofiaProfile) -> Fact[bool]:
        """mod_sofia answers OPTIONS outside a call without a challenge: auth-all-packets
        only covers requests within a call (sofia.c checks it where a session exists)."""
        return Fact(True, profile.node_source(), f"profile {profile.name} answers OPTIONS "
                    "without a challenge (auth-all-packets covers requests within calls only)")

    def reach(self, context: str, authorized: bool) -> Reach:
        if (context, authorized) not in self._reaches:
            self._reaches[context, authorized] = self._reach(context, authorized)
        return self._reaches[context, authorized]

    def _reach(self, context: str, authorized: bool) -> Reach:
        if self.contexts is None:
            missing: Fact[bool] = Fact(None, None, "no dialplan section found")
            return Reach(missing, missing)
        return self.dialplan.reach(context, authorized)

    def user_endpoint(self, user: DirectoryUser) -> Endpoint:
        secret, passwordless = user.secret()
        source = provenance(user.node, f"directory user {user.id}")
        auth: Fact[AuthType] = Fact(AuthType.DIGEST, source, "digest authentication")
        if passwordless:
            auth = Fact(AuthType.NONE, secret.source, secret.note)
        elif user.cidr:
            bypass = self.cidr_bypass()
            if bypass.value is not False:
                auth = Fact(AuthType.IP, source, f"cidr={user.cidr}: calls from these "
                            "addresses skip digest authentication (ACL built from the "
                            f"directory){'' if bypass.value else '; ' + bypass.note}")
        context = user.variable("user_context") or self.default_user_context()
        inbound = leg_policy(Leg.INBOUND, [self.context_source(context, False),
                                           user.var_source(), self.globals])
        encryption, mandatory = combine(inbound, *self.calls_to_phones)
        weak = weak_suites(inbound, *self.calls_to_phones)
        reach = Reach(Fact(), Fact())
        options: Fact[bool] = Fact()
        if passwordless:
            reach = self.reach(context, authorized=True)
            options = Fact(True, secret.source, "no credentials: nothing challenges its OPTIONS")
        name = user.id if self.single_domain else f"{user.id}@{user.domain}"
        return Endpoint(
            name, EndpointKind.PHONE, media_encryption=encryption,
            media_encryption_mandatory=mandatory, srtp_weak_parameters=weak, auth_type=auth,
            ip_auth_only=Fact(auth.value is AuthType.IP, auth.source),
            secret=secret, source=source,
            context=Fact(context, source, "user_context" if user.variable("user_context")
                         else "user_context not set: the profile's context"),
            reaches_outbound=reach.outbound, reaches_voicemail=reach.voicemail,
            unauthenticated_options=options,
        )

    def gateways(self, profile: SofiaProfile, seen: set[str]) -> list[Endpoint]:
        """Provider trunks: their password, and how calls arriving from them are treated.
        The profile's own, and those of directory users in the domains it parses."""
        inbound = self.profile_auth(profile)
        reach = self.reach(profile.context, authorized=False) \
            if inbound.value is not AuthType.DIGEST else Reach(Fact(), Fact())
        result = []
        for node in [*profile.gateways, *user_gateways(self.config, profile.parsed_domains)]:
            name = node.attr("name") or "gateway"
            if name in seen:
                continue
            seen.add(name)
            settings = params(node, f"gateway {name}: ")
            password = setting(settings, "password")
            username = setting(settings, "username").value or ""
            secret: Fact[SecretInfo] = Fact()
            if password.present and not password.runtime:
                secret = Fact(SecretInfo.judge(password.value or "", username=username),
                              password.source)
            transport = (setting(settings, "register-transport").value or "udp").lower()
            protocol = {"tls": SipProtocol.TLS, "tcp": SipProtocol.TCP}.get(transport,
                                                                          SipProtocol.UDP)
            source = provenance(node, f"gateway {name}")
            legs = [leg_policy(Leg.OUTBOUND, [self.context_source(c, True), self.globals])
                    for c in self.bridging_contexts(f"sofia/gateway/{name}/")] or \
                [leg_policy(Leg.OUTBOUND, [self.globals])]
            encryption, mandatory = combine(*legs)
            result.append(Endpoint(
                f"gateway:{name}", EndpointKind.TRUNK,
                transports=Fact(frozenset({protocol}), source, f"register-transport {transport}"),
                media_encryption=encryption, media_encryption_mandatory=mandatory,
                srtp_weak_parameters=weak_suites(*legs), auth_type=inbound,
                ip_auth_only=Fact(inbound.value is AuthType.IP, inbound.source),
                secret=secret, source=source,
                context=Fact(profile.context, source, f"calls from it enter profile "
                             f"{profile.name}'s context"),
                reaches_outbound=reach.outbound, reaches_voicemail=reach.voicemail,
            ))
        return result

    def profile_auth(self, profile: SofiaProfile) -> Fact[AuthType]:
        """How a profile treats calls that arrive without credentials."""
        auth_calls = profile.flag("auth-calls", False)
        blind = profile.flag("accept-blind-auth", False)
        acl = profile.get("apply-inbound-acl")
        if blind.value:
            return Fact(AuthType.NONE, blind.source, "accept-blind-auth: any credentials pass")
        if auth_calls.value is None:
            return Fact(None, auth_calls.source, auth_calls.note)
        if auth_calls.value:
            return Fact(AuthType.DIGEST, auth_calls.source, f"profile {profile.name}: "
                        "auth-calls challenges every call")
        if acl.present:
            return Fact(AuthType.IP, acl.source, f"auth-calls off; apply-inbound-acl "
                        f"{acl.shown()} limits callers by address")
        return Fact(AuthType.NONE, auth_calls.source,
                    f"auth-calls off: anyone reaching profile {profile.name} calls into "
                    f"context '{profile.context}'")

    @functools.cached_property
    def calls_to_phones(self) -> tuple[Fact[Policy], ...]:
        """SRTP on the legs FreeSWITCH places to phones: set where users are bridged to. A
        user's own variables do not count: user/ dial strings set them on the new channel
        only once it is answered (mod_dptools user_outgoing_channel), after the offer."""
        legs = [leg_policy(Leg.OUTBOUND, [self.context_source(c, True), self.globals])
                for c in self.bridging_contexts("user/")]
        return tuple(legs) or (leg_policy(Leg.OUTBOUND, [self.globals]),)

    @functools.cached_property
    def single_domain(self) -> bool:
        return len({u.domain for u in self.users or []}) <= 1

    def default_user_context(self) -> str:
        authenticating = [p for p in self.profiles or [] if p.flag("auth-calls", False).value]
        return authenticating[0].context if authenticating else "default"

    def bridging_contexts(self, target: str) -> list[str]:
        """Contexts with a bridge to dial strings containing ``target``."""
        found = []
        for name, context in (self.contexts or {}).items():
            if any(a.application.lower() == "bridge" and target in a.data
                   for e in context.extensions for c in e.conditions for a in c.actions):
                found.append(name)
        return found

    def cidr_bypass(self) -> Fact[bool]:
        if self.profiles is None:
            return Fact(None, None, "no SIP profile found: whether an apply-inbound-acl is "
                        "built from the directory is not known")
        applied = {p.get("apply-inbound-acl").value or "" for p in self.profiles}
        return acl_uses_directory(self.config, {a for a in applied if a})

"""How the evidence a check needs can be supplied: which kinds of source can show it, and
which declaration keys can state it (see ``voipscan/models/declared.py``).

An evidence-required finding names only what the assessment's own sources could answer, or
what can be declared; each line says how.
"""

from __future__ import annotations

from dataclasses import dataclass

CONFIG, HOST, CAPTURE, DECLARED = "config", "host", "capture", "declared"
EVIDENCE_KINDS = (CONFIG, HOST, CAPTURE, DECLARED)
_ALREADY = {CONFIG: "the scanned configuration", HOST: "the live probe",
            CAPTURE: "the capture"}


@dataclass(frozen=True)
class Supply:
    sources: frozenset[str]
    """Kinds of source that can show the facts: config, host, capture."""
    declare: tuple[str, ...] = ()
    """Declaration keys that state them."""
    hint: str = ""
    """What exactly to give, where a source needs options (``scan host --srtp``)."""

    def how(self, present: frozenset[str]) -> str:
        """One line: how to supply the evidence, preferring what the assessment lacks."""
        ways = []
        if self.hint:
            ways.append(self.hint)
        commands = {CONFIG: "the PBX configuration (scan config)",
                    HOST: "a live probe (scan host)", CAPTURE: "a capture (scan pcap)"}
        ways += [commands[k] for k in (CONFIG, HOST, CAPTURE)
                 if k in self.sources and k not in present and not (self.hint and k == HOST)]
        if self.declare:
            ways.append("declare " + " / ".join(self.declare) + " (scan system)")
        shown_by = [_ALREADY[k] for k in (CONFIG, HOST, CAPTURE)
                    if k in self.sources and k in present]
        if shown_by and not ways:  # never advise what the scan just did
            return (f"{' or '.join(shown_by)} did not show it: include the file that sets it, "
                    "or set it explicitly")
        return "; ".join(ways)

    def answerable(self, present: frozenset[str]) -> bool:
        """Whether the assessment's sources could have shown it, or it can be declared."""
        return bool(self.declare) or bool(self.sources & present)


def _s(*kinds: str, declare: tuple[str, ...] = (), hint: str = "") -> Supply:
    return Supply(frozenset(kinds), declare, hint)


SUPPLY: dict[str, Supply] = {
    "access.admin_mfa": _s(CONFIG, declare=("mfa.administrators",)),
    "access.user_mfa": _s(CONFIG, declare=("mfa.users",)),
    "access.rbac": _s(CONFIG),
    "access.no_shared_accounts": _s(CONFIG),
    "access.superusers_limited": _s(CONFIG),
    "backup.configured": _s(CONFIG, declare=("backup.configured",)),
    "backup.restore_tested": _s(CONFIG, declare=("backup.last_restore_test",)),
    "capture.cleartext_digest": _s(CAPTURE),
    "capture.plain_rtp": _s(CAPTURE),
    "capture.scanning_activity": _s(CAPTURE),
    "capture.sdes_keys_exposed": _s(CAPTURE),
    "credentials.admin_rotation": _s(CONFIG, declare=("password_policy.rotation_days",)),
    "credentials.default_or_weak": _s(CONFIG),
    "credentials.reuse": _s(CONFIG),
    "data.residency": _s(CONFIG, declare=("data.pbx_countries", "data.recording_countries")),
    "dialplan.guest_outbound": _s(CONFIG),
    "dialplan.guest_voicemail": _s(CONFIG),
    "dialplan.international_restricted": _s(CONFIG),
    "dialplan.premium_restricted": _s(CONFIG),
    "logging.events": _s(CONFIG, declare=("logging.calls", "logging.config_changes",
                                          "logging.access_attempts")),
    "logging.forwarding": _s(CONFIG, declare=("logging.kept_at",)),
    "logging.retention": _s(CONFIG, declare=("logging.retention_days",)),
    "management.login_required": _s(CONFIG),
    "management.not_exposed": _s(CONFIG),
    "management.tls": _s(CONFIG),
    "media.dtls_srtp": _s(CONFIG, HOST, CAPTURE, hint="scan host --srtp --extension EXT"),
    "media.no_sdes_cleartext": _s(CONFIG, HOST, CAPTURE, hint="scan host --srtp"),
    "media.srtp_mandatory": _s(CONFIG, HOST, CAPTURE,
                               hint="scan host --srtp --extension EXT"),
    "media.webrtc_dtls_srtp": _s(CONFIG, HOST, hint="scan host wss://HOST/PATH --srtp "
                                 "--extension EXT"),
    "media.srtp_weak_parameters": _s(CONFIG, HOST, hint="scan host --srtp --extension EXT"),
    "organisation.breach_reporting": _s(declare=("privacy.breach_procedure_reviewed",
                                                  "privacy.breach_notification_hours")),
    "organisation.incident_response": _s(declare=("incident_response.plan_reviewed",
                                                  "incident_response.last_exercise")),
    "organisation.processing_register": _s(declare=("privacy.processing_register_reviewed",)),
    "organisation.security_assessment": _s(declare=("security_assessment.last_external",
                                                    "security_assessment.assessor")),
    "recording.access": _s(CONFIG, declare=("recording.access_restricted",)),
    "recording.consent": _s(CONFIG, declare=("recording.consent_notice",)),
    "recording.encrypted_at_rest": _s(CONFIG, declare=("recording.encrypted_at_rest",)),
    "recording.retention": _s(CONFIG, declare=("recording.retention_days",)),
    "signalling.tls": _s(CONFIG, HOST, CAPTURE),
    "signalling.tls13": _s(CONFIG, HOST, CAPTURE),
    "signalling.tls_min_version": _s(CONFIG, HOST),
    "signalling.tls_mutual_auth": _s(CONFIG, HOST),
    "signalling.tls_peer_verification": _s(CONFIG),
    "signalling.tls_weak_ciphers": _s(CONFIG, HOST),
    "signalling.tls_certificate": _s(CONFIG, HOST, hint="scan host (TLS audit)"),
    "sip.endpoint_authentication": _s(CONFIG),
    "sip.unauthenticated_options": _s(CONFIG),
    "sip.user_enumeration": _s(CONFIG, HOST, hint="scan host --enumerate USER"),
    "sip.version_disclosure": _s(CONFIG, HOST, CAPTURE),
    "software.patched": _s(CONFIG, HOST, CAPTURE),
    "software.supported": _s(CONFIG, HOST, CAPTURE),
}


def supply(check_id: str) -> Supply:
    """How to supply a check's evidence; a check not listed can be answered by any source."""
    return SUPPLY.get(check_id, Supply(frozenset({CONFIG, HOST, CAPTURE})))

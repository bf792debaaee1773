"""Every requirement sentence of the baseline document (the seed guidance on telephony
compliance) that the profiles map keeps at least one check. A sentence is mapped by the
controls whose clause quotes one of its phrases; removing the last check of a sentence from
the profiles fails this test.

The sentences are quoted verbatim; when the document is at hand (VOIPSCAN_BASELINE_DOC, or
the project's shared seed folder) each is also looked up in it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from voipscan import profiles
from voipscan.checks import REGISTRY

REQUIREMENTS: dict[str, tuple[str, ...]] = {
    # sentence of the baseline document: phrases that profile clauses quote for it
    "You must obtain explicit consent for call recordings, protect personal data according "
    "to privacy-by-design principles, and inform callers of their rights such as access and "
    "deletion of data.": ("obtain explicit consent for call recordings", "Art. 25"),
    "Do not keep recordings longer than necessary and ensure that only authorized employees "
    "have access.": ("only authorized employees have access", "storage limitation"),
    "You must keep a processing register of all telephone data processing, appoint a Data "
    "Protection Officer in large organizations, and report data breaches to the Personal Data "
    "Authority within 72 hours.": ("processing register", "within 72 hours"),
    "At a minimum, use TLS 1.3 for signaling and SRTP for media encryption.":
        ("TLS 1.3 for signalling", "SRTP for media"),
    "Ensure that all call data is encrypted end-to-end, both in transit and when stored in "
    "your systems.": ("end-to-end encryption in transit", "encryption of personal data"),
    "Access security requires multi-factor authentication for all administrators and users.":
        ("multi-factor authentication for all administrators and users",),
    "Implement role-based access control so that employees have access only to features they "
    "need.": ("role-based access control",),
    "Use strong password policies and require regular password changes for administrator "
    "accounts.": ("strong password policies", "regular password changes"),
    "Log all inbound and outbound calls, system changes, and access attempts.":
        ("log all inbound and outbound calls",),
    "Keep logs for at least 12 months and provide real-time monitoring of suspicious "
    "activity.": ("keep logs for at least 12 months", "real-time monitoring"),
    "Conduct an external security assessment at least annually and implement an incident "
    "response plan.": ("Conduct an external security assessment at least annually",),
    "Also ensure regular backups and test your disaster recovery procedures.":
        ("regular backups and test your disaster recovery procedures",),
    "This means strict requirements for call recordings for compliance purposes, retention of "
    "financial communications for 7 years, and specific incident reporting procedures.":
        ("retention of financial communications for 7 years",
         "specific incident reporting procedures"),
    "Essentials include: end-to-end encryption with at least TLS 1.3 and SRTP, multi-factor "
    "authentication for all users, role-based access control, comprehensive logging of all "
    "activities, regular security updates, and automated monitoring for suspicious "
    "activity.": ("regular security updates",),
    "For data transfers to countries outside the EU, you must check adequacy decisions or "
    "implement Standard Contractual Clauses (SCCs).": ("transfers to third countries",),
    "Calls to insecure countries require additional encryption and logging.":
        ("Calls to insecure countries require additional encryption and logging",),
}


def _checks_for(phrases: tuple[str, ...]) -> set[str]:
    found: set[str] = set()
    for name in profiles.available():
        for control in profiles.load(name).controls:
            if any(p.lower() in control.clause.lower() for p in phrases):
                found |= {ref.check_id for ref in control.checks
                          if ref.check_id in REGISTRY}
    return found


@pytest.mark.parametrize("sentence", sorted(REQUIREMENTS))
def test_each_mapped_requirement_keeps_a_check(sentence: str) -> None:
    assert _checks_for(REQUIREMENTS[sentence]), f"no check left for: {sentence}"


def test_the_new_baseline_duties_map_to_their_checks() -> None:
    assert {"software.supported", "software.patched"} <= _checks_for(
        ("regular security updates",))
    assert {"organisation.security_assessment", "organisation.incident_response"} <= \
        _checks_for(("Conduct an external security assessment at least annually",))
    assert {"dialplan.international_restricted", "dialplan.premium_restricted"} <= \
        _checks_for(("Calls to insecure countries",))
    assert {"organisation.processing_register", "organisation.breach_reporting"} <= \
        _checks_for(("processing register", "within 72 hours"))


def _document() -> str | None:
    configured = os.environ.get("VOIPSCAN_BASELINE_DOC")
    candidates = [Path(configured)] if configured else sorted(
        (Path(__file__).resolve().parents[2] / "shared" / "seed").glob("*.readable.md"))
    for path in candidates:
        if path.is_file():
            return " ".join(path.read_text(encoding="utf-8").split())
    return None


def test_the_sentences_are_quoted_verbatim() -> None:
    text = _document()
    if text is None:
        pytest.skip("the baseline document is not at hand (set VOIPSCAN_BASELINE_DOC)")
    missing = [s for s in REQUIREMENTS if s not in text]
    assert not missing, missing

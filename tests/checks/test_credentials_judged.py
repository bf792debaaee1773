"""credentials.*: voicemail PINs, accounts the system logs in with elsewhere, and placeholder
secrets (never judged, never reuse)."""

from __future__ import annotations

from tests.checks.helpers import f, messages, run
from voipscan.checks import Status
from voipscan.facts import Endpoint, Fact, Mailbox, SecretInfo, ServiceAccount, System

STRONG = "Xk2#pQ9!vLm4Rz7w"


def pin(value: str, box: str) -> Mailbox:
    return Mailbox(box, f(SecretInfo.judge_pin(value, mailbox=box)))


def test_voicemail_pins() -> None:
    system = System("pbx", mailboxes=(
        pin("1000", "1000"), pin("4242", "1001"), pin("13579", "1002"), pin("456789", "1003"),
        pin("5820917", "1004"), Mailbox("1005", f(SecretInfo.hashed())),
        Mailbox("1006", Fact(None, None, "vm-password set at run time")),
        pin("${VM_PIN}", "1007"), pin("", "1008"),
    ), mailboxes_known=True)
    assert run("credentials.default_or_weak", system) == {
        "voicemail:1000": Status.FAIL, "voicemail:1001": Status.FAIL,
        "voicemail:1002": Status.FAIL, "voicemail:1003": Status.FAIL,
        "voicemail:1004": Status.PASS, "voicemail:1005": Status.UNKNOWN,
        "voicemail:1006": Status.UNKNOWN, "voicemail:1007": Status.UNKNOWN,
        "voicemail:1008": Status.FAIL,
    }
    assert messages("credentials.default_or_weak", system)[:4] == [
        "PIN equals the mailbox number.", "Sample or common PIN.",
        "PIN shorter than 6 digits.", "PIN is a run of digits."]
    assert run("credentials.default_or_weak", system, min_pin_length=8)["voicemail:1004"] \
        is Status.FAIL
    # PINs are not passwords shared between accounts
    assert run("credentials.reuse", System("pbx", mailboxes=(
        pin("5820917", "1"), pin("5820917", "2")), mailboxes_known=True)) == {
        "system": Status.UNKNOWN}


def test_service_accounts_are_judged_and_compared() -> None:
    shipped = SecretInfo.judge("kamailiorw", username="kamailio",
                               vendor_defaults=frozenset({"kamailiorw"}))
    system = System("proxy", service_accounts=(
        ServiceAccount("db:kamailio@localhost/kamailio", f(shipped)),
        ServiceAccount("db:acc@db/cdr", f(SecretInfo.judge(STRONG))),
        ServiceAccount("db:reader@db/cdr", f(SecretInfo.judge(STRONG))),
    ))
    assert run("credentials.default_or_weak", system) == {
        "service:db:kamailio@localhost/kamailio": Status.FAIL,
        "service:db:acc@db/cdr": Status.PASS, "service:db:reader@db/cdr": Status.PASS}
    assert run("credentials.reuse", system) == {
        "service:db:acc@db/cdr": Status.FAIL, "service:db:reader@db/cdr": Status.FAIL}


def test_placeholders_are_unknown_and_never_reuse() -> None:
    placeholder = SecretInfo.judge("***REMOVED***", username="1000")
    system = System("pbx", endpoints=tuple(
        Endpoint(str(n), secret=f(placeholder)) for n in range(1000, 1030)),
        endpoints_known=True)
    statuses = run("credentials.default_or_weak", system)
    assert set(statuses.values()) == {Status.UNKNOWN}
    assert set(messages("credentials.default_or_weak", system)) == {
        "Placeholder in the config: the real secret is set elsewhere."}
    assert run("credentials.reuse", system) == {"system": Status.UNKNOWN}


def test_sequential_password_is_weak() -> None:
    system = System("pbx", endpoints=(
        Endpoint("1", secret=f(SecretInfo.judge("123456789012"))),), endpoints_known=True)
    assert run("credentials.default_or_weak", system) == {"endpoint:1": Status.FAIL}

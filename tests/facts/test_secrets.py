"""Secrets judged without being kept: placeholders are not passwords, PINs have their own
rules, and what is described never holds the value."""

from __future__ import annotations

import time

import pytest

from voipscan.facts import SecretInfo, is_placeholder


@pytest.mark.parametrize("value", [
    "***REMOVED***", "<some-rand-password>", "${SIP_PASSWORD}", "${DB_PASS:-x}", "{{ vault_pw }}",
    "{{secret}}", "{% raw %}x{% endraw %}", "%PASSWORD%", "%(password)s", "@DBPASS@",
    "__PASSWORD__", "$EVENT_SOCKET_PASSWORD", "$(ESL_PW)", "XXXX", "xxxxxxxx", "********",
    "[REDACTED]", "REDACTED", "...", "prefix-${SUFFIX}",
])
def test_placeholders_are_recognised(value: str) -> None:
    assert is_placeholder(value)
    info = SecretInfo.judge(value, username="alice", vendor_defaults=frozenset({value}))
    assert info.placeholder and info.present
    # never judged as a password, never compared with another account's
    assert (info.length, info.vendor_default, info.common, info.reuse_key) == (
        None, None, None, None)
    assert info.describe() == "placeholder in the config: the real secret is set elsewhere"
    assert SecretInfo.judge_pin(value, mailbox="1000").placeholder


@pytest.mark.parametrize("value", [
    "changeme",  # the PBX takes it as it is: a common password, not a placeholder
    "Xk2#pQ9!vLm4Rz7w", "1234", "$ecret-Pass1", "x", "xx", "<>", "hunter2", "cluecon",
])
def test_real_values_are_judged(value: str) -> None:
    assert not is_placeholder(value)
    info = SecretInfo.judge(value)
    assert info.placeholder is False and info.reuse_key is not None


def test_changeme_stays_a_common_password() -> None:
    assert SecretInfo.judge("changeme").common


@pytest.mark.parametrize(("pin", "flag"), [
    ("1000", "equals_username"), ("4242", "common"), ("0000", "common"), ("7777", "common"),
    ("3456", "sequential"), ("987654", "sequential"), ("7890", "sequential"),
])
def test_pins_equal_to_the_mailbox_sample_or_sequential(pin: str, flag: str) -> None:
    info = SecretInfo.judge_pin(pin, mailbox="1000@default")
    assert getattr(info, flag) is True
    assert info.reuse_key is None  # PINs are not compared across mailboxes
    assert pin not in repr(info) and pin not in info.describe()


def test_a_good_pin_is_flagged_for_nothing() -> None:
    info = SecretInfo.judge_pin("5820917", mailbox="1000")
    assert (info.present, info.length, info.equals_username, info.common, info.sequential,
            info.vendor_default) == (True, 7, False, False, False, False)


def test_sequential_passwords_are_flagged() -> None:
    assert SecretInfo.judge("123456789012").sequential
    assert not SecretInfo.judge("1234-abcd-5678").sequential


def test_character_classes_are_counted_in_words() -> None:
    one = SecretInfo.judge("abcdefghijklmno").describe()
    assert "1 character class" in one and "classes" not in one
    assert "2 character classes" in SecretInfo.judge("abcdefgh1").describe()


@pytest.mark.parametrize("value", [
    "*" * 200_000 + "a", "**" + "a" * 200_000 + "*", "_" * 200_000 + "a",
    ("${" + "a" * 1000) * 200, "{{" * 100_000, "<" * 200_000, "[" + "a " * 100_000,
])
def test_placeholder_recognition_stays_linear_on_hostile_values(value: str) -> None:
    started = time.perf_counter()
    assert not is_placeholder(value)
    assert time.perf_counter() - started < 1.0

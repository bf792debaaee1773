"""IP literals: one helper decides what is an address and what is a name."""

from __future__ import annotations

import pytest

from voipscan.facts.network import is_ip_literal


@pytest.mark.parametrize("text", ["127.0.0.1", "::1", "[::1]", "fe80::1%eth0", "[2001:db8::5]",
                                  "0.0.0.0"])
def test_addresses(text: str) -> None:
    assert is_ip_literal(text)


@pytest.mark.parametrize("text", ["pbx.example.net", "", "10.0.0.0/8", "[::1", "::1]",
                                  "[[::1]]", "127.0.0.1:5060", "256.0.0.1", "localhost"])
def test_not_addresses(text: str) -> None:
    assert not is_ip_literal(text)

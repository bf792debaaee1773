from __future__ import annotations

import pytest

from voipscan.sources.config.cipher_strings import weak_entries


@pytest.mark.parametrize(("cipher_list", "weak"), [
    ("ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384", ()),
    ("ADH-AES256-SHA:ECDHE-RSA-AES128-SHA256", ("ADH-AES256-SHA",)),
    ("DES-CBC3-SHA,RC4-MD5 EXP-RC4-MD5", ("DES-CBC3-SHA", "RC4-MD5", "EXP-RC4-MD5")),
    ("EXP1024-DES-CBC-SHA", ("EXP1024-DES-CBC-SHA",)),
    ("HIGH:!aNULL:!MD5", ()),
    ("ALL", ("aNULL (anonymous suites included by ALL)",)),
    ("ALL:!aNULL", ()),
    ("ALL:!ADH:!AECDH", ()),
    ("ECDHE+AESGCM:aNULL+LOW", ("aNULL+LOW",)),
    ("", ()),
])
def test_weak_entries(cipher_list: str, weak: tuple[str, ...]) -> None:
    assert weak_entries(cipher_list) == weak

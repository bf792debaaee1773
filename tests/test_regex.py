"""User-written regular expressions compile without Python's warnings reaching the user."""

from __future__ import annotations

import re
import warnings

import pytest

from voipscan.regex import compile_quietly


def test_a_pattern_python_warns_about_compiles_silently_with_todays_meaning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pattern = compile_quietly("10[[01]")
    assert pattern.fullmatch("10[") and pattern.fullmatch("101") and not pattern.fullmatch("102")


def test_an_invalid_pattern_still_raises() -> None:
    with pytest.raises(re.error):
        compile_quietly("([")

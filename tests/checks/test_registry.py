"""Every registered check is complete and every check module is covered by a test."""

from __future__ import annotations

import re

from voipscan.checks import REGISTRY


def test_ids_are_stable_dotted_names_with_metadata() -> None:
    assert len(REGISTRY) >= 27
    for check_id, check in REGISTRY.items():
        assert re.fullmatch(r"[a-z0-9_]+(\.[a-z0-9_]+)+", check_id), check_id
        assert check.title and check.rationale and check.remediation["default"]
        for param in check.params:
            assert param.description

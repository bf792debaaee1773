"""What counts as disclosing a software version in a Server or User-Agent header."""

from __future__ import annotations

import re

# "18.20.0", "5.6.3", "IOS-15.x", "/v1.8": a number with a dot, or v+digits after a separator.
_VERSION = re.compile(r"(?<![\w.])v?\d+\.(?:\d+|x)\b|[/ -]v\d+\b", re.IGNORECASE)


def discloses_version(header_value: str) -> bool:
    return _VERSION.search(header_value) is not None

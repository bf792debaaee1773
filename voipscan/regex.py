"""Regular expressions written by users (suppressions, dialplans), compiled quietly."""

from __future__ import annotations

import re
import warnings


def compile_quietly(pattern: str) -> re.Pattern[str]:
    """``re.compile`` without the warnings it prints for some patterns ('possible nested
    set': a later Python may read them differently). The pattern means today what it is
    matched with today, and the user sees only the scan's own lines."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return re.compile(pattern)

"""Reference data shipped with voipscan (``software.yaml``: release series, end-of-support
dates and known vulnerabilities). Loaded on first use: pydantic is imported only then."""

from __future__ import annotations

import functools
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from voipscan.models.software import SoftwareData

SOFTWARE_FILE = "software.yaml"


@functools.lru_cache(maxsize=1)
def software_data() -> SoftwareData:
    """The software data file, validated (an InputError names file and line if broken)."""
    from voipscan.documents import parse_yaml
    from voipscan.models.software import SoftwareData
    from voipscan.models.validation import validate

    text = resources.files(__package__).joinpath(SOFTWARE_FILE).read_text(encoding="utf-8")
    document = parse_yaml(text, f"voipscan/data/{SOFTWARE_FILE}")
    return validate(SoftwareData, document, what="not a voipscan software data file")

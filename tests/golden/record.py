"""Record the golden digests: ``python -m tests.golden.record`` (deliberately, see cases.py)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from tests.golden.cases import (
    CAPTURE_CASES,
    CONFIG_CASES,
    GOLDEN_DIR,
    digest,
    run_json,
    write_capture,
)


def main() -> None:
    GOLDEN_DIR.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name, paths in CONFIG_CASES.items():
            report = run_json(["scan", "config", *paths], work / "r.json")
            _save(f"config-{name}", digest(report))
        for name in CAPTURE_CASES:
            capture = write_capture(name, work / f"{name}.pcap")
            report = run_json(["scan", "pcap", str(capture)], work / "r.json")
            _save(f"capture-{name}", digest(report))


def _save(name: str, data: object) -> None:
    text = json.dumps(data, indent=1, sort_keys=True) + "\n"
    (GOLDEN_DIR / f"{name}.json").write_text(text, encoding="utf-8")
    print(name)


if __name__ == "__main__":
    main()

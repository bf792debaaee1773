"""Where the repository is, for tests that read its samples and schemas."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

"""Integration tests use real binaries; they skip when one is missing, unless CI demands them."""

from __future__ import annotations

import os
import shutil
import socket

import pytest

REQUIRED = os.environ.get("VOIPSCAN_REQUIRE_INTEGRATION") == "1"


def require_binary(name: str) -> str:
    """Path of a binary, or skip (fail when VOIPSCAN_REQUIRE_INTEGRATION=1)."""
    path = shutil.which(name) or next(
        (p for p in (f"/usr/sbin/{name}", f"/usr/bin/{name}", f"/sbin/{name}")
         if os.access(p, os.X_OK)),
        None,
    )
    if path is None:
        message = f"{name} is not installed"
        if REQUIRED:
            pytest.fail(f"{message} and VOIPSCAN_REQUIRE_INTEGRATION=1", pytrace=False)
        pytest.skip(message)
    return path


def free_port(kind: int = socket.SOCK_STREAM, host: str = "127.0.0.1") -> int:
    """A port that was free a moment ago on loopback (TCP or UDP)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, kind) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port

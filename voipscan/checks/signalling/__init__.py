"""Signalling: SIP transports and their TLS service (``signalling.*`` checks)."""

from voipscan.checks.signalling import certificate, transport

__all__ = ["certificate", "transport"]

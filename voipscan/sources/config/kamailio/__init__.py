"""Kamailio: kamailio.cfg through its pre-processor, and tls.cfg, as facts."""

from voipscan.sources.config.kamailio.source import KamailioSource

__all__ = ["KamailioSource"]

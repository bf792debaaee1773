"""Asterisk: the .conf dialect and the configs that matter for security."""

from voipscan.sources.config.asterisk.source import AsteriskSource, scan_tree

__all__ = ["AsteriskSource", "scan_tree"]

"""What the decoder hands the analysis for each packet."""

from __future__ import annotations

UDP, TCP = 17, 6

Segment = tuple[int, bytes, int, bytes, int, bytes, int, int]
"""(protocol, src, sport, dst, dport, payload, tcp sequence number, tcp flags)."""

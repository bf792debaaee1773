"""The SDP parser now lives in ``voipscan.sip.sdp`` (shared with the live SRTP probe)."""

from voipscan.sip.sdp import SdpMedia, looks_like_sdp, parse_sdp

__all__ = ["SdpMedia", "looks_like_sdp", "parse_sdp"]

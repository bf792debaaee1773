"""3CX V20: accounts, roles per group, 2FA and SRTP modes from configuration API (XAPI)
responses saved as JSON, or read live from the API."""

from voipscan.sources.config.threecx.source import ThreeCxApi, ThreeCxSource

__all__ = ["ThreeCxApi", "ThreeCxSource"]

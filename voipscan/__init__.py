"""voipscan: audit telephony against security baselines."""

__version__ = "0.1.0"

"""FreeSWITCH: the XML configuration tree, replayed through its pre-processor, as facts."""

from voipscan.sources.config.freeswitch.source import FreeswitchSource

__all__ = ["FreeswitchSource"]

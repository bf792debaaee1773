"""FreePBX: backups (module JSON, SQL dumps, Asterisk files) and FreePBX-written configs."""

from voipscan.sources.config.freepbx.source import FreePbxSource

__all__ = ["FreePbxSource"]

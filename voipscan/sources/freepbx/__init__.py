"""FreePBX: backups (module JSON, SQL dumps, Asterisk files) and FreePBX-written configs."""

from voipscan.sources.freepbx.source import FreePbxSource

__all__ = ["FreePbxSource"]

"""FusionPBX (FreeSWITCH-based, multi-tenant): accounts, groups, rights, TOTP and login
methods from its PostgreSQL database, live or dumped. Schema of FusionPBX 5.5.7."""

from voipscan.sources.config.fusionpbx.source import FusionPbxDatabase, FusionPbxSource

__all__ = ["FusionPbxDatabase", "FusionPbxSource"]

"""The store's tables (SQLAlchemy Core). The alembic scripts in ``migrations/`` create them;
``HEAD`` is the revision this version of voipscan writes."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

HEAD = "0002"
metadata = MetaData()

scans = Table(
    "scans", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started", DateTime(timezone=True), nullable=False, index=True),
    Column("finished", DateTime(timezone=True), nullable=False),
    Column("recorded", DateTime(timezone=True), nullable=False),
    Column("tool_version", String(32), nullable=False),
    Column("passed", Boolean, nullable=False),
    Column("incomplete", Boolean, nullable=False),
    Column("profiles", Text, nullable=False),
    # revision 0002: a scan a fleet worker recorded, once per (fleet scan, system)
    Column("fleet_id", String(32), nullable=True, index=True),
    Column("fleet_key", String(200), nullable=True),
)

targets = Table(
    "targets", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("scan_id", Integer, ForeignKey("scans.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("target_id", String(32), nullable=False, index=True),
    Column("name", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("format", String(32), nullable=False),
    Column("address", Text, nullable=False),
    Column("platform", String(64), nullable=True),
    Column("fatal", Boolean, nullable=False),
)

findings = Table(
    "findings", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("target_row", Integer, ForeignKey("targets.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("fingerprint", String(32), nullable=False),
    Column("check_id", String(128), nullable=False),
    Column("resource", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("severity", String(16), nullable=False),
    Column("title", Text, nullable=False),
    Column("suppressed", Boolean, nullable=False),
)

scores = Table(
    "scores", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("target_row", Integer, ForeignKey("targets.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("profile_id", String(128), nullable=False),
    Column("profile_title", Text, nullable=False),
    Column("value", Float, nullable=False),
    Column("grade", String(4), nullable=False),
    Column("coverage", Float, nullable=False),
    Column("passed", Integer, nullable=False),
    Column("failed", Integer, nullable=False),
    Column("unknown", Integer, nullable=False),
    Column("not_applicable", Integer, nullable=False),
    Column("suppressed", Integer, nullable=False),
)

# revision 0002: fleet scans and their jobs, one per system
fleets = Table(
    "fleets", metadata,
    Column("id", String(32), primary_key=True),
    Column("created", DateTime(timezone=True), nullable=False),
    Column("inventory", Text, nullable=False),
    Column("profiles", Text, nullable=False),
)

fleet_jobs = Table(
    "fleet_jobs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("fleet_id", String(32), ForeignKey("fleets.id", ondelete="CASCADE"),
           nullable=False),
    Column("system", String(64), nullable=False),
    Column("site", String(64), nullable=False),
    Column("state", String(16), nullable=False),
    Column("scan_id", Integer, ForeignKey("scans.id", ondelete="SET NULL"), nullable=True),
    Column("attempts", Integer, nullable=False),
    Column("worker", Text, nullable=False),
    Column("message", Text, nullable=False),
    Column("updated", DateTime(timezone=True), nullable=False),
    UniqueConstraint("fleet_id", "system", name="uq_fleet_jobs_system"),
)
Index("ix_targets_scan_target", targets.c.scan_id, targets.c.target_id)
Index("ix_scans_fleet_key", scans.c.fleet_key, unique=True)

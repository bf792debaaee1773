"""Scan history: scans, their targets, findings by fingerprint, scores and coverage.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "scans",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("started", TZ, nullable=False),
        sa.Column("finished", TZ, nullable=False),
        sa.Column("recorded", TZ, nullable=False),
        sa.Column("tool_version", sa.String(32), nullable=False),
        sa.Column("passed", sa.Boolean, nullable=False),
        sa.Column("incomplete", sa.Boolean, nullable=False),
        sa.Column("profiles", sa.Text, nullable=False),
    )
    op.create_index("ix_scans_started", "scans", ["started"])
    op.create_table(
        "targets",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("scan_id", sa.Integer, sa.ForeignKey("scans.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("target_id", sa.String(32), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("format", sa.String(32), nullable=False),
        sa.Column("address", sa.Text, nullable=False),
        sa.Column("platform", sa.String(64), nullable=True),
        sa.Column("fatal", sa.Boolean, nullable=False),
    )
    op.create_index("ix_targets_scan_id", "targets", ["scan_id"])
    op.create_index("ix_targets_target_id", "targets", ["target_id"])
    op.create_index("ix_targets_scan_target", "targets", ["scan_id", "target_id"])
    op.create_table(
        "findings",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("target_row", sa.Integer, sa.ForeignKey("targets.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("fingerprint", sa.String(32), nullable=False),
        sa.Column("check_id", sa.String(128), nullable=False),
        sa.Column("resource", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("severity", sa.String(16), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("suppressed", sa.Boolean, nullable=False),
    )
    op.create_index("ix_findings_target_row", "findings", ["target_row"])
    op.create_table(
        "scores",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("target_row", sa.Integer, sa.ForeignKey("targets.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("profile_id", sa.String(128), nullable=False),
        sa.Column("profile_title", sa.Text, nullable=False),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("grade", sa.String(4), nullable=False),
        sa.Column("coverage", sa.Float, nullable=False),
        sa.Column("passed", sa.Integer, nullable=False),
        sa.Column("failed", sa.Integer, nullable=False),
        sa.Column("unknown", sa.Integer, nullable=False),
        sa.Column("not_applicable", sa.Integer, nullable=False),
        sa.Column("suppressed", sa.Integer, nullable=False),
    )
    op.create_index("ix_scores_target_row", "scores", ["target_row"])

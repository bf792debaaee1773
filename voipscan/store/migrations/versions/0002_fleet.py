"""Fleet scans: jobs per system, and a scan recorded once per (fleet scan, system).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("scans") as batch:
        batch.add_column(sa.Column("fleet_id", sa.String(32), nullable=True))
        batch.add_column(sa.Column("fleet_key", sa.String(200), nullable=True))
    op.create_index("ix_scans_fleet_id", "scans", ["fleet_id"])
    op.create_index("ix_scans_fleet_key", "scans", ["fleet_key"], unique=True)
    op.create_table(
        "fleets",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("created", TZ, nullable=False),
        sa.Column("inventory", sa.Text, nullable=False),
        sa.Column("profiles", sa.Text, nullable=False),
    )
    op.create_table(
        "fleet_jobs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("fleet_id", sa.String(32), sa.ForeignKey("fleets.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("system", sa.String(64), nullable=False),
        sa.Column("site", sa.String(64), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("scan_id", sa.Integer, sa.ForeignKey("scans.id", ondelete="SET NULL"),
                  nullable=True),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("worker", sa.Text, nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("updated", TZ, nullable=False),
        sa.UniqueConstraint("fleet_id", "system", name="uq_fleet_jobs_system"),
    )

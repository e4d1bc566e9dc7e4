"""Voting rounds carry version numbers, so that every instance serves the same snapshot of a round.

``version`` rises whenever what participants see of a round changes (opened, closed, an item
edited); ``results_version`` rises with that and with every ballot and proposal. Existing rounds
start at 1.

Revision ID: 0009_round_versions
Revises: 0008_interview_assignments
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0009_round_versions'
down_revision = '0008_interview_assignments'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('workshop_rounds', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))
        batch_op.add_column(sa.Column('results_version', sa.Integer(), server_default='1', nullable=False))


def downgrade():
    with op.batch_alter_table('workshop_rounds', schema=None) as batch_op:
        batch_op.drop_column('results_version')
        batch_op.drop_column('version')

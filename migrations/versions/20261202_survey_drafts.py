"""Surveys get a draft state: new surveys start as drafts and open once they are ready.

Existing surveys keep their state (they are not drafts).

Revision ID: 0017_survey_drafts
Revises: 0016_answer_vectors
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0017_survey_drafts'
down_revision = '0016_answer_vectors'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('surveys', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_draft', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('surveys', schema=None) as batch_op:
        batch_op.drop_column('is_draft')

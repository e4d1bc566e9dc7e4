"""Interview surveys get an off-guide question: what respondents said outside the guide, for the analysis.

Existing questions are guide questions.

Revision ID: 0018_off_guide_questions
Revises: 0017_survey_drafts
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0018_off_guide_questions'
down_revision = '0017_survey_drafts'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('survey_questions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_off_guide', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('survey_questions', schema=None) as batch_op:
        batch_op.drop_column('is_off_guide')

"""Progress reports given to a committee: period, committee, covering memo, author

Revision ID: 0021_committee_reports
Revises: 0020_outreach_volunteers
Create Date: 2026-12-02 16:26:00.728409

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0021_committee_reports'
down_revision = '0020_outreach_volunteers'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('concept_committee_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('concept_id', sa.Integer(), nullable=False),
    sa.Column('committee', sa.String(length=30), nullable=False),
    sa.Column('committee_name', sa.String(length=200), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('memo', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("committee IN ('integration_council', 'council_committee', 'council')", name=op.f('ck_concept_committee_reports_committee_known')),
    sa.CheckConstraint('period_end >= period_start', name=op.f('ck_concept_committee_reports_period_ordered')),
    sa.ForeignKeyConstraint(['concept_id'], ['concepts.id'], name=op.f('fk_concept_committee_reports_concept_id_concepts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_concept_committee_reports_created_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_concept_committee_reports'))
    )
    with op.batch_alter_table('concept_committee_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_concept_committee_reports_concept_id'), ['concept_id'], unique=False)


def downgrade():
    with op.batch_alter_table('concept_committee_reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_concept_committee_reports_concept_id'))

    op.drop_table('concept_committee_reports')

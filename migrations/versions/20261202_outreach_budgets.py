"""Budgets per measure, year and funding source: planned and spent

Revision ID: 0013_outreach_budgets
Revises: 0012_outreach_events
Create Date: 2026-12-02 13:27:12.592652

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0013_outreach_budgets'
down_revision = '0012_outreach_events'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('outreach_budgets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('measure_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('funding_source', sa.String(length=20), nullable=False),
    sa.Column('planned', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('spent', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("funding_source IN ('municipal', 'state_or_federal', 'foundation', 'other')", name=op.f('ck_outreach_budgets_funding_source_known')),
    sa.CheckConstraint('planned >= 0 AND spent >= 0', name=op.f('ck_outreach_budgets_amounts_not_negative')),
    sa.CheckConstraint('year BETWEEN 2000 AND 2100', name=op.f('ck_outreach_budgets_year_plausible')),
    sa.ForeignKeyConstraint(['measure_id'], ['concept_measures.id'], name=op.f('fk_outreach_budgets_measure_id_concept_measures'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outreach_budgets')),
    sa.UniqueConstraint('measure_id', 'year', 'funding_source', name=op.f('uq_outreach_budgets_measure_id_year_funding_source'))
    )
    with op.batch_alter_table('outreach_budgets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outreach_budgets_measure_id'), ['measure_id'], unique=False)



def downgrade():
    with op.batch_alter_table('outreach_budgets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outreach_budgets_measure_id'))

    op.drop_table('outreach_budgets')

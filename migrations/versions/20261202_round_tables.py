"""Round tables with decisions linked to goals and measures; success factors with yearly assessments

Revision ID: 0019_round_tables
Revises: 0018_off_guide_questions
Create Date: 2026-12-02 17:00:00.000000

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0019_round_tables'
down_revision = '0018_off_guide_questions'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('outreach_round_tables',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('place', sa.String(length=300), nullable=False),
    sa.Column('is_needs_assessment', sa.Boolean(), nullable=False),
    sa.Column('agenda', sa.Text(), nullable=False),
    sa.Column('organisations', sa.JSON(), nullable=False),
    sa.Column('minutes', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_outreach_round_tables_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outreach_round_tables'))
    )
    with op.batch_alter_table('outreach_round_tables', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outreach_round_tables_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_outreach_round_tables_held_on'), ['held_on'], unique=False)

    op.create_table('outreach_round_table_decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_table_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('responsible', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['round_table_id'], ['outreach_round_tables.id'], name=op.f('fk_outreach_round_table_decisions_round_table_id_outreach_round_tables'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outreach_round_table_decisions'))
    )
    with op.batch_alter_table('outreach_round_table_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outreach_round_table_decisions_round_table_id'), ['round_table_id'], unique=False)

    op.create_table('outreach_decision_goals',
    sa.Column('decision_id', sa.Integer(), nullable=False),
    sa.Column('goal_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['decision_id'], ['outreach_round_table_decisions.id'], name=op.f('fk_outreach_decision_goals_decision_id_outreach_round_table_decisions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['goal_id'], ['concept_goals.id'], name=op.f('fk_outreach_decision_goals_goal_id_concept_goals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('decision_id', 'goal_id', name=op.f('pk_outreach_decision_goals'))
    )
    op.create_table('outreach_decision_measures',
    sa.Column('decision_id', sa.Integer(), nullable=False),
    sa.Column('measure_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['decision_id'], ['outreach_round_table_decisions.id'], name=op.f('fk_outreach_decision_measures_decision_id_outreach_round_table_decisions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['measure_id'], ['concept_measures.id'], name=op.f('fk_outreach_decision_measures_measure_id_concept_measures'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('decision_id', 'measure_id', name=op.f('pk_outreach_decision_measures'))
    )

    op.create_table('outreach_success_factors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_outreach_success_factors_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outreach_success_factors'))
    )
    with op.batch_alter_table('outreach_success_factors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outreach_success_factors_project_id'), ['project_id'], unique=False)

    op.create_table('outreach_factor_assessments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('factor_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('rating', sa.Integer(), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('rating BETWEEN 1 AND 5', name=op.f('ck_outreach_factor_assessments_rating_in_scale')),
    sa.CheckConstraint('year BETWEEN 2000 AND 2100', name=op.f('ck_outreach_factor_assessments_year_plausible')),
    sa.ForeignKeyConstraint(['factor_id'], ['outreach_success_factors.id'], name=op.f('fk_outreach_factor_assessments_factor_id_outreach_success_factors'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outreach_factor_assessments')),
    sa.UniqueConstraint('factor_id', 'year', name=op.f('uq_outreach_factor_assessments_factor_id_year'))
    )
    with op.batch_alter_table('outreach_factor_assessments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outreach_factor_assessments_factor_id'), ['factor_id'], unique=False)

    op.create_table('outreach_factor_assessment_measures',
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('measure_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['outreach_factor_assessments.id'], name=op.f('fk_outreach_factor_assessment_measures_assessment_id_outreach_factor_assessments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['measure_id'], ['concept_measures.id'], name=op.f('fk_outreach_factor_assessment_measures_measure_id_concept_measures'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('assessment_id', 'measure_id', name=op.f('pk_outreach_factor_assessment_measures'))
    )


def downgrade():
    op.drop_table('outreach_factor_assessment_measures')
    with op.batch_alter_table('outreach_factor_assessments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outreach_factor_assessments_factor_id'))
    op.drop_table('outreach_factor_assessments')
    with op.batch_alter_table('outreach_success_factors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outreach_success_factors_project_id'))
    op.drop_table('outreach_success_factors')
    op.drop_table('outreach_decision_measures')
    op.drop_table('outreach_decision_goals')
    with op.batch_alter_table('outreach_round_table_decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outreach_round_table_decisions_round_table_id'))
    op.drop_table('outreach_round_table_decisions')
    with op.batch_alter_table('outreach_round_tables', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outreach_round_tables_held_on'))
        batch_op.drop_index(batch_op.f('ix_outreach_round_tables_project_id'))
    op.drop_table('outreach_round_tables')

"""The volunteer pool (Lotsinnen und Lotsen) with consent and measures; the survey each event's notes went into

Revision ID: 0020_outreach_volunteers
Revises: 0019_round_tables
Create Date: 2026-12-02 16:26:00.728409

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0020_outreach_volunteers'
down_revision = '0019_round_tables'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('outreach_volunteers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('districts', sa.JSON(), nullable=False),
    sa.Column('source', sa.String(length=10), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('consented_at', sa.DateTime(), nullable=False),
    sa.Column('consent_text', sa.Text(), nullable=False),
    sa.Column('consent_language', sa.String(length=20), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("source IN ('event', 'survey', 'manual')", name=op.f('ck_outreach_volunteers_source_known')),
    sa.ForeignKeyConstraint(['event_id'], ['outreach_events.id'], name=op.f('fk_outreach_volunteers_event_id_outreach_events'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_outreach_volunteers_project_id_projects'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_outreach_volunteers_recorded_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outreach_volunteers'))
    )
    with op.batch_alter_table('outreach_volunteers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outreach_volunteers_project_id'), ['project_id'], unique=False)

    op.create_table('outreach_volunteer_measures',
    sa.Column('volunteer_id', sa.Integer(), nullable=False),
    sa.Column('measure_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['measure_id'], ['concept_measures.id'], name=op.f('fk_outreach_volunteer_measures_measure_id_concept_measures'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['volunteer_id'], ['outreach_volunteers.id'], name=op.f('fk_outreach_volunteer_measures_volunteer_id_outreach_volunteers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('volunteer_id', 'measure_id', name=op.f('pk_outreach_volunteer_measures'))
    )
    op.create_table('outreach_event_notes_surveys',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['outreach_events.id'], name=op.f('fk_outreach_event_notes_surveys_event_id_outreach_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['question_id'], ['survey_questions.id'], name=op.f('fk_outreach_event_notes_surveys_question_id_survey_questions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['survey_id'], ['surveys.id'], name=op.f('fk_outreach_event_notes_surveys_survey_id_surveys'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outreach_event_notes_surveys')),
    sa.UniqueConstraint('event_id', name=op.f('uq_outreach_event_notes_surveys_event_id')),
    sa.UniqueConstraint('survey_id', name=op.f('uq_outreach_event_notes_surveys_survey_id'))
    )


def downgrade():
    op.drop_table('outreach_event_notes_surveys')
    op.drop_table('outreach_volunteer_measures')
    with op.batch_alter_table('outreach_volunteers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outreach_volunteers_project_id'))

    op.drop_table('outreach_volunteers')

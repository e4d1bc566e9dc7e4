"""Surveys, analysis, jobs, workshops and concept: their tables

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 15:57:33.814633

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('concepts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('subtitle', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('template_docx', sa.LargeBinary(), nullable=True),
    sa.Column('template_filename', sa.String(length=255), nullable=True),
    sa.Column('template_uploaded_at', sa.DateTime(), nullable=True),
    sa.Column('template_uploaded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_concepts_project_id_projects'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['template_uploaded_by_id'], ['users.id'], name=op.f('fk_concepts_template_uploaded_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_concepts')),
    sa.UniqueConstraint('project_id', name=op.f('uq_concepts_project_id'))
    )
    op.create_table('jobs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=60), nullable=False),
    sa.Column('target', sa.String(length=200), nullable=False),
    sa.Column('arguments', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('progress', sa.Double(), nullable=False),
    sa.Column('message', sa.String(length=300), nullable=False),
    sa.Column('result', sa.JSON(), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('project_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=True),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("status IN ('queued', 'running', 'done', 'failed')", name=op.f('ck_jobs_status_known')),
    sa.CheckConstraint('progress >= 0 AND progress <= 1', name=op.f('ck_jobs_progress_fraction')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_jobs_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_jobs_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_jobs'))
    )
    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_jobs_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_jobs_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_jobs_status'), ['status'], unique=False)

    op.create_table('surveys',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('mode', sa.String(length=20), nullable=False),
    sa.Column('opens_on', sa.Date(), nullable=True),
    sa.Column('closes_on', sa.Date(), nullable=True),
    sa.Column('is_closed', sa.Boolean(), nullable=False),
    sa.Column('consent_text', sa.Text(), nullable=False),
    sa.Column('consent_version', sa.Integer(), nullable=False),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('asks_migration_history', sa.Boolean(), nullable=False),
    sa.Column('districts', sa.JSON(), nullable=False),
    sa.Column('age_bands', sa.JSON(), nullable=False),
    sa.Column('public_code', sa.String(length=64), nullable=True),
    sa.Column('invitation_days', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("mode IN ('interview', 'online', 'both')", name=op.f('ck_surveys_mode_known')),
    sa.CheckConstraint('closes_on IS NULL OR opens_on IS NULL OR closes_on >= opens_on', name=op.f('ck_surveys_closes_after_opens')),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_surveys_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_surveys')),
    sa.UniqueConstraint('public_code', name=op.f('uq_surveys_public_code'))
    )
    with op.batch_alter_table('surveys', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_surveys_project_id'), ['project_id'], unique=False)

    op.create_table('workshops',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('date', sa.Date(), nullable=True),
    sa.Column('place', sa.String(length=300), nullable=False),
    sa.Column('agenda', sa.Text(), nullable=False),
    sa.Column('join_code', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('requires_personal_code', sa.Boolean(), nullable=False),
    sa.Column('attendance', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('expert', 'decision_maker', 'other')", name=op.f('ck_workshops_kind_known')),
    sa.CheckConstraint("status IN ('planned', 'running', 'done')", name=op.f('ck_workshops_status_known')),
    sa.CheckConstraint('attendance IS NULL OR attendance >= 0', name=op.f('ck_workshops_attendance_not_negative')),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_workshops_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workshops')),
    sa.UniqueConstraint('join_code', name=op.f('uq_workshops_join_code'))
    )
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshops_project_id'), ['project_id'], unique=False)

    op.create_table('concept_goals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('concept_id', sa.Integer(), nullable=False),
    sa.Column('field_of_action_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('workshop_item_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('guiding_goal', 'action_goal')", name=op.f('ck_concept_goals_kind_known')),
    sa.ForeignKeyConstraint(['concept_id'], ['concepts.id'], name=op.f('fk_concept_goals_concept_id_concepts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['field_of_action_id'], ['fields_of_action.id'], name=op.f('fk_concept_goals_field_of_action_id_fields_of_action'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['parent_id'], ['concept_goals.id'], name=op.f('fk_concept_goals_parent_id_concept_goals'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_concept_goals'))
    )
    with op.batch_alter_table('concept_goals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_concept_goals_concept_id'), ['concept_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_concept_goals_field_of_action_id'), ['field_of_action_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_concept_goals_workshop_item_id'), ['workshop_item_id'], unique=False)

    op.create_table('concept_measures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('concept_id', sa.Integer(), nullable=False),
    sa.Column('field_of_action_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('steps', sa.Text(), nullable=False),
    sa.Column('period', sa.String(length=200), nullable=False),
    sa.Column('cost_amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('cost_text', sa.String(length=300), nullable=False),
    sa.Column('implemented_by', sa.String(length=500), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('workshop_item_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("status IN ('running', 'planned', 'done', 'dropped')", name=op.f('ck_concept_measures_status_known')),
    sa.CheckConstraint('number >= 1', name=op.f('ck_concept_measures_number_positive')),
    sa.ForeignKeyConstraint(['concept_id'], ['concepts.id'], name=op.f('fk_concept_measures_concept_id_concepts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['field_of_action_id'], ['fields_of_action.id'], name=op.f('fk_concept_measures_field_of_action_id_fields_of_action'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_concept_measures')),
    sa.UniqueConstraint('field_of_action_id', 'number', name=op.f('uq_concept_measures_field_of_action_id_number'))
    )
    with op.batch_alter_table('concept_measures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_concept_measures_concept_id'), ['concept_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_concept_measures_field_of_action_id'), ['field_of_action_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_concept_measures_workshop_item_id'), ['workshop_item_id'], unique=False)

    op.create_table('concept_sections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('concept_id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('field_of_action_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("status IN ('draft', 'in_review', 'final')", name=op.f('ck_concept_sections_status_known')),
    sa.CheckConstraint('version >= 1', name=op.f('ck_concept_sections_version_positive')),
    sa.ForeignKeyConstraint(['concept_id'], ['concepts.id'], name=op.f('fk_concept_sections_concept_id_concepts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['field_of_action_id'], ['fields_of_action.id'], name=op.f('fk_concept_sections_field_of_action_id_fields_of_action'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['parent_id'], ['concept_sections.id'], name=op.f('fk_concept_sections_parent_id_concept_sections'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_concept_sections_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_concept_sections'))
    )
    with op.batch_alter_table('concept_sections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_concept_sections_concept_id'), ['concept_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_concept_sections_field_of_action_id'), ['field_of_action_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_concept_sections_parent_id'), ['parent_id'], unique=False)

    op.create_table('survey_respondent_deletions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('respondent_id', sa.Integer(), nullable=False),
    sa.Column('stakeholder_group_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('deleted_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['stakeholder_group_id'], ['stakeholder_groups.id'], name=op.f('fk_survey_respondent_deletions_stakeholder_group_id_stakeholder_groups'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['survey_id'], ['surveys.id'], name=op.f('fk_survey_respondent_deletions_survey_id_surveys'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_respondent_deletions'))
    )
    with op.batch_alter_table('survey_respondent_deletions', schema=None) as batch_op:
        batch_op.create_index('ix_survey_respondent_deletions_survey_group', ['survey_id', 'stakeholder_group_id'], unique=False)

    op.create_table('survey_respondents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('pseudonym', sa.String(length=40), nullable=False),
    sa.Column('stakeholder_group_id', sa.Integer(), nullable=True),
    sa.Column('migration_history', sa.String(length=20), nullable=False),
    sa.Column('district', sa.String(length=120), nullable=False),
    sa.Column('age_band', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=True),
    sa.Column('token_expires_at', sa.DateTime(), nullable=True),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=True),
    sa.Column('completed_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("migration_history IN ('yes', 'no', 'not_stated')", name=op.f('ck_survey_respondents_migration_history_known')),
    sa.CheckConstraint("status IN ('invited', 'started', 'completed')", name=op.f('ck_survey_respondents_status_known')),
    sa.ForeignKeyConstraint(['stakeholder_group_id'], ['stakeholder_groups.id'], name=op.f('fk_survey_respondents_stakeholder_group_id_stakeholder_groups'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['survey_id'], ['surveys.id'], name=op.f('fk_survey_respondents_survey_id_surveys'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_respondents')),
    sa.UniqueConstraint('survey_id', 'pseudonym', name=op.f('uq_survey_respondents_survey_id_pseudonym')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_survey_respondents_token_hash'))
    )
    with op.batch_alter_table('survey_respondents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_respondents_stakeholder_group_id'), ['stakeholder_group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_survey_respondents_survey_id'), ['survey_id'], unique=False)

    op.create_table('survey_sections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('intro', sa.Text(), nullable=False),
    sa.Column('translations', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['survey_id'], ['surveys.id'], name=op.f('fk_survey_sections_survey_id_surveys'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_sections'))
    )
    with op.batch_alter_table('survey_sections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_sections_survey_id'), ['survey_id'], unique=False)

    op.create_table('workshop_personal_codes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('used_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_workshop_personal_codes_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workshop_personal_codes')),
    sa.UniqueConstraint('code_hash', name=op.f('uq_workshop_personal_codes_code_hash'))
    )
    with op.batch_alter_table('workshop_personal_codes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshop_personal_codes_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('workshop_rounds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('method', sa.String(length=20), nullable=False),
    sa.Column('budget', sa.Integer(), nullable=True),
    sa.Column('max_per_item', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('hide_results_while_open', sa.Boolean(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('opened_at', sa.DateTime(), nullable=True),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("method IN ('dots', 'rating', 'ranking', 'proposals')", name=op.f('ck_workshop_rounds_method_known')),
    sa.CheckConstraint("status IN ('draft', 'open', 'closed')", name=op.f('ck_workshop_rounds_status_known')),
    sa.CheckConstraint('budget IS NULL OR budget > 0', name=op.f('ck_workshop_rounds_budget_positive')),
    sa.CheckConstraint('max_per_item IS NULL OR max_per_item > 0', name=op.f('ck_workshop_rounds_max_per_item_positive')),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_workshop_rounds_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workshop_rounds'))
    )
    with op.batch_alter_table('workshop_rounds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshop_rounds_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('concept_draft_proposals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('section_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('sources', sa.JSON(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("state IN ('pending', 'accepted', 'dismissed')", name=op.f('ck_concept_draft_proposals_state_known')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_concept_draft_proposals_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['section_id'], ['concept_sections.id'], name=op.f('fk_concept_draft_proposals_section_id_concept_sections'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_concept_draft_proposals'))
    )
    with op.batch_alter_table('concept_draft_proposals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_concept_draft_proposals_section_id'), ['section_id'], unique=False)

    op.create_table('concept_indicators',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('measure_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('unit', sa.String(length=50), nullable=False),
    sa.Column('baseline', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('target', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('current', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('current_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['measure_id'], ['concept_measures.id'], name=op.f('fk_concept_indicators_measure_id_concept_measures'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_concept_indicators'))
    )
    with op.batch_alter_table('concept_indicators', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_concept_indicators_measure_id'), ['measure_id'], unique=False)

    op.create_table('concept_measure_goals',
    sa.Column('measure_id', sa.Integer(), nullable=False),
    sa.Column('goal_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['goal_id'], ['concept_goals.id'], name=op.f('fk_concept_measure_goals_goal_id_concept_goals'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['measure_id'], ['concept_measures.id'], name=op.f('fk_concept_measure_goals_measure_id_concept_measures'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('measure_id', 'goal_id', name=op.f('pk_concept_measure_goals'))
    )
    op.create_table('concept_measure_updates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('measure_id', sa.Integer(), nullable=False),
    sa.Column('recorded_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('previous_status', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("status IN ('running', 'planned', 'done', 'dropped')", name=op.f('ck_concept_measure_updates_status_known')),
    sa.ForeignKeyConstraint(['measure_id'], ['concept_measures.id'], name=op.f('fk_concept_measure_updates_measure_id_concept_measures'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_concept_measure_updates_recorded_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_concept_measure_updates'))
    )
    with op.batch_alter_table('concept_measure_updates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_concept_measure_updates_measure_id'), ['measure_id'], unique=False)

    op.create_table('concept_section_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('section_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.Column('changed_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['changed_by_id'], ['users.id'], name=op.f('fk_concept_section_revisions_changed_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['section_id'], ['concept_sections.id'], name=op.f('fk_concept_section_revisions_section_id_concept_sections'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_concept_section_revisions'))
    )
    with op.batch_alter_table('concept_section_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_concept_section_revisions_section_id'), ['section_id'], unique=False)

    op.create_table('concept_section_sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('section_id', sa.Integer(), nullable=False),
    sa.Column('paragraph', sa.Integer(), nullable=False),
    sa.Column('source_kind', sa.String(length=20), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=300), nullable=False),
    sa.CheckConstraint("source_kind IN ('theme', 'workshop_item', 'goal')", name=op.f('ck_concept_section_sources_source_kind_known')),
    sa.ForeignKeyConstraint(['section_id'], ['concept_sections.id'], name=op.f('fk_concept_section_sources_section_id_concept_sections'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_concept_section_sources'))
    )
    with op.batch_alter_table('concept_section_sources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_concept_section_sources_section_id'), ['section_id'], unique=False)

    op.create_table('concept_theme_citations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=False),
    sa.Column('goal_id', sa.Integer(), nullable=True),
    sa.Column('measure_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('(goal_id IS NULL) <> (measure_id IS NULL)', name=op.f('ck_concept_theme_citations_one_target')),
    sa.ForeignKeyConstraint(['goal_id'], ['concept_goals.id'], name=op.f('fk_concept_theme_citations_goal_id_concept_goals'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['measure_id'], ['concept_measures.id'], name=op.f('fk_concept_theme_citations_measure_id_concept_measures'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_concept_theme_citations')),
    sa.UniqueConstraint('theme_id', 'goal_id', 'measure_id', name=op.f('uq_concept_theme_citations_theme_id_goal_id_measure_id'))
    )
    with op.batch_alter_table('concept_theme_citations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_concept_theme_citations_goal_id'), ['goal_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_concept_theme_citations_measure_id'), ['measure_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_concept_theme_citations_theme_id'), ['theme_id'], unique=False)

    op.create_table('survey_consents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('respondent_id', sa.Integer(), nullable=False),
    sa.Column('given_at', sa.DateTime(), nullable=False),
    sa.Column('text_version', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('covers_migration_history', sa.Boolean(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("channel IN ('online', 'interviewer')", name=op.f('ck_survey_consents_channel_known')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_survey_consents_recorded_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['respondent_id'], ['survey_respondents.id'], name=op.f('fk_survey_consents_respondent_id_survey_respondents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_consents'))
    )
    with op.batch_alter_table('survey_consents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_consents_respondent_id'), ['respondent_id'], unique=False)

    op.create_table('survey_questions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('section_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('help', sa.Text(), nullable=False),
    sa.Column('is_required', sa.Boolean(), nullable=False),
    sa.Column('options', sa.JSON(), nullable=False),
    sa.Column('scale_min', sa.Integer(), nullable=False),
    sa.Column('scale_max', sa.Integer(), nullable=False),
    sa.Column('scale_labels', sa.JSON(), nullable=False),
    sa.Column('field_of_action_id', sa.Integer(), nullable=True),
    sa.Column('translations', sa.JSON(), nullable=False),
    sa.CheckConstraint("kind IN ('free_text', 'single_choice', 'multiple_choice', 'scale', 'ranking')", name=op.f('ck_survey_questions_kind_known')),
    sa.CheckConstraint('scale_min < scale_max', name=op.f('ck_survey_questions_scale_range')),
    sa.ForeignKeyConstraint(['field_of_action_id'], ['fields_of_action.id'], name=op.f('fk_survey_questions_field_of_action_id_fields_of_action'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['section_id'], ['survey_sections.id'], name=op.f('fk_survey_questions_section_id_survey_sections'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['survey_id'], ['surveys.id'], name=op.f('fk_survey_questions_survey_id_surveys'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_questions'))
    )
    with op.batch_alter_table('survey_questions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_questions_field_of_action_id'), ['field_of_action_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_survey_questions_section_id'), ['section_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_survey_questions_survey_id'), ['survey_id'], unique=False)

    op.create_table('survey_respondent_contacts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('respondent_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['respondent_id'], ['survey_respondents.id'], name=op.f('fk_survey_respondent_contacts_respondent_id_survey_respondents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_respondent_contacts')),
    sa.UniqueConstraint('respondent_id', name=op.f('uq_survey_respondent_contacts_respondent_id'))
    )
    op.create_table('workshop_participants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('display_name', sa.String(length=100), nullable=False),
    sa.Column('stakeholder_group_id', sa.Integer(), nullable=True),
    sa.Column('personal_code_id', sa.Integer(), nullable=True),
    sa.Column('joined_at', sa.DateTime(), nullable=False),
    sa.Column('last_active_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['personal_code_id'], ['workshop_personal_codes.id'], name=op.f('fk_workshop_participants_personal_code_id_workshop_personal_codes'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['stakeholder_group_id'], ['stakeholder_groups.id'], name=op.f('fk_workshop_participants_stakeholder_group_id_stakeholder_groups'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_workshop_participants_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workshop_participants')),
    sa.UniqueConstraint('personal_code_id', name=op.f('uq_workshop_participants_personal_code_id')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_workshop_participants_token_hash'))
    )
    with op.batch_alter_table('workshop_participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshop_participants_stakeholder_group_id'), ['stakeholder_group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_workshop_participants_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('analyses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('scope', sa.String(length=20), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=True),
    sa.Column('question_id', sa.Integer(), nullable=True),
    sa.Column('field_of_action_id', sa.Integer(), nullable=True),
    sa.Column('theme_count', sa.Integer(), nullable=True),
    sa.Column('min_cell_size', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('job_id', sa.Integer(), nullable=True),
    sa.Column('run_count', sa.Integer(), nullable=False),
    sa.Column('coding_queue', sa.JSON(), nullable=False),
    sa.Column('suggestion_report', sa.JSON(), nullable=False),
    sa.Column('last_run_at', sa.DateTime(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("scope IN ('survey', 'question', 'field_of_action')", name=op.f('ck_analyses_scope_known')),
    sa.CheckConstraint("status IN ('new', 'running', 'ready', 'failed')", name=op.f('ck_analyses_status_known')),
    sa.CheckConstraint('min_cell_size >= 5', name=op.f('ck_analyses_min_cell_size_at_least_five')),
    sa.CheckConstraint('theme_count IS NULL OR theme_count >= 2', name=op.f('ck_analyses_theme_count_at_least_two')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_analyses_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['field_of_action_id'], ['fields_of_action.id'], name=op.f('fk_analyses_field_of_action_id_fields_of_action'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], name=op.f('fk_analyses_job_id_jobs'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_analyses_project_id_projects'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['question_id'], ['survey_questions.id'], name=op.f('fk_analyses_question_id_survey_questions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['survey_id'], ['surveys.id'], name=op.f('fk_analyses_survey_id_surveys'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_analyses'))
    )
    with op.batch_alter_table('analyses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_analyses_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_analyses_survey_id'), ['survey_id'], unique=False)

    op.create_table('concept_indicator_values',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('recorded_on', sa.Date(), nullable=False),
    sa.Column('value', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['indicator_id'], ['concept_indicators.id'], name=op.f('fk_concept_indicator_values_indicator_id_concept_indicators'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_concept_indicator_values_recorded_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_concept_indicator_values'))
    )
    with op.batch_alter_table('concept_indicator_values', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_concept_indicator_values_indicator_id'), ['indicator_id'], unique=False)

    op.create_table('survey_answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('respondent_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.JSON(), nullable=False),
    sa.Column('entered_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['entered_by_id'], ['users.id'], name=op.f('fk_survey_answers_entered_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['question_id'], ['survey_questions.id'], name=op.f('fk_survey_answers_question_id_survey_questions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['respondent_id'], ['survey_respondents.id'], name=op.f('fk_survey_answers_respondent_id_survey_respondents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_answers')),
    sa.UniqueConstraint('respondent_id', 'question_id', name=op.f('uq_survey_answers_respondent_id_question_id'))
    )
    with op.batch_alter_table('survey_answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_answers_question_id'), ['question_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_survey_answers_respondent_id'), ['respondent_id'], unique=False)

    op.create_table('workshop_ballots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['participant_id'], ['workshop_participants.id'], name=op.f('fk_workshop_ballots_participant_id_workshop_participants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['round_id'], ['workshop_rounds.id'], name=op.f('fk_workshop_ballots_round_id_workshop_rounds'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workshop_ballots')),
    sa.UniqueConstraint('round_id', 'participant_id', name=op.f('uq_workshop_ballots_round_id_participant_id'))
    )
    with op.batch_alter_table('workshop_ballots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshop_ballots_participant_id'), ['participant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_workshop_ballots_round_id'), ['round_id'], unique=False)

    op.create_table('analysis_answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('analysis_id', sa.Integer(), nullable=False),
    sa.Column('answer_id', sa.Integer(), nullable=False),
    sa.Column('respondent_id', sa.Integer(), nullable=False),
    sa.Column('pseudonym', sa.String(length=100), nullable=False),
    sa.Column('stakeholder_group_id', sa.Integer(), nullable=True),
    sa.Column('stakeholder_group', sa.String(length=200), nullable=True),
    sa.Column('attributes', sa.JSON(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('question_text', sa.Text(), nullable=False),
    sa.Column('field_of_action_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['analysis_id'], ['analyses.id'], name=op.f('fk_analysis_answers_analysis_id_analyses'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['answer_id'], ['survey_answers.id'], name=op.f('fk_analysis_answers_answer_id_survey_answers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_analysis_answers')),
    sa.UniqueConstraint('analysis_id', 'answer_id', name=op.f('uq_analysis_answers_analysis_id_answer_id'))
    )
    with op.batch_alter_table('analysis_answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_analysis_answers_analysis_id'), ['analysis_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_analysis_answers_answer_id'), ['answer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_analysis_answers_respondent_id'), ['respondent_id'], unique=False)

    op.create_table('analysis_codes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('analysis_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('definition', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['analysis_id'], ['analyses.id'], name=op.f('fk_analysis_codes_analysis_id_analyses'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_analysis_codes')),
    sa.UniqueConstraint('analysis_id', 'name', name=op.f('uq_analysis_codes_analysis_id_name'))
    )
    with op.batch_alter_table('analysis_codes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_analysis_codes_analysis_id'), ['analysis_id'], unique=False)

    op.create_table('analysis_themes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('analysis_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('definition', sa.Text(), nullable=False),
    sa.Column('field_of_action_id', sa.Integer(), nullable=True),
    sa.Column('keywords', sa.JSON(), nullable=False),
    sa.Column('is_human', sa.Boolean(), nullable=False),
    sa.Column('is_label_human', sa.Boolean(), nullable=False),
    sa.Column('is_field_human', sa.Boolean(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['analysis_id'], ['analyses.id'], name=op.f('fk_analysis_themes_analysis_id_analyses'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['field_of_action_id'], ['fields_of_action.id'], name=op.f('fk_analysis_themes_field_of_action_id_fields_of_action'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_analysis_themes'))
    )
    with op.batch_alter_table('analysis_themes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_analysis_themes_analysis_id'), ['analysis_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_analysis_themes_field_of_action_id'), ['field_of_action_id'], unique=False)

    op.create_table('analysis_passages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('analysis_id', sa.Integer(), nullable=False),
    sa.Column('analysed_answer_id', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.CheckConstraint('start >= 0 AND "end" > start', name=op.f('ck_analysis_passages_offsets_valid')),
    sa.ForeignKeyConstraint(['analysed_answer_id'], ['analysis_answers.id'], name=op.f('fk_analysis_passages_analysed_answer_id_analysis_answers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['analysis_id'], ['analyses.id'], name=op.f('fk_analysis_passages_analysis_id_analyses'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_analysis_passages'))
    )
    with op.batch_alter_table('analysis_passages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_analysis_passages_analysed_answer_id'), ['analysed_answer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_analysis_passages_analysis_id'), ['analysis_id'], unique=False)

    op.create_table('workshop_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('field_of_action_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=True),
    sa.Column('source', sa.String(length=60), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('guiding_goal', 'action_goal', 'measure')", name=op.f('ck_workshop_items_kind_known')),
    sa.ForeignKeyConstraint(['field_of_action_id'], ['fields_of_action.id'], name=op.f('fk_workshop_items_field_of_action_id_fields_of_action'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['parent_id'], ['workshop_items.id'], name=op.f('fk_workshop_items_parent_id_workshop_items'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['theme_id'], ['analysis_themes.id'], name=op.f('fk_workshop_items_theme_id_analysis_themes'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_workshop_items_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workshop_items'))
    )
    with op.batch_alter_table('workshop_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshop_items_field_of_action_id'), ['field_of_action_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_workshop_items_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_workshop_items_theme_id'), ['theme_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_workshop_items_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('analysis_code_suggestions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('passage_id', sa.Integer(), nullable=False),
    sa.Column('code_id', sa.Integer(), nullable=False),
    sa.Column('confidence', sa.Double(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("status IN ('pending', 'accepted', 'rejected')", name=op.f('ck_analysis_code_suggestions_status_known')),
    sa.CheckConstraint('confidence >= 0 AND confidence <= 1', name=op.f('ck_analysis_code_suggestions_confidence_fraction')),
    sa.ForeignKeyConstraint(['code_id'], ['analysis_codes.id'], name=op.f('fk_analysis_code_suggestions_code_id_analysis_codes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_analysis_code_suggestions_decided_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['passage_id'], ['analysis_passages.id'], name=op.f('fk_analysis_code_suggestions_passage_id_analysis_passages'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_analysis_code_suggestions')),
    sa.UniqueConstraint('passage_id', 'code_id', name=op.f('uq_analysis_code_suggestions_passage_id_code_id'))
    )
    with op.batch_alter_table('analysis_code_suggestions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_analysis_code_suggestions_code_id'), ['code_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_analysis_code_suggestions_passage_id'), ['passage_id'], unique=False)

    op.create_table('analysis_codings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('passage_id', sa.Integer(), nullable=False),
    sa.Column('code_id', sa.Integer(), nullable=False),
    sa.Column('coder_id', sa.Integer(), nullable=True),
    sa.Column('is_from_suggestion', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['code_id'], ['analysis_codes.id'], name=op.f('fk_analysis_codings_code_id_analysis_codes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['coder_id'], ['users.id'], name=op.f('fk_analysis_codings_coder_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['passage_id'], ['analysis_passages.id'], name=op.f('fk_analysis_codings_passage_id_analysis_passages'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_analysis_codings')),
    sa.UniqueConstraint('passage_id', 'code_id', 'coder_id', name=op.f('uq_analysis_codings_passage_id_code_id_coder_id'))
    )
    with op.batch_alter_table('analysis_codings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_analysis_codings_code_id'), ['code_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_analysis_codings_coder_id'), ['coder_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_analysis_codings_passage_id'), ['passage_id'], unique=False)

    op.create_table('analysis_theme_assignments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('passage_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=True),
    sa.Column('source', sa.String(length=10), nullable=False),
    sa.Column('is_outlier', sa.Boolean(), nullable=False),
    sa.Column('score', sa.Double(), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("source IN ('machine', 'human')", name=op.f('ck_analysis_theme_assignments_source_known')),
    sa.CheckConstraint('theme_id IS NOT NULL OR is_outlier', name=op.f('ck_analysis_theme_assignments_theme_or_outlier')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_analysis_theme_assignments_decided_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['passage_id'], ['analysis_passages.id'], name=op.f('fk_analysis_theme_assignments_passage_id_analysis_passages'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['analysis_themes.id'], name=op.f('fk_analysis_theme_assignments_theme_id_analysis_themes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_analysis_theme_assignments')),
    sa.UniqueConstraint('passage_id', 'source', name=op.f('uq_analysis_theme_assignments_passage_id_source'))
    )
    with op.batch_alter_table('analysis_theme_assignments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_analysis_theme_assignments_passage_id'), ['passage_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_analysis_theme_assignments_theme_id'), ['theme_id'], unique=False)

    op.create_table('workshop_ballot_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ballot_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.CheckConstraint('value > 0', name=op.f('ck_workshop_ballot_entries_value_positive')),
    sa.ForeignKeyConstraint(['ballot_id'], ['workshop_ballots.id'], name=op.f('fk_workshop_ballot_entries_ballot_id_workshop_ballots'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['item_id'], ['workshop_items.id'], name=op.f('fk_workshop_ballot_entries_item_id_workshop_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workshop_ballot_entries')),
    sa.UniqueConstraint('ballot_id', 'item_id', name=op.f('uq_workshop_ballot_entries_ballot_id_item_id'))
    )
    with op.batch_alter_table('workshop_ballot_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshop_ballot_entries_ballot_id'), ['ballot_id'], unique=False)
        batch_op.create_index('ix_workshop_ballot_entries_item_value', ['item_id', 'value'], unique=False)

    op.create_table('workshop_proposals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('field_of_action_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('moderated_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("kind IN ('guiding_goal', 'action_goal', 'measure')", name=op.f('ck_workshop_proposals_kind_known')),
    sa.CheckConstraint("status IN ('pending', 'accepted', 'rejected')", name=op.f('ck_workshop_proposals_status_known')),
    sa.ForeignKeyConstraint(['field_of_action_id'], ['fields_of_action.id'], name=op.f('fk_workshop_proposals_field_of_action_id_fields_of_action'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['item_id'], ['workshop_items.id'], name=op.f('fk_workshop_proposals_item_id_workshop_items'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['participant_id'], ['workshop_participants.id'], name=op.f('fk_workshop_proposals_participant_id_workshop_participants'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['round_id'], ['workshop_rounds.id'], name=op.f('fk_workshop_proposals_round_id_workshop_rounds'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workshop_proposals'))
    )
    with op.batch_alter_table('workshop_proposals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshop_proposals_participant_id'), ['participant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_workshop_proposals_round_id'), ['round_id'], unique=False)

    op.create_table('workshop_round_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['workshop_items.id'], name=op.f('fk_workshop_round_items_item_id_workshop_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['round_id'], ['workshop_rounds.id'], name=op.f('fk_workshop_round_items_round_id_workshop_rounds'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workshop_round_items')),
    sa.UniqueConstraint('round_id', 'item_id', name=op.f('uq_workshop_round_items_round_id_item_id'))
    )
    with op.batch_alter_table('workshop_round_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshop_round_items_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_workshop_round_items_round_id'), ['round_id'], unique=False)



def downgrade():
    with op.batch_alter_table('workshop_round_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workshop_round_items_round_id'))
        batch_op.drop_index(batch_op.f('ix_workshop_round_items_item_id'))

    op.drop_table('workshop_round_items')
    with op.batch_alter_table('workshop_proposals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workshop_proposals_round_id'))
        batch_op.drop_index(batch_op.f('ix_workshop_proposals_participant_id'))

    op.drop_table('workshop_proposals')
    with op.batch_alter_table('workshop_ballot_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_workshop_ballot_entries_item_value')
        batch_op.drop_index(batch_op.f('ix_workshop_ballot_entries_ballot_id'))

    op.drop_table('workshop_ballot_entries')
    with op.batch_alter_table('analysis_theme_assignments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_analysis_theme_assignments_theme_id'))
        batch_op.drop_index(batch_op.f('ix_analysis_theme_assignments_passage_id'))

    op.drop_table('analysis_theme_assignments')
    with op.batch_alter_table('analysis_codings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_analysis_codings_passage_id'))
        batch_op.drop_index(batch_op.f('ix_analysis_codings_coder_id'))
        batch_op.drop_index(batch_op.f('ix_analysis_codings_code_id'))

    op.drop_table('analysis_codings')
    with op.batch_alter_table('analysis_code_suggestions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_analysis_code_suggestions_passage_id'))
        batch_op.drop_index(batch_op.f('ix_analysis_code_suggestions_code_id'))

    op.drop_table('analysis_code_suggestions')
    with op.batch_alter_table('workshop_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workshop_items_workshop_id'))
        batch_op.drop_index(batch_op.f('ix_workshop_items_theme_id'))
        batch_op.drop_index(batch_op.f('ix_workshop_items_parent_id'))
        batch_op.drop_index(batch_op.f('ix_workshop_items_field_of_action_id'))

    op.drop_table('workshop_items')
    with op.batch_alter_table('analysis_passages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_analysis_passages_analysis_id'))
        batch_op.drop_index(batch_op.f('ix_analysis_passages_analysed_answer_id'))

    op.drop_table('analysis_passages')
    with op.batch_alter_table('analysis_themes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_analysis_themes_field_of_action_id'))
        batch_op.drop_index(batch_op.f('ix_analysis_themes_analysis_id'))

    op.drop_table('analysis_themes')
    with op.batch_alter_table('analysis_codes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_analysis_codes_analysis_id'))

    op.drop_table('analysis_codes')
    with op.batch_alter_table('analysis_answers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_analysis_answers_respondent_id'))
        batch_op.drop_index(batch_op.f('ix_analysis_answers_answer_id'))
        batch_op.drop_index(batch_op.f('ix_analysis_answers_analysis_id'))

    op.drop_table('analysis_answers')
    with op.batch_alter_table('workshop_ballots', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workshop_ballots_round_id'))
        batch_op.drop_index(batch_op.f('ix_workshop_ballots_participant_id'))

    op.drop_table('workshop_ballots')
    with op.batch_alter_table('survey_answers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_answers_respondent_id'))
        batch_op.drop_index(batch_op.f('ix_survey_answers_question_id'))

    op.drop_table('survey_answers')
    with op.batch_alter_table('concept_indicator_values', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_concept_indicator_values_indicator_id'))

    op.drop_table('concept_indicator_values')
    with op.batch_alter_table('analyses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_analyses_survey_id'))
        batch_op.drop_index(batch_op.f('ix_analyses_project_id'))

    op.drop_table('analyses')
    with op.batch_alter_table('workshop_participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workshop_participants_workshop_id'))
        batch_op.drop_index(batch_op.f('ix_workshop_participants_stakeholder_group_id'))

    op.drop_table('workshop_participants')
    op.drop_table('survey_respondent_contacts')
    with op.batch_alter_table('survey_questions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_questions_survey_id'))
        batch_op.drop_index(batch_op.f('ix_survey_questions_section_id'))
        batch_op.drop_index(batch_op.f('ix_survey_questions_field_of_action_id'))

    op.drop_table('survey_questions')
    with op.batch_alter_table('survey_consents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_consents_respondent_id'))

    op.drop_table('survey_consents')
    with op.batch_alter_table('concept_theme_citations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_concept_theme_citations_theme_id'))
        batch_op.drop_index(batch_op.f('ix_concept_theme_citations_measure_id'))
        batch_op.drop_index(batch_op.f('ix_concept_theme_citations_goal_id'))

    op.drop_table('concept_theme_citations')
    with op.batch_alter_table('concept_section_sources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_concept_section_sources_section_id'))

    op.drop_table('concept_section_sources')
    with op.batch_alter_table('concept_section_revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_concept_section_revisions_section_id'))

    op.drop_table('concept_section_revisions')
    with op.batch_alter_table('concept_measure_updates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_concept_measure_updates_measure_id'))

    op.drop_table('concept_measure_updates')
    op.drop_table('concept_measure_goals')
    with op.batch_alter_table('concept_indicators', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_concept_indicators_measure_id'))

    op.drop_table('concept_indicators')
    with op.batch_alter_table('concept_draft_proposals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_concept_draft_proposals_section_id'))

    op.drop_table('concept_draft_proposals')
    with op.batch_alter_table('workshop_rounds', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workshop_rounds_workshop_id'))

    op.drop_table('workshop_rounds')
    with op.batch_alter_table('workshop_personal_codes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workshop_personal_codes_workshop_id'))

    op.drop_table('workshop_personal_codes')
    with op.batch_alter_table('survey_sections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_sections_survey_id'))

    op.drop_table('survey_sections')
    with op.batch_alter_table('survey_respondents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_respondents_survey_id'))
        batch_op.drop_index(batch_op.f('ix_survey_respondents_stakeholder_group_id'))

    op.drop_table('survey_respondents')
    with op.batch_alter_table('survey_respondent_deletions', schema=None) as batch_op:
        batch_op.drop_index('ix_survey_respondent_deletions_survey_group')

    op.drop_table('survey_respondent_deletions')
    with op.batch_alter_table('concept_sections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_concept_sections_parent_id'))
        batch_op.drop_index(batch_op.f('ix_concept_sections_field_of_action_id'))
        batch_op.drop_index(batch_op.f('ix_concept_sections_concept_id'))

    op.drop_table('concept_sections')
    with op.batch_alter_table('concept_measures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_concept_measures_workshop_item_id'))
        batch_op.drop_index(batch_op.f('ix_concept_measures_field_of_action_id'))
        batch_op.drop_index(batch_op.f('ix_concept_measures_concept_id'))

    op.drop_table('concept_measures')
    with op.batch_alter_table('concept_goals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_concept_goals_workshop_item_id'))
        batch_op.drop_index(batch_op.f('ix_concept_goals_field_of_action_id'))
        batch_op.drop_index(batch_op.f('ix_concept_goals_concept_id'))

    op.drop_table('concept_goals')
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workshops_project_id'))

    op.drop_table('workshops')
    with op.batch_alter_table('surveys', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_surveys_project_id'))

    op.drop_table('surveys')
    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_jobs_status'))
        batch_op.drop_index(batch_op.f('ix_jobs_project_id'))
        batch_op.drop_index(batch_op.f('ix_jobs_kind'))

    op.drop_table('jobs')
    op.drop_table('concepts')

"""Outreach events: plan and log events (attendance counts per group, notes, follow-ups), registrations, public page

Revision ID: 0012_outreach_events
Revises: 0011_transcripts
Create Date: 2026-12-02 13:05:11.994871

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0012_outreach_events'
down_revision = '0011_transcripts'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('outreach_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=True),
    sa.Column('place', sa.String(length=300), nullable=False),
    sa.Column('district', sa.String(length=200), nullable=False),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('organiser', sa.String(length=300), nullable=False),
    sa.Column('is_public', sa.Boolean(), nullable=False),
    sa.Column('has_registration', sa.Boolean(), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('translations', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('district_tour', 'intercultural_breakfast', 'consultation_hour', 'association_evening', 'round_table', 'festival', 'other')", name=op.f('ck_outreach_events_kind_known')),
    sa.CheckConstraint('capacity IS NULL OR capacity >= 1', name=op.f('ck_outreach_events_capacity_positive')),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_outreach_events_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outreach_events'))
    )
    with op.batch_alter_table('outreach_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outreach_events_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_outreach_events_starts_at'), ['starts_at'], unique=False)

    op.create_table('outreach_public_pages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('is_published', sa.Boolean(), nullable=False),
    sa.Column('registration_retention_days', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('registration_retention_days >= 0', name=op.f('ck_outreach_public_pages_retention_not_negative')),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_outreach_public_pages_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outreach_public_pages')),
    sa.UniqueConstraint('project_id', name=op.f('uq_outreach_public_pages_project_id')),
    sa.UniqueConstraint('slug', name=op.f('uq_outreach_public_pages_slug'))
    )
    op.create_table('outreach_attendance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('stakeholder_group_id', sa.Integer(), nullable=True),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.CheckConstraint('count >= 0', name=op.f('ck_outreach_attendance_count_not_negative')),
    sa.ForeignKeyConstraint(['event_id'], ['outreach_events.id'], name=op.f('fk_outreach_attendance_event_id_outreach_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['stakeholder_group_id'], ['stakeholder_groups.id'], name=op.f('fk_outreach_attendance_stakeholder_group_id_stakeholder_groups'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outreach_attendance')),
    sa.UniqueConstraint('event_id', 'stakeholder_group_id', name=op.f('uq_outreach_attendance_event_id_stakeholder_group_id'))
    )
    with op.batch_alter_table('outreach_attendance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outreach_attendance_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_outreach_attendance_stakeholder_group_id'), ['stakeholder_group_id'], unique=False)

    op.create_table('outreach_event_fields',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('field_of_action_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['outreach_events.id'], name=op.f('fk_outreach_event_fields_event_id_outreach_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['field_of_action_id'], ['fields_of_action.id'], name=op.f('fk_outreach_event_fields_field_of_action_id_fields_of_action'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', 'field_of_action_id', name=op.f('pk_outreach_event_fields'))
    )
    op.create_table('outreach_registrations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('language', sa.String(length=20), nullable=False),
    sa.Column('consented_at', sa.DateTime(), nullable=False),
    sa.Column('consent_text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("state IN ('confirmed', 'waiting')", name=op.f('ck_outreach_registrations_state_known')),
    sa.ForeignKeyConstraint(['event_id'], ['outreach_events.id'], name=op.f('fk_outreach_registrations_event_id_outreach_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outreach_registrations'))
    )
    with op.batch_alter_table('outreach_registrations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outreach_registrations_event_id'), ['event_id'], unique=False)

    op.create_table('outreach_event_measures',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('measure_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['outreach_events.id'], name=op.f('fk_outreach_event_measures_event_id_outreach_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['measure_id'], ['concept_measures.id'], name=op.f('fk_outreach_event_measures_measure_id_concept_measures'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', 'measure_id', name=op.f('pk_outreach_event_measures'))
    )
    op.create_table('outreach_follow_ups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('responsible', sa.String(length=300), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('measure_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("state IN ('open', 'done')", name=op.f('ck_outreach_follow_ups_state_known')),
    sa.ForeignKeyConstraint(['event_id'], ['outreach_events.id'], name=op.f('fk_outreach_follow_ups_event_id_outreach_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['measure_id'], ['concept_measures.id'], name=op.f('fk_outreach_follow_ups_measure_id_concept_measures'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outreach_follow_ups'))
    )
    with op.batch_alter_table('outreach_follow_ups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outreach_follow_ups_event_id'), ['event_id'], unique=False)



def downgrade():
    with op.batch_alter_table('outreach_follow_ups', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outreach_follow_ups_event_id'))

    op.drop_table('outreach_follow_ups')
    op.drop_table('outreach_event_measures')
    with op.batch_alter_table('outreach_registrations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outreach_registrations_event_id'))

    op.drop_table('outreach_registrations')
    op.drop_table('outreach_event_fields')
    with op.batch_alter_table('outreach_attendance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outreach_attendance_stakeholder_group_id'))
        batch_op.drop_index(batch_op.f('ix_outreach_attendance_event_id'))

    op.drop_table('outreach_attendance')
    op.drop_table('outreach_public_pages')
    with op.batch_alter_table('outreach_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outreach_events_starts_at'))
        batch_op.drop_index(batch_op.f('ix_outreach_events_project_id'))

    op.drop_table('outreach_events')

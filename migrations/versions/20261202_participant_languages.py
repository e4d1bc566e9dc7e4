"""Participant languages: translations, consent wording as shown, chosen languages

Translations of what participants read, the wording of each consent as shown, the participant's
chosen language, and the workshop's instructions and join-instruction languages.

Revision ID: 0004_participant_languages
Revises: 0003_measure_order
Create Date: 2026-12-02

Existing rows keep their German texts (translations start empty); existing consent records have
no kept wording (it was not stored then) and keep their version number and language.
"""
from alembic import op
import sqlalchemy as sa


revision = '0004_participant_languages'
down_revision = '0003_measure_order'
branch_labels = None
depends_on = None

#: Tables that get a ``translations`` JSON column ({tag: {field: text}}), empty for existing rows.
TRANSLATED_TABLES = ('surveys', 'workshops', 'workshop_items', 'workshop_rounds', 'fields_of_action',
                     'stakeholder_groups')


def upgrade():
    op.create_table('survey_consent_texts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=16), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('special_body', sa.Text(), nullable=False),
    sa.Column('special_language', sa.String(length=16), nullable=False),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['survey_id'], ['surveys.id'], name=op.f('fk_survey_consent_texts_survey_id_surveys'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_consent_texts')),
    sa.UniqueConstraint('survey_id', 'digest', name=op.f('uq_survey_consent_texts_survey_id_digest'))
    )
    with op.batch_alter_table('survey_consent_texts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_consent_texts_survey_id'), ['survey_id'], unique=False)

    for table in TRANSLATED_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('translations', sa.JSON(), nullable=False, server_default='{}'))
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column('translations', server_default=None)

    with op.batch_alter_table('surveys', schema=None) as batch_op:
        batch_op.add_column(sa.Column('special_consent_text', sa.Text(), nullable=False, server_default=''))
    with op.batch_alter_table('surveys', schema=None) as batch_op:
        batch_op.alter_column('special_consent_text', server_default=None)

    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.add_column(sa.Column('instructions', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('languages', sa.JSON(), nullable=False, server_default='["de"]'))
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.alter_column('instructions', server_default=None)
        batch_op.alter_column('languages', server_default=None)

    with op.batch_alter_table('workshop_participants', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=16), nullable=False, server_default='de'))
    with op.batch_alter_table('workshop_participants', schema=None) as batch_op:
        batch_op.alter_column('language', server_default=None)

    with op.batch_alter_table('survey_respondents', schema=None) as batch_op:
        batch_op.alter_column('language', existing_type=sa.String(length=10), type_=sa.String(length=16),
                              existing_nullable=False)

    with op.batch_alter_table('survey_consents', schema=None) as batch_op:
        batch_op.alter_column('language', existing_type=sa.String(length=10), type_=sa.String(length=16),
                              existing_nullable=False)
        batch_op.add_column(sa.Column('consent_text_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_survey_consents_consent_text_id'), ['consent_text_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_survey_consents_consent_text_id_survey_consent_texts'),
                                    'survey_consent_texts', ['consent_text_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('survey_consents', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_survey_consents_consent_text_id_survey_consent_texts'),
                                 type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_survey_consents_consent_text_id'))
        batch_op.drop_column('consent_text_id')
        batch_op.alter_column('language', existing_type=sa.String(length=16), type_=sa.String(length=10),
                              existing_nullable=False)

    with op.batch_alter_table('survey_respondents', schema=None) as batch_op:
        batch_op.alter_column('language', existing_type=sa.String(length=16), type_=sa.String(length=10),
                              existing_nullable=False)

    with op.batch_alter_table('workshop_participants', schema=None) as batch_op:
        batch_op.drop_column('language')

    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.drop_column('languages')
        batch_op.drop_column('instructions')

    with op.batch_alter_table('surveys', schema=None) as batch_op:
        batch_op.drop_column('special_consent_text')

    for table in reversed(TRANSLATED_TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('translations')

    with op.batch_alter_table('survey_consent_texts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_consent_texts_survey_id'))

    op.drop_table('survey_consent_texts')

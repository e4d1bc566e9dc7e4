"""Survey mail: invitation and reminder texts per survey, and per contact what became of the mails.

Revision ID: 0010_survey_mail
Revises: 0009_round_versions
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0010_survey_mail'
down_revision = '0009_round_versions'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('surveys', schema=None) as batch_op:
        batch_op.add_column(sa.Column('mail_texts', sa.JSON(), nullable=False, server_default='{}'))
        batch_op.add_column(sa.Column('mail_contact', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('reminder_after_days', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('reminder_limit', sa.Integer(), nullable=False, server_default='2'))
    with op.batch_alter_table('survey_respondent_contacts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('mail_status', sa.String(length=20), nullable=False,
                                      server_default='not_mailed'))
        batch_op.add_column(sa.Column('mail_kind', sa.String(length=20), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('mail_error', sa.String(length=300), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('invited_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('last_mailed_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('reminder_count', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('opted_out_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('outbox_file', sa.String(length=200), nullable=False, server_default=''))


def downgrade():
    with op.batch_alter_table('survey_respondent_contacts', schema=None) as batch_op:
        for column in ('outbox_file', 'opted_out_at', 'reminder_count', 'last_mailed_at', 'invited_at',
                       'mail_error', 'mail_kind', 'mail_status'):
            batch_op.drop_column(column)
    with op.batch_alter_table('surveys', schema=None) as batch_op:
        for column in ('reminder_limit', 'reminder_after_days', 'mail_contact', 'mail_texts'):
            batch_op.drop_column(column)

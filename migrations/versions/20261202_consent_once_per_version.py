"""Consent is recorded once per respondent and text version (parallel requests had stored it several times).

Revision ID: 0006_consent_once
Revises: 0005_retention
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0006_consent_once'
down_revision = '0005_retention'
branch_labels = None
depends_on = None


def upgrade():
    # Keep the earliest record of each respondent and text version; later copies came from parallel requests.
    op.execute(sa.text(
        "DELETE FROM survey_consents WHERE id NOT IN ("
        "SELECT keep_id FROM (SELECT MIN(id) AS keep_id FROM survey_consents "
        "GROUP BY respondent_id, text_version) AS earliest)"))
    with op.batch_alter_table('survey_consents', schema=None) as batch_op:
        batch_op.create_unique_constraint(batch_op.f('uq_survey_consents_respondent_id_text_version'),
                                          ['respondent_id', 'text_version'])


def downgrade():
    with op.batch_alter_table('survey_consents', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_survey_consents_respondent_id_text_version'), type_='unique')

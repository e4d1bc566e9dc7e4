"""Pseudonymising transcripts: the project's list of names and places, whether originals are kept, and the
original wording where it is.

Revision ID: 0015_transcript_pseudonyms
Revises: 0014_public_page_content
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0015_transcript_pseudonyms'
down_revision = '0014_public_page_content'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pseudonym_terms', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('keeps_transcript_originals', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.alter_column('pseudonym_terms', server_default=None)
        batch_op.alter_column('keeps_transcript_originals', server_default=None)
    with op.batch_alter_table('survey_transcripts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('original_metadata_lines', sa.JSON(), nullable=True))
    with op.batch_alter_table('survey_transcript_turns', schema=None) as batch_op:
        batch_op.add_column(sa.Column('original_text', sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table('survey_transcript_turns', schema=None) as batch_op:
        batch_op.drop_column('original_text')
    with op.batch_alter_table('survey_transcripts', schema=None) as batch_op:
        batch_op.drop_column('original_metadata_lines')
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.drop_column('keeps_transcript_originals')
        batch_op.drop_column('pseudonym_terms')

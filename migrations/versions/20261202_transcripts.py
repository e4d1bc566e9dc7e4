"""Interview transcripts as documents of speaker turns (speaker, timestamp, text, place in the guide).

Revision ID: 0011_transcripts
Revises: 0010_survey_mail
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0011_transcripts'
down_revision = '0010_survey_mail'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'survey_transcripts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('respondent_id', sa.Integer(), nullable=False),
        sa.Column('filename', sa.String(length=255), nullable=False),
        sa.Column('source_format', sa.String(length=20), nullable=False),
        sa.Column('encoding', sa.String(length=20), nullable=False),
        sa.Column('metadata_lines', sa.JSON(), nullable=False),
        sa.Column('imported_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['imported_by_id'], ['users.id'],
                                name=op.f('fk_survey_transcripts_imported_by_id_users'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['respondent_id'], ['survey_respondents.id'],
                                name=op.f('fk_survey_transcripts_respondent_id_survey_respondents'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_transcripts')),
        sa.UniqueConstraint('respondent_id', name=op.f('uq_survey_transcripts_respondent_id')),
    )
    op.create_table(
        'survey_transcript_turns',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('transcript_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('speaker', sa.String(length=80), nullable=False),
        sa.Column('role', sa.String(length=20), nullable=False),
        sa.Column('at_ms', sa.Integer(), nullable=True),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('placement', sa.String(length=20), nullable=False),
        sa.Column('question_id', sa.Integer(), nullable=True),
        sa.Column('confidence', sa.Float(), nullable=True),
        sa.CheckConstraint("role IN ('interviewer', 'respondent')",
                           name=op.f('ck_survey_transcript_turns_role_known')),
        sa.CheckConstraint("placement IN ('question', 'context', 'answer', 'off_guide')",
                           name=op.f('ck_survey_transcript_turns_placement_known')),
        sa.CheckConstraint("role = 'respondent' OR placement IN ('question', 'context')",
                           name=op.f('ck_survey_transcript_turns_interviewer_no_answer')),
        sa.ForeignKeyConstraint(['question_id'], ['survey_questions.id'],
                                name=op.f('fk_survey_transcript_turns_question_id_survey_questions'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['transcript_id'], ['survey_transcripts.id'],
                                name=op.f('fk_survey_transcript_turns_transcript_id_survey_transcripts'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_transcript_turns')),
        sa.UniqueConstraint('transcript_id', 'position',
                            name=op.f('uq_survey_transcript_turns_transcript_id_position')),
    )
    with op.batch_alter_table('survey_transcript_turns', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_transcript_turns_question_id'), ['question_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_survey_transcript_turns_transcript_id'), ['transcript_id'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('survey_transcript_turns', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_transcript_turns_transcript_id'))
        batch_op.drop_index(batch_op.f('ix_survey_transcript_turns_question_id'))
    op.drop_table('survey_transcript_turns')
    op.drop_table('survey_transcripts')

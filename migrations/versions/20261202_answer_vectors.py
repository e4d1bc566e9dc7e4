"""Answer vectors (multilingual sentence vectors and detected language per free-text answer), the language of
analysed answers, the unit of an analysis (answer or passage) and what its last run was based on

Revision ID: 0016_answer_vectors
Revises: 0015_transcript_pseudonyms
Create Date: 2026-12-02 13:45:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0016_answer_vectors'
down_revision = '0015_transcript_pseudonyms'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('analysis_answer_vectors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('answer_id', sa.Integer(), nullable=False),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('model', sa.String(length=80), nullable=False),
    sa.Column('language', sa.String(length=16), nullable=False),
    sa.Column('language_source', sa.String(length=12), nullable=False),
    sa.Column('vector', sa.LargeBinary(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['answer_id'], ['survey_answers.id'],
                            name=op.f('fk_analysis_answer_vectors_answer_id_survey_answers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_analysis_answer_vectors')),
    sa.UniqueConstraint('answer_id', name=op.f('uq_analysis_answer_vectors_answer_id'))
    )
    with op.batch_alter_table('analysis_answers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=16), server_default='', nullable=False))
    # Existing analyses keep splitting long answers into passages, as they did; new ones choose.
    with op.batch_alter_table('analyses', schema=None) as batch_op:
        batch_op.add_column(sa.Column('unit', sa.String(length=10), server_default='passage', nullable=False))
        batch_op.add_column(sa.Column('run_info', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('analyses', schema=None) as batch_op:
        batch_op.drop_column('run_info')
        batch_op.drop_column('unit')
    with op.batch_alter_table('analysis_answers', schema=None) as batch_op:
        batch_op.drop_column('language')
    op.drop_table('analysis_answer_vectors')

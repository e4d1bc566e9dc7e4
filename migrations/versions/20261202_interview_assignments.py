"""Interview assignments: the lead gives an interviewer respondents, or a whole stakeholder group.

Revision ID: 0008_interview_assignments
Revises: 0007_memberships
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0008_interview_assignments'
down_revision = '0007_memberships'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('interview_assignments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('respondent_id', sa.Integer(), nullable=True),
    sa.Column('stakeholder_group_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('(respondent_id IS NULL) <> (stakeholder_group_id IS NULL)',
                       name=op.f('ck_interview_assignments_respondent_or_group')),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'],
                            name=op.f('fk_interview_assignments_project_id_projects'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['respondent_id'], ['survey_respondents.id'],
                            name=op.f('fk_interview_assignments_respondent_id_survey_respondents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['stakeholder_group_id'], ['stakeholder_groups.id'],
                            name=op.f('fk_interview_assignments_stakeholder_group_id_stakeholder_groups'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_interview_assignments_user_id_users'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_interview_assignments')),
    sa.UniqueConstraint('user_id', 'respondent_id', name=op.f('uq_interview_assignments_user_id_respondent_id')),
    sa.UniqueConstraint('user_id', 'stakeholder_group_id',
                        name=op.f('uq_interview_assignments_user_id_stakeholder_group_id'))
    )
    with op.batch_alter_table('interview_assignments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_interview_assignments_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_interview_assignments_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('interview_assignments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_interview_assignments_user_id'))
        batch_op.drop_index(batch_op.f('ix_interview_assignments_project_id'))
    op.drop_table('interview_assignments')

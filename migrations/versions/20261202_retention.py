"""Retention period per project, and the deletion journal (seeded from earlier respondent deletions)

Revision ID: 0005_retention
Revises: 0004_participant_languages
Create Date: 2026-12-02 02:33:09.041408

"""
import hashlib
from datetime import datetime

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0005_retention'
down_revision = '0004_participant_languages'
branch_labels = None
depends_on = None


def _legacy_entries(connection):
    """Journal entries for respondents deleted before the journal existed (their creation time is gone,
    so the fingerprint names table, id and survey only; the uid is derived, so it is the same wherever
    this migration runs: on the live database and on a restored older backup)."""
    rows = connection.execute(sa.text(
        "SELECT d.id, d.survey_id, d.respondent_id, d.deleted_on, s.project_id "
        "FROM survey_respondent_deletions d JOIN surveys s ON s.id = d.survey_id ORDER BY d.id")).all()
    for deletion_id, survey_id, respondent_id, deleted_on, project_id in rows:
        if isinstance(deleted_on, str):
            deleted_on = datetime.fromisoformat(deleted_on)
        uid = hashlib.sha256(f"survey_respondent_deletions:{deletion_id}:{survey_id}:{respondent_id}"
                             .encode()).hexdigest()[:32]
        fingerprint = hashlib.sha256("\x1f".join(["survey_respondents", str(respondent_id), str(survey_id)])
                                     .encode("utf-8")).hexdigest()
        yield {"uid": uid, "kind": "surveys.respondent", "reason": "art17", "subject_id": respondent_id,
               "fingerprint": fingerprint, "project_id": project_id, "count": 1,
               "recorded_at": datetime(deleted_on.year, deleted_on.month, deleted_on.day)}


def upgrade():
    journal = op.create_table('privacy_deletions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=60), nullable=False),
    sa.Column('reason', sa.String(length=20), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=True),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=True),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("reason IN ('art17', 'retention')", name=op.f('ck_privacy_deletions_reason_known')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_privacy_deletions')),
    sa.UniqueConstraint('uid', name=op.f('uq_privacy_deletions_uid'))
    )
    with op.batch_alter_table('privacy_deletions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_privacy_deletions_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_privacy_deletions_recorded_at'), ['recorded_at'], unique=False)

    # Existing projects get no period (nothing is deleted until a lead sets one); new projects default to 12 months.
    # No check constraint: on SQLite it would make batch mode rebuild `projects`, and dropping the old table with
    # foreign keys on deletes every row that cascades from it. The service and the form check the range.
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.add_column(sa.Column('retention_months', sa.Integer(), nullable=True))

    entries = list(_legacy_entries(op.get_bind()))
    if entries:
        op.bulk_insert(journal, entries)


def downgrade():
    # Plain ALTER TABLE (SQLite 3.35+): a batch rebuild of `projects` would cascade-delete its children on SQLite.
    op.drop_column('projects', 'retention_months')

    with op.batch_alter_table('privacy_deletions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_privacy_deletions_recorded_at'))
        batch_op.drop_index(batch_op.f('ix_privacy_deletions_project_id'))

    op.drop_table('privacy_deletions')

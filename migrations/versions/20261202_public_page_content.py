"""What the public project page shows: the timeline, chosen themes with their goals and measures, the report

Revision ID: 0014_public_page_content
Revises: 0013_outreach_budgets
Create Date: 2026-12-02 14:05:00

Existing pages keep showing what they showed (events only; the timeline is new and on by default).
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0014_public_page_content'
down_revision = '0013_outreach_budgets'
branch_labels = None
depends_on = None

COLUMNS = (("shows_timeline", sa.Boolean(), sa.true()), ("shows_results", sa.Boolean(), sa.false()),
           ("shows_report", sa.Boolean(), sa.false()), ("published_theme_ids", sa.JSON(), sa.text("'[]'")))


def upgrade():
    with op.batch_alter_table('outreach_public_pages', schema=None) as batch_op:
        for name, kind, default in COLUMNS:
            batch_op.add_column(sa.Column(name, kind, nullable=False, server_default=default))
    with op.batch_alter_table('outreach_public_pages', schema=None) as batch_op:
        for name, kind, _default in COLUMNS:
            batch_op.alter_column(name, existing_type=kind, server_default=None)


def downgrade():
    with op.batch_alter_table('outreach_public_pages', schema=None) as batch_op:
        for name, _kind, _default in reversed(COLUMNS):
            batch_op.drop_column(name)

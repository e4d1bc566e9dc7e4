"""Concept: the monitoring chapter "Erfolge messen" in every outline; measures numbered in document order

Revision ID: 0003_measure_order
Revises: 0002
Create Date: 2026-12-02 03:30:00

No schema change: existing concepts get the fixed chapter "Erfolge messen" (kind ``monitoring``)
before their appendix, and each field's measures are renumbered 1, 2, 3 … in the order the Word
export prints them (running and done first, then planned, dropped last), as the app now keeps them.
"""
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0003_measure_order'
down_revision = '0002'
branch_labels = None
depends_on = None

sections = sa.table(
    "concept_sections",
    sa.column("id", sa.Integer), sa.column("concept_id", sa.Integer), sa.column("parent_id", sa.Integer),
    sa.column("position", sa.Integer), sa.column("kind", sa.String), sa.column("title", sa.String),
    sa.column("body", sa.Text), sa.column("status", sa.String), sa.column("version", sa.Integer),
    sa.column("updated_at", sa.DateTime), sa.column("field_of_action_id", sa.Integer))
measures = sa.table("concept_measures", sa.column("id", sa.Integer), sa.column("field_of_action_id", sa.Integer),
                    sa.column("number", sa.Integer), sa.column("status", sa.String))
TABLE_ORDER = {"running": 0, "done": 0, "planned": 1, "dropped": 2}


def _add_monitoring_chapters(connection) -> None:
    concept_ids = connection.execute(sa.select(sections.c.concept_id).distinct()).scalars().all()
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    for concept_id in concept_ids:
        top = connection.execute(sa.select(sections.c.id, sections.c.kind, sections.c.position)
                                 .where(sections.c.concept_id == concept_id, sections.c.parent_id.is_(None))
                                 .order_by(sections.c.position, sections.c.id)).all()
        if any(row.kind == "monitoring" for row in top):
            continue
        appendix = next((row for row in top if row.kind == "appendix"), None)
        position = appendix.position if appendix else max((row.position for row in top), default=-1) + 1
        for row in top:
            if row.position >= position:
                connection.execute(sections.update().where(sections.c.id == row.id)
                                   .values(position=row.position + 1))
        connection.execute(sections.insert().values(concept_id=concept_id, parent_id=None, position=position,
                                                    kind="monitoring", title="Erfolge messen", body="",
                                                    status="draft", version=1, updated_at=now,
                                                    field_of_action_id=None))


def _renumber_measures(connection) -> None:
    rows = connection.execute(sa.select(measures.c.id, measures.c.field_of_action_id, measures.c.number,
                                        measures.c.status)).all()
    by_field: dict[int, list] = {}
    for row in rows:
        by_field.setdefault(row.field_of_action_id, []).append(row)
    for field_rows in by_field.values():
        ordered = sorted(field_rows, key=lambda r: (TABLE_ORDER.get(r.status, 2), r.number, r.id))
        if all(row.number == index for index, row in enumerate(ordered, start=1)):
            continue
        offset = max(row.number for row in ordered) + len(ordered) + 1
        for index, row in enumerate(ordered):
            connection.execute(measures.update().where(measures.c.id == row.id).values(number=offset + index))
        for index, row in enumerate(ordered, start=1):
            connection.execute(measures.update().where(measures.c.id == row.id).values(number=index))


def upgrade():
    connection = op.get_bind()
    _add_monitoring_chapters(connection)
    _renumber_measures(connection)


def downgrade():
    # The chapter's text stays, as a free section; the measures keep their document-order numbers.
    op.get_bind().execute(sections.update().where(sections.c.kind == "monitoring").values(kind="text"))

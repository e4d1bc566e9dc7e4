"""Project membership with project roles, and the audit log of each project.

Roles were global: every lead, author and facilitator worked in every project. Each of today's
accounts becomes a member of every existing project with the project roles matching what it could do
there, so everyone keeps working on today's projects:

    project_lead -> lead (and keeps "may create projects")
    author       -> author, analyst   (authors also changed analyses)
    facilitator  -> facilitator, interviewer   (facilitators also typed in interviews)

The global author and facilitator roles are then dropped; administrators need no membership.

Revision ID: 0007_memberships
Revises: 0006_consent_once
Create Date: 2026-12-02
"""
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0007_memberships'
down_revision = '0006_consent_once'
branch_labels = None
depends_on = None

#: Global role of yesterday -> project roles of today in every existing project.
LEGACY_ROLES = {"project_lead": ("lead",), "author": ("author", "analyst"),
                "facilitator": ("facilitator", "interviewer")}
DROPPED_ROLES = ("author", "facilitator")


def upgrade():
    members = op.create_table('project_members',
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.Column('added_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("role IN ('lead', 'author', 'analyst', 'facilitator', 'interviewer', 'observer')",
                       name=op.f('ck_project_members_role_known')),
    sa.ForeignKeyConstraint(['added_by_id'], ['users.id'], name=op.f('fk_project_members_added_by_id_users'),
                            ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_project_members_project_id_projects'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_project_members_user_id_users'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('project_id', 'user_id', 'role', name=op.f('pk_project_members'))
    )
    with op.batch_alter_table('project_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_members_user_id'), ['user_id'], unique=False)

    op.create_table('project_audit_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'],
                            name=op.f('fk_project_audit_events_project_id_projects'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_project_audit_events_user_id_users'),
                            ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_audit_events'))
    )
    with op.batch_alter_table('project_audit_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_audit_events_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_audit_events_project_id'), ['project_id'], unique=False)

    connection = op.get_bind()
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    project_ids = [row[0] for row in connection.execute(sa.text("SELECT id FROM projects ORDER BY id"))]
    held = connection.execute(sa.text(
        "SELECT ru.user_id, r.name FROM roles_users ru JOIN roles r ON r.id = ru.role_id")).all()
    grants = set()
    for user_id, role_name in held:
        for project_role in LEGACY_ROLES.get(role_name, ()):
            grants.update((project_id, user_id, project_role) for project_id in project_ids)
    if grants:
        op.bulk_insert(members, [{"project_id": p, "user_id": u, "role": r, "added_at": now, "added_by_id": None}
                                 for p, u, r in sorted(grants)])
    dropped = ", ".join(f"'{name}'" for name in DROPPED_ROLES)
    op.execute(sa.text(f"DELETE FROM roles_users WHERE role_id IN (SELECT id FROM roles WHERE name IN ({dropped}))"))
    op.execute(sa.text(f"DELETE FROM roles WHERE name IN ({dropped})"))


def downgrade():
    # Give the global roles back to whoever held the matching project roles anywhere.
    connection = op.get_bind()
    for name, project_roles in (("author", ("author",)), ("facilitator", ("facilitator",))):
        role_id = connection.execute(sa.text("SELECT id FROM roles WHERE name = :name"), {"name": name}).scalar()
        if role_id is None:
            connection.execute(sa.text("INSERT INTO roles (name, permissions, update_datetime) "
                                       "VALUES (:name, NULL, :now)"),
                               {"name": name, "now": datetime.now(timezone.utc).replace(tzinfo=None)})
            role_id = connection.execute(sa.text("SELECT id FROM roles WHERE name = :name"), {"name": name}).scalar()
        users = connection.execute(sa.text(
            "SELECT DISTINCT user_id FROM project_members WHERE role IN :roles").bindparams(
            sa.bindparam("roles", expanding=True)), {"roles": list(project_roles)}).scalars().all()
        for user_id in users:
            connection.execute(sa.text("INSERT INTO roles_users (user_id, role_id) VALUES (:u, :r)"),
                               {"u": user_id, "r": role_id})
    with op.batch_alter_table('project_audit_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_audit_events_project_id'))
        batch_op.drop_index(batch_op.f('ix_project_audit_events_at'))
    op.drop_table('project_audit_events')
    with op.batch_alter_table('project_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_members_user_id'))
    op.drop_table('project_members')

"""Backups: create while running, restore, and every deletion made after the backup happens again."""
from __future__ import annotations

import io
import json
import shutil
import tarfile
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from app.auth.models import utcnow
from app.extensions import db
from tests.conftest import IN_CI


def _head_revision() -> str:
    """The newest migration, read from the scripts (so this test needs no edit per migration)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    root = Path(__file__).resolve().parents[2]
    config = Config()
    config.set_main_option("script_location", str(root / "migrations"))
    return ScriptDirectory.from_config(config).get_current_head()

PASSPHRASE = "Rathaus-Keller 2026 !"


@pytest.fixture
def app(migrated_app):
    """Every test here runs on a migrated database (restores upgrade the schema with Alembic)."""
    if migrated_app.config["DB_BACKEND"] == "postgresql" and not (shutil.which("pg_dump") and shutil.which("psql")):
        if IN_CI:
            pytest.fail("CI needs pg_dump, pg_restore and psql (postgresql-client) for the backup tests.")
        pytest.skip("postgresql-client is not installed")
    return migrated_app


@pytest.fixture
def fast_encryption(monkeypatch):
    """Cheaper scrypt in tests (the format stores the parameters, so reading is unaffected)."""
    from app.operations import encryption

    monkeypatch.setattr(encryption, "SCRYPT_LOG2_N", 12)


@pytest.fixture
def survey_with_people(app, make_project):
    """A project with a survey and two respondents, each with contact details and an answer."""
    from app.surveys import guides, invitations, respondent_records, services, submissions

    project = make_project()
    survey = services.create_survey(project, title="Interviewstudie", consent_text="Einverstanden.")
    question = guides.add_question(survey.sections[0], kind="free_text", text="Was fehlt im Stadtteil?")
    people = []
    for number, (name, email) in enumerate((("Ayşe Beispiel", "ayse@example.org"), ("Max Muster", "max@example.org"))):
        respondent = respondent_records.add_respondent(survey, pseudonym=f"I-{number + 1}")
        invitations.issue_link(respondent)
        db.session.commit()
        respondent_records.save_contact(respondent, name=name, email=email)
        submissions.save_answers(respondent, {str(question.id): f"Ein Treffpunkt für Jugendliche ({number})"})
        people.append(respondent)
    return project, survey, people


def _count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def _invoke(app, *args, ok=True):
    result = app.test_cli_runner().invoke(args=list(args))
    if ok:
        assert result.exit_code == 0, result.output
    return result


def test_a_deleted_respondent_stays_deleted_after_restoring_an_older_backup(app, lead_client, survey_with_people,
                                                                              tmp_path):
    from app.privacy.models import DeletionRecord
    from app.surveys.models import Answer, Respondent, RespondentContact, RespondentDeletion

    _project, survey, (ayse, max_) = survey_with_people
    ayse_id, max_id = ayse.id, max_.id
    upload = Path(app.instance_path) / "uploads" / "briefkopf.txt"
    upload.parent.mkdir()
    upload.write_text("Stadt Monheim am Rhein", encoding="utf-8")
    backup = tmp_path / "nightly.kwbackup"

    created = _invoke(app, "backup", "create", "--output", str(backup))
    assert f"{app.config['DB_BACKEND']} database at revision {_head_revision()}," in created.output
    assert backup.stat().st_mode & 0o077 == 0

    # After the backup: Ayşe asks to be deleted (Art. 17), Max's contact details are deleted, the upload changes.
    assert lead_client.post(f"/surveys/{survey.id}/respondents/{ayse_id}/delete").status_code == 302
    assert lead_client.post(f"/surveys/{survey.id}/respondents/{max_id}/contact/delete").status_code == 302
    upload.write_text("geändert", encoding="utf-8")
    assert db.session.get(Respondent, ayse_id) is None

    restored = _invoke(app, "backup", "restore", str(backup), "--yes")
    assert "Deletions made after the backup, repeated: 2." in restored.output
    assert "surveys.respondent: deleted 1" in restored.output and "surveys.contact: deleted 1" in restored.output

    db.session.expire_all()
    assert db.session.get(Respondent, ayse_id) is None
    assert _count(Answer, Answer.respondent_id == ayse_id) == 0
    assert _count(RespondentContact, RespondentContact.respondent_id == ayse_id) == 0
    assert _count(RespondentDeletion, RespondentDeletion.respondent_id == ayse_id) == 1
    kept = db.session.get(Respondent, max_id)
    assert kept is not None and kept.contact is None and len(kept.answers) == 1
    assert sorted(db.session.scalars(select(DeletionRecord.kind))) == ["surveys.contact", "surveys.respondent"]
    assert upload.read_text(encoding="utf-8") == "Stadt Monheim am Rhein"
    assert not list(Path(app.instance_path).glob("deletion-journal-before-restore-*"))
    assert app.test_client().get("/readyz").get_json()["status"] == "ok"

    # Restoring the same backup again repeats the same deletions once more, and nothing else.
    again = _invoke(app, "backup", "restore", str(backup), "--yes")
    assert "repeated: 2." in again.output
    assert _count(DeletionRecord) == 2 and _count(Respondent) == 1


def test_retention_deletions_after_the_backup_happen_again(app, survey_with_people, tmp_path):
    from app.privacy.retention import run_retention
    from app.surveys.models import Respondent, RespondentContact

    project, _survey, _people = survey_with_people
    project.period_end, project.retention_months = utcnow().date() - timedelta(days=100), 1
    db.session.commit()
    backup = tmp_path / "before-retention.kwbackup"
    _invoke(app, "backup", "create", "--output", str(backup))
    assert {d.kind for d in run_retention()} == {"surveys.contacts", "surveys.invitations"}

    restored = _invoke(app, "backup", "restore", str(backup), "--yes")
    assert "surveys.contacts: deleted 1" in restored.output
    db.session.expire_all()
    assert _count(RespondentContact) == 0
    assert _count(Respondent, Respondent.token_hash.is_not(None)) == 0


def test_an_exported_journal_brings_back_deletions_when_the_database_was_lost(app, survey_with_people, tmp_path):
    from app.surveys import respondent_records
    from app.surveys.models import Respondent

    _project, _survey, (ayse, _max) = survey_with_people
    ayse_id = ayse.id
    backup, journal = tmp_path / "b.kwbackup", tmp_path / "journal.jsonl"
    _invoke(app, "backup", "create", "--output", str(backup))
    respondent_records.delete_respondent(ayse)
    _invoke(app, "backup", "journal", "--output", str(journal))
    assert "Ayşe" not in journal.read_text(encoding="utf-8") and "ayse@" not in journal.read_text(encoding="utf-8")
    # The database server is lost: a new, empty database gets the backup and the exported journal.
    db.session.remove()
    with db.engine.begin() as connection:
        connection.execute(text("DELETE FROM privacy_deletions"))

    restored = _invoke(app, "backup", "restore", str(backup), "--journal", str(journal), "--yes")
    assert "surveys.respondent: deleted 1" in restored.output
    assert db.session.get(Respondent, ayse_id) is None


def test_an_encrypted_backup_needs_its_passphrase_and_refuses_tampering(app, survey_with_people, tmp_path,
                                                                        fast_encryption):
    from app.operations.encryption import MAGIC
    from app.surveys.models import RespondentContact

    passphrase_file, wrong_file = tmp_path / "passphrase", tmp_path / "wrong"
    passphrase_file.write_text(PASSPHRASE + "\n", encoding="utf-8")
    wrong_file.write_text("nicht die richtige Passphrase", encoding="utf-8")
    backup = tmp_path / "secret.kwbackup"
    created = _invoke(app, "backup", "create", "--output", str(backup), "--passphrase-file", str(passphrase_file))
    assert "encrypted" in created.output
    content = backup.read_bytes()
    assert content.startswith(MAGIC) and b"ayse@example.org" not in content and b"manifest" not in content

    assert "OK: backup of" in _invoke(app, "backup", "verify", str(backup), "--passphrase-file",
                                      str(passphrase_file)).output
    wrong = _invoke(app, "backup", "verify", str(backup), "--passphrase-file", str(wrong_file), ok=False)
    assert wrong.exit_code == 1 and "wrong passphrase" in wrong.output

    tampered = tmp_path / "tampered.kwbackup"
    tampered.write_bytes(content[:200] + bytes([content[200] ^ 1]) + content[201:])
    cut = tmp_path / "cut.kwbackup"
    cut.write_bytes(content[:-40])
    with db.engine.begin() as connection:
        connection.execute(text("DELETE FROM survey_respondent_contacts"))
    for damaged in (tampered, cut):
        result = _invoke(app, "backup", "restore", str(damaged), "--passphrase-file", str(passphrase_file), "--yes",
                         ok=False)
        assert result.exit_code == 1 and "cannot be decrypted" in result.output
        assert _count(RespondentContact) == 0

    _invoke(app, "backup", "restore", str(backup), "--passphrase-file", str(passphrase_file), "--yes")
    db.session.expire_all()
    assert _count(RespondentContact) == 2


def test_restore_refuses_what_it_cannot_restore(app, tmp_path):
    from app.operations.backup import BackupError, _check_restorable, unpack_backup

    backend = app.config["DB_BACKEND"]
    other = "postgresql" if backend == "sqlite" else "sqlite"
    with pytest.raises(BackupError, match="same kind of database"):
        _check_restorable({"database": {"backend": other, "revision": ["0005_retention"]}})
    with pytest.raises(BackupError, match="newer Konzeptwerk"):
        _check_restorable({"database": {"backend": backend, "revision": ["0099_future"]}})

    evil = tmp_path / "evil.kwbackup"
    with tarfile.open(evil, "w:gz") as archive:
        for name, body in (("manifest.json", json.dumps({"format": "konzeptwerk-backup", "version": 1}).encode()),
                           ("instance/../../escaped.txt", b"gotcha")):
            info = tarfile.TarInfo(name)
            info.size = len(body)
            archive.addfile(info, io.BytesIO(body))
    target = tmp_path / "unpacked"
    target.mkdir()
    with pytest.raises(BackupError, match="unexpected entry"):
        unpack_backup(evil, None, target)
    assert not (tmp_path / "escaped.txt").exists()
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("hello", encoding="utf-8")
    with pytest.raises(BackupError, match="not a readable Konzeptwerk backup"):
        unpack_backup(not_a_backup, None, target)


def test_deletions_made_before_the_journal_existed_are_journalled_by_the_migration(app):
    """The 0005_retention migration turns earlier respondent deletions into journal entries a restore can replay."""
    from flask_migrate import downgrade, upgrade

    from app.privacy.journal import journal_entries, replay_entries

    db.session.remove()
    downgrade(revision="0002")
    with db.engine.begin() as connection:
        connection.execute(text("INSERT INTO projects (id, title, municipality, description, status, created_at, "
                                "updated_at) VALUES (7, 'Alt', 'Stadt', '', 'running', '2025-01-01', '2025-01-01')"))
        connection.execute(text("INSERT INTO surveys (id, project_id, title, purpose, mode, is_closed, consent_text, "
                                "consent_version, languages, asks_migration_history, districts, age_bands, "
                                "invitation_days, created_at) VALUES (3, 7, 'Alt', '', 'both', false, '', 1, '[]', "
                                "false, '[]', '[]', 60, '2025-01-01')"))
        connection.execute(text("INSERT INTO survey_respondent_deletions (survey_id, respondent_id, status, deleted_on)"
                                " VALUES (3, 41, 'completed', '2025-06-30')"))
    upgrade()
    (entry,) = journal_entries()
    assert (entry["kind"], entry["subject_id"], entry["project_id"]) == ("surveys.respondent", 41, 7)
    assert entry["recorded_at"].startswith("2025-06-30")
    # An older backup restored: the respondent is back with the same id and survey.
    with db.engine.begin() as connection:
        connection.execute(text("INSERT INTO survey_respondents (id, survey_id, pseudonym, migration_history, "
                                "district, age_band, status, channel, language, created_at) VALUES "
                                "(41, 3, 'I-41', 'not_stated', '', '', 'completed', 'personal', 'de', '2025-02-01')"))
    outcomes = replay_entries([entry])
    assert outcomes[("surveys.respondent", "deleted")] == 1
    assert db.session.scalar(text("SELECT count(*) FROM survey_respondents")) == 0

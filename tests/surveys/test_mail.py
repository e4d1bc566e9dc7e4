"""Invitation and reminder mails through a real SMTP server: languages, links, statuses, retries, opt-out, outbox."""
from __future__ import annotations

import re
import threading
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from tests.surveys.mail_fixtures import smtp_server  # noqa: F401 - fixture

LINK = re.compile(r"https?://\S+/s/(?P<token>[A-Za-z0-9_\-]+)\?lang=(?P<lang>[\w-]+)")

CONTACTS_CSV = ("email;language;group;name\r\n"
                "ayse@example.org;tr;{group};Ayşe Yılmaz\r\n"
                "omar@example.org;ar;;Omar\r\n"
                "jan@example.org;de;;\r\n").encode("utf-8")


@pytest.fixture
def mail_survey(app, make_survey):
    """An open survey in German, English and Arabic with three contacts (Turkish, Arabic, German)."""
    from app.surveys.contacts import import_contacts

    app.config["JOBS_BACKEND"] = "inline"
    survey = make_survey(languages=("en", "ar"))
    group = survey.project.stakeholder_groups[0]
    import_contacts(survey, "contacts.csv", CONTACTS_CSV.replace(b"{group}", group.name.encode()))
    return survey


def _contact(email):
    from app.surveys.models import RespondentContact

    return db.session.scalar(select(RespondentContact).where(RespondentContact.email == email))


def _body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_each_person_gets_their_own_working_link_in_their_own_language(app, client, mail_survey, smtp_server):
    from app.surveys.mailing import queue_survey_mails

    with app.test_request_context(base_url="https://beteiligung.example"):
        queued = queue_survey_mails(mail_survey, "invitation")
    assert queued.count == 3 and queued.job.status == "done"
    assert queued.job.result["sent"] == 3
    assert sorted(m["To"] for m in smtp_server.messages) == ["ayse@example.org", "jan@example.org", "omar@example.org"]

    (arabic,) = smtp_server.to("omar@example.org")
    assert arabic["Content-Language"] == "ar"
    body = _body(arabic)
    link = LINK.search(body)
    assert link and link["lang"] == "ar" and body.count("https://beteiligung.example/s/") == 1
    (turkish,) = smtp_server.to("ayse@example.org")
    assert "Ayşe Yılmaz" in _body(turkish) and LINK.search(_body(turkish))["lang"] == "tr"
    tokens = {LINK.search(_body(m))["token"] for m in smtp_server.messages}
    assert len(tokens) == 3

    # The link opens the survey for that person, in their language.
    page = client.get(f"/s/{link['token']}?lang=ar")
    assert page.status_code == 200 and 'lang="ar"' in page.get_data(as_text=True)
    # Every mail can be left with one click (RFC 8058), and names no answers.
    assert arabic["List-Unsubscribe"].strip().startswith("<https://beteiligung.example/mail/opt-out/")
    assert arabic["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    contact = _contact("omar@example.org")
    assert contact.mail_status == "sent" and contact.invited_at is not None and contact.mail_error == ""


def test_sending_again_mails_only_the_not_yet_mailed_unless_asked(app, mail_survey, smtp_server):
    from app.surveys.contacts import add_contacts
    from app.surveys.mailing import queue_survey_mails

    with app.test_request_context():
        queue_survey_mails(mail_survey, "invitation")
        add_contacts(mail_survey, [{"email": "new@example.org", "language": "en"}])
        second = queue_survey_mails(mail_survey, "invitation")
        assert second.count == 1
        assert [m["To"] for m in smtp_server.messages].count("new@example.org") == 1
        assert len(smtp_server.messages) == 4
        nobody = queue_survey_mails(mail_survey, "invitation")
        assert nobody.count == 0 and nobody.job is None
        again = queue_survey_mails(mail_survey, "invitation", again=True)
    assert again.count == 4 and len(smtp_server.messages) == 8


def test_a_temporary_failure_is_retried_and_a_refused_mailbox_is_reported(app, mail_survey, smtp_server):
    from app.surveys.mailing import queue_survey_mails

    smtp_server.temporary_failures = 2
    smtp_server.refused.add("jan@example.org")
    with app.test_request_context():
        queued = queue_survey_mails(mail_survey, "invitation")
    assert queued.job.result == {"sent": 2, "failed": 1, "skipped": 0, "url": f"/surveys/{mail_survey.id}/mail"}
    assert sorted(m["To"] for m in smtp_server.messages) == ["ayse@example.org", "omar@example.org"]
    refused = _contact("jan@example.org")
    assert refused.mail_status == "failed" and "550" in refused.mail_error
    assert "jan@example.org" not in refused.mail_error
    assert _contact("ayse@example.org").mail_status == "sent"


def test_reminders_only_to_invited_non_submitters_after_n_days_at_most_m_times(app, mail_survey, smtp_server,
                                                                                full_answers):
    from app.auth.models import utcnow
    from app.surveys import submissions
    from app.surveys.mailing import queue_survey_mails

    with app.test_request_context():
        queue_survey_mails(mail_survey, "invitation")
        # Too early: the survey asks for 3 days since the last mail.
        mail_survey.reminder_after_days, mail_survey.reminder_limit = 3, 2
        db.session.commit()
        assert queue_survey_mails(mail_survey, "reminder").count == 0
        for email in ("ayse@example.org", "omar@example.org", "jan@example.org"):
            _contact(email).last_mailed_at = utcnow() - timedelta(days=4)
        db.session.commit()
        # Ayşe has submitted; Omar started and wrote something; Jan did nothing.
        ayse = _contact("ayse@example.org").respondent
        submissions.save_answers(ayse, full_answers(mail_survey))
        submissions.submit_answers(ayse)
        omar = _contact("omar@example.org").respondent
        submissions.save_answers(omar, {str(mail_survey.ordered_questions()[0].id): "Geheime Antwort von Omar"})
        before = len(smtp_server.messages)
        first = queue_survey_mails(mail_survey, "reminder")
        assert first.count == 2
        reminded = [m["To"] for m in smtp_server.messages[before:]]
        assert sorted(reminded) == ["jan@example.org", "omar@example.org"]
        assert all("Geheime Antwort" not in _body(m) for m in smtp_server.messages)
        # A shell run with --min-days 0 reminds again, up to the limit of 2, then nobody.
        assert queue_survey_mails(mail_survey, "reminder", min_days=0).count == 2
        assert queue_survey_mails(mail_survey, "reminder", min_days=0).count == 0
    assert _contact("jan@example.org").reminder_count == 2
    assert _contact("ayse@example.org").reminder_count == 0


def test_opting_out_stops_further_mail_and_is_shown_to_staff(app, client, lead_client, mail_survey, smtp_server):
    from app.surveys.mailing import queue_survey_mails

    with app.test_request_context(base_url="https://beteiligung.example"):
        queue_survey_mails(mail_survey, "invitation")
    (message,) = smtp_server.to("omar@example.org")
    url = message["List-Unsubscribe"].strip().strip("<>").replace("https://beteiligung.example", "")
    # Opening the link only asks (link scanners must not opt anyone out); the page is in Arabic.
    page = client.get(url)
    assert page.status_code == 200 and 'lang="ar"' in page.get_data(as_text=True)
    assert _contact("omar@example.org").opted_out_at is None
    # A mail program's one-click POST (no CSRF token, no session) opts out.
    app.config["WTF_CSRF_ENABLED"] = True
    done = client.post(url, data={"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    assert _contact("omar@example.org").opted_out_at is not None
    assert client.post("/mail/opt-out/forged-token").status_code == 404
    app.config["WTF_CSRF_ENABLED"] = False

    with app.test_request_context():
        assert queue_survey_mails(mail_survey, "invitation", again=True).count == 2
        assert queue_survey_mails(mail_survey, "reminder", min_days=0).count == 2
    assert len(smtp_server.to("omar@example.org")) == 1
    status = lead_client.get(f"/surveys/{mail_survey.id}/mail").get_data(as_text=True)
    assert 'data-state="opted_out"' in status and "Abgemeldet" in status


def test_two_jobs_working_off_the_same_queue_never_mail_anyone_twice(app, make_survey, smtp_server):
    from app.jobs.services import enqueue_job, wait_for_job
    from app.surveys.contacts import add_contacts
    from app.surveys.mailing import queue_survey_mails

    app.config["JOBS_BACKEND"] = "inline-thread"
    app.config["JOBS_THREADS"] = 2
    survey = make_survey()
    add_contacts(survey, [{"email": f"person{n}@example.org", "language": "de"} for n in range(12)])
    with app.test_request_context():
        queued = queue_survey_mails(survey, "invitation")
        # The same work handed out a second time (a second worker, a repeated queue entry) runs alongside.
        twin = enqueue_job("surveys.mail", "app.surveys.mailing:send_survey_mails", project_id=survey.project_id,
                           survey_id=survey.id, mail_kind="invitation", base="http://localhost")
    results = [wait_for_job(job.id, timeout=120) for job in (queued.job, twin)]
    assert all(job.status == "done" for job in results)
    assert sum(job.result["sent"] for job in results) == 12
    addresses = [m["To"] for m in smtp_server.messages]
    assert len(addresses) == 12 and len(set(addresses)) == 12


def test_parallel_send_presses_queue_each_person_once(app, lead_client, make_survey, smtp_server):
    from app.surveys.contacts import add_contacts
    from app.surveys.mailing import queue_survey_mails

    survey = make_survey()
    add_contacts(survey, [{"email": f"p{n}@example.org", "language": "en"} for n in range(6)])
    app.config["JOBS_BACKEND"] = "inline"
    counts, errors = [], []
    start = threading.Barrier(2)
    survey_id, model = survey.id, type(survey)

    def press():
        with app.test_request_context():
            try:
                start.wait()
                counts.append(queue_survey_mails(db.session.get(model, survey_id), "invitation").count)
            except Exception as error:  # noqa: BLE001 - reported by the assertion below
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=press) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and sum(counts) == 6
    addresses = [m["To"] for m in smtp_server.messages]
    assert sorted(addresses) == sorted(f"p{n}@example.org" for n in range(6))
    # The page's button queues the rest (nobody now) and says so.
    response = lead_client.post(f"/surveys/{survey.id}/mail/send", data={"kind": "invitation"},
                                follow_redirects=True)
    assert "Niemand ist gerade an der Reihe" in response.get_data(as_text=True)


def test_the_send_button_starts_a_job_and_shows_its_progress(app, lead_client, mail_survey, smtp_server):
    response = lead_client.post(f"/surveys/{mail_survey.id}/mail/send", data={"kind": "invitation"})
    assert response.status_code == 302 and "/jobs/" in response.headers["Location"]
    page = lead_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Fertig" in page
    assert len(smtp_server.messages) == 3
    status = lead_client.get(f"/surveys/{mail_survey.id}/mail").get_data(as_text=True)
    assert status.count('data-state="sent"') == 3


def test_without_a_mail_server_mails_land_in_the_outbox_and_the_status_page_links_them(app, lead_client,
                                                                                       mail_survey):
    from app.mail.outbox import project_outbox_files
    from app.privacy.retention import project_retention
    from app.surveys.mailing import queue_survey_mails

    with app.test_request_context():
        queued = queue_survey_mails(mail_survey, "invitation")
    assert queued.job.result["sent"] == 3
    files = project_outbox_files(mail_survey.project_id)
    assert len(files) == 3
    page = lead_client.get(f"/surveys/{mail_survey.id}/mail").get_data(as_text=True)
    assert "instance/outbox" in page
    contact = _contact("omar@example.org")
    link = f"/surveys/{mail_survey.id}/mail/outbox/{contact.outbox_file}"
    assert link in page
    with lead_client.get(link) as eml:
        assert eml.status_code == 200 and eml.mimetype == "message/rfc822"
        assert b"omar@example.org" in eml.data and b"List-Unsubscribe-Post" in eml.data
    assert lead_client.get(f"/surveys/{mail_survey.id}/mail/outbox/..%2Fsecrets.json").status_code == 404
    stored = {item.kind.key: item.count for item in project_retention(mail_survey.project).stored}
    assert stored["surveys.outbox"] == 3 and stored["surveys.contacts"] == 3

    # Deleting the person deletes their address and their mails in the outbox.
    lead_client.post(f"/surveys/{mail_survey.id}/respondents/{contact.respondent_id}/delete")
    assert len(project_outbox_files(mail_survey.project_id)) == 2
    assert lead_client.get(link).status_code == 404


def test_contacts_from_a_file_all_or_nothing_with_a_clear_message(app, lead_client, make_survey):
    from app.surveys.models import Respondent

    survey = make_survey()
    bad = "email,language\nok@example.org,de\nnot-an-address,en\nx@example.org,xx\n".encode()
    response = lead_client.post(f"/surveys/{survey.id}/contacts/import",
                                data={"file": (__import__("io").BytesIO(bad), "kontakte.csv")},
                                content_type="multipart/form-data", follow_redirects=True)
    text = response.get_data(as_text=True)
    assert "Es wurde niemand hinzugefügt" in text and "Zeile 3" in text and "Zeile 4" in text
    assert db.session.scalars(select(Respondent).where(Respondent.survey_id == survey.id)).all() == []

    missing = lead_client.post(f"/surveys/{survey.id}/contacts/import",
                               data={"file": (__import__("io").BytesIO(b"name\nA\n"), "k.csv")},
                               content_type="multipart/form-data", follow_redirects=True)
    assert "Es fehlen die Spalten email, language" in missing.get_data(as_text=True)

    lead_client.get("/pages/language/en")
    english = lead_client.post(f"/surveys/{survey.id}/contacts/import",
                               data={"file": (__import__("io").BytesIO(bad), "kontakte.csv")},
                               content_type="multipart/form-data", follow_redirects=True)
    assert "Nobody was added" in english.get_data(as_text=True)


def test_shell_adds_respondents_and_counts_invitations_in_a_dry_run(app, runner, make_survey, tmp_path,
                                                                    smtp_server):
    survey = make_survey()
    path = tmp_path / "contacts.csv"
    path.write_bytes(b"email;language;name\r\na@example.org;en;Ann\r\nb@example.org;uk;\r\n")
    result = runner.invoke(args=["surveys", "add-respondents", "--survey", str(survey.id), "--file", str(path)])
    assert result.exit_code == 0, result.output
    assert "2 Personen hinzugefügt" in result.output
    again = runner.invoke(args=["surveys", "add-respondents", "--survey", str(survey.id), "--file", str(path)])
    assert "0 Personen hinzugefügt, 2 Adressen waren schon vorhanden" in again.output

    dry = runner.invoke(args=["surveys", "send-invitations", "--survey", str(survey.id), "--dry-run"])
    assert dry.exit_code == 0 and "2 E-Mails würden gesendet" in dry.output
    assert smtp_server.messages == []
    app.config["JOBS_BACKEND"] = "inline"
    sent = runner.invoke(args=["surveys", "send-invitations", "--survey", str(survey.id)])
    assert sent.exit_code == 0, sent.output
    assert "2 gesendet, 0 fehlgeschlagen" in sent.output
    assert sorted(m["To"] for m in smtp_server.messages) == ["a@example.org", "b@example.org"]
    reminders = runner.invoke(args=["surveys", "send-reminders", "--survey", str(survey.id), "--min-days", "0"])
    assert "2 gesendet" in reminders.output
    unknown = runner.invoke(args=["surveys", "send-reminders", "--survey", "999999"])
    assert unknown.exit_code != 0 and "gibt es nicht" in unknown.output


def test_mail_texts_are_checked_previewed_and_used(app, lead_client, mail_survey, smtp_server):
    from app.surveys.mailing import queue_survey_mails

    url = f"/surveys/{mail_survey.id}/mail/invitation/en"
    unknown = lead_client.post(url, data={"subject": "Hi {name}", "body": "{link}", "reminder_limit": 2})
    assert unknown.status_code == 422 and "{name}" in unknown.get_data(as_text=True)
    no_link = lead_client.post(url, data={"subject": "Hi", "body": "Hello", "reminder_limit": 2})
    assert no_link.status_code == 422 and "{link}" in no_link.get_data(as_text=True)
    db.session.refresh(mail_survey)
    assert mail_survey.mail_texts == {}

    preview = lead_client.post(url, data={"subject": "Your voice: {survey_title}", "reminder_limit": 2,
                                          "body": "{salutation}\nPlease answer: {link}\nAsk {contact_person}.",
                                          "contact": "Ms Yılmaz, 02173 951-0", "action": "preview"})
    text = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "Alex Beispiel" in text and "Ms Yılmaz, 02173 951-0" in text
    db.session.refresh(mail_survey)
    assert mail_survey.mail_texts == {}  # a preview saves nothing

    saved = lead_client.post(url, data={"subject": "Your voice: {survey_title}", "reminder_limit": 2,
                                        "body": "{salutation}\nPlease answer: {link}\nAsk {contact_person}.",
                                        "contact": "Ms Yılmaz, 02173 951-0", "action": "save"})
    assert saved.status_code == 302
    from app.surveys.contacts import add_contacts

    add_contacts(mail_survey, [{"email": "english@example.org", "language": "en", "name": "Sam"}])
    with app.test_request_context():
        queue_survey_mails(mail_survey, "invitation")
    (message,) = smtp_server.to("english@example.org")
    assert message["Subject"] == "Your voice: Interviewstudie"
    assert _body(message).startswith("Hello Sam,\nPlease answer: http") or "Sam" in _body(message)
    assert "Ask Ms Yılmaz, 02173 951-0." in _body(message)

    lead_client.post(f"{url}/test")
    (test_mail,) = smtp_server.to(lead_client.user.email)
    assert test_mail["Subject"].startswith("[Test] Your voice")


def test_the_throttle_spaces_messages_to_the_configured_rate():
    from app.mail.delivery import Throttle

    now = [100.0]
    slept = []

    def sleep(seconds):
        slept.append(seconds)
        now[0] += seconds

    throttle = Throttle(30, clock=lambda: now[0], sleep=sleep)
    for _ in range(3):
        throttle.wait()
    assert slept == [2.0, 2.0]
    unlimited = Throttle(0, clock=lambda: now[0], sleep=sleep)
    unlimited.wait()
    unlimited.wait()
    assert slept == [2.0, 2.0]


def test_automatic_reminders_go_out_with_the_daily_run(app, mail_survey, smtp_server):
    from app.auth.models import utcnow
    from app.privacy.schedule import process_day_claim, run_once_a_day
    from app.surveys.mailing import queue_survey_mails

    with app.test_request_context():
        queue_survey_mails(mail_survey, "invitation")
    mail_survey.reminder_after_days = 5
    _contact("omar@example.org").last_mailed_at = utcnow() - timedelta(days=6)
    db.session.commit()
    assert run_once_a_day(app, process_day_claim())
    assert [m["To"] for m in smtp_server.messages[3:]] == ["omar@example.org"]
    assert _contact("omar@example.org").reminder_count == 1
    # Surveys without automatic reminders get none, however old the invitation.
    mail_survey.reminder_after_days = None
    _contact("jan@example.org").last_mailed_at = utcnow() - timedelta(days=60)
    db.session.commit()
    assert run_once_a_day(app, process_day_claim())
    assert len(smtp_server.messages) == 4


def test_a_contact_added_by_hand_gets_mail_in_the_chosen_language(app, lead_client, make_survey, smtp_server):
    from app.surveys.models import Respondent

    survey = make_survey()
    bad = lead_client.post(f"/surveys/{survey.id}/respondents/new",
                           data={"pseudonym": "", "stakeholder_group_id": 0, "migration_history": "not_stated",
                                 "email": "nicht-gültig", "language": "uk"})
    assert bad.status_code == 422
    assert db.session.scalars(select(Respondent).where(Respondent.survey_id == survey.id)).all() == []
    response = lead_client.post(f"/surveys/{survey.id}/respondents/new",
                                data={"pseudonym": "", "stakeholder_group_id": 0, "migration_history": "not_stated",
                                      "name": "Olena", "email": "olena@example.org", "language": "uk"})
    assert response.status_code == 302
    app.config["JOBS_BACKEND"] = "inline"
    lead_client.post(f"/surveys/{survey.id}/mail/send", data={"kind": "invitation"})
    (message,) = smtp_server.to("olena@example.org")
    assert message["Content-Language"] == "uk" and "Запрошення" in message["Subject"]
    assert "Добрий день, Olena!" in message.get_body(preferencelist=("plain",)).get_content()

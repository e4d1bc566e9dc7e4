"""Demo data: Monheim's interview study (19 interviews, 8 groups) and an open online round of 180 answers.

Idempotent: when the project already has surveys, nothing happens. Deterministic (fixed random seed).
"""
from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import select

from app.auth.models import User, utcnow
from app.extensions import db
from app.languages.registry import participant_tags
from app.projects.models import Project
from app.surveys.demo_texts import (GROUP_VOICES, INTERVIEW_ANSWERS, INTERVIEW_FOLLOW_UPS, INTERVIEW_PARAPHRASES,
                                    ONLINE_GOOD, ONLINE_OPENERS, ONLINE_THEMES)
from app.surveys.invitations import new_public_code
from app.surveys.models import Answer, ConsentRecord, Question, Respondent, Section, Survey, coarse_day

DEMO_SEED = 2016
#: The first interviews come in as speaker-turn transcripts (f4 timestamps, paraphrased questions).
TRANSCRIBED_INTERVIEWS = 6
FREE_TEXT_KEYS = ("together", "discrimination", "volunteering", "openness", "education", "work", "first_step")
ONLINE_RESPONSES = 180
DISTRICTS = ["Berliner Viertel", "Monheim-Mitte", "Baumberg", "Altstadt", "Musikantenviertel"]
AGE_BANDS = ["unter 18", "18–29", "30–49", "50–64", "65 und älter"]
CONSENT_TEXT = ("Ich bin damit einverstanden, dass meine Antworten für die Fortschreibung des Integrationskonzepts "
                "der Stadt ausgewertet werden. Sie werden unter einem Kürzel gespeichert und nur zusammengefasst "
                "veröffentlicht. Ich kann die Einwilligung jederzeit widerrufen; dann werden meine Antworten gelöscht.")


def _question(section: Section, position: int, kind: str, text: str, field=None, **extra) -> Question:
    question = Question(kind=kind, text=text, position=position,
                        field_of_action_id=field.id if field is not None else None, **extra)
    section.questions.append(question)
    question.survey = section.survey
    return question


def _interview_study(project: Project, fields, now: datetime) -> tuple[Survey, dict]:
    survey = Survey(project_id=project.id, title="Interviewstudie zur Fortschreibung des Integrationskonzepts",
                    purpose="Wir möchten wissen, wie Sie das Zusammenleben in Monheim am Rhein erleben und was die "
                            "Stadt in den nächsten Jahren tun sollte. Das Gespräch dauert etwa 45 Minuten.",
                    mode="both", opens_on=(now - timedelta(days=30)).date(), closes_on=(now + timedelta(days=60)).date(),
                    consent_text=CONSENT_TEXT, languages=["de", "de-x-ls", "en", "tr", "ar"],
                    asks_migration_history=True, districts=DISTRICTS, age_bands=AGE_BANDS)
    db.session.add(survey)
    together = Section(position=0, title="Zusammenleben in Monheim am Rhein",
                       translations={"en": {"title": "Living together in Monheim am Rhein"},
                                     "ar": {"title": "العيش المشترك في مونهايم أم راين"},
                                     "tr": {"title": "Monheim am Rhein'da birlikte yaşam"},
                                     "de-x-ls": {"title": "Zusammen leben in Monheim"}})
    engagement = Section(position=1, title="Engagement und Öffnung",
                         translations={"en": {"title": "Volunteering and openness"},
                                       "ar": {"title": "التطوع والانفتاح"}, "tr": {"title": "Gönüllülük ve açıklık"}})
    education = Section(position=2, title="Bildung und Arbeit",
                        translations={"en": {"title": "Education and work"}, "ar": {"title": "التعليم والعمل"},
                                      "tr": {"title": "Eğitim ve iş"}})
    outlook = Section(position=3, title="Ausblick",
                      translations={"en": {"title": "Looking ahead"}, "ar": {"title": "نظرة إلى المستقبل"},
                                    "tr": {"title": "Gelecek"}})
    survey.sections.extend([together, engagement, education, outlook])
    q = {}
    q["together"] = _question(together, 0, "free_text", "Wie erleben Sie das Zusammenleben von Menschen mit und ohne "
                              "Zuwanderungsgeschichte in Monheim am Rhein?", fields[0], is_required=True,
                              help="Erzählen Sie gern von konkreten Erlebnissen.",
                              translations={"en": {"text": "How do you experience everyday life together between people "
                                                           "with and without a migration history in Monheim am Rhein?",
                                                   "help": "Feel free to describe concrete experiences."},
                                            "ar": {"text": "كيف تعيش التعايش بين الناس من أصول مهاجرة وغيرهم في مونهايم أم راين؟",
                                                   "help": "يمكنك أن تروي تجارب محددة."},
                                            "tr": {"text": "Monheim am Rhein'da göç geçmişi olan ve olmayan insanların "
                                                           "birlikte yaşamını nasıl deneyimliyorsunuz?"},
                                            "de-x-ls": {"text": "In Monheim leben viele Menschen. Manche sind aus "
                                                                "anderen Ländern gekommen. Wie leben die Menschen "
                                                                "zusammen? Was denken Sie?"}})
    q["climate"] = _question(together, 1, "scale", "Wie gut gelingt das Zusammenleben in Monheim am Rhein insgesamt?",
                             fields[0], scale_min=1, scale_max=5, scale_labels={"1": "gar nicht gut", "5": "sehr gut"},
                             translations={"en": {"text": "Overall, how well does living together work in Monheim am Rhein?",
                                                  "scale_labels": {"1": "not well at all", "5": "very well"}},
                                           "ar": {"text": "ما مدى نجاح العيش المشترك في مونهايم أم راين بشكل عام؟",
                                                  "scale_labels": {"1": "ليس جيدًا على الإطلاق", "5": "جيد جدًا"}}})
    q["discrimination"] = _question(together, 2, "free_text", "Wo erleben Sie oder andere Benachteiligung oder "
                                    "Diskriminierung – und was sollte dagegen getan werden?", fields[0],
                                    translations={"en": {"text": "Where do you or others experience disadvantage or "
                                                                 "discrimination, and what should be done about it?"},
                                                  "ar": {"text": "أين تواجه أنت أو غيرك التمييز، وما الذي ينبغي فعله لمواجهته؟"}})
    q["volunteering"] = _question(engagement, 0, "free_text", "Was motiviert Menschen, sich ehrenamtlich zu "
                                  "engagieren, und was hält sie davon ab?", fields[1],
                                  translations={"en": {"text": "What motivates people to volunteer, and what holds them back?"},
                                                "ar": {"text": "ما الذي يدفع الناس إلى التطوع، وما الذي يمنعهم منه؟"}})
    q["areas"] = _question(engagement, 1, "multiple_choice", "In welchen Bereichen engagieren Sie sich oder Ihre "
                           "Organisation?", fields[1], options=[
                               {"value": "language", "label": "Sprachpatenschaften"},
                               {"value": "sport", "label": "Sport"}, {"value": "culture", "label": "Kultur"},
                               {"value": "faith", "label": "Religiöse Gemeinde"},
                               {"value": "refugees", "label": "Flüchtlingshilfe"},
                               {"value": "youth", "label": "Jugendarbeit"}],
                           translations={"en": {"text": "In which areas are you or your organisation active?",
                                                "options": {"language": "Language mentoring", "sport": "Sport",
                                                            "culture": "Culture", "faith": "Religious community",
                                                            "refugees": "Refugee support", "youth": "Youth work"}},
                                         "ar": {"text": "في أي مجالات تنشط أنت أو منظمتك؟",
                                                "options": {"language": "رعاية لغوية", "sport": "الرياضة",
                                                            "culture": "الثقافة", "faith": "جماعة دينية",
                                                            "refugees": "مساعدة اللاجئين", "youth": "العمل مع الشباب"}}})
    q["openness"] = _question(engagement, 2, "free_text", "Wie offen sind Vereine, Verbände und Gemeinden für neue "
                              "Mitglieder mit Zuwanderungsgeschichte?", fields[2],
                              translations={"en": {"text": "How open are clubs, associations and communities to new "
                                                           "members with a migration history?"},
                                            "ar": {"text": "ما مدى انفتاح النوادي والجمعيات والجماعات على أعضاء جدد من أصول مهاجرة؟"}})
    q["education"] = _question(education, 0, "free_text", "Was brauchen Kinder, Jugendliche und Eltern, damit Bildung "
                               "gelingt – von der Kita bis zum Schulabschluss?", fields[3], is_required=True,
                               translations={"en": {"text": "What do children, young people and parents need for "
                                                            "education to succeed, from nursery to school-leaving?"},
                                             "ar": {"text": "ما الذي يحتاجه الأطفال والشباب والآباء لكي ينجح التعليم، من الحضانة حتى التخرج من المدرسة؟"}})
    q["work"] = _question(education, 1, "free_text", "Welche Hürden gibt es beim Zugang zu Arbeit und Ausbildung, "
                          "etwa bei der Anerkennung von Abschlüssen?", fields[4],
                          translations={"en": {"text": "What obstacles are there to getting work and training, "
                                                       "for example in having qualifications recognised?"},
                                        "ar": {"text": "ما العقبات أمام الحصول على عمل أو تدريب مهني، مثل الاعتراف بالشهادات؟"}})
    q["priorities"] = _question(education, 2, "ranking", "Bitte ordnen Sie diese Themen nach Dringlichkeit "
                                "(1 = am dringendsten).", None, options=[
                                    {"value": "language", "label": "Sprachförderung"},
                                    {"value": "childcare", "label": "Kinderbetreuung"},
                                    {"value": "work", "label": "Arbeit und Ausbildung"},
                                    {"value": "housing", "label": "Wohnen"},
                                    {"value": "encounter", "label": "Begegnung"}],
                                translations={"en": {"text": "Please rank these topics by urgency (1 = most urgent).",
                                                     "options": {"language": "Language support", "childcare": "Childcare",
                                                                 "work": "Work and training", "housing": "Housing",
                                                                 "encounter": "Meeting each other"}},
                                              "ar": {"text": "يرجى ترتيب هذه المواضيع حسب الأولوية (1 = الأكثر إلحاحًا).",
                                                     "options": {"language": "دعم اللغة", "childcare": "رعاية الأطفال",
                                                                 "work": "العمل والتدريب", "housing": "السكن",
                                                                 "encounter": "اللقاء والتعارف"}}})
    q["first_step"] = _question(outlook, 0, "free_text", "Welche eine Maßnahme sollte die Stadt als Erstes umsetzen?",
                                None, translations={"en": {"text": "Which single measure should the city implement first?"},
                                                    "ar": {"text": "ما الإجراء الواحد الذي ينبغي للمدينة تنفيذه أولًا؟"}})
    q["inform"] = _question(outlook, 1, "single_choice", "Wie möchten Sie über die Ergebnisse informiert werden?",
                            None, options=[{"value": "newsletter", "label": "Per E-Mail-Newsletter"},
                                           {"value": "event", "label": "Bei einer Veranstaltung im Stadtteil"},
                                           {"value": "council", "label": "Über den Integrationsrat"},
                                           {"value": "none", "label": "Ich möchte nicht informiert werden"}],
                            translations={"en": {"text": "How would you like to be informed about the results?",
                                                 "options": {"newsletter": "By e-mail newsletter",
                                                             "event": "At an event in my district",
                                                             "council": "Through the integration council",
                                                             "none": "I do not wish to be informed"}},
                                          "ar": {"text": "كيف تود أن تُبلَّغ بالنتائج؟",
                                                 "options": {"newsletter": "عبر النشرة البريدية",
                                                             "event": "في فعالية في الحي",
                                                             "council": "عبر مجلس الاندماج",
                                                             "none": "لا أرغب في ذلك"}}})
    db.session.flush()
    return survey, q


def _interview_text(key: str, index: int, group_position: int) -> str:
    cores, details = INTERVIEW_ANSWERS[key]
    offset = list(INTERVIEW_ANSWERS).index(key)
    parts = [cores[(index * 3 + offset) % len(cores)], details[(index * 5 + offset) % len(details)]]
    if (index + offset) % 3 == 0:
        parts.insert(0, GROUP_VOICES[group_position % len(GROUP_VOICES)])
    if (index + offset) % 4 == 1:
        parts.append(cores[(index * 3 + offset + 4) % len(cores)])
    return " ".join(parts)


def _stamp(seconds: int, tenth: int) -> str:
    return f"#{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}-{tenth}#"


def transcript_text(index: int, done: datetime, values: dict) -> str:
    """Return interview ``index`` as a typist returns it: header lines, then f4 turns with paraphrased questions.

    Interview 3 asks the last guide question before the others (out of order); follow-ups and back-channels
    come between answers. Each answer is one respondent turn, so the answers equal the stored ones.
    """
    order = list(FREE_TEXT_KEYS)
    if index == 3:
        order.insert(0, order.pop())
    lines = [f"Interview I-{index:02d}", f"Datum: {done:%d.%m.%Y}", f"Dauer: {44 + index * 3} Minuten",
             "Anwesend: Interviewer/in (I), befragte Person (B)", ""]
    at = 4
    lines.append(f"{_stamp(at, index % 10)} I: Vielen Dank, dass Sie sich Zeit nehmen. Ich nehme das Gespräch "
                 "auf, wenn das für Sie in Ordnung ist.")
    at += 11
    lines.append(f"{_stamp(at, 2)} B: Ja, natürlich.")
    for number, key in enumerate(order):
        at += 14 + number * 3
        lines.append(f"{_stamp(at, (index + number) % 10)} I: {INTERVIEW_PARAPHRASES[key][(index + number) % 2]}")
        at += 6
        lines.append(f"{_stamp(at, number % 10)} B: {values[key]}")
        at += 20 + len(values[key]) // 9
        if (index + number) % 3 == 0:
            lines.append(f"{_stamp(at, 5)} I: {INTERVIEW_FOLLOW_UPS[(index + number) % len(INTERVIEW_FOLLOW_UPS)]}")
            at += 3
    return "\n".join(lines) + "\n"


def _transcript(index: int, done: datetime, values: dict, q: dict, staff: User | None):
    """Read a demo interview's transcript through the import's parser and mapping; return its Transcript."""
    from app.surveys.imports import transcript_record
    from app.surveys.transcript_mapping import map_turns
    from app.surveys.transcripts import SpeakerMarkers, parse_lines

    parsed = parse_lines(transcript_text(index, done, values).splitlines(), SpeakerMarkers())
    mapping = map_turns(parsed.turns, [(q[key].id, q[key].text) for key in FREE_TEXT_KEYS])
    return transcript_record(parsed, mapping, filename=f"interview-i-{index:02d}.txt",
                             imported_by_id=staff.id if staff else None)


def _interviews(project: Project, survey: Survey, q: dict, staff: User | None, now: datetime, rng) -> None:
    migration_by_group = ["no", "no", "yes", "yes", "yes", "yes", "yes", "no"]
    index = 0
    for position, group in enumerate(project.stakeholder_groups):
        for _ in range(group.target_interviews):
            index += 1
            done = now - timedelta(days=28 - index)
            migration = migration_by_group[position % 8]
            if index % 5 == 0:
                migration = "not_stated"
            elif index % 7 == 0:
                migration = "no" if migration == "yes" else "yes"
            respondent = Respondent(survey_id=survey.id, pseudonym=f"I-{index:02d}", stakeholder_group_id=group.id,
                                    migration_history=migration, district=DISTRICTS[index % len(DISTRICTS)],
                                    age_band=AGE_BANDS[1 + index % 4], status="completed", channel="interview",
                                    language="de", created_at=done - timedelta(days=7), started_at=done,
                                    completed_at=done + timedelta(hours=1))
            respondent.consents.append(ConsentRecord(given_at=done, text_version=1, language="de",
                                                     channel="interviewer", covers_migration_history=migration != "not_stated",
                                                     recorded_by_id=staff.id if staff else None))
            values = {key: _interview_text(key, index, position) for key in
                      ("together", "discrimination", "volunteering", "openness", "education", "work", "first_step")}
            values["climate"] = 2 + (index * 7) % 4
            values["areas"] = sorted(rng.sample(["language", "sport", "culture", "faith", "refugees", "youth"],
                                                k=1 + index % 3))
            priorities = ["language", "childcare", "work", "housing", "encounter"]
            rng.shuffle(priorities)
            values["priorities"] = priorities
            values["inform"] = ["newsletter", "event", "council", "none"][index % 4]
            for key, value in values.items():
                respondent.answers.append(Answer(question_id=q[key].id, value=value,
                                                 entered_by_id=staff.id if staff else None, updated_at=done))
            if index <= TRANSCRIBED_INTERVIEWS:
                respondent.transcript = _transcript(index, done, values, q, staff)
            db.session.add(respondent)


def _online_round(project: Project, fields, now: datetime, rng) -> Survey:
    survey = Survey(project_id=project.id, title="Online-Befragung: Zusammenleben in Monheim am Rhein",
                    purpose="Sagen Sie uns in wenigen Minuten, was in Monheim am Rhein gut läuft und was sich ändern "
                            "sollte. Die Befragung ist anonym.",
                    mode="online", opens_on=(now - timedelta(days=20)).date(), closes_on=(now + timedelta(days=40)).date(),
                    consent_text=CONSENT_TEXT, languages=list(participant_tags()),
                    asks_migration_history=True, districts=DISTRICTS, age_bands=AGE_BANDS,
                    public_code=new_public_code())
    db.session.add(survey)
    section = Section(position=0, title="Ihre Meinung", translations={"en": {"title": "Your opinion"},
                                                                      "ar": {"title": "رأيك"},
                                                                      "fa": {"title": "نظر شما"}})
    survey.sections.append(section)
    change = _question(section, 0, "free_text", "Was sollte sich ändern, damit alle in Monheim am Rhein gut "
                       "zusammenleben können?", fields[0], is_required=True,
                       translations={"en": {"text": "What should change so that everyone in Monheim am Rhein can live "
                                                    "well together?"},
                                     "ar": {"text": "ما الذي ينبغي أن يتغير ليعيش الجميع في مونهايم أم راين معًا بشكل جيد؟"},
                                     "fa": {"text": "چه چیزی باید تغییر کند تا همه در مونهایم آم راین به خوبی در کنار هم زندگی کنند؟"},
                                     "tr": {"text": "Monheim am Rhein'da herkesin iyi bir arada yaşayabilmesi için ne değişmeli?"}})
    good = _question(section, 1, "free_text", "Was läuft schon gut?", fields[1],
                     translations={"en": {"text": "What is already working well?"},
                                   "ar": {"text": "ما الذي يسير بشكل جيد بالفعل؟"},
                                   "fa": {"text": "چه چیزی همین حالا خوب پیش می‌رود؟"}})
    feeling = _question(section, 2, "scale", "Wie wohl fühlen Sie sich in Ihrem Stadtteil?", fields[0],
                        scale_min=1, scale_max=5, scale_labels={"1": "gar nicht wohl", "5": "sehr wohl"},
                        translations={"en": {"text": "How comfortable do you feel in your district?",
                                             "scale_labels": {"1": "not at all", "5": "very"}},
                                      "ar": {"text": "ما مدى ارتياحك في حيّك؟",
                                             "scale_labels": {"1": "غير مرتاح إطلاقًا", "5": "مرتاح جدًا"}}})
    db.session.flush()
    themes = list(ONLINE_THEMES)
    weights = [14, 11, 13, 10, 9, 8, 6, 9]
    languages = ["de"] * 12 + ["en", "ar", "ar", "tr", "uk", "fa"]
    for number in range(1, ONLINE_RESPONSES + 1):
        day = coarse_day(now - timedelta(days=rng.randint(0, 19)))
        primary = rng.choices(themes, weights=weights)[0]
        sentences = rng.sample(ONLINE_THEMES[primary], k=rng.choice([1, 2, 2, 3]))
        if rng.random() < 0.45:
            secondary = rng.choice([t for t in themes if t != primary])
            sentences.append(rng.choice(ONLINE_THEMES[secondary]))
        if rng.random() < 0.3:
            sentences.insert(0, rng.choice(ONLINE_OPENERS))
        gave_migration_consent = rng.random() < 0.7
        migration = rng.choice(["yes", "yes", "no", "not_stated"]) if gave_migration_consent else "not_stated"
        language = rng.choice(languages)
        respondent = Respondent(survey_id=survey.id, pseudonym=f"O-{number:04d}", migration_history=migration,
                                district=rng.choice(DISTRICTS + [""]), age_band=rng.choice(AGE_BANDS + [""]),
                                status="completed", channel="public", language=language, created_at=day,
                                started_at=day, completed_at=day)
        respondent.consents.append(ConsentRecord(given_at=day, text_version=1, language=language, channel="online",
                                                 covers_migration_history=gave_migration_consent))
        respondent.answers.append(Answer(question_id=change.id, value=" ".join(sentences), updated_at=day))
        if rng.random() < 0.55:
            respondent.answers.append(Answer(question_id=good.id, value=" ".join(rng.sample(ONLINE_GOOD, k=rng.choice([1, 2]))),
                                             updated_at=day))
        respondent.answers.append(Answer(question_id=feeling.id, value=rng.choice([2, 3, 3, 4, 4, 4, 5, 5]),
                                         updated_at=day))
        db.session.add(respondent)
    return survey


#: Demo contacts of the online round: (name, language, what became of the mails). Addresses are example.org.
DEMO_CONTACTS = [
    ("Ayşe Demir", "tr", "sent"), ("Omar Haddad", "ar", "sent"), ("Olena Kovalenko", "uk", "sent"),
    ("Jana Becker", "de", "sent"), ("Reza Ahmadi", "fa", "opted_out"), ("Marek Nowak", "pl", "failed"),
    ("Claire Martin", "fr", "sent"), ("", "de-x-ls", "not_mailed"), ("Samuel Okafor", "en", "not_mailed"),
]


def _mail_contacts(project: Project, survey: Survey, now: datetime) -> None:
    """Give the online round contacts with invitations sent (a status page that shows something real)."""
    from app.surveys.models import RespondentContact

    survey.mail_contact = "Integrationsbüro Monheim am Rhein, Telefon 02173 951-0"
    survey.reminder_after_days = 7
    for number, (name, language, state) in enumerate(DEMO_CONTACTS, start=1):
        mailed = now - timedelta(days=9 - number % 3)
        status = "started" if number == 2 else "invited"
        respondent = Respondent(survey_id=survey.id, pseudonym=f"K-{number:02d}", status=status, channel="personal",
                                language=language, created_at=now - timedelta(days=12),
                                started_at=mailed + timedelta(days=1) if status == "started" else None)
        contact = RespondentContact(name=name, email=f"kontakt{number:02d}@example.org")
        if state in ("sent", "opted_out"):
            contact.mail_status, contact.mail_kind = "sent", "invitation"
            contact.invited_at = contact.last_mailed_at = mailed
        if state == "opted_out":
            contact.opted_out_at = mailed + timedelta(days=2)
        if state == "failed":
            contact.mail_status, contact.mail_kind = "failed", "invitation"
            contact.mail_error = "550 5.1.1 Mailbox unavailable"
        respondent.contact = contact
        db.session.add(respondent)


def load_demo(project: Project) -> None:
    """Add the demo interview study (survey 1) and an open online round to the project, once."""
    if db.session.scalar(select(Survey.id).where(Survey.project_id == project.id).limit(1)) is not None:
        return
    fields = list(project.fields_of_action)
    while len(fields) < 5:
        fields.append(None)
    staff = db.session.scalar(select(User).order_by(User.id).limit(1))
    rng = random.Random(DEMO_SEED)
    now = utcnow()
    survey, questions = _interview_study(project, fields, now)
    _interviews(project, survey, questions, staff, now, rng)
    online = _online_round(project, fields, now, rng)
    _mail_contacts(project, online, now)
    db.session.commit()

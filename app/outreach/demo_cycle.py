"""The demo's volunteer pool and its report to the Integrationsrat (fictional people, loaded once)."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.auth.models import utcnow
from app.concept.models import Concept, Measure
from app.extensions import db
from app.outreach.models import Event

#: (name, e-mail, phone, languages, districts, note, won at the breakfast)
VOLUNTEERS = [
    ("Aylin Demir", "aylin.demir@example.org", "0173 555 0101", ["de", "tr"], ["Berliner Viertel", "Mitte"],
     "Begleitet gern zu Elternabenden; abends und am Wochenende.", True),
    ("Samir Haddad", "", "0151 555 0102", ["de", "ar", "fr"], ["Mitte"],
     "Übersetzt bei der Bürgersprechstunde.", True),
    ("Olena Kovalenko", "olena.k@example.org", "", ["de", "uk", "ru"], ["Baumberg"],
     "Kennt die Kita-Anmeldung gut.", False),
    ("Parisa Ahmadi", "parisa.ahmadi@example.org", "0176 555 0104", ["de", "fa"], ["Berliner Viertel"],
     "Möchte beim Deutschkurs mit Kinderbetreuung helfen.", True),
]

DEMO_MEMO = (
    "Sehr geehrte Damen und Herren,\n\n"
    "die Verwaltung legt dem Integrationsrat den Umsetzungsbericht zum Integrationskonzept für das vergangene "
    "Jahr zur Kenntnis vor. Er zeigt den Stand der Maßnahmen je Handlungsfeld und was sich seit dem Beschluss "
    "des Konzepts verändert hat.\n\n"
    "Besonders hervorzuheben sind:\n\n"
    "- sechs Veranstaltungen in den Stadtteilen, darunter das offene interkulturelle Frühstück und die Tour des "
    "Integrationsrats durch das Berliner Viertel,\n"
    "- vier neue Lotsinnen und Lotsen, die bei Sprechstunden und Elternabenden begleiten,\n"
    "- die Förderung aus KOMM-AN NRW für die Sprachkurse.\n\n"
    "**Beschlussvorschlag:** Der Integrationsrat nimmt den Bericht zur Kenntnis und empfiehlt dem Ausschuss für "
    "Soziales und Integration, ihn ebenfalls zur Kenntnis zu nehmen.")


def load_demo(project) -> None:
    """Add the demo's volunteers and its report to the Integrationsrat once; running it again changes nothing."""
    _load_volunteers(project)
    _load_committee_report(project)


def _demo_user():
    from app.auth.models import User
    from app.demo import DEMO_EMAIL

    return db.session.scalar(select(User).where(User.email == DEMO_EMAIL))


def _load_volunteers(project) -> None:
    from app.outreach import volunteers
    from app.outreach.forms import VOLUNTEER_CONSENT_TEXT

    if volunteers.count_volunteers(project.id):
        return
    breakfast = db.session.scalar(select(Event).where(Event.project_id == project.id,
                                                      Event.kind == "intercultural_breakfast",
                                                      Event.starts_at < utcnow()).order_by(Event.starts_at))
    concept = db.session.scalar(select(Concept).where(Concept.project_id == project.id))
    measures = list(db.session.scalars(select(Measure).where(Measure.concept_id == concept.id)
                                      .order_by(Measure.id))) if concept is not None else []
    for index, (name, email, phone, languages, districts, note, at_breakfast) in enumerate(VOLUNTEERS):
        event = breakfast if at_breakfast else None
        volunteer = volunteers.add_volunteer(
            project, name=name, email=email, phone=phone, languages=languages, districts=districts, note=note,
            source="event" if event is not None else "manual", event=event, has_consented=True,
            consent_text=str(VOLUNTEER_CONSENT_TEXT), recorded_by=_demo_user())
        if measures:
            volunteers.assign_measures(volunteer, [measures[index % len(measures)].id])


def _load_committee_report(project) -> None:
    from app.concept import reporting

    concept = db.session.scalar(select(Concept).where(Concept.project_id == project.id))
    if concept is None or reporting.list_reports(concept):
        return
    today = utcnow().date()
    reporting.create_report(concept, committee="integration_council", period_start=today - timedelta(days=365),
                            period_end=today, memo=DEMO_MEMO, created_by=_demo_user())

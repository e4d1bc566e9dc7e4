"""Demo data: the demo project's surveys come analysed — themes, fields of action, a codebook, a few human codes.

Runs the grouping synchronously. Idempotent: a survey that already has its demo
analysis is left alone.
"""
from __future__ import annotations

from sqlalchemy import select

from app.analysis import board, codebook, services
from app.analysis.models import Analysis
from app.analysis.queries import passage_rows
from app.extensions import db

DEMO_SUFFIX = "Themen"

#: Word stems in a theme's keywords -> a label a reader recognises (first match wins).
DEMO_LABELS = (
    ("sprach", "Sprachkurse und Deutschlernen"), ("deutschkurs", "Sprachkurse und Deutschlernen"),
    ("kita", "Kinderbetreuung und Kita-Plätze"), ("betreuung", "Kinderbetreuung und Kita-Plätze"),
    ("schul", "Schule und Bildung"), ("jugend", "Angebote für Jugendliche"),
    ("verein", "Interkulturelle Öffnung der Vereine"), ("ehrenamt", "Ehrenamt und Engagement"),
    ("engagement", "Ehrenamt und Engagement"), ("arbeit", "Arbeit und Ausbildung"),
    ("ausbildung", "Arbeit und Ausbildung"), ("beruf", "Arbeit und Ausbildung"),
    ("begegnung", "Begegnung und Dialog"), ("nachbar", "Begegnung und Dialog"), ("dialog", "Begegnung und Dialog"),
    ("moschee", "Religiöse Gemeinden im Dialog"), ("diskriminier", "Diskriminierung begegnen"),
    ("wohn", "Wohnen im Stadtteil"), ("beratung", "Information und Beratung"),
    ("information", "Information und Beratung"), ("verwaltung", "Interkulturelle Öffnung der Verwaltung"),
    ("integrationskurs", "Integrationskurse und Behördengänge"), ("rassismus", "Rassismus im Alltag"),
    ("bürgerbüro", "Freundliche Verwaltung"), ("stadtteilfest", "Feste und Begegnung im Stadtteil"),
    ("sport", "Sport und Freizeit"), ("kultur", "Kultur und Freizeit"), ("viertel", "Leben im Viertel"),
    ("beitrag", "Kosten und Zugang zu Angeboten"), ("anerkennung", "Anerkennung und Unterstützung"),
    ("lehrkr", "Lehrkräfte und Elternarbeit"), ("miteinander", "Miteinander von Alteingesessenen und Neuen"),
    ("kopftuch", "Rassismus im Alltag"),
)

#: Word stems -> a word in the name of the Monheim field of action they belong to.
DEMO_FIELDS = (
    (("sprach", "deutsch", "kita", "schul", "bildung", "kinder", "eltern", "jugend", "kurs", "betreuung"), "Bildung"),
    (("arbeit", "job", "ausbildung", "beruf", "praktikum", "betrieb"), "Arbeitsmarkt"),
    (("ehrenamt", "engagement", "freiwillig", "pate"), "Engagement"),
    (("verein", "öffnung", "verwaltung", "organisation", "mitglied", "bürgerbüro"), "Öffnung"),
    (("begegnung", "nachbar", "dialog", "fest", "miteinander", "moschee", "religion", "diskriminier"), "Miteinander"),
)

#: The codebook of the demo: strengths, gaps and wishes, as Monheim's team read the interviews.
DEMO_CODES = (
    ("Stärke", "Etwas, das gut läuft und erhalten oder ausgebaut werden soll.",
     ("gut", "funktioniert", "offen", "hilft", "gelungen", "schön")),
    ("Lücke", "Etwas, das fehlt oder nicht reicht (Entwicklungspotential).",
     ("fehlt", "fehlen", "zu wenig", "wenige", "keine", "schwierig", "warten", "voll")),
    ("Wunsch", "Ein Vorschlag oder Wunsch für die Zukunft.",
     ("sollte", "wünsche", "mehr", "brauch", "wäre", "anbieten")),
)
#: How many passages the demo person codes by hand.
DEMO_HAND_CODED = 16


def _demo_user():
    from app.auth.models import User
    from app.demo import DEMO_EMAIL

    return db.session.scalar(select(User).where(User.email == DEMO_EMAIL))


def _label_for(keywords: list[str], used: set[str]) -> str | None:
    for word in (k.lower() for k in keywords):
        for stem, label in DEMO_LABELS:
            if stem in word and label not in used:
                return label
    return None


def _field_for(project, keywords: list[str]):
    for word in (k.lower() for k in keywords):
        for stems, name_part in DEMO_FIELDS:
            if any(stem in word for stem in stems):
                return next((f for f in project.fields_of_action if name_part.lower() in f.name.lower()), None)
    return None


def load_demo(project) -> None:
    """Analyse each demo survey with free-text answers once: themes, fields, codebook, human codes."""
    from app.surveys.models import Survey
    from app.surveys.queries import free_text_answers

    user = _demo_user()
    for survey in db.session.scalars(select(Survey).where(Survey.project_id == project.id).order_by(Survey.id)):
        title = f"{survey.title}: {DEMO_SUFFIX}"
        exists = db.session.scalar(select(Analysis).where(Analysis.project_id == project.id,
                                                          Analysis.survey_id == survey.id, Analysis.title == title))
        if exists is not None or len(free_text_answers(project.id, survey_id=survey.id)) < 6:
            continue
        analysis = services.create_analysis(project, title=title[:200], scope="survey", survey_id=survey.id,
                                            user=user)
        services.run_analysis(analysis)
        _shape_demo_themes(project, analysis)
        if user is not None:
            _code_demo_passages(analysis, user)


def _shape_demo_themes(project, analysis: Analysis) -> None:
    used: set[str] = set()
    for theme in list(analysis.themes):
        label = _label_for(theme.keywords or [], used)
        if label:
            used.add(label)
            board.rename_theme(theme, label=label, definition="Aussagen zu: " + ", ".join(theme.keywords or []))
        field = _field_for(project, theme.keywords or [])
        if field is not None:
            board.tie_theme_to_field(theme, field.id)


def _code_demo_passages(analysis: Analysis, user) -> None:
    codes = {name: codebook.create_code(analysis, name=name, definition=definition)
             for name, definition, _cues in DEMO_CODES}
    from app.analysis.models import Passage

    coded = 0
    for row in passage_rows([analysis.id]):
        text = row.text.lower()
        chosen = [codes[name].id for name, _definition, cues in DEMO_CODES if any(cue in text for cue in cues)]
        if not chosen:
            continue
        codebook.set_passage_codes(db.session.get(Passage, row.passage_id), chosen, user)
        coded += 1
        if coded >= DEMO_HAND_CODED:
            break
    codebook.suggest_codes(analysis)

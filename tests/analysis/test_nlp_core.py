"""Unit tests of the NLP core on small hand-written German answers."""

import ast
from pathlib import Path

import pytest

from app.analysis.nlp.coding import (
    CodedAnswer,
    UncodedAnswer,
    pick_answers_to_code,
    report_agreement,
    suggest_codes,
)
from app.analysis.nlp.preprocessing import analyse_texts, normalise_gendered_forms, segment_answer
from app.analysis.nlp.text_space import SpaceSettings
from app.analysis.nlp.themes import NO_THEME, HumanDecisions, HumanTheme, ThemeConfig, group_answers

KITA = [
    "Es gibt zu wenige Kita-Plätze, die Kinderbetreuung fehlt überall.",
    "Für unsere Kinder finden wir keinen Kitaplatz, die Kinderbetreuung ist zu knapp.",
    "Die Kita hat lange Wartelisten, Kinderbetreuung am Nachmittag fehlt.",
    "Mehr Kita-Plätze und bessere Kinderbetreuung für Familien.",
]
SPRACHE = [
    "Die Sprachkurse sind immer voll, wir brauchen mehr Sprachkurse.",
    "Sprachkurse am Abend wären gut, tagsüber arbeite ich.",
    "Ohne Deutschkurs und Sprachkurs findet man keinen Anschluss.",
    "Kostenlose Sprachkurse mit Kinderbetreuung wären hilfreich für Mütter.",
]
ARBEIT = [
    "Mein Berufsabschluss wird nicht anerkannt, deshalb finde ich keine Arbeit.",
    "Die Anerkennung der Berufsabschlüsse dauert zu lange, Arbeit fehlt.",
    "Arbeitgeber stellen selten Zugewanderte ein, Arbeit zu finden ist schwer.",
    "Das Jobcenter hilft kaum bei der Arbeitssuche und der Anerkennung.",
]
SMALL = SpaceSettings(dims=20, neighbours=1)


def small_config(**overrides) -> ThemeConfig:
    settings = {"k": 3, "space": SMALL, "segment_passages": False, "outlier_z": 2.5}
    settings.update(overrides)
    return ThemeConfig(**settings)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Bürger*innen", "Bürger"),
        ("Bürger:innen", "Bürger"),
        ("Bürger_innen", "Bürger"),
        ("BürgerInnen", "Bürger"),
        ("Mitarbeiter/innen", "Mitarbeiter"),
        ("Mitarbeiter/-innen", "Mitarbeiter"),
        ("Lehrer*in", "Lehrer"),
        ("Bürgerinnen und Bürger", "Bürger"),
    ],
)
def test_gendered_forms_become_readable_base_forms(written, expected):
    assert normalise_gendered_forms(f"Die {written} kommen.") == f"Die {expected} kommen."


def test_lemmas_drop_stop_words_and_join_inflections():
    analysed = analyse_texts(["Die Kinder besuchten die Schulen.", "Ein Kind besucht die Schule."])
    assert analysed.lemmas[0] == ["kind", "besuchen", "schule"]
    assert analysed.lemmas[1] == ["kind", "besuchen", "schule"]
    assert analysed.display_form("kind") == "Kind"


def test_english_texts_are_lemmatised():
    assert analyse_texts(["The children visited schools."], language="en").lemmas[0] == ["child", "visit", "school"]


def test_long_answer_splits_into_passages_with_offsets():
    text = " ".join(KITA[:2]) + " " + " ".join(ARBEIT[:2])
    passages = segment_answer("a1", text, min_chars=100)
    assert len(passages) == 2
    assert all(text[p.start : p.end] == p.text and p.answer_id == "a1" for p in passages)
    assert "Kinderbetreuung" in passages[0].text and "Arbeit" in passages[1].text


def test_grouping_finds_themes_with_readable_labels():
    result = group_answers(KITA + SPRACHE + ARBEIT, config=small_config())
    themes_of = [a.theme for a in result.answers]
    assert len(set(themes_of[0:4])) == 1 and len(set(themes_of[8:12])) == 1
    assert themes_of[0] != themes_of[8]
    labels = " / ".join(t.label for t in result.themes if not t.is_no_theme)
    assert "Kinderbetreuung" in labels and "Sprachkurse" in labels
    for theme in result.themes:
        for term in theme.terms:
            assert term[:1].isupper() or term.islower(), term
            assert term.lower() not in {"sprachkur", "kinderbetreu"}
        assert theme.size >= 1 and theme.quotes


def test_grouping_is_deterministic_for_a_seed():
    texts = KITA + SPRACHE + ARBEIT
    first = group_answers(texts, config=small_config(k=None, seed=3))
    second = group_answers(texts, config=small_config(k=None, seed=3))
    assert first.answers == second.answers and first.themes == second.themes


def test_unrelated_answer_fits_no_theme():
    texts = KITA + SPRACHE + ARBEIT + ["Xylophon Quastenflosser Zeppelin."]
    result = group_answers(texts, config=small_config())
    assert result.answers[-1].theme == NO_THEME
    assert result.theme(NO_THEME).size == 1


def test_answer_about_kita_and_work_lands_in_two_themes():
    mixed = " ".join(KITA[:3]) + " " + " ".join(ARBEIT[:3])
    config = small_config(segment_passages=True, passage_min_chars=120)
    result = group_answers(KITA + SPRACHE + ARBEIT + [mixed], config=config)
    kita_theme, work_theme = result.answers[0].theme, result.answers[8].theme
    assert set(result.answers[-1].themes) == {kita_theme, work_theme}


def test_rerun_keeps_human_decisions():
    ids = [f"a{i}" for i in range(12)]
    decisions = HumanDecisions(
        themes=(HumanTheme("h1", "Arbeit und Anerkennung", ("a8", "a9", "a0")),), no_theme_answer_ids=("a4",)
    )
    result = group_answers(KITA + SPRACHE + ARBEIT, ids, small_config(), decisions)
    by_id = {a.answer_id: a for a in result.answers}
    assert by_id["a0"].theme == 0 and by_id["a0"].is_pinned
    assert by_id["a4"].theme == NO_THEME
    human = result.theme(0)
    assert human.human_key == "h1" and human.label == "Arbeit und Anerkennung" and human.proposed_label
    assert by_id["a10"].theme == 0


def coded_set(per_theme: int) -> tuple[list[CodedAnswer], list[UncodedAnswer], list[str]]:
    groups = {"kita": KITA, "sprache": SPRACHE, "arbeit": ARBEIT}
    coded, uncoded, truth = [], [], []
    for code, texts in groups.items():
        for i, text in enumerate(texts):
            if i < per_theme:
                coded.append(CodedAnswer(f"{code}{i}", text, (code,)))
            else:
                uncoded.append(UncodedAnswer(f"{code}{i}", text))
                truth.append(code)
    return coded, uncoded, truth


def suggestion_hits(per_theme: int) -> float:
    coded, uncoded, truth = coded_set(per_theme)
    suggestions = suggest_codes(coded, uncoded, config=suggestion_config())
    return sum(s.suggested == t for s, t in zip(suggestions, truth, strict=True)) / len(truth)


def suggestion_config():
    from app.analysis.nlp.coding import SuggestionConfig

    return SuggestionConfig(space=SMALL, regularisation=10.0)


def test_suggestions_improve_with_more_labels():
    assert suggestion_hits(3) >= suggestion_hits(1)
    assert suggestion_hits(3) == 1.0


def test_suggestions_carry_confidence_and_ranking():
    coded, uncoded, _ = coded_set(2)
    suggestion = suggest_codes(coded, uncoded, config=suggestion_config())[0]
    assert 0 < suggestion.confidence <= 1 and suggestion.ranking[0] == (suggestion.suggested, suggestion.confidence)


def test_code_next_queue_returns_uncoded_answers():
    coded, uncoded, _ = coded_set(1)
    queue = pick_answers_to_code(coded, uncoded, count=3, config=suggestion_config())
    uncoded_ids = {a.answer_id for a in uncoded}
    assert len(queue) == 3 and {q.answer_id for q in queue} <= uncoded_ids
    assert [q.margin for q in queue] == sorted(q.margin for q in queue)


def test_agreement_report_gives_kappa_counts_and_verdict():
    coded, _, _ = coded_set(4)
    report = report_agreement(coded, config=suggestion_config(), folds=2)
    assert -1 <= report.kappa <= 1 and report.coded_count == 12
    assert {c.code: c.human_count for c in report.per_code} == {"arbeit": 4, "kita": 4, "sprache": 4}
    assert not report.is_trustworthy and "wenige" in report.verdict


FORBIDDEN_ROOTS = {"flask", "sqlalchemy", "werkzeug"}


def test_nlp_core_imports_no_web_or_database_code():
    package = Path(__file__).resolve().parents[2] / "app" / "analysis" / "nlp"
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""] if node.level == 0 else ["app.analysis.nlp"]
            else:
                continue
            for name in names:
                root = name.split(".")[0]
                assert root not in FORBIDDEN_ROOTS and not root.startswith("flask_"), f"{path}: {name}"
                assert root != "app" or name.startswith("app.analysis.nlp"), f"{path}: {name}"


def test_space_settings_follow_the_number_of_texts():
    from app.analysis.nlp.text_space import settings_for

    def texts(count, words=8):
        return [" ".join(f"wort{i}x{j}" for j in range(words)) for i in range(count)]

    assert (settings_for(texts(80)).dims, settings_for(texts(80)).neighbours) == (20, 5)
    assert (settings_for(texts(514, words=300)).dims, settings_for(texts(514)).neighbours) == (51, 34)
    assert (settings_for(texts(2314)).dims, settings_for(texts(2314)).neighbours) == (200, 40)
    # LSA cannot return more dimensions than there are distinct texts.
    assert settings_for(["gleich"] * 300 + ["anders", "noch anders"]).dims == 2


def test_sentence_vectors_keep_their_neighbours_in_fewer_directions():
    import numpy as np

    from app.analysis.nlp.embeddings import principal_directions, unit_rows

    rng = np.random.default_rng(1)
    centres = rng.standard_normal((6, 384)).astype(np.float32)
    label = rng.integers(0, 6, 600)
    vectors = unit_rows(centres[label] + 0.25 * rng.standard_normal((600, 384)).astype(np.float32))
    reduced = principal_directions(vectors, 16)
    assert reduced.shape == (600, 16) and np.allclose(np.linalg.norm(reduced, axis=1), 1, atol=1e-5)
    nearest = (reduced @ reduced.T - 2 * np.eye(600)).argmax(axis=1)
    assert (label[nearest] == label).mean() > 0.95
    assert principal_directions(vectors[:10], 16).shape == (10, 384)  # too few to reduce: unchanged

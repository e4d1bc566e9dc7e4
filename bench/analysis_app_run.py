"""In-app analysis timings: first run, re-run keeping human decisions, code suggestions, summaries, exports.

Each size runs in a fresh scratch SQLite database (temporary directory, removed at
the end). Answers are synthesised from a small bank of German sentences on six
integration topics (1–3 sentences each). Prints a table; stops by itself.

    .venv/bin/python bench/analysis_app_run.py --sizes 200,1000
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SENTENCES = {
    "kita": ["Es fehlen Kita-Plätze im Stadtteil.", "Die Betreuung am Nachmittag reicht nicht.",
             "Eltern warten lange auf einen Kita-Platz.", "Die Kita könnte länger geöffnet sein."],
    "sprache": ["Die Sprachkurse sind voll.", "Deutschkurse am Abend wären hilfreich.",
                "Sprachkurse mit Kinderbetreuung fehlen.", "Das Sprachcafé in der Bücherei ist gut."],
    "verein": ["Der Sportverein ist offen für alle.", "Vereine sollten neue Mitglieder aktiv ansprechen.",
               "Im Verein fühlen sich Zugewanderte nicht immer willkommen.", "Die Beiträge im Verein sind hoch."],
    "arbeit": ["Berufsabschlüsse werden zu langsam anerkannt.", "Praktika in Betrieben helfen beim Einstieg.",
               "Die Ausbildung scheitert oft an der Sprache.", "Arbeitgeber sollten offener sein."],
    "wohnen": ["Wohnungen sind knapp und teuer.", "Bei Besichtigungen gibt es Absagen wegen des Namens.",
               "Im Viertel fehlt bezahlbarer Wohnraum.", "Die Nachbarschaft hilft sich gegenseitig."],
    "dialog": ["Stadtteilfeste bringen Menschen zusammen.", "Es braucht mehr Orte der Begegnung.",
               "Die Moscheegemeinde lädt zum Tag der offenen Tür ein.", "Diskriminierung im Alltag ist ein Problem."],
}


def _answers(count: int, rng: random.Random) -> list[tuple[str, str]]:
    topics = list(SENTENCES)
    result = []
    for _ in range(count):
        topic = rng.choice(topics)
        picked = rng.sample(SENTENCES[topic], rng.randint(1, 3))
        if rng.random() < 0.3:
            picked.append(rng.choice(SENTENCES[rng.choice(topics)]))
        result.append((topic, " ".join(picked)))
    return result


def measure(size: int, seed: int = 0) -> dict[str, float]:
    """Return seconds per step for one synthetic survey of ``size`` answers."""
    from app import create_app
    from app.analysis import board, codebook, exports, qdpx, queries, services
    from app.analysis.models import Passage
    from app.auth import services as auth_services
    from app.extensions import db
    from app.projects import services as project_services
    from app.surveys.models import Answer, Question, Respondent, Survey

    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.db",
                          "JOBS_BACKEND": "inline"})
        with app.app_context():
            db.create_all()
            user = auth_services.create_user("bench@example.org", "correct-horse-battery", ["project_lead"])
            project = project_services.create_project(title="Bench", municipality="Bench", template="monheim_2016")
            survey = Survey(project_id=project.id, title="Bench")
            db.session.add(survey)
            db.session.flush()
            question = Question(survey_id=survey.id, position=1, kind="free_text", text="Was fehlt?")
            db.session.add(question)
            db.session.flush()
            groups = project.stakeholder_groups
            for number, (_topic, text) in enumerate(_answers(size, rng), start=1):
                person = Respondent(survey_id=survey.id, pseudonym=f"B-{number:05d}", status="completed",
                                    stakeholder_group_id=groups[number % len(groups)].id,
                                    migration_history=rng.choice(["yes", "no", "not_stated"]))
                db.session.add(person)
                db.session.flush()
                db.session.add(Answer(respondent_id=person.id, question_id=question.id, value=text))
            db.session.commit()
            timings: dict[str, float] = {}
            analysis = services.create_analysis(project, title="Bench", scope="survey", survey_id=survey.id)
            start = time.perf_counter()
            services.run_analysis(analysis)
            timings["first run"] = time.perf_counter() - start

            themes = list(analysis.themes)
            board.rename_theme(themes[0], label="Umbenannt")
            if len(themes) > 2:
                board.merge_themes(themes[1], [themes[2]], user)
            passages = db.session.query(Passage).order_by(Passage.id).limit(40).all()
            for passage in passages[:10]:
                board.move_passage(passage, themes[0], user)
            start = time.perf_counter()
            services.run_analysis(analysis)
            timings["re-run (human decisions kept)"] = time.perf_counter() - start

            codes = [codebook.create_code(analysis, name=name) for name in ("Lücke", "Wunsch", "Stärke")]
            for index, passage in enumerate(passages):
                codebook.set_passage_codes(passage, [codes[index % 3].id], user)
            start = time.perf_counter()
            codebook.suggest_codes(analysis)
            timings["code suggestions + queue + reliability"] = time.perf_counter() - start

            start = time.perf_counter()
            queries.themes_for_project(project.id)
            timings["themes_for_project (contract 2)"] = time.perf_counter() - start
            start = time.perf_counter()
            queries.compare_themes(analysis, "migration_history")
            timings["group comparison"] = time.perf_counter() - start
            start = time.perf_counter()
            exports.build_xlsx(list(exports.export_tables(analysis).values()))
            timings["Excel export"] = time.perf_counter() - start
            start = time.perf_counter()
            qdpx.build_qdpx(qdpx.qdpx_project(analysis))
            timings["REFI-QDA export"] = time.perf_counter() - start
            timings["passages"] = float(db.session.query(Passage).count())
            timings["themes"] = float(len(analysis.themes))
            db.session.remove()
            db.engine.dispose()
    return timings


def main() -> None:
    """Run the sizes and print one table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,1000", help="comma-separated answer counts (max 5000)")
    args = parser.parse_args()
    sizes = [min(int(s), 5000) for s in args.sizes.split(",") if s.strip()]
    results = {size: measure(size) for size in sizes}
    steps = list(next(iter(results.values())))
    print("| step | " + " | ".join(f"{s} answers" for s in sizes) + " |")
    print("|---|" + "---:|" * len(sizes))
    for step in steps:
        cells = [f"{results[s][step]:.0f}" if step in ("passages", "themes") else f"{results[s][step]:.2f} s"
                 for s in sizes]
        print(f"| {step} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()

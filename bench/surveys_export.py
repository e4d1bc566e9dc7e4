"""Excel (and CSV) export of a large survey: time and peak memory, measured in fresh subprocesses.

A scratch SQLite file is filled with N respondents x Q questions (free text, choices, scales;
bulk inserts), then each export runs in its own subprocess that reports wall time and peak RSS
(resource.getrusage ru_maxrss) — and the RSS right before exporting, so the export's own share
is visible. openpyxl writes in write-only mode.

    .venv/bin/python bench/surveys_export.py --respondents 10000 --questions 20
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SECRETS = {"SECRET_KEY": "bench-secret", "TOKEN_PEPPER": "bench-pepper"}
WORDS = ("Sprachkurse Kita Arbeit Anerkennung Wohnung Nachbarschaft Verein Moschee Jugend Ehrenamt Schule "
         "Begegnung Diskriminierung Ausbildung Beratung Stadtteil").split()


def seed(database_url: str, respondents: int, questions: int) -> int:
    """Create a survey with ``questions`` questions and ``respondents`` completed answer sheets."""
    os.environ["DATABASE_URL"] = database_url
    import logging

    from sqlalchemy import insert

    from app import create_app
    from app.auth.models import utcnow
    from app.extensions import db
    from app.projects import services as project_services
    from app.surveys import guides, services
    from app.surveys.models import Answer, Respondent

    logging.disable(logging.INFO)
    app = create_app(dict(SECRETS))
    rng = random.Random(7)
    with app.app_context():
        db.create_all()
        project = project_services.create_project(title="Export", municipality="Monheim am Rhein",
                                                  template="monheim_2016")
        survey = services.create_survey(project, title="Große Befragung")
        section = survey.sections[0]
        kinds = ["free_text", "free_text", "single_choice", "multiple_choice", "scale"]
        plan = []
        for number in range(questions):
            kind = kinds[number % len(kinds)]
            options = "a = Eins\nb = Zwei\nc = Drei\nd = Vier" if kind in ("single_choice", "multiple_choice") else None
            plan.append((guides.add_question(section, kind=kind, text=f"Frage {number + 1}", options=options).id,
                        kind))
        now = utcnow()
        groups = [g.id for g in project.stakeholder_groups]
        batch = 1000
        for start in range(0, respondents, batch):
            rows = [{"survey_id": survey.id, "pseudonym": f"O-{n:06d}", "status": "completed", "channel": "public",
                     "migration_history": rng.choice(["yes", "no", "not_stated"]), "district": "", "age_band": "",
                     "language": "de", "stakeholder_group_id": rng.choice(groups), "created_at": now}
                    for n in range(start, min(respondents, start + batch))]
            ids = db.session.scalars(insert(Respondent).returning(Respondent.id), rows).all()
            answers = []
            for respondent_id in ids:
                for question_id, kind in plan:
                    value = {"free_text": lambda: " ".join(rng.choices(WORDS, k=rng.randint(8, 40))) + ".",
                             "single_choice": lambda: rng.choice("abcd"),
                             "multiple_choice": lambda: sorted(rng.sample("abcd", k=2)),
                             "scale": lambda: rng.randint(1, 5)}[kind]()
                    answers.append({"respondent_id": respondent_id, "question_id": question_id, "value": value,
                                    "updated_at": now})
            db.session.execute(insert(Answer), answers)
            db.session.commit()
        survey_id = survey.id
        db.engine.dispose()
    return survey_id


def measure(database_url: str, survey_id: int, fmt: str) -> dict:
    """Run one export in this process and report time, size and memory (called in a subprocess)."""
    os.environ["DATABASE_URL"] = database_url
    import logging

    from app import create_app
    from app.extensions import db
    from app.surveys import exports
    from app.surveys.models import Survey

    logging.disable(logging.INFO)
    app = create_app(dict(SECRETS))
    with app.app_context():
        survey = db.session.get(Survey, survey_id)
        survey.ordered_questions()
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        table = exports.answer_table(survey)
        shaped = time.perf_counter() - started
        data = exports.build_xlsx(table).getvalue() if fmt == "xlsx" else exports.build_csv(table)
        total = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"format": fmt, "rows": len(table.rows), "columns": len(table.header), "seconds": round(total, 2),
            "shape_seconds": round(shaped, 2), "bytes": len(data), "rss_before_mb": round(before / 1024),
            "peak_rss_mb": round(peak / 1024)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--respondents", type=int, default=10_000)
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument("--measure", nargs=3, metavar=("URL", "SURVEY", "FORMAT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        url, survey_id, fmt = args.measure
        print(json.dumps(measure(url, int(survey_id), fmt)))
        return
    respondents = max(1, min(args.respondents, 100_000))
    questions = max(1, min(args.questions, 100))
    workdir = Path(tempfile.mkdtemp(prefix="bench_surveys_export_"))
    try:
        url = "sqlite:///" + str(workdir / "export.db")
        started = time.perf_counter()
        survey_id = seed(url, respondents, questions)
        print(f"seeded {respondents} respondents x {questions} questions in {time.perf_counter() - started:.1f} s")
        print(f"{'format':<7}{'rows':>8}{'cols':>6}{'seconds':>9}{'shape s':>9}{'MB file':>9}"
              f"{'RSS before':>12}{'peak RSS':>10}")
        for fmt in ("xlsx", "csv"):
            output = subprocess.run([sys.executable, __file__, "--measure", url, str(survey_id), fmt], cwd=ROOT,
                                    capture_output=True, text=True, check=True, timeout=900)
            result = json.loads(output.stdout.strip().splitlines()[-1])
            print(f"{result['format']:<7}{result['rows']:>8}{result['columns']:>6}{result['seconds']:>9}"
                  f"{result['shape_seconds']:>9}{result['bytes'] / 1e6:>9.1f}{result['rss_before_mb']:>10} MB"
                  f"{result['peak_rss_mb']:>7} MB")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()

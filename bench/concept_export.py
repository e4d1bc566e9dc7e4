"""Time and peak memory of the Word export: the demo concept, and a concept with 10 fields and 300 measures.

Each case runs in its own subprocess on a scratch SQLite file (so ru_maxrss is that case's peak),
exports the whole concept ``--repeat`` times and reports the median wall and CPU time (CPU time is
what a shared, loaded machine distorts least), the file size and the peak resident memory.

    .venv/bin/python bench/concept_export.py [--repeat 3]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _large_concept():
    from app.concept import plans, services
    from app.projects import services as project_services

    project = project_services.create_project(title="Bench: 10 Handlungsfelder", municipality="Benchstadt",
                                              template="monheim_2016")
    for number in range(len(project.fields_of_action) + 1, 11):
        project_services.add_field_of_action(project, f"Handlungsfeld {number}")
    concept = services.create_concept(project)
    for section in concept.sections:
        section.body = ("Ein Absatz mit **Hervorhebung** und einem längeren Text über Ziele, Wege und Beteiligte. " * 6
                        + "\n\n- erster Punkt\n- zweiter Punkt\n\n> „Ein Zitat aus der Befragung“")
    statuses = ("running", "planned", "done", "planned", "running")
    for field in project.fields_of_action:
        goals = []
        for g in range(3):
            guiding = plans.create_goal(concept, field, kind="guiding_goal",
                                        title=f"Leitziel {g + 1} – {field.name}")
            goals.append(plans.create_goal(concept, field, kind="action_goal", title=f"Handlungsziel {g + 1}.1",
                         parent=guiding))
        for m in range(30):
            measure = plans.create_measure(
                concept, field, title=f"Maßnahme {m + 1} im Feld {field.name}",
                description="Beschreibung der Maßnahme mit **Schwerpunkt** und Zielgruppe. " * 3,
                steps="Schritt eins planen\nSchritt zwei umsetzen\nSchritt drei auswerten", period="2027–2029",
                cost_amount=Decimal("12500.00") if m % 2 else None,
                cost_text="" if m % 2 else "im Rahmen vorhandener Mittel",
                implemented_by="Integrationsbüro, VHS, Jobcenter", status=statuses[m % len(statuses)],
                goal_ids=[goals[m % 3].id])
            if m % 10 == 0:
                plans.add_indicator(measure, name="Teilnehmende", unit="Personen", baseline="10", target="50",
                                    current="20")
    return concept


def run_case(case: str, repeat: int) -> dict:
    """Build the case's data in a scratch database and time the export (runs inside the child process)."""
    sys.path.insert(0, str(ROOT))
    from app import create_app
    from app.extensions import db

    workdir = tempfile.mkdtemp(prefix="bench_concept_")
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir}/bench.db",
                      "WTF_CSRF_ENABLED": False})
    with app.app_context():
        db.create_all()
        if case == "demo":
            from app.demo import load_demo

            load_demo()
            from app.concept.models import Concept

            concept = db.session.query(Concept).one()
        else:
            concept = _large_concept()
        from app.concept import exports
        from app.concept.models import Measure

        measures = db.session.query(Measure).filter_by(concept_id=concept.id).count()
        fields = len(concept.project.fields_of_action)
        before = _peak_mib()
        times, cpu, size = [], [], 0
        for _ in range(repeat):
            db.session.expire_all()
            start, start_cpu = time.perf_counter(), time.process_time()
            data = exports.export_concept(concept).getvalue()
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
            size = len(data)
        return {"case": case, "fields": fields, "measures": measures, "median_s": statistics.median(times),
                "max_s": max(times), "median_cpu_s": statistics.median(cpu), "bytes": size,
                "peak_before_mib": before, "peak_mib": _peak_mib()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--case", choices=("demo", "large"))
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case, max(1, min(args.repeat, 20)))))
        return
    rows = []
    for case in ("demo", "large"):
        child = subprocess.run([sys.executable, __file__, "--case", case, "--repeat", str(args.repeat)],
                               capture_output=True, text=True, timeout=900, cwd=ROOT,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
        if child.returncode != 0:
            sys.exit(child.stderr[-2000:])
        rows.append(json.loads(child.stdout.strip().splitlines()[-1]))
    print(f"{'case':<6} {'fields':>6} {'measures':>8} {'median s':>9} {'max s':>7} {'cpu s':>6} {'KiB':>7} "
          f"{'RSS before MiB':>14} {'peak RSS MiB':>12}")
    for r in rows:
        print(f"{r['case']:<6} {r['fields']:>6} {r['measures']:>8} {r['median_s']:>9.2f} {r['max_s']:>7.2f} "
              f"{r['median_cpu_s']:>6.2f} {r['bytes'] // 1024:>7} {r['peak_before_mib']:>14.0f} {r['peak_mib']:>12.0f}")


if __name__ == "__main__":
    main()

"""Render the demo concept's Word export as LibreOffice prints it: PDF and PNG pages for reviewers.

Exports the demo concept whole and as one chapter, without and with a municipal template
(tests/concept/municipal_template.py), converts each with LibreOffice headless (a private profile per
run) and renders pages with pdftoppm. ``--keep`` copies the chosen pages to bench/concept_pages/.

    .venv/bin/python bench/concept_pages.py --out /tmp/concept_pages [--keep] [--dpi 60]
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: (variant, pages) copied into bench/concept_pages/ with --keep.
KEPT_PAGES = {"konzept": (1, 2, 7, 9, 26), "konzept-vorlage": (7, 9, 27), "kapitel-vorlage": (1, 3, 5)}


def export_demo(out: Path) -> list[Path]:
    """Load the demo into a scratch database and write the four exports; return their paths."""
    sys.path.insert(0, str(ROOT))
    from app import create_app
    from app.extensions import db
    from tests.concept.municipal_template import municipal_template_docx

    workdir = tempfile.mkdtemp(prefix="concept_pages_")
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir}/demo.db",
                      "WTF_CSRF_ENABLED": False})
    paths = []
    with app.app_context():
        db.create_all()
        from app.concept import exports
        from app.concept.models import Concept
        from app.demo import load_demo

        load_demo()
        concept = db.session.query(Concept).one()
        field = concept.project.fields_of_action[1]
        for suffix, template in (("", None), ("-vorlage", municipal_template_docx())):
            concept.template_docx = template
            for name, chapter in (("konzept", None), ("kapitel", field)):
                path = out / f"{name}{suffix}.docx"
                path.write_bytes(exports.export_concept(concept, chapter).getvalue())
                paths.append(path)
    return paths


def render(paths: list[Path], out: Path, dpi: int) -> dict[str, list[Path]]:
    """Convert to PDF with LibreOffice headless and render PNG pages; return the pages per variant."""
    profile = tempfile.mkdtemp(prefix="lo_profile_")
    office = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run([office, "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to", "pdf",
                    "--outdir", str(out), *map(str, paths)], check=True, capture_output=True, timeout=300)
    pages = {}
    for path in paths:
        pdf = path.with_suffix(".pdf")
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(out / path.stem)], check=True)
        pages[path.stem] = sorted(out.glob(f"{path.stem}-*.png"))
    shutil.rmtree(profile, ignore_errors=True)
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(tempfile.mkdtemp(prefix="concept_pages_out_")))
    parser.add_argument("--dpi", type=int, default=60)
    parser.add_argument("--keep", action="store_true", help="copy the chosen pages to bench/concept_pages/")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    pages = render(export_demo(args.out), args.out, args.dpi)
    for variant, files in pages.items():
        print(f"{variant}: {len(files)} pages in {args.out}")
    if args.keep:
        target = ROOT / "bench" / "concept_pages"
        target.mkdir(exist_ok=True)
        for variant, numbers in KEPT_PAGES.items():
            for number in numbers:
                if number <= len(pages[variant]):
                    shutil.copy(pages[variant][number - 1], target / f"{variant}-{number:02d}.png")


if __name__ == "__main__":
    main()

"""Command-line tests: `python -m app.analysis` on good and bad CSV files.

Most tests call the command line's main(argv) in-process (a subprocess pays
the spaCy and scikit-learn imports each time); two real subprocess runs check
the module entry point, the exit code and the one-line error on stderr.
"""

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from app.analysis.__main__ import main

ROOT = Path(__file__).resolve().parents[2]
ANSWERS = [
    ("a1", "Es fehlen Kita-Plätze, die Kinderbetreuung ist knapp.", "kita"),
    ("a2", "Mehr Kinderbetreuung und Kita-Plätze für Familien.", "kita"),
    ("a3", "Die Kita hat lange Wartelisten für Kinderbetreuung.", "kita"),
    ("a4", "Die Sprachkurse sind voll, wir brauchen mehr Sprachkurse.", "sprache"),
    ("a5", "Sprachkurse am Abend wären gut für Berufstätige.", "sprache"),
    ("a6", "Kostenlose Sprachkurse für alle Zugewanderten.", "sprache"),
]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app.analysis", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def run_main(capsys, *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().err


def write_csv(path: Path, rows, delimiter=",", encoding="utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(["id", "text", "code"])
        writer.writerows(rows)
    return path


def read_output(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_themes_writes_one_row_per_answer_from_semicolon_csv(tmp_path, capsys):
    source = write_csv(tmp_path / "answers.csv", ANSWERS, delimiter=";", encoding="utf-8-sig")
    out = tmp_path / "themes.csv"
    code, err = run_main(capsys, "themes", str(source), "--text-column", "text", "--k", "2", "--output", str(out))
    assert code == 0, err
    rows = read_output(out)
    assert [r["id"] for r in rows] == ["1", "2", "3", "4", "5", "6"]
    assert rows[0]["theme"] == rows[1]["theme"] != rows[3]["theme"]
    assert all(r["theme_label"] for r in rows)


def test_suggest_writes_code_and_confidence(tmp_path, capsys):
    train = write_csv(tmp_path / "coded.csv", ANSWERS[:2] + ANSWERS[3:5])
    source = write_csv(tmp_path / "new.csv", [ANSWERS[2], ANSWERS[5]])
    out = tmp_path / "suggested.csv"
    code, err = run_main(
        capsys, "suggest", "--train", str(train), "--input", str(source), "--text-column", "text",
        "--label-column", "code", "--id-column", "id", "--output", str(out),
    )
    assert code == 0, err
    rows = read_output(out)
    assert [r["id"] for r in rows] == ["a3", "a6"]
    assert all(0 < float(r["confidence"]) <= 1 and r["suggested"] in {"kita", "sprache"} for r in rows)


@pytest.mark.parametrize(
    ("content", "encoding", "message"),
    [
        (None, None, "not found"),
        ("", "utf-8", "empty"),
        ("id,text\n1,Grüße aus Köln\n", "latin-1", "UTF-8"),
        ("id,text\n1,Grüße aus Köln\n", "utf-16", "UTF-16"),
        ("id,body\n1,Hallo\n", "utf-8", "no column 'text'"),
    ],
)
def test_bad_files_get_one_clear_line_and_exit_code_2(tmp_path, capsys, content, encoding, message):
    source = tmp_path / "answers.csv"
    if content is not None:
        source.write_bytes(content.encode(encoding))
    code, err = run_main(capsys, "themes", str(source), "--text-column", "text", "--output", str(tmp_path / "out.csv"))
    assert code == 2
    assert message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("content", "message"), [(None, "not found"), ("id,body\n1,Hallo\n", "no column 'text'")]
)
def test_module_entry_point_reports_bad_file_on_one_line_with_exit_code_2(tmp_path, content, message):
    source = tmp_path / "answers.csv"
    if content is not None:
        source.write_text(content, encoding="utf-8")
    result = run_cli("themes", str(source), "--text-column", "text", "--output", str(tmp_path / "out.csv"))
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def _mixed_rows():
    from tests.analysis.test_vectors import MIXED

    return [(f"m{i}", text, theme, language) for i, (theme, language, text) in enumerate(MIXED)]


def _write_mixed(path: Path, with_language: bool) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["id", "text", "code"] + (["sprache"] if with_language else []))
        for answer_id, text, theme, language in _mixed_rows():
            writer.writerow([answer_id, text, theme] + ([language] if with_language else []))
    return path


def test_themes_on_a_mixed_language_file_detects_languages_and_mixes_them(tmp_path, capsys):
    source = _write_mixed(tmp_path / "mixed.csv", with_language=False)
    out = tmp_path / "themes.csv"
    code, err = run_main(capsys, "themes", str(source), "--text-column", "text", "--id-column", "id", "--k", "3",
                         "--output", str(out))
    assert code == 0, err
    assert "in 3 languages" in err and "placed by meaning" in err
    rows = read_output(out)
    truth = {answer_id: (theme, language) for answer_id, _t, theme, language in _mixed_rows()}
    assert all(r["language"] == truth[r["id"]][1] for r in rows)
    for theme in {r["theme"] for r in rows}:
        members = [r for r in rows if r["theme"] == theme]
        assert len({r["language"] for r in members}) == 3


def test_language_column_overrides_detection_and_words_only_groups_by_words(tmp_path, capsys):
    source = _write_mixed(tmp_path / "mixed.csv", with_language=True)
    out = tmp_path / "themes.csv"
    code, err = run_main(capsys, "themes", str(source), "--text-column", "text", "--language-column", "sprache",
                         "--k", "3", "--words-only", "--output", str(out))
    assert code == 0, err
    assert "placed by words" in err
    assert [r["language"] for r in read_output(out)] == [language for *_rest, language in _mixed_rows()]


def test_suggest_on_mixed_languages_uses_meaning(tmp_path, capsys):
    rows = _mixed_rows()
    train, new = tmp_path / "train.csv", tmp_path / "new.csv"
    write_csv(train, [(i, t, c) for i, t, c, lang in rows if lang == "de"])
    write_csv(new, [(i, t, c) for i, t, c, lang in rows if lang != "de"])
    out = tmp_path / "suggested.csv"
    code, err = run_main(capsys, "suggest", "--train", str(train), "--input", str(new), "--text-column", "text",
                         "--label-column", "code", "--id-column", "id", "--output", str(out))
    assert code == 0, err
    truth = {i: c for i, _t, c, _l in rows}
    found = read_output(out)
    assert len(found) == 18 and sum(r["suggested"] == truth[r["id"]] for r in found) >= 15

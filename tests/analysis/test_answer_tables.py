"""Reading answer tables: the standard CSV dialect with only the delimiter sniffed.

`csv.Sniffer` once decided `doublequote=False` for a well-formed file whose
texts contained `""` and silently cut those texts; these tests write files the
way spreadsheets and Python's csv module do and check every text comes back whole.
"""

import csv

import pytest

from app.analysis.nlp.answer_tables import AnswerTableError, read_answer_table

TEXTS = [
    'Der Kurs heißt "Deutsch im Alltag" und ist immer voll.',
    'Sie sagte: "Wir warten seit Monaten", dann ging sie.',
    "Erste Zeile\nzweite Zeile; mit Semikolon, und Komma",
    'Ein "Zitat" mit\r\nWindows-Zeilenumbruch',
    "Ganz normal ohne Anführungszeichen",
]


def _write(path, delimiter, encoding="utf-8"):
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(["id", "text"])
        writer.writerows([str(i), text] for i, text in enumerate(TEXTS, start=1))
    return path


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_doubled_quotes_and_line_breaks_survive_with_any_delimiter_and_bom(tmp_path, delimiter, encoding):
    table = read_answer_table(_write(tmp_path / "a.csv", delimiter, encoding), ("id", "text"))
    assert table.columns == ("id", "text")
    assert table.column("text") == TEXTS
    assert table.column("id") == ["1", "2", "3", "4", "5"]


def test_many_rows_with_doubled_quotes_are_not_cut(tmp_path):
    """The file shape that fooled the sniffer: many quoted texts, some with "" inside."""
    texts = [f'Antwort {i}: die Stelle "{i}" im Text, und weiter.' if i % 7 == 0 else f"Antwort {i}, ganz schlicht"
             for i in range(300)]
    path = tmp_path / "many.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", quoting=csv.QUOTE_ALL)
        writer.writerow(["id", "text"])
        writer.writerows([str(i), text] for i, text in enumerate(texts))
    assert read_answer_table(path, ("text",)).column("text") == texts


def test_quoted_header_with_delimiter_inside_uses_the_real_delimiter(tmp_path):
    path = tmp_path / "h.csv"
    path.write_text('"id";"Ihre Antwort, bitte"\n1;"Mehr ""Grün"" in der Stadt"\n', encoding="utf-8")
    table = read_answer_table(path, ("Ihre Antwort, bitte",))
    assert table.column("Ihre Antwort, bitte") == ['Mehr "Grün" in der Stadt']


def test_single_column_file_reads_whole_lines(tmp_path):
    path = tmp_path / "one.csv"
    path.write_text('text\n"Ein Satz, mit Komma"\nNoch einer\n', encoding="utf-8")
    assert read_answer_table(path, ("text",)).column("text") == ["Ein Satz, mit Komma", "Noch einer"]


def test_header_without_rows_is_reported(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("id;text\n", encoding="utf-8")
    with pytest.raises(AnswerTableError, match="no rows"):
        read_answer_table(path, ("text",))

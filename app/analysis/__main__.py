"""Command line for the analysis core: `python -m app.analysis themes|suggest ...` (no Flask app needed).

It calls the same functions as the app (`app.analysis.grouping.group_texts` / `suggest_codes`),
so a file gives the same groups as the same answers analysed in the app (unit "answer"). Where
the app reads each answer's stored sentence vector and language, the command line detects the
languages (or reads `--language-column`) and encodes the answers on the fly with a progress bar;
`--words-only` skips that and groups by words alone, as the app does while vectors are missing.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from app.analysis.nlp.answer_tables import AnswerTableError, read_answer_table


def _progress_bar(title: str = "") -> tuple[Callable[[float, str], None], Callable[[], None]]:
    from tqdm import tqdm

    bar = tqdm(total=100, file=sys.stderr, disable=not sys.stderr.isatty(), bar_format="{l_bar}{bar}| {n:.0f}%",
               desc=title)

    def report(fraction: float, message: str) -> None:
        bar.set_description(message)
        bar.update(max(0.0, fraction * 100 - bar.n))

    return report, bar.close


def _ids(table_ids: list[str] | None, count: int) -> list[str]:
    return table_ids if table_ids is not None else [str(i) for i in range(1, count + 1)]


def _write(path: str, header: list[str], rows: list[list[object]]) -> None:
    with Path(path).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def _languages(table, args, texts: list[str]) -> list[str]:
    if args.language_column:
        return [code.strip().lower() or args.language for code in table.column(args.language_column)]
    from app.analysis.nlp.languages import detect_languages

    return [code if code != "und" else args.language for code in detect_languages(texts)]


def _vectors(texts: list[str], args):
    """Sentence vectors for the texts (encoded now, with a progress bar), or None with --words-only."""
    if args.words_only:
        return None
    from app.analysis.nlp.embeddings import encode_texts

    report, close = _progress_bar("Encoding answers")
    try:
        return encode_texts(texts, progress=report)
    finally:
        close()


def run_themes(args: argparse.Namespace) -> None:
    """Group the answers of a CSV file into themes and write id, theme, theme_label, language."""
    required = (args.text_column,) + tuple(c for c in (args.id_column, args.language_column) if c)
    table = read_answer_table(args.input, required)
    ids = _ids(table.column(args.id_column) if args.id_column else None, len(table.rows))
    if len(set(ids)) != len(ids):
        raise AnswerTableError(f"{args.input}: column {args.id_column!r} has duplicate ids.")
    # Imported only now, so a bad file is reported without loading spaCy and scikit-learn.
    from app.analysis.grouping import group_texts

    texts = table.column(args.text_column)
    languages = _languages(table, args, texts)
    vectors = _vectors(texts, args)
    report, close = _progress_bar("Grouping")
    try:
        result = group_texts(texts, theme_count=args.k, language=args.language, seed=args.seed, progress=report,
                             embeddings=vectors, languages=languages if vectors is not None else None)
    finally:
        close()
    counts = Counter(languages)
    print(f"{len(texts)} answers in {len(counts)} languages "
          f"({', '.join(f'{code} {n}' for code, n in counts.most_common())}); placed by {result.vector_source}.",
          file=sys.stderr)
    no_theme = "Kein Thema" if args.language == "de" else "No theme"
    _write(args.output, ["id", "theme", "theme_label", "language"],
           [[answer_id, cluster, result.label(cluster) if cluster >= 0 else no_theme, language]
            for answer_id, cluster, language in zip(ids, result.clusters, languages, strict=True)])


def run_suggest(args: argparse.Namespace) -> None:
    """Train on coded answers and write id, suggested, confidence for each input answer."""
    extra = tuple(c for c in (args.id_column, args.language_column) if c)
    train = read_answer_table(args.train, (args.text_column, args.label_column) + extra)
    table = read_answer_table(args.input, (args.text_column,) + extra)
    from app.analysis.grouping import suggest_codes

    coded_rows = [(text, code.strip()) for text, code in
                  zip(train.column(args.text_column), train.column(args.label_column), strict=True) if code.strip()]
    names = sorted({code for _text, code in coded_rows})
    if len(names) < 2:
        raise ValueError("code suggestion needs at least two different codes among the coded answers")
    number = {name: i for i, name in enumerate(names)}
    ids = _ids(table.column(args.id_column) if args.id_column else None, len(table.rows))
    new_texts = table.column(args.text_column)
    texts = [text for text, _code in coded_rows] + new_texts
    labels = {i: [number[code]] for i, (_text, code) in enumerate(coded_rows)}
    coded_table_languages = _languages(train, args, train.column(args.text_column))
    coded_languages = [lang for lang, (_t, code) in zip(coded_table_languages,
                                                         zip(train.column(args.text_column),
                                                             train.column(args.label_column), strict=True),
                                                         strict=True) if code.strip()]
    languages = coded_languages + _languages(table, args, new_texts)
    vectors = _vectors(texts, args)
    report, close = _progress_bar("Suggesting codes")
    try:
        run = suggest_codes(texts, labels, language=args.language, minimum=0.0, queue_length=0, progress=report,
                            embeddings=vectors, languages=languages if vectors is not None else None)
    finally:
        close()
    best: dict[int, tuple[int, float]] = {}
    for item in run.suggestions:
        if item.index not in best or item.confidence > best[item.index][1]:
            best[item.index] = (item.code, item.confidence)
    offset = len(coded_rows)
    rows = [[answer_id, names[best[offset + i][0]], f"{best[offset + i][1]:.3f}"]
            for i, answer_id in enumerate(ids) if offset + i in best]
    _write(args.output, ["id", "suggested", "confidence"], rows)


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser for the analysis command line."""
    parser = argparse.ArgumentParser(prog="python -m app.analysis", description="Group answers into themes or suggest codes.")
    commands = parser.add_subparsers(dest="command", required=True)
    themes = commands.add_parser("themes", help="group answers into themes")
    themes.add_argument("input")
    themes.add_argument("--k", type=int, default=None, help="number of themes (default: chosen from the data)")
    themes.add_argument("--seed", type=int, default=0)
    themes.set_defaults(run=run_themes)
    suggest = commands.add_parser("suggest", help="suggest codes for uncoded answers")
    suggest.add_argument("--train", required=True, help="CSV with coded answers")
    suggest.add_argument("--input", required=True, help="CSV with answers to code")
    suggest.add_argument("--label-column", required=True)
    suggest.set_defaults(run=run_suggest)
    for command in (themes, suggest):
        command.add_argument("--text-column", required=True)
        command.add_argument("--id-column", default=None)
        command.add_argument("--language", default="de", choices=("de", "en"),
                             help="language of theme labels and of the word processing (answers may be in any)")
        command.add_argument("--language-column", default=None,
                             help="column with each answer's language code (default: detected)")
        command.add_argument("--words-only", action="store_true",
                             help="group by words alone, without encoding the answers (fast; one language only)")
        command.add_argument("--output", required=True)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return the exit code."""
    args = build_parser().parse_args(argv)
    try:
        args.run(args)
    except (AnswerTableError, ValueError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

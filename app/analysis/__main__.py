"""Command line for the analysis core: `python -m app.analysis themes|suggest ...` (no Flask app needed)."""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Callable
from pathlib import Path

from app.analysis.nlp.answer_tables import AnswerTableError, read_answer_table


def _progress_bar() -> tuple[Callable[[float, str], None], Callable[[], None]]:
    from tqdm import tqdm

    bar = tqdm(total=100, file=sys.stderr, disable=not sys.stderr.isatty(), bar_format="{l_bar}{bar}| {n:.0f}%")

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


def run_themes(args: argparse.Namespace) -> None:
    """Group the answers of a CSV file into themes and write id, theme, theme_label."""
    required = (args.text_column,) + ((args.id_column,) if args.id_column else ())
    table = read_answer_table(args.input, required)
    ids = _ids(table.column(args.id_column) if args.id_column else None, len(table.rows))
    if len(set(ids)) != len(ids):
        raise AnswerTableError(f"{args.input}: column {args.id_column!r} has duplicate ids.")
    # Imported only now, so a bad file is reported without loading spaCy and scikit-learn.
    from app.analysis.nlp.themes import ThemeConfig, group_answers

    report, close = _progress_bar()
    try:
        result = group_answers(
            table.column(args.text_column), ids, ThemeConfig(language=args.language, k=args.k, seed=args.seed), progress=report
        )
    finally:
        close()
    labels = {t.number: t.label for t in result.themes}
    _write(args.output, ["id", "theme", "theme_label"], [[a.answer_id, a.theme, labels[a.theme]] for a in result.answers])


def run_suggest(args: argparse.Namespace) -> None:
    """Train on coded answers and write id, suggested, confidence for each input answer."""
    id_columns = (args.id_column,) if args.id_column else ()
    train = read_answer_table(args.train, (args.text_column, args.label_column) + id_columns)
    table = read_answer_table(args.input, (args.text_column,) + id_columns)
    from app.analysis.nlp.coding import CodedAnswer, SuggestionConfig, UncodedAnswer, suggest_codes

    train_ids = _ids(train.column(args.id_column) if args.id_column else None, len(train.rows))
    coded = [
        CodedAnswer(f"train-{i}", text, (code.strip(),))
        for i, text, code in zip(train_ids, train.column(args.text_column), train.column(args.label_column), strict=True)
        if code.strip()
    ]
    ids = _ids(table.column(args.id_column) if args.id_column else None, len(table.rows))
    uncoded = [UncodedAnswer(i, text) for i, text in zip(ids, table.column(args.text_column), strict=True)]
    report, close = _progress_bar()
    try:
        suggestions = suggest_codes(coded, uncoded, SuggestionConfig(language=args.language), progress=report)
    finally:
        close()
    _write(
        args.output, ["id", "suggested", "confidence"], [[s.answer_id, s.suggested, f"{s.confidence:.3f}"] for s in suggestions]
    )


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
        command.add_argument("--language", default="de", choices=("de", "en"))
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

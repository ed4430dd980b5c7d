"""Command line: ``python -m analysis {build,reports,diff,codings}``."""

from __future__ import annotations

import argparse
import os
import sys
import urllib.error
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from analysis.pipeline.jobs import RunSummary


def _build(args: argparse.Namespace) -> int:
    from analysis.pipeline.build import build

    for path in build(force=args.force, online=args.online):
        print(f"wrote {path}")
    return 0


def _reports(args: argparse.Namespace) -> int:
    from analysis.pipeline.inputs import check_path_text
    from analysis.pipeline.run import disk_use_bytes, run_reports

    # Paths count from where the command was typed (the kernels run in notebooks/).
    for value, what in (
        (args.codings, "the codings file"),
        (args.mapping, "the mapping file"),
        (args.output_dir, "the output folder"),
    ):
        if value:
            check_path_text(value, what)
    if args.mapping:
        from analysis.qual.case_mapping import MAPPING_ENV

        if not os.path.isfile(args.mapping):
            raise FileNotFoundError(f"the mapping file {os.path.abspath(args.mapping)} does not exist")
        # The kernels and the runner's shared import read it from the environment (report_case_mapping).
        os.environ[MAPPING_ENV] = os.path.abspath(args.mapping)
    summary = run_reports(
        selection=args.cases,
        output_dir=Path(os.path.abspath(args.output_dir)) if args.output_dir else None,
        workers=args.workers,
        codings_path=os.path.abspath(args.codings) if args.codings else "",
        force=args.force,
        with_annex=not args.no_annex,
        engine=args.engine,
        self_contained=args.self_contained,
    )
    print_summary(summary, disk_use_bytes(summary.output_dir))
    return 1 if summary.failed else 0


def _diff(args: argparse.Namespace) -> int:
    from analysis.pipeline.diff_view import show_diff

    html_path = Path(os.path.abspath(args.html)) if args.html else None
    return show_diff(Path(args.old), Path(args.new), html_path, args.language)


def print_summary(summary: RunSummary, disk_bytes: int, shown_per_reason: int = 12) -> None:
    """The run's last lines: counts, why reports were re-rendered, failures, and where the log is."""
    from analysis.pipeline.keys import REASONS

    outcomes = summary.outcomes
    counts = {status: sum(o.status == status for o in outcomes) for status in ("done", "skipped", "failed")}
    print(
        f"{counts['done']} rendered, {counts['skipped']} up to date, {counts['failed']} failed; "
        f"{summary.output_dir / 'index.html'}; the folder uses {disk_bytes / 1e6:.1f} MB"
    )
    by_reason: dict[str, list[str]] = {}
    for outcome in outcomes:
        if outcome.status != "skipped" and outcome.reason:
            by_reason.setdefault(outcome.reason, []).append(outcome.job.slug)
    for reason, slugs in by_reason.items():
        more = f" … and {len(slugs) - shown_per_reason} more" if len(slugs) > shown_per_reason else ""
        print(f"  {REASONS.get(reason, reason)} ({len(slugs)}): {', '.join(slugs[:shown_per_reason])}{more}")
    for outcome in outcomes:
        if outcome.status == "done" and outcome.error:
            print(f"  note {outcome.job.slug}: {outcome.error}", file=sys.stderr)
    for outcome in summary.failed:
        print(f"  FAILED {outcome.job.slug}: {outcome.error}", file=sys.stderr)
        if outcome.kept_notebook is not None and outcome.kept_notebook.exists():
            print(f"         notebook kept at {outcome.kept_notebook}", file=sys.stderr)
    if summary.log_path is not None:
        print(f"details: {summary.log_path}")


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the chosen command; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="fetch the raw sources and rebuild data/interim and data/processed")
    build.add_argument("--force", action="store_true", help="rebuild even when up to date")
    build.add_argument(
        "--online", action="store_true", help="also fetch the StatLine tables not in the mirror (needs a network)"
    )
    build.set_defaults(handler=_build)

    reports = commands.add_parser("reports", help="execute and render the municipal reports and the annex")
    reports.add_argument(
        "--cases",
        default="cases",
        help="'cases' (the twenty, default), 'all' (388 municipalities) or a comma list of codes or names",
    )
    reports.add_argument(
        "--output-dir",
        help="default: reports/ (relative to the current folder; never notebooks/, src/, config/ or data/)",
    )
    reports.add_argument("--workers", type=int, help="parallel workers (default: one per core)")
    reports.add_argument(
        "--codings",
        help="codings file (tidy CSV or REFI-QDA), relative to the current folder; default: the illustrative example",
    )
    reports.add_argument(
        "--mapping",
        help="REFI-QDA case mapping CSV (source_name_or_guid,gm_code); default: <codings>.mapping.csv beside it",
    )
    reports.add_argument("--force", action="store_true", help="re-run reports that are up to date")
    reports.add_argument("--no-annex", action="store_true", help="skip the cross-case annex")
    reports.add_argument(
        "--engine",
        choices=["warm", "fresh"],
        default="warm",
        help="warm: one kernel per worker, reset between reports (default); fresh: a new kernel per report",
    )
    reports.add_argument(
        "--self-contained",
        action="store_true",
        help="embed the figures in each HTML page (default: the pages link the PNG files under figures/)",
    )
    reports.set_defaults(handler=_reports)

    diff = commands.add_parser(
        "diff",
        help="compare two report folders: reports added and removed, table values, figures, parameters",
        description="Exit 0 when the folders hold the same reports, 1 when they differ, 2 when one cannot be read.",
    )
    diff.add_argument("old", help="the earlier report folder")
    diff.add_argument("new", help="the later report folder")
    diff.add_argument("--html", help="also write the comparison as an HTML page to this path")
    diff.add_argument("--language", choices=["nl", "en"], default="nl", help="language of the output (default nl)")
    diff.set_defaults(handler=_diff)

    from analysis.codings_cli import add_codings_parser

    add_codings_parser(commands)

    args = parser.parse_args(argv)
    from analysis.geo.cases import UnknownMunicipalityError
    from analysis.sources.raw import RawDataError

    try:
        return args.handler(args)
    except (UnknownMunicipalityError, RawDataError, FileNotFoundError, ValueError) as error:
        # Bad input deserves a sentence, not a traceback.
        print(f"error: {error}", file=sys.stderr)
        return 2
    except urllib.error.URLError as error:
        # No mirror copy of a raw source, and these machines reach no data site.
        from analysis.core import paths

        mirror = paths.mirror_dir()
        print(
            f"error: a raw source is not in the data mirror ({mirror or 'none found'}) and cannot be "
            f"downloaded ({error.reason}); point ${paths.MIRROR_ENV} at a complete mirror and run again",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())

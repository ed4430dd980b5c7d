"""Command line: ``python -m analysis {build,reports,codings}``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _build(args: argparse.Namespace) -> int:
    from analysis.pipeline.build import build

    for path in build(force=args.force):
        print(f"wrote {path}")
    return 0


def _reports(args: argparse.Namespace) -> int:
    from analysis.pipeline.run import disk_use_bytes, run_reports

    summary = run_reports(
        selection=args.cases,
        output_dir=Path(args.output_dir) if args.output_dir else None,
        workers=args.workers,
        codings_path=args.codings or "",
        force=args.force,
        with_annex=not args.no_annex,
        engine=args.engine,
    )
    counts = {status: sum(o.status == status for o in summary.outcomes) for status in ("done", "skipped", "failed")}
    print(
        f"{counts['done']} rendered, {counts['skipped']} up to date, {counts['failed']} failed; "
        f"{summary.output_dir / 'index.html'}; reports/ uses {disk_use_bytes(summary.output_dir) / 1e6:.1f} MB"
    )
    for outcome in summary.outcomes:
        if outcome.status == "done" and outcome.error:
            print(f"  note {outcome.job.slug}: {outcome.error}", file=sys.stderr)
    for outcome in summary.failed:
        print(f"  FAILED {outcome.job.slug}: {outcome.error}", file=sys.stderr)
        print(
            f"         notebook kept at {summary.output_dir / 'failed' / (outcome.job.slug + '.ipynb')}",
            file=sys.stderr,
        )
    return 1 if summary.failed else 0


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the chosen command; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="fetch the raw sources and rebuild data/interim and data/processed")
    build.add_argument("--force", action="store_true", help="rebuild even when up to date")
    build.set_defaults(handler=_build)

    reports = commands.add_parser("reports", help="execute and render the municipal reports and the annex")
    reports.add_argument(
        "--cases",
        default="cases",
        help="'cases' (the twenty, default), 'all' (388 municipalities) or a comma list of codes or names",
    )
    reports.add_argument("--output-dir", help="default: reports/")
    reports.add_argument(
        "--workers", type=int, help="parallel workers (default: cores + 1 with warm kernels, else cores)"
    )
    reports.add_argument("--codings", help="codings file (tidy CSV or REFI-QDA); default: the illustrative example")
    reports.add_argument("--force", action="store_true", help="re-run reports that are up to date")
    reports.add_argument("--no-annex", action="store_true", help="skip the cross-case annex")
    reports.add_argument(
        "--engine",
        choices=["warm", "fresh"],
        default="warm",
        help="warm: one kernel per worker, reset between reports (default); fresh: a new kernel per report",
    )
    reports.set_defaults(handler=_reports)

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


if __name__ == "__main__":
    sys.exit(main())

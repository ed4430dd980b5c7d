"""``python -m analysis diff OLD NEW``: what changed between two report folders.

A report folder (``make reports`` output) holds per report ``<slug>.ipynb`` (the executed notebook,
its parameters and content key in the metadata) and ``figures/<slug>/`` with every figure as PNG and
the numbers of every table as CSV. The comparison reads those:

- reports added and removed (by their notebooks);
- per report, the table values that changed, old → new: tables from the CSV files, rows matched by
  their label columns (the leading non-decimal columns that identify a row), columns by name;
  numbers equal to within 1e-9 relative are the same (a float printed differently is no change);
- the figures whose pixels changed (a PNG encoded again with the same pixels is no change);
- the parameters papermill recorded (paths inside the folder counted from the folder, so two
  folders of the same run compare equal) and the content key's parts (codings, code, data).

The result is data (:class:`FolderDiff`); :mod:`analysis.pipeline.diff_view` writes it as text for
the terminal and as blocks for the one renderer.
"""

from __future__ import annotations

import io
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.core.format import Language
from analysis.narrative import say
from analysis.pipeline.keys import STORED_KEY

#: Parts of the content key worth naming; ``parameters`` is compared value by value instead.
KEY_PARTS: tuple[str, ...] = ("codings", "code", "data")
#: Relative tolerance under which two numbers read from CSV are the same.
RELATIVE_TOLERANCE = 1e-9
#: At most this many columns make a table's row label.
MAX_LABEL_COLUMNS = 4


class DiffInputError(ValueError):
    """A report folder, notebook, table or figure cannot be read; the message names the file."""


@dataclass(frozen=True)
class ValueChange:
    """One table cell that differs; ``None`` on a side where the row or cell does not exist."""

    table: str
    row: str
    column: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class ParameterChange:
    """A papermill parameter with another value (``None``: not set on that side)."""

    name: str
    old: str | None
    new: str | None


@dataclass
class ReportDiff:
    """Everything that differs in one report present in both folders."""

    slug: str
    values: list[ValueChange] = field(default_factory=list)
    tables_added: list[str] = field(default_factory=list)
    tables_removed: list[str] = field(default_factory=list)
    columns_added: list[tuple[str, str]] = field(default_factory=list)
    columns_removed: list[tuple[str, str]] = field(default_factory=list)
    figures_changed: list[str] = field(default_factory=list)
    figures_added: list[str] = field(default_factory=list)
    figures_removed: list[str] = field(default_factory=list)
    parameters: list[ParameterChange] = field(default_factory=list)
    key_parts: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        """True when nothing in the report differs."""
        return not any(
            (
                self.values,
                self.tables_added,
                self.tables_removed,
                self.columns_added,
                self.columns_removed,
                self.figures_changed,
                self.figures_added,
                self.figures_removed,
                self.parameters,
                self.key_parts,
            )
        )


@dataclass
class FolderDiff:
    """The comparison of two report folders."""

    old_dir: Path
    new_dir: Path
    added: list[str]
    removed: list[str]
    reports: list[ReportDiff]
    same: list[str]

    @property
    def identical(self) -> bool:
        """True when no report was added, removed or changed."""
        return not (self.added or self.removed or self.reports)


def report_slugs(folder: Path) -> set[str]:
    """The reports in a folder: the executed notebooks at its top (``failed/`` and ``.partial/`` not)."""
    return {path.stem for path in folder.glob("*.ipynb") if not path.name.startswith(".")}


def check_report_folder(folder: Path) -> Path:
    """``folder`` if it is a readable report folder.

    Raises:
        DiffInputError: it does not exist, is no folder, or holds neither notebooks nor ``figures/``.
    """
    folder = Path(folder)
    if not folder.exists():
        raise DiffInputError(f"{folder}: no such folder")
    if not folder.is_dir():
        raise DiffInputError(f"{folder}: not a folder (expected a report folder such as reports/)")
    try:
        has_reports = bool(report_slugs(folder)) or (folder / "figures").is_dir()
    except OSError as error:
        raise DiffInputError(f"{folder}: cannot be read ({error.strerror})") from None
    if not has_reports:
        raise DiffInputError(f"{folder}: no report in it (no executed notebook <slug>.ipynb, no figures/)")
    return folder


def read_notebook_metadata(path: Path) -> dict:
    """The metadata of an executed notebook.

    Raises:
        DiffInputError: the file is unreadable or not a notebook.
    """
    try:
        notebook = json.loads(path.read_bytes())
    except OSError as error:
        raise DiffInputError(f"{path}: cannot be read ({error.strerror})") from None
    except ValueError as error:
        raise DiffInputError(f"{path}: not a notebook (invalid JSON: {error})") from None
    if not isinstance(notebook, dict) or not isinstance(notebook.get("metadata", {}), dict):
        raise DiffInputError(f"{path}: not a notebook (no metadata object)")
    return notebook.get("metadata", {})


def folder_parameters(metadata: dict, folder: Path) -> dict[str, str]:
    """Papermill's parameters, with paths inside ``folder`` written relative to it."""
    parameters = (metadata.get("papermill") or {}).get("parameters") or {}
    root = str(folder.resolve())
    shown = {}
    for name, value in parameters.items():
        text = value if isinstance(value, str) else json.dumps(value, sort_keys=True)
        if text == root or text.startswith(root + "/"):
            text = "<map>" + text[len(root) :]  # the folder itself differs between two runs
        shown[str(name)] = text
    return shown


def compare_metadata(old: dict, new: dict, old_dir: Path, new_dir: Path) -> tuple[list[ParameterChange], list[str]]:
    """Changed parameters and the key parts (of :data:`KEY_PARTS`) whose digests differ."""
    old_parameters, new_parameters = folder_parameters(old, old_dir), folder_parameters(new, new_dir)
    changes = [
        ParameterChange(name, old_parameters.get(name), new_parameters.get(name))
        for name in sorted(old_parameters.keys() | new_parameters.keys())
        if old_parameters.get(name) != new_parameters.get(name)
    ]
    old_parts = (old.get(STORED_KEY) or {}).get("parts") or {}
    new_parts = (new.get(STORED_KEY) or {}).get("parts") or {}
    parts = [part for part in KEY_PARTS if old_parts.get(part) != new_parts.get(part)]
    return changes, parts


def read_table(path: Path) -> pd.DataFrame:
    """A CSV table with every cell as text (empty cells as ``""``), so nothing is re-typed.

    Raises:
        DiffInputError: the file cannot be read or parsed.
    """
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except pd.errors.EmptyDataError:
        return pd.DataFrame()
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as error:
        raise DiffInputError(f"{path}: not a readable CSV table ({error})") from None


def _is_decimal(text: str) -> bool:
    try:
        number = float(text)
    except ValueError:
        return False
    return not text.strip().lstrip("+-").isdigit() or math.isnan(number)


def label_columns(table: pd.DataFrame) -> list[str]:
    """The columns that name a row: non-decimal columns, added one by one until the rows are unique.

    Text and whole-number columns (``gm_code``, ``theme``, ``year``) can be labels, text first; a
    column holding a decimal number is a value. A column that tells no more rows apart (``label_nl``
    beside ``theme``) is skipped, so a label reads ``size_group / DEM / larger``. At most
    :data:`MAX_LABEL_COLUMNS` are used; an empty list means rows are matched by position.
    """
    not_decimal = [c for c in table.columns if not table[c].map(_is_decimal).any()]
    whole_numbers = [c for c in not_decimal if table[c].str.strip().str.lstrip("+-").str.isdigit().all()]
    # Text names a row better than a count that happens to be whole: text columns are tried first.
    candidates = [*(c for c in not_decimal if c not in whole_numbers), *whole_numbers]
    labels: list[str] = []
    distinct = 0
    for column in candidates:
        told_apart = len(table.drop_duplicates(subset=[*labels, column]))
        if told_apart > distinct:
            labels.append(column)
            distinct = told_apart
        if distinct == len(table):
            return labels
        if len(labels) == MAX_LABEL_COLUMNS:
            break
    return []


def _row_labels(table: pd.DataFrame, labels: list[str], language: Language) -> list[str]:
    if not labels:
        return [say("diff.row_number", language, number=number) for number in range(1, len(table) + 1)]
    return [" / ".join(str(v) for v in values) for values in table[labels].itertuples(index=False)]


def same_cell(old: str, new: str) -> bool:
    """Equal text, or numbers equal within :data:`RELATIVE_TOLERANCE` (``1.0`` and ``1`` are the same)."""
    if old == new:
        return True
    try:
        first, second = float(old), float(new)
    except ValueError:
        return False
    if math.isnan(first) and math.isnan(second):
        return True
    return math.isclose(first, second, rel_tol=RELATIVE_TOLERANCE, abs_tol=0.0)


def compare_tables(name: str, old: pd.DataFrame, new: pd.DataFrame, language: Language = "nl"):
    """Cell changes and column changes of one table, rows matched by the label columns of the old one.

    Returns:
        ``(values, columns_added, columns_removed)``.
    """
    labels = [c for c in label_columns(old) if c in new.columns]
    if labels and new.duplicated(subset=labels).any():
        labels = []  # the new table's rows cannot be told apart by the old labels: match by position
    old_rows = dict(zip(_row_labels(old, labels, language), old.itertuples(index=False), strict=True))
    new_rows = dict(zip(_row_labels(new, labels, language), new.itertuples(index=False), strict=True))
    shared = [c for c in old.columns if c in new.columns and c not in labels]
    old_at = {c: i for i, c in enumerate(old.columns)}
    new_at = {c: i for i, c in enumerate(new.columns)}
    values: list[ValueChange] = []
    for row in [*old_rows, *(r for r in new_rows if r not in old_rows)]:
        before, after = old_rows.get(row), new_rows.get(row)
        for column in shared:
            old_value = None if before is None else before[old_at[column]]
            new_value = None if after is None else after[new_at[column]]
            if old_value is None or new_value is None or not same_cell(old_value, new_value):
                values.append(ValueChange(name, row, column, old_value, new_value))
    columns_added = [(name, c) for c in new.columns if c not in old.columns]
    columns_removed = [(name, c) for c in old.columns if c not in new.columns]
    return values, columns_added, columns_removed


def same_pixels(old: Path, new: Path) -> bool:
    """True when two images have the same size and the same RGBA pixels.

    Raises:
        DiffInputError: either file is not a readable image.
    """
    from PIL import Image, UnidentifiedImageError

    contents = [_read_bytes(old), _read_bytes(new)]
    if contents[0] == contents[1]:
        return True  # the same bytes are the same pixels; most figures of a re-run are untouched
    decoded = []
    for path, content in zip((old, new), contents, strict=True):
        try:
            with Image.open(io.BytesIO(content)) as image:
                decoded.append((image.size, image.convert("RGBA").tobytes()))
        except (OSError, UnidentifiedImageError, ValueError) as error:
            raise DiffInputError(f"{path}: not a readable image ({error})") from None
    return decoded[0] == decoded[1]


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise DiffInputError(f"{path}: cannot be read ({error.strerror})") from None


def _files(folder: Path, suffix: str) -> dict[str, Path]:
    if not folder.is_dir():
        return {}
    return {p.name: p for p in sorted(folder.glob(f"*{suffix}")) if p.is_file() and not p.name.startswith(".")}


def compare_report(slug: str, old_dir: Path, new_dir: Path, language: Language = "nl") -> ReportDiff:
    """Everything that differs between the report ``slug`` in ``old_dir`` and in ``new_dir``."""
    found = ReportDiff(slug)
    found.parameters, found.key_parts = compare_metadata(
        read_notebook_metadata(old_dir / f"{slug}.ipynb"),
        read_notebook_metadata(new_dir / f"{slug}.ipynb"),
        old_dir,
        new_dir,
    )
    old_figures, new_figures = old_dir / "figures" / slug, new_dir / "figures" / slug
    old_tables, new_tables = _files(old_figures, ".csv"), _files(new_figures, ".csv")
    found.tables_added = [name for name in new_tables if name not in old_tables]
    found.tables_removed = [name for name in old_tables if name not in new_tables]
    for name in (n for n in old_tables if n in new_tables):
        if _read_bytes(old_tables[name]) == _read_bytes(new_tables[name]):
            continue
        values, added, removed = compare_tables(
            name, read_table(old_tables[name]), read_table(new_tables[name]), language
        )
        found.values += values
        found.columns_added += added
        found.columns_removed += removed
    old_pngs, new_pngs = _files(old_figures, ".png"), _files(new_figures, ".png")
    found.figures_added = [name for name in new_pngs if name not in old_pngs]
    found.figures_removed = [name for name in old_pngs if name not in new_pngs]
    found.figures_changed = [
        name for name in old_pngs if name in new_pngs and not same_pixels(old_pngs[name], new_pngs[name])
    ]
    return found


def compare_folders(old_dir: Path, new_dir: Path, language: Language = "nl") -> FolderDiff:
    """Compare two report folders.

    Args:
        old_dir: the earlier report folder.
        new_dir: the later one.
        language: the language rows without labels are named in (``rij 1``, ``row 1``).

    Raises:
        DiffInputError: a folder, notebook, table or figure cannot be read (the message names it).
    """
    old_dir, new_dir = check_report_folder(Path(old_dir)), check_report_folder(Path(new_dir))
    old_slugs, new_slugs = report_slugs(old_dir), report_slugs(new_dir)
    changed, same = [], []
    for slug in sorted(old_slugs & new_slugs):
        found = compare_report(slug, old_dir, new_dir, language)
        (same.append(slug) if found.is_empty else changed.append(found))
    return FolderDiff(old_dir, new_dir, sorted(new_slugs - old_slugs), sorted(old_slugs - new_slugs), changed, same)

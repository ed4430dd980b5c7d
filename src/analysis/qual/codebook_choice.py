"""Choosing the codebook of a run: the project's own, one beside the export, or the ROB codebook.

:func:`choose_codebook` picks, in this order:

1. a codebook file given explicitly (``.yaml`` in the ROB format, ``.qdc``, ``.qdpx``/``.qde`` or
   a codebook CSV);
2. the ``<CodeBook>`` inside the export itself (``.qdpx``/``.qde``, or a ``.qdc`` checked alone);
3. a codebook beside the export: ``<stem>.qdc`` or ``<stem>.codebook.csv`` (e.g. Taguette's CSV
   export, columns ``tag,description[,number of highlights]``);
4. ``config/codebook.yaml`` (the default and the ROB frame).

A theme mapping (``code,theme`` onto the ROB themes) is taken when given, or from
``<export>.themes.csv`` beside the export. How project codebooks are read and how their themes are
formed is described in :mod:`analysis.qual.project_codebook`.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path

from analysis.qual.archive import REFI_SUFFIXES, open_project
from analysis.qual.codebook import Codebook, load_codebook
from analysis.qual.errors import CodingFileError
from analysis.qual.project_codebook import (
    ROB_CODEBOOK,
    TOP_LEVEL_CODES,
    ProjectCodebook,
    apply_theme_mapping,
    codebook_from_csv,
    codebook_from_refi,
)

#: ``CodebookChoice.origin`` values: where the codebook of the run came from.
FROM_FILE = "given_file"
FROM_EXPORT = "export"
FROM_BESIDE = "beside_export"
FROM_DEFAULT = "default"


@dataclass(frozen=True)
class CodebookChoice:
    """The codebook of a run and why it was chosen.

    Attributes:
        codebook: the codebook to check codings against.
        origin: :data:`FROM_FILE`, :data:`FROM_EXPORT`, :data:`FROM_BESIDE` or :data:`FROM_DEFAULT`.
        path: the file the codebook was read from.
        theme_source: :data:`ROB_CODEBOOK` for the default, else the project codebook's.
        theme_mapping: the mapping file used, if any.
    """

    codebook: Codebook
    origin: str
    path: Path
    theme_source: str
    theme_mapping: Path | None = None

    @property
    def n_codes(self) -> int:
        """Codes in the codebook (themes that are only groups, such as code sets, not counted)."""
        synthetic = set(self.codebook.theme_ids) if isinstance(self.codebook, ProjectCodebook) else set()
        if self.theme_source == TOP_LEVEL_CODES:
            synthetic = set()
        return sum(code.id not in synthetic for code in self.codebook)

    @property
    def n_themes(self) -> int:
        """Themes of the run."""
        return len(self.codebook.roots())

    @property
    def unthemed(self) -> list[str]:
        """Codes under no theme."""
        return self.codebook.unthemed() if isinstance(self.codebook, ProjectCodebook) else []

    def summary(self, max_rows: int = 10) -> list[str]:
        """Plain-text lines for ``codings check``: which codebook, codes, themes, codes under no theme."""
        lines = [
            f"Codebook in use: {self.codebook.name} ({self.origin.replace('_', ' ')}: {self.path})",
            f"Codes: {self.n_codes}; themes: {self.n_themes} ({self.theme_source.replace('_', ' ')})",
        ]
        if self.theme_mapping is not None:
            lines.append(f"Theme mapping: {self.theme_mapping}")
        unthemed = self.unthemed
        if unthemed:
            lines.append(f"Codes under no theme ({len(unthemed)}):")
            lines.extend(f"  {code!r}" for code in unthemed[:max_rows])
            if len(unthemed) > max_rows:
                lines.append(f"  ... and {len(unthemed) - max_rows} more")
        return lines


# --- choosing the codebook of a run --------------------------------------------------------------


def read_codebook_file(path: str | Path) -> Codebook:
    """Read a codebook file of any supported kind: ROB ``.yaml``, REFI ``.qdc``/``.qdpx``/``.qde``, CSV.

    Raises:
        CodingFileError: unreadable or not a codebook (a YAML codebook raises ``CodebookError``).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return load_codebook(path)
    if suffix == ".csv":
        return codebook_from_csv(path)
    if suffix in REFI_SUFFIXES:
        with open_project(path) as project:
            found = codebook_from_refi(project.root, path)
        if found is None:
            raise CodingFileError(f"{path}: defines no codes, so it cannot be the codebook")
        return found
    raise CodingFileError(f"{path}: not a codebook file (.yaml, .qdc, .qdpx, .qde or .csv)")


def beside(export: Path, suffix: str) -> Path | None:
    """``<export stem><suffix>`` or ``<export name><suffix>`` beside the export, if present.

    A name too long for the file system cannot exist, so it counts as absent.
    """
    for candidate in (export.with_name(export.stem + suffix), export.with_name(export.name + suffix)):
        try:
            if candidate != export and candidate.is_file():
                return candidate
        except OSError as exc:
            if exc.errno != errno.ENAMETOOLONG:
                raise CodingFileError(f"{candidate}: cannot be checked: {exc.strerror or exc}") from None
    return None


def codebook_inputs(codings_path: str | Path) -> list[Path]:
    """The files beside an export that :func:`choose_codebook` would read (for up-to-date checks)."""
    path = Path(codings_path)
    found = (beside(path, suffix) for suffix in (".qdc", ".codebook.csv", ".themes.csv"))
    return [p for p in found if p is not None]


def choose_codebook(
    codings_path: str | Path,
    *,
    codebook_path: str | Path | None = None,
    theme_mapping: str | Path | None = None,
    default: Codebook | None = None,
) -> CodebookChoice:
    """The codebook of a run (see the module docstring for the order).

    Args:
        codings_path: the codings file (tidy CSV or REFI-QDA).
        codebook_path: an explicit codebook file; wins over everything.
        theme_mapping: a ``code,theme`` CSV onto the ROB themes; default ``<export>.themes.csv``
            beside the codings file when present.
        default: the ROB codebook (``config/codebook.yaml`` when not given).

    Returns:
        The choice, with the codebook, where it came from and how its themes were formed.

    Raises:
        CodingFileError: a codebook or mapping file cannot be read.
    """
    codings_path = Path(codings_path)
    rob = default if default is not None else load_codebook()
    chosen: Codebook | None = None
    if codebook_path is not None:
        chosen, origin, source = read_codebook_file(codebook_path), FROM_FILE, Path(codebook_path)
    else:
        origin, source = FROM_DEFAULT, rob.path or Path("config/codebook.yaml")
        if codings_path.suffix.lower() in REFI_SUFFIXES and codings_path.is_file():
            with open_project(codings_path) as project:
                chosen = codebook_from_refi(project.root, codings_path)
            origin, source = FROM_EXPORT, codings_path
        if chosen is None:
            nearby = beside(codings_path, ".qdc") or beside(codings_path, ".codebook.csv")
            if nearby is not None:
                chosen, origin, source = read_codebook_file(nearby), FROM_BESIDE, nearby
            else:
                origin, source = FROM_DEFAULT, rob.path or Path("config/codebook.yaml")
    mapping = Path(theme_mapping) if theme_mapping is not None else beside(codings_path, ".themes.csv")
    if chosen is None or not isinstance(chosen, ProjectCodebook):
        if mapping is not None and theme_mapping is not None:
            raise CodingFileError(f"{mapping}: a theme mapping needs a project codebook, but the run uses {rob.name}")
        book = chosen or rob
        return CodebookChoice(book, origin, source, ROB_CODEBOOK)
    if mapping is not None:
        chosen = apply_theme_mapping(chosen, mapping, rob)
    return CodebookChoice(chosen, origin, source, chosen.theme_source, mapping)


_RUN_CHOICES: dict[tuple[object, ...], CodebookChoice] = {}


def run_codebook(codings_path: str | Path) -> CodebookChoice:
    """The codebook choice of a report run, read once per file version (warm kernels run many reports).

    Reports call this with the same ``codings_path`` as
    :func:`analysis.qual.codings.load_report_codings`, so that their themes are the themes the
    codings were checked against.
    """
    path = Path(codings_path)
    inputs = [path, *codebook_inputs(path)]
    key = tuple((str(p.resolve()), p.stat().st_mtime_ns if p.exists() else 0) for p in inputs)
    if key not in _RUN_CHOICES:
        _RUN_CHOICES[key] = choose_codebook(path)
    return _RUN_CHOICES[key]

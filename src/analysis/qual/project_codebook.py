"""The researcher's own codebook: read from a REFI-QDA project, a ``.qdc`` or a codebook CSV.

A QDA project brings its own codes; checking them against ``config/codebook.yaml`` rejects every
coding of a real project. :mod:`analysis.qual.codebook_choice` decides which codebook a run uses;
this module reads project codebooks into a :class:`ProjectCodebook`, a
:class:`~analysis.qual.codebook.Codebook` whose themes need not be its roots. Themes are, in this
order of preference:

- a **theme mapping** (CSV ``code,theme``) that crosses the researcher's codes onto the ROB themes
  of ``config/codebook.yaml``, so the annex's ROB sections apply; a code inherits the theme of its
  nearest mapped ancestor (:func:`apply_theme_mapping`);
- **code sets** (REFI ``<Sets>`` with ``<MemberCode>``) when the researcher grouped codes that
  way; a code in no set inherits the set of its nearest ancestor in one;
- the **top-level codes** otherwise.

Codes under no theme stay valid codes (their codings are accepted and counted per code) but are
listed, so that a researcher can map them. Codes not in the codebook in use are still rejected.
Every project code keeps its ``guid``, so the REFI reader matches codings by GUID first.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element

import pandas as pd

from analysis.qual.archive import children, local_name, read_capped_file
from analysis.qual.codebook import Code, Codebook, normalize_label
from analysis.qual.errors import CodingFileError

MAX_CSV_BYTES = 8 * 1024 * 1024
#: ``theme_source`` values.
TOP_LEVEL_CODES = "top_level_codes"
CODE_SETS = "code_sets"
THEME_MAPPING = "theme_mapping"
ROB_CODEBOOK = "rob_codebook"

_NAME_COLUMNS = ("tag", "code", "name", "code_id", "code name")
_DESCRIPTION_COLUMNS = ("description", "definition", "memo")
_PARENT_COLUMNS = ("parent", "parent code", "category")


@dataclass(frozen=True)
class ProjectCodebook(Codebook):
    """A codebook from a QDA project; its themes are top-level codes, code sets or mapped ROB themes.

    Attributes:
        theme_source: :data:`TOP_LEVEL_CODES`, :data:`CODE_SETS` or :data:`THEME_MAPPING`.
        theme_ids: the themes in order (each is a code of this codebook).
        theme_of: ``code id -> theme id`` for every code under a theme (themes map to themselves).
        origin: the program that wrote the codebook (REFI ``origin``), if known.
    """

    theme_source: str = TOP_LEVEL_CODES
    theme_ids: tuple[str, ...] = ()
    theme_of: Mapping[str, str] = field(default_factory=dict)
    origin: str = ""

    @property
    def name(self) -> str:
        """The export it came from, for messages: ``demo.qdpx (QDA-project)`` (the same in nl and en)."""
        where = self.path.name if self.path else "<memory>"
        return f"{where} (QDA-project)"

    def roots(self) -> list[Code]:
        """The themes (not necessarily codes without a parent)."""
        return [self[theme] for theme in self.theme_ids]

    def theme(self, code_id: str) -> Code:
        """The theme of a code.

        Raises:
            KeyError: the code is not in the codebook or falls under no theme.
        """
        if code_id not in self:
            raise KeyError(f"code {code_id!r} is not in codebook {self.name}")
        if code_id not in self.theme_of:
            raise KeyError(f"code {code_id!r} falls under no theme in {self.name}")
        return self[self.theme_of[code_id]]

    def unthemed(self) -> list[str]:
        """Codes under no theme, in codebook order."""
        return [code.id for code in self.codes if code.id not in self.theme_of]

    def to_frame(self) -> pd.DataFrame:
        """One row per code as :meth:`Codebook.to_frame`; ``theme`` is empty for codes under no theme."""
        return pd.DataFrame(
            {
                "code_id": [c.id for c in self.codes],
                "parent": [c.parent for c in self.codes],
                "theme": [self.theme_of.get(c.id) for c in self.codes],
                "depth": [self.depth(c.id) for c in self.codes],
                "label_nl": [c.label_nl for c in self.codes],
                "label_en": [c.label_en for c in self.codes],
                "definition": [c.definition for c in self.codes],
                "source": [c.source for c in self.codes],
                "guid": [c.guid for c in self.codes],
            }
        )


# --- reading project codebooks -------------------------------------------------------------------


def codebook_from_refi(root: Element, path: Path, *, use_sets: bool = True) -> ProjectCodebook | None:
    """The codebook inside a REFI-QDA ``<Project>`` or ``.qdc`` ``<CodeBook>`` root.

    Args:
        root: the parsed root (from :func:`analysis.qual.archive.open_project`).
        path: the file, for the codebook's name.
        use_sets: make code sets the themes when the project has sets with member codes.

    Returns:
        The codebook, or ``None`` when the file defines no code (e.g. a blank ATLAS.ti project).
    """
    books = [root] if local_name(root) == "CodeBook" else children(root, "CodeBook")
    raw: list[tuple[str, str, str | None, str]] = []  # guid, name, parent guid, description
    stack = [(code, None) for book in books for codes in children(book, "Codes") for code in children(codes, "Code")]
    stack.reverse()
    names: dict[str, str] = {}
    while stack:  # iterative: depth is bounded by the archive reader, not by Python's recursion limit
        element, parent_guid = stack.pop()
        guid = element.get("guid") or f"no-guid-{len(raw) + 1}"
        if guid in names:
            raise CodingFileError(
                f"{path}: <Code> guid {guid} is used by two codes ({names[guid]!r} and {element.get('name', '')!r}); "
                "a codebook needs one GUID per code"
            )
        names[guid] = element.get("name", "")
        description = " ".join(" ".join(d.itertext()) for d in children(element, "Description")).split()
        raw.append((guid, (element.get("name") or "").strip() or guid, parent_guid, " ".join(description)))
        stack.extend(reversed([(child, guid) for child in children(element, "Code")]))
    if not raw:
        return None
    ids = _unique_ids(raw)
    codes = tuple(
        Code(
            id=ids[guid],
            parent=ids.get(parent) if parent else None,
            label_nl=name,
            label_en=name,
            definition=description,
            guid=guid,
        )
        for guid, name, parent, description in raw
    )
    origin = root.get("origin", "")
    sets = _code_sets(root, books, ids) if use_sets else []
    if sets:
        return _with_sets(codes, sets, path, origin)
    roots = tuple(code.id for code in codes if code.parent is None)
    by_id = {code.id: code for code in codes}
    theme_of = {code.id: _root_of(code.id, by_id) for code in codes}
    return ProjectCodebook(
        version=origin or "project", codes=codes, path=path, theme_source=TOP_LEVEL_CODES,
        theme_ids=roots, theme_of=theme_of, origin=origin,
    )  # fmt: skip


def _unique_ids(raw: list[tuple[str, str, str | None, str]]) -> dict[str, str]:
    """Code names as ids; a name used twice becomes ``parent name/name`` (and the GUID if still not unique)."""
    names = {guid: name for guid, name, _, _ in raw}
    folded_count: dict[str, int] = {}
    for _, name, _, _ in raw:
        folded_count[normalize_label(name)] = folded_count.get(normalize_label(name), 0) + 1
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for guid, name, parent, _ in raw:
        candidate = name
        if folded_count[normalize_label(name)] > 1 and parent:
            candidate = f"{names[parent]}/{name}"
        if normalize_label(candidate) in taken:
            candidate = f"{candidate} [{guid}]"
        taken.add(normalize_label(candidate))
        ids[guid] = candidate
    return ids


def _root_of(code_id: str, by_id: Mapping[str, Code]) -> str:
    while by_id[code_id].parent is not None:
        code_id = by_id[code_id].parent  # type: ignore[assignment]
    return code_id


def _code_sets(root: Element, books: list[Element], ids: Mapping[str, str]) -> list[tuple[str, str, list[str]]]:
    """``(set guid, set name, member code ids)`` of every set that groups codes."""
    holders = [root, *books] if local_name(root) != "CodeBook" else [root]
    found = []
    for holder in holders:
        for sets in children(holder, "Sets"):
            for item in children(sets, "Set"):
                members = [
                    ids[m.get("targetGUID", "")] for m in children(item, "MemberCode") if m.get("targetGUID") in ids
                ]
                if members:
                    found.append(
                        (item.get("guid", ""), (item.get("name") or "").strip() or item.get("guid", ""), members)
                    )
    return found


def _with_sets(
    codes: tuple[Code, ...], sets: list[tuple[str, str, list[str]]], path: Path, origin: str
) -> ProjectCodebook:
    taken = {normalize_label(code.id) for code in codes}
    theme_codes: list[Code] = []
    direct: dict[str, str] = {}
    for guid, name, members in sets:
        theme_id = name if normalize_label(name) not in taken else f"{name} (set)"
        taken.add(normalize_label(theme_id))
        theme_codes.append(
            Code(id=theme_id, parent=None, label_nl=name, label_en=name, definition="code set", guid=guid or None)
        )
        for member in members:
            # A code in several sets counts under the first, so that theme counts add up.
            direct.setdefault(member, theme_id)
    by_id = {code.id: code for code in codes}
    theme_of: dict[str, str] = {code.id: code.id for code in theme_codes}
    for code in codes:
        current: str | None = code.id
        while current is not None and current not in direct:
            current = by_id[current].parent
        if current is not None:
            theme_of[code.id] = direct[current]
    return ProjectCodebook(
        version=origin or "project", codes=(*theme_codes, *codes), path=path, theme_source=CODE_SETS,
        theme_ids=tuple(code.id for code in theme_codes), theme_of=theme_of, origin=origin,
    )  # fmt: skip


def codebook_from_csv(path: str | Path) -> ProjectCodebook:
    """A codebook CSV: one code per row (``tag``/``code``/``name``, optional ``description``, ``parent``).

    Taguette exports ``tag,description,number of highlights`` (CRLF); other columns are ignored.

    Raises:
        CodingFileError: not UTF-8, no name column, an empty name, a name listed twice or an
            unknown parent, naming the file and line.
    """
    path = Path(path)
    text = _decode(path, read_capped_file(path, MAX_CSV_BYTES))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = {normalize_label(h): h for h in reader.fieldnames or []}
    name_column = next((header[c] for c in _NAME_COLUMNS if c in header), None)
    if name_column is None:
        raise CodingFileError(f"{path}: no code name column; expected one of {', '.join(_NAME_COLUMNS)}")
    description_column = next((header[c] for c in _DESCRIPTION_COLUMNS if c in header), None)
    parent_column = next((header[c] for c in _PARENT_COLUMNS if c in header), None)
    rows: list[tuple[int, str, str, str]] = []
    seen: dict[str, int] = {}
    for row in reader:
        name = (row.get(name_column) or "").strip()
        if not name:
            raise CodingFileError(f"{path}: line {reader.line_num}: empty code name")
        first = seen.get(normalize_label(name))
        if first is not None:
            raise CodingFileError(
                f"{path}: line {reader.line_num}: code {name!r} is listed twice (first on line {first})"
            )
        seen[normalize_label(name)] = reader.line_num
        description = " ".join((row.get(description_column) or "").split()) if description_column else ""
        parent = (row.get(parent_column) or "").strip() if parent_column else ""
        rows.append((reader.line_num, name, parent, description))
    if not rows:
        raise CodingFileError(f"{path}: the codebook CSV lists no codes")
    names = {normalize_label(name): name for _, name, _, _ in rows}
    codes = []
    for line, name, parent, description in rows:
        if parent and normalize_label(parent) not in names:
            raise CodingFileError(f"{path}: line {line}: parent {parent!r} of code {name!r} is not in the file")
        codes.append(
            Code(id=name, parent=names[normalize_label(parent)] if parent else None, label_nl=name, label_en=name,
                 definition=description)
        )  # fmt: skip
    by_id = {code.id: code for code in codes}
    theme_of = {code.id: _root_of(code.id, by_id) for code in codes}
    return ProjectCodebook(
        version="csv", codes=tuple(codes), path=path, theme_source=TOP_LEVEL_CODES,
        theme_ids=tuple(c.id for c in codes if c.parent is None), theme_of=theme_of,
    )  # fmt: skip


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise CodingFileError(
            f"{path}: not valid UTF-8 at line {line} (byte {exc.start}); re-save it as UTF-8"
        ) from None


# --- crossing onto the ROB themes ----------------------------------------------------------------


def apply_theme_mapping(project: ProjectCodebook, mapping_path: str | Path, rob: Codebook) -> ProjectCodebook:
    """Cross the project's codes onto the ROB themes with a CSV ``code,theme``.

    ``theme`` is a ROB theme id or label (``REG``, ``Regionale samenwerking``); ``code`` a project
    code id or name. Codes below a mapped code inherit its theme unless mapped themselves.

    Raises:
        CodingFileError: not UTF-8, columns missing, an unknown code or theme, or a code mapped
            twice to different themes, naming the file and line.
    """
    path = Path(mapping_path)
    text = _decode(path, read_capped_file(path, MAX_CSV_BYTES))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = {normalize_label(h): h for h in reader.fieldnames or []}
    if "code" not in header or "theme" not in header:
        raise CodingFileError(f"{path}: expected the columns code,theme (found: {', '.join(reader.fieldnames or [])})")
    rob_themes = {normalize_label(t.id): t.id for t in rob.roots()}
    rob_themes |= {normalize_label(t.label_nl): t.id for t in rob.roots()}
    rob_themes |= {normalize_label(t.label_en): t.id for t in rob.roots()}
    direct: dict[str, str] = {}
    for row in reader:
        code_text = (row.get(header["code"]) or "").strip()
        theme_text = (row.get(header["theme"]) or "").strip()
        code = project.lookup(code_text) if code_text else None
        if code is None or code.id in project.theme_ids and project.theme_source == CODE_SETS:
            raise CodingFileError(f"{path}: line {reader.line_num}: code {code_text!r} is not in {project.name}")
        theme = rob_themes.get(normalize_label(theme_text))
        if theme is None:
            raise CodingFileError(
                f"{path}: line {reader.line_num}: {theme_text!r} is not a ROB theme of {rob.name} "
                f"(themes: {', '.join(t.id for t in rob.roots())})"
            )
        if direct.get(code.id, theme) != theme:
            raise CodingFileError(
                f"{path}: line {reader.line_num}: code {code.id!r} is mapped to both {direct[code.id]} and {theme}"
            )
        direct[code.id] = theme
    own = [
        code for code in project.codes if code.id not in project.theme_ids or project.theme_source == TOP_LEVEL_CODES
    ]
    clash = sorted({t.id for t in rob.roots()} & {c.id for c in own})
    if clash:
        raise CodingFileError(
            f"{path}: project code(s) {clash} have the same id as a ROB theme; rename them in the project"
        )
    by_id = {code.id: code for code in own}
    theme_of: dict[str, str] = {t.id: t.id for t in rob.roots()}
    for code in own:
        current: str | None = code.id
        while current is not None and current not in direct:
            current = by_id[current].parent if current in by_id else None
        if current is not None:
            theme_of[code.id] = direct[current]
    themes = tuple(Code(id=t.id, parent=None, label_nl=t.label_nl, label_en=t.label_en, definition=t.definition)
                   for t in rob.roots())  # fmt: skip
    return ProjectCodebook(
        version=project.version, codes=(*themes, *own), path=project.path, theme_source=THEME_MAPPING,
        theme_ids=tuple(t.id for t in themes), theme_of=theme_of, origin=project.origin,
    )  # fmt: skip

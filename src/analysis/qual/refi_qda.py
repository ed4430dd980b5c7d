"""REFI-QDA import: ``.qdpx`` projects, bare ``.qde`` project XML and ``.qdc`` codebooks.

QDA programs (ATLAS.ti, MAXQDA, NVivo, QualCoder, Taguette, qc) exchange projects in the
REFI-QDA standard: a zip holding one project XML (``*.qde``) and the source documents. Files come
from outside the project, so they are read defensively:

- XML goes through ``defusedxml`` with DTDs forbidden (no entity expansion, no external entities);
- zip members are read in memory only, names with ``..`` or absolute paths refuse the whole file,
  and every member is read with a byte cap and compared with its declared size;
- element names are matched on their local name, because exporters write different namespaces
  (``urn:QDA-XML:project:1.0``, codebook ``1.0``, ``1:0`` and ``0:4``).

Each coding (a ``Coding`` with a ``CodeRef`` inside a selection) becomes one row of the common
:class:`~analysis.qual.codings.CodingImport`: segment = selection, document = source name,
coder = user name, municipality via a mapping CSV or the source/case name.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from xml.etree.ElementTree import Element, ParseError

import pandas as pd
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from analysis.qual.codebook import Codebook, normalize_label
from analysis.qual.codings import (
    CodingFileError,
    CodingImport,
    build_import,
    normalize_gm_code,
    read_utf8,
)

MAX_XML_BYTES = 256 * 1024 * 1024
MAX_SOURCE_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 512 * 1024 * 1024
_GM_CODE = re.compile(r"\bGM\d{4}\b", re.IGNORECASE)
_SOURCE_TAGS = {"TextSource", "PDFSource", "PictureSource", "AudioSource", "VideoSource"}


@dataclass
class QdaCode:
    """A code as the QDA program defines it."""

    guid: str
    name: str
    parent_guid: str | None


@dataclass
class QdaProject:
    """The parts of a REFI-QDA project the import needs."""

    origin: str
    codes: list[QdaCode] = field(default_factory=list)
    users: dict[str, str] = field(default_factory=dict)
    sources: list[Element] = field(default_factory=list)
    cases: list[Element] = field(default_factory=list)


def read_refi_qda(
    path: str | Path,
    codebook: Codebook,
    municipalities: Mapping[str, str],
    case_mapping: str | Path | Mapping[str, str] | None = None,
) -> CodingImport:
    """Import a REFI-QDA project (``.qdpx``/``.qde``) or codebook (``.qdc``).

    Args:
        path: the file.
        codebook: codebook to match QDA codes against (by ``guid``, else by id or label).
        municipalities: ``gm_code -> name`` of every valid municipality.
        case_mapping: a CSV with columns ``source_name_or_guid,gm_code`` or an equivalent mapping;
            sources (or the cases holding them) not in it are matched by name or GM code.

    Returns:
        The import. A ``.qdc`` yields no codings, only the code matching report.

    Raises:
        CodingFileError: unreadable, unsafe or not a REFI-QDA file.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    mapping = _mapping_from(case_mapping)
    if suffix == ".qdpx":
        with _open_zip(path) as archive:
            member = _find_project_member(path, archive)
            root = _parse_xml(path, _read_member(path, archive, member, MAX_XML_BYTES), member)
            project = _project(path, root, "Project")
            texts = _SourceTexts(path, archive)
            return _import_project(path, project, codebook, municipalities, mapping, texts)
    data = _read_capped_file(path)
    if suffix == ".qdc":
        project = _project(path, _parse_xml(path, data), "CodeBook")
        return _import_codebook_only(path, project, codebook)
    if suffix == ".qde":
        project = _project(path, _parse_xml(path, data), "Project")
        return _import_project(path, project, codebook, municipalities, mapping, None)
    raise CodingFileError(f"{path}: not a REFI-QDA file (.qdpx, .qde or .qdc)")


def read_case_mapping(path: str | Path) -> dict[str, str]:
    """Read a mapping CSV with columns ``source_name_or_guid,gm_code`` (UTF-8).

    Args:
        path: the CSV; keys are source or case names or GUIDs, values municipality codes.

    Returns:
        ``key -> gm_code`` with codes normalised (``193`` -> ``GM0193``).

    Raises:
        CodingFileError: not UTF-8, columns missing, or a key listed twice with different codes.
    """
    path = Path(path)
    if not path.is_file():
        raise CodingFileError(f"{path}: mapping file not found")
    reader = csv.DictReader(io.StringIO(read_utf8(path), newline=""))
    fields = [name.strip() for name in reader.fieldnames or []]
    missing = [c for c in ("source_name_or_guid", "gm_code") if c not in fields]
    if missing:
        raise CodingFileError(f"{path}: missing column(s) {', '.join(missing)} (expected source_name_or_guid,gm_code)")
    reader.fieldnames = fields
    mapping: dict[str, str] = {}
    for row in reader:
        key = (row.get("source_name_or_guid") or "").strip()
        code = normalize_gm_code(row.get("gm_code") or "")
        if not key or not code:
            raise CodingFileError(
                f"{path}: line {reader.line_num}: both source_name_or_guid and gm_code must be filled"
            )
        if mapping.get(key, code) != code:
            raise CodingFileError(
                f"{path}: line {reader.line_num}: {key!r} is mapped to both {mapping[key]} and {code}"
            )
        mapping[key] = code
    return mapping


def _mapping_from(case_mapping: str | Path | Mapping[str, str] | None) -> dict[str, str]:
    if case_mapping is None:
        return {}
    if isinstance(case_mapping, Mapping):
        return {str(k).strip(): normalize_gm_code(str(v)) for k, v in case_mapping.items()}
    return read_case_mapping(case_mapping)


# --- reading bytes safely ------------------------------------------------------------------------


def _read_capped_file(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_XML_BYTES:
        raise CodingFileError(f"{path}: {size} bytes is more than the {MAX_XML_BYTES} this reader accepts")
    return path.read_bytes()


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise CodingFileError(f"{path}: not a readable zip archive (truncated or corrupt?): {exc}") from None
    for info in archive.infolist():
        name = info.filename.replace("\\", "/")
        if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or ".." in PurePosixPath(name).parts:
            archive.close()
            raise CodingFileError(
                f"{path}: refused: zip member {info.filename!r} has an absolute or '..' path; "
                "a genuine QDA export never does"
            )
    return archive


def _find_project_member(path: Path, archive: zipfile.ZipFile) -> str:
    # ATLAS.ti names the entry after the project, so take whichever single top-level .qde exists.
    candidates = [
        i.filename for i in archive.infolist() if i.filename.lower().endswith(".qde") and "/" not in i.filename
    ]
    if not candidates:
        raise CodingFileError(f"{path}: no project XML (*.qde) at the top of the archive; is this a REFI-QDA .qdpx?")
    if len(candidates) > 1:
        raise CodingFileError(f"{path}: several project XML entries ({', '.join(candidates)}); expected one")
    return candidates[0]


def _read_member(path: Path, archive: zipfile.ZipFile, member: str, cap: int) -> bytes:
    info = archive.getinfo(member)
    if info.file_size > cap:
        raise CodingFileError(f"{path}: member {member!r} declares {info.file_size} bytes, above the cap of {cap}")
    chunks: list[bytes] = []
    total = 0
    try:
        with archive.open(info) as handle:
            # Read past the declared size by one chunk so that a lying header is caught.
            while chunk := handle.read(1024 * 1024):
                total += len(chunk)
                if total > info.file_size:
                    raise CodingFileError(
                        f"{path}: member {member!r} holds more than its declared {info.file_size} bytes; refused"
                    )
                chunks.append(chunk)
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise CodingFileError(
            f"{path}: member {member!r} cannot be read (truncated or corrupt archive?): {exc}"
        ) from None
    if total != info.file_size:
        raise CodingFileError(f"{path}: member {member!r} has {total} bytes but declares {info.file_size}")
    return b"".join(chunks)


class _SourceTexts:
    """Plain texts of the sources inside a .qdpx, read on demand to fill ``segment_text``."""

    def __init__(self, path: Path, archive: zipfile.ZipFile) -> None:
        self.path = path
        self.archive = archive
        # Exporters differ in the case of the folder (sources/ vs Sources/).
        self.members = {i.filename.lower(): i.filename for i in archive.infolist()}
        self.cache: dict[str, str | None] = {}
        self.total = 0
        self.undecodable: list[str] = []

    def text(self, plain_text_path: str | None) -> str | None:
        if not plain_text_path:
            return None
        if plain_text_path not in self.cache:
            self.cache[plain_text_path] = self._load(plain_text_path)
        return self.cache[plain_text_path]

    def _load(self, plain_text_path: str) -> str | None:
        # "internal://X.txt" is the norm; qc writes a bare relative "X.txt".
        name = plain_text_path.removeprefix("internal://")
        if "://" in name:
            return None
        member = self.members.get(f"sources/{name}".lower())
        if member is None:
            return None
        data = _read_member(self.path, self.archive, member, MAX_SOURCE_BYTES)
        self.total += len(data)
        if self.total > MAX_TOTAL_BYTES:
            raise CodingFileError(f"{self.path}: the sources add up to more than {MAX_TOTAL_BYTES} bytes; refused")
        try:
            return data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
        except UnicodeDecodeError:
            self.undecodable.append(member)
            return None


# --- XML -----------------------------------------------------------------------------------------


def _local(element: Element) -> str:
    return element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""


def _parse_xml(path: Path, data: bytes, member: str | None = None) -> Element:
    where = f"{path} (member {member})" if member else str(path)
    try:
        return SafeET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise CodingFileError(
            f"{where}: refused: the XML declares a DTD or entities ({type(exc).__name__}); "
            "REFI-QDA files never need one, and they can be used to attack the reader"
        ) from None
    except ParseError as exc:
        raise CodingFileError(f"{where}: not well-formed XML: {exc}") from None


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if _local(child) == name]


def _project(path: Path, root: Element, expected_root: str) -> QdaProject:
    if _local(root) != expected_root:
        raise CodingFileError(f"{path}: root element is <{_local(root)}>, expected <{expected_root}>")
    project = QdaProject(origin=root.get("origin", ""))
    codebooks = [root] if expected_root == "CodeBook" else _children(root, "CodeBook")
    for codebook in codebooks:
        for codes in _children(codebook, "Codes"):
            _collect_codes(codes, None, project.codes)
    for users in _children(root, "Users"):
        for user in _children(users, "User"):
            if user.get("guid"):
                project.users[user.get("guid", "")] = user.get("name") or user.get("id") or user.get("guid", "")
    for sources in _children(root, "Sources"):
        project.sources.extend(s for s in sources if _local(s) in _SOURCE_TAGS)
    for cases in _children(root, "Cases"):
        project.cases.extend(_children(cases, "Case"))
    return project


def _collect_codes(parent: Element, parent_guid: str | None, found: list[QdaCode]) -> None:
    for code in _children(parent, "Code"):
        guid = code.get("guid", "")
        found.append(QdaCode(guid=guid, name=code.get("name", ""), parent_guid=parent_guid))
        _collect_codes(code, guid, found)


# --- matching ------------------------------------------------------------------------------------


def _match_codes(project: QdaProject, codebook: Codebook) -> dict[str, tuple[str | None, str]]:
    matches: dict[str, tuple[str | None, str]] = {}
    for code in project.codes:
        by_guid = codebook.by_guid(code.guid) if code.guid else None
        if by_guid is not None:
            matches[code.guid] = (by_guid.id, "guid")
            continue
        by_name = codebook.lookup(code.name) if code.name else None
        matches[code.guid] = (by_name.id, "name") if by_name is not None else (None, "")
    return matches


class _MunicipalityMatcher:
    """Finds the municipality of a source: mapping CSV, then its case, then its own name."""

    def __init__(self, municipalities: Mapping[str, str], mapping: Mapping[str, str], cases: list[Element]) -> None:
        self.codes = {normalize_gm_code(code) for code in municipalities}
        self.names = {normalize_label(name): normalize_gm_code(code) for code, name in municipalities.items()}
        self.mapping = {normalize_label(k): v for k, v in mapping.items()}
        self.case_of: dict[str, list[Element]] = {}
        for case in cases:
            for ref in _children(case, "SourceRef"):
                self.case_of.setdefault(ref.get("targetGUID", ""), []).append(case)

    def resolve(self, guid: str, name: str) -> tuple[str | None, str]:
        """``(gm_code, how)`` or ``(None, why not)``."""
        found = self._by_keys(guid, name)
        if found:
            return found, "mapping or name"
        cases = self.case_of.get(guid, [])
        codes = {code for c in cases if (code := self._by_keys(c.get("guid", ""), c.get("name", "")))}
        if len(codes) == 1:
            return codes.pop(), "case"
        if len(codes) > 1:
            return None, f"its cases point to several municipalities ({', '.join(sorted(codes))})"
        return None, "not in the mapping and its name does not name a municipality"

    def _by_keys(self, guid: str, name: str) -> str | None:
        for key in (guid, name):
            if key and normalize_label(key) in self.mapping:
                return self.mapping[normalize_label(key)]
        if not name:
            return None
        code = _GM_CODE.search(name)
        if code and code.group(0).upper() in self.codes:
            return code.group(0).upper()
        folded = normalize_label(PurePosixPath(name).stem if name.lower().endswith(".txt") else name)
        if folded in self.names:
            return self.names[folded]
        # "Zwolle - interview wethouder": the longest municipality name that starts the name wins,
        # so that "Bergen op Zoom ..." is not taken for "Bergen".
        prefixes = [n for n in self.names if folded.startswith(n) and not folded[len(n) : len(n) + 1].isalnum()]
        return self.names[max(prefixes, key=len)] if prefixes else None


# --- building the import -------------------------------------------------------------------------


def _code_tables(
    project: QdaProject, matches: Mapping[str, tuple[str | None, str]], uses: Counter[str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    names = {code.guid: code.name for code in project.codes}
    table = pd.DataFrame(
        {
            "name": [c.name for c in project.codes],
            "guid": [c.guid for c in project.codes],
            "parent": [names.get(c.parent_guid or "", "") for c in project.codes],
            "code_id": [matches[c.guid][0] or "" for c in project.codes],
            "matched_by": [matches[c.guid][1] for c in project.codes],
            "n_codings": [uses[c.guid] for c in project.codes],
        }
    )
    unmatched = table.loc[table["code_id"] == "", ["name", "guid", "parent", "n_codings"]]
    return table, unmatched.reset_index(drop=True)


def _import_codebook_only(path: Path, project: QdaProject, codebook: Codebook) -> CodingImport:
    matches = _match_codes(project, codebook)
    table, unmatched = _code_tables(project, matches, Counter())
    notes = [
        f"codebook file ({project.origin or 'unknown program'}): no codings; "
        f"{len(table) - len(unmatched)} of {len(table)} codes match the codebook"
    ]
    return build_import(
        [], codebook=codebook, municipalities={}, source=str(path), is_illustrative=False,
        notes=notes, unmatched_codes=unmatched, code_matches=table,
    )  # fmt: skip


def _import_project(
    path: Path,
    project: QdaProject,
    codebook: Codebook,
    municipalities: Mapping[str, str],
    mapping: Mapping[str, str],
    texts: _SourceTexts | None,
) -> CodingImport:
    matches = _match_codes(project, codebook)
    code_names = {code.guid: code.name for code in project.codes}
    matcher = _MunicipalityMatcher(municipalities, mapping, project.cases)
    uses: Counter[str] = Counter()
    candidates: list[dict[str, Any]] = []
    no_user = 0
    unnamed_sources = 0
    unmapped: dict[str, str] = {}
    for source in project.sources:
        source_guid = source.get("guid", "")
        plain_path = source.get("plainTextPath")
        document = source.get("name") or (PurePosixPath(plain_path).name if plain_path else "") or source_guid
        if not source.get("name"):
            unnamed_sources += 1
        gm_code, how = matcher.resolve(source_guid, document)
        if gm_code is None:
            unmapped[document] = how
        units = [(source, None, None)] + [
            (selection, selection.get("startPosition"), selection.get("endPosition"))
            for selection in source.iter()
            if _local(selection).endswith("Selection")
        ]
        for unit, start, end in units:
            tag = _local(unit)
            unit_guid = unit.get("guid", "")
            for coding in _children(unit, "Coding"):
                user = coding.get("creatingUser") or unit.get("creatingUser")
                if not user:
                    no_user += 1
                coder = project.users.get(user, user) if user else "unknown"
                for ref in _children(coding, "CodeRef") or [None]:
                    target = ref.get("targetGUID", "") if ref is not None else ""
                    uses[target] += 1
                    location = f"{tag} guid={unit_guid}, CodeRef targetGUID={target or '(none)'}"
                    reasons: list[tuple[str, str]] = []
                    explained: set[str] = set()
                    code_id, problem = _resolve_code(ref, coding, matches, code_names, codebook)
                    if problem:
                        reasons.append(problem)
                        explained.add("code_id")
                    if gm_code is None:
                        reasons.append(("unmapped_source", f"source {document!r}: {how}; add it to the mapping CSV"))
                        explained.add("gm_code")
                    positions = _positions(start, end, reasons)
                    candidates.append(
                        {
                            "gm_code": gm_code or "",
                            "document": document,
                            "segment_id": source_guid if unit is source else unit_guid,
                            "code_id": code_id,
                            "coder": coder,
                            "segment_text": _segment_text(texts, plain_path, *positions),
                            "start": positions[0],
                            "end": positions[1],
                            "row": None,
                            "location": location,
                            "reasons": reasons,
                            "explained": explained,
                        }
                    )
    table, unmatched = _code_tables(project, matches, uses)
    notes = [f"exported by {project.origin or 'an unknown program'}"]
    if no_user:
        notes.append(f"{no_user} coding(s) have no creatingUser; their coder is set to 'unknown'")
    if unnamed_sources:
        notes.append(f"{unnamed_sources} source(s) have no name; the file name or GUID is used as document")
    if unmapped:
        shown = ", ".join(repr(doc) for doc in list(unmapped)[:5]) + (" ..." if len(unmapped) > 5 else "")
        notes.append(
            f"{len(unmapped)} source(s) have no municipality (not in the mapping, no case or name that names "
            f"one): {shown}"
        )
    if not project.sources:
        notes.append("the project has no sources, so no codings")
    if texts is not None and texts.undecodable:
        notes.append(f"source text(s) not UTF-8, segment_text left empty: {', '.join(texts.undecodable)}")
    return build_import(
        candidates, codebook=codebook, municipalities=municipalities, source=str(path),
        is_illustrative=False, notes=notes, unmatched_codes=unmatched, code_matches=table,
    )  # fmt: skip


def _resolve_code(
    ref: Element | None,
    coding: Element,
    matches: Mapping[str, tuple[str | None, str]],
    code_names: Mapping[str, str],
    codebook: Codebook,
) -> tuple[str, tuple[str, str] | None]:
    if ref is None:
        return "", ("bad_xml", f"Coding guid={coding.get('guid', '')} has no CodeRef")
    target = ref.get("targetGUID", "")
    if target not in matches:
        return "", ("bad_xml", f"CodeRef targetGUID={target} refers to no Code in the project")
    code_id = matches[target][0]
    if code_id is None:
        return "", ("unmatched_code", f"QDA code {code_names[target]!r} is not in {codebook.name}")
    return code_id, None


def _positions(start: str | None, end: str | None, reasons: list[tuple[str, str]]) -> tuple[int | None, int | None]:
    try:
        first = int(start) if start is not None else None
        last = int(end) if end is not None else None
    except ValueError:
        reasons.append(("bad_position", f"positions {start!r}..{end!r} are not whole numbers"))
        return None, None
    if first is not None and last is not None and (first < 0 or first > last):
        reasons.append(("bad_position", f"start {first} / end {last} do not form a range"))
    return first, last


def _segment_text(texts: _SourceTexts | None, plain_path: str | None, start: int | None, end: int | None) -> str:
    if texts is None or start is None or end is None:
        return ""
    text = texts.text(plain_path)
    # NVivo keeps the text only in the .docx, leaving a 1-byte .txt: positions then point past it.
    if text is None or end > len(text):
        return ""
    return text[start:end]

"""REFI-QDA import: ``.qdpx`` projects, bare ``.qde`` project XML and ``.qdc`` codebooks.

QDA programs (ATLAS.ti, MAXQDA, NVivo, QualCoder, Taguette, qc) exchange projects in the
REFI-QDA standard: a zip holding one project XML (``*.qde``) and the source documents. The file is
opened through :func:`analysis.qual.archive.open_project`, which enforces the safety limits (no
DTDs, size and compression caps, no encrypted or exotic members, bounded nesting).

The project is then checked as a whole before any coding is read: every ``<Code>`` and ``<User>``
needs a ``guid`` of its own, and a case's ``<SourceRef>`` must point at a source; breaking any of
these makes the file unreadable (:class:`~analysis.qual.errors.CodingFileError`, with the element
and its line), because codings pointing at an ambiguous guid cannot be read correctly.

Each coding (a ``Coding`` with a ``CodeRef`` inside a selection) becomes one row of the common
:class:`~analysis.qual.coding_import.CodingImport`: segment = selection, document = source name,
coder = user name, municipality via a mapping CSV or the source/case name. A coding is rejected
(with the element and line) when its ``CodeRef`` has no or an unknown ``targetGUID``, its
``creatingUser`` is no user of the project, or its text selection has a negative, missing,
reversed or out-of-text position.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any
from xml.etree.ElementTree import Element

import pandas as pd

from analysis.qual.archive import Project, children, local_name, open_project
from analysis.qual.case_mapping import mapping_from, read_case_mapping
from analysis.qual.codebook import Codebook, normalize_label
from analysis.qual.coding_import import CodingImport, check_codings, codings_frame, normalize_gm_code, parse_position
from analysis.qual.errors import CodingFileError
from analysis.qual.source_text import OffsetConvention, offset_convention, selection_text

__all__ = ["QdaCode", "QdaProject", "read_case_mapping", "read_refi_qda"]

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
    """The parts of a REFI-QDA project the import needs, checked for unique guids."""

    origin: str
    codes: list[QdaCode] = field(default_factory=list)
    users: dict[str, str] = field(default_factory=dict)
    sources: list[Element] = field(default_factory=list)
    cases: list[Element] = field(default_factory=list)

    @cached_property
    def code_names(self) -> dict[str, str]:
        """``guid -> name`` of every code (read once the codes are complete)."""
        return {code.guid: code.name for code in self.codes}


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
        CodingFileError: unreadable, unsafe or not a REFI-QDA file; a project whose codes, users
            or sources break the guid rules; a project without any coding ("no codings found").
    """
    mapping = mapping_from(case_mapping)
    with open_project(path) as opened:
        project = _project(opened)
        if local_name(opened.root) == "CodeBook":
            return _import_codebook_only(opened.path, project, codebook)
        return _import_project(opened, project, codebook, municipalities, mapping)


# --- the project as a whole ----------------------------------------------------------------------


def _project(opened: Project) -> QdaProject:
    root = opened.root
    project = QdaProject(origin=root.get("origin", ""))
    codebooks = [root] if local_name(root) == "CodeBook" else children(root, "CodeBook")
    seen: dict[str, Element] = {}
    for codebook in codebooks:
        for codes in children(codebook, "Codes"):
            for element, parent_guid in _walk_codes(codes):
                guid = _own_guid(opened, element, seen, "code")
                project.codes.append(QdaCode(guid=guid, name=element.get("name", ""), parent_guid=parent_guid))
    users: dict[str, Element] = {}
    for group in children(root, "Users"):
        for user in children(group, "User"):
            guid = _own_guid(opened, user, users, "user")
            project.users[guid] = user.get("name") or user.get("id") or guid
    sources: dict[str, Element] = {}
    for group in children(root, "Sources"):
        for source in group:
            if local_name(source) in _SOURCE_TAGS:
                _own_guid(opened, source, sources, "source")
                project.sources.append(source)
    for group in children(root, "Cases"):
        for case in children(group, "Case"):
            for ref in children(case, "SourceRef"):
                if ref.get("targetGUID", "") not in sources:
                    raise CodingFileError(
                        f"{opened.where}: {opened.at(ref)} in case {case.get('name', '')!r} refers to "
                        f"targetGUID={ref.get('targetGUID', '(none)')!r}, which is no source of the project"
                    )
            project.cases.append(case)
    return project


def _walk_codes(codes: Element) -> list[tuple[Element, str | None]]:
    # Iterative and in document order: nesting is bounded by the archive reader, but the walk
    # should not depend on the recursion limit either.
    found: list[tuple[Element, str | None]] = []
    stack = [(code, None) for code in reversed(children(codes, "Code"))]
    while stack:
        code, parent_guid = stack.pop()
        found.append((code, parent_guid))
        stack.extend((child, code.get("guid", "")) for child in reversed(children(code, "Code")))
    return found


def _own_guid(opened: Project, element: Element, seen: dict[str, Element], kind: str) -> str:
    guid = element.get("guid", "").strip()
    name = element.get("name", "")
    if not guid:
        raise CodingFileError(
            f"{opened.where}: {opened.at(element)} ({kind} {name!r}) has no guid; "
            f"every {kind} needs one, because the project refers to {kind}s by guid"
        )
    if guid in seen:
        first = seen[guid]
        raise CodingFileError(
            f"{opened.where}: {kind} guid {guid!r} is used twice: {opened.at(first)} ({first.get('name', '')!r}) "
            f"and {opened.at(element)} ({name!r}); references to it would be ambiguous"
        )
    seen[guid] = element
    return guid


# --- matching ------------------------------------------------------------------------------------


def _match_codes(project: QdaProject, codebook: Codebook) -> dict[str, tuple[str | None, str]]:
    matches: dict[str, tuple[str | None, str]] = {}
    for code in project.codes:
        by_guid = codebook.by_guid(code.guid)
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
            for ref in children(case, "SourceRef"):
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
        },
        columns=["name", "guid", "parent", "code_id", "matched_by", "n_codings"],
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
    return check_codings(
        codings_frame([]), codebook=codebook, municipalities={}, source=str(path), is_illustrative=False,
        notes=notes, unmatched_codes=unmatched, code_matches=table,
    )  # fmt: skip


@dataclass
class _Reading:
    """What the walk over the sources collects besides the codings."""

    uses: Counter[str] = field(default_factory=Counter)
    no_user: int = 0
    unnamed_sources: int = 0
    unmapped: dict[str, str] = field(default_factory=dict)


def _import_project(
    opened: Project,
    project: QdaProject,
    codebook: Codebook,
    municipalities: Mapping[str, str],
    mapping: Mapping[str, str],
) -> CodingImport:
    matches = _match_codes(project, codebook)
    matcher = _MunicipalityMatcher(municipalities, mapping, project.cases)
    reading = _Reading()
    candidates: list[dict[str, Any]] = []
    for source in project.sources:
        candidates.extend(_source_codings(opened, project, source, matches, matcher, codebook, reading))
    if not candidates:
        raise CodingFileError(
            f"{opened.path}: no codings found (exported by {project.origin or 'an unknown program'}: "
            f"{len(project.codes)} code(s), {len(project.sources)} source(s), no <Coding>); "
            "export the project with its coded segments"
        )
    table, unmatched = _code_tables(project, matches, reading.uses)
    notes = [f"exported by {project.origin or 'an unknown program'}"]
    if reading.no_user:
        notes.append(f"{reading.no_user} coding(s) have no creatingUser; their coder is set to 'unknown'")
    if reading.unnamed_sources:
        notes.append(f"{reading.unnamed_sources} source(s) have no name; the file name or GUID is used as document")
    if reading.unmapped:
        shown = ", ".join(repr(doc) for doc in list(reading.unmapped)[:5]) + (
            " ..." if len(reading.unmapped) > 5 else ""
        )
        notes.append(
            f"{len(reading.unmapped)} source(s) have no municipality (not in the mapping, no case or name that "
            f"names one): {shown}"
        )
    if opened.undecodable:
        notes.append(f"source text(s) not UTF-8, segment_text left empty: {', '.join(opened.undecodable)}")
    return check_codings(
        codings_frame(candidates), codebook=codebook, municipalities=municipalities, source=str(opened.path),
        is_illustrative=False, notes=notes, unmatched_codes=unmatched, code_matches=table,
    )  # fmt: skip


def _source_codings(
    opened: Project,
    project: QdaProject,
    source: Element,
    matches: Mapping[str, tuple[str | None, str]],
    matcher: _MunicipalityMatcher,
    codebook: Codebook,
    reading: _Reading,
) -> list[dict[str, Any]]:
    source_guid = source.get("guid", "")
    plain_path = source.get("plainTextPath")
    document = source.get("name") or (PurePosixPath(plain_path).name if plain_path else "") or source_guid
    if not source.get("name"):
        reading.unnamed_sources += 1
    gm_code, how = matcher.resolve(source_guid, document)
    if gm_code is None:
        reading.unmapped[document] = how
    units = [source] + [s for s in source.iter() if local_name(s).endswith("Selection")]
    convention = offset_convention(project.origin)
    found: list[dict[str, Any]] = []
    for unit in units:
        codings = children(unit, "Coding")
        if not codings:
            continue
        unit_guid = unit.get("guid", "")
        position_reasons: list[tuple[str, str]] = []
        start, end = None, None
        if local_name(unit) == "PlainTextSelection":
            start, end = _positions(opened, source, unit, position_reasons)
        for coding in codings:
            user = coding.get("creatingUser") or unit.get("creatingUser")
            if not user:
                reading.no_user += 1
            for ref in children(coding, "CodeRef") or [None]:
                target = ref.get("targetGUID", "") if ref is not None else ""
                reading.uses[target] += 1
                line = opened.line_of(ref if ref is not None else coding)
                location = f"{local_name(unit)} guid={unit_guid}, CodeRef targetGUID={target or '(none)'}" + (
                    f" (line {line})" if line else ""
                )
                reasons = list(position_reasons)
                explained: set[str] = set()
                code_id, problem = _resolve_code(ref, coding, matches, project, codebook)
                if problem:
                    reasons.append(problem)
                    explained.add("code_id")
                if user and project.users and user not in project.users:
                    reasons.append(("bad_xml", f"creatingUser {user!r} is no <User> of the project"))
                if gm_code is None:
                    reasons.append(("unmapped_source", f"source {document!r}: {how}; add it to the mapping CSV"))
                    explained.add("gm_code")
                found.append(
                    {
                        "gm_code": gm_code or "",
                        "document": document,
                        "segment_id": source_guid if unit is source else unit_guid,
                        "code_id": code_id,
                        "coder": project.users.get(user, user) if user else "unknown",
                        "segment_text": _segment_text(opened, plain_path, start, end, convention),
                        "start": start,
                        "end": end,
                        "row": None,
                        "location": location,
                        "reasons": reasons,
                        "explained": explained,
                    }
                )
    return found


def _resolve_code(
    ref: Element | None,
    coding: Element,
    matches: Mapping[str, tuple[str | None, str]],
    project: QdaProject,
    codebook: Codebook,
) -> tuple[str, tuple[str, str] | None]:
    if ref is None:
        return "", ("bad_xml", f"Coding guid={coding.get('guid', '')} has no CodeRef")
    target = ref.get("targetGUID", "").strip()
    if not target:
        return "", ("bad_xml", "CodeRef has no targetGUID, so it names no code")
    if target not in matches:
        return "", ("bad_xml", f"CodeRef targetGUID={target} refers to no Code in the project")
    code_id = matches[target][0]
    if code_id is None:
        return "", ("unmatched_code", f"QDA code {project.code_names[target]!r} is not in {codebook.name}")
    return code_id, None


def _positions(
    opened: Project, source: Element, selection: Element, reasons: list[tuple[str, str]]
) -> tuple[int | None, int | None]:
    start, start_problem = parse_position(selection.get("startPosition"), "startPosition")
    end, end_problem = parse_position(selection.get("endPosition"), "endPosition")
    problems = [p for p in (start_problem, end_problem) if p]
    for name, value, raw in (("startPosition", start, start_problem), ("endPosition", end, end_problem)):
        if value is None and raw is None:
            problems.append(f"{name} is missing; a text selection needs both positions")
    if start is not None and end is not None and end < start:
        problems.append(f"endPosition {end} is before startPosition {start}")
    if not problems and end is not None:
        length = _text_length(opened, source)
        if length is not None and end > length:
            problems.append(f"endPosition {end} is beyond the end of the source's text ({length} characters)")
    if problems:
        reasons.append(("bad_position", "; ".join(problems)))
        return None, None
    return start, end


def _text_length(opened: Project, source: Element) -> int | None:
    text = opened.source_text(source.get("plainTextPath"))
    # NVivo writes a one-line placeholder .txt and keeps the text in the .docx (richTextPath): no length then.
    if text is None or (not text.strip() and source.get("richTextPath")):
        return None
    # NVivo counts UTF-16 code units, the others code points; the larger count bounds both.
    return max(len(text), len(text.encode("utf-16-le")) // 2)


def _segment_text(
    opened: Project, plain_path: str | None, start: int | None, end: int | None, convention: OffsetConvention
) -> str:
    # The program's offset convention (NVivo: UTF-16 code units) decides the slice; a range that
    # does not fit the text gives no text rather than wrong words.
    return selection_text(opened.source_text(plain_path), start, end, convention) or ""

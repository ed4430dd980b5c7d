"""The common result of every codings reader, and the checks all readers share.

Both readers (the tidy CSV in :mod:`analysis.qual.tidy_csv`, REFI-QDA in
:mod:`analysis.qual.refi_qda`) hand their codings to :func:`check_codings` as one table, which splits
them into accepted and rejected with the reasons and returns a :class:`CodingImport`. The checks run
column-wise, so that a file of millions of rows costs seconds and a few hundred megabytes; sentences
are only written for the rows that are rejected. This module sits below both readers and
:mod:`analysis.qual.codings` (which chooses the reader), so no reader imports another.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from analysis.qual.codebook import Codebook

ILLUSTRATIVE_NOTICE = (
    "Illustratieve coderingen: verzonnen voorbeeldgegevens, geen onderzoeksresultaat. "
    "Illustrative codings: made-up example data, not research findings."
)

REQUIRED_COLUMNS: tuple[str, ...] = ("gm_code", "document", "segment_id", "code_id", "coder")
OPTIONAL_COLUMNS: tuple[str, ...] = ("segment_text", "start", "end")
ACCEPTED_COLUMNS: tuple[str, ...] = (
    "gm_code", "gm_name", "document", "segment_id", "code_id", "coder",
    "segment_text", "start", "end", "location",
)  # fmt: skip
REJECTED_COLUMNS: tuple[str, ...] = (
    "file", "row", "location", "kind", "reason",
    "gm_code", "document", "segment_id", "code_id", "coder",
)  # fmt: skip
UNMATCHED_COLUMNS: tuple[str, ...] = ("name", "guid", "parent", "n_codings")
CODE_MATCH_COLUMNS: tuple[str, ...] = ("name", "guid", "parent", "code_id", "matched_by", "n_codings")

# Columns of the table a reader hands to check_codings, besides the coding itself: problems the
# reader found (kinds joined by ";", sentences by "; ") and which required cells those explain.
PRIOR_COLUMNS: tuple[str, ...] = ("prior_kind", "prior_reason", "explains_all", "explains_gm", "explains_code")

# No document holds more characters than this (sources are capped at 64 MB), so a larger position
# is a typing error; the cap also keeps positions inside a 64-bit integer column.
MAX_POSITION = 2**31 - 1
_POSITION_DIGITS = len(str(MAX_POSITION))
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    r"""Text safe to print on a terminal: control characters shown as escapes (``\x1b`` ...).

    Names and cells from input files can hold terminal escape codes that would recolour, move or
    hide output; shown escaped they are visible and harmless.
    """
    return _CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


@dataclass
class CodingImport:
    """The outcome of importing one codings file.

    Attributes:
        accepted: valid codings, columns :data:`ACCEPTED_COLUMNS` (``start``/``end`` as Int64).
        rejected: one row per rejected coding, columns :data:`REJECTED_COLUMNS`; ``row`` is the
            line in the file for CSV (header = line 1) and empty for XML, where ``location``
            names the element.
        unmatched_codes: codes in the file that are not in the codebook, with their number of
            codings (columns :data:`UNMATCHED_COLUMNS`).
        source: the file that was read.
        is_illustrative: True only for files marked as made-up example data.
        n_read: codings read from the file; always ``len(accepted) + len(rejected)``.
        codebook_version: the codebook the codes were checked against, e.g. ``codebook.yaml v1.0.0``.
        notes: remarks that do not reject anything but the reader should know.
        code_matches: for REFI-QDA files, every QDA code with the codebook id it matched (if any)
            and how (``guid`` or ``name``).
        codebook: the codebook of the run when the caller chose it (the project's own or the ROB
            codebook, :func:`analysis.qual.codebook_choice.run_codebook`); reports take their themes
            from it (``report.common.codebook_in_use``).
    """

    accepted: pd.DataFrame
    rejected: pd.DataFrame
    unmatched_codes: pd.DataFrame
    source: str
    is_illustrative: bool
    n_read: int
    codebook_version: str = ""
    notes: list[str] = field(default_factory=list)
    code_matches: pd.DataFrame = field(default_factory=lambda: empty_frame(CODE_MATCH_COLUMNS))
    codebook: Codebook | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if len(self.accepted) + len(self.rejected) != self.n_read:
            raise AssertionError(
                f"{self.source}: {self.n_read} codings read but {len(self.accepted)} accepted + "
                f"{len(self.rejected)} rejected; rows were lost"
            )
        self.accepted.attrs["is_illustrative"] = self.is_illustrative

    @property
    def ok(self) -> bool:
        """True when nothing was rejected."""
        return self.rejected.empty

    def rejection_counts(self) -> pd.Series:
        """Number of rejected codings per kind of problem (a coding can have several)."""
        kinds = self.rejected["kind"].str.split(";").explode()
        return kinds.value_counts().rename("n_codings")

    def summary(self, max_rows: int = 10) -> str:
        """A plain-text report: counts, rejections grouped by kind, the first rejected rows, unmatched codes.

        Every line passes through :func:`printable`, because names and cells come from the file.

        Args:
            max_rows: how many rejected rows and unmatched codes to list.

        Returns:
            Several lines of text, Dutch-free so that it reads the same in logs and notebooks.
        """
        lines = [f"Codings file: {self.source}"]
        if self.codebook_version:
            lines.append(f"Codebook: {self.codebook_version}")
        if self.is_illustrative:
            lines.append(f"ILLUSTRATIVE: {ILLUSTRATIVE_NOTICE}")
        lines.append(f"Codings read: {self.n_read}; accepted: {len(self.accepted)}; rejected: {len(self.rejected)}")
        if not self.accepted.empty:
            lines.append(
                f"Accepted codings cover {self.accepted['gm_code'].nunique()} municipality(ies), "
                f"{self.accepted[['gm_code', 'document']].drop_duplicates().shape[0]} documents, "
                f"{self.accepted['coder'].nunique()} coder(s)."
            )
        if not self.rejected.empty:
            lines.append("Rejected, by problem (a coding can have several):")
            lines.extend(f"  {n:6d}  {kind}" for kind, n in self.rejection_counts().items())
            shown = self.rejected.head(max_rows)
            lines.append(f"First {len(shown)} rejected:")
            for row in shown.itertuples(index=False):
                lines.append(f"  {row.location}: {row.reason}")
        if not self.unmatched_codes.empty:
            lines.append(f"Codes not in the codebook ({len(self.unmatched_codes)}):")
            ranked = self.unmatched_codes.sort_values("n_codings", ascending=False, kind="stable")
            for row in ranked.head(max_rows).itertuples(index=False):
                guid = f" guid={row.guid}" if row.guid else ""
                lines.append(f"  {row.name!r}{guid}: {row.n_codings} coding(s)")
            if len(self.unmatched_codes) > max_rows:
                lines.append(f"  ... and {len(self.unmatched_codes) - max_rows} more")
        lines.extend(f"Note: {note}" for note in self.notes)
        return "\n".join(printable(line) for line in lines)


def normalize_gm_code(value: str) -> str:
    """Canonical municipality code: ``gm0193``, ``193`` and ``0193`` all become ``GM0193``.

    Spreadsheets drop the leading zeros of bare numbers, so bare digits are padded back.
    """
    text = value.strip().upper()
    if text.isdigit() and len(text) <= 4:
        return f"GM{text.zfill(4)}"
    return text


def normalize_gm_codes(codes: pd.Series) -> pd.Series:
    """:func:`normalize_gm_code` for a whole column at once (text in, text out)."""
    text = codes.astype("str").fillna("").str.strip().str.upper()
    bare = text.str.fullmatch(r"[0-9]{1,4}").fillna(False).astype(bool)
    return text.where(~bare, "GM" + text.str.zfill(4))


def parse_position(value: str | None, name: str) -> tuple[int | None, str | None]:
    """A character position from text, bounded so that hostile values cannot overflow or stall.

    Args:
        value: the text (``None`` or blank means "not given").
        name: what it is, for the reason (``"start"``, ``"endPosition"``).

    Returns:
        ``(position, None)``, ``(None, None)`` when not given, or ``(None, reason)`` when it is not
        a whole number from 0 to :data:`MAX_POSITION`. The digits are counted before converting, so
        a 5,000-digit value never reaches ``int()``.
    """
    text = (value or "").strip()
    if not text:
        return None, None
    shown = text if len(text) <= 24 else f"{text[:20]}... ({len(text)} characters)"
    if not (text.isascii() and text.isdigit()):
        return None, f"{name} {shown!r} is not a whole number >= 0"
    digits = text.lstrip("0") or "0"
    if len(digits) > _POSITION_DIGITS or int(digits) > MAX_POSITION:
        return None, f"{name} {shown} is larger than {MAX_POSITION}, the largest position a document can have"
    return int(digits), None


def codings_frame(records: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """The table :func:`check_codings` takes, from one dict per coding (small readers, tests).

    Each dict has the :data:`REQUIRED_COLUMNS`, ``segment_text``, ``start``, ``end``, ``row``
    (line or ``None``), ``location`` (where in the file), ``reasons`` (``(kind, text)`` pairs the
    reader found) and ``explained`` (columns those reasons cover, so they are not reported twice).
    """
    rows = list(records)
    frame = pd.DataFrame(
        {
            **{c: [r[c] for r in rows] for c in (*REQUIRED_COLUMNS, "segment_text", "location")},
            **{c: pd.array([r[c] for r in rows], dtype="Int64") for c in ("start", "end", "row")},
            "prior_kind": [";".join(dict.fromkeys(kind for kind, _ in r["reasons"])) for r in rows],
            "prior_reason": ["; ".join(text for _, text in r["reasons"]) for r in rows],
            "explains_all": [set(REQUIRED_COLUMNS) <= r["explained"] for r in rows],
            "explains_gm": [bool({"gm_code"} & r["explained"]) for r in rows],
            "explains_code": [bool({"code_id"} & r["explained"]) for r in rows],
        }
    )
    return frame


def check_codings(
    frame: pd.DataFrame,
    *,
    codebook: Codebook,
    municipalities: Mapping[str, str],
    source: str,
    is_illustrative: bool,
    notes: list[str] | None = None,
    unmatched_codes: pd.DataFrame | None = None,
    code_matches: pd.DataFrame | None = None,
) -> CodingImport:
    """Check codings and split them into accepted and rejected (shared by all readers).

    Checks, in the order their reasons are written: what the reader found (``prior_*``), empty
    required cells, unknown municipality, unknown code id, duplicate (same document, segment, code
    and coder as an earlier row).

    Args:
        frame: one row per coding read, in file order: :data:`REQUIRED_COLUMNS` (text, ``""`` when
            empty), ``segment_text``, ``start``/``end``/``row`` (Int64), ``location`` and
            :data:`PRIOR_COLUMNS`; see :func:`codings_frame`.
        codebook: valid code ids.
        municipalities: valid ``gm_code -> name``.
        source: the file, for the report.
        is_illustrative: whether the file is marked as example data.
        notes: remarks from the reader.
        unmatched_codes: the reader's report of unknown codes; when ``None`` it is derived from
            the ``code_id`` values not in the codebook.
        code_matches: the reader's code matching table, if it has one.

    Returns:
        The complete import.
    """
    known = {normalize_gm_code(code): name for code, name in municipalities.items()}
    frame = frame.reset_index(drop=True)
    # Text columns stay in pandas' compact string type: a big file never becomes millions of
    # Python string objects, and every check below runs column-wise.
    text = {c: frame[c].astype("str").fillna("") for c in REQUIRED_COLUMNS}
    gm_code = normalize_gm_codes(text["gm_code"])

    explains_all = frame["explains_all"].to_numpy(bool)
    free_gm = ~(explains_all | frame["explains_gm"].to_numpy(bool))
    free_code = ~(explains_all | frame["explains_code"].to_numpy(bool))
    free = {c: ~explains_all for c in REQUIRED_COLUMNS} | {"gm_code": free_gm, "code_id": free_code}
    checks: list[tuple[str, np.ndarray]] = []
    empty = {c: (text[c] == "").to_numpy(bool) & free[c] for c in REQUIRED_COLUMNS}
    checks.append(("empty_cell", np.logical_or.reduce(list(empty.values()))))
    unknown_gm = free_gm & (gm_code != "").to_numpy(bool) & ~gm_code.isin(list(known)).to_numpy(bool)
    checks.append(("unknown_municipality", unknown_gm))
    code_id = text["code_id"]
    unknown_code = free_code & (code_id != "").to_numpy(bool) & ~code_id.isin(codebook.ids).to_numpy(bool)
    checks.append(("unknown_code", unknown_code))
    keys = pd.DataFrame({c: text[c] for c in ("document", "segment_id", "code_id", "coder")})
    complete = (keys != "").all(axis=1).to_numpy(bool)
    duplicate = complete & keys.duplicated(keep="first").to_numpy(bool)
    location = frame["location"].astype("str")
    first_location = pd.Series("", index=frame.index, dtype="str")
    if duplicate.any():
        first_location = location.groupby([keys[c] for c in keys], sort=False).transform("first")
        # Several codes of one XML coding share a location; only an earlier element is a duplicate.
        duplicate &= (first_location != location).to_numpy(bool)
    checks.append(("duplicate", duplicate))

    prior = (frame["prior_kind"].astype("str").fillna("") != "").to_numpy(bool)
    is_rejected = prior | np.logical_or.reduce([mask for _, mask in checks])
    kinds, reasons = _reasons(frame, text, is_rejected, empty, checks, first_location, codebook.name)

    values = {c: text[c] for c in REQUIRED_COLUMNS} | {"gm_code": gm_code.where(gm_code != "", text["gm_code"])}
    accepted_rows = ~is_rejected

    def accepted_part(series: pd.Series) -> pd.Series:
        # A big file is usually all accepted: then the columns are shared, not copied by a mask.
        return series if not is_rejected.any() else series[accepted_rows]

    accepted = pd.DataFrame({c: accepted_part(values[c]) for c in REQUIRED_COLUMNS})
    # Map the few distinct codes, not every row.
    accepted["gm_name"] = pd.Categorical(accepted["gm_code"]).map(known, na_action="ignore").astype("str")
    for column in ("segment_text", "start", "end", "location"):
        accepted[column] = accepted_part(frame[column])
    rejected = pd.DataFrame({c: values[c][is_rejected] for c in REQUIRED_COLUMNS})
    rejected["file"] = source
    rejected["row"] = frame.loc[is_rejected, "row"]
    rejected["location"] = location[is_rejected]
    rejected["kind"] = kinds
    rejected["reason"] = reasons

    if unmatched_codes is None:
        counts = text["code_id"][unknown_code].value_counts(sort=False)
        unmatched_codes = pd.DataFrame(
            {"name": counts.index, "guid": "", "parent": "", "n_codings": counts.to_numpy()},
            columns=list(UNMATCHED_COLUMNS),
        )
    return CodingImport(
        accepted=typed_frame(accepted, ACCEPTED_COLUMNS, ints=("start", "end")),
        rejected=typed_frame(rejected, REJECTED_COLUMNS, ints=("row",)),
        unmatched_codes=typed_frame(unmatched_codes, UNMATCHED_COLUMNS, ints=("n_codings",)),
        source=source,
        is_illustrative=is_illustrative,
        n_read=len(frame),
        codebook_version=codebook.name,
        notes=list(notes or []),
        code_matches=(
            empty_frame(CODE_MATCH_COLUMNS)
            if code_matches is None
            else typed_frame(code_matches, CODE_MATCH_COLUMNS, ints=("n_codings",))
        ),
    )


def _reasons(
    frame: pd.DataFrame,
    text: Mapping[str, pd.Series],
    is_rejected: np.ndarray,
    empty: Mapping[str, np.ndarray],
    checks: list[tuple[str, np.ndarray]],
    first_location: pd.Series,
    codebook_name: str,
) -> tuple[list[str], list[str]]:
    # Sentences only for the rejected rows: usually a handful among many.
    masks = {kind: mask[is_rejected] for kind, mask in checks}
    empties = {c: mask[is_rejected] for c, mask in empty.items()}

    def rejected_values(series: pd.Series) -> np.ndarray:
        return series[is_rejected].astype(object).fillna("").to_numpy()

    prior_kind = rejected_values(frame["prior_kind"])
    prior_reason = rejected_values(frame["prior_reason"])
    gm_raw = rejected_values(text["gm_code"])
    code_raw = rejected_values(text["code_id"])
    first = rejected_values(first_location)
    kinds: list[str] = []
    reasons: list[str] = []
    for i in range(int(is_rejected.sum())):
        row_kinds = [prior_kind[i]] if prior_kind[i] else []
        row_reasons = [prior_reason[i]] if prior_reason[i] else []
        if masks["empty_cell"][i]:
            row_kinds.append("empty_cell")
            row_reasons.append(f"empty required cell(s): {', '.join(c for c in empties if empties[c][i])}")
        if masks["unknown_municipality"][i]:
            row_kinds.append("unknown_municipality")
            row_reasons.append(f"unknown municipality code {gm_raw[i]!r}")
        if masks["unknown_code"][i]:
            row_kinds.append("unknown_code")
            row_reasons.append(f"unknown code id {code_raw[i]!r} (not in {codebook_name})")
        if masks["duplicate"][i]:
            row_kinds.append("duplicate")
            row_reasons.append(f"duplicate of {first[i]} (same document, segment_id, code_id, coder)")
        kinds.append(";".join(dict.fromkeys(";".join(row_kinds).split(";"))))
        reasons.append("; ".join(row_reasons))
    return kinds, reasons


def typed_frame(
    data: pd.DataFrame | list[dict[str, Any]], columns: tuple[str, ...], ints: tuple[str, ...] = ()
) -> pd.DataFrame:
    """``data`` with exactly ``columns``: the ``ints`` as nullable Int64, every other column text."""
    frame = pd.DataFrame.from_records(data, columns=list(columns)) if isinstance(data, list) else data
    frame = frame.reindex(columns=list(columns)).reset_index(drop=True)
    for column in columns:
        if column in ints:
            frame[column] = frame[column].astype("Int64")
        else:
            frame[column] = frame[column].fillna("").astype("str")
    return frame


def empty_frame(columns: tuple[str, ...]) -> pd.DataFrame:
    """An empty frame with ``columns`` typed as :func:`typed_frame` types them."""
    return typed_frame([], columns, ints=("n_codings",))

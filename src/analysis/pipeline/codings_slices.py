"""What each municipal report shows of the codings, as one digest per municipality (issue 13 item 1).

A municipal report's content key holds its own slice of the codings, not the whole file, so that
changing one coding re-renders only the reports that show it. What a report shows of the codings
(:func:`analysis.report.municipal_sections.themes`, ``fragments`` and ``sources``, and their views):

- the facts of the file every report states (:func:`analysis.report.common.codings_origin`: file
  name, codebook version or project codebook file, codings read, accepted and rejected, whether
  the file is the illustrative example);
- the number of rejected codings that name the municipality (said in words; which rows they were
  is listed by ``codings check``, not on the page);
- its own accepted codings, every column but ``location`` (counts, top themes, profile, exemplar
  quotes). ``location`` is the coding's place in the file ("line 3"), which no page shows: a line
  added above would otherwise re-render every municipality below it;
- only when it has accepted codings (a theme profile is drawn): the codebook (theme labels), the
  mean share per theme of the twenty and how many of the twenty have codings (the mean's base).

A municipality without accepted codings shows no profile and no group mean, so its digest leaves
them out. The annex and the index show every coding: their key keeps the whole file's digest.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from analysis.qual.coding_import import CodingImport
from analysis.qual.themes import theme_shares
from analysis.report.common import codebook_in_use, codings_origin

#: Columns of the accepted codings that no municipal report shows (see the module docstring).
UNSHOWN_COLUMNS: tuple[str, ...] = ("location",)


@dataclass(frozen=True)
class CodingsSlices:
    """One digest per municipality of what its report shows of the codings.

    Attributes:
        shown_by_all: digest of what every municipal report shows (the file's facts); the digest of
            a municipality with no coding of its own, accepted or rejected.
        per_municipality: the digest of each municipality that has codings or rejections of its own.
    """

    shown_by_all: str
    per_municipality: dict[str, str]

    def digest_for(self, gm_code: str) -> str:
        """The digest of what the report on ``gm_code`` shows of the codings."""
        return self.per_municipality.get(gm_code, self.shown_by_all)

    def as_dict(self) -> dict:
        """Plain JSON form (for the child process's answer and the output folder's cache)."""
        return {"shown_by_all": self.shown_by_all, "per_municipality": dict(self.per_municipality)}

    @classmethod
    def from_dict(cls, stored: dict) -> CodingsSlices:
        """The inverse of :meth:`as_dict`; raises ``KeyError``/``TypeError`` on another shape."""
        return cls(str(stored["shown_by_all"]), {str(k): str(v) for k, v in stored["per_municipality"].items()})


def _digest(*parts: bytes | str) -> str:
    sha = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        # Length-prefixed, so that two different splits of the same bytes never collide.
        sha.update(len(data).to_bytes(8, "big"))
        sha.update(data)
    return sha.hexdigest()


def frame_digest(frame: pd.DataFrame) -> str:
    """Digest of a frame's columns, dtypes and values in row order (the index plays no part)."""
    try:
        values = pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes() if len(frame) else b""
    except TypeError:  # an unhashable cell (a list from a QDA export's variables): hash its text
        values = pd.util.hash_pandas_object(frame.astype(str), index=False).to_numpy().tobytes()
    return _digest(repr(list(frame.columns)), repr([str(t) for t in frame.dtypes]), values)


def slice_codings(coded: CodingImport, case_codes: Iterable[str]) -> CodingsSlices:
    """The digest of each municipality's shown slice of ``coded`` (see the module docstring).

    Args:
        coded: the checked import of the run's codings file, with its codebook.
        case_codes: the twenty (the comparison group of every theme profile).
    """
    case_codes = list(case_codes)
    shown_by_all = _digest(repr(codings_origin(coded)))
    accepted, rejected = coded.accepted, coded.rejected
    own_codes = set(accepted["gm_code"].dropna()) if "gm_code" in accepted else set()
    rejected_codes = set(rejected["gm_code"].dropna()) if "gm_code" in rejected else set()
    profile_part = ""
    if own_codes:
        group_mean = theme_shares(accepted, codebook_in_use(coded), municipalities=case_codes).mean(axis=1)
        with_codings = accepted.loc[accepted["gm_code"].isin(case_codes), "gm_code"].nunique()
        # repr keeps every bit of each mean: the profile's CSV beside the page carries them unrounded.
        means = repr(list(zip(group_mean.index, group_mean.to_numpy().tolist(), strict=True)))
        profile_part = _digest(repr(codebook_in_use(coded)), means, str(with_codings))
    shown = accepted.drop(columns=[c for c in UNSHOWN_COLUMNS if c in accepted])
    rejected_counts = rejected["gm_code"].value_counts() if "gm_code" in rejected else pd.Series(dtype=int)
    per_municipality = {}
    for gm_code in sorted(own_codes | rejected_codes, key=str):
        own = shown[shown["gm_code"] == gm_code]
        per_municipality[str(gm_code)] = _digest(
            shown_by_all,
            frame_digest(own),
            str(int(rejected_counts.get(gm_code, 0))),
            profile_part if len(own) else "",
        )
    return CodingsSlices(shown_by_all, per_municipality)

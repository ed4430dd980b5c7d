"""Analyses of accepted codings: codes and themes per municipality, co-occurrence, profiles.

All functions take the ``accepted`` frame of a :class:`~analysis.qual.codings.CodingImport`. Counting
units are distinct, so a segment coded twice (by two coders, or with two codes of one theme)
counts once: a *segment* is ``(gm_code, document, segment_id)``, a *document* is
``(gm_code, document)``. Rolling up to themes maps every code to its root in the codebook.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import pandas as pd

from analysis.qual.codebook import Codebook

Measure = Literal["segments", "documents", "presence"]
Level = Literal["code", "theme"]
Unit = Literal["segment", "document"]

#: Reason code: the municipality has no coded segment, so its shares are undefined (not zero).
NO_CODED_SEGMENTS = "no_coded_segments"

_UNIT_KEYS: dict[str, list[str]] = {
    "segment": ["gm_code", "document", "segment_id"],
    "document": ["gm_code", "document"],
}


def theme_of_codes(codebook: Codebook) -> dict[str, str | None]:
    """Each code's theme id; ``None`` for a code under no theme.

    In ``config/codebook.yaml`` every code has a theme (its root). A project codebook whose themes
    are code sets or a mapping onto the ROB themes can leave codes outside every theme.
    """
    found: dict[str, str | None] = {}
    for code in codebook:
        try:
            found[code.id] = codebook.theme(code.id).id
        except KeyError:
            found[code.id] = None
    return found


def with_themes(codings: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Add a ``theme`` column (the theme id of each ``code_id``; missing for a code under no theme).

    Raises:
        KeyError: a ``code_id`` is not in the codebook (accepted codings never have one).
    """
    themes = theme_of_codes(codebook)
    unknown = sorted(set(codings["code_id"]) - set(themes))
    if unknown:
        raise KeyError(f"code id(s) not in {codebook.name}: {unknown}")
    return codings.assign(theme=codings["code_id"].map(themes))


def code_matrix(
    codings: pd.DataFrame,
    codebook: Codebook,
    *,
    measure: Measure = "segments",
    level: Level = "code",
    municipalities: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Codes (or themes) x municipalities.

    Args:
        codings: accepted codings.
        codebook: the codebook; every code (or theme) gets a row, also those never used.
        measure: ``segments`` (distinct segments with the code), ``documents`` (distinct
            documents with the code) or ``presence`` (1 when the municipality has it at all).
        level: ``code`` (as coded) or ``theme`` (rolled up to the root; a segment with two codes
            of one theme counts once).
        municipalities: the columns, in order (e.g. the twenty cases); default: those in ``codings``.

    Returns:
        Integer frame, index ``code_id`` or ``theme`` in codebook order, columns ``gm_code``.
    """
    data = with_themes(codings, codebook)
    key = "code_id" if level == "code" else "theme"
    unit = "document" if measure == "documents" else "segment"
    units = data.drop_duplicates([key, *_UNIT_KEYS[unit]])
    counts = units.groupby([key, "gm_code"]).size().unstack("gm_code", fill_value=0)
    rows = codebook.ids if level == "code" else [code.id for code in codebook.roots()]
    columns = list(municipalities) if municipalities is not None else sorted(data["gm_code"].unique())
    matrix = counts.reindex(index=rows, columns=columns, fill_value=0).astype("int64")
    if measure == "presence":
        matrix = (matrix > 0).astype("int64")
    matrix.index.name = key
    matrix.columns.name = "gm_code"
    return matrix


def cooccurrence(
    codings: pd.DataFrame,
    codebook: Codebook | None = None,
    *,
    unit: Unit = "segment",
    level: Level = "code",
) -> pd.DataFrame:
    """How often two codes (or themes) occur in the same segment or document.

    Args:
        codings: accepted codings; coders are pooled (a unit has a code when any coder gave it).
        codebook: needed for ``level="theme"``; also orders the rows in codebook order.
        unit: ``segment`` or ``document``.
        level: ``code`` or ``theme``.

    Returns:
        Symmetric integer frame; the diagonal is the number of units with that code, off the
        diagonal the number of units with both. Only codes that occur are included.
    """
    if level == "theme":
        if codebook is None:
            raise ValueError("level='theme' needs the codebook")
        codings = with_themes(codings, codebook)
    key = "code_id" if level == "code" else "theme"
    keys = _UNIT_KEYS[unit]
    codings = codings.dropna(subset=[key])
    if codings.empty:
        # crosstab of nothing fails deep inside pandas ("Buffer has wrong number of dimensions").
        empty = pd.DataFrame(index=pd.Index([], name=key), columns=pd.Index([], name=key), dtype="int64")
        return empty
    incidence = pd.crosstab(codings[keys].astype(str).agg("\x1f".join, axis=1), codings[key]).clip(upper=1)
    if codebook is not None:
        order = codebook.ids if level == "code" else [code.id for code in codebook.roots()]
        incidence = incidence[[c for c in order if c in incidence.columns]]
    matrix = incidence.T @ incidence
    matrix.index.name = key
    matrix.columns.name = key
    return matrix.astype("int64")


def theme_profile(
    codings: pd.DataFrame,
    codebook: Codebook,
    gm_code: str,
    *,
    municipalities: Sequence[str] | None = None,
) -> pd.DataFrame:
    """One municipality's share of segments per theme, against the mean of the group.

    The share of a theme is the fraction of the municipality's coded segments that carry at least
    one code of that theme; a segment can carry several themes, so shares can add up to more than 1.

    Args:
        codings: accepted codings.
        codebook: for the themes and their labels.
        gm_code: the municipality to profile.
        municipalities: the comparison group (e.g. the twenty); default: every municipality in
            ``codings``. Members without coded segments are left out of the mean.

    Returns:
        Frame indexed by theme (codebook order) with ``label_nl``, ``label_en``, ``share``,
        ``group_mean``, ``difference`` (share - group mean) and ``n_segments``. When ``gm_code``
        has no coded segments its shares are missing (not zero) and ``attrs["reason"]`` is
        :data:`NO_CODED_SEGMENTS`; otherwise ``attrs["reason"]`` is empty.
    """
    own = theme_shares(codings, codebook, municipalities=[gm_code])
    reason = "" if not own.empty else NO_CODED_SEGMENTS
    if own.empty:
        own = pd.DataFrame({gm_code: float("nan")}, index=[code.id for code in codebook.roots()])
    group = theme_shares(codings, codebook, municipalities=municipalities)
    segments = code_matrix(codings, codebook, level="theme", municipalities=[gm_code])[gm_code]
    roots = codebook.roots()
    profile = pd.DataFrame(
        {
            "label_nl": [c.label_nl for c in roots],
            "label_en": [c.label_en for c in roots],
            "share": own[gm_code].to_numpy(),
            "group_mean": group.mean(axis=1).to_numpy(),
            "n_segments": segments.to_numpy(),
        },
        index=pd.Index([c.id for c in roots], name="theme"),
    ).assign(difference=lambda f: f["share"] - f["group_mean"])
    profile.attrs["reason"] = reason
    return profile


def theme_shares(
    codings: pd.DataFrame, codebook: Codebook, *, municipalities: Sequence[str] | None = None
) -> pd.DataFrame:
    """Share of each municipality's coded segments that carry each theme (themes x municipalities).

    Municipalities in ``municipalities`` without any coded segment are dropped (their share is
    undefined, not zero).
    """
    counts = code_matrix(codings, codebook, level="theme", municipalities=municipalities)
    totals = codings.drop_duplicates(_UNIT_KEYS["segment"]).groupby("gm_code").size()
    totals = totals.reindex(counts.columns).dropna()
    return counts[totals.index].div(totals, axis=1).astype("float64")


def top_themes(codings: pd.DataFrame, codebook: Codebook, *, n: int = 3, gm_code: str | None = None) -> pd.DataFrame:
    """The ``n`` themes with most coded segments, overall or for one municipality.

    Returns:
        Frame with ``theme``, ``label_nl``, ``label_en``, ``n_segments`` and ``share`` (of the
        coded segments), most frequent first; ties in codebook order.
    """
    data = codings if gm_code is None else codings.loc[codings["gm_code"] == gm_code]
    total = data.drop_duplicates(_UNIT_KEYS["segment"]).shape[0]
    counts = code_matrix(data, codebook, level="theme").sum(axis=1)
    head = counts.sort_values(ascending=False, kind="stable").head(n)
    return pd.DataFrame(
        {
            "theme": head.index,
            "label_nl": [codebook[t].label_nl for t in head.index],
            "label_en": [codebook[t].label_en for t in head.index],
            "n_segments": head.to_numpy(),
            "share": head.to_numpy() / total if total else float("nan"),
        }
    )

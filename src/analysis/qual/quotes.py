"""Coded fragments as tables: exemplar quotes per municipality and theme, and a quote matrix.

The reader of a qualitative annex looks at the words behind the counts first. These functions
return DataFrames (no prose, no HTML; the renderer escapes every text it shows):

- :func:`exemplar_quotes`: for each municipality and theme, up to ``per_theme`` fragments with
  their text, document, coder(s), code(s) and offsets.
- :func:`quote_matrix`: theme x characteristic group (e.g. ``size_group`` of the cross-case
  table), with the number of fragments and municipalities and one to three exemplar quotes per
  cell, in the manner of MAXQDA's Interactive Quote Matrix; ``to_csv`` gives the researcher's copy.

**Where the text comes from.** ``segment_text`` of the coding when it is filled; otherwise the
source text at the selection's offsets (``source_texts`` keyed by ``segment_id``'s source, see
:func:`analysis.qual.source_text.selection_text` for UTF-16 and line-end conventions); otherwise the
fragment keeps ``text`` empty and ``text_status`` :data:`NO_TEXT`, so that a report can say "no
text available in this codings file" instead of showing nothing.

**Exemplar rule** (:data:`EXEMPLAR_RULE`, deterministic): a *fragment* is a distinct segment
``(gm_code, document, segment_id)``; two coders or two codes of one theme on one segment give one
fragment (their coders and codes joined). Fragments are ranked: with text before without;
about this theme only before fragments that also carry other themes (they exemplify the theme
more clearly); longer before shorter; then by start offset, document and segment id. A text that
occurs twice is taken once. Then the ranked fragments are spread over documents: documents in the
order of their best fragment, one fragment of each document in turn. So three exemplars come from
three documents where there are three. In a quote-matrix cell the same rule spreads over
municipalities instead of documents.

**Shortening.** A text longer than ``max_chars`` (default :data:`QUOTE_MAX_CHARS`) is cut at the
last word boundary before the limit and ends in an ellipsis (``…``); whitespace runs (line ends of
the source) become single spaces. ``is_shortened`` says which quotes were cut; ``n_chars`` is the
length of the whole fragment (whitespace collapsed) before shortening.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from analysis.qual.codebook import Codebook
from analysis.qual.source_text import OffsetConvention, selection_text
from analysis.qual.themes import with_themes

QUOTE_MAX_CHARS = 300
ELLIPSIS = "\u2026"
EXEMPLAR_RULE = (
    "distinct fragments, single-theme and longest first, spread round-robin over documents "
    "(quote matrix: over municipalities)"
)
MAX_PER_CELL = 3

#: ``text_status`` values (reason codes, words live in the narrative layer).
FROM_SEGMENT_TEXT = "segment_text"
FROM_SOURCE_TEXT = "source_text"
NO_TEXT = "no_text"
#: ``status`` values of a quote-matrix cell.
CELL_OK = "ok"
CELL_NO_FRAGMENTS = "no_fragments"
CELL_NO_TEXT = "no_text"

QUOTE_COLUMNS = [
    "gm_code", "gm_name", "theme", "rank", "document", "segment_id", "coder", "code_id",
    "start", "end", "text", "text_status", "is_shortened", "n_chars",
]  # fmt: skip
_SEGMENT = ["gm_code", "document", "segment_id"]


def shorten_quote(text: str, max_chars: int = QUOTE_MAX_CHARS) -> tuple[str, bool]:
    """Collapse whitespace and cut ``text`` at a word boundary so it fits ``max_chars``.

    Args:
        text: the fragment.
        max_chars: the longest result, ellipsis included (at least 2).

    Returns:
        ``(quote, is_shortened)``; a cut quote ends in ``…``. A single word longer than the
        limit is cut inside the word (there is no boundary to cut at).
    """
    if max_chars < 2:
        raise ValueError(f"max_chars must be at least 2, got {max_chars}")
    flat = " ".join(text.split())
    if len(flat) <= max_chars:
        return flat, False
    room = flat[: max_chars - 1]
    boundary = room.rfind(" ")
    cut = room[:boundary] if boundary > 0 else room
    return cut.rstrip(" ,;:.-\u2013") + ELLIPSIS, True


def fragment_texts(
    codings: pd.DataFrame,
    source_texts: Mapping[str, str | None] | None = None,
    convention: OffsetConvention | None = None,
    source_of: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Add ``text`` and ``text_status`` to codings: segment text, else source text at the offsets.

    Args:
        codings: accepted codings (``segment_text``, ``start``, ``end`` optional).
        source_texts: plain texts keyed by source (see ``source_of``); ``None`` when unavailable.
        convention: how the offsets count (UTF-16 for NVivo, line ends).
        source_of: ``document -> key of source_texts``; default: the document name is the key.

    Returns:
        A copy with ``text`` (string, empty when none) and ``text_status``.
    """
    data = codings.copy()
    own = data["segment_text"].fillna("").astype(str) if "segment_text" in data else pd.Series("", index=data.index)
    texts = own.where(own.str.strip() != "", "")
    status = pd.Series(FROM_SEGMENT_TEXT, index=data.index).where(texts != "", NO_TEXT)
    if source_texts and {"start", "end"} <= set(data.columns):
        for index in data.index[texts == ""]:
            document = str(data.at[index, "document"])
            key = source_of.get(document, document) if source_of else document
            start, end = data.at[index, "start"], data.at[index, "end"]
            if pd.isna(start) or pd.isna(end):
                continue
            cut = selection_text(source_texts.get(key), int(start), int(end), convention)
            if cut and cut.strip():
                texts.at[index] = cut
                status.at[index] = FROM_SOURCE_TEXT
    return data.assign(text=texts, text_status=status)


def _fragments(data: pd.DataFrame) -> pd.DataFrame:
    """One row per distinct segment of each (municipality, theme), coders and codes joined."""
    if "gm_name" not in data:
        data = data.assign(gm_name="")
    for column in ("start", "end"):
        if column not in data:
            data = data.assign(**{column: pd.NA})
    keys = ["theme", *_SEGMENT]
    grouped = data.sort_values([*keys, "coder", "code_id"], kind="stable").groupby(keys, sort=False)
    fragments = grouped.agg(
        gm_name=("gm_name", "first"),
        coder=("coder", lambda s: ", ".join(sorted(set(map(str, s))))),
        code_id=("code_id", lambda s: ", ".join(dict.fromkeys(map(str, s)))),
        start=("start", "min"),
        end=("end", "max"),
        text=("text", lambda s: max(s, key=len)),
        n_themes=("n_themes", "max"),
    ).reset_index()
    has_text = fragments["text"] != ""
    statuses = data.assign(_has=data["text"] != "").sort_values("_has", ascending=False, kind="stable")
    first_status = statuses.groupby(keys, sort=False)["text_status"].first()
    fragments["text_status"] = first_status.reindex(pd.MultiIndex.from_frame(fragments[keys])).to_numpy()
    fragments.loc[~has_text, "text_status"] = NO_TEXT
    # Length of the words, not of the line breaks and double spaces around them.
    fragments["n_chars"] = fragments["text"].str.split().str.join(" ").str.len()
    return fragments


def _choose(fragments: pd.DataFrame, n: int, spread_by: str = "document") -> pd.DataFrame:
    """Apply :data:`EXEMPLAR_RULE` to the fragments of one cell and keep ``n``.

    ``spread_by`` is ``document`` within a municipality and ``gm_code`` in a quote-matrix cell,
    so that a cell's quotes come from different municipalities where it has several. Cells are
    small, so plain Python sorting is far cheaper here than pandas operations per cell.
    """
    records = fragments.to_dict("records")

    def rank(r: dict) -> tuple:
        start = -1 if pd.isna(r["start"]) else int(r["start"])
        return (r["text"] == "", r["n_themes"] > 1, -r["n_chars"], start, str(r[spread_by]), str(r["segment_id"]))

    seen: set[str] = set()
    kept: list[int] = []
    for i in sorted(range(len(records)), key=lambda i: rank(records[i])):
        # The same words coded in two places read as one quote (the best-ranked is kept).
        words = " ".join(records[i]["text"].split())
        if words and words in seen:
            continue
        seen.add(words)
        kept.append(i)
    turns: dict[object, int] = {}
    first: dict[object, int] = {}
    spread = []
    for position, i in enumerate(kept):
        group = records[i][spread_by]
        turns[group] = turns.get(group, -1) + 1
        first.setdefault(group, position)
        spread.append(((records[i]["text"] == "", turns[group], first[group]), i))
    return fragments.iloc[[i for _, i in sorted(spread)[:n]]]


def _count_themes(data: pd.DataFrame) -> pd.DataFrame:
    """Add ``n_themes``: how many themes the coding's segment carries (all coders together)."""
    return data.assign(n_themes=data.groupby(_SEGMENT)["theme"].transform("nunique"))


def exemplar_quotes(
    codings: pd.DataFrame,
    codebook: Codebook,
    *,
    gm_code: str | None = None,
    themes: Sequence[str] | None = None,
    per_theme: int = MAX_PER_CELL,
    max_chars: int = QUOTE_MAX_CHARS,
    source_texts: Mapping[str, str | None] | None = None,
    convention: OffsetConvention | None = None,
) -> pd.DataFrame:
    """Exemplar fragments per municipality and theme (see the module docstring for the rule).

    Args:
        codings: accepted codings of a :class:`~analysis.qual.codings.CodingImport`.
        codebook: the codebook in use (its themes).
        gm_code: one municipality; ``None`` gives every municipality in ``codings``.
        themes: theme ids to include, in this order; default: every theme in codebook order.
        per_theme: at most this many quotes per municipality and theme (1-3 is usual).
        max_chars: quotes longer than this are shortened at a word boundary with ``…``.
        source_texts: source texts by document name, used where ``segment_text`` is empty.
        convention: how the selection offsets count in ``source_texts``.

    Returns:
        Columns :data:`QUOTE_COLUMNS`, ordered by municipality, theme (in ``themes`` or codebook
        order) and ``rank`` (1 = first exemplar). ``text`` is the (shortened) quote, empty with
        ``text_status == "no_text"`` where the codings carry no text. Empty (with the columns)
        when there is nothing to quote.
    """
    if per_theme < 1:
        raise ValueError(f"per_theme must be at least 1, got {per_theme}")
    data = codings if gm_code is None else codings[codings["gm_code"] == gm_code]
    order = list(themes) if themes is not None else [code.id for code in codebook.roots()]
    data = _count_themes(with_themes(data, codebook))
    data = data[data["theme"].isin(order)]
    if data.empty:
        return pd.DataFrame(columns=QUOTE_COLUMNS)
    fragments = _fragments(fragment_texts(data, source_texts, convention))
    picked = []
    for _, cell in fragments.groupby(["gm_code", "theme"], sort=False):
        chosen = _choose(cell, per_theme)
        picked.append(chosen.assign(rank=range(1, len(chosen) + 1)))
    result = pd.concat(picked, ignore_index=True)
    shortened = result["text"].map(lambda t: shorten_quote(t, max_chars) if t else ("", False))
    result["text"] = shortened.str[0]
    result["is_shortened"] = shortened.str[1].astype(bool)
    result["theme"] = pd.Categorical(result["theme"], categories=order, ordered=True)
    result = result.sort_values(["gm_code", "theme", "rank"], kind="stable").reset_index(drop=True)
    result["theme"] = result["theme"].astype(str)
    return result[QUOTE_COLUMNS]


def quote_matrix(
    codings: pd.DataFrame,
    codebook: Codebook,
    groups: pd.Series,
    *,
    per_cell: int = MAX_PER_CELL,
    max_chars: int = QUOTE_MAX_CHARS,
    source_texts: Mapping[str, str | None] | None = None,
    convention: OffsetConvention | None = None,
) -> pd.DataFrame:
    """Theme x characteristic group: fragments counted, with up to ``per_cell`` exemplar quotes.

    Args:
        codings: accepted codings.
        codebook: the codebook in use; every theme gets a row per group, also empty ones.
        groups: the group of each municipality, indexed by ``gm_code`` (e.g.
            ``crosscase.set_index("gm_code")["size_group"]``); its name names the characteristic.
            A categorical keeps its category order; municipalities without a group are left out.
        per_cell: quotes per cell, 1 to :data:`MAX_PER_CELL`.
        max_chars: shortening limit of each quote.
        source_texts: source texts by document name, used where ``segment_text`` is empty.
        convention: how the selection offsets count in ``source_texts``.

    Returns:
        One row per (theme, group): ``characteristic``, ``theme``, ``label_nl``, ``label_en``,
        ``group``, ``n_fragments`` (distinct segments), ``n_municipalities`` (with the theme),
        ``n_quotes``, ``status`` (:data:`CELL_OK`, :data:`CELL_NO_FRAGMENTS`,
        :data:`CELL_NO_TEXT`), and for k = 1..per_cell ``quote_k``, ``quote_k_gm_name``,
        ``quote_k_document``, ``quote_k_coder`` (empty where there is no k-th quote). Within a
        cell the quotes follow :data:`EXEMPLAR_RULE` over all its municipalities' fragments.
    """
    if not 1 <= per_cell <= MAX_PER_CELL:
        raise ValueError(f"per_cell must be 1 to {MAX_PER_CELL}, got {per_cell}")
    labelled = groups.dropna()
    if isinstance(groups.dtype, pd.CategoricalDtype):
        group_order = [g for g in groups.cat.categories]
    else:
        group_order = sorted(labelled.unique(), key=str)
    data = codings[codings["gm_code"].isin(labelled.index)]
    data = _count_themes(with_themes(data, codebook).dropna(subset=["theme"]))
    data = data.assign(group=data["gm_code"].map(labelled))
    fragments = _fragments(fragment_texts(data, source_texts, convention)) if not data.empty else None
    if fragments is not None:
        fragments["group"] = fragments["gm_code"].map(labelled)
    rows = []
    for theme in codebook.roots():
        for group in group_order:
            row: dict[str, object] = {
                "characteristic": groups.name or "",
                "theme": theme.id,
                "label_nl": theme.label_nl,
                "label_en": theme.label_en,
                "group": group,
            }
            cell = (
                fragments[(fragments["theme"] == theme.id) & (fragments["group"] == group)]
                if fragments is not None
                else None
            )
            chosen = _choose(cell, per_cell, spread_by="gm_code") if cell is not None and not cell.empty else None
            quotes = chosen[chosen["text"] != ""] if chosen is not None else pd.DataFrame()
            row["n_fragments"] = 0 if cell is None else len(cell)
            row["n_municipalities"] = 0 if cell is None else cell["gm_code"].nunique()
            row["n_quotes"] = len(quotes)
            row["status"] = CELL_OK if len(quotes) else (CELL_NO_TEXT if row["n_fragments"] else CELL_NO_FRAGMENTS)
            records = list(quotes.itertuples(index=False)) if len(quotes) else []
            for k in range(1, per_cell + 1):
                found = records[k - 1] if k <= len(records) else None
                row[f"quote_{k}"] = shorten_quote(found.text, max_chars)[0] if found else ""
                row[f"quote_{k}_gm_name"] = (found.gm_name or found.gm_code) if found else ""
                row[f"quote_{k}_document"] = found.document if found else ""
                row[f"quote_{k}_coder"] = found.coder if found else ""
            rows.append(row)
    return pd.DataFrame(rows)

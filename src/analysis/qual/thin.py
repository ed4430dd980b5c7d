"""What the codings allow: each qualitative analysis either computable or a reason code why not.

Real projects are often thin: every coding rejected against the codebook, codings for one or two
municipalities, a single coder, themes that no case has. Report sections ask :func:`coverage`
first and say in words (from the narrative layer) what cannot be computed and why, instead of
showing an empty chart or crashing. The reason codes are data; the sentences are not made here.

Rules (stated once, used by the annex and the municipal report):

- ``themes``, ``theme_profile``, ``quotes``: need at least one accepted coding;
- ``cooccurrence``: needs a segment (or document) with two themes, so at least two themes coded;
- ``agreement``: needs two coders;
- ``associations`` and ``quote_matrix``: compare municipalities, so they need codings in at
  least :data:`MIN_MUNICIPALITIES` municipalities;
- a theme no municipality has is listed in ``themes_absent`` (its presence is constant, so it
  cannot be associated with anything).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from analysis.qual.codebook import Codebook
from analysis.qual.themes import with_themes

MIN_MUNICIPALITIES = 3

OK = ""
NO_CODINGS = "no_codings"
ALL_REJECTED = "all_codings_rejected"
SINGLE_CODER = "single_coder"
ONE_THEME = "fewer_than_two_themes"
TOO_FEW_MUNICIPALITIES = "too_few_municipalities"
ANALYSES = ("themes", "theme_profile", "quotes", "cooccurrence", "agreement", "associations", "quote_matrix")


@dataclass(frozen=True)
class Coverage:
    """How much the codings cover, and per analysis the reason it cannot be computed (``""`` if it can).

    Attributes:
        n_read: codings read from the file.
        n_accepted: codings accepted.
        n_rejected: codings rejected.
        municipalities: municipalities with accepted codings (restricted to the group asked for).
        coders: coders with accepted codings.
        themes_present: themes with at least one coding, in codebook order.
        themes_absent: themes no municipality has, in codebook order.
        reasons: ``analysis -> reason code`` for every name in :data:`ANALYSES`.
    """

    n_read: int
    n_accepted: int
    n_rejected: int
    municipalities: tuple[str, ...]
    coders: tuple[str, ...]
    themes_present: tuple[str, ...]
    themes_absent: tuple[str, ...]
    reasons: Mapping[str, str] = field(default_factory=dict)

    def can(self, analysis: str) -> bool:
        """True when ``analysis`` (one of :data:`ANALYSES`) can be computed."""
        return self.reasons[analysis] == OK


def coverage(
    accepted: pd.DataFrame,
    codebook: Codebook,
    *,
    n_rejected: int = 0,
    municipalities: Sequence[str] | None = None,
) -> Coverage:
    """Assess accepted codings against the rules in the module docstring.

    Args:
        accepted: the accepted codings of an import.
        codebook: the codebook in use (its themes).
        n_rejected: how many codings the import rejected (tells "all rejected" from "none read").
        municipalities: the group the analyses look at (e.g. the twenty); default: all.

    Returns:
        The coverage with a reason code per analysis.
    """
    data = accepted if municipalities is None else accepted[accepted["gm_code"].isin(list(municipalities))]
    themed = with_themes(data, codebook).dropna(subset=["theme"]) if not data.empty else data.assign(theme=[])
    theme_ids = [code.id for code in codebook.roots()]
    present = tuple(t for t in theme_ids if t in set(themed["theme"]))
    places = tuple(sorted(map(str, data["gm_code"].unique())))
    coders = tuple(sorted(map(str, data["coder"].unique())))
    if data.empty:
        empty = ALL_REJECTED if n_rejected else NO_CODINGS
        reasons = dict.fromkeys(ANALYSES, empty)
    else:
        few = TOO_FEW_MUNICIPALITIES if len(places) < MIN_MUNICIPALITIES else OK
        reasons = {
            "themes": OK,
            "theme_profile": OK,
            "quotes": OK,
            "cooccurrence": OK if len(present) >= 2 else ONE_THEME,
            "agreement": OK if len(coders) >= 2 else SINGLE_CODER,
            "associations": few,
            "quote_matrix": few,
        }
    return Coverage(
        n_read=len(accepted) + n_rejected,
        n_accepted=len(accepted),
        n_rejected=n_rejected,
        municipalities=places,
        coders=coders,
        themes_present=present,
        themes_absent=tuple(t for t in theme_ids if t not in present),
        reasons=reasons,
    )

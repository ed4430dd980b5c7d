"""Crisp calibration: a numeric condition made 0/1 at a stated, recorded threshold."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

__all__ = ["Dichotomisation", "dichotomise"]

Rule = Literal[">", ">="]


@dataclass(frozen=True)
class Dichotomisation:
    """How a numeric condition was made crisp: 1 when ``value <rule> threshold``.

    ``basis`` is ``"median"``, ``"mean"`` or ``"stated"`` (a threshold given by the analyst).
    """

    column: str
    threshold: float
    rule: Rule
    basis: str
    n: int
    n_ones: int


def dichotomise(
    series: pd.Series,
    threshold: float | Literal["median", "mean"] = "median",
    rule: Rule = ">",
) -> tuple[pd.Series, Dichotomisation]:
    """Crisp 0/1 version of a numeric condition with the threshold recorded.

    Args:
        series: numeric column; missing values stay missing.
        threshold: a stated value, or ``"median"``/``"mean"`` of the non-missing values.
        rule: ``">"`` (values equal to the threshold become 0) or ``">="``.

    Returns:
        ``(crisp, record)``: an ``Int64`` series and its :class:`Dichotomisation`.

    Raises:
        ValueError: naming the column when it has no values, or for an unknown rule.
    """
    values = pd.to_numeric(series, errors="raise").astype(float)
    observed = values.dropna()
    if observed.empty:
        raise ValueError(f"{series.name!r} has no non-missing values to dichotomise")
    if threshold == "median":
        cut, basis = float(observed.median()), "median"
    elif threshold == "mean":
        cut, basis = float(observed.mean()), "mean"
    else:
        cut, basis = float(threshold), "stated"
    if rule not in (">", ">="):
        raise ValueError(f"rule must be '>' or '>=', not {rule!r}")
    above = values > cut if rule == ">" else values >= cut
    crisp = above.astype("Int64").where(values.notna(), pd.NA)
    record = Dichotomisation(
        column=str(series.name),
        threshold=cut,
        rule=rule,
        basis=basis,
        n=len(observed),
        n_ones=int(crisp.sum()),
    )
    return crisp.rename(series.name), record

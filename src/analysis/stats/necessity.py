"""Necessity analysis for crisp sets: is a condition (or its absence) a superset of the outcome?

Per condition X and outcome Y (Schneider and Wagemann 2012, ch. 9): consistency |X∩Y| / |Y|
(how far Y is a subset of X), coverage |X∩Y| / |X| (trivialness: how much bigger X is than Y)
and the relevance of necessity RoN = |~X| / |~(X∩Y)| (low when X is nearly constant, so that it
is "necessary" only because almost every case has it).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.stats.truth_table import crisp_cases

__all__ = ["NECESSITY_COLUMNS", "necessity"]

NECESSITY_COLUMNS = (
    "condition",
    "n",
    "n_condition",
    "n_outcome",
    "n_both",
    "consistency",
    "coverage",
    "relevance",
    "test",
)


def necessity(table: pd.DataFrame, conditions: Sequence[str], outcome: str, negations: bool = True) -> pd.DataFrame:
    """Consistency, coverage and relevance of necessity of each condition for the outcome.

    Args:
        table: case table with 0/1 conditions and outcome.
        conditions: condition columns.
        outcome: outcome column (``~`` negates; a theme name resolves to its presence column).
        negations: also list the absence ``~X`` of every condition.

    Returns:
        One row per condition (then its negation) with the columns of
        :data:`NECESSITY_COLUMNS`; cases missing any value are left out (``attrs["dropped"]``).
    """
    data, label, dropped = crisp_cases(table, conditions, outcome)
    y = data[label].to_numpy() == 1
    rows = []
    for name in conditions:
        present = data[name].to_numpy() == 1
        for negated in (False, True) if negations else (False,):
            x = ~present if negated else present
            both = x & y
            n_x, n_y, n_xy = int(x.sum()), int(y.sum()), int(both.sum())
            not_x, not_both = len(x) - n_x, len(x) - n_xy
            rows.append(
                {
                    "condition": ("~" if negated else "") + name,
                    "n": len(x),
                    "n_condition": n_x,
                    "n_outcome": n_y,
                    "n_both": n_xy,
                    "consistency": n_xy / n_y if n_y else np.nan,
                    "coverage": n_xy / n_x if n_x else np.nan,
                    "relevance": not_x / not_both if not_both else np.nan,
                    "test": "qca_necessity",
                }
            )
    frame = pd.DataFrame(rows, columns=list(NECESSITY_COLUMNS))
    frame.attrs.update(outcome=label, dropped=dropped)
    return frame

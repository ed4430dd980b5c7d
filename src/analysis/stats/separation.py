"""Does the maximum-likelihood estimate exist? Linear-programming checks before a model is fitted.

Logit (Albert and Anderson 1984): the MLE fails to exist iff some direction b != 0 has
s_i x_i'b >= 0 for all cases (s = +1 for events, -1 otherwise); complete separation when all
inequalities can be strict. Count models (Santos Silva and Tenreyro 2010): iff some b has
x_i'b = 0 where y > 0 and x_i'b <= 0 where y = 0, strictly for at least one zero.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import optimize

from analysis.stats.notes import Note

__all__ = ["detect_separation", "standardise"]

# Linear programs run on standardised columns bounded by 1, so anything above this is a real
# direction of separation rather than solver noise.
_LP_TOL = 1e-7


def standardise(design: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Design with every non-intercept column centred and scaled, plus the centres and scales."""
    x = design.to_numpy(dtype=float).copy()
    centre = x[:, 1:].mean(axis=0)
    scale = x[:, 1:].std(axis=0)
    x[:, 1:] = (x[:, 1:] - centre) / scale
    return x, centre, scale


def detect_separation(design: pd.DataFrame, y: np.ndarray, kind: str) -> Note | None:
    """A note saying why the MLE does not exist, or None when it does.

    Args:
        design: design matrix with the intercept first and no constant covariate.
        y: outcome (0/1 for ``logit``, counts otherwise).
        kind: ``"logit"``, ``"poisson"`` or ``"negbin"``.

    Returns:
        ``complete_separation``, ``quasi_complete_separation`` or ``zero_counts_predicted``
        (see :mod:`analysis.stats.notes`), or None.
    """
    x, _, _ = standardise(design)
    n, k = x.shape
    bounds = [(-1.0, 1.0)] * k
    names = list(design.columns[1:])
    if kind == "logit":
        a = x * np.where(y > 0, 1.0, -1.0)[:, None]
        # Complete: maximise t subject to a b >= t.
        res = optimize.linprog(
            np.r_[np.zeros(k), -1.0],
            A_ub=np.hstack([-a, np.ones((n, 1))]),
            b_ub=np.zeros(n),
            bounds=[*bounds, (None, 1.0)],
            method="highs",
        )
        if res.status == 0 and -res.fun > _LP_TOL:
            return Note("complete_separation", {"terms": _involved(names, res.x[1:k]), "n": n})
        res = optimize.linprog(-a.sum(axis=0), A_ub=-a, b_ub=np.zeros(n), bounds=bounds, method="highs")
        if res.status == 0 and -res.fun > _LP_TOL:
            predicted = int((a @ res.x > _LP_TOL).sum())
            return Note(
                "quasi_complete_separation",
                {"terms": _involved(names, res.x[1:]), "n_predicted": predicted, "n": n},
            )
        return None
    zero = y == 0
    if not zero.any():
        return None
    positive = ~zero
    res = optimize.linprog(
        x[zero].sum(axis=0),
        A_ub=x[zero],
        b_ub=np.zeros(int(zero.sum())),
        A_eq=x[positive] if positive.any() else None,
        b_eq=np.zeros(int(positive.sum())) if positive.any() else None,
        bounds=bounds,
        method="highs",
    )
    if res.status == 0 and -res.fun > _LP_TOL:
        predicted = int((x[zero] @ res.x < -_LP_TOL).sum())
        return Note("zero_counts_predicted", {"terms": _involved(names, res.x[1:]), "n_predicted": predicted})
    return None


def _involved(names: list[str], direction: np.ndarray) -> list[str]:
    """The terms with weight in a separating direction found by the linear program."""
    return [nm for nm, b in zip(names, direction, strict=True) if abs(b) > _LP_TOL] or names

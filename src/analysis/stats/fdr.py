"""Benjamini-Hochberg false discovery rate over a family of tests."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from statsmodels.stats.multitest import multipletests

__all__ = ["add_bh_columns", "benjamini_hochberg"]


def benjamini_hochberg(p_values: Sequence[float] | np.ndarray, alpha: float = 0.05) -> tuple[np.ndarray, np.ndarray]:
    """Benjamini-Hochberg adjusted p-values and rejections; NaN entries stay out of the family.

    Args:
        p_values: raw p-values; NaN marks a comparison that was not tested.
        alpha: false discovery rate.

    Returns:
        ``(adjusted, reject)``; both NaN/False where the input was NaN.
    """
    p = np.asarray(p_values, dtype=float)
    adjusted = np.full(p.shape, np.nan)
    reject = np.zeros(p.shape, dtype=bool)
    tested = ~np.isnan(p)
    if tested.any():
        reject[tested], adjusted[tested], _, _ = multipletests(p[tested], alpha=alpha, method="fdr_bh")
    return adjusted, reject


def add_bh_columns(frame: pd.DataFrame, alpha: float) -> pd.DataFrame:
    """Add ``p_adjusted_bh``, ``reject_bh`` and ``n_tests_bh`` for the family in ``frame["p_value"]``.

    Untested rows get ``<NA>`` in ``reject_bh``, not False: "not rejected" would suggest a test
    was run.
    """
    adjusted, reject = benjamini_hochberg(frame["p_value"].to_numpy(dtype=float), alpha)
    frame["p_adjusted_bh"] = adjusted
    frame["reject_bh"] = pd.array(
        [bool(r) if np.isfinite(a) else pd.NA for r, a in zip(reject, adjusted, strict=True)],
        dtype="boolean",
    )
    frame["n_tests_bh"] = int(np.isfinite(adjusted).sum())
    return frame

"""Machine-readable notes, test codes and assumption codes carried by statistics results.

The statistics modules write no prose: a result says *what* happened as a :class:`Note` with a
code and the numbers behind it, and names its test and assumptions by code. The sentences for
every code (Dutch and English) live in :mod:`analysis.narrative.stats`.

Notes (``Note.code``: ``Note.values``)

=============================  ==============================================================
code                           values (and meaning)
=============================  ==============================================================
``no_complete_cases``          ``{}``: no case has every value the test needs
``too_few_pairs``              ``n``, ``min_pairs``: fewer complete pairs than a rank test needs
``theme_constant``             ``column``, ``value`` ("present" / "absent"), ``n``: the theme is
                               coded in all or in none of the ``n`` cases, so nothing to test
``characteristic_constant``    ``column``, ``value``, ``n``: the grouping takes one value
``variable_constant``          ``columns`` (list), ``n``: no variation, no rank coefficient
``bootstrap_none_usable``      ``n_boot``: every resample had a constant variable: no interval
``bootstrap_few_usable``       ``n_used``, ``n_boot``: under 90% of the resamples had variation,
                               so the interval is conditional on variation
``bootstrap_degenerate``       ``width``, ``n_distinct``, ``min_distinct``: the interval has
                               (near) zero width or rests on fewer distinct resample values than
                               ``min_distinct``: it says nothing about uncertainty
``covariate_constant``         ``covariate``, ``n``: left out of the model, not estimable
``outcome_constant``           ``value``, ``n``: the (binary) outcome does not vary
``outcome_all_zero``           ``n``: the count outcome is zero in every case
``collinear``                  ``{}``: design matrix not of full rank
``complete_separation``        ``terms`` (list), ``n``: the terms perfectly predict the outcome;
                               ML estimates do not exist
``quasi_complete_separation``  ``terms`` (list), ``n_predicted``, ``n``: ``n_predicted`` cases are
                               perfectly predicted; ML estimates do not exist
``zero_counts_predicted``      ``terms`` (list), ``n_predicted``: zero counts perfectly predicted
                               in a count model; ML estimates do not exist
``low_epv``                    ``events``, ``n_parameters``, ``epv``, ``min_epv``: fewer events
                               per variable than ``min_epv``
``not_converged``              ``{}``: the optimiser did not converge
``separation_reported``        ``{}``: statsmodels itself reported perfect separation
``hessian_not_invertible``     ``{}``: standard errors unreliable
``fit_warning``                ``category``, ``message``: another warning raised while fitting
                               (``message`` is the library's own English text)
``fit_failed``                 ``stage`` ("fit", "covariance", "prediction"), ``error`` (type
                               name), ``message`` (library text): estimates are NaN
``standard_errors_missing``    ``{}``: standard errors could not be computed
``overdispersion``             ``dispersion``, ``threshold``: Pearson chi-square / df above the
                               threshold; Poisson standard errors too small
``firth_used``                 ``reason`` ("separation" / "low_epv"): a Firth-penalised logit is
                               reported beside (low EPV) or instead of (separation) the ML fit
``firth_interval_open``        ``term``, ``side`` ("low" / "high"): the profile interval does not
                               close within the search range on that side (limit is infinite)
``qca_dropped_cases``          ``cases`` (list): cases missing a condition or the outcome
``qca_no_positive_rows``       ``{}``: no configuration is coded sufficient: no solution
``qca_contradictions``         ``n_rows``: configurations with cases on both sides
=============================  ==============================================================

Test codes (``test`` fields): ``fisher_2x2`` (Fisher's exact, two-sided, with sample odds
ratio), ``freeman_halton`` (Fisher-Freeman-Halton exact, full enumeration), ``spearman_exact`` /
``kendall_exact`` (permutation p over all n! orderings), ``spearman_monte_carlo`` /
``kendall_monte_carlo`` (permutation p from ``n_permutations`` random orderings with a stated
seed), ``logit_ml`` / ``poisson_ml`` / ``negbin_ml`` (maximum likelihood, Wald 95% intervals),
``logit_firth`` (Firth-penalised likelihood, profile penalised-likelihood 95% intervals and
penalised likelihood-ratio p), ``qca_truth_table``, ``qca_sufficiency``, ``qca_necessity``,
``qca_minimisation``, ``none`` (no test ran).

Assumption codes (``assumptions`` fields, tuples of): ``independent_cases``,
``conditional_margins`` (Fisher: both margins fixed), ``two_sided``, ``discrete_conservative``
(exact tests are conservative at small n), ``monotonic_relation``, ``midranks_for_ties``,
``bootstrap_rough_small_n``, ``linear_log_odds``, ``linear_log_count``, ``wald_large_sample``
(Wald intervals assume large-sample normality), ``variance_equals_mean`` (Poisson),
``penalised_bias_reduction`` (Firth shrinks estimates towards zero), ``crisp_sets``,
``set_theoretic_not_inferential``, ``depends_on_calibration``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Note", "codes"]


@dataclass(frozen=True)
class Note:
    """Something a reader must know about a result, as a code and the numbers behind it.

    Attributes:
        code: one of the codes listed in this module's docstring.
        values: the numbers (and names) a sentence for this code needs.
    """

    code: str
    values: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        # Only for logs and debugging; readers get sentences from analysis.narrative.stats.
        inner = ", ".join(f"{k}={v!r}" for k, v in self.values.items())
        return f"{self.code}({inner})"


def codes(notes: Iterable[Note]) -> list[str]:
    """Return the codes of ``notes`` in order, for quick membership checks."""
    return [note.code for note in notes]

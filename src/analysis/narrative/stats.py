"""Sentences for statistics results, Dutch and English: tests, notes, assumptions, verdicts.

:mod:`analysis.stats` writes no prose: its results carry numbers, test codes, assumption codes and
:class:`~analysis.stats.notes.Note` objects. This module turns them into sentences. Every code of
:mod:`analysis.stats.notes` has a phrase here (``stats.note.<code>``, ``stats.test.<code>``,
``stats.assumption.<code>``); a test checks that none is missing.

Wording: "samenhang" / "association", never "effect"; p-values only through
:func:`analysis.core.format.format_p` (never rounded across alpha).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from analysis.core.format import (
    Language,
    format_coefficient,
    format_list,
    format_number,
)
from analysis.narrative import counted, say

PHRASES: dict[str, dict[str, str]] = {
    # --- notes (analysis.stats.notes) -----------------------------------------------------------
    "stats.note.no_complete_cases": {
        "nl": "geen gemeente heeft alle waarden die de toets nodig heeft",
        "en": "no case has every value the test needs",
    },
    "stats.note.too_few_pairs": {
        "nl": "maar {pairs}, minder dan de {min_pairs} die een rangtoets nodig heeft",
        "en": "only {pairs}, fewer than the {min_pairs} a rank test needs",
    },
    "stats.note.theme_constant": {
        "nl": "het thema is in alle {n} gemeenten {value}, dus er valt niets te toetsen",
        "en": "the theme is {value} in all {n} cases, so there is nothing to test",
    },
    "stats.note.characteristic_constant": {
        "nl": "{column} heeft in deze {n} gemeenten één waarde ({value})",
        "en": "{column} takes one value ({value}) in these {n} cases",
    },
    "stats.note.variable_constant": {
        "nl": "{columns} varieert niet in deze {n} gemeenten: geen rangcoëfficiënt",
        "en": "{columns} does not vary in these {n} cases: no rank coefficient",
    },
    "stats.note.bootstrap_none_usable": {
        "nl": "in elk van de {n_boot} bootstraptrekkingen was een variabele constant: geen interval",
        "en": "every one of the {n_boot} bootstrap resamples had a constant variable: no interval",
    },
    "stats.note.bootstrap_few_usable": {
        "nl": "het interval rust op {n_used} van {n_boot} trekkingen; in de rest was een variabele constant, dus het "
        "geldt alleen gegeven variatie",
        "en": "the interval rests on {n_used} of {n_boot} resamples; the rest had a constant variable, so it is "
        "conditional on variation",
    },
    "stats.note.bootstrap_degenerate": {
        "nl": "het bootstrapinterval is ontaard (breedte {width}, {n_distinct} verschillende waarden, minder dan "
        "{min_distinct}): het zegt niets over onzekerheid",
        "en": "the bootstrap interval is degenerate (width {width}, {n_distinct} distinct values, fewer than "
        "{min_distinct}): it says nothing about uncertainty",
    },
    "stats.note.covariate_constant": {
        "nl": "covariaat {covariate} is constant in deze {n} gemeenten en is niet te schatten",
        "en": "covariate {covariate} is constant in these {n} cases and cannot be estimated",
    },
    "stats.note.outcome_constant": {
        "nl": "de uitkomst is in alle {n} gemeenten {value}: er valt niets te modelleren",
        "en": "the outcome is {value} in all {n} cases: there is nothing to model",
    },
    "stats.note.outcome_all_zero": {
        "nl": "de telling is in alle {n} gemeenten nul",
        "en": "the count is zero in all {n} cases",
    },
    "stats.note.collinear": {
        "nl": "de covariaten zijn collineair (ontwerpmatrix niet van volle rang): niet te schatten",
        "en": "the covariates are collinear (design matrix not of full rank): not estimable",
    },
    "stats.note.complete_separation": {
        "nl": "volledige scheiding: {terms} {predict} de uitkomst in alle {n} gemeenten; "
        "meest-aannemelijke schattingen bestaan niet",
        "en": "complete separation: {terms} {predict} the outcome in all {n} cases; maximum-likelihood estimates "
        "do not exist",
    },
    "stats.note.quasi_complete_separation": {
        "nl": "quasi-volledige scheiding: {terms} {predict} de uitkomst van {n_predicted} van de {n} gemeenten "
        "perfect; meest-aannemelijke schattingen bestaan niet",
        "en": "quasi-complete separation: {terms} perfectly {predict} the outcome of {n_predicted} of the {n} cases; "
        "maximum-likelihood estimates do not exist",
    },
    "stats.note.zero_counts_predicted": {
        "nl": "{terms} {predict} {n_predicted} nultellingen perfect; meest-aannemelijke schattingen bestaan niet",
        "en": "{terms} perfectly {predict} {n_predicted} zero counts; maximum-likelihood estimates do not exist",
    },
    "stats.note.low_epv": {
        "nl": "{events} gebeurtenissen voor {n_parameters} parameter(s): {epv} per variabele, minder dan {min_epv}",
        "en": "{events} events for {n_parameters} parameter(s): {epv} per variable, below {min_epv}",
    },
    "stats.note.not_converged": {
        "nl": "de optimalisatie convergeerde niet: de schattingen zijn niet betrouwbaar",
        "en": "the optimiser did not converge: the estimates are not trustworthy",
    },
    "stats.note.separation_reported": {
        "nl": "statsmodels meldt perfecte scheiding: meest-aannemelijke schattingen bestaan niet",
        "en": "statsmodels reports perfect separation: maximum-likelihood estimates do not exist",
    },
    "stats.note.hessian_not_invertible": {
        "nl": "de Hessiaan is niet inverteerbaar: de standaardfouten zijn onbetrouwbaar",
        "en": "the Hessian is not invertible: the standard errors are unreliable",
    },
    "stats.note.fit_warning": {
        "nl": "waarschuwing bij het schatten ({category}): {message}",
        "en": "warning while fitting ({category}): {message}",
    },
    "stats.note.fit_failed": {
        "nl": "het schatten mislukte ({stage}, {error}): de schattingen ontbreken",
        "en": "fitting failed ({stage}, {error}): the estimates are missing",
    },
    "stats.note.standard_errors_missing": {
        "nl": "de standaardfouten zijn niet te berekenen",
        "en": "the standard errors cannot be computed",
    },
    "stats.note.overdispersion": {
        "nl": "overdispersie: Pearson-chi-kwadraat / vrijheidsgraden = {dispersion}, boven {threshold}; de "
        "standaardfouten van het Poisson-model zijn te klein",
        "en": "overdispersion: Pearson chi-square / df = {dispersion}, above {threshold}; the Poisson standard "
        "errors are too small",
    },
    "stats.note.firth_used": {
        "nl": "een Firth-gecorrigeerde logit staat naast of in plaats van de gewone schatting (reden: {reason})",
        "en": "a Firth-penalised logit is reported beside or instead of the plain fit (reason: {reason})",
    },
    "stats.note.firth_interval_open": {
        "nl": "het profielinterval van {term} sluit niet aan de {side} kant (grens oneindig)",
        "en": "the profile interval of {term} does not close on the {side} side (limit infinite)",
    },
    "stats.note.qca_dropped_cases": {
        "nl": "weggelaten wegens een ontbrekende conditie of uitkomst: {cases}",
        "en": "left out for a missing condition or outcome: {cases}",
    },
    "stats.note.qca_no_positive_rows": {
        "nl": "geen configuratie geldt als voldoende: er is geen oplossing",
        "en": "no configuration counts as sufficient: there is no solution",
    },
    "stats.note.qca_contradictions": {
        "nl": "{n_rows} configuratie(s) hebben gemeenten aan beide kanten van de uitkomst",
        "en": "{n_rows} configuration(s) have cases on both sides of the outcome",
    },
    "stats.word.present": {"nl": "aanwezig", "en": "present"},
    "stats.word.absent": {"nl": "afwezig", "en": "absent"},
    "stats.word.low": {"nl": "onderste", "en": "lower"},
    "stats.word.high": {"nl": "bovenste", "en": "upper"},
    "stats.word.separation": {"nl": "scheiding", "en": "separation"},
    # The verb agrees with the number of terms: "X voorspelt", "X en Y voorspellen".
    "stats.word.predict_one": {"nl": "voorspelt", "en": "predicts"},
    "stats.word.predict_many": {"nl": "voorspellen", "en": "predict"},
    "stats.word.low_epv": {"nl": "weinig gebeurtenissen per variabele", "en": "few events per variable"},
    # --- tests ----------------------------------------------------------------------------------
    "stats.test.fisher_2x2": {
        "nl": "Fishers exacte toets (2x2, tweezijdig)",
        "en": "Fisher's exact test (2x2, two-sided)",
    },
    "stats.test.freeman_halton": {
        "nl": "exacte toets van Fisher-Freeman-Halton (volledige enumeratie)",
        "en": "Fisher-Freeman-Halton exact test (full enumeration)",
    },
    "stats.test.spearman_exact": {
        "nl": "Spearmans rho, exacte permutatie-p (alle ordeningen)",
        "en": "Spearman's rho, exact permutation p (all orderings)",
    },
    "stats.test.kendall_exact": {
        "nl": "Kendalls tau-b, exacte permutatie-p (alle ordeningen)",
        "en": "Kendall's tau-b, exact permutation p (all orderings)",
    },
    "stats.test.spearman_monte_carlo": {
        "nl": "Spearmans rho, permutatie-p uit willekeurige ordeningen (Monte Carlo)",
        "en": "Spearman's rho, permutation p from random orderings (Monte Carlo)",
    },
    "stats.test.kendall_monte_carlo": {
        "nl": "Kendalls tau-b, permutatie-p uit willekeurige ordeningen (Monte Carlo)",
        "en": "Kendall's tau-b, permutation p from random orderings (Monte Carlo)",
    },
    "stats.test.logit_ml": {
        "nl": "logistische regressie (meest aannemelijke schatting, Wald-intervallen van 95%)",
        "en": "logistic regression (maximum likelihood, Wald 95% intervals)",
    },
    "stats.test.poisson_ml": {
        "nl": "Poisson-regressie (meest aannemelijke schatting, Wald-intervallen van 95%)",
        "en": "Poisson regression (maximum likelihood, Wald 95% intervals)",
    },
    "stats.test.negbin_ml": {
        "nl": "negatief-binomiale regressie (meest aannemelijke schatting, Wald-intervallen van 95%)",
        "en": "negative binomial regression (maximum likelihood, Wald 95% intervals)",
    },
    "stats.test.logit_firth": {
        "nl": "logistische regressie met Firth-correctie (profielintervallen van de gestrafte aannemelijkheid)",
        "en": "Firth-penalised logistic regression (profile penalised-likelihood intervals)",
    },
    "stats.test.qca_truth_table": {"nl": "waarheidstabel (crisp-set QCA)", "en": "truth table (crisp-set QCA)"},
    "stats.test.qca_sufficiency": {
        "nl": "voldoendheid (consistentie en dekking volgens Ragin)",
        "en": "sufficiency (Ragin's consistency and coverage)",
    },
    "stats.test.qca_necessity": {
        "nl": "noodzakelijkheid (consistentie, dekking, relevantie)",
        "en": "necessity (consistency, coverage, relevance)",
    },
    "stats.test.qca_minimisation": {
        "nl": "Booleaanse minimalisatie (Quine-McCluskey)",
        "en": "Boolean minimisation (Quine-McCluskey)",
    },
    "stats.test.none": {"nl": "geen toets", "en": "no test"},
    # --- assumptions ----------------------------------------------------------------------------
    "stats.assumption.independent_cases": {"nl": "onafhankelijke gemeenten", "en": "independent cases"},
    "stats.assumption.conditional_margins": {
        "nl": "voorwaardelijk op beide randtotalen",
        "en": "conditional on both margins",
    },
    "stats.assumption.two_sided": {"nl": "tweezijdig", "en": "two-sided"},
    "stats.assumption.discrete_conservative": {
        "nl": "discreet, dus conservatief bij kleine n",
        "en": "discrete, hence conservative at small n",
    },
    "stats.assumption.monotonic_relation": {"nl": "monotoon verband", "en": "monotonic relation"},
    "stats.assumption.midranks_for_ties": {"nl": "gelijke waarden krijgen middenrangen", "en": "ties get mid-ranks"},
    "stats.assumption.bootstrap_rough_small_n": {
        "nl": "percentiel-bootstrapintervallen zijn ruw bij kleine n",
        "en": "percentile bootstrap intervals are rough at small n",
    },
    "stats.assumption.linear_log_odds": {
        "nl": "log-odds lineair in de covariaten",
        "en": "log-odds linear in the covariates",
    },
    "stats.assumption.linear_log_count": {
        "nl": "log van de verwachte telling lineair in de covariaten",
        "en": "log expected count linear in the covariates",
    },
    "stats.assumption.wald_large_sample": {
        "nl": "Wald-intervallen veronderstellen een grote steekproef",
        "en": "Wald intervals assume a large sample",
    },
    "stats.assumption.variance_equals_mean": {
        "nl": "variantie gelijk aan het gemiddelde",
        "en": "variance equals mean",
    },
    "stats.assumption.penalised_bias_reduction": {
        "nl": "de Firth-correctie trekt schattingen naar nul",
        "en": "the Firth penalty shrinks estimates towards zero",
    },
    "stats.assumption.crisp_sets": {"nl": "scherpe (0/1) verzamelingen", "en": "crisp (0/1) sets"},
    "stats.assumption.set_theoretic_not_inferential": {
        "nl": "verzamelingstheoretisch, geen significantietoets",
        "en": "set-theoretic, not a significance test",
    },
    "stats.assumption.depends_on_calibration": {
        "nl": "hangt af van de genoemde drempels",
        "en": "depends on the stated thresholds",
    },
}


def _value_text(key: str, value: Any, language: Language, labels: Mapping[str, str]) -> str:
    if isinstance(value, (list, tuple)):
        return format_list([_value_text(key, v, language, labels) for v in value], language)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return format_number(value, 0, language)
    if isinstance(value, float):
        if key in ("n", "n_boot", "n_used", "n_distinct", "min_distinct", "events", "n_parameters", "n_predicted"):
            return format_number(value, 0, language)
        if not math.isfinite(value):
            return "∞"
        if key == "epv":
            return format_number(value, 1, language)
        return format_number(value, 0, language) if value.is_integer() else format_coefficient(value, 2, language)
    text = str(value)
    if key in ("value", "side", "reason") and text in ("present", "absent", "low", "high", "separation", "low_epv"):
        return say(f"stats.word.{text}", language)
    return labels.get(text, text)


def note_sentence(note: Any, language: Language = "nl", labels: Mapping[str, str] | None = None) -> str:
    """One clause for a :class:`~analysis.stats.notes.Note`, its numbers formatted, names labelled."""
    labels = labels or {}
    raw = dict(note.values)
    values = {k: _value_text(k, v, language, labels) for k, v in raw.items()}
    if "terms" in raw:
        terms = raw["terms"]
        is_one = not isinstance(terms, (list, tuple)) or len(terms) == 1
        values["predict"] = say(f"stats.word.predict_{'one' if is_one else 'many'}", language)
    if note.code == "too_few_pairs":
        values["pairs"] = counted("pairs", int(raw["n"]), language)
    return say(f"stats.note.{note.code}", language, **values)


def test_name(code: str, language: Language = "nl") -> str:
    """The name of a test code (``fisher_2x2`` -> ``Fishers exacte toets (2x2, tweezijdig)``)."""
    return say(f"stats.test.{code}", language)


def assumptions_text(codes: Any, language: Language = "nl") -> str:
    """Assumption codes as one clause: ``onafhankelijke gemeenten; tweezijdig``."""
    return "; ".join(say(f"stats.assumption.{c}", language) for c in codes)


def result_line(n: str, tests: list[str], assumptions: Any, language: Language = "nl") -> str:
    """The method line under a result: n, test(s) and assumptions, in words."""
    return say(
        "stats.result_line",
        language,
        n=n,
        test=format_list([test_name(t, language) for t in tests], language),
        assumptions=assumptions_text(assumptions, language),
    )

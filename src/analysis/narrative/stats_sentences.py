"""Sentences computed from statistics results: Fisher tests, rank correlations, models; verdicts.

Each function takes a result of :mod:`analysis.stats` and the reader's language and returns one
sentence, its wording from the phrases below and from :mod:`analysis.narrative.stats` (notes,
tests, assumptions). "Samenhang" / "association", never "effect"; p-values only through
:func:`analysis.core.format.format_p`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from analysis.core.format import (
    Language,
    format_coefficient,
    format_interval,
    format_list,
    format_number,
    format_p,
    format_p_phrase,
)
from analysis.narrative import say
from analysis.narrative.stats import note_sentence, test_name

PHRASES: dict[str, dict[str, str]] = {
    # --- verdicts and result sentences ----------------------------------------------------------
    "stats.verdict.rejected": {
        "nl": "aanwijzing voor {what} in deze {n} gemeenten na correctie voor {m} toetsen",
        "en": "evidence of {what} in these {n} cases after adjusting for {m} tests",
    },
    "stats.verdict.nominal": {
        "nl": "nominaal onder {alpha} maar niet na correctie voor {m} toetsen, dus hooguit een zwakke aanwijzing voor "
        "{what} bij n = {n}",
        "en": "nominally below {alpha} but not after adjusting for {m} tests, so at most weak evidence of {what} "
        "at n = {n}",
    },
    "stats.verdict.none": {"nl": "geen aanwijzing voor {what} bij n = {n}", "en": "no evidence of {what} at n = {n}"},
    "stats.what.association": {"nl": "samenhang", "en": "an association"},
    "stats.what.positive": {"nl": "een positieve monotone samenhang", "en": "a positive monotonic association"},
    "stats.what.negative": {"nl": "een negatieve monotone samenhang", "en": "a negative monotonic association"},
    "stats.what.monotonic": {"nl": "een monotone samenhang", "en": "a monotonic association"},
    "stats.fisher.group": {"nl": "{k} van {t} {level}", "en": "{k} of {t} {level}"},
    "stats.fisher.with": {"nl": "met {name}", "en": "with {name}"},
    "stats.fisher.without": {"nl": "zonder {name}", "en": "without {name}"},
    "stats.fisher.sentence": {
        "nl": "{theme} is gecodeerd bij {groups} ({test}: p = {p}, na Benjamini-Hochberg {p_bh}{odds}): {verdict}.",
        "en": "{theme} was coded in {groups} ({test}: p = {p}, Benjamini-Hochberg {p_bh}{odds}): {verdict}.",
    },
    "stats.fisher.odds": {"nl": ", odds ratio {value}", "en": ", odds ratio {value}"},
    "stats.fisher.untestable": {
        "nl": "De samenhang tussen {theme} en {characteristic} is niet te toetsen: {reason}.",
        "en": "The association between {theme} and {characteristic} cannot be tested: {reason}.",
    },
    "stats.correlation.sentence": {
        "nl": "{x} en {y}: Spearmans rho = {rho} (95%-bootstrapinterval {interval}; {p_phrase} ({p_method}), na "
        "Benjamini-Hochberg {p_bh}, n = {n}): {verdict}{caveat}.",
        "en": "{x} and {y}: Spearman's rho = {rho} (95% bootstrap interval {interval}; {p_phrase} ({p_method}), "
        "Benjamini-Hochberg {p_bh}, n = {n}): {verdict}{caveat}.",
    },
    "stats.correlation.none": {
        "nl": "Tussen {x} en {y} is geen rangcorrelatie te berekenen (n = {n}): {reason}.",
        "en": "No rank correlation between {x} and {y} can be computed (n = {n}): {reason}.",
    },
    "stats.correlation.no_interval": {"nl": "niet beschikbaar", "en": "not available"},
    "stats.correlation.p_exact": {
        "nl": "exact over alle {n_permutations} ordeningen",
        "en": "exact over all {n_permutations} orderings",
    },
    "stats.correlation.p_monte_carlo": {
        "nl": "Monte Carlo, {n_permutations} ordeningen, seed {seed}",
        "en": "Monte Carlo, {n_permutations} orderings, seed {seed}",
    },
    "stats.correlation.caveat_zero": {
        "nl": "; het bootstrapinterval bevat niettemin nul",
        "en": "; the bootstrap interval nonetheless includes zero",
    },
    "stats.correlation.caveat_degenerate": {
        "nl": "; het bootstrapinterval is ontaard en zegt niets over onzekerheid",
        "en": "; the bootstrap interval is degenerate and says nothing about uncertainty",
    },
    "stats.result_line": {
        "nl": "n = {n}; toets: {test}; aannames: {assumptions}.",
        "en": "n = {n}; test: {test}; assumptions: {assumptions}.",
    },
    "stats.model.head": {
        "nl": "Een {model} van de aanwezigheid van {outcome} op {covariates} (n = {n}, {events} gebeurtenissen{epv})",
        "en": "A {model} of the presence of {outcome} on {covariates} (n = {n}, {events} events{epv})",
    },
    "stats.model.epv": {"nl": ", {epv} per variabele", "en": ", {epv} per variable"},
    "stats.model.name.logit_ml": {"nl": "logistische regressie", "en": "logistic regression"},
    "stats.model.name.logit_firth": {
        "nl": "logistische regressie met Firth-correctie",
        "en": "Firth-penalised logistic regression",
    },
    "stats.model.name.poisson_ml": {"nl": "Poisson-regressie", "en": "Poisson regression"},
    "stats.model.name.negbin_ml": {"nl": "negatief-binomiale regressie", "en": "negative binomial regression"},
    "stats.model.not_estimable": {
        "nl": "{head} is niet te schatten: {reasons}.",
        "en": "{head} cannot be estimated: {reasons}.",
    },
    "stats.model.term": {
        "nl": "{ratio} voor {term} {value} (95%-interval {interval}, {p_phrase})",
        "en": "{ratio} for {term} {value} (95% interval {interval}, {p_phrase})",
    },
    "stats.model.ratio.odds_ratio": {"nl": "odds ratio", "en": "odds ratio"},
    "stats.model.ratio.rate_ratio": {"nl": "rate ratio", "en": "rate ratio"},
    "stats.model.no_terms": {"nl": "geen schatting voor een covariaat", "en": "no covariate estimate"},
    "stats.model.sentence": {"nl": "{head} geeft {terms}: {verdict}.", "en": "{head} gives {terms}: {verdict}."},
    "stats.model.unreliable": {
        "nl": "niet betrouwbaar ({reasons}), dus hooguit beschrijvend",
        "en": "not reliable ({reasons}), so descriptive at most",
    },
    "stats.model.association": {
        "nl": "samenhang in deze {n} gemeenten, met brede intervallen bij deze n",
        "en": "an association in these {n} cases, with wide intervals at this n",
    },
    "stats.model.none": {
        "nl": "geen aanwijzing voor samenhang bij n = {n}",
        "en": "no evidence of an association at n = {n}",
    },
}


def _is_true(value: object) -> bool:
    try:
        return bool(value) and value is not None and not (isinstance(value, float) and math.isnan(value))
    except TypeError:  # pd.NA
        return False


def verdict(p: float, reject: object, alpha: float, m: int, n: int, what: str, language: Language = "nl") -> str:
    """Evidence after BH, nominal only, or none; ``what`` is a ``stats.what.*`` key's text."""
    if _is_true(reject):
        return say("stats.verdict.rejected", language, what=what, n=n, m=m)
    if math.isfinite(p) and p < alpha:
        return say("stats.verdict.nominal", language, what=what, n=n, m=m, alpha=format_number(alpha, 2, language))
    return say("stats.verdict.none", language, what=what, n=n)


def fisher_sentence(
    row: Mapping[str, Any],
    alpha: float,
    labels: Mapping[str, str],
    level_label: Any,
    language: Language = "nl",
) -> str:
    """One sentence for a row of ``analysis.stats.fisher.fisher_tests``.

    Args:
        row: the row (theme, characteristic, n, present_by_level, odds_ratio, p_value, ...).
        alpha: the significance level used.
        labels: readable names of themes and characteristics in ``language``.
        level_label: ``(characteristic, level, language) -> str`` for group names.
        language: ``nl`` or ``en``.
    """
    theme = labels.get(str(row["theme"]), str(row["theme"]))
    characteristic = str(row["characteristic"])
    char_label = labels.get(characteristic, characteristic)
    p = float(row["p_value"])
    if not math.isfinite(p):
        reasons = [note_sentence(n, language, labels) for n in row["notes"]] or [say("stats.test.none", language)]
        return say(
            "stats.fisher.untestable", language, theme=theme, characteristic=char_label, reason="; ".join(reasons)
        )
    groups = []
    for level, (k, t) in row["present_by_level"].items():
        if isinstance(level, bool) or str(level) in ("True", "False"):
            name = say(
                "stats.fisher.with" if str(level) == "True" else "stats.fisher.without", language, name=char_label
            )
        else:
            name = level_label(characteristic, level, language)
        groups.append(say("stats.fisher.group", language, k=k, t=t, level=name))
    odds = float(row["odds_ratio"])
    return say(
        "stats.fisher.sentence",
        language,
        theme=theme,
        groups=format_list(groups, language),
        test=test_name(str(row["test"]), language),
        p=format_p(p, alpha, language),
        p_bh=format_p(row["p_adjusted_bh"], alpha, language),
        odds=say("stats.fisher.odds", language, value=format_coefficient(odds, 2, language))
        if math.isfinite(odds)
        else "",
        verdict=verdict(
            p,
            row["reject_bh"],
            alpha,
            int(row["n_tests_bh"]),
            int(row["n"]),
            say("stats.what.association", language),
            language,
        ),
    )


def correlation_sentence(
    row: Mapping[str, Any], alpha: float, x_label: str, y_label: str, language: Language = "nl"
) -> str:
    """One sentence for a row of ``analysis.stats.rank.rank_correlations``."""
    n = int(row["n"])
    rho = float(row["coefficient"])
    if not math.isfinite(rho):
        reasons = [note_sentence(note, language) for note in row["notes"]]
        return say("stats.correlation.none", language, x=x_label, y=y_label, n=n, reason="; ".join(reasons))
    p = float(row["p_value"])
    if math.isfinite(float(row["ci_low"])):
        interval = format_interval(row["ci_low"], row["ci_high"], 2, language)
    else:
        interval = say("stats.correlation.no_interval", language)
    if row["p_method"] == "exact":
        p_method = say(
            "stats.correlation.p_exact", language, n_permutations=format_number(row["n_permutations"], 0, language)
        )
    else:
        p_method = say(
            "stats.correlation.p_monte_carlo",
            language,
            n_permutations=format_number(row["n_permutations"], 0, language),
            seed=row["permutation_seed"],
        )
    # A direction is named only when the data give some support for one.
    what_key = ("stats.what.positive" if rho > 0 else "stats.what.negative") if p < alpha else "stats.what.monotonic"
    caveat = ""
    if _is_true(row.get("ci_degenerate")):
        caveat = say("stats.correlation.caveat_degenerate", language)
    elif _is_true(row["reject_bh"]) and float(row["ci_low"]) <= 0 <= float(row["ci_high"]):
        caveat = say("stats.correlation.caveat_zero", language)
    return say(
        "stats.correlation.sentence",
        language,
        x=x_label[:1].upper() + x_label[1:],
        y=y_label,
        rho=format_coefficient(rho, 2, language),
        interval=interval,
        p_phrase=format_p_phrase(p, alpha, language),
        p_method=p_method,
        p_bh=format_p(row["p_adjusted_bh"], alpha, language),
        n=n,
        verdict=verdict(p, row["reject_bh"], alpha, int(row["n_tests_bh"]), n, say(what_key, language), language),
        caveat=caveat,
    )


def model_sentence(
    result: Any, alpha: float, outcome_label: str, labels: Mapping[str, str], language: Language = "nl"
) -> str:
    """One sentence for a ``stats.models.ModelResult`` (plain or Firth), hedged when unreliable."""
    covariates = format_list([labels.get(c, c) for c in result.covariates], language)
    epv = result.events_per_variable
    head = say(
        "stats.model.head",
        language,
        model=say(f"stats.model.name.{result.test}", language),
        outcome=outcome_label,
        covariates=covariates,
        n=result.n,
        events=result.events,
        epv=say("stats.model.epv", language, epv=format_number(epv, 1, language)) if math.isfinite(epv) else "",
    )
    reasons = "; ".join(note_sentence(n, language, labels) for n in result.notes if n.code != "firth_used")
    coefficients = result.coefficients.drop(index="Intercept", errors="ignore").dropna(subset=["estimate"])
    if not result.estimable or coefficients.empty:
        return say(
            "stats.model.not_estimable", language, head=head, reasons=reasons or say("stats.test.none", language)
        )
    terms = [
        say(
            "stats.model.term",
            language,
            ratio=say(f"stats.model.ratio.{result.ratio}", language),
            term=labels.get(str(term), str(term)),
            value=format_coefficient(row["ratio"], 2, language),
            interval=format_interval(row["ratio_ci_low"], row["ratio_ci_high"], 2, language),
            p_phrase=format_p_phrase(row["p_value"], alpha, language),
        )
        for term, row in coefficients.iterrows()
    ]
    if reasons:
        judgement = say("stats.model.unreliable", language, reasons=reasons)
    elif (coefficients["p_value"] < alpha).any():
        judgement = say("stats.model.association", language, n=result.n)
    else:
        judgement = say("stats.model.none", language, n=result.n)
    return say("stats.model.sentence", language, head=head, terms="; ".join(terms), verdict=judgement)

"""Views of the annex's model and set-theoretic chapters, and of its methods, in Dutch or English.

Words from ``annex.model.*``, ``annex.qca.*``, ``annex.methods.*`` and :mod:`analysis.narrative.stats`;
numbers through :mod:`analysis.core.format`.
"""

from __future__ import annotations

from importlib.metadata import version

import numpy as np
import pandas as pd

from analysis.core.format import Language, format_coefficient, format_interval, format_list, format_number, format_p
from analysis.narrative import say, stats_sentences
from analysis.narrative import stats as words
from analysis.report import annex_sections_qca as sections
from analysis.report.annex_context import AnnexSettings
from analysis.report.annex_views import figure, trace
from analysis.report.annex_views_stats import characteristic_label, labels_for
from analysis.report.blocks import Block, Bullets, Heading, Paragraph, Table
from analysis.report.common import illustrative_banner
from analysis.stats.columns import presence_column
from analysis.stats.models import ModelResult
from analysis.viz import association_charts
from analysis.viz.crosscase_charts import plot_presence


def model_blocks(
    result: sections.ModelSection, theme_labels: dict[str, dict[str, str]], language: Language = "nl"
) -> list[Block]:
    """The outcome, the sentence computed from the fit, its notes, the data, the coefficients."""
    blocks: list[Block] = [Heading(say("annex.model.heading", language), level=3)]
    if result.is_illustrative:
        blocks.append(illustrative_banner(language))
    if result.result is None or result.focus_theme is None:
        blocks.append(Paragraph(say("annex.model.no_outcome", language)))
        return blocks
    fit = result.result
    labels = labels_for(theme_labels, list(result.covariates), language)
    theme = labels.get(result.focus_theme, result.focus_theme)
    blocks.append(
        Paragraph(
            say(
                "annex.model.outcome",
                language,
                theme=theme,
                present=result.n_present,
                total=result.n_with_codings,
                covariates=format_list([labels[c] for c in result.covariates], language),
            )
        )
    )
    sentences = [stats_sentences.model_sentence(fit, result.alpha, theme, labels, language)]
    if fit.firth is not None:
        sentences.append(stats_sentences.model_sentence(fit.firth, result.alpha, theme, labels, language))
    blocks.append(Bullets(sentences, lead=say("annex.interpretation", language)))
    notes = [words.note_sentence(n, language, labels) for n in fit.notes]
    if notes:
        blocks.append(Bullets(notes, lead=say("annex.model.notes", language)))
    if len(result.covariates) == 2:
        fig = plot_presence(
            result.data,
            presence_column(result.focus_theme),
            (result.covariates[0], result.covariates[1]),
            labels,
            say("annex.model.figure_title", language, theme=theme, n=len(result.data)),
            language=language,
        )
        blocks.append(
            figure(fig, "model", result.data.reset_index(), result.computed_by, language, result.is_illustrative)
        )
    # One table per fit, its estimator named once in the caption rather than on every row.
    for fitted, csv_name in ((fit, "model-coefficienten"), (fit.firth, "model-coefficienten-firth")):
        if fitted is not None and fitted.estimable and len(fitted.coefficients):
            blocks.append(coefficient_table(fitted, csv_name, result, labels, language))
    tests = [fit.test] + ([fit.firth.test] if fit.firth is not None else [])
    n_text = say("annex.model.n", language, n=fit.n, events=fit.events, parameters=fit.n_parameters)
    blocks.append(Paragraph(words.result_line(n_text, tests, fit.assumptions, language)))
    return blocks


def coefficient_table(
    fitted: ModelResult,
    csv_name: str,
    result: sections.ModelSection,
    labels: dict[str, str],
    language: Language = "nl",
) -> Table:
    """The coefficients of one fitted model, captioned with its estimator (term, ratio, interval, p)."""
    data = fitted.coefficients.rename_axis("term").reset_index()
    columns = [say(f"annex.model.col.{c}", language) for c in ("term", "ratio", "interval", "p")]
    shown = pd.DataFrame(
        {
            columns[0]: [
                say("annex.model.intercept", language) if t == "Intercept" else labels.get(t, t) for t in data["term"]
            ],
            columns[1]: [format_coefficient(v, 3, language) for v in data["ratio"]],
            columns[2]: [
                format_interval(lo, hi, 3, language)
                for lo, hi in zip(data["ratio_ci_low"], data["ratio_ci_high"], strict=True)
            ],
            columns[3]: [format_p(v, result.alpha, language) for v in data["p_value"]],
        }
    )
    return Table(
        shown,
        caption=say("annex.model.caption", language, model=say(f"stats.model.name.{fitted.test}", language)),
        numeric=tuple(columns[1:]),
        note=trace(result.computed_by, csv_name, language),
        data=data,
        csv_name=csv_name,
    )


def calibration_line(c: sections.Calibration, language: Language) -> str:
    """How a condition was made crisp: ``LARGE: groot, 50.000 inwoners of meer; gemeten als ...``."""
    basis = say(f"annex.qca.basis.{c.basis}", language)
    return say(
        "annex.qca.calibration",
        language,
        name=c.name,
        label=characteristic_label(c.name, language),
        column=characteristic_label(c.column, language),
        rule=c.rule,
        threshold=format_number(c.threshold, 0 if float(c.threshold).is_integer() else 1, language),
        basis=basis,
        ones=c.n_ones,
        n=c.n,
    )


def qca_blocks(
    result: sections.QcaSection, theme_labels: dict[str, dict[str, str]], language: Language = "nl"
) -> list[Block]:
    """Calibration, truth table, sufficiency with its guards, necessity, solutions, robustness."""
    blocks: list[Block] = [Heading(say("annex.qca.heading", language), level=3)]
    if result.is_illustrative:
        blocks.append(illustrative_banner(language))
    if result.focus_theme is None or result.truth is None or result.solutions is None:
        blocks.append(Paragraph(say("annex.qca.no_outcome", language)))
        return blocks
    conditions = [c.name for c in result.calibrations]
    labels = labels_for(theme_labels, conditions, language)
    theme = labels.get(result.focus_theme, result.focus_theme)
    tt = result.truth
    observed = tt[tt["n_cases"] > 0]
    by = result.computed_by
    blocks.append(Paragraph(say("annex.qca.outcome", language, theme=theme, id=result.focus_theme)))
    blocks.append(Bullets([calibration_line(c, language) for c in result.calibrations]))
    blocks.append(
        Paragraph(
            say(
                "annex.qca.guards",
                language,
                threshold=format_coefficient(result.consistency_threshold, 2, language),
                min_cases=result.min_cases,
                base_rate=format_coefficient(result.base_rate, 2, language),
                margin=format_coefficient(result.base_rate_margin, 2, language),
            )
        )
    )
    statuses = observed["status"].value_counts()
    summary = say(
        "annex.qca.truth_summary",
        language,
        n=int(tt.attrs["n"]),
        rows=len(observed),
        possible=2 ** len(conditions),
        k=len(conditions),
        sufficient=int(statuses.get("sufficient", 0)),
        contradictory=int(observed["contradictory"].sum()),
        too_few=int(statuses.get("too_few_cases", 0)),
        below_base=int(statuses.get("not_above_base_rate", 0)),
    )
    # Contradictions are counted in the summary already.
    notes = [words.note_sentence(n, language, labels) for n in result.solutions.notes if n.code != "qca_contradictions"]
    blocks.append(Paragraph(summary + (" " + "; ".join(notes) + "." if notes else "")))
    fig = association_charts.plot_truth_table(tt, labels, language=language)
    tt_csv = tt.assign(cases=[", ".join(c) for c in tt["cases"]])
    blocks.append(figure(fig, "waarheidstabel", tt_csv, by, language, result.is_illustrative))
    # The conditions by their codes, defined in the list above and used in the solutions: their
    # phrases as headers took the width the names and verdicts need, broken inside words in print.
    columns = list(conditions) + [
        say(f"annex.qca.col.{c}", language) for c in ("cases", "outcome", "consistency", "coverage", "status", "names")
    ]
    # The row number of the figure leads each row, so that a reader finds the same configuration in both.
    configuration = say("chart.truth.configuration", language)
    shown = pd.DataFrame(
        {
            configuration: [str(position + 1) for position in np.flatnonzero(tt["n_cases"].to_numpy() > 0)],
            **{c: observed[c].to_numpy() for c in conditions},
            columns[-6]: observed["n_cases"].to_numpy(),
            columns[-5]: observed["n_outcome"].to_numpy(),
            columns[-4]: [format_coefficient(v, 2, language) for v in observed["consistency"]],
            columns[-3]: [format_coefficient(v, 2, language) for v in observed["raw_coverage"]],
            columns[-2]: [say(f"annex.qca.status.{s}", language) for s in observed["status"]],
            columns[-1]: [", ".join(c) for c in observed["cases"]],
        }
    )
    blocks.append(
        Table(
            shown,
            numeric=tuple(columns[:-2]),
            note=trace(by, "waarheidstabel-tabel", language),
            data=tt_csv,
            csv_name="waarheidstabel-tabel",
        )
    )
    blocks += _sufficiency_blocks(result, labels, theme, language)
    blocks += _solution_blocks(result, labels, theme, language)
    blocks.append(
        Paragraph(
            words.result_line(
                str(tt.attrs["n"]),
                ["qca_truth_table", "qca_minimisation", "qca_necessity"],
                tt.attrs["assumptions"],
                language,
            )
        )
    )
    return blocks


def _expression(expression: str, labels: dict[str, str], language: Language) -> str:
    """``LARGE*~RURAL`` as the reader sees it; the codes stay (they are defined above)."""
    return expression or say("annex.qca.empty_solution", language)


def _sufficiency_blocks(
    result: sections.QcaSection, labels: dict[str, str], theme: str, language: Language
) -> list[Block]:
    lines = []
    for row in result.sufficiency.itertuples(index=False):
        if row.n_condition == 0:
            lines.append(say("annex.qca.sufficiency_empty", language, expression=row.expression, n=row.n, theme=theme))
            continue
        if row.is_sufficient:
            verdict = say("annex.qca.verdict.sufficient", language)
        elif row.n_condition < result.min_cases:
            verdict = say("annex.qca.verdict.too_few", language, min_cases=result.min_cases)
        elif row.consistency < result.consistency_threshold:
            verdict = say("annex.qca.verdict.below_threshold", language)
        else:
            verdict = say("annex.qca.verdict.not_above_base_rate", language)
        lines.append(
            say(
                "annex.qca.sufficiency",
                language,
                both=row.n_both,
                condition=row.n_condition,
                expression=row.expression,
                theme=theme,
                consistency=format_coefficient(row.consistency, 2, language),
                coverage=format_coefficient(row.coverage, 2, language),
                verdict=verdict,
            )
        )
    necessity = result.necessity
    data = necessity.assign(kind="necessity")
    shown = pd.DataFrame(
        {
            say("annex.qca.col.condition", language): necessity["condition"],
            say("annex.qca.col.consistency", language): [
                format_coefficient(v, 2, language) for v in necessity["consistency"]
            ],
            say("annex.qca.col.coverage", language): [
                format_coefficient(v, 2, language) for v in necessity["coverage"]
            ],
            say("annex.qca.col.relevance", language): [
                format_coefficient(v, 2, language) for v in necessity["relevance"]
            ],
        }
    )
    return [
        Bullets(lines, lead=say("annex.qca.sufficiency_lead", language)),
        Paragraph(say("annex.qca.necessity", language, theme=theme)),
        Table(
            shown,
            numeric=tuple(shown.columns[1:]),
            note=trace(result.computed_by, "noodzakelijkheid", language),
            data=data,
            csv_name="noodzakelijkheid",
        ),
    ]


def _solution_blocks(
    result: sections.QcaSection, labels: dict[str, str], theme: str, language: Language
) -> list[Block]:
    solutions = result.solutions
    assert solutions is not None
    rows = []
    for solution in (solutions.conservative, solutions.parsimonious, solutions.intermediate):
        if solution is None:
            continue
        rows.append(
            {
                "kind": solution.kind,
                "expression": solution.expression,
                "models": " | ".join(solution.models),
                "consistency": solution.consistency,
                "pri": solution.pri,
                "coverage": solution.coverage,
                "simplifying_assumptions": "; ".join("".join(map(str, c)) for c in solution.simplifying_assumptions),
            }
        )
        for term in solution.terms.itertuples(index=False):
            rows.append(
                {
                    "kind": solution.kind,
                    "term": term.term,
                    "consistency": term.consistency,
                    "pri": term.pri,
                    "raw_coverage": term.raw_coverage,
                    "unique_coverage": term.unique_coverage,
                    "cases": ", ".join(term.cases),
                }
            )
    data = pd.DataFrame(rows)
    shown_rows = []
    for row in rows:
        is_solution = "expression" in row
        shown_rows.append(
            {
                say("annex.qca.col.solution", language): say(f"annex.qca.kind.{row['kind']}", language)
                if is_solution
                else "",
                say("annex.qca.col.term", language): _expression(row["expression"], labels, language)
                if is_solution
                else row["term"],
                say("annex.qca.col.consistency", language): format_coefficient(row["consistency"], 2, language),
                say("annex.qca.col.pri", language): format_coefficient(row["pri"], 2, language),
                say("annex.qca.col.raw_coverage", language): format_coefficient(
                    row.get("coverage", row.get("raw_coverage")), 2, language
                ),
                say("annex.qca.col.unique_coverage", language): format_coefficient(
                    row.get("unique_coverage"), 2, language
                ),
                say("annex.qca.col.names", language): row.get("cases", ""),
            }
        )
    shown = pd.DataFrame(shown_rows)
    expectations = [
        say(
            "annex.qca.expectation",
            language,
            name=name,
            value=say(f"stats.word.{'present' if v else 'absent'}", language),
        )
        for name, v in result.directional_expectations.items()
    ]
    robust_text = _robustness_text(result, language)
    robustness_shown = _robustness_table(result, language)
    return [
        Paragraph(
            say(
                "annex.qca.solutions",
                language,
                theme=theme,
                conservative=_expression(solutions.conservative.expression, labels, language),
                parsimonious=_expression(solutions.parsimonious.expression, labels, language),
                intermediate=_expression(solutions.intermediate.expression, labels, language)
                if solutions.intermediate is not None
                else say("annex.qca.no_intermediate", language),
                expectations=format_list(expectations, language) or say("annex.qca.no_expectations", language),
            ),
            lead=say("annex.qca.solutions_lead", language),
        ),
        Table(
            shown,
            numeric=tuple(shown.columns[2:6]),
            note=trace(result.computed_by, "qca-oplossingen", language),
            data=data,
            csv_name="qca-oplossingen",
        ),
        Paragraph(robust_text, lead=say("annex.qca.robustness_lead", language)),
        Table(
            robustness_shown,
            numeric=tuple(robustness_shown.columns[1:]),
            note=trace(result.computed_by, "qca-robuustheid", language),
            data=result.robustness.variants if result.robustness is not None else None,
            csv_name="qca-robuustheid",
        ),
    ]


def _robustness_text(result: sections.QcaSection, language: Language) -> str:
    """How often each solution holds, per kind of variant; the cases whose removal changes it."""
    robustness = result.robustness
    if robustness is None or robustness.variants.empty:
        return say("annex.qca.robustness_none", language)
    summary = robustness.summary
    parts = []
    for variant, row in summary.iterrows():
        parts.append(
            say(
                f"annex.qca.robustness.{variant}",
                language,
                n=int(row["n_variants"]),
                parsimonious=int(row["parsimonious_unchanged"]),
                conservative=int(row["conservative_unchanged"]),
            )
        )
    text = " ".join(parts)
    leave_one = robustness.variants[robustness.variants["variant"] == "leave_one_out"]
    changed = leave_one.loc[~leave_one["parsimonious_unchanged"].astype(bool), "left_out"].astype(str).tolist()
    if changed:
        text += " " + say("annex.qca.robustness_changed", language, names=format_list(changed, language))
    return text


def _robustness_table(result: sections.QcaSection, language: Language) -> pd.DataFrame:
    """Per variant kind: variants, and how many leave each solution unchanged."""
    robustness = result.robustness
    columns = [say(f"annex.qca.robcol.{c}", language) for c in ("variant", "n", "conservative", "parsimonious")]
    if robustness is None:
        return pd.DataFrame(columns=columns)
    summary = robustness.summary
    return pd.DataFrame(
        {
            columns[0]: [say(f"annex.qca.variant.{v}", language) for v in summary.index],
            columns[1]: summary["n_variants"].astype(int).to_numpy(),
            columns[2]: summary["conservative_unchanged"].astype(int).to_numpy(),
            columns[3]: summary["parsimonious_unchanged"].astype(int).to_numpy(),
        }
    )


def methods_blocks(settings: AnnexSettings, language: Language = "nl") -> list[Block]:
    """The methods, each with the settings it used (``config/annex.yaml``)."""
    versions = ", ".join(f"{p} {version(p)}" for p in ("scipy", "statsmodels", "krippendorff", "pandas"))
    return [
        Heading(say("annex.methods.heading", language)),
        Bullets(
            [
                say("annex.methods.groups", language),
                say("annex.methods.fisher", language, alpha=format_number(settings.alpha, 2, language)),
                say(
                    "annex.methods.rank",
                    language,
                    n_boot=format_number(settings.bootstrap_resamples, 0, language),
                    seed=settings.bootstrap_seed,
                ),
                say(
                    "annex.methods.model",
                    language,
                    min_epv=format_number(settings.min_events_per_variable, 0, language),
                ),
                say(
                    "annex.methods.qca",
                    language,
                    threshold=format_coefficient(settings.qca_consistency_threshold, 2, language),
                    min_cases=settings.qca_min_cases,
                    margin=format_coefficient(settings.qca_base_rate_margin, 2, language),
                ),
                say("annex.methods.agreement", language),
                say("annex.methods.quotes", language),
                say("annex.methods.software", language, versions=versions),
            ]
        ),
    ]

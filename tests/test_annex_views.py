"""The annex's views: one language per page, the banner where codings are shown, every number traceable.

Checks read blocks (and the renderer's files), not HTML, except where the HTML is the point (no
markup from a file name can reach the page).
"""

from __future__ import annotations

import importlib
import math
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from block_texts import texts as block_texts

from analysis.core.format import format_p
from analysis.narrative import stats_sentences
from analysis.qual.codings import EXAMPLE_CODINGS
from analysis.report import annex_sections as sections
from analysis.report import annex_sections_qca as qca_sections
from analysis.report import annex_sections_stats as stats_sections
from analysis.report import annex_sections_themes as theme_sections
from analysis.report import annex_views as views
from analysis.report import annex_views_qca as qca_views
from analysis.report import annex_views_stats as stats_views
from analysis.report import annex_views_themes as theme_views
from analysis.report.annex_context import load_settings, open_annex
from analysis.report.blocks import Banner, Block, FigureBlock, Group, Quote, Table
from analysis.report.render import Renderer, page_html
from analysis.stats.notes import Note

#: Fewer resamples than the annex uses: these tests check wiring and words, not interval precision.
QUICK = {"bootstrap_resamples": 200, "permutation_resamples": 2000}

HOSTILE_NAME = 'r`<img src=x onerror="alert(1)">`.csv'

#: Words that give a Dutch sentence away; none may appear in the English annex. Place names, the
#: study's title and quoted fragments (input text) are not checked.
DUTCH_WORDS = (
    "gemeenten", "inwoners", "Leeswijzer", "Bron:", "coderingen", "fragmenten", "niet ", " van de ",
    "samenhang", "toets", "aanwezig", "overeenstemming", "berekend", "Berekend", "bijlage",
    "waarheidstabel", "jeugdzorgregio", "arbeidsmarktregio", "mediaan", "aandeel", "thema", "Thema",
    "gebeurtenissen", "voldoende", "consistentie", "dekking", "drempel", "ontbreekt", "geen ", " het ",
    " zijn ", "weinig", "stedelijk ", "landelijk",
)  # fmt: skip
#: Words that give an English sentence away in the Dutch annex.
ENGLISH_WORDS = (
    " the ", " and ", "association", "evidence", "cases", "theme", "coded", "Computed by",
    "sufficient", "coverage", "events", "not available", "municipalities", "boundaries", " changed ",
)  # fmt: skip


def texts(blocks: list[Block]) -> list[str]:
    """The reader's text without quoted fragments (the interviewees' words may be in any language)."""
    return block_texts(blocks, quotes=False)


def _all_blocks(annex, language: str) -> dict[str, list[Block]]:
    labels = annex["themes"].theme_labels
    return {
        "header": views.header_blocks(annex["header"], language),
        "selection": views.selection_blocks(annex["selection"], language),
        "key_figures": views.key_figures_blocks(annex["key_figures"], language),
        "regions": views.regions_blocks(annex["regions"], language),
        "social": views.social_domain_blocks(annex["social"], language),
        "themes": theme_views.themes_blocks(annex["themes"], language),
        "agreement": theme_views.agreement_blocks(annex["agreement"], language),
        "quotes": theme_views.quote_matrix_blocks(annex["quotes"], language),
        "fisher": stats_views.fisher_blocks(annex["fisher"], labels, language),
        "correlations": stats_views.correlation_blocks(annex["correlations"], labels, language),
        "model": qca_views.model_blocks(annex["model"], labels, language),
        "qca": qca_views.qca_blocks(annex["qca"], labels, language),
        "sources": views.sources_section_blocks(annex["sources"], language),
        "methods": qca_views.methods_blocks(annex["ctx"].settings, language),
    }


def _run(ctx) -> dict[str, object]:
    data = stats_sections.analysis_data(ctx)
    return {
        "ctx": ctx,
        "header": sections.header(ctx),
        "selection": sections.selection(ctx),
        "key_figures": sections.key_figures(ctx),
        "regions": sections.regions_section(ctx),
        "social": sections.social_domain(ctx),
        "themes": theme_sections.themes_section(ctx),
        "agreement": theme_sections.agreement_section(ctx),
        "quotes": theme_sections.quote_matrix_section(ctx),
        "fisher": stats_sections.fisher_section(ctx, data),
        "correlations": stats_sections.correlation_section(ctx, data),
        "model": qca_sections.model_section(ctx, data),
        "qca": qca_sections.qca_section(ctx, data),
        "sources": sections.sources(ctx),
    }


@pytest.fixture(scope="module")
def annex(built_data: Path) -> dict[str, object]:
    return _run(open_annex(settings=load_settings().with_values(**QUICK)))


@pytest.fixture(scope="module")
def pages(annex) -> dict[str, dict[str, list[Block]]]:
    return {language: _all_blocks(annex, language) for language in ("nl", "en")}


def _without_identifiers(text: str) -> str:
    """Function and CSV names in the trace lines are identifiers, the same in both languages."""
    return re.sub(r"analysis\.[\w.]+|figures/annex/\S+", "", text)


def test_english_annex_has_no_dutch_sentence(pages):
    """Issue 11 item 1: one language per document (chapter 6 was English in the Dutch annex)."""
    for name, blocks in pages["en"].items():
        if name == "sources":  # Dutch titles and file names of the sources, cited as published
            continue
        text = _without_identifiers(" ".join(texts(blocks)))
        found = [w for w in DUTCH_WORDS if w in text]
        assert not found, f"{name}: {found}"


def test_dutch_annex_has_no_english_sentence(pages):
    for name, blocks in pages["nl"].items():
        text = _without_identifiers(" ".join(t for t in texts(blocks) if "Kadaster" not in t))
        found = [w for w in ENGLISH_WORDS if w in text]
        assert not found, f"{name}: {found}"


def test_quote_attributions_name_the_municipality_once(pages):
    """A document named "Tiel - interview griffie" is not attributed as "Tiel, Tiel - interview griffie"."""
    for language, blocks in pages.items():
        quotes = [b for g in blocks["quotes"] if isinstance(g, Group) for b in g.blocks if isinstance(b, Quote)]
        assert quotes, language
        for quote in quotes:
            first = quote.attribution.split(" - ")[0]
            assert ", " not in first, quote.attribution


#: A cell that holds a number in either language: 1.798.834, 10,5%, 0,92, -0,45, 4%–41%, 0 van 5.
NUMBER_CELL = re.compile(r"^[-−]?[\d.,]+ ?%?([–-][\d.,]+ ?%?| van [\d.]+| tot [-−]?[\d.,]+| of [\d,]+)?$")


def _tables(blocks: list[Block]) -> list[Table]:
    found = []
    for block in blocks:
        if isinstance(block, Table):
            found.append(block)
        elif isinstance(block, Group):
            found += _tables(list(block.blocks))
    return found


def test_number_columns_right_aligned_label_column_left(pages):
    """A column of numbers is set right (digits under digits), the row labels left."""
    wrong = []
    for language, chapters in pages.items():
        for name, blocks in chapters.items():
            for table in _tables(blocks):
                if table.frame.empty:
                    continue
                first = table.frame.columns[0]
                if first in table.numeric:
                    wrong.append(f"{language} {name}: label column {first!r} set right")
                for column in table.frame.columns[1:]:
                    cells = [str(v) for v in table.frame[column] if str(v) not in ("", "—", "nan", "<NA>")]
                    if cells and all(NUMBER_CELL.match(c) for c in cells) and column not in table.numeric:
                        wrong.append(f"{language} {name}: numbers in {column!r} set left")
    assert not wrong, wrong


def test_banner_on_every_codings_section_only(pages):
    for language, blocks in pages.items():
        for name in ("header", "themes", "quotes", "fisher", "correlations", "model", "qca"):
            assert any(isinstance(b, Banner) for b in blocks[name]), (language, name)
        for name in ("selection", "key_figures", "regions", "social", "sources"):
            assert not any(isinstance(b, Banner) for b in blocks[name]), (language, name)


def _flat(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for block in blocks:
        out += _flat(list(block.blocks)) if isinstance(block, Group) else [block]
    return out


def test_every_table_and_figure_names_its_function_and_csv(pages, tmp_path, monkeypatch):
    """Issue 11 item 7: each table and figure says which function computed it and where its numbers are."""
    monkeypatch.setattr("IPython.display.display", lambda obj: None)
    show = Renderer(tmp_path)
    for name, blocks in pages["nl"].items():
        show(blocks)
        for block in _flat(blocks):
            if isinstance(block, Table) and name not in ("sources",):
                line = block.note
            elif isinstance(block, FigureBlock) and block.csv_name:
                line = block.caption
            else:
                continue
            match = re.fullmatch(r"Berekend door ([\w.]+); de cijfers staan in figures/annex/([\w.-]+)\.csv\.", line)
            assert match, (name, line)
            module, _, function = match.group(1).rpartition(".")
            assert callable(getattr(importlib.import_module(module), function)), line
            written = pd.read_csv(tmp_path / f"{match.group(2)}.csv")
            assert len(written) == len(block.data), line


def test_csv_holds_the_unformatted_numbers(pages, annex, tmp_path, monkeypatch):
    monkeypatch.setattr("IPython.display.display", lambda obj: None)
    Renderer(tmp_path)(pages["nl"]["key_figures"])
    written = pd.read_csv(tmp_path / "kerncijfers.csv")
    cases = annex["ctx"].case_table.set_index("gm_code")
    for row in written.itertuples():
        assert row.population_count == cases.at[row.gm_code, "population_count"]


def test_p_values_never_round_across_alpha():
    """Issue 11 item 3: p = 0.0499 used to read 0.05 in the sentences (two decimals)."""
    row = {
        "theme": "RIJK",
        "characteristic": "size_group",
        "n": 20,
        "present_by_level": {"a": (2, 10), "b": (8, 10)},
        "odds_ratio": 0.06,
        "p_value": 0.0499,
        "p_adjusted_bh": 0.0547,
        "reject_bh": False,
        "n_tests_bh": 6,
        "test": "fisher_2x2",
        "notes": (),
    }
    for language in ("nl", "en"):
        sentence = stats_sentences.fisher_sentence(row, 0.05, {}, lambda c, lvl, lang: str(lvl), language)
        assert format_p(0.0499, 0.05, language) in sentence and "0,0499" in sentence.replace(".", ",")
        assert format_p(0.0547, 0.05, language) in sentence


def test_model_sentence_says_association_never_effect():
    coefficients = pd.DataFrame(
        {
            "estimate": [0.1, 2.0],
            "ratio": [1.1, 7.4],
            "ratio_ci_low": [0.5, 1.2],
            "ratio_ci_high": [2.0, 40.0],
            "p_value": [0.8, 0.01],
        },
        index=["Intercept", "RURAL"],
    )
    result = type(
        "Fit",
        (),
        {
            "covariates": ["RURAL"], "events_per_variable": 12.0, "test": "logit_ml", "n": 20, "events": 12,
            "notes": [], "coefficients": coefficients, "estimable": True, "ratio": "odds_ratio",
        },
    )()  # fmt: skip
    for language in ("nl", "en"):
        sentence = stats_sentences.model_sentence(result, 0.05, "X", {}, language)
        assert "effect" not in sentence.lower()
        assert ("samenhang" if language == "nl" else "association") in sentence


def test_degenerate_bootstrap_interval_is_said():
    row = {
        "n": 5, "coefficient": -1.0, "ci_low": -1.0, "ci_high": -1.0, "p_value": 2 / 120, "p_method": "exact",
        "n_permutations": 120, "permutation_seed": None, "p_adjusted_bh": 2 / 120, "reject_bh": True,
        "n_tests_bh": 1, "ci_degenerate": True,
        "notes": (Note("bootstrap_degenerate", {"width": 0.0, "n_distinct": 1, "min_distinct": 20}),),
    }  # fmt: skip
    sentence = stats_sentences.correlation_sentence(row, 0.05, "x", "y", "nl")
    assert "0,017" in sentence and "ontaard" in sentence and "120" in sentence


def test_every_stats_code_has_words_in_both_languages():
    from analysis.narrative import catalogue
    from analysis.stats import notes

    doc = notes.__doc__ or ""
    codes = set(re.findall(r"^``(\w+)``", doc.split("Test codes")[0], flags=re.M))
    tests = set(re.findall(r"``(\w+)``", doc.split("Test codes")[1].split("Assumption codes")[0]))
    assumptions = set(re.findall(r"``(\w+)``", doc.split("Assumption codes")[1]))
    assert len(codes) > 20 and "low_epv" in codes
    for prefix, found in (
        ("note", codes),
        ("test", tests - {"test", "n_permutations"}),
        ("assumption", assumptions - {"assumptions"}),
    ):
        for code in found:
            phrase = catalogue().get(f"stats.{prefix}.{code}")
            assert phrase and phrase["nl"] and phrase["en"], f"stats.{prefix}.{code}"


def test_hostile_codings_file_name_never_becomes_markup(built_data, tmp_path):
    """Issue 15 item 1: the annex put the file name into Markdown code spans."""
    hostile = tmp_path / HOSTILE_NAME
    shutil.copyfile(EXAMPLE_CODINGS, hostile)
    ctx = open_annex(codings_path=str(hostile), settings=load_settings().with_values(**QUICK))
    assert Path(ctx.coded.source).name == HOSTILE_NAME
    blocks = theme_views.themes_blocks(theme_sections.themes_section(ctx), "nl")
    blocks += views.sources_section_blocks(sections.sources(ctx), "en")
    assert any(HOSTILE_NAME in t for t in texts(blocks))
    html = page_html(blocks)
    assert "<img src=x" not in html and 'onerror="' not in html


def _write_codings(path: Path, rows: list[str]) -> Path:
    path.write_text("gm_code,document,segment_id,code_id,coder\n" + "".join(f"{r}\n" for r in rows), encoding="utf-8")
    return path


def test_all_codings_rejected_is_said_with_counts(built_data, tmp_path):
    """Issue 10: rejected codings are counted, never reported as "no codings present"."""
    path = _write_codings(tmp_path / "rejected.csv", ["GM0599,doc,1,NOT.A.CODE,a", "GM0599,doc,2,ALSO.NOT,b"])
    ctx = open_annex(codings_path=str(path), settings=load_settings().with_values(**QUICK))
    result = _run(ctx)
    for language in ("nl", "en"):
        blocks = _all_blocks(result, language)
        text = " ".join(texts(blocks["themes"]))
        assert "2" in text and ("afgewezen" if language == "nl" else "rejected") in text
        page_html([b for page in blocks.values() for b in page])  # every section renders


def test_one_municipality_one_coder_renders_in_words(built_data, tmp_path):
    """Thin data: one case with codings, one coder: no agreement, no tests, no crash."""
    path = _write_codings(tmp_path / "thin.csv", [f"GM0599,doc,{i},DEM.INWONERS,a" for i in range(1, 4)])
    result = _run(open_annex(codings_path=str(path), settings=load_settings().with_values(**QUICK)))
    assert result["agreement"].by_theme.status == "single_coder"
    assert result["model"].focus_theme is None and result["qca"].focus_theme is None
    for language in ("nl", "en"):
        blocks = _all_blocks(result, language)
        assert texts(blocks["agreement"])
        assert not math.isnan(len(page_html([b for page in blocks.values() for b in page])))

"""The municipal report: sections return numbers, views return blocks in one language.

The checks read results and blocks, not HTML, except where the HTML itself is the point (no
markup from a file name can reach the page).
"""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from block_texts import texts
from matplotlib.figure import Figure

from analysis.geo import peers as geo_peers
from analysis.qual.codings import EXAMPLE_CODINGS
from analysis.report import municipal_democracy, municipal_peers
from analysis.report import municipal_sections as sections
from analysis.report import municipal_views as views
from analysis.report import municipal_views_themes as theme_views
from analysis.report.blocks import Banner, Block, FigureBlock, Group, Quote
from analysis.report.context import open_context
from analysis.report.render import page_html
from analysis.viz import charts, democracy_charts, maps, peer_maps, region_maps, social_charts, style, theme_charts

HOSTILE_NAME = 'r`<img src=x onerror="alert(1)">`.csv'
HEADER = "gm_code,document,segment_id,code_id,coder\n"

#: Words that give a Dutch sentence away; none may appear on an English page. Titles of the Dutch
#: publications (cited as published) and place names are not in this list.
DUTCH_WORDS = (
    "niet beschikbaar", "inwoners", "Leeswijzer", "Bron:", "zetels", "coderingen", "fragmenten",
    "buurgemeente", "opgehaald", "Herkomst", "Ligging", "Kerncijfers", "mediaan", "rang van",
    "stedelijkheid", "Voorlopig", "jeugdzorgregio", "arbeidsmarktregio", "zorgkantoorregio",
    "illustratief", "lokale kopie", " zijn ", " het ", " wordt ", " niet ", " naast ", "codeur",
    "Thema", "Regio's", "Bronnen", "aantal", "ja", "nee", "eenheid", "gemiddelde",
)  # fmt: skip

#: Every chart the report draws (module, function).
CHARTS = [
    (maps, "location_png"),
    (peer_maps, "peer_map_png"),
    (charts, "plot_profile_against_peers"),
    (charts, "size_density_png"),
    (region_maps, "region_png"),
    (social_charts, "plot_trend"),
    (democracy_charts, "plot_local_democracy"),
    (theme_charts, "plot_theme_profile"),
]

SECTIONS = [
    (sections.header, views.header_blocks),
    (sections.location, views.location_blocks),
    (municipal_peers.structural_peers, municipal_peers.peers_blocks),
    (sections.key_figures, views.key_figures_blocks),
    (sections.regions, views.regions_blocks),
    (sections.social_domain, views.social_domain_blocks),
    (municipal_democracy.democracy, municipal_democracy.democracy_blocks),
    (sections.themes, theme_views.themes_blocks),
    (sections.fragments, theme_views.fragments_blocks),
    (sections.sources, views.sources_blocks),
]


def page_text(blocks: list[Block]) -> str:
    return " ".join(texts(blocks))


def all_blocks(ctx, language: str) -> list[Block]:
    return [block for section, view in SECTIONS for block in view(section(ctx), language)]


def codings_file(tmp_path: Path, body: str, name: str = "codings.csv") -> str:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def rotterdam(built_data):
    return open_context("GM0599")


@pytest.fixture(scope="module")
def pages(rotterdam) -> dict[str, list[Block]]:
    """Every block of the Rotterdam report in both languages, with blank charts.

    Drawing the nine real charts twice takes most of a fast test run; their words are checked
    by the chart tests and the slow notebook run, so here each chart is a blank figure.
    """

    def blank(*args, language, **kwargs):
        return Figure(figsize=(1, 1))

    def blank_png(*args, language, **kwargs):
        return style.Rendered(style.figure_png(blank(language=language)), "")

    with pytest.MonkeyPatch.context() as patch:
        for module, name in CHARTS:
            patch.setattr(module, name, blank_png if name.endswith("_png") else blank)
        return {language: all_blocks(rotterdam, language) for language in ("nl", "en")}


def test_key_figures_are_the_indicator_numbers_formatted_per_language(rotterdam):
    result = sections.key_figures(rotterdam)
    expected = geo_peers.compare_with_peers(
        rotterdam.municipalities, "GM0599", rotterdam.case_codes, rotterdam.structural_peers
    )
    pd.testing.assert_frame_equal(result.table, expected)
    assert result.table.at["population_count", "municipality"] == 634_660
    nl = views.key_figure_table(result, "nl").frame
    en = views.key_figure_table(result, "en").frame
    assert nl.iloc[0].tolist()[:3] == ["Inwoners", "aantal", "634.660"]
    assert en.iloc[0].tolist()[:3] == ["Inhabitants", "number", "634,660"]
    assert "rang van 388" in nl.columns and "rank of 388" in en.columns


def test_sections_hold_numbers_not_words(rotterdam):
    regions = sections.regions(rotterdam)
    assert len(regions.table) == 8 and regions.table["meets_scale"].all()
    assert "Rijnmond" in set(regions.table["region_name"])
    democracy = municipal_democracy.democracy(rotterdam)
    assert democracy.council_seats == 45 and democracy.turnout_pct == pytest.approx(47.9, abs=0.05)
    assert democracy.missing_election_years == (2014, 2018)  # the votes; the 2018 seats are in the mirror
    assert (democracy.local_lists_seats_2018_count, democracy.council_2018_seats_count) == (13, 45)
    social = sections.social_domain(rotterdam)
    assert social.years["year"].tolist() == [2015, 2016, 2017]
    assert {"jeugdhulp", "wmo", "financiën"} <= set(social.unavailable["topic"])
    assert "bijstand" not in set(social.unavailable["topic"])
    themes = sections.themes(rotterdam)
    own = rotterdam.coded.accepted[rotterdam.coded.accepted["gm_code"] == "GM0599"]
    assert themes.codings_count == len(own) > 0
    assert themes.segments_count == len(set(zip(own["document"], own["segment_id"], strict=True)))
    assert themes.documents_count == own["document"].nunique()
    shares = themes.profile["share"]
    assert ((shares >= 0) & (shares <= 1)).all()
    assert themes.profile["n_segments"].max() == themes.top["n_segments"].iloc[0]


def test_dutch_page_reads_as_before(pages, rotterdam):
    text = page_text(pages["nl"])
    themes = sections.themes(rotterdam)
    counts = (
        f"Voor Rotterdam: {themes.codings_count} coderingen op {themes.segments_count} fragmenten in "
        f"{themes.documents_count} documenten, door {themes.coders_count} codeurs."
    )
    social = sections.social_domain(rotterdam)
    youth = social.unavailable.loc[social.unavailable["topic"] == "jeugdhulp", "table_id"].iloc[0]
    for sentence in (
        counts,
        f"Cijfers jeugdhulp (CBS {youth}) zijn niet in de lokale kopie beschikbaar",
        "Rotterdam (GM0599) — kwantitatieve bijlage",
        "Op 1 januari 2017 telde de gemeente 634.660 inwoners en viel zij in stedelijkheidsklasse 1 "
        "(zeer sterk stedelijk).",
        "schrijft de Gemeentewet (art. 8) voor de raad van 2018 45 zetels voor",
        "In de raad die op 21 maart 2018 werd gekozen, kregen lokale lijsten 13 van de 45 zetels (28,9%)",
        "Kiesraad, Databank Verkiezingsuitslagen (gemeenteraad 2018)",
        "Let op: de coderingen in dit rapport zijn illustratief",
        "Bron: CBS, Kadaster — Wijk- en buurtkaart 2017 (CC BY 4.0)",
    ):
        assert sentence in text
    names = [b.name for b in pages["nl"] if isinstance(b, FigureBlock)]
    assert names == [
        "ligging",
        "vergelijkbare-gemeenten",
        "profiel",
        "omvang-dichtheid",
        "regio-youth_care_region",
        "regio-labour_market_region",
        "bijstand",
        "democratie-2010",
        "themaprofiel",
    ]


def test_no_english_left_on_the_dutch_page(pages):
    # The old report printed CBS's status marker and raw reason codes in English.
    text = page_text(pages["nl"])
    assert "unknown (not recorded in the copy)" not in text
    assert "Illustrative codings" not in text


def test_english_page_has_no_dutch_words(pages):
    text = page_text(pages["en"])
    # quoted titles of Dutch publications and codings texts stay as published
    text = re.sub(r"CBS Wijk- en buurtkaart[^.]*\.|CBS Gebiedsindelingen[^.]*\.|CBS Sociale zekerheid[^.]*\.", "", text)
    text = re.sub(r"Kiesraad, (uitslagen|zetelverdeling)[^.]*\.", "", text)
    text = re.sub(r"\S*/\S*", "", text)  # file paths of the raw layer are names, not prose
    quotes = [
        t for b in pages["en"] if isinstance(b, Group) for q in b.blocks if isinstance(q, Quote) for t in [q.text]
    ]
    for quote in sorted(quotes, key=len, reverse=True):  # one quote may hold another
        text = text.replace(quote, "")
    found = [word for word in DUTCH_WORDS if re.search(rf"(?<!\w){re.escape(word.strip())}(?!\w)", text)]
    assert found == []
    assert "634,660 inhabitants" in text
    assert "The mean of the twenty is taken over the 20 of them with codings." in text


def test_both_languages_have_the_same_figures_and_tables(pages):
    def shape(blocks):
        return [type(b).__name__ for b in blocks]

    assert shape(pages["nl"]) == shape(pages["en"])


def test_a_hostile_codings_file_name_stays_text(built_data, tmp_path):
    hostile = tmp_path / HOSTILE_NAME
    shutil.copy(EXAMPLE_CODINGS, hostile)
    ctx = open_context("GM0599", codings_path=str(hostile))
    for language in ("nl", "en"):
        themes_html = page_html(theme_views.themes_blocks(sections.themes(ctx), language))
        sources_html = page_html(views.sources_blocks(sections.sources(ctx), language))
        for html in (themes_html, sources_html):
            assert "<img src=x" not in html and 'onerror="' not in html
            assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
        assert "<img" not in sources_html  # the sources panel has no figure at all
        # the only images on the themes page are the rendered charts: escaped alt text, PNG data
        images = re.findall(r"<img[^>]*>", themes_html)
        assert len(images) == 1
        assert re.fullmatch(
            r'<img alt="[^"<>]*" src="data:image/png;base64,[A-Za-z0-9+/=]+" style="max-width:100%">', images[0]
        )


def test_rejected_codings_are_counted_never_called_absent(built_data, tmp_path):
    path = codings_file(tmp_path, "GM0599,interview,1,NO.SUCH.CODE,anna\nGM0599,interview,2,ALSO.NOT,anna\n")
    result = sections.themes(open_context("GM0599", codings_path=path))
    assert (result.origin.n_read, result.origin.n_accepted, result.origin.n_rejected) == (2, 0, 2)
    assert result.rejected_count == 2 and not result.has_profile
    text = page_text(theme_views.themes_blocks(result, "nl"))
    assert "2 coderingen gelezen: 0 aanvaard, 2 afgewezen" in text
    assert "Alle gelezen coderingen zijn afgewezen (2 coderingen, waarvan 2 voor Rotterdam)" in text
    assert "geen coderingen aanwezig" not in text
    fragments = page_text(
        theme_views.fragments_blocks(sections.fragments(open_context("GM0599", codings_path=path)), "nl")
    )
    assert "geen gecodeerde fragmenten aanvaard" in fragments


def test_rejections_for_this_municipality_are_said_when_others_were_accepted(built_data, tmp_path):
    path = codings_file(tmp_path, "GM0599,interview,1,NO.SUCH.CODE,anna\nGM0362,interview,1,REG,anna\n")
    text = page_text(theme_views.themes_blocks(sections.themes(open_context("GM0599", codings_path=path)), "en"))
    assert "All codings for Rotterdam were rejected (1 coding read)" in text


def test_an_import_without_codings_and_a_municipality_without_codings(built_data, tmp_path):
    elsewhere = codings_file(tmp_path, "GM0362,interview,1,REG,anna\n", "elsewhere.csv")
    ctx = open_context("GM0457", codings_path=elsewhere)  # not one of the twenty
    result = sections.themes(ctx)
    text = page_text(theme_views.themes_blocks(result, "nl"))
    assert "bevat geen coderingen voor" in text and "hoorde niet bij de twintig" in text
    # the readers refuse a file without codings; an import built without any still reads right
    nothing = replace(result, origin=replace(result.origin, n_read=0, n_accepted=0, n_rejected=0))
    text = page_text(theme_views.themes_blocks(nothing, "nl"))
    assert "Het coderingsbestand bevat geen coderingen" in text and "afgewezen (" not in text


def test_one_municipality_one_coder_and_themes_nobody_coded(built_data, tmp_path):
    path = codings_file(tmp_path, "GM0599,interview,1,REG,anna\nGM0599,interview,2,RIJK,anna\n")
    ctx = open_context("GM0599", codings_path=path)
    result = sections.themes(ctx)
    assert result.coders_count == 1 and result.segments_count == 2
    assert result.profile.loc["DEM", "share"] == 0 and result.profile.loc["REG", "share"] == 0.5
    blocks = theme_views.themes_blocks(result, "nl")
    assert "Voor Rotterdam: 2 coderingen op 2 fragmenten in 1 document, door 1 codeur." in page_text(blocks)
    assert result.comparison_with_codings_count == 1
    assert "Onder de twintig heeft alleen Rotterdam coderingen" in page_text(blocks)
    assert not any(isinstance(b, Banner) for b in blocks)  # real codings: no illustrative banner
    assert any(isinstance(b, FigureBlock) for b in blocks)


def test_fragments_without_text_say_so(built_data, tmp_path):
    path = codings_file(tmp_path, "GM0599,interview,1,REG,anna\n")
    result = sections.fragments(open_context("GM0599", codings_path=path))
    assert result.themes["theme"].tolist() == ["REG"] and not result.has_text
    blocks = theme_views.fragments_blocks(result, "nl")
    assert "Geen tekst beschikbaar in dit coderingsbestand" in page_text(blocks)
    assert not any(isinstance(b, Quote) for b in texts_and_groups(blocks))


def texts_and_groups(blocks: list[Block]) -> list[Block]:
    return [inner for b in blocks for inner in (b.blocks if isinstance(b, Group) else (b,))]


def test_fragments_quote_text_document_and_coder(built_data, tmp_path):
    path = tmp_path / "quotes.csv"
    path.write_text(
        HEADER.strip() + ",segment_text\n"
        "GM0599,interview wethouder,1,REG,anna,De regio beslist en de raad <b>volgt</b>.\n"
        "GM0599,interview wethouder,1,REG,bob,De regio beslist en de raad <b>volgt</b>.\n"
        "GM0599,interview griffie,2,REG,anna,Wij schakelen tussen gemeente en regio.\n",
        encoding="utf-8",
    )
    result = sections.fragments(open_context("GM0599", codings_path=str(path)))
    blocks = texts_and_groups(theme_views.fragments_blocks(result, "en"))
    quotes = [b for b in blocks if isinstance(b, Quote)]
    assert [q.text for q in quotes] == [
        "De regio beslist en de raad <b>volgt</b>.",
        "Wij schakelen tussen gemeente en regio.",
    ]
    assert quotes[0].attribution == "interview wethouder — coders anna and bob"
    assert quotes[1].attribution == "interview griffie — coder anna"
    assert "<b>" not in page_html(theme_views.fragments_blocks(result, "en"))


def test_missing_figures_are_worded_not_coded(built_data):
    ctx = open_context("GM0457")  # bijstand 2015 lost to a boundary change; not one of the twenty
    social = sections.social_domain(ctx)
    missing = social.years[social.years["recipients_per_1000_inhabitants"].isna()]
    assert not missing.empty
    sentence = views.bijstand_year_sentence(missing.iloc[0], "nl")
    assert "niet beschikbaar (de gemeentegrenzen veranderden" in sentence
    assert "boundary change" not in sentence
    merged = municipal_democracy.democracy(open_context("GM0074"))
    text = page_text(municipal_democracy.democracy_blocks(merged, "nl"))
    assert "zijn na maart 2010 door een herindeling veranderd" in text
    assert "after March 2010" not in text
    no_election = municipal_democracy.democracy(open_context("GM1900"))  # Súdwest-Fryslân: no election in March 2018
    text = page_text(municipal_democracy.democracy_blocks(no_election, "nl"))
    assert "geen raad gekozen op 21 maart 2018 (een herindeling verschoof de verkiezing)" in text
    assert "reorganisation" not in text
    header = page_text(views.header_blocks(sections.header(ctx), "nl"))
    assert "geen van de twintig gemeenten" in header


@pytest.mark.slow
@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_notebook_renders_in_each_language(built_data, tmp_path, language):
    import nbformat
    import papermill

    from analysis.core import paths

    output = tmp_path / f"municipality-{language}.ipynb"
    figures = tmp_path / "figures"
    papermill.execute_notebook(
        str(paths.NOTEBOOKS_DIR / "municipality.ipynb"),
        str(output),
        parameters={"municipality_code": "GM0599", "language": language, "figures_dir": str(figures)},
        progress_bar=False,
        cwd=str(paths.NOTEBOOKS_DIR),
    )
    notebook = nbformat.read(output, as_version=4)
    html = "".join(str(o.get("data", {}).get("text/html", "")) for c in notebook.cells for o in c.get("outputs", []))
    assert sorted(p.name for p in figures.glob("*.png")) == sorted(
        f"{name}.png"
        for name in (
            "ligging",
            "vergelijkbare-gemeenten",
            "profiel",
            "omvang-dichtheid",
            "regio-youth_care_region",
            "regio-labour_market_region",
            "bijstand",
            "democratie-2010",
            "themaprofiel",
        )  # fmt: skip
    )
    alts = " ".join(re.findall(r'alt="([^"]*)"', html))
    # quotes and the titles of Dutch publications are shown as written
    prose = re.sub(r"<blockquote.*?</blockquote>|<strong>[^<]*</strong>", " ", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", prose) + " " + alts
    text = re.sub(r"\S*/\S*", "", text)  # file paths of the raw layer are names, not prose
    dutch = [w for w in DUTCH_WORDS if re.search(rf"(?<!\w){re.escape(w.strip())}(?!\w)", text)]
    if language == "en":
        assert dutch == [] and "Key figures" in text
    else:
        assert "Kerncijfers" in text and "<strong>Niet beschikbaar.</strong>" in html


def test_alt_text_of_a_chart_titled_on_the_left_is_its_title():
    fig = Figure()
    fig.subplots().set_title("Themaprofiel Rotterdam", loc="left")
    block = views.figure_block(fig, "themaprofiel")
    assert block.alt == "Themaprofiel Rotterdam" and block.name == "themaprofiel"


def test_rejections_beside_accepted_codings_are_counted(built_data, tmp_path):
    path = codings_file(tmp_path, "GM0599,interview,1,REG,anna\nGM0599,interview,2,NO.SUCH.CODE,anna\n")
    result = sections.themes(open_context("GM0599", codings_path=path))
    assert (result.codings_count, result.rejected_count) == (1, 1)
    text = page_text(theme_views.themes_blocks(result, "nl"))
    assert "Voor Rotterdam: 1 codering op 1 fragment in 1 document, door 1 codeur." in text
    assert "Daarnaast afgewezen voor Rotterdam: 1 codering." in text
    assert "2 coderingen gelezen: 1 aanvaard, 1 afgewezen." in text
    # only the one theme coded is named as most coded, in the singular
    assert result.top["theme"].tolist() == ["REG"]
    assert "De meest gecodeerde thema's: Regionale samenwerking (1 fragment, 100%)." in text


def test_the_rob_frame_is_named_only_for_the_rob_codebook(rotterdam):
    # Old behaviour: the intro listed the ROB's questions and the G32 agenda even when the themes
    # came from a researcher's own QDA codebook.
    from dataclasses import replace

    def intro(result, language):
        return theme_views.themes_blocks(result, language)[1].text  # after the heading

    result = sections.themes(rotterdam)
    assert "G32-agenda" in intro(result, "nl")
    own = replace(result, origin=replace(result.origin, project_codebook_file="demo.qdpx"))
    for language in ("nl", "en"):
        assert "G32" not in intro(own, language) and "ROB" not in intro(own, language)
    assert "eigen codeboek van het QDA-project" in intro(own, "nl")

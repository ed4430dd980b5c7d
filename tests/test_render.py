import pandas as pd
import pytest
from matplotlib.figure import Figure

from analysis.report import render
from analysis.report.blocks import Banner, Bullets, FigureBlock, Group, Heading, Paragraph, Quote, Table
from analysis.viz import style

HOSTILE = 'r`<img src=x onerror="alert(1)">`.csv'


def test_every_text_field_is_escaped():
    blocks = [
        Heading(HOSTILE),
        Paragraph(HOSTILE, lead=HOSTILE),
        Bullets([HOSTILE], lead=HOSTILE),
        Table(pd.DataFrame({HOSTILE: [HOSTILE]}), caption=HOSTILE, note=HOSTILE),
        Banner(HOSTILE),
        Quote(HOSTILE, HOSTILE),
        FigureBlock(b"png", alt=HOSTILE, name="a", caption=HOSTILE),
        Group((Paragraph(HOSTILE),)),
    ]
    page = render.page_html(blocks)
    assert "<img src=x" not in page
    assert 'onerror="' not in page
    assert page.count("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;") >= 12


def test_tables_align_numbers_right_and_labels_left():
    table = Table(pd.DataFrame({"gemeente": ["Tiel"], "inwoners": ["41.465"]}), numeric=("inwoners",))
    page = render.to_html(table)
    assert 'text-align:left">Tiel' in page
    assert 'text-align:right">41.465' in page


def test_missing_cells_are_empty_not_nan():
    page = render.to_html(Table(pd.DataFrame({"a": [None]})))
    assert "nan" not in page.lower() and "None" not in page


def test_renderer_saves_figures_under_safe_names(tmp_path, monkeypatch):
    fig = Figure()
    fig.subplots().set_title("titel")
    png = style.figure_png(fig)
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj))
    renderer = render.Renderer(tmp_path)
    renderer([Paragraph("x"), Group((FigureBlock(png, style.figure_alt_text(fig, "f"), "profiel"),))])
    assert (tmp_path / "profiel.png").read_bytes() == png
    assert len(shown) == 1
    with pytest.raises(ValueError, match="file name"):
        renderer(FigureBlock(png, "alt", "../escape"))


def test_png_is_deterministic():
    def draw():
        fig = Figure()
        fig.subplots().plot([1, 2], [3, 4])
        return style.figure_png(fig)

    assert draw() == draw()


def test_renderer_writes_the_numbers_of_tables_and_figures_as_csv(tmp_path, monkeypatch):
    monkeypatch.setattr("IPython.display.display", lambda obj: None)
    numbers = pd.DataFrame({"gm_code": ["GM0599"], "population_count": [634660]})
    shown = pd.DataFrame({"gemeente": ["Rotterdam"], "inwoners": ["634.660"]})
    renderer = render.Renderer(tmp_path)
    renderer(
        [
            Table(shown, data=numbers, csv_name="kerncijfers"),
            Group((FigureBlock(b"png", "alt", "kaart", data=numbers, csv_name="kaart-cijfers"),)),
            Table(shown),
        ]
    )
    assert pd.read_csv(tmp_path / "kerncijfers.csv").equals(numbers)
    assert pd.read_csv(tmp_path / "kaart-cijfers.csv").equals(numbers)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kaart-cijfers.csv", "kaart.png", "kerncijfers.csv"]
    assert Table(shown, data=numbers) != Table(shown, data=numbers.assign(population_count=1))
    with pytest.raises(ValueError, match="file name"):
        renderer(Table(shown, data=numbers, csv_name="../x"))

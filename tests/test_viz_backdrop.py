"""The size–density chart drawn over a backdrop made once: the same pixels, a fraction of the work."""

import io

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from analysis.viz import backdrop, charts, maps, peer_maps, region_maps, style


@pytest.fixture
def scatter(grid):
    return grid.assign(density_per_km2=grid["population_count"] / 2.5)


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)))


@pytest.mark.parametrize("language", ["nl", "en"])
def test_backdrop_png_is_the_whole_figure_pixel_for_pixel(scatter, language):
    cases = ["GM0001", "GM0005"]
    for focus in ("GM0003", "GM0005", "GM0002"):  # one outside the twenty, one of them, and again
        whole = style.figure_png(charts.plot_size_density(scatter, cases, focus=focus, language=language))
        drawn = charts.size_density_png(scatter, cases, focus, language=language)
        np.testing.assert_array_equal(pixels(drawn.png), pixels(whole))
        assert drawn.alt == style.figure_alt_text(charts.plot_size_density(scatter, cases, language=language), "")


def test_second_report_draws_only_its_marks(scatter, monkeypatch):
    """The chart was built and drawn whole for each of the 388 reports (0.19 s of about 1.35 s)."""
    charts.size_density_png(scatter, ["GM0001"], "GM0002")  # the backdrop of this data, as in a kernel
    whole_draws = []
    original = FigureCanvasAgg.draw

    def counted(self, *args, **kwargs):
        whole_draws.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(FigureCanvasAgg, "draw", counted)
    first = charts.size_density_png(scatter, ["GM0001"], "GM0003")
    second = charts.size_density_png(scatter, ["GM0001"], "GM0004")
    assert whole_draws == []
    assert first.png != second.png  # each its own dot and legend: the marks were taken away again


def test_changed_data_gets_its_own_backdrop(scatter):
    before = charts.size_density_png(scatter, ["GM0001"], "GM0002")
    moved = scatter.assign(density_per_km2=scatter["density_per_km2"].where(scatter["gm_code"] != "GM0006", 1.0))
    after = charts.size_density_png(moved, ["GM0001"], "GM0002")
    whole = style.figure_png(charts.plot_size_density(moved, ["GM0001"], focus="GM0002"))
    assert after.png != before.png
    np.testing.assert_array_equal(pixels(after.png), pixels(whole))


def test_unknown_focus_names_the_code(scatter):
    with pytest.raises(KeyError, match="GM0042 is not in the municipal table"):
        charts.size_density_png(scatter, ["GM0001"], "GM0042")


def test_cache_keeps_the_last_used_backdrops():
    cache = {}
    built = []

    def build(tag):
        def make():
            built.append(tag)
            return backdrop.Backdrop(Figure(figsize=(1, 1)))

        return make

    for tag in ("a", "b", "c", "d", "a", "e"):
        backdrop.cached(cache, tag, build(tag))
    assert built == ["a", "b", "c", "d", "e"]  # "a" was used again before "e" came
    assert [tag for tag, _style in cache] == ["c", "d", "a", "e"] and len(cache) == backdrop.MAX_BACKDROPS


def test_png_is_opaque_rgb_without_metadata(scatter):
    image = Image.open(io.BytesIO(charts.size_density_png(scatter, ["GM0001"], "GM0002").png))
    assert image.mode == "RGB" and not image.info.get("Software")


def test_png_holds_exactly_the_canvas_pixels():
    fig = Figure(figsize=(3.1, 1.7), dpi=100)
    ax = fig.add_subplot()
    ax.plot([0, 1, 2], [2, 0, 1], color=style.MUNICIPALITY)
    ax.set_title("Súdwest-Fryslân")
    canvas = style.agg_canvas(fig)
    canvas.draw()
    decoded = np.asarray(Image.open(io.BytesIO(style.encode_png(canvas))))
    assert decoded.shape == (170, 310, 3)
    assert np.array_equal(decoded, np.asarray(canvas.buffer_rgba())[:, :, :3])


def test_png_refuses_what_is_not_rgb_bytes():
    with pytest.raises(ValueError, match="height x width x 3 uint8"):
        style.png_bytes(np.zeros((4, 4, 4), np.uint8))
    with pytest.raises(ValueError, match="float"):
        style.png_bytes(np.zeros((4, 4, 3), float))
    with pytest.raises(ValueError, match=r"got \(4, 4\)"):
        style.png_bytes(np.zeros((4, 4), np.uint8))
    with pytest.raises(ValueError, match=r"got \(50, 0, 3\)"):  # PNG has no empty image
        style.png_bytes(np.zeros((50, 0, 3), np.uint8))


@pytest.fixture(scope="module")
def woerden():
    from analysis.report.context import open_context

    return open_context("GM0632")


@pytest.mark.parametrize("region_type", ["youth_care_region", "labour_market_region"])
def test_region_map_over_its_backdrop_is_the_whole_figure_for_every_member(woerden, region_type):
    memberships = woerden.memberships
    region_code = memberships.set_index("gm_code").at["GM0632", f"{region_type}_code"]
    members = sorted(memberships.loc[memberships[f"{region_type}_code"] == region_code, "gm_code"])
    outlines = woerden.region_outlines[woerden.region_outlines["region_type"] == region_type]
    assert len(members) >= 4
    for member in members:  # the first builds the backdrop, the others draw over it
        whole = region_maps.plot_region(woerden.municipalities, memberships, member, region_type, outlines=outlines)
        drawn = region_maps.region_png(woerden.municipalities, memberships, member, region_type, outlines)
        np.testing.assert_array_equal(pixels(drawn.png), pixels(style.figure_png(whole)), err_msg=member)
        assert drawn.alt == style.figure_alt_text(whole, "")


def test_next_member_of_a_region_draws_only_its_marks(woerden, monkeypatch):
    """Each report laid out and drew both region maps whole (about 0.25 s of a report's 1.3 s)."""
    memberships, outlines = woerden.memberships, woerden.region_outlines
    outlines = outlines[outlines["region_type"] == "youth_care_region"]
    region = memberships.set_index("gm_code").at["GM0632", "youth_care_region_code"]
    other = memberships.loc[(memberships["youth_care_region_code"] == region) & (memberships["gm_code"] != "GM0632")]
    region_maps.region_png(woerden.municipalities, memberships, "GM0632", "youth_care_region", outlines)
    layouts = []
    monkeypatch.setattr(FigureCanvasAgg, "draw", lambda *a, **k: layouts.append("draw"))
    monkeypatch.setattr(Figure, "draw_without_rendering", lambda *a, **k: layouts.append("layout"))
    code = other["gm_code"].iloc[0]
    drawn = region_maps.region_png(woerden.municipalities, memberships, code, "youth_care_region", outlines)
    assert layouts == []
    name = woerden.municipalities.set_index("gm_code").at[code, "gm_name"]
    assert drawn.alt.endswith(name)  # the title names the municipality highlighted now


def test_identity_key_holds_its_objects_and_compares_by_identity():
    first, second = object(), object()
    key = backdrop.Identity([first, second])
    assert key == backdrop.Identity([first, second]) and hash(key) == hash(backdrop.Identity([first, second]))
    assert key != backdrop.Identity([second, first])
    assert key.objects == (first, second)  # alive as long as the key is: no id can be reused meanwhile


def test_peer_map_over_the_country_is_the_whole_figure(woerden):
    from analysis.geo.peers import peer_codes

    for code in ("GM0632", "GM0599", "GM0088"):  # a case, a city, an island
        peers = peer_codes(code, woerden.structural_peers)
        whole = peer_maps.plot_peer_map(woerden.municipalities, code, peers)
        drawn = peer_maps.peer_map_png(woerden.municipalities, code, peers)
        np.testing.assert_array_equal(pixels(drawn.png), pixels(style.figure_png(whole)), err_msg=code)
        assert drawn.alt == style.figure_alt_text(whole, "")


def test_location_map_over_the_country_is_the_whole_figure(woerden):
    for code in ("GM0632", "GM1900", "GM0820", "GM0632"):  # Woerden again: the detail panel starts empty
        whole = maps.plot_location(woerden.municipalities, code)
        drawn = maps.location_png(woerden.municipalities, code)
        np.testing.assert_array_equal(pixels(drawn.png), pixels(style.figure_png(whole)), err_msg=code)
        assert drawn.alt == style.figure_alt_text(whole, "")


def test_what_a_report_adds_to_an_overlay_axes_is_taken_away(woerden):
    maps.location_png(woerden.municipalities, "GM0632")
    drawing = list(maps._BACKDROPS.values())[-1]  # the one just used
    detail = drawing.figure.axes[1]
    before = len(detail.get_children())
    maps.location_png(woerden.municipalities, "GM1900")
    assert len(detail.get_children()) == before  # no layer or label of the last report stays behind


def test_long_names_keep_their_map_titles_inside_the_figure(woerden):
    """Nuenen, Gerwen en Nederwetten's peer-map, locator and region-map titles were wider than the figure: cut off."""
    from analysis.geo.peers import peer_codes

    nuenen = "GM0820"
    figures = [
        peer_maps.plot_peer_map(woerden.municipalities, nuenen, peer_codes(nuenen, woerden.structural_peers)),
        maps.plot_location(woerden.municipalities, nuenen),
        *(
            region_maps.plot_region(woerden.municipalities, woerden.memberships, nuenen, region_type)
            for region_type in ("youth_care_region", "labour_market_region")
        ),
    ]
    for fig in figures:
        renderer = fig.canvas.get_renderer()
        for ax in fig.axes:
            box = ax.title.get_window_extent(renderer)
            assert 0 <= box.x0 and box.x1 <= fig.bbox.width, ax.title.get_text()
            assert ax.title.get_fontsize() >= 7
    short = maps.plot_location(woerden.municipalities, "GM0632")
    assert [ax.title.get_fontsize() for ax in short.axes] == [11, 11]  # a name that fits keeps the title size


def test_marks_that_fail_half_way_leave_nothing_behind(woerden, monkeypatch):
    outlines = woerden.region_outlines[woerden.region_outlines["region_type"] == "youth_care_region"]
    args = (woerden.municipalities, woerden.memberships, "GM0632", "youth_care_region")
    region_maps.region_png(*args, outlines)
    figure = list(region_maps._BACKDROPS.values())[-1][1].figure
    children = len(figure.axes[0].get_children())

    def fail(*_args, **_kwargs):
        raise RuntimeError("labels failed")

    with monkeypatch.context() as patch:
        patch.setattr(region_maps, "place_labels", fail)
        with pytest.raises(RuntimeError, match="labels failed"):
            region_maps.region_png(*args, outlines)  # the highlighted outline was added before
    assert len(figure.axes[0].get_children()) == children
    whole = region_maps.plot_region(*args, outlines=outlines)
    np.testing.assert_array_equal(pixels(region_maps.region_png(*args, outlines).png), pixels(style.figure_png(whole)))


def test_a_frame_past_the_country_does_not_shift_the_next_locator(woerden):
    """Sluis's detail frame reaches past the country: the cached panel's data limits grew, and later
    locators in the same kernel drew their municipality 1-2 pixels off the grey outlines."""
    for code in ("GM1714", "GM0632", "GM1651", "GM0632"):  # Sluis, Woerden, Eemsmond, Woerden
        whole = maps.plot_location(woerden.municipalities, code)
        drawn = maps.location_png(woerden.municipalities, code)
        np.testing.assert_array_equal(pixels(drawn.png), pixels(style.figure_png(whole)), err_msg=code)


def test_a_backdrop_made_before_the_report_style_is_not_reused_after_it(scatter):
    import matplotlib as mpl

    with mpl.rc_context({**style.REPORT_STYLE, "axes.titleweight": "normal"}):
        plain = charts.size_density_png(scatter, ["GM0001"], "GM0002")
    with mpl.rc_context(style.REPORT_STYLE):
        styled = charts.size_density_png(scatter, ["GM0001"], "GM0002")
        whole = style.figure_png(charts.plot_size_density(scatter, ["GM0001"], focus="GM0002"))
    assert plain.png != styled.png  # the bold title of the report style, not the plain one made first
    np.testing.assert_array_equal(pixels(styled.png), pixels(whole))

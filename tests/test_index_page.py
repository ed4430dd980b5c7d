"""``index.html``: the map links exactly the rendered reports, names stay text, no script but the search box."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import geopandas as gpd
import pytest

from analysis.pipeline.index import SEARCH_SCRIPT, report_file, write_index
from analysis.pipeline.jobs import Job, Outcome, RunSummary
from analysis.viz.index_map import index_map_svg, simplify_outlines

HOSTILE_NAME = '<script>alert("naam")</script>'
HOSTILE_ATTRIBUTE = '"><img src=x onerror=alert(1)>'


class Elements(HTMLParser):
    """Every start tag with its attributes, the text inside each ``<script>``, ``<title>`` texts and map links."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.titles: list[str] = []
        self.map_links: list[str] = []
        self.path_classes: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "a" and "svg" in self._open:
            self.map_links.append(attributes["href"] or "")
        if tag == "path":
            self.path_classes.append(attributes.get("class") or "")
        self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1] == "script":
            self.scripts.append(data)
        if self._open and self._open[-1] == "title" and "svg" in self._open:
            self.titles.append(data)


def parse(page: str) -> Elements:
    parser = Elements()
    parser.feed(page)
    parser.close()
    return parser


def corners(path_d: str) -> set[tuple[int, int]]:
    """The absolute points of one ``M x y l dx dy ... z`` ring."""
    numbers = [int(n) for n in re.findall(r"-?\d+", path_d)]
    x, y = numbers[0], numbers[1]
    points = {(x, y)}
    for dx, dy in zip(numbers[2::2], numbers[3::2], strict=True):
        x, y = x + dx, y + dy
        points.add((x, y))
    return points


def job(code: str, name: str, *, is_case: bool = False) -> Job:
    slug = f"{code}-{name.lower()}"
    return Job(slug=slug, title=name, notebook=Path("municipality.ipynb"), parameters={}, gm_code=code, is_case=is_case)


@pytest.fixture
def folder(tmp_path: Path, grid: gpd.GeoDataFrame):
    """Reports for Aa (one of the twenty) and Bee on disk; Cee planned but failed; the annex rendered."""
    jobs = [job("GM0001", "Aa", is_case=True), job("GM0002", "Bee"), job("GM0003", "Cee")]
    for name in ("GM0001-aa.html", "GM0001-aa.ipynb", "GM0002-bee.html", "annex.html"):
        (tmp_path / name).write_text("rapport", encoding="utf-8")
    annex = Job(slug="annex", title="Bijlage", notebook=Path("annex.ipynb"), parameters={})
    summary = RunSummary(tmp_path, [Outcome(jobs[2], "failed", error=f"{HOSTILE_NAME} ging mis\nmeer")])
    return summary, [*jobs, annex], simplify_outlines(grid)


def test_map_links_exactly_the_rendered_reports(folder):
    summary, jobs, outlines = folder
    page = parse(write_index(summary, jobs, outline_map=outlines).read_text(encoding="utf-8"))
    assert sorted(page.map_links) == ["GM0001-aa.html", "GM0002-bee.html"]
    # one outline per municipality: the case orange, the other report blue, the four without a report grey
    assert page.path_classes == ["t", "r", "u", "u", "u", "u"]
    assert page.titles[:3] == ["Aa", "Bee", "Cee (geen rapport)"]
    # every link on the page points at a file beside it
    hrefs = [attributes["href"] for tag, attributes in page.tags if tag == "a"]
    assert hrefs and all((summary.output_dir / str(href)).is_file() for href in hrefs)
    assert "annex.html" in hrefs


def test_hostile_names_stay_text(folder, grid):
    summary, jobs, _ = folder
    grid.loc[0, "gm_name"] = HOSTILE_NAME
    grid.loc[2, "gm_name"] = HOSTILE_ATTRIBUTE
    hostile_job = Job(
        slug="GM0001-aa", title=HOSTILE_ATTRIBUTE, notebook=Path("x"), parameters={}, gm_code="GM0001", is_case=True
    )
    text = write_index(summary, [hostile_job, *jobs[1:]], outline_map=simplify_outlines(grid)).read_text("utf-8")
    page = parse(text)
    assert {tag for tag, _ in page.tags} <= {
        *("html", "head", "meta", "title", "style", "body", "h1", "p", "div", "label", "input", "span"),
        *("table", "thead", "tbody", "tr", "th", "td", "a", "strong", "svg", "path", "ul", "li", "br", "script"),
    }
    assert not any(name.startswith("on") for _, attributes in page.tags for name in attributes)
    assert HOSTILE_NAME in page.titles and f"{HOSTILE_ATTRIBUTE} (geen rapport)" in page.titles
    assert "&lt;script&gt;alert" in text and "&quot;&gt;&lt;img" in text
    assert page.scripts == [SEARCH_SCRIPT]


def test_no_script_but_the_search_box_and_only_that_one_allowed(folder):
    summary, jobs, outlines = folder
    text = write_index(summary, jobs, outline_map=outlines).read_text(encoding="utf-8")
    page = parse(text)
    assert page.scripts == [SEARCH_SCRIPT]
    map_markup = text[text.index("<svg") : text.index("</svg>")]
    assert "<script" not in map_markup and "javascript:" not in text.lower()
    [policy] = [
        a["content"] for tag, a in page.tags if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    ]
    digest = base64.b64encode(hashlib.sha256(page.scripts[0].encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}';" in str(policy)


def test_links_only_to_plain_files_beside_the_index(tmp_path, grid):
    outlines = simplify_outlines(grid)
    for href in ("javascript:alert(1).html", "../elders.html", "https://voorbeeld.nl/x.html", "a.html?x=1"):
        with pytest.raises(ValueError, match="not a report file"):
            index_map_svg(outlines, {"GM0001": href}, set())
    (tmp_path / "GM0001-aa.html").write_text("", encoding="utf-8")
    assert report_file(tmp_path, "GM0001-aa", "html") == "GM0001-aa.html"
    assert report_file(tmp_path, "../GM0001-aa", "html") is None
    assert report_file(tmp_path, "GM0002-bee", "html") is None


def test_page_dutch_by_default_english_when_asked(folder):
    summary, jobs, outlines = folder
    dutch = write_index(summary, jobs, outline_map=outlines).read_text(encoding="utf-8")
    assert '<html lang="nl">' in dutch and "Zoek een gemeente" in dutch and "geen rapport (4)" in dutch
    english = write_index(summary, jobs, language="en", outline_map=outlines).read_text(encoding="utf-8")
    assert '<html lang="en">' in english and "Find a municipality" in english and "no report (4)" in english
    assert "Zoek" not in english and "geen rapport" not in english


def test_outlines_north_up_in_hundred_metre_units(grid):
    outlines = simplify_outlines(grid)
    assert (outlines.width, outlines.height) == (30, 20)
    by_code = {o.gm_code: o.path_d for o in outlines.outlines}
    # GM0001 is the south-west square (x 0-1 km, y 0-1 km): at the bottom left of the drawing
    assert corners(by_code["GM0001"]) == {(0, 10), (10, 10), (10, 20), (0, 20)}
    assert corners(by_code["GM0006"]) == {(20, 0), (30, 0), (30, 10), (20, 10)}
    with pytest.raises(ValueError, match="EPSG:28992"):
        simplify_outlines(grid.to_crs("EPSG:4326"))


def test_real_map_is_light(built_data):
    from analysis.geo.geography import load_municipalities

    outlines = simplify_outlines(load_municipalities(["gm_code", "gm_name"]))
    assert len(outlines.outlines) == 388 and all(o.path_d.startswith("M") for o in outlines.outlines)
    svg = index_map_svg(outlines, {"GM0599": "GM0599-rotterdam.html"}, {"GM0599"})
    assert len(svg.encode("utf-8")) < 120_000

"""Printing HTML to PDF with headless Chromium."""

from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess

import pytest

from analysis.pipeline import pdf

ON_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture
def chromium() -> str:
    """Chromium on PATH; skipped locally without it, a failure on CI (which must install it)."""
    try:
        return pdf.find_chromium()
    except pdf.PdfUnavailable as error:
        if ON_CI:
            pytest.fail(f"CI needs Chromium to print the annex: {error}")
        pytest.skip(str(error))


def test_tiny_html_prints_to_a_pdf(chromium, tmp_path):
    html = tmp_path / "tiny.html"
    html.write_text(
        "<html><head><title>t</title></head><body><h1>Bijlage</h1><p>Één pagina.</p></body></html>",
        encoding="utf-8",
    )
    target = pdf.print_to_pdf(html, tmp_path / "out" / "tiny.pdf")
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", data)) >= 1
    assert [p.name for p in target.parent.iterdir()] == ["tiny.pdf"]  # no temporary file left behind
    assert html.read_text(encoding="utf-8").count("<style") == 0  # the report itself is not changed


def test_missing_chromium_says_how_to_install(monkeypatch, tmp_path):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(pdf.PdfUnavailable, match="apt-get install chromium"):
        pdf.print_to_pdf(tmp_path / "a.html", tmp_path / "a.pdf")


def test_print_css_and_policy_go_first_into_the_head():
    html = pdf.with_print_css("<html><HEAD><title>x</title></HEAD><body></body></html>")
    head = html[: html.lower().index("</head>")]
    assert "page-break-inside: avoid" in head
    assert head.index("Content-Security-Policy") < head.index("<title>")  # covers all that follows
    assert "default-src 'none'" in head


def page_count(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", data))


@pytest.fixture
def pdf_text():
    """Text of a PDF through poppler's pdftotext; skipped where poppler-utils is not installed."""
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext (poppler-utils) not installed; the page-count checks still ran")
    return lambda path: subprocess.run([tool, str(path), "-"], capture_output=True, text=True, check=True).stdout


HOSTILE_REPORT = """<html><head><title>t</title></head><body><h1>Zichtbaar</h1>
<script>
document.write('<p>SCRIPT-RAN</p>');
for (let i = 0; i < 30; i++) document.write('<div style="break-after: page">SCRIPT-PAGE</div>');
</script>
<iframe src="{secret_uri}" width="600" height="80"></iframe>
<iframe src="../geheim.txt" width="600" height="80"></iframe>
<object data="{secret_uri}" width="600" height="80"></object>
<embed src="{secret_uri}" width="600" height="80">
<iframe src="figures/../../geheim.txt" width="600" height="80"></iframe>
<meta http-equiv="refresh" content="0; url={secret_uri}">
</body></html>"""


def write_hostile_report(tmp_path):
    secret = tmp_path / "geheim.txt"
    secret.write_text("GEHEIM-LOKAAL-4711\n", encoding="utf-8")
    report_dir = tmp_path / "rapport"
    report_dir.mkdir()
    html = report_dir / "annex.html"
    html.write_text(HOSTILE_REPORT.format(secret_uri=secret.as_uri()), encoding="utf-8")
    return html


def test_scripts_in_a_report_do_not_run_when_printed(chromium, tmp_path):
    html = write_hostile_report(tmp_path)
    data = pdf.print_to_pdf(html, tmp_path / "annex.pdf").read_bytes()
    assert page_count(data) == 1  # the script would have written 30 more pages


def test_a_printed_report_cannot_read_local_files(chromium, pdf_text, tmp_path):
    html = write_hostile_report(tmp_path)
    text = pdf_text(pdf.print_to_pdf(html, tmp_path / "annex.pdf"))
    assert "Zichtbaar" in text
    assert "GEHEIM" not in text
    assert "SCRIPT" not in text


def test_figures_of_the_report_print(chromium, tmp_path):
    report_dir = tmp_path / "rapport"
    (report_dir / "figures").mkdir(parents=True)
    png = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="
    )
    (report_dir / "figures" / "punt.png").write_bytes(png)
    html = report_dir / "annex.html"
    html.write_text('<html><head></head><body><img src="figures/punt.png" width="300"></body></html>')
    data = pdf.print_to_pdf(html, tmp_path / "annex.pdf").read_bytes()
    assert re.search(rb"/Subtype\s*/Image", data)


def test_the_print_server_answers_only_the_report_and_its_figures(tmp_path):
    report_dir = tmp_path / "rapport"
    (report_dir / "figures").mkdir(parents=True)
    (report_dir / "figures" / "kaart.png").write_bytes(b"png")
    (tmp_path / "geheim.txt").write_text("geheim", encoding="utf-8")
    (report_dir / "figures" / "link.png").symlink_to(tmp_path / "geheim.txt")
    (report_dir / "notebook.ipynb").write_text("{}", encoding="utf-8")
    server = pdf._ReportServer("<html></html>", report_dir)
    origin = pdf.REPORT_ORIGIN
    assert server.body_for(f"{origin}/report.html")[0] == b"<html></html>"
    assert server.body_for(f"{origin}/figures/kaart.png")[0] == b"png"
    for refused in (
        f"{origin}/figures/link.png",  # a symbolic link out of the folder
        f"{origin}/figures/../../geheim.txt",
        f"{origin}/figures/%2e%2e/%2e%2e/geheim.txt",
        f"{origin}/notebook.ipynb",  # beside the report, but not a figure
        "http://example.org/figures/kaart.png",
        (tmp_path / "geheim.txt").as_uri(),
    ):
        assert server.body_for(refused) is None, refused


# --- wide tables (issue 11 item 8): both printers shrink a table to the page ----------------------

#: JupyterLab's own rules that cut the annex's region table off at the right margin: an output is a
#: table cell inside a ``display: table`` box that hides what overflows, tables are laid out fixed.
LAB_OUTPUT_RULES = """
.jp-OutputArea-child { display: table; table-layout: fixed; width: 100%; overflow: hidden; }
.jp-OutputArea-output { display: table-cell; width: 100%; overflow: auto; }
.jp-RenderedHTMLCommon table { table-layout: fixed; margin-left: auto; margin-right: auto; }
"""
LAST_NUMBER = "1.362.360"
#: Right page margin of the print rules (12 mm) in points.
RIGHT_MARGIN_PT = 12 / 25.4 * 72


def write_wide_table_report(tmp_path):
    """A report whose one table is about twice as wide as an A4 page, inside Lab's output boxes."""
    heads = "".join(f'<th style="text-align:left">kolom {i}</th>' for i in range(8))
    cells = "".join(f'<td style="text-align:left">Arbeidsmarktregiogemeenten{i}</td>' for i in range(8))
    html = tmp_path / "wide.html"
    html.write_text(
        f"<html><head><style>{LAB_OUTPUT_RULES}</style></head><body>"
        '<div class="jp-OutputArea-child"><div class="jp-RenderedHTMLCommon jp-OutputArea-output">'
        f'<table><thead><tr>{heads}<th style="text-align:right">inwoners</th></tr></thead>'
        f'<tbody><tr>{cells}<td style="text-align:right">{LAST_NUMBER}</td></tr></tbody></table>'
        "</div></div></body></html>",
        encoding="utf-8",
    )
    return html


def text_starts(path) -> tuple[float, dict[str, float]]:
    """The first page's width and where (x, points) each piece of its text starts."""
    from pypdf import PdfReader

    page = PdfReader(path).pages[0]
    starts: dict[str, float] = {}

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            starts[text.strip()] = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]

    page.extract_text(visitor_text=visit)
    return float(page.mediabox.width), starts


def assert_table_on_the_page(path) -> None:
    width, starts = text_starts(path)
    # The last column is printed, as a number of its own, left of the right margin (before: cut off
    # by Chromium, or printed past the page's edge by WeasyPrint).
    assert LAST_NUMBER in starts, sorted(starts)
    assert starts[LAST_NUMBER] < width - RIGHT_MARGIN_PT - 20
    assert all(x < width - RIGHT_MARGIN_PT for x in starts.values())


def test_chromium_shrinks_a_wide_table_to_the_page(chromium, tmp_path):
    html = write_wide_table_report(tmp_path)
    assert_table_on_the_page(pdf.print_to_pdf(html, tmp_path / "wide.pdf"))


def test_weasyprint_shrinks_a_wide_table_to_the_page(tmp_path):
    from analysis.pipeline import pdf_weasyprint

    html = write_wide_table_report(tmp_path)
    try:
        printed = pdf_weasyprint.print_with_weasyprint(html, tmp_path / "wide.pdf")
    except pdf_weasyprint.WeasyPrintUnavailable as error:
        if ON_CI:
            pytest.fail(f"CI installs WeasyPrint from the lock: {error}")
        pytest.skip(str(error))
    assert_table_on_the_page(printed)


def test_both_printers_use_the_same_print_rules():
    from analysis.pipeline import pdf_weasyprint
    from analysis.pipeline.print_style import PRINT_RULES

    assert pdf_weasyprint.PRINT_CSS == PRINT_RULES
    assert PRINT_RULES in pdf.PRINT_CSS
    assert "overflow-wrap: anywhere" in PRINT_RULES

"""Printing the annex without Chromium: WeasyPrint, reading nothing outside the report folder."""

from __future__ import annotations

import base64
import io
import shutil

import pytest
from PIL import Image
from pypdf import PdfReader

from analysis.pipeline import pdf, pdf_weasyprint

SECRET = "GEHEIM-buiten-de-map-7731"


@pytest.fixture
def no_chromium(monkeypatch):
    """A machine without Chromium: neither executable name is on PATH."""
    real_which = shutil.which
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None if name in pdf.CHROMIUM_NAMES else real_which(name))


def png_bytes(colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def pdf_text(path) -> str:
    """Text of every page (pypdf, from the lock: no system tool needed)."""
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def image_count(path) -> int:
    """Images drawn on the pages."""
    return sum(len(page.images) for page in PdfReader(path).pages)


@pytest.fixture
def report_folder(tmp_path):
    """A report folder with a figure inside, and files outside it that the report points at."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
    (outside / "secret.css").write_text('body::after { content: "' + SECRET + '"; }', encoding="utf-8")
    (outside / "red.png").write_bytes(png_bytes((255, 0, 0)))
    folder = tmp_path / "reports"
    (folder / "figures" / "annex").mkdir(parents=True)
    (folder / "figures" / "annex" / "blue.png").write_bytes(png_bytes((0, 0, 255)))
    (folder / "figures" / "escape.png").symlink_to(outside / "red.png")
    inline = base64.b64encode(png_bytes((0, 128, 0))).decode("ascii")
    html = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Bijlage</title>
<link rel="stylesheet" href="../outside/secret.css">
<link rel="attachment" href="file://{outside}/secret.txt">
<script>document.body.innerHTML = "{SECRET}";</script>
</head><body>
<h1>Kwantitatieve bijlage: Één overzicht</h1>
<p>Twintig gemeenten, 1.798.834 inwoners.</p>
<img src="figures/annex/blue.png" alt="blauw">
<img src="data:image/png;base64,{inline}" alt="groen">
<img src="file://{outside}/red.png" alt="rood">
<img src="figures/escape.png" alt="link naar buiten">
<a rel="attachment" href="../outside/secret.txt">bijlage</a>
<iframe src="file://{outside}/secret.txt"></iframe>
<object data="../outside/secret.txt"></object>
</body></html>"""
    (folder / "annex.html").write_text(html, encoding="utf-8")
    return folder


def test_without_chromium_the_annex_prints_with_weasyprint(no_chromium, report_folder):
    target = pdf.print_to_pdf(report_folder / "annex.html", report_folder / "annex.pdf")
    data = target.read_bytes()
    assert data.startswith(b"%PDF-")
    text = pdf_text(target)
    assert "Kwantitatieve bijlage: Één overzicht" in text
    assert "1.798.834 inwoners" in text
    assert sorted(p.name for p in report_folder.iterdir()) == ["annex.html", "annex.pdf", "figures"]  # no temp file


def test_nothing_outside_the_report_folder_reaches_the_pdf(no_chromium, report_folder):
    target = pdf.print_to_pdf(report_folder / "annex.html", report_folder / "annex.pdf")
    data = target.read_bytes()
    assert SECRET.encode() not in data  # no attachment, stylesheet or script content from outside
    assert SECRET not in pdf_text(target)
    assert b"/EmbeddedFile" not in data
    # the figure inside the folder and the inline one; the file outside and the link out are not drawn
    assert image_count(target) == 2
    assert PdfReader(target).attachments == {}


def test_the_fetcher_refuses_other_hosts_schemes_and_paths(report_folder, tmp_path):
    fetcher = pdf_weasyprint.make_folder_fetcher(report_folder)
    inside = (report_folder / "figures" / "annex" / "blue.png").as_uri()
    assert fetcher.fetch(inside).read() == (report_folder / "figures" / "annex" / "blue.png").read_bytes()
    for url in (
        (tmp_path / "outside" / "secret.txt").as_uri(),
        (report_folder / "figures" / "escape.png").as_uri(),  # symbolic link out of the folder
        (report_folder / ".." / "outside" / "secret.txt").as_uri(),
        "http://127.0.0.1:9/x.png",
        "https://cdnjs.cloudflare.com/ajax/libs/require.js/2.1.10/require.min.js",
        "ftp://example.invalid/x",
        f"file://otherhost{report_folder}/annex.html",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 7  # each refused by the folder check itself, not by a network error


def test_chromium_stays_the_first_choice(monkeypatch, tmp_path):
    """With Chromium on PATH, WeasyPrint is not asked."""
    monkeypatch.setattr(pdf, "find_chromium", lambda: "/usr/bin/chromium")

    def chromium_prints(chromium, server, profile, timeout):
        return b"%PDF-1.4 chromium"

    monkeypatch.setattr(pdf, "_print_with_chromium", chromium_prints)
    monkeypatch.setattr(pdf_weasyprint, "print_with_weasyprint", lambda *a: pytest.fail("WeasyPrint used"))
    html = tmp_path / "a.html"
    html.write_text("<html><head></head><body>x</body></html>", encoding="utf-8")
    assert pdf.print_to_pdf(html, tmp_path / "a.pdf").read_bytes() == b"%PDF-1.4 chromium"


def test_no_chromium_and_no_weasyprint_names_both(no_chromium, monkeypatch, tmp_path):
    def missing():
        raise pdf_weasyprint.WeasyPrintUnavailable("printing without Chromium needs WeasyPrint and Pango")

    monkeypatch.setattr(pdf_weasyprint, "_weasyprint_module", missing)
    with pytest.raises(pdf.PdfUnavailable, match="apt-get install chromium.*WeasyPrint and Pango"):
        pdf.print_to_pdf(tmp_path / "a.html", tmp_path / "a.pdf")

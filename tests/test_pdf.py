"""Printing HTML to PDF with headless Chromium."""

from __future__ import annotations

import os
import re
import shutil

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


def test_print_css_goes_into_the_head(tmp_path):
    html = pdf.with_print_css("<html><HEAD><title>x</title></HEAD><body></body></html>", tmp_path)
    head = html[: html.lower().index("</head>")]
    assert "page-break-inside: avoid" in head
    assert f'<base href="{tmp_path.resolve().as_uri()}/">' in head

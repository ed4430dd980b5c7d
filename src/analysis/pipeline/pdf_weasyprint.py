"""Print a rendered report (HTML) to PDF with WeasyPrint, for machines without Chromium.

WeasyPrint installs with pip (it is in ``requirements.lock``); it needs the system libraries Pango,
HarfBuzz, fontconfig and GObject, which Debian's Python machines carry (``libpango-1.0-0``,
``libpangoft2-1.0-0``; elsewhere ``apt-get install libpango-1.0-0 libpangoft2-1.0-0``). Chromium
stays the first choice (``analysis.pipeline.pdf``); this module is its fallback.

The report is data from outside, so the printer trusts nothing in it:

- WeasyPrint runs no JavaScript at all (it has no script engine), so a ``<script>`` cannot change
  what is printed;
- every resource (image, stylesheet, font, attachment) goes through :class:`ReportFolderFetcher`,
  which answers ``data:`` URLs and files inside the report's folder and refuses everything else:
  other hosts, other schemes and files outside the folder (symbolic links followed first).

The PDF goes to a temporary file that is renamed into place only when it is complete.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

from analysis.pipeline.print_style import PRINT_RULES

#: Print rules for WeasyPrint: the same as Chromium's (A4, figures and rows whole, tables shrunk to the page).
PRINT_CSS = PRINT_RULES

#: Resources fetched inline, never from a network or a disk.
INLINE_SCHEMES = frozenset({"data"})


class WeasyPrintUnavailable(RuntimeError):
    """WeasyPrint (or a system library it needs) is missing, or it produced no PDF."""


def _weasyprint_module():
    """The ``weasyprint`` package, imported late: loading it opens Pango, which not every machine has."""
    try:
        import weasyprint
    except (ImportError, OSError) as error:  # OSError: the package is there but Pango is not
        raise WeasyPrintUnavailable(
            f"printing without Chromium needs WeasyPrint and Pango ({error}): "
            "`pip install weasyprint` and `apt-get install libpango-1.0-0 libpangoft2-1.0-0`"
        ) from None
    return weasyprint


def make_folder_fetcher(report_dir: Path):
    """A WeasyPrint URL fetcher that serves ``data:`` URLs and files under ``report_dir``, nothing else.

    Args:
        report_dir: the folder holding the report; files under it (``figures/…``) may be shown.

    Returns:
        An instance of a ``weasyprint.urls.URLFetcher`` subclass; refused URLs are listed in its
        ``refused`` attribute (WeasyPrint logs them as warnings and leaves the resource out).
    """
    urls = _weasyprint_module().urls
    root = Path(report_dir).resolve()

    class ReportFolderFetcher(urls.URLFetcher):
        """Refuses every URL but ``data:`` and ``file:`` paths inside the report folder."""

        def __init__(self) -> None:
            # No redirects and only the two schemes: a refused URL never reaches urllib's openers.
            super().__init__(allowed_protocols=("data", "file"), allow_redirects=False)
            self.refused: list[str] = []

        def fetch(self, url: str, headers: dict | None = None):
            parts = urlsplit(url)
            scheme = parts.scheme.lower()
            if scheme in INLINE_SCHEMES:
                return super().fetch(url, headers)
            if scheme == "file" and parts.netloc in {"", "localhost"}:
                # resolve() follows symbolic links, so a link out of the folder is refused too.
                target = Path(unquote(parts.path)).resolve()
                if target.is_relative_to(root) and target.is_file():
                    return urls.URLFetcherResponse(target.as_uri(), target.read_bytes())
            self.refused.append(url)
            raise ValueError(f"not part of the report folder {root}: {url}")

    return ReportFolderFetcher()


def print_with_weasyprint(html_path: Path, pdf_path: Path) -> Path:
    """Print an HTML report to PDF with WeasyPrint, reading nothing outside the report's folder.

    Args:
        html_path: the rendered report.
        pdf_path: where the PDF goes; written to a temporary name first, then renamed.

    Returns:
        ``pdf_path``.

    Raises:
        WeasyPrintUnavailable: WeasyPrint or Pango is missing, the report cannot be read, or no PDF
            came out.
    """
    weasyprint = _weasyprint_module()
    html_path, pdf_path = Path(html_path), Path(pdf_path)
    try:
        html_text = html_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise WeasyPrintUnavailable(f"cannot read the report {html_path}: {error}") from None
    report_dir = html_path.resolve().parent
    fetcher = make_folder_fetcher(report_dir)
    # WeasyPrint warns once per CSS property it does not know (Lab's stylesheets have hundreds);
    # the run's log keeps them, the terminal does not need them.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(dir=pdf_path.parent, prefix=f".{pdf_path.name}.", suffix=".pdf")
    os.close(handle)
    try:
        document = weasyprint.HTML(
            string=html_text, base_url=report_dir.as_uri() + "/", url_fetcher=fetcher, media_type="print"
        )
        document.write_pdf(partial, stylesheets=[weasyprint.CSS(string=PRINT_CSS)])
        with open(partial, "rb") as written:
            if written.read(5) != b"%PDF-":
                raise WeasyPrintUnavailable(f"WeasyPrint did not print {html_path}: no PDF came out")
        os.chmod(partial, 0o644)  # mkstemp creates 0600; the PDF is for every reader
        os.replace(partial, pdf_path)
    except WeasyPrintUnavailable:
        raise
    except Exception as error:  # noqa: BLE001 - a layout error in a third-party engine, said in one line
        raise WeasyPrintUnavailable(f"WeasyPrint did not print {html_path}: {type(error).__name__}: {error}") from None
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
    return pdf_path

"""Print a rendered report (HTML) to PDF with headless Chromium, as Debian packages it.

Chromium runs with a fresh temporary profile, without network side traffic, and prints to a
temporary file that is renamed into place only when it is a complete PDF, so an interrupted run
never leaves a PDF that looks finished. Print rules (A4, figures and table rows kept whole,
colours kept) are injected into a copy of the HTML; the report file itself is not changed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

#: Executable names of Chromium on Debian (``chromium``) and Ubuntu/others (``chromium-browser``).
CHROMIUM_NAMES: tuple[str, ...] = ("chromium", "chromium-browser")
#: Flags for a quiet, reproducible headless run that touches no network service of its own.
CHROMIUM_FLAGS: tuple[str, ...] = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
#: Chromium 112 renamed ``--print-to-pdf-no-header`` to ``--no-pdf-header-footer``.
NO_HEADER_FLAG_SINCE = 112
PRINT_CSS = """<style media="print">
@page { size: A4; margin: 14mm 12mm 16mm 12mm; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-size: 10pt; }
img { max-width: 100% !important; height: auto !important; page-break-inside: avoid; break-inside: avoid; }
h1, h2, h3, h4 { page-break-after: avoid; break-after: avoid; }
table { font-size: 8pt !important; max-width: 100%; table-layout: auto !important; }
tr, th, td { page-break-inside: avoid; break-inside: avoid; }
th, td { padding: 0.3em 0.4em !important; overflow-wrap: break-word; hyphens: auto; }
thead { display: table-header-group; }
/* Lab lays outputs out as table cells, which widen to their content and run off the page. */
.jp-OutputArea-output { display: block !important; width: auto !important; overflow: visible !important; }
</style>"""


class PdfUnavailable(RuntimeError):
    """No Chromium to print with, or Chromium did not produce a PDF."""


def find_chromium() -> str:
    """Path of the Chromium executable.

    Raises:
        PdfUnavailable: none of :data:`CHROMIUM_NAMES` is on PATH.
    """
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise PdfUnavailable(
        "printing to PDF needs headless Chromium, which is not installed: "
        "run `apt-get install chromium` (Debian) or put `chromium-browser` on PATH"
    )


def no_header_flag(chromium: str) -> str:
    """The flag that suppresses the date/title header and the URL footer in this Chromium."""
    completed = subprocess.run([chromium, "--version"], capture_output=True, text=True, timeout=60, check=False)
    match = re.search(r"(\d+)\.\d+\.\d+", completed.stdout)
    major = int(match.group(1)) if match else NO_HEADER_FLAG_SINCE
    return "--no-pdf-header-footer" if major >= NO_HEADER_FLAG_SINCE else "--print-to-pdf-no-header"


def with_print_css(html: str, base: Path) -> str:
    """The HTML with the print rules and a ``<base>`` so relative links still resolve from ``base``."""
    head = f'<base href="{base.resolve().as_uri()}/">{PRINT_CSS}'
    if re.search(r"</head>", html, re.IGNORECASE):
        return re.sub(r"</head>", lambda _: f"{head}</head>", html, count=1, flags=re.IGNORECASE)
    return head + html


def print_to_pdf(html_path: Path, pdf_path: Path, timeout: float = 180.0) -> Path:
    """Print an HTML report to PDF with headless Chromium.

    Args:
        html_path: the rendered report.
        pdf_path: where the PDF goes; written to a temporary name first, then renamed.
        timeout: seconds Chromium may take before it is stopped.

    Returns:
        ``pdf_path``.

    Raises:
        PdfUnavailable: Chromium is not installed, failed, or wrote no PDF.
    """
    chromium = find_chromium()
    html_path, pdf_path = Path(html_path), Path(pdf_path)
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(dir=pdf_path.parent, prefix=f".{pdf_path.name}.", suffix=".pdf")
    os.close(handle)
    try:
        with tempfile.TemporaryDirectory(prefix="annex-pdf-") as work:
            printable = Path(work) / "print.html"
            printable.write_text(
                with_print_css(html_path.read_text(encoding="utf-8"), html_path.parent), encoding="utf-8"
            )
            command = [
                chromium,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={Path(work) / 'profile'}",
                no_header_flag(chromium),
                f"--print-to-pdf={partial}",
                printable.as_uri(),
            ]
            try:
                completed = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
            except subprocess.TimeoutExpired:
                raise PdfUnavailable(f"Chromium did not finish printing {html_path} within {timeout:g} s") from None
        with open(partial, "rb") as written:
            if completed.returncode != 0 or written.read(5) != b"%PDF-":
                raise PdfUnavailable(
                    f"Chromium did not print {html_path} (exit {completed.returncode}): "
                    f"{completed.stderr.strip()[-500:]}"
                )
        os.chmod(partial, 0o644)  # mkstemp creates 0600; the PDF is for every reader
        os.replace(partial, pdf_path)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
    return pdf_path

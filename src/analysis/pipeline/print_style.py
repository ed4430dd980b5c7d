"""The print rules of a report's PDF, the same for both printers (Chromium and WeasyPrint).

A4 pages; figures and table rows kept whole; every table shrunk to the page's width. JupyterLab's
own styles lay an output out as a table cell inside a ``display: table`` box that hides what
overflows, and give tables ``table-layout: fixed``: on paper a table wider than the page was cut off
at the right margin (the annex's region table lost its last column). In print the output boxes
become plain blocks that hide nothing, tables lay out by their content, and a text cell may break
inside a word (``overflow-wrap: anywhere`` lowers the narrowest width a table can take, so that a
table fits), but keeps at least 5.5 em (``Rotterdam`` whole). Number columns (set right by the
renderer) keep their numbers and their header's words whole: a header broken inside a word
(``consist|entie``) reads badly, and the numbers are what the column is for. The HTML says
``lang="en"`` whatever the report's language, so words are not hyphenated by a dictionary (an
English one splits Dutch words wrongly).
"""

from __future__ import annotations

#: Plain CSS (no ``<style>`` element), for the PDF only.
PRINT_RULES = """
@page { size: A4; margin: 14mm 12mm 16mm 12mm; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-size: 10pt; }
img { max-width: 100% !important; height: auto !important; page-break-inside: avoid; break-inside: avoid; }
h1, h2, h3, h4 { page-break-after: avoid; break-after: avoid; }
table { font-size: 7.5pt !important; width: auto !important; max-width: 100% !important;
        table-layout: auto !important; margin-left: 0 !important; margin-right: 0 !important; }
tr, th, td { page-break-inside: avoid; break-inside: avoid; }
th, td { padding: 0.25em 0.35em !important; word-break: normal; hyphens: manual; white-space: normal !important; }
th, td { overflow-wrap: anywhere; min-width: 5.5em; }
th[style*="text-align:right"], td[style*="text-align:right"] { overflow-wrap: normal; min-width: 0; }
thead { display: table-header-group; }
caption { text-align: left; font-weight: bold; }
.jp-OutputArea-child, .jp-OutputArea-output, .jp-RenderedHTMLCommon {
    display: block !important; width: auto !important; max-width: 100% !important; overflow: visible !important;
}
"""

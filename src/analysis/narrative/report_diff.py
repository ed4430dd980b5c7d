"""Words of ``python -m analysis diff``: what changed between two report folders.

Used by :mod:`analysis.pipeline.diff` for the terminal and the HTML page alike.
"""

from __future__ import annotations

PHRASES: dict[str, dict[str, str]] = {
    "diff.title": {"nl": "Verschillen tussen twee rapportmappen", "en": "Differences between two report folders"},
    "diff.folders": {"nl": "Oud: {old}. Nieuw: {new}.", "en": "Old: {old}. New: {new}."},
    "diff.summary": {
        "nl": "{added} rapport(en) erbij, {removed} vervallen, {changed} gewijzigd, {same} gelijk.",
        "en": "{added} report(s) added, {removed} removed, {changed} changed, {same} the same.",
    },
    "diff.identical": {
        "nl": "Geen verschillen: dezelfde rapporten, tabelwaarden, figuren en parameters.",
        "en": "No differences: the same reports, table values, figures and parameters.",
    },
    "diff.added": {"nl": "Rapporten erbij:", "en": "Reports added:"},
    "diff.removed": {"nl": "Rapporten vervallen:", "en": "Reports removed:"},
    "diff.report": {"nl": "Rapport {slug}", "en": "Report {slug}"},
    "diff.values": {"nl": "Gewijzigde tabelwaarden (oud → nieuw)", "en": "Changed table values (old → new)"},
    "diff.values_note": {
        "nl": "Tabellen gelezen uit de CSV-bestanden naast de figuren; rijen en kolommen gekoppeld op hun labels.",
        "en": "Tables read from the CSV files beside the figures; rows and columns matched by their labels.",
    },
    "diff.column.table": {"nl": "tabel", "en": "table"},
    "diff.column.row": {"nl": "rij", "en": "row"},
    "diff.column.column": {"nl": "kolom", "en": "column"},
    "diff.column.old": {"nl": "oud", "en": "old"},
    "diff.column.new": {"nl": "nieuw", "en": "new"},
    "diff.absent": {"nl": "(ontbreekt)", "en": "(absent)"},
    "diff.row_number": {"nl": "rij {number}", "en": "row {number}"},
    "diff.structure": {"nl": "Tabellen en kolommen:", "en": "Tables and columns:"},
    "diff.table_added": {"nl": "tabel {table} erbij", "en": "table {table} added"},
    "diff.table_removed": {"nl": "tabel {table} vervallen", "en": "table {table} removed"},
    "diff.column_added": {
        "nl": "kolom {column} erbij in tabel {table}",
        "en": "column {column} added to table {table}",
    },
    "diff.column_removed": {
        "nl": "kolom {column} vervallen in tabel {table}",
        "en": "column {column} removed from table {table}",
    },
    "diff.figures": {
        "nl": "Figuren met andere inhoud (pixels vergeleken):",
        "en": "Figures whose content changed (pixels compared):",
    },
    "diff.figure_changed": {"nl": "{name}: gewijzigd", "en": "{name}: changed"},
    "diff.figure_added": {"nl": "{name}: erbij", "en": "{name}: added"},
    "diff.figure_removed": {"nl": "{name}: vervallen", "en": "{name}: removed"},
    "diff.settings": {"nl": "Parameters en invoer:", "en": "Parameters and inputs:"},
    "diff.parameter": {"nl": "parameter {name}: {old} → {new}", "en": "parameter {name}: {old} → {new}"},
    "diff.inputs": {
        "nl": "invoer met andere inhoud volgens de sleutel in de notebook: {parts}",
        "en": "inputs whose content differs by the key in the notebook: {parts}",
    },
    "diff.part.codings": {"nl": "coderingen", "en": "codings"},
    "diff.part.code": {"nl": "code", "en": "code"},
    "diff.part.data": {"nl": "data", "en": "data"},
}

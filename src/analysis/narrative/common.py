"""Words both reports share: the illustrative banner, the codings line, the sources panel.

Used by :mod:`analysis.report.common`; the municipal report and the annex show these the same way.
"""

from __future__ import annotations

PHRASES: dict[str, dict[str, str]] = {
    "common.banner.illustrative": {
        "nl": "Let op: de coderingen in dit rapport zijn illustratief: verzonnen voorbeeldgegevens, "
        "geen onderzoeksresultaat.",
        "en": "Note: the codings in this report are illustrative: made-up example data, not research findings.",
    },
    "common.codings.lead": {"nl": "Coderingen.", "en": "Codings."},
    "common.codings.origin": {
        "nl": "Bestand {file_name}, gecontroleerd tegen {codebook}.",
        "en": "File {file_name}, checked against {codebook}.",
    },
    "common.codings.counts": {
        "nl": "{n_read} coderingen gelezen: {n_accepted} aanvaard, {n_rejected} afgewezen.",
        "en": "{n_read} codings read: {n_accepted} accepted, {n_rejected} rejected.",
    },
    "common.codings.counts_one": {
        "nl": "{n_read} codering gelezen: {n_accepted} aanvaard, {n_rejected} afgewezen.",
        "en": "{n_read} coding read: {n_accepted} accepted, {n_rejected} rejected.",
    },
    "common.codings.rejected_hint": {
        "nl": "De afgewezen coderingen en de reden per coderingsregel toont: python -m analysis codings check "
        "<bestand>.",
        "en": "The rejected codings and the reason for each are listed by: python -m analysis codings check <file>.",
    },
    "common.codings.illustrative": {
        "nl": "Dit bestand is als illustratief gemarkeerd (verzonnen voorbeeldgegevens).",
        "en": "This file is marked as illustrative (made-up example data).",
    },
    "common.codings.no_codebook_version": {"nl": "het codeboek", "en": "the codebook"},
    "common.codings.own_project_codebook": {
        "nl": "het eigen codeboek van dat QDA-project",
        "en": "that QDA project's own codebook",
    },
    "common.codings.project_codebook": {
        "nl": "het eigen codeboek van het QDA-project {file_name}",
        "en": "the QDA project's own codebook in {file_name}",
    },
    "common.sources.heading": {"nl": "Bronnen", "en": "Sources"},
    "common.sources.intro": {
        "nl": "Elk cijfer in deze bijlage komt uit de onderstaande bestanden; hun controlegetal (sha256) staat "
        "in data/raw/MANIFEST.json.",
        "en": "Every figure in this annex comes from the files below; their checksums (sha256) are in "
        "data/raw/MANIFEST.json.",
    },
    "common.sources.source": {
        "nl": "{citation}. Origineel: {online}.",
        "en": "{citation}. Original: {online}.",
    },
    "common.sources.citation": {"nl": "Bron: {citation}", "en": "Source: {citation}"},
    "common.sources.file": {
        "nl": "{file}: opgehaald {retrieved} uit {origin}, sha256 {sha256}…",
        "en": "{file}: retrieved {retrieved} from {origin}, sha256 {sha256}…",
    },
    "common.sources.file_missing": {
        "nl": "{name}: geen bestanden in data/raw/MANIFEST.json; voer make data uit.",
        "en": "{name}: no files in data/raw/MANIFEST.json; run make data.",
    },
    "common.sources.provenance": {
        "nl": "Herkomst en controles: data/raw/{name}/PROVENANCE.md.",
        "en": "Origin and checks: data/raw/{name}/PROVENANCE.md.",
    },
}

"""Words of the provenance footer under every report: what the page was made from.

Used by :mod:`analysis.pipeline.provenance` when the executed notebook becomes HTML.
"""

from __future__ import annotations

PHRASES: dict[str, dict[str, str]] = {
    "provenance.heading": {"nl": "Herkomst van deze pagina", "en": "Provenance of this page"},
    "provenance.commit": {"nl": "Gemaakt met commit {commit}", "en": "Made with commit {commit}"},
    "provenance.commit_dirty": {
        "nl": "Gemaakt met commit {commit} (met niet-vastgelegde wijzigingen)",
        "en": "Made with commit {commit} (with uncommitted changes)",
    },
    "provenance.no_commit": {
        "nl": "Gemaakt met commit onbekend (geen git-repository)",
        "en": "Made with commit unknown (no git repository)",
    },
    "provenance.environment": {
        "nl": "Omgeving: requirements.lock sha256 {lock}; {packages}.",
        "en": "Environment: requirements.lock sha256 {lock}; {packages}.",
    },
    "provenance.no_lock": {"nl": "geen requirements.lock", "en": "no requirements.lock"},
    "provenance.key": {"nl": "Inhoudssleutel {digest}.", "en": "Content key {digest}."},
    "provenance.parameters": {"nl": "Parameters:", "en": "Parameters:"},
    "provenance.inputs": {"nl": "Invoer (sha256, eerste 12 tekens):", "en": "Inputs (sha256, first 12 characters):"},
}

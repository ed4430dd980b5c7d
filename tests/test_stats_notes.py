"""Every note and test code the statistics write is listed in ``stats.notes``; no prose in results."""

from __future__ import annotations

import re
from pathlib import Path

import analysis.stats
from analysis.stats import notes

STATS_DIR = Path(analysis.stats.__file__).parent


def _sources() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in STATS_DIR.glob("*.py")}


def test_every_note_code_is_documented() -> None:
    documented = set(re.findall(r"^``([a-z_]+)``\s", notes.__doc__ or "", flags=re.MULTILINE))
    used = {code for text in _sources().values() for code in re.findall(r'Note\(\s*"([a-z_]+)"', text)}
    assert used, "no Note(...) found: the pattern is out of date"
    assert used <= documented, f"undocumented note codes: {sorted(used - documented)}"


def test_every_test_code_is_documented() -> None:
    doc = notes.__doc__ or ""
    literal = {code for text in _sources().values() for code in re.findall(r'"test": "([a-z_0-9]+)"', text)}
    literal |= {f"{m}_{p}" for m in ("spearman", "kendall") for p in ("exact", "monte_carlo")}
    literal |= {f"{k}_ml" for k in ("logit", "poisson", "negbin")}
    for code in literal:
        assert f"``{code}``" in doc, code


def test_note_is_data() -> None:
    note = notes.Note("low_epv", {"epv": 3.5, "min_epv": 10})
    assert note == notes.Note("low_epv", {"epv": 3.5, "min_epv": 10})
    assert notes.codes([note]) == ["low_epv"] and str(note) == "low_epv(epv=3.5, min_epv=10)"

"""``index.html``: every report in the output folder, the annex first, with a search box."""

from __future__ import annotations

import html
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.pipeline.jobs import Job, RunSummary

if TYPE_CHECKING:
    import pandas as pd

ANNEX_SLUG = "annex"


def indexed_codes(codes: list[str], output_dir: Path, municipalities: pd.DataFrame, cases: pd.DataFrame) -> list[str]:
    """Every municipality with a report in ``output_dir`` or in this run: the twenty first, then by name.

    A run for a few municipalities must not hide the reports an earlier run left in the folder.
    """
    known = set(municipalities["gm_code"])
    present = {path.name.split("-", 1)[0] for path in output_dir.glob("GM*.html")} & known
    listed = set(codes) | present
    case_order = [code for code in cases["gm_code"] if code in listed]
    names = municipalities.set_index("gm_code")["gm_name"]
    others = sorted(listed - set(case_order), key=lambda code: (names[code], code))
    return case_order + others


def write_index(summary: RunSummary, jobs: list[Job]) -> Path:
    """``index.html``: the annex first, then every municipality with a search box."""
    status = {o.job.slug: o for o in summary.outcomes}
    out = summary.output_dir
    rows = []
    for job in jobs:
        if job.gm_code is None:
            continue
        outcome = status.get(job.slug)
        available = (out / f"{job.slug}.html").exists()
        link = (
            f'<a href="{html.escape(job.slug)}.html">{html.escape(job.title)}</a>'
            if available
            else html.escape(job.title)
        )
        note = (
            "mislukt: " + html.escape(outcome.error.splitlines()[0][:160])
            if outcome and outcome.status == "failed"
            else ""
        )
        rows.append(
            f'<tr data-search="{html.escape((job.title + " " + job.gm_code).lower())}">'
            f"<td>{link}</td><td>{job.gm_code}</td><td>{'ja' if job.is_case else ''}</td>"
            f'<td><a href="{html.escape(job.slug)}.ipynb">notebook</a></td><td class="note">{note}</td></tr>'
        )
    annex = (
        f'<p><a href="{ANNEX_SLUG}.html"><strong>Bijlage: de twintig gemeenten naast elkaar</strong></a>'
        + (f' (<a href="{ANNEX_SLUG}.pdf">PDF om te printen</a>)' if (out / f"{ANNEX_SLUG}.pdf").exists() else "")
        + "</p>"
        if (out / f"{ANNEX_SLUG}.html").exists()
        else ""
    )
    page = INDEX_TEMPLATE.format(
        count=len(rows), annex=annex, rows="\n".join(rows), generated=time.strftime("%Y-%m-%d %H:%M")
    )
    target = out / "index.html"
    partial = out / ".index.html.partial"
    partial.write_text(page, encoding="utf-8")
    os.replace(partial, target)
    return target


INDEX_TEMPLATE = """<!doctype html>
<html lang="nl"><head><meta charset="utf-8">
<title>Gemeenten in 3D — kwantitatieve bijlage</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }}
table {{ border-collapse: collapse; width: 100%; }}
td, th {{ text-align: left; padding: .25rem .6rem; border-bottom: 1px solid #eee; }}
input {{ font-size: 1rem; padding: .3rem; width: 20rem; }}
.note {{ color: #b00; font-size: .85rem; }}
</style></head>
<body>
<h1>Gemeenten in 3D — kwantitatieve bijlage</h1>
<p>Rapporten per gemeente (grenzen en kerncijfers van 1 januari 2017) en de bijlage over de twintig
gemeenten die de Raad voor het openbaar bestuur volgde. Gegenereerd {generated}.</p>
{annex}
<p><label>Zoek een gemeente: <input id="zoek" type="search" placeholder="naam of GM-code"></label>
<span id="aantal">{count}</span> rapporten</p>
<table><thead><tr><th>gemeente</th><th>code</th><th>een van de twintig</th><th>notebook</th><th></th></tr></thead>
<tbody id="rapporten">
{rows}
</tbody></table>
<script>
const box = document.getElementById('zoek');
box.addEventListener('input', () => {{
  const q = box.value.trim().toLowerCase();
  let n = 0;
  for (const tr of document.querySelectorAll('#rapporten tr')) {{
    const hit = tr.dataset.search.includes(q);
    tr.style.display = hit ? '' : 'none';
    if (hit) n++;
  }}
  document.getElementById('aantal').textContent = n;
}});
</script>
</body></html>
"""

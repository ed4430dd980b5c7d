"""``index.html``: the page a reviewer starts from.

The annex first, then every report in the output folder in a table with a search box, and beside it
a map of the Netherlands on which every rendered municipality links to its report
(:mod:`analysis.viz.index_map`). Words come from :mod:`analysis.narrative.index`; every text from the
inputs (names, errors, file names) is escaped, and links point only at files that exist beside the
page. The one script is the search box's, a constant of this module; the page's Content Security
Policy allows that script by its hash and nothing else, so a name that slipped through escaping could
still not run.
"""

from __future__ import annotations

import base64
import hashlib
import html
import os
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.core.format import Language, check_language
from analysis.narrative import say
from analysis.pipeline.jobs import Job, RunSummary

if TYPE_CHECKING:
    import pandas as pd

    from analysis.viz.index_map import OutlineMap

ANNEX_SLUG = "annex"
#: A report's file name stem as the runner writes it (``GM0599-rotterdam``); anything else is not linked.
_SAFE_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")

#: The search box's script: filters the table rows on name or code. No text from the inputs in it.
SEARCH_SCRIPT = """
const box = document.getElementById('zoek');
box.addEventListener('input', () => {
  const q = box.value.trim().toLowerCase();
  let n = 0;
  for (const tr of document.querySelectorAll('#rapporten tr')) {
    const hit = tr.dataset.search.includes(q);
    tr.style.display = hit ? '' : 'none';
    if (hit) n++;
  }
  document.getElementById('aantal').textContent = n;
});
"""
SEARCH_SCRIPT_HASH = "sha256-" + base64.b64encode(hashlib.sha256(SEARCH_SCRIPT.encode("utf-8")).digest()).decode()
#: Only the search script runs; no plugins, frames, forms or base URL; styles and figures from the page.
CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; script-src '{SEARCH_SCRIPT_HASH}'; style-src 'unsafe-inline'; "
    "img-src 'self'; base-uri 'none'; form-action 'none'"
)


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


def report_file(output_dir: Path, slug: str, suffix: str) -> str | None:
    """``<slug>.<suffix>`` when that file exists beside the index and its name is a plain file name."""
    name = f"{slug}.{suffix}"
    return name if _SAFE_SLUG.fullmatch(slug) and (output_dir / name).is_file() else None


def write_index(
    summary: RunSummary, jobs: list[Job], language: Language = "nl", outline_map: OutlineMap | None = None
) -> Path:
    """Write ``index.html`` into the run's output folder, atomically.

    Args:
        summary: the run, for its output folder and the failures to list.
        jobs: every report to list (the annex job is recognised by having no ``gm_code``).
        language: the page's language; Dutch unless the run asked for English.
        outline_map: the map's outlines; by default the processed geography of 2017, simplified.

    Returns:
        The path of the written page.
    """
    check_language(language)
    out = summary.output_dir
    municipal = [job for job in jobs if job.gm_code is not None]
    links = {job.gm_code: href for job in municipal if (href := report_file(out, job.slug, "html"))}
    twenty = {job.gm_code for job in municipal if job.is_case}
    page = INDEX_TEMPLATE.format(
        language=language,
        csp=html.escape(CONTENT_SECURITY_POLICY),
        title=html.escape(say("index.title", language)),
        intro=html.escape(say("index.intro", language, generated=time.strftime("%Y-%m-%d %H:%M"))),
        annex=_annex_html(out, language),
        search_label=html.escape(say("index.search_label", language)),
        placeholder=html.escape(say("index.search_placeholder", language)),
        count=len(municipal),
        report_count=html.escape(say("index.report_count", language)),
        header="".join(
            f"<th>{html.escape(say(f'index.column.{column}', language))}</th>"
            for column in ("municipality", "code", "is_case", "notebook")
        ),
        rows="\n".join(_row_html(job, summary, links, language) for job in municipal),
        map=_map_html(links, twenty, language, outline_map),
        script=SEARCH_SCRIPT,
    )
    target = out / "index.html"
    partial = out / ".index.html.partial"
    partial.write_text(page, encoding="utf-8")
    os.replace(partial, target)
    return target


def _annex_html(out: Path, language: Language) -> str:
    """The link to the annex (and its PDF), or nothing when it was not rendered."""
    annex = report_file(out, ANNEX_SLUG, "html")
    if annex is None:
        return ""
    pdf = report_file(out, ANNEX_SLUG, "pdf")
    pdf_link = f' (<a href="{pdf}">{html.escape(say("index.annex_pdf", language))}</a>)' if pdf else ""
    return f'<p><a href="{annex}"><strong>{html.escape(say("index.annex", language))}</strong></a>{pdf_link}</p>'


def _row_html(job: Job, summary: RunSummary, links: dict[str, str], language: Language) -> str:
    """One table row: the name (a link when rendered), code, whether one of the twenty, notebook, failure."""
    outcome = next((o for o in summary.outcomes if o.job.slug == job.slug), None)
    title = html.escape(job.title)
    href = links.get(job.gm_code or "")
    name = f'<a href="{html.escape(href)}">{title}</a>' if href else title
    notebook = report_file(summary.output_dir, job.slug, "ipynb")
    notebook_link = (
        f'<a href="{html.escape(notebook)}">{html.escape(say("index.column.notebook", language))}</a>'
        if notebook
        else ""
    )
    note = (
        html.escape(say("index.failed", language, error=outcome.error.splitlines()[0][:160]))
        if outcome and outcome.status == "failed" and outcome.error
        else ""
    )
    search_text = html.escape(f"{job.title} {job.gm_code}".lower())
    is_case = html.escape(say("index.yes", language)) if job.is_case else ""
    return (
        f'<tr data-search="{search_text}"><td>{name}</td><td>{html.escape(job.gm_code or "")}</td>'
        f'<td>{is_case}</td><td>{notebook_link}</td><td class="note">{note}</td></tr>'
    )


def _map_html(links: dict[str, str], twenty: set[str], language: Language, outline_map: OutlineMap | None) -> str:
    """The map of the Netherlands with its legend, hint and source line."""
    from analysis.viz.index_map import index_map_svg, legend_entries, simplify_outlines

    if outline_map is None:
        from analysis.geo.geography import load_municipalities

        outline_map = simplify_outlines(load_municipalities(["gm_code", "gm_name"]))
    legend = "".join(
        f'<li><span class="vlak" style="background:{colour}"></span>{html.escape(words)}</li>'
        for colour, words in legend_entries(outline_map, links, twenty, language)
    )
    return (
        f"{index_map_svg(outline_map, links, twenty, language)}"
        f'<ul class="legenda">{legend}</ul>'
        f'<p class="bron">{html.escape(say("index.map.hint", language))}<br>'
        f"{html.escape(say('index.map.source', language))}</p>"
    )


INDEX_TEMPLATE = """<!doctype html>
<html lang="{language}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 76rem; margin: 2rem auto; padding: 0 1rem; color: #222; }}
.zij-aan-zij {{ display: flex; flex-wrap: wrap; gap: 2rem; align-items: flex-start; }}
.lijst {{ flex: 1 1 28rem; }}
.kaartvak {{ flex: 0 1 30rem; position: sticky; top: 1rem; }}
.kaartvak svg {{ width: 100%; height: auto; }}
table {{ border-collapse: collapse; width: 100%; }}
td, th {{ text-align: left; padding: .25rem .6rem; border-bottom: 1px solid #eee; }}
input {{ font-size: 1rem; padding: .3rem; width: 20rem; max-width: 100%; }}
.note {{ color: #b00; font-size: .85rem; }}
.legenda {{ list-style: none; padding: 0; margin: .5rem 0; font-size: .9rem; }}
.legenda li {{ display: inline-block; margin-right: 1rem; }}
.vlak {{ display: inline-block; width: .9rem; height: .9rem; margin-right: .3rem; vertical-align: -.1rem; }}
.bron {{ color: #555; font-size: .8rem; }}
</style></head>
<body>
<h1>{title}</h1>
<p>{intro}</p>
{annex}
<div class="zij-aan-zij">
<div class="lijst">
<p><label>{search_label} <input id="zoek" type="search" placeholder="{placeholder}"></label>
<span id="aantal">{count}</span> {report_count}</p>
<table><thead><tr>{header}<th></th></tr></thead>
<tbody id="rapporten">
{rows}
</tbody></table>
</div>
<div class="kaartvak">
{map}
</div>
</div>
<script>{script}</script>
</body></html>
"""
